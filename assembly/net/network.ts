// The instance network: one handle for the whole program, taken on first use.
import { instance_network } from "../wasi/sockets/instance-network";

// @ts-ignore: decorator
@lazy let handle: u32 = 0;

export function theNetwork(): u32 {
  if (handle == 0) handle = instance_network();
  return handle;
}

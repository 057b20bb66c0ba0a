// Address helpers both socket types share.
import { IpSocketAddress } from "../wasi/address";
import { AF_INET } from "../defs/socket";

const ZERO_SEGMENTS: usize = memory.data(16);

/** Sets `a` to 0.0.0.0:0 or [::]:0: what POSIX binds to implicitly. */
export function setWildcard(a: IpSocketAddress, family: i32): void {
  if (family == AF_INET) a.setIpv4(0, 0, 0, 0, 0);
  else a.setIpv6(ZERO_SEGMENTS, 0, 0, 0);
}

/** A new unmanaged copy of `a` (free with heap.free). */
export function copyOf(a: IpSocketAddress): IpSocketAddress {
  const c = new IpSocketAddress();
  c.copyFrom(a);
  return c;
}

// shutdown(2)
import { SHUT_RD, SHUT_RDWR } from "../defs/socket";
import { EINVAL } from "../defs/errno";
import { socketOf } from "./fd";
import { fail, posixResult } from "./errno";

export function shutdown(fd: i32, how: i32): i32 {
  const sock = socketOf(fd);
  if (sock === null) return -1;
  if (how < SHUT_RD || how > SHUT_RDWR) return fail(EINVAL);
  return <i32>posixResult(sock.shutdown(how));
}

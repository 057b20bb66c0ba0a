// send(2)
import { MSG_DONTWAIT, MSG_NOSIGNAL } from "../defs/socket";
import { EFAULT, EOPNOTSUPP } from "../defs/errno";
import { socketOf } from "./fd";
import { fail, posixResult } from "./errno";
import { inMemory } from "./memory";

// MSG_NOSIGNAL is always in effect: WASI has no signals, a broken pipe is EPIPE.
const SEND_FLAGS = MSG_DONTWAIT | MSG_NOSIGNAL;

export function send(fd: i32, buf: usize, len: usize, flags: i32): isize {
  const sock = socketOf(fd);
  if (sock === null) return -1;
  if ((flags & ~SEND_FLAGS) != 0) return fail(EOPNOTSUPP);
  if (!inMemory(buf, len)) return fail(EFAULT);
  return posixResult(sock.send(buf, len, (flags & MSG_DONTWAIT) != 0));
}

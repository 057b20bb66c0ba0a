// recv(2)
import { MSG_DONTWAIT } from "../defs/socket";
import { EFAULT, EOPNOTSUPP } from "../defs/errno";
import { socketOf } from "./fd";
import { fail, posixResult } from "./errno";
import { inMemory } from "./memory";

// MSG_PEEK and MSG_WAITALL arrive with the message-I/O layer; MSG_OOB has no WASI counterpart.
const RECV_FLAGS = MSG_DONTWAIT;

export function recv(fd: i32, buf: usize, len: usize, flags: i32): isize {
  const sock = socketOf(fd);
  if (sock === null) return -1;
  if ((flags & ~RECV_FLAGS) != 0) return fail(EOPNOTSUPP);
  if (!inMemory(buf, len)) return fail(EFAULT);
  return posixResult(sock.receive(buf, len, (flags & MSG_DONTWAIT) != 0));
}

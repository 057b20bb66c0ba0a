// send(2), sendto(2)
import { MSG_DONTWAIT, MSG_NOSIGNAL, SOCK_DGRAM } from "../defs/socket";
import { EFAULT, EOPNOTSUPP } from "../defs/errno";
import { Socket } from "../net/socket";
import { single } from "../net/iolist";
import { socketOf } from "./fd";
import { fail, socketResult } from "./errno";
import { inMemory } from "./memory";
import { readDestination, ADDRESS } from "./sockaddr";

// MSG_NOSIGNAL is always in effect: WASI has no signals, a broken pipe is EPIPE.
// MSG_OOB, MSG_DONTROUTE and MSG_EOR have no WASI counterpart.
const SEND_FLAGS = MSG_DONTWAIT | MSG_NOSIGNAL;

/** Flags every send call accepts; 0, or EOPNOTSUPP with errno set. */
export function sendFlagsOk(flags: i32): bool {
  if ((flags & ~SEND_FLAGS) == 0) return true;
  fail(EOPNOTSUPP);
  return false;
}

export function send(fd: i32, buf: usize, len: usize, flags: i32): isize {
  return sendto(fd, buf, len, flags, 0, 0);
}

/**
 * The checks every send makes before the message, in Linux's order: the
 * descriptor, the implicit bind of a datagram socket, the flags.
 */
export function sendingSocket(fd: i32, flags: i32): Socket | null {
  const sock = socketOf(fd);
  if (sock === null) return null;
  const bound = sock.bindImplicitly();
  if (bound < 0) {
    fail(-bound);
    return null;
  }
  return sendFlagsOk(flags) ? sock : null;
}

export function sendto(fd: i32, buf: usize, len: usize, flags: i32, addr: usize, addrlen: u32): isize {
  const sock = sendingSocket(fd, flags);
  if (sock === null) return -1;
  if (!inMemory(buf, len)) return fail(EFAULT);
  const dest = readDestination(addr, addrlen, sock.family, sock.type == SOCK_DGRAM);
  if (dest < 0) return fail(-dest);
  return socketResult(sock, sock.send(single(buf, len), dest == 1 ? ADDRESS : null, flags));
}

/** For callers that already hold the socket (write). */
export function sendOn(sock: Socket, buf: usize, len: usize): isize {
  return socketResult(sock, sock.send(single(buf, len), null, 0));
}

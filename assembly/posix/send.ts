// send(2), sendto(2)
import { MSG_OOB, MSG_DONTROUTE, MSG_EOR, SOCK_DGRAM } from "../defs/socket";
import { EFAULT, EOPNOTSUPP } from "../defs/errno";
import { Socket } from "../net/socket";
import { single } from "../net/iolist";
import { socketOf } from "./fd";
import { fail, socketResult } from "./errno";
import { inMemory } from "./memory";
import { readDestination, ADDRESS } from "./sockaddr";

// MSG_OOB, MSG_DONTROUTE and MSG_EOR have no WASI counterpart: refused, as
// the spec says. Any other bit is ignored, as Linux ignores a flag that means
// nothing to the protocol (MSG_DONTWAIT is the one the sockets act on;
// MSG_NOSIGNAL is always in effect: WASI has no signals, a broken pipe is EPIPE).
const REFUSED_SEND_FLAGS = MSG_OOB | MSG_DONTROUTE | MSG_EOR;

/** Whether every send call may go on with `flags`; false with EOPNOTSUPP for a refused one. */
export function sendFlagsOk(flags: i32): bool {
  if ((flags & REFUSED_SEND_FLAGS) == 0) return true;
  fail(EOPNOTSUPP);
  return false;
}

/**
 * ssize_t send(int fd, const void *buf, size_t len, int flags);
 * `send(fd: i32, buf: usize, len: usize, flags: i32): isize` — sendto without a destination.
 * Errors: as sendto.
 */
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

/**
 * ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr, socklen_t addrlen);
 * `sendto(fd: i32, buf: usize, len: usize, flags: i32, addr: usize, addrlen: u32): isize` — TCP: bytes
 * (the address is ignored); UDP: one datagram (to `addr`, or the peer). MSG_OOB, MSG_DONTROUTE and MSG_EOR
 * are refused, other unknown flags ignored. Errors: EBADF, ENOTSOCK, EOPNOTSUPP, EFAULT, EINVAL,
 * EAFNOSUPPORT, ENETUNREACH, EDESTADDRREQ, EMSGSIZE, EPIPE, ECONNRESET, ECONNREFUSED, EAGAIN.
 */
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

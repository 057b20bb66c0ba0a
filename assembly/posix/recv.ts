// recv(2), recvfrom(2)
import { MSG_OOB, MSG_EOR, MSG_CMSG_CLOEXEC, MSG_TRUNC, SOCK_STREAM } from "../defs/socket";
import { EFAULT, EOPNOTSUPP } from "../defs/errno";
import { Socket, receivedFrom } from "../net/socket";
import { IoList, single } from "../net/iolist";
import { socketOf } from "./fd";
import { fail, socketResult } from "./errno";
import { inMemory } from "./memory";
import { checkAddressBuffer, writeSockaddr, ADDRESS } from "./sockaddr";

// MSG_OOB, MSG_EOR and MSG_CMSG_CLOEXEC have no WASI counterpart, and
// MSG_TRUNC only means something on a datagram socket (the spec: N/A on
// TCP): refused, as the spec says. Any other bit is ignored, as Linux ignores
// a flag that means nothing to the protocol (MSG_WAITALL on UDP, for one);
// the sockets act on MSG_DONTWAIT, MSG_PEEK, MSG_WAITALL and MSG_TRUNC.
const REFUSED_RECV_FLAGS = MSG_OOB | MSG_EOR | MSG_CMSG_CLOEXEC;

/** Whether `flags` suit this socket; false with EOPNOTSUPP for a refused one. */
export function recvFlagsOk(sock: Socket, flags: i32): bool {
  const refused = REFUSED_RECV_FLAGS | (sock.type == SOCK_STREAM ? MSG_TRUNC : 0);
  if ((flags & refused) == 0) return true;
  fail(EOPNOTSUPP);
  return false;
}

/**
 * ssize_t recv(int fd, void *buf, size_t len, int flags);
 * `recv(fd: i32, buf: usize, len: usize, flags: i32): isize` — recvfrom without a source.
 * Errors: as recvfrom.
 */
export function recv(fd: i32, buf: usize, len: usize, flags: i32): isize {
  return recvfrom(fd, buf, len, flags, 0, 0);
}

/**
 * ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *addr, socklen_t *addrlen);
 * `recvfrom(fd: i32, buf: usize, len: usize, flags: i32, addr: usize, addrlen: usize): isize` — TCP: bytes
 * (0 at EOF; a zero length still looks, as Linux); UDP: one datagram and its source. MSG_OOB, MSG_EOR,
 * MSG_CMSG_CLOEXEC and (TCP) MSG_TRUNC are refused, other unknown flags ignored. Errors: EBADF, ENOTSOCK,
 * EOPNOTSUPP, EFAULT, EINVAL, ENOTCONN, ECONNRESET, ECONNREFUSED, EAGAIN.
 */
export function recvfrom(fd: i32, buf: usize, len: usize, flags: i32, addr: usize, addrlen: usize): isize {
  const sock = socketOf(fd);
  if (sock === null || !recvFlagsOk(sock, flags)) return -1;
  if (!inMemory(buf, len)) return fail(EFAULT);
  const bad = checkAddressBuffer(addr, addrlen);
  if (bad < 0) return fail(-bad);
  const n = sock.receive(single(buf, len), flags, addr != 0 ? ADDRESS : null);
  if (n >= 0) reportSource(addr, addrlen);
  return socketResult(sock, n);
}

/** Writes the source of what was just received, or a zero length when the socket has none (TCP). */
export function reportSource(addr: usize, addrlen: usize): void {
  if (addr == 0) return;
  if (receivedFrom) writeSockaddr(ADDRESS, addr, addrlen);
  else store<u32>(addrlen, 0);
}

/**
 * read(2) and readv(2) on a socket: an empty request is 0 at once, before the
 * protocol looks (Linux's sock_read_iter): nothing is consumed and nothing
 * waited for, where recv of 0 bytes does look (and waits, or says EAGAIN).
 */
export function readSocket(sock: Socket, data: IoList): isize {
  if (data.total == 0) return 0;
  return socketResult(sock, sock.receive(data, 0, null));
}

// recv(2), recvfrom(2)
import { MSG_DONTWAIT, MSG_PEEK, MSG_WAITALL, MSG_TRUNC, SOCK_DGRAM } from "../defs/socket";
import { EFAULT, EOPNOTSUPP } from "../defs/errno";
import { Socket, receivedFrom } from "../net/socket";
import { single } from "../net/iolist";
import { socketOf } from "./fd";
import { fail, socketResult } from "./errno";
import { inMemory } from "./memory";
import { checkAddressBuffer, writeSockaddr, ADDRESS } from "./sockaddr";

// MSG_TRUNC only means something on a datagram socket (the spec: N/A on TCP);
// MSG_WAITALL is accepted on UDP and, as on Linux, changes nothing there.
// MSG_OOB, MSG_EOR and MSG_CMSG_CLOEXEC have no WASI counterpart.
const RECV_FLAGS = MSG_DONTWAIT | MSG_PEEK | MSG_WAITALL;

/** Whether `flags` (plus `extra` bits the call allows) suit this socket; EOPNOTSUPP otherwise. */
export function recvFlagsOk(sock: Socket, flags: i32, extra: i32 = 0): bool {
  const allowed = RECV_FLAGS | extra | (sock.type == SOCK_DGRAM ? MSG_TRUNC : 0);
  if ((flags & ~allowed) == 0) return true;
  fail(EOPNOTSUPP);
  return false;
}

export function recv(fd: i32, buf: usize, len: usize, flags: i32): isize {
  return recvfrom(fd, buf, len, flags, 0, 0);
}

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

/** For callers that already hold the socket (read). */
export function receiveOn(sock: Socket, buf: usize, len: usize): isize {
  return socketResult(sock, sock.receive(single(buf, len), 0, null));
}

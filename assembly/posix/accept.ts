// accept(2), accept4(2)
import { SOCK_NONBLOCK, SOCK_CLOEXEC } from "../defs/socket";
import { EINVAL, EOPNOTSUPP, EMFILE, EAGAIN } from "../defs/errno";
import { TcpSocket } from "../net/tcp";
import { lastError } from "../net/socket";
import { install } from "../net/descriptors";
import { socketOf } from "./fd";
import { fail } from "./errno";
import { checkAddressBuffer, writeSockaddr, ADDRESS } from "./sockaddr";

export function accept(fd: i32, addr: usize, addrlen: usize): i32 {
  return accept4(fd, addr, addrlen, 0);
}

export function accept4(fd: i32, addr: usize, addrlen: usize, flags: i32): i32 {
  if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) return fail(EINVAL);
  const sock = socketOf(fd);
  if (sock === null) return -1;
  if (!(sock instanceof TcpSocket)) return fail(EOPNOTSUPP);
  // Check the caller's buffers first: a connection taken from the queue must not be lost.
  const bad = checkAddressBuffer(addr, addrlen);
  if (bad < 0) return fail(-bad);
  const conn = changetype<TcpSocket>(sock).accept(addr != 0 ? ADDRESS : null);
  if (conn === null) {
    if (lastError == EAGAIN) sock.wouldBlocks++;
    return fail(lastError);
  }
  conn.nonblocking = (flags & SOCK_NONBLOCK) != 0;
  const newFd = install(conn, (flags & SOCK_CLOEXEC) != 0);
  if (newFd < 0) {
    conn.release();
    return fail(EMFILE);
  }
  writeSockaddr(ADDRESS, addr, addrlen);
  return newFd;
}

// getsockname(2), getpeername(2)
import { socketOf } from "./fd";
import { fail } from "./errno";
import { checkAddressBuffer, writeSockaddr, ADDRESS } from "./sockaddr";
import { EFAULT } from "../defs/errno";

export function getsockname(fd: i32, addr: usize, addrlen: usize): i32 {
  const sock = socketOf(fd);
  if (sock === null) return -1;
  if (addr == 0) return fail(EFAULT);
  const bad = checkAddressBuffer(addr, addrlen);
  if (bad < 0) return fail(-bad);
  const err = sock.localAddress(ADDRESS);
  if (err < 0) return fail(-err);
  writeSockaddr(ADDRESS, addr, addrlen);
  return 0;
}

export function getpeername(fd: i32, addr: usize, addrlen: usize): i32 {
  const sock = socketOf(fd);
  if (sock === null) return -1;
  if (addr == 0) return fail(EFAULT);
  const bad = checkAddressBuffer(addr, addrlen);
  if (bad < 0) return fail(-bad);
  const err = sock.remoteAddress(ADDRESS);
  if (err < 0) return fail(-err);
  writeSockaddr(ADDRESS, addr, addrlen);
  return 0;
}

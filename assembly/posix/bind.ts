// bind(2)
import { socketOf } from "./fd";
import { fail, posixResult } from "./errno";
import { readSockaddr, ADDRESS, AddressUse } from "./sockaddr";

export function bind(fd: i32, addr: usize, addrlen: u32): i32 {
  const sock = socketOf(fd);
  if (sock === null) return -1;
  const err = readSockaddr(addr, addrlen, sock.family, ADDRESS, AddressUse.Bind);
  if (err < 0) return fail(-err);
  return <i32>posixResult(sock.bind(ADDRESS));
}

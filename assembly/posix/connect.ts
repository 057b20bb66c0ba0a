// connect(2)
import { AF_UNSPEC } from "../defs/socket";
import { UdpSocket } from "../net/udp";
import { socketOf } from "./fd";
import { fail, posixResult } from "./errno";
import { inMemory } from "./memory";
import { readSockaddr, ADDRESS } from "./sockaddr";

export function connect(fd: i32, addr: usize, addrlen: u32): i32 {
  const sock = socketOf(fd);
  if (sock === null) return -1;
  // AF_UNSPEC dissolves a UDP socket's association (Linux).
  if (sock instanceof UdpSocket && addr != 0 && addrlen >= 2 && inMemory(addr, 2) && <i32>load<u16>(addr) == AF_UNSPEC) {
    return <i32>posixResult(changetype<UdpSocket>(sock).disconnect());
  }
  const err = readSockaddr(addr, addrlen, sock.family, ADDRESS);
  if (err < 0) return fail(-err);
  return <i32>posixResult(sock.connect(ADDRESS));
}

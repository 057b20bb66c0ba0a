// connect(2)
import { AF_UNSPEC, SOCK_DGRAM } from "../defs/socket";
import { EINVAL } from "../defs/errno";
import { socketOf } from "./fd";
import { fail, posixResult } from "./errno";
import { inMemory } from "./memory";
import { readSockaddr, ADDRESS, AddressUse } from "./sockaddr";

/**
 * int connect(int fd, const struct sockaddr *addr, socklen_t addrlen);
 * `connect(fd: i32, addr: usize, addrlen: u32): i32` — TCP: connects (blocking up to SO_SNDTIMEO, or
 * EINPROGRESS/EALREADY when non-blocking); UDP: sets the peer. AF_UNSPEC dissolves a UDP association or ends a TCP
 * connection. Errors: EBADF, ENOTSOCK, EFAULT, EINVAL, EAFNOSUPPORT, EISCONN, EALREADY, EINPROGRESS, ECONNREFUSED,
 * ECONNABORTED, ENETUNREACH, EHOSTUNREACH, ETIMEDOUT, EADDRINUSE, EADDRNOTAVAIL, EACCES.
 */
export function connect(fd: i32, addr: usize, addrlen: u32): i32 {
  const sock = socketOf(fd);
  if (sock === null) return -1;
  if (addr != 0 && addrlen > 0 && addrlen < 2) return fail(EINVAL);
  // AF_UNSPEC dissolves a UDP socket's association and ends a TCP connection (Linux).
  if (addr != 0 && addrlen >= 2 && inMemory(addr, 2) && <i32>load<u16>(addr) == AF_UNSPEC) {
    return <i32>posixResult(sock.disconnect());
  }
  // Linux binds a datagram socket before it looks at the address.
  const datagram = sock.type == SOCK_DGRAM;
  if (datagram) {
    const bound = sock.bindImplicitly();
    if (bound < 0) return fail(-bound);
  }
  const err = readSockaddr(addr, addrlen, sock.family, ADDRESS, datagram ? AddressUse.DatagramConnect : AddressUse.StreamConnect);
  if (err < 0) return fail(-err);
  return <i32>posixResult(sock.connect(ADDRESS));
}

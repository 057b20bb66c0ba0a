// socket(2)
import { AF_INET, AF_INET6, SOCK_STREAM, SOCK_DGRAM, SOCK_NONBLOCK, SOCK_CLOEXEC } from "../defs/socket";
import { IPPROTO_TCP, IPPROTO_UDP } from "../defs/in";
import { EAFNOSUPPORT, EPROTOTYPE, EPROTONOSUPPORT, EMFILE } from "../defs/errno";
import { openTcp } from "../net/tcp";
import { openUdp } from "../net/udp";
import { Socket, lastError } from "../net/socket";
import { install } from "../net/descriptors";
import { fail } from "./errno";

export function socket(domain: i32, type: i32, protocol: i32): i32 {
  if (domain != AF_INET && domain != AF_INET6) return fail(EAFNOSUPPORT);
  const flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC);
  const kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (kind != SOCK_STREAM && kind != SOCK_DGRAM) return fail(EPROTOTYPE);
  const expected = kind == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
  if (protocol != 0 && protocol != expected) return fail(EPROTONOSUPPORT);
  const sock: Socket | null = kind == SOCK_STREAM ? openTcp(domain) : openUdp(domain);
  if (sock === null) return fail(lastError);
  sock.nonblocking = (flags & SOCK_NONBLOCK) != 0;
  const fd = install(sock, (flags & SOCK_CLOEXEC) != 0);
  if (fd < 0) {
    sock.release();
    return fail(EMFILE);
  }
  return fd;
}

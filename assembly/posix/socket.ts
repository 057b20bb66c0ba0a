// socket(2)
import { AF_INET, AF_INET6, SOCK_STREAM, SOCK_DGRAM, SOCK_NONBLOCK, SOCK_CLOEXEC } from "../defs/socket";
import { IPPROTO_TCP, IPPROTO_UDP } from "../defs/in";
import { EAFNOSUPPORT, EINVAL, EPROTONOSUPPORT, EMFILE } from "../defs/errno";
import { openTcp } from "../net/tcp";
import { openUdp } from "../net/udp";
import { Socket, lastError } from "../net/socket";
import { install } from "../net/descriptors";
import { reapLingering } from "../net/linger";
import { fail } from "./errno";

/** Linux's IPPROTO_MAX: a protocol number outside [0, 263) is EINVAL, a known one of another type EPROTONOSUPPORT. */
const PROTOCOL_LIMIT: i32 = 263;

/**
 * int socket(int domain, int type, int protocol);
 * `socket(domain: i32, type: i32, protocol: i32): i32` — AF_INET or AF_INET6, SOCK_STREAM or SOCK_DGRAM (with
 * SOCK_NONBLOCK, SOCK_CLOEXEC), protocol 0 or the type's own. Errors: EAFNOSUPPORT (family), EINVAL (type, flags,
 * a protocol number out of range), EPROTONOSUPPORT (another type's protocol), EMFILE, EACCES, ENOMEM.
 */
export function socket(domain: i32, type: i32, protocol: i32): i32 {
  if (domain != AF_INET && domain != AF_INET6) return fail(EAFNOSUPPORT);
  const flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC);
  const kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (kind != SOCK_STREAM && kind != SOCK_DGRAM) return fail(EINVAL);
  if (protocol < 0 || protocol >= PROTOCOL_LIMIT) return fail(EINVAL);
  const expected = kind == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
  if (protocol != 0 && protocol != expected) return fail(EPROTONOSUPPORT);
  reapLingering();
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

// getaddrinfo(3), freeaddrinfo(3), gai_strerror(3), getnameinfo(3) on
// wasi:sockets/ip-name-lookup. Numeric hosts and services are parsed in the
// guest (no host call); malformed names are refused before the host sees
// them; results are sorted by RFC 6724's precedence. WASI has no reverse
// lookup: getnameinfo answers numerically, and NI_NAMEREQD is EAI_NONAME.
import {
  AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, AI_V4MAPPED, AI_ALL, AI_ADDRCONFIG, AI_NUMERICSERV,
  NI_NUMERICHOST, NI_NUMERICSERV, NI_NOFQDN, NI_NAMEREQD, NI_DGRAM,
  EAI_BADFLAGS, EAI_NONAME, EAI_AGAIN, EAI_FAIL, EAI_FAMILY, EAI_SOCKTYPE, EAI_SERVICE, EAI_ADDRFAMILY, EAI_MEMORY, EAI_SYSTEM, EAI_OVERFLOW,
  addrinfo, ADDRINFO_SIZE,
} from "../defs/netdb";
import { AF_UNSPEC, AF_INET, AF_INET6, SOCK_STREAM, SOCK_DGRAM } from "../defs/socket";
import { IPPROTO_TCP, IPPROTO_UDP, SOCKADDR_IN_SIZE, SOCKADDR_IN6_SIZE } from "../defs/in";
import { EFAULT } from "../defs/errno";
import { IpSocketAddress, ip_address_family } from "../wasi/address";
import { error_code } from "../wasi/sockets/network";
import { resolve, familyConfigured, LOOKUP_TIMED_OUT } from "../net/lookup";
import { isV4Mapped, mapV4 } from "../net/addresses";
import { errno_set } from "./errno";
import { validObject, inMemory } from "./memory";
import { cstrlen, parseIpv4Loose, parseIpv6, formatIpv4, formatIpv6 } from "./inet";
import { servicePort, serviceProtocols, serviceName, SERVICE_TCP, SERVICE_UDP } from "./services";

const KNOWN_FLAGS = AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL | AI_ADDRCONFIG | AI_NUMERICSERV;
const SCRATCH: usize = memory.data(16, 4);

/** What one getaddrinfo call asked for. */
class Request {
  flags: i32 = 0;
  family: i32 = AF_UNSPEC;
  socktype: i32 = 0;
  protocol: i32 = 0;
  port: u16 = 0;
  /** TCP/UDP bits the service exists for. */
  serviceProtocols: i32 = SERVICE_TCP | SERVICE_UDP;
  /** The host was a numeric address (no lookup). */
  literal: bool = false;
}

export function getaddrinfo(node: usize, service: usize, hints: usize, res: usize): i32 {
  if (!validObject(res, 4)) return systemError(EFAULT);
  const req = new Request();
  if (hints != 0) {
    if (!validObject(hints, ADDRINFO_SIZE)) return systemError(EFAULT);
    const h = changetype<addrinfo>(hints);
    req.flags = h.ai_flags;
    req.family = h.ai_family;
    req.socktype = h.ai_socktype;
    req.protocol = h.ai_protocol;
  }
  const checked = checkHints(req, node);
  if (checked != 0) return checked;
  if (node == 0 && service == 0) return EAI_NONAME;
  if (service != 0) {
    const err = readService(req, service);
    if (err != 0) return err;
  }
  const found = new Array<IpSocketAddress>();
  const err = node == 0 ? defaultHosts(req, found) : hostsOf(req, node, found);
  if (err == 0) {
    filterAndSort(req, found);
    // glibc: a numeric host of another family than asked for is EAI_ADDRFAMILY.
    if (found.length == 0) return req.literal ? EAI_ADDRFAMILY : EAI_NONAME;
    store<usize>(res, buildList(req, node, found));
  }
  for (let i = 0; i < found.length; i++) heap.free(changetype<usize>(found[i]));
  return err;
}

function systemError(errno: i32): i32 {
  errno_set(errno);
  return EAI_SYSTEM;
}

function checkHints(req: Request, node: usize): i32 {
  if ((req.flags & ~KNOWN_FLAGS) != 0) return EAI_BADFLAGS;
  if ((req.flags & AI_CANONNAME) != 0 && node == 0) return EAI_BADFLAGS;
  if (req.family != AF_UNSPEC && req.family != AF_INET && req.family != AF_INET6) return EAI_FAMILY;
  if (req.socktype != 0 && req.socktype != SOCK_STREAM && req.socktype != SOCK_DGRAM) return EAI_SOCKTYPE;
  if (req.protocol == IPPROTO_TCP) {
    if (req.socktype == SOCK_DGRAM) return EAI_SOCKTYPE;
    req.socktype = SOCK_STREAM;
  } else if (req.protocol == IPPROTO_UDP) {
    if (req.socktype == SOCK_STREAM) return EAI_SOCKTYPE;
    req.socktype = SOCK_DGRAM;
  } else if (req.protocol != 0) return EAI_SOCKTYPE;
  return 0;
}

/** A port number, or a name from the service table for the socket types asked for. */
function readService(req: Request, service: usize): i32 {
  const len = cstrlen(service);
  if (len < 0) return EAI_SERVICE;
  // glibc: an empty service is port 0.
  let numeric = true;
  let port = 0;
  for (let i = 0; i < len && numeric; i++) {
    const c = <i32>load<u8>(service + <usize>i);
    if (c < 48 || c > 57) numeric = false;
    else port = min(port * 10 + c - 48, 65536);
  }
  if (numeric) {
    if (port > 65535) return EAI_SERVICE;
    req.port = <u16>port;
    return 0;
  }
  if ((req.flags & AI_NUMERICSERV) != 0) return EAI_NONAME;
  const name = String.UTF8.decodeUnsafe(service, <usize>len);
  const wanted = req.socktype == SOCK_STREAM ? SERVICE_TCP : req.socktype == SOCK_DGRAM ? SERVICE_UDP : SERVICE_TCP | SERVICE_UDP;
  const p = servicePort(name, wanted);
  if (p < 0) return EAI_SERVICE;
  req.port = <u16>p;
  req.serviceProtocols = serviceProtocols(name) & wanted;
  return 0;
}

const LOOPBACK6: usize = memory.data<u16>([0, 0, 0, 0, 0, 0, 0, 1]);
const ZERO6: usize = memory.data(16);

/** A NULL node: the wildcard (AI_PASSIVE) or loopback addresses of the families asked for. */
function defaultHosts(req: Request, out: IpSocketAddress[]): i32 {
  const passive = (req.flags & AI_PASSIVE) != 0;
  if (req.family != AF_INET) {
    const a = new IpSocketAddress();
    a.setIpv6(passive ? ZERO6 : LOOPBACK6, 0, 0, 0);
    out.push(a);
  }
  if (req.family != AF_INET6) {
    const a = new IpSocketAddress();
    if (passive) a.setIpv4(0, 0, 0, 0, 0);
    else a.setIpv4(127, 0, 0, 1, 0);
    out.push(a);
  }
  return 0;
}

/** A numeric host parsed here, or a name the host resolves. */
function hostsOf(req: Request, node: usize, out: IpSocketAddress[]): i32 {
  const len = cstrlen(node);
  if (len < 0) return systemError(EFAULT);
  const literal = numericHost(node, len);
  if (literal !== null) {
    out.push(literal);
    req.literal = true;
    return 0;
  }
  if ((req.flags & AI_NUMERICHOST) != 0) return EAI_NONAME;
  if (!plausibleName(node, len)) return EAI_NONAME;
  const r = resolve(node, <u32>len, out);
  if (r == 0) return 0;
  if (r == LOOKUP_TIMED_OUT) return EAI_AGAIN;
  const code = <u8>(-r - 1);
  if (code == error_code.name_unresolvable || code == error_code.invalid_argument) return EAI_NONAME;
  if (code == error_code.temporary_resolver_failure) return EAI_AGAIN;
  if (code == error_code.out_of_memory) return EAI_MEMORY;
  return EAI_FAIL; // permanent-resolver-failure, access-denied (no lookup permission), others
}

/** inet_aton's IPv4 forms or an IPv6 literal with an optional numeric %scope; null for a name. */
function numericHost(s: usize, len: i32): IpSocketAddress | null {
  if (parseIpv4Loose(s, len, SCRATCH)) {
    const a = new IpSocketAddress();
    a.setIpv4(load<u8>(SCRATCH), load<u8>(SCRATCH, 1), load<u8>(SCRATCH, 2), load<u8>(SCRATCH, 3), 0);
    return a;
  }
  let end = 0;
  while (end < len && load<u8>(s + <usize>end) != 37) end++; // '%'
  if (!parseIpv6(s, end, SCRATCH)) return null;
  let scope: u32 = 0;
  if (end < len) {
    if (end + 1 == len) return null;
    for (let i = end + 1; i < len; i++) {
      const c = <u32>load<u8>(s + <usize>i);
      if (c - 48 >= 10) return null; // interface names need if_nametoindex: not in WASI
      scope = scope * 10 + (c - 48);
    }
  }
  const segments = memory.data(16, 2);
  for (let k = 0; k < 8; k++) store<u16>(segments + <usize>k * 2, bswap<u16>(load<u16>(SCRATCH + <usize>k * 2)));
  const a = new IpSocketAddress();
  a.setIpv6(segments, 0, 0, scope);
  return a;
}

/** Whether `s` can be a host name: letters, digits, '-', '_', dot-separated labels of 1..63, at most 253 in all. */
function plausibleName(s: usize, len: i32): bool {
  if (len == 0 || len > 254) return false;
  if (load<u8>(s + <usize>(len - 1)) == 46) len--; // one trailing dot
  if (len == 0 || len > 253) return false;
  let label = 0;
  for (let i = 0; i < len; i++) {
    const c = <u32>load<u8>(s + <usize>i);
    if (c == 46) {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    const ok = c - 48 < 10 || (c | 32) - 97 < 26 || c == 45 || c == 95 || c >= 128;
    if (!ok || ++label > 63) return false;
  }
  return label > 0;
}

/** Keeps the families asked for (mapping IPv4 under AI_V4MAPPED), applies AI_ADDRCONFIG, orders by RFC 6724. */
function filterAndSort(req: Request, found: IpSocketAddress[]): void {
  const kept = new Array<IpSocketAddress>();
  let anyV6 = false;
  for (let i = 0; i < found.length; i++) if (found[i].family == ip_address_family.ipv6) anyV6 = true;
  for (let i = 0; i < found.length; i++) {
    const a = found[i];
    const v4 = a.family == ip_address_family.ipv4;
    let keep = req.family == AF_UNSPEC || (req.family == AF_INET) == v4;
    if (v4 && req.family == AF_INET6 && (req.flags & AI_V4MAPPED) != 0 && (!anyV6 || (req.flags & AI_ALL) != 0)) {
      mapV4(a);
      keep = true;
    }
    if (keep && (req.flags & AI_ADDRCONFIG) != 0 && !familyConfigured(v4 ? AF_INET : AF_INET6)) keep = false;
    if (keep) kept.push(a);
    else heap.free(changetype<usize>(a));
  }
  // Stable insertion sort, highest precedence first.
  for (let i = 1; i < kept.length; i++) {
    const a = kept[i];
    const p = precedence(a);
    let j = i - 1;
    while (j >= 0 && precedence(kept[j]) < p) {
      kept[j + 1] = kept[j];
      j--;
    }
    kept[j + 1] = a;
  }
  found.length = 0;
  for (let i = 0; i < kept.length; i++) found.push(kept[i]);
}

/** RFC 6724 section 2.1's default policy table: an address's precedence. */
function precedence(a: IpSocketAddress): i32 {
  if (a.family == ip_address_family.ipv4 || isV4Mapped(a)) return 35;
  const s0 = a.ipv6Segment(0), s1 = a.ipv6Segment(1);
  let zeros6 = true;
  for (let k = 0; k < 6; k++) if (a.ipv6Segment(k) != 0) zeros6 = false;
  if (zeros6 && a.ipv6Segment(6) == 0 && a.ipv6Segment(7) == 1) return 50; // ::1
  if (s0 == 0x2002) return 30;
  if (s0 == 0x2001 && s1 == 0) return 5; // Teredo
  if ((s0 & 0xfe00) == 0xfc00) return 3; // ULA
  if (zeros6) return 1; // IPv4-compatible
  if ((s0 & 0xffc0) == 0xfec0 || s0 == 0x3ffe) return 1; // site-local, 6bone
  return 40;
}

/** One addrinfo per address and socket type, each with its sockaddr in the same block. */
function buildList(req: Request, node: usize, found: IpSocketAddress[]): usize {
  let first: usize = 0;
  let last: usize = 0;
  for (let i = 0; i < found.length; i++) {
    for (let t = 0; t < 2; t++) {
      const socktype = t == 0 ? SOCK_STREAM : SOCK_DGRAM;
      if (req.socktype != 0 && req.socktype != socktype) continue;
      if ((req.serviceProtocols & (t == 0 ? SERVICE_TCP : SERVICE_UDP)) == 0) continue;
      const block = heap.alloc(ADDRINFO_SIZE + 32);
      memory.fill(block, 0, ADDRINFO_SIZE + 32);
      const ai = changetype<addrinfo>(block);
      const a = found[i];
      const v4 = a.family == ip_address_family.ipv4;
      ai.ai_family = v4 ? AF_INET : AF_INET6;
      ai.ai_socktype = socktype;
      ai.ai_protocol = t == 0 ? IPPROTO_TCP : IPPROTO_UDP;
      ai.ai_addrlen = v4 ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE;
      ai.ai_addr = block + ADDRINFO_SIZE;
      writeAddress(a, req.port, ai.ai_addr);
      if (first == 0) {
        first = block;
        if ((req.flags & AI_CANONNAME) != 0) ai.ai_canonname = copyCString(node);
      } else {
        changetype<addrinfo>(last).ai_next = block;
      }
      last = block;
    }
  }
  return first;
}

function writeAddress(a: IpSocketAddress, port: u16, at: usize): void {
  store<u16>(at + 2, bswap<u16>(port));
  if (a.family == ip_address_family.ipv4) {
    store<u16>(at, <u16>AF_INET);
    memory.copy(at + 4, a.bytes, 4);
  } else {
    store<u16>(at, <u16>AF_INET6);
    for (let k = 0; k < 8; k++) store<u16>(at + 8 + <usize>k * 2, bswap<u16>(a.ipv6Segment(k)));
    store<u32>(at + 24, a.scopeId);
  }
}

function copyCString(s: usize): usize {
  const len = cstrlen(s);
  const copy = heap.alloc(<usize>len + 1);
  memory.copy(copy, s, <usize>len + 1);
  return copy;
}

export function freeaddrinfo(ai: usize): void {
  while (ai != 0) {
    const next = changetype<addrinfo>(ai).ai_next;
    const canon = changetype<addrinfo>(ai).ai_canonname;
    if (canon != 0) heap.free(canon);
    heap.free(ai);
    ai = next;
  }
}

export function gai_strerror(code: i32): string {
  switch (code) {
    case 0: return "Success";
    case EAI_BADFLAGS: return "Invalid flags";
    case EAI_NONAME: return "Name does not resolve";
    case EAI_AGAIN: return "Try again";
    case EAI_FAIL: return "Non-recoverable error";
    case EAI_FAMILY: return "Unrecognized address family or invalid length";
    case EAI_SOCKTYPE: return "Unrecognized socket type";
    case EAI_SERVICE: return "Unrecognized service";
    case EAI_ADDRFAMILY: return "Address family for hostname not supported";
    case EAI_MEMORY: return "Out of memory";
    case EAI_SYSTEM: return "System error";
    case EAI_OVERFLOW: return "Overflow";
    default: return "Unknown error";
  }
}

// ---- getnameinfo -----------------------------------------------------------------------------

const NI_FLAGS = NI_NUMERICHOST | NI_NUMERICSERV | NI_NOFQDN | NI_NAMEREQD | NI_DGRAM;
const TEXT: usize = memory.data(80);

export function getnameinfo(sa: usize, salen: u32, host: usize, hostlen: u32, serv: usize, servlen: u32, flags: i32): i32 {
  if ((flags & ~NI_FLAGS) != 0) return EAI_BADFLAGS;
  if (!validObject(sa, 2)) return EAI_FAMILY;
  const family = <i32>load<u16>(sa);
  if (family == AF_INET ? salen < SOCKADDR_IN_SIZE : family == AF_INET6 ? salen < 28 : true) return EAI_FAMILY;
  if (!inMemory(sa, salen)) return EAI_FAMILY;
  if (host != 0 && hostlen > 0) {
    // WASI has no reverse lookup: a name is never found.
    if ((flags & NI_NAMEREQD) != 0) return EAI_NONAME;
    let n = family == AF_INET ? formatIpv4(sa + 4, TEXT) : formatIpv6(sa + 8, TEXT);
    const scope = family == AF_INET6 ? load<u32>(sa, 24) : 0;
    if (scope != 0) {
      store<u8>(TEXT + <usize>n, 37); // '%'
      n++;
      const digits = scope.toString();
      for (let i = 0; i < digits.length; i++) store<u8>(TEXT + <usize>(n + i), <u8>digits.charCodeAt(i));
      n += digits.length;
      store<u8>(TEXT + <usize>n, 0);
    }
    const err = copyOut(host, hostlen, TEXT, n);
    if (err != 0) return err;
  }
  if (serv != 0 && servlen > 0) {
    const port = bswap<u16>(load<u16>(sa, 2));
    const name: string | null = (flags & NI_NUMERICSERV) != 0 ? null : serviceName(port, (flags & NI_DGRAM) != 0);
    const text: string = name !== null ? name : (<u32>port).toString();
    const bytes = String.UTF8.encode(text, true);
    const err = copyOut(serv, servlen, changetype<usize>(bytes), bytes.byteLength - 1);
    if (err != 0) return err;
  }
  return 0;
}

/** Copies `n` bytes and a NUL to a caller's buffer of `cap` bytes; EAI_OVERFLOW if it does not fit. */
function copyOut(dst: usize, cap: u32, src: usize, n: i32): i32 {
  if (<u32>n + 1 > cap) return EAI_OVERFLOW;
  if (!inMemory(dst, <usize>n + 1)) return systemError(EFAULT);
  memory.copy(dst, src, <usize>n);
  store<u8>(dst + <usize>n, 0);
  return 0;
}

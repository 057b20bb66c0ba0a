// The AssemblyScript half of the differential suite's helpers: each is the
// twin of the same name in ../c/harness.c, so a case reads the same in both
// languages. See ../README.md.
import {
  socket, bind, SOL_SOCKET, listen, accept, connect, send, close, getsockname, getpeername, getsockopt, setsockopt, poll, fcntl,
  inet_ntop, pollfd, errno,
  AF_INET, AF_INET6, AF_UNSPEC, SOCK_STREAM, SOCK_DGRAM, F_GETFL, F_SETFL, O_NONBLOCK, MSG_DONTWAIT,
  POLLIN, POLLOUT, POLLPRI, POLLERR, POLLHUP, POLLNVAL, POLLRDHUP,
  EPOLLIN, EPOLLPRI, EPOLLOUT, EPOLLERR, EPOLLHUP, EPOLLRDNORM, EPOLLWRNORM, EPOLLRDHUP,
  MSG_OOB, MSG_PEEK, MSG_DONTROUTE, MSG_CTRUNC, MSG_TRUNC, MSG_EOR, MSG_WAITALL, MSG_NOSIGNAL,
  EAGAIN, EWOULDBLOCK, htons, ntohs, ntohl,
} from "as-posix-sockets";
import { now as monotonic_now } from "as-posix-sockets/assembly/wasi/clocks/monotonic-clock";

export class Case {
  constructor(public name: string, public fn: () => void) {}
}
export function C(name: string, fn: () => void): Case {
  return new Case(name, fn);
}

export const SIN: u32 = 16;
export const SIN6: u32 = 32;
export const BUF: usize = memory.data(131072, 16);
export const OUT: usize = memory.data(131072, 16);

// ---- answers -------------------------------------------------------------------------
let current = "";
let answer = "";
let openLine = false;

function flushLine(): void {
  if (openLine) console.log(current + ":" + answer);
  openLine = false;
}

export function line(name: string): void {
  flushLine();
  current = name;
  answer = "";
  openLine = true;
}

export function put(token: string): void {
  answer += " " + token;
}

export function endCase(): void {
  flushLine();
}

// wasi-libc's numbering, index = errno.
const ERRNO_NAMES: string[] = [
  "0", "E2BIG", "EACCES", "EADDRINUSE", "EADDRNOTAVAIL", "EAFNOSUPPORT", "EAGAIN", "EALREADY", "EBADF", "EBADMSG",
  "EBUSY", "ECANCELED", "ECHILD", "ECONNABORTED", "ECONNREFUSED", "ECONNRESET", "EDEADLK", "EDESTADDRREQ", "EDOM",
  "EDQUOT", "EEXIST", "EFAULT", "EFBIG", "EHOSTUNREACH", "EIDRM", "EILSEQ", "EINPROGRESS", "EINTR", "EINVAL", "EIO",
  "EISCONN", "EISDIR", "ELOOP", "EMFILE", "EMLINK", "EMSGSIZE", "EMULTIHOP", "ENAMETOOLONG", "ENETDOWN", "ENETRESET",
  "ENETUNREACH", "ENFILE", "ENOBUFS", "ENODEV", "ENOENT", "ENOEXEC", "ENOLCK", "ENOLINK", "ENOMEM", "ENOMSG",
  "ENOPROTOOPT", "ENOSPC", "ENOSYS", "ENOTCONN", "ENOTDIR", "ENOTEMPTY", "ENOTRECOVERABLE", "ENOTSOCK", "EOPNOTSUPP",
  "ENOTTY", "ENXIO", "EOVERFLOW", "EOWNERDEAD", "EPERM", "EPIPE", "EPROTO", "EPROTONOSUPPORT", "EPROTOTYPE", "ERANGE",
  "EROFS", "ESPIPE", "ESRCH", "ESTALE", "ETIMEDOUT", "ETXTBSY", "EXDEV", "ENOTCAPABLE",
];

export function E(e: i32): string {
  return e >= 0 && e < ERRNO_NAMES.length ? ERRNO_NAMES[e] : "E?";
}

export function R(r: isize): string {
  return r == -1 ? "-1/" + E(errno) : r.toString();
}

export function N(n: i64): string {
  return n.toString();
}

function bits(v: u32, values: u32[], names: string[]): string {
  let s = "";
  for (let i = 0; i < values.length; i++) {
    if ((v & values[i]) != 0) {
      if (s.length > 0) s += "|";
      s += names[i];
      v &= ~values[i];
    }
  }
  if (v != 0) s += (s.length > 0 ? "|" : "") + "0x" + v.toString(16);
  return s.length > 0 ? s : "0";
}

export function P(revents: i32): string {
  return bits(<u32>(<u16>revents),
    [<u32>(<u16>POLLIN), <u32>(<u16>POLLPRI), <u32>(<u16>POLLOUT), <u32>(<u16>POLLERR), <u32>(<u16>POLLHUP), <u32>(<u16>POLLNVAL), <u32>(<u16>POLLRDHUP)],
    ["IN", "PRI", "OUT", "ERR", "HUP", "NVAL", "RDHUP"]);
}

export function EV(events: u32): string {
  return bits(events, [EPOLLIN, EPOLLPRI, EPOLLOUT, EPOLLERR, EPOLLHUP, EPOLLRDNORM, EPOLLWRNORM, EPOLLRDHUP],
    ["IN", "PRI", "OUT", "ERR", "HUP", "RDNORM", "WRNORM", "RDHUP"]);
}

export function MF(flags: i32): string {
  return bits(<u32>flags,
    [<u32>MSG_OOB, <u32>MSG_PEEK, <u32>MSG_DONTROUTE, <u32>MSG_CTRUNC, <u32>MSG_TRUNC, <u32>MSG_DONTWAIT, <u32>MSG_EOR, <u32>MSG_WAITALL, <u32>MSG_NOSIGNAL],
    ["OOB", "PEEK", "DONTROUTE", "CTRUNC", "TRUNC", "DONTWAIT", "EOR", "WAITALL", "NOSIGNAL"]);
}

export function S(text: string): string {
  return text.length > 0 ? text.replaceAll(" ", "_") : "''";
}

export function BYTES(p: usize, n: i32): string {
  if (n > 200) n = 200;
  if (n <= 0) return "''";
  let s = "";
  for (let i = 0; i < n; i++) {
    const b = load<u8>(p + <usize>i);
    s += (b < 16 ? "0" : "") + b.toString(16);
  }
  return s;
}

// Ports are ephemeral: a name shows a port by its label, "0", or "eph".
const labelledPort: i32[] = [];
const labels: string[] = [];

export function label(port: i32, tag: string): void {
  const i = labelledPort.indexOf(port);
  if (i >= 0) {
    labels[i] = tag;
    return;
  }
  labelledPort.push(port);
  labels.push(tag);
}

export function clearLabels(): void {
  labelledPort.length = 0;
  labels.length = 0;
}

function portName(port: i32): string {
  if (port == 0) return "0";
  const i = labelledPort.indexOf(port);
  return i >= 0 ? labels[i] : "eph";
}

const IP = memory.data(64);

function ntop(family: i32, src: usize): string {
  inet_ntop(family, src, IP, 64);
  let n = 0;
  while (load<u8>(IP + <usize>n) != 0) n++;
  return String.UTF8.decodeUnsafe(IP, n);
}

export function FAMILY(sa: usize): string {
  const f = <i32>load<u16>(sa);
  return f == AF_INET ? "AF_INET" : f == AF_INET6 ? "AF_INET6" : f == AF_UNSPEC ? "AF_UNSPEC" : f.toString();
}

export function NAME(sa: usize, len: u32): string {
  if (len == 0) return "len=0";
  const family = <i32>load<u16>(sa);
  if (family == AF_INET && len >= SIN) {
    return ntop(AF_INET, sa + 4) + ":" + portName(<i32>ntohs(load<u16>(sa, 2)));
  }
  if (family == AF_INET6 && len >= 28) {
    return "[" + ntop(AF_INET6, sa + 8) + "]:" + portName(<i32>ntohs(load<u16>(sa, 2)))
      + "/fl=" + ntohl(load<u32>(sa, 4)).toString() + "/sc=" + load<u32>(sa, 24).toString();
  }
  if (family == AF_UNSPEC) return "unspec/len=" + len.toString();
  return "family=" + family.toString() + "/len=" + len.toString();
}

const NAME_BUF = memory.data(128, 16);
const NAME_LEN = memory.data(4, 4);

function nameVia(fd: i32, peer: bool): string {
  memory.fill(NAME_BUF, 0, 128);
  store<u32>(NAME_LEN, 128);
  const r = peer ? getpeername(fd, NAME_BUF, NAME_LEN) : getsockname(fd, NAME_BUF, NAME_LEN);
  if (r != 0) return R(r);
  return NAME(NAME_BUF, load<u32>(NAME_LEN));
}

export function LOCAL(fd: i32): string { return nameVia(fd, false); }
export function PEER(fd: i32): string { return nameVia(fd, true); }

// ---- sockets -------------------------------------------------------------------------
export function tcp4(): i32 { return socket(AF_INET, SOCK_STREAM, 0); }
export function tcp6(): i32 { return socket(AF_INET6, SOCK_STREAM, 0); }
export function udp4(): i32 { return socket(AF_INET, SOCK_DGRAM, 0); }
export function udp6(): i32 { return socket(AF_INET6, SOCK_DGRAM, 0); }

export function nb(fd: i32): i32 {
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK);
  return fd;
}

const ADDRS = memory.data(16 * 32, 16);
let nextAddr = 0;

function addrSlot(): usize {
  const a = ADDRS + <usize>nextAddr * 32;
  nextAddr = (nextAddr + 1) % 16;
  memory.fill(a, 0, 32);
  return a;
}

export function v4(a: i32, b: i32, c: i32, d: i32, port: i32): usize {
  const s = addrSlot();
  store<u16>(s, <u16>AF_INET);
  store<u16>(s, htons(<u16>port), 2);
  store<u8>(s, <u8>a, 4);
  store<u8>(s, <u8>b, 5);
  store<u8>(s, <u8>c, 6);
  store<u8>(s, <u8>d, 7);
  return s;
}

export function lo4(port: i32): usize { return v4(127, 0, 0, 1, port); }
export function any4(port: i32): usize { return v4(0, 0, 0, 0, port); }

export function lo6(port: i32): usize {
  const s = any6(port);
  store<u8>(s, 1, 8 + 15);
  return s;
}

export function any6(port: i32): usize {
  const s = addrSlot();
  store<u16>(s, <u16>AF_INET6);
  store<u16>(s, htons(<u16>port), 2);
  return s;
}

export function mapped6(a: i32, b: i32, c: i32, d: i32, port: i32): usize {
  const s = any6(port);
  store<u8>(s, 0xff, 8 + 10);
  store<u8>(s, 0xff, 8 + 11);
  store<u8>(s, <u8>a, 8 + 12);
  store<u8>(s, <u8>b, 8 + 13);
  store<u8>(s, <u8>c, 8 + 14);
  store<u8>(s, <u8>d, 8 + 15);
  return s;
}

export function port_of(fd: i32): i32 {
  store<u32>(NAME_LEN, 128);
  if (getsockname(fd, NAME_BUF, NAME_LEN) != 0) return -1;
  return <i32>ntohs(load<u16>(NAME_BUF, 2));
}

export function listener4(): i32 {
  const l = tcp4();
  bind(l, lo4(0), SIN);
  listen(l, 16);
  return l;
}

export function listener6(): i32 {
  const l = tcp6();
  bind(l, lo6(0), SIN6);
  listen(l, 16);
  return l;
}

export function connect4(port: i32): i32 {
  const c = tcp4();
  connect(c, lo4(port), SIN);
  return c;
}

export function accept_one(l: i32): i32 {
  if (!readable(l, 2000)) return -1;
  return accept(l, 0, 0);
}

export function closed_port(): i32 {
  const s = tcp4();
  bind(s, lo4(0), SIN);
  const port = port_of(s);
  close(s);
  return port;
}

export function bound_udp4(): i32 {
  const u = udp4();
  bind(u, lo4(0), SIN);
  return u;
}

export function tcp_pair(fds: i32[]): void {
  fds[0] = listener4();
  fds[1] = connect4(port_of(fds[0]));
  fds[2] = accept_one(fds[0]);
}

export function drop_all(fds: i32[], n: i32): void {
  for (let i = 0; i < n; i++) if (fds[i] >= 0) close(fds[i]);
}

const PFD = memory.data(8, 8);

function waitFor(fd: i32, events: i16, ms: i32): bool {
  const p = changetype<pollfd>(PFD);
  p.fd = fd;
  p.events = events;
  p.revents = 0;
  return poll(PFD, 1, ms) == 1 && (p.revents & (events | POLLERR | POLLHUP)) != 0;
}

export function readable(fd: i32, ms: i32): bool { return waitFor(fd, POLLIN, ms); }
export function writable(fd: i32, ms: i32): bool { return waitFor(fd, POLLOUT, ms); }

const OPT = memory.data(16, 8);
const OPT_LEN = memory.data(4, 4);

export function get_int(fd: i32, level: i32, name: i32): i32 {
  store<i32>(OPT, 0);
  store<u32>(OPT_LEN, 4);
  if (getsockopt(fd, level, name, OPT, OPT_LEN) != 0) return -1000 - errno;
  return load<i32>(OPT);
}

export function set_int(fd: i32, level: i32, name: i32, value: i32): i32 {
  store<i32>(OPT, value);
  return setsockopt(fd, level, name, OPT, 4);
}

const TIMEVAL = memory.data(16, 8);

export function set_timeout(fd: i32, name: i32, ms: i32): i32 {
  store<i64>(TIMEVAL, <i64>(ms / 1000));
  store<i64>(TIMEVAL, <i64>((ms % 1000) * 1000), 8);
  return setsockopt(fd, SOL_SOCKET, name, TIMEVAL, 16);
}

/** A string's bytes, kept alive for the rest of the program (C's string literal). */
const KEEP = new Map<string, ArrayBuffer>();
export function T(s: string): usize {
  if (!KEEP.has(s)) KEEP.set(s, String.UTF8.encode(s, true));
  return changetype<usize>(KEEP.get(s));
}

export function FD(r: isize): string {
  return r >= 0 ? "fd" : R(r);
}

export function drain_accept(l: i32, a: i32): void {
  if (a >= 0) close(a);
  const flags = fcntl(l, F_GETFL, 0);
  fcntl(l, F_SETFL, flags | O_NONBLOCK);
  while ((a = accept(l, 0, 0)) >= 0) close(a);
  fcntl(l, F_SETFL, flags);
}

/** struct sockaddr_storage and socklen_t, for cases that need them (C keeps them on its stack). */
export const SS: usize = memory.data(128, 16);
export const LEN: usize = memory.data(4, 4);

export function now_ms(): i64 {
  return <i64>(monotonic_now() / 1_000_000);
}

export function TOOK(ms: i64, lo: i64, hi: i64): string {
  return ms >= lo && ms < hi ? "in_time" : "took_" + ms.toString() + "ms";
}

export function settle(ms: i32): void {
  poll(0, 0, ms);
}

export function send_all(fd: i32, p: usize, n: isize): isize {
  let done: isize = 0;
  while (done < n) {
    const k = send(fd, p + <usize>done, <usize>(n - done), 0);
    if (k <= 0) return done > 0 ? done : k;
    done += k;
  }
  return done;
}

export function fill_send_buffer(fd: i32): isize {
  let total: isize = 0;
  for (let idle = 0; idle < 3;) {
    const k = send(fd, BUF, 131072, MSG_DONTWAIT);
    if (k > 0) {
      total += k;
      idle = 0;
      continue;
    }
    if (k < 0 && errno != EAGAIN) break;
    idle++;
    settle(20);
  }
  return total;
}

let peerPort = 0;

export function setPeerPort(port: i32): void {
  peerPort = port;
}

export function outside(command: string): i32 {
  const c = connect4(peerPort);
  const line = String.UTF8.encode(command + "\n");
  send(c, changetype<usize>(line), line.byteLength, 0);
  return c;
}

export function reset_connection(): i32 {
  const c = outside("RST");
  readable(c, 2000);
  settle(20);
  return c;
}

// Socket options: one table. A row names the level and option, the value's
// shape, which socket types and families it applies to, how it is read and
// written (a host getter/setter, or a value the guest knows or keeps), and
// whether it exists only in compatibility mode.
//
// Values cross as i64: ints as themselves, timeouts in nanoseconds, linger as
// l_onoff | l_linger << 32. A getter returns a value ≥ 0 or -errno; a setter
// 0 or -errno. The POSIX layer (posix/sockopt.ts) does the argument checks
// and the (de)serialization.
import { RET, isOk, errorCodeAt, PAYLOAD_1, PAYLOAD_4, PAYLOAD_8 } from "../wasi/abi";
import * as tcp from "../wasi/sockets/tcp";
import * as udp from "../wasi/sockets/udp";
import * as E from "../defs/errno";
import {
  SOL_SOCKET, SO_TYPE, SO_PROTOCOL, SO_DOMAIN, SO_ERROR, SO_ACCEPTCONN, SO_REUSEADDR, SO_KEEPALIVE,
  SO_RCVBUF, SO_SNDBUF, SO_RCVTIMEO, SO_SNDTIMEO, SO_OOBINLINE, SO_NOSIGPIPE, SO_LINGER, SO_BROADCAST,
  SOCK_STREAM, AF_INET, AF_INET6,
} from "../defs/socket";
import {
  IPPROTO_IP, IPPROTO_IPV6, IPPROTO_TCP, IPPROTO_UDP, IP_TTL, IP_TOS, IPV6_UNICAST_HOPS, IPV6_V6ONLY, IPV6_TCLASS,
  TCP_NODELAY, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT,
} from "../defs/in";
import { Socket, setOptionReplay } from "./socket";
import { TcpSocket, TcpState } from "./tcp";
import { UdpSocket, UdpState } from "./udp";
import { Op, errnoFor } from "./errors";
import { dualStackEmulation } from "./addresses";

export enum Shape { Int, Timeval, Linger }

/** Which sockets a row applies to. */
export const TCP: i32 = 1;
export const UDP: i32 = 2;
export const ANY: i32 = TCP | UDP;

export class SocketOption {
  constructor(
    public level: i32,
    public name: i32,
    public shape: Shape,
    public types: i32,
    /** AF_INET or AF_INET6 when only that family has the option (Linux's ENOPROTOOPT otherwise), 0 for both. */
    public family: i32,
    public get: (s: Socket) => i64,
    public set: (s: Socket, v: i64) => i32,
    /** Exists only in compatibility mode: stored and read back, without effect. */
    public compatOnly: bool = false,
  ) {}
}

/** Compatibility mode: accept, store and read back the ❔ options where doing nothing is harmless. Off by default. */
export let compatibilityMode = false;

export function setCompatibilityMode(on: bool): void {
  compatibilityMode = on;
}

const NS_PER_S: i64 = 1_000_000_000;
const INT_MAX: i64 = 0x7fffffff;
/** Linux's default TTL / hop limit, what -1 restores. */
const DEFAULT_HOPS: i64 = 64;

// ---- host access -----------------------------------------------------------------------

function tcpOf(s: Socket): u32 {
  return changetype<TcpSocket>(s).handle;
}
function udpOf(s: Socket): u32 {
  return changetype<UdpSocket>(s).handle;
}
function isTcp(s: Socket): bool {
  return s.type == SOCK_STREAM;
}

/** The value a host getter left in RET (`size` bytes at `at`), or -errno. */
function hostValue(at: usize, size: i32): i64 {
  if (!isOk()) return -<i64>errnoFor(errorCodeAt(at), Op.Option);
  if (size == 1) return <i64>load<u8>(RET + at);
  if (size == 4) return <i64>load<u32>(RET + at);
  return <i64>load<u64>(RET + at);
}

/** What a host setter left in RET: 0 or -errno. */
function hostDone(): i32 {
  return isOk() ? 0 : -errnoFor(errorCodeAt(PAYLOAD_1), Op.Option);
}

function readOnly(s: Socket, v: i64): i32 {
  return -E.ENOPROTOOPT; // Linux: setting SO_TYPE and friends is ENOPROTOOPT
}

// ---- SOL_SOCKET ------------------------------------------------------------------------

function getType(s: Socket): i64 { return s.type; }
function getProtocol(s: Socket): i64 { return isTcp(s) ? IPPROTO_TCP : IPPROTO_UDP; }
function getDomain(s: Socket): i64 { return s.family; }
function getAcceptConn(s: Socket): i64 {
  return isTcp(s) && changetype<TcpSocket>(s).state == TcpState.Listening ? 1 : 0;
}
function getError(s: Socket): i64 { return s.takeError(); }

// SO_KEEPALIVE on a UDP socket: Linux keeps the flag, which changes nothing there.
function getStoredKeepAlive(s: Socket): i64 { return s.stored(SOL_SOCKET, SO_KEEPALIVE, 0); }
function setStoredKeepAlive(s: Socket, v: i64): i32 { s.store(SOL_SOCKET, SO_KEEPALIVE, v != 0 ? 1 : 0); return 0; }

function getReuseAddr(s: Socket): i64 {
  return isTcp(s) ? 1 : s.stored(SOL_SOCKET, SO_REUSEADDR, 0); // TCP: the host always sets it
}
function setReuseAddr(s: Socket, v: i64): i32 {
  if (isTcp(s)) return 0; // always on; nothing to change
  s.store(SOL_SOCKET, SO_REUSEADDR, v != 0 ? 1 : 0);
  return 0;
}

function getKeepAlive(s: Socket): i64 {
  tcp.tcp_socket_keep_alive_enabled(tcpOf(s), RET);
  return hostValue(PAYLOAD_1, 1);
}
function setKeepAlive(s: Socket, v: i64): i32 {
  tcp.tcp_socket_set_keep_alive_enabled(tcpOf(s), v != 0, RET);
  return hostDone();
}

/**
 * The buffer size a host getter left in RET as Linux reports it, or -errno.
 * Linux doubles what is set (the kernel's bookkeeping overhead) and reports
 * the doubled size; a WASI host reports the size asked for (wasmtime halves
 * what the kernel says), so the guest doubles it back. Capped at INT_MAX.
 */
function hostBufferSize(): i64 {
  const v = hostValue(PAYLOAD_8, 8);
  return v < 0 ? v : min(v * 2, INT_MAX);
}
/** Linux reads the int as unsigned (a negative size asks for the most) and clamps a too-small one to its minimum; the host refuses 0 and clamps 1 to its own. */
function requestedSize(v: i64): u64 {
  return v < 0 ? <u64><u32>v : <u64>max<i64>(v, 1);
}
function getReceiveBuffer(s: Socket): i64 {
  if (isTcp(s)) tcp.tcp_socket_receive_buffer_size(tcpOf(s), RET);
  else udp.udp_socket_receive_buffer_size(udpOf(s), RET);
  return hostBufferSize();
}
function setReceiveBuffer(s: Socket, v: i64): i32 {
  if (isTcp(s)) tcp.tcp_socket_set_receive_buffer_size(tcpOf(s), requestedSize(v), RET);
  else udp.udp_socket_set_receive_buffer_size(udpOf(s), requestedSize(v), RET);
  return hostDone();
}
function getSendBuffer(s: Socket): i64 {
  if (isTcp(s)) tcp.tcp_socket_send_buffer_size(tcpOf(s), RET);
  else udp.udp_socket_send_buffer_size(udpOf(s), RET);
  return hostBufferSize();
}
function setSendBuffer(s: Socket, v: i64): i32 {
  if (isTcp(s)) tcp.tcp_socket_set_send_buffer_size(tcpOf(s), requestedSize(v), RET);
  else udp.udp_socket_set_send_buffer_size(udpOf(s), requestedSize(v), RET);
  return hostDone();
}

function getReceiveTimeout(s: Socket): i64 { return <i64>s.receiveTimeoutNs; }
function setReceiveTimeout(s: Socket, v: i64): i32 { s.receiveTimeoutNs = <u64>v; return 0; }
function getSendTimeout(s: Socket): i64 { return <i64>s.sendTimeoutNs; }
function setSendTimeout(s: Socket, v: i64): i32 { s.sendTimeoutNs = <u64>v; return 0; }

// No out-of-band data exists, so it is never inline; asking for it is refused.
function getOobInline(s: Socket): i64 { return 0; }
function setOobInline(s: Socket, v: i64): i32 { return v == 0 ? 0 : -E.EOPNOTSUPP; }
// A broken pipe is always EPIPE and never a signal: the option reads 1 and cannot be turned off.
function getNoSigpipe(s: Socket): i64 { return 1; }
function setNoSigpipe(s: Socket, v: i64): i32 { return v != 0 ? 0 : -E.EOPNOTSUPP; }

// Compatibility mode only: l_onoff = 0 (the default close) is harmless; lingering is not offered.
function getLinger(s: Socket): i64 { return s.stored(SOL_SOCKET, SO_LINGER, 0); }
function setLinger(s: Socket, v: i64): i32 {
  if ((v & 0xffffffff) != 0) return -E.ENOPROTOOPT;
  s.store(SOL_SOCKET, SO_LINGER, v);
  return 0;
}
// Compatibility mode only: broadcast stays off.
function getBroadcast(s: Socket): i64 { return 0; }
function setBroadcast(s: Socket, v: i64): i32 { return v == 0 ? 0 : -E.ENOPROTOOPT; }

// ---- IPPROTO_IP / IPPROTO_IPV6 ----------------------------------------------------------

function getHopLimit(s: Socket): i64 {
  if (isTcp(s)) tcp.tcp_socket_hop_limit(tcpOf(s), RET);
  else udp.udp_socket_unicast_hop_limit(udpOf(s), RET);
  return hostValue(PAYLOAD_1, 1);
}
function setHopLimit(s: Socket, v: i64): i32 {
  if (v == -1) v = DEFAULT_HOPS;
  if (v < 1 || v > 255) return -E.EINVAL;
  if (isTcp(s)) tcp.tcp_socket_set_hop_limit(tcpOf(s), <u8>v, RET);
  else udp.udp_socket_set_unicast_hop_limit(udpOf(s), <u8>v, RET);
  return hostDone();
}
// IP_TTL: the hop limit on an IPv4 socket. An IPv6 socket (always v6-only) never
// sends IPv4, so, as on Linux, its IPv4 TTL is kept but changes nothing.
function getTtl(s: Socket): i64 {
  return s.family == AF_INET ? getHopLimit(s) : s.stored(IPPROTO_IP, IP_TTL, DEFAULT_HOPS);
}
function setTtl(s: Socket, v: i64): i32 {
  if (s.family == AF_INET) return setHopLimit(s, v);
  if (v == -1) v = DEFAULT_HOPS;
  if (v < 1 || v > 255) return -E.EINVAL;
  s.store(IPPROTO_IP, IP_TTL, v);
  return 0;
}
// Linux keeps what IPV6_UNICAST_HOPS is set to, 0 included (the host's minimum is 1), and reports it; -1 is the route's default.
function getUnicastHops(s: Socket): i64 {
  const asked = s.stored(IPPROTO_IPV6, IPV6_UNICAST_HOPS, -1);
  return asked >= 0 ? asked : getHopLimit(s);
}
function setUnicastHops(s: Socket, v: i64): i32 {
  if (v < -1 || v > 255) return -E.EINVAL;
  const err = setHopLimit(s, v == 0 ? 1 : v);
  if (err == 0) s.store(IPPROTO_IPV6, IPV6_UNICAST_HOPS, v);
  return err;
}
// WASI sockets are always v6-only; dual-stack emulation (TCP) lets a socket clear it before it is bound.
function getV6Only(s: Socket): i64 {
  const v6only = isTcp(s) ? changetype<TcpSocket>(s).v6only : changetype<UdpSocket>(s).v6only;
  return v6only ? 1 : 0;
}
function setV6Only(s: Socket, v: i64): i32 {
  if (v == 0 && !dualStackEmulation) return -E.EOPNOTSUPP;
  // Linux: fixed once bound.
  if (isTcp(s)) {
    const t = changetype<TcpSocket>(s);
    if (t.state != TcpState.Unbound) return -E.EINVAL;
    t.v6only = v != 0;
  } else {
    const u = changetype<UdpSocket>(s);
    if (u.state != UdpState.Unbound) return -E.EINVAL;
    u.v6only = v != 0;
  }
  return 0;
}

function getStoredTos(s: Socket): i64 { return s.stored(IPPROTO_IP, IP_TOS, 0); }
function setStoredTos(s: Socket, v: i64): i32 { s.store(IPPROTO_IP, IP_TOS, v & 0xff); return 0; }
function getStoredTclass(s: Socket): i64 { return s.stored(IPPROTO_IPV6, IPV6_TCLASS, 0); }
function setStoredTclass(s: Socket, v: i64): i32 {
  if (v < -1 || v > 255) return -E.EINVAL;
  s.store(IPPROTO_IPV6, IPV6_TCLASS, v == -1 ? 0 : v);
  return 0;
}

// ---- IPPROTO_TCP ---------------------------------------------------------------------------

/** Seconds from a duration, rounded up so a sub-second host value never reads as 0. */
function seconds(ns: i64): i64 {
  return ns < 0 ? ns : (ns + NS_PER_S - 1) / NS_PER_S;
}
function getKeepIdle(s: Socket): i64 {
  tcp.tcp_socket_keep_alive_idle_time(tcpOf(s), RET);
  return seconds(hostValue(PAYLOAD_8, 8));
}
function setKeepIdle(s: Socket, v: i64): i32 {
  if (v < 1 || v > 32767) return -E.EINVAL; // Linux's MAX_TCP_KEEPIDLE
  tcp.tcp_socket_set_keep_alive_idle_time(tcpOf(s), <u64>(v * NS_PER_S), RET);
  return hostDone();
}
function getKeepInterval(s: Socket): i64 {
  tcp.tcp_socket_keep_alive_interval(tcpOf(s), RET);
  return seconds(hostValue(PAYLOAD_8, 8));
}
function setKeepInterval(s: Socket, v: i64): i32 {
  if (v < 1 || v > 32767) return -E.EINVAL; // MAX_TCP_KEEPINTVL
  tcp.tcp_socket_set_keep_alive_interval(tcpOf(s), <u64>(v * NS_PER_S), RET);
  return hostDone();
}
function getKeepCount(s: Socket): i64 {
  tcp.tcp_socket_keep_alive_count(tcpOf(s), RET);
  return hostValue(PAYLOAD_4, 4);
}
function setKeepCount(s: Socket, v: i64): i32 {
  if (v < 1 || v > 127) return -E.EINVAL; // MAX_TCP_KEEPCNT
  tcp.tcp_socket_set_keep_alive_count(tcpOf(s), <u32>v, RET);
  return hostDone();
}
function getNoDelay(s: Socket): i64 { return s.stored(IPPROTO_TCP, TCP_NODELAY, 0); }
function setNoDelay(s: Socket, v: i64): i32 { s.store(IPPROTO_TCP, TCP_NODELAY, v != 0 ? 1 : 0); return 0; }

// ---- the table -------------------------------------------------------------------------------

// Built on first use: a table initialized at start-up would pull every option's
// host imports into programs that never call getsockopt or setsockopt.
let table: SocketOption[] | null = null;

export function options(): SocketOption[] {
  let t = table;
  if (t === null) {
    table = t = buildTable();
    setOptionReplay(reapply);
  }
  return t;
}

/** Sets again, on a replaced host socket, every option the program set (Linux's socket keeps them across a failed connect). */
function reapply(s: Socket): void {
  const set = s.setOptions;
  if (set === null) return;
  const keys = set.keys();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const option = findOption(s, <i32>(key >> 32), <i32>key);
    if (option !== null) option.set(s, set.get(key));
  }
}

function buildTable(): SocketOption[] {
  return [
    new SocketOption(SOL_SOCKET, SO_TYPE, Shape.Int, ANY, 0, getType, readOnly),
    new SocketOption(SOL_SOCKET, SO_PROTOCOL, Shape.Int, ANY, 0, getProtocol, readOnly),
    new SocketOption(SOL_SOCKET, SO_DOMAIN, Shape.Int, ANY, 0, getDomain, readOnly),
    new SocketOption(SOL_SOCKET, SO_ACCEPTCONN, Shape.Int, ANY, 0, getAcceptConn, readOnly),
    new SocketOption(SOL_SOCKET, SO_ERROR, Shape.Int, ANY, 0, getError, readOnly),
    new SocketOption(SOL_SOCKET, SO_REUSEADDR, Shape.Int, TCP, 0, getReuseAddr, setReuseAddr),
    new SocketOption(SOL_SOCKET, SO_REUSEADDR, Shape.Int, UDP, 0, getReuseAddr, setReuseAddr, true),
    new SocketOption(SOL_SOCKET, SO_KEEPALIVE, Shape.Int, TCP, 0, getKeepAlive, setKeepAlive),
    new SocketOption(SOL_SOCKET, SO_KEEPALIVE, Shape.Int, UDP, 0, getStoredKeepAlive, setStoredKeepAlive),
    new SocketOption(SOL_SOCKET, SO_RCVBUF, Shape.Int, ANY, 0, getReceiveBuffer, setReceiveBuffer),
    new SocketOption(SOL_SOCKET, SO_SNDBUF, Shape.Int, ANY, 0, getSendBuffer, setSendBuffer),
    new SocketOption(SOL_SOCKET, SO_RCVTIMEO, Shape.Timeval, ANY, 0, getReceiveTimeout, setReceiveTimeout),
    new SocketOption(SOL_SOCKET, SO_SNDTIMEO, Shape.Timeval, ANY, 0, getSendTimeout, setSendTimeout),
    new SocketOption(SOL_SOCKET, SO_OOBINLINE, Shape.Int, ANY, 0, getOobInline, setOobInline),
    new SocketOption(SOL_SOCKET, SO_NOSIGPIPE, Shape.Int, ANY, 0, getNoSigpipe, setNoSigpipe),
    new SocketOption(SOL_SOCKET, SO_LINGER, Shape.Linger, ANY, 0, getLinger, setLinger, true),
    new SocketOption(SOL_SOCKET, SO_BROADCAST, Shape.Int, ANY, 0, getBroadcast, setBroadcast, true),
    new SocketOption(IPPROTO_IP, IP_TTL, Shape.Int, ANY, 0, getTtl, setTtl),
    new SocketOption(IPPROTO_IP, IP_TOS, Shape.Int, ANY, 0, getStoredTos, setStoredTos, true),
    new SocketOption(IPPROTO_IPV6, IPV6_UNICAST_HOPS, Shape.Int, ANY, AF_INET6, getUnicastHops, setUnicastHops),
    new SocketOption(IPPROTO_IPV6, IPV6_V6ONLY, Shape.Int, ANY, AF_INET6, getV6Only, setV6Only),
    new SocketOption(IPPROTO_IPV6, IPV6_TCLASS, Shape.Int, ANY, AF_INET6, getStoredTclass, setStoredTclass, true),
    new SocketOption(IPPROTO_TCP, TCP_KEEPIDLE, Shape.Int, TCP, 0, getKeepIdle, setKeepIdle),
    new SocketOption(IPPROTO_TCP, TCP_KEEPINTVL, Shape.Int, TCP, 0, getKeepInterval, setKeepInterval),
    new SocketOption(IPPROTO_TCP, TCP_KEEPCNT, Shape.Int, TCP, 0, getKeepCount, setKeepCount),
    new SocketOption(IPPROTO_TCP, TCP_NODELAY, Shape.Int, TCP, 0, getNoDelay, setNoDelay, true),
  ];
}

/**
 * What Linux answers for an option the socket lacks: ENOPROTOOPT, except a
 * get at a level an IPv4 socket does not know (another protocol's, IPv6's),
 * which ip_getsockopt refuses with EOPNOTSUPP.
 */
export function missingOption(s: Socket, level: i32, getting: bool): i32 {
  const own = isTcp(s) ? IPPROTO_TCP : IPPROTO_UDP;
  const known = level == SOL_SOCKET || level == IPPROTO_IP || level == own;
  return getting && s.family == AF_INET && !known ? E.EOPNOTSUPP : E.ENOPROTOOPT;
}

/** The row for (level, name) on `s`; null means the socket lacks it (see missingOption). */
export function findOption(s: Socket, level: i32, name: i32): SocketOption | null {
  const type = isTcp(s) ? TCP : UDP;
  const all = options();
  for (let i = 0; i < all.length; i++) {
    const o = unchecked(all[i]);
    if (o.level != level || o.name != name || (o.types & type) == 0) continue;
    if (o.family != 0 && o.family != s.family) break;
    if (o.compatOnly && !compatibilityMode) break;
    return o;
  }
  return null; // unknown, other socket type or family, or compatibility mode off: ENOPROTOOPT
}

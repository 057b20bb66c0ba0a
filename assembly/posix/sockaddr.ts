// sockaddr_in / sockaddr_in6 (network byte order) ↔ the bindings' typed
// address (host order), with Linux's checks on lengths and families.
import { IpSocketAddress, ip_address_family } from "../wasi/address";
import { AF_INET, AF_INET6, AF_UNSPEC } from "../defs/socket";
import { SOCKADDR_IN_SIZE, SOCKADDR_IN6_SIZE } from "../defs/in";
import { EAFNOSUPPORT, EFAULT, EINVAL, ENETUNREACH } from "../defs/errno";
import { inMemory, validObject } from "./memory";

/** The shortest sockaddr_in6 Linux accepts (RFC 2133's, without sin6_scope_id). */
const SOCKADDR_IN6_MIN: u32 = 24;
/** Room for any address this library writes out. */
const OUT: usize = memory.data(32, 8);

/** Linux copies at most a sockaddr_storage (128 bytes there) of a caller's address. */
const MAX_ADDRESS_LENGTH: u32 = 128;

/** Which call reads an address: each checks it in the order Linux's handler does. */
export enum AddressUse { Bind, StreamConnect, DatagramConnect }

/**
 * Reads the address at `addr` (`len` bytes) for a socket of `family` into
 * `out`: 0, or a negative errno. Every call first refuses a length over 128
 * (EINVAL) and memory outside the module (EFAULT); then bind and a TCP
 * connect check the length for the socket's family (EINVAL) before the
 * family (EAFNOSUPPORT; bind takes AF_UNSPEC with 0.0.0.0 as AF_INET), and
 * a UDP connect on an IPv6 socket refuses AF_INET (v6-only) before the length.
 */
export function readSockaddr(addr: usize, len: u32, family: i32, out: IpSocketAddress, use: AddressUse = AddressUse.StreamConnect): i32 {
  if (len > MAX_ADDRESS_LENGTH) return -EINVAL;
  if (len > 0 && (addr == 0 || !inMemory(addr, len))) return -EFAULT;
  const given = len >= 2 ? <i32>load<u16>(addr) : -1;
  if (use == AddressUse.DatagramConnect && family == AF_INET6 && given == AF_INET) return -EAFNOSUPPORT;
  // Lengths first: `len` bytes are known to be in memory, nothing beyond them.
  if (len < (family == AF_INET ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_MIN)) return -EINVAL;
  const unspecifiedAsInet = use == AddressUse.Bind && given == AF_UNSPEC && family == AF_INET && load<u32>(addr, 4) == 0;
  if (given != family && !unspecifiedAsInet) return -EAFNOSUPPORT;
  readAddress(addr, len, family, out);
  return 0;
}

/** The address at `addr` as `family` (the length is known to suffice). */
function readAddress(addr: usize, len: u32, family: i32, out: IpSocketAddress): void {
  const port = bswap<u16>(load<u16>(addr, 2));
  if (family == AF_INET) {
    out.setIpv4(load<u8>(addr, 4), load<u8>(addr, 5), load<u8>(addr, 6), load<u8>(addr, 7), port);
    return;
  }
  for (let i = 0; i < 8; i++) store<u16>(OUT + (<usize>i << 1), bswap<u16>(load<u16>(addr + 8 + (<usize>i << 1))));
  const scope = len >= 28 ? load<u32>(addr, 24) : 0;
  out.setIpv6(OUT, port, bswap<u32>(load<u32>(addr, 4)), scope);
}

/**
 * Writes `a` as a sockaddr to `addr`, Linux-style: at most *`lenPtr` bytes
 * are written (a short buffer truncates) and *`lenPtr` becomes the full
 * length. A null `addr` writes nothing. 0, or a negative errno.
 */
export function writeSockaddr(a: IpSocketAddress, addr: usize, lenPtr: usize): i32 {
  if (addr == 0) return 0;
  const err = checkAddressBuffer(addr, lenPtr);
  if (err < 0) return err;
  memory.fill(OUT, 0, 32);
  let full: u32;
  store<u16>(OUT + 2, bswap<u16>(a.port));
  if (a.family == ip_address_family.ipv4) {
    store<u16>(OUT, <u16>AF_INET);
    memory.copy(OUT + 4, a.bytes, 4);
    full = SOCKADDR_IN_SIZE;
  } else {
    store<u16>(OUT, <u16>AF_INET6);
    store<u32>(OUT + 4, bswap<u32>(a.flowInfo));
    for (let i = 0; i < 8; i++) store<u16>(OUT + 8 + (<usize>i << 1), bswap<u16>(a.ipv6Segment(i)));
    store<u32>(OUT + 24, a.scopeId);
    full = SOCKADDR_IN6_SIZE;
  }
  // A zero-length copy still bounds-checks its address in wasm: touch the caller's buffer only when bytes move.
  const n = min(load<u32>(lenPtr), full);
  if (n > 0) memory.copy(addr, OUT, n);
  store<u32>(lenPtr, full);
  return 0;
}

/** An (address, length pointer) pair given for output: EFAULT or EINVAL before any work is done. */
export function checkAddressBuffer(addr: usize, lenPtr: usize): i32 {
  if (addr == 0) return 0;
  if (!validObject(lenPtr, 4)) return -EFAULT;
  const len = load<u32>(lenPtr);
  if (<i32>len < 0) return -EINVAL;
  if (!inMemory(addr, len)) return -EFAULT;
  return 0;
}

/** One address the POSIX calls convert into and out of (unmanaged, allocated once). */
export const ADDRESS = new IpSocketAddress();

/**
 * The destination a sendto/sendmsg names, read into ADDRESS: 1 when there is
 * one, 0 when there is none (a null pointer; any address on a stream socket,
 * which Linux ignores; AF_UNSPEC on an IPv6 datagram socket), or a negative
 * errno, in the order of Linux's udp_sendmsg (IPv4: short EINVAL, a family
 * other than AF_INET or AF_UNSPEC EAFNOSUPPORT, port 0 EINVAL) and
 * udpv6_sendmsg (AF_INET on a v6-only socket ENETUNREACH, another family
 * EINVAL, short EINVAL, port 0 EINVAL).
 */
export function readDestination(addr: usize, len: u32, family: i32, datagram: bool): i32 {
  if (addr == 0) return 0;
  if (len > MAX_ADDRESS_LENGTH) return -EINVAL;
  if (!inMemory(addr, len)) return -EFAULT;
  if (!datagram) return 0;
  if (len < 2) return -EINVAL;
  const given = <i32>load<u16>(addr);
  if (family == AF_INET) {
    if (len < SOCKADDR_IN_SIZE) return -EINVAL;
    if (given != AF_INET && given != AF_UNSPEC) return -EAFNOSUPPORT;
  } else {
    if (given == AF_UNSPEC) return 0;
    if (given == AF_INET) return -ENETUNREACH;
    if (given != AF_INET6) return -EINVAL;
    if (len < SOCKADDR_IN6_MIN) return -EINVAL;
  }
  readAddress(addr, len, family, ADDRESS);
  return ADDRESS.port == 0 ? -EINVAL : 1;
}

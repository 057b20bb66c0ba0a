// Address helpers both socket types share.
import { IpSocketAddress, ip_address_family } from "../wasi/address";
import { AF_INET } from "../defs/socket";

const ZERO_SEGMENTS: usize = memory.data(16);

/** Sets `a` to 0.0.0.0:0 or [::]:0: what POSIX binds to implicitly. */
export function setWildcard(a: IpSocketAddress, family: i32): void {
  if (family == AF_INET) a.setIpv4(0, 0, 0, 0, 0);
  else a.setIpv6(ZERO_SEGMENTS, 0, 0, 0);
}

/** A new unmanaged copy of `a` (free with heap.free). */
export function copyOf(a: IpSocketAddress): IpSocketAddress {
  const c = new IpSocketAddress();
  c.copyFrom(a);
  return c;
}

const MAPPED: usize = memory.data(16, 2);

/** Whether `a` is an IPv4-mapped IPv6 address (::ffff:a.b.c.d). */
export function isV4Mapped(a: IpSocketAddress): bool {
  if (a.family != ip_address_family.ipv6) return false;
  for (let i = 0; i < 5; i++) if (a.ipv6Segment(i) != 0) return false;
  return a.ipv6Segment(5) == 0xffff;
}

/** Whether `a` is 0.0.0.0 or ::. */
export function isUnspecified(a: IpSocketAddress): bool {
  const n = a.family == ip_address_family.ipv4 ? 4 : 16;
  for (let i = 0; i < n; i++) if (load<u8>(a.bytes + <usize>i) != 0) return false;
  return true;
}

/** ::ffff:a.b.c.d → a.b.c.d (port kept). */
export function unmapV4(a: IpSocketAddress): void {
  const hi = a.ipv6Segment(6), lo = a.ipv6Segment(7);
  a.setIpv4(<u8>(hi >> 8), <u8>hi, <u8>(lo >> 8), <u8>lo, a.port);
}

/** a.b.c.d → ::ffff:a.b.c.d (port kept); an IPv6 address is left alone. */
export function mapV4(a: IpSocketAddress): void {
  if (a.family != ip_address_family.ipv4) return;
  memory.fill(MAPPED, 0, 16);
  store<u16>(MAPPED, 0xffff, 10);
  store<u16>(MAPPED, (<u16>a.ipv4Byte(0) << 8) | a.ipv4Byte(1), 12);
  store<u16>(MAPPED, (<u16>a.ipv4Byte(2) << 8) | a.ipv4Byte(3), 14);
  a.setIpv6(MAPPED, a.port, 0, 0);
}

/**
 * Dual-stack emulation (an extension, off by default): when on, an AF_INET6
 * TCP socket may set IPV6_V6ONLY to 0; bound to :: it then also listens on
 * 0.0.0.0 through a hidden IPv4 socket, and it connects to ::ffff:a.b.c.d
 * over IPv4. Peers and names read as IPv4-mapped IPv6 addresses.
 */
export let dualStackEmulation = false;

export function setDualStackEmulation(on: bool): void {
  dualStackEmulation = on;
}

const LOOPBACK_SEGMENTS: usize = memory.data<u16>([0, 0, 0, 0, 0, 0, 0, 1]);

/** Sets `a` to 127.0.0.1 or ::1 with `port`. */
export function setLoopback(a: IpSocketAddress, family: i32, port: u16): void {
  if (family == AF_INET) a.setIpv4(127, 0, 0, 1, port);
  else a.setIpv6(LOOPBACK_SEGMENTS, port, 0, 0);
}

/** Whether `a` is in 127.0.0.0/8 or is ::1. */
export function isLoopback(a: IpSocketAddress): bool {
  if (a.family == ip_address_family.ipv4) return a.ipv4Byte(0) == 127;
  for (let i = 0; i < 7; i++) if (a.ipv6Segment(i) != 0) return false;
  return a.ipv6Segment(7) == 1;
}

/** Whether `a` is a multicast (224.0.0.0/4, ff00::/8) or the limited broadcast (255.255.255.255) address: no TCP peer has it. */
export function isGroupAddress(a: IpSocketAddress): bool {
  if (a.family == ip_address_family.ipv6) return (a.ipv6Segment(0) >> 8) == 0xff;
  const first = a.ipv4Byte(0);
  if ((first & 0xf0) == 0xe0) return true;
  return first == 255 && a.ipv4Byte(1) == 255 && a.ipv4Byte(2) == 255 && a.ipv4Byte(3) == 255;
}

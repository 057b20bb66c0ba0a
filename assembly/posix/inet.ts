// inet_pton, inet_ntop, inet_aton, inet_addr, inet_ntoa: the text forms of
// addresses (RFC 4291 and RFC 5952 for IPv6; the numbers-and-dots forms of
// inet_aton for IPv4), on C strings in linear memory. The parsers also serve
// getaddrinfo's numeric hosts.
import { AF_INET, AF_INET6 } from "../defs/socket";
import { EAFNOSUPPORT, ENOSPC, EFAULT } from "../defs/errno";
import { errno_set } from "./errno";
import { inMemory } from "./memory";

export const INADDR_NONE: u32 = 0xffffffff;

/** The length of the C string at `s` (bounded by memory: -1 when no NUL before its end, or a bad pointer). */
export function cstrlen(s: usize): i32 {
  if (s == 0) return -1;
  const end = <usize>memory.size() << 16;
  for (let p = s; p < end; p++) if (load<u8>(p) == 0) return <i32>(p - s);
  return -1;
}

function isDigit(c: u32): bool { return c - 48 < 10; }
function hexValue(c: u32): i32 {
  if (c - 48 < 10) return <i32>(c - 48);
  const l = c | 32;
  if (l - 97 < 6) return <i32>(l - 87);
  return -1;
}

/** Strict dotted-quad (inet_pton): four decimal parts 0..255 without leading zeros; bytes to `out`. */
export function parseIpv4(s: usize, len: i32, out: usize): bool {
  let part = 0, value = 0, digits = 0;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? <u32>load<u8>(s + <usize>i) : 46; // a final '.' closes the last part
    if (isDigit(c)) {
      if (digits > 0 && value == 0) return false; // a leading zero
      value = value * 10 + <i32>(c - 48);
      if (value > 255) return false;
      digits++;
    } else if (c == 46) {
      if (digits == 0 || part == 4) return false;
      store<u8>(out + <usize>part, <u8>value);
      part++;
      value = digits = 0;
    } else return false;
  }
  return part == 4;
}

/** RFC 4291 text (inet_pton): hex groups, one "::", an embedded IPv4 tail; no scope id. 16 bytes to `out`. */
export function parseIpv6(s: usize, len: i32, out: usize): bool {
  const groups = memory.data(16, 2);
  let n = 0;       // groups written
  let gap = -1;    // where "::" stands
  let i = 0;
  if (len >= 2 && load<u8>(s) == 58 && load<u8>(s, 1) == 58) {
    gap = 0;
    i = 2;
    if (len == 2) { memory.fill(out, 0, 16); return true; }
  } else if (len > 0 && load<u8>(s) == 58) return false;
  while (i < len) {
    // An IPv4 tail: digits followed by a '.' before the next ':'.
    let j = i, sawDot = false;
    while (j < len && load<u8>(s + <usize>j) != 58) { if (load<u8>(s + <usize>j) == 46) sawDot = true; j++; }
    if (sawDot) {
      if (j != len || n > 6) return false;
      if (!parseIpv4(s + <usize>i, len - i, groups + <usize>n * 2)) return false;
      // parseIpv4 wrote 4 bytes in network order: they are two groups already.
      const a = load<u8>(groups + <usize>n * 2), b = load<u8>(groups + <usize>n * 2 + 1);
      const c = load<u8>(groups + <usize>n * 2 + 2), d = load<u8>(groups + <usize>n * 2 + 3);
      store<u16>(groups + <usize>n * 2, (<u16>a << 8) | b);
      store<u16>(groups + <usize>n * 2 + 2, (<u16>c << 8) | d);
      n += 2;
      i = len;
      break;
    }
    let value = 0, digits = 0;
    while (i < len) {
      const h = hexValue(<u32>load<u8>(s + <usize>i));
      if (h < 0) break;
      value = (value << 4) | h;
      if (++digits > 4) return false;
      i++;
    }
    if (digits == 0 || n == 8) return false;
    store<u16>(groups + <usize>n * 2, <u16>value);
    n++;
    if (i == len) break;
    if (load<u8>(s + <usize>i) != 58) return false; // '%', spaces, anything else
    i++;
    if (i < len && load<u8>(s + <usize>i) == 58) {
      if (gap >= 0) return false; // a second "::"
      gap = n;
      i++;
      if (i == len) break;
    } else if (i == len) return false; // a trailing single ':'
  }
  if (gap < 0 ? n != 8 : n > 7) return false;
  const tail = gap < 0 ? 0 : n - gap;
  const head = gap < 0 ? n : gap;
  memory.fill(out, 0, 16);
  for (let k = 0; k < head; k++) store<u16>(out + <usize>k * 2, bswap<u16>(load<u16>(groups + <usize>k * 2)));
  for (let k = 0; k < tail; k++) store<u16>(out + <usize>(8 - tail + k) * 2, bswap<u16>(load<u16>(groups + <usize>(head + k) * 2)));
  return true;
}

/** inet_aton's forms: a, a.b, a.b.c, a.b.c.d; each part decimal, 0x-hex or 0-octal. The address in network order to `out`. */
export function parseIpv4Loose(s: usize, len: i32, out: usize): bool {
  const parts = memory.data(16, 4);
  let n = 0, i = 0;
  if (len == 0) return false;
  while (true) {
    if (i >= len || n == 4) return false;
    let base = 10;
    if (load<u8>(s + <usize>i) == 48) {
      base = 8;
      if (i + 1 < len && (load<u8>(s + <usize>(i + 1)) | 32) == 120) { base = 16; i += 2; }
    }
    let value: u64 = 0, digits = 0;
    while (i < len) {
      const c = <u32>load<u8>(s + <usize>i);
      const d = base == 16 ? hexValue(c) : isDigit(c) ? <i32>(c - 48) : -1;
      if (d < 0 || d >= base) break;
      value = value * <u64>base + <u64>d;
      if (value > 0xffffffff) return false;
      digits++;
      i++;
    }
    if (digits == 0 && base != 8) return false; // "0x" alone, or nothing
    store<u32>(parts + <usize>n * 4, <u32>value);
    n++;
    if (i == len) break;
    if (load<u8>(s + <usize>i) != 46) return false;
    i++;
  }
  // The last part fills the remaining bytes.
  let addr: u64 = 0;
  for (let k = 0; k < n - 1; k++) {
    const v = load<u32>(parts + <usize>k * 4);
    if (v > 255) return false;
    addr |= <u64>v << (24 - 8 * k);
  }
  const last = <u64>load<u32>(parts + <usize>(n - 1) * 4);
  if (last >= (<u64>1 << (32 - 8 * (n - 1)))) return false;
  addr |= last;
  store<u32>(out, bswap<u32>(<u32>addr));
  return true;
}

// ---- formatting ---------------------------------------------------------------------------

/** The text of IPv4 bytes at `src` into `dst` (NUL-terminated); its length. */
export function formatIpv4(src: usize, dst: usize): i32 {
  let p = dst;
  for (let k = 0; k < 4; k++) {
    if (k > 0) { store<u8>(p, 46); p++; }
    p = writeDecimal(p, <u32>load<u8>(src + <usize>k));
  }
  store<u8>(p, 0);
  return <i32>(p - dst);
}

function writeDecimal(p: usize, v: u32): usize {
  if (v >= 100) { store<u8>(p, <u8>(48 + v / 100)); p++; }
  if (v >= 10) { store<u8>(p, <u8>(48 + (v / 10) % 10)); p++; }
  store<u8>(p, <u8>(48 + v % 10));
  return p + 1;
}

/** RFC 5952 text of 16 bytes at `src` into `dst` (NUL-terminated, at most 46 bytes); its length. */
export function formatIpv6(src: usize, dst: usize): i32 {
  const g = memory.data(16, 2);
  for (let k = 0; k < 8; k++) store<u16>(g + <usize>k * 2, bswap<u16>(load<u16>(src + <usize>k * 2)));
  // The longest run of two or more zero groups (the first of equals) becomes "::".
  let best = -1, bestLen = 1;
  for (let k = 0; k < 8;) {
    if (load<u16>(g + <usize>k * 2) != 0) { k++; continue; }
    let e = k;
    while (e < 8 && load<u16>(g + <usize>e * 2) == 0) e++;
    if (e - k > bestLen) { best = k; bestLen = e - k; }
    k = e;
  }
  // glibc's rule for a dotted IPv4 tail: IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) addresses.
  const mapped = best == 0 && (bestLen == 6 || (bestLen == 5 && load<u16>(g + 10) == 0xffff));
  const groups = mapped ? 6 : 8;
  let p = dst;
  for (let k = 0; k < groups;) {
    if (k == best) {
      store<u8>(p, 58);
      store<u8>(p, 58, 1);
      p += 2;
      k += bestLen;
      continue;
    }
    if (k > 0 && k != best + bestLen) { store<u8>(p, 58); p++; }
    p = writeHex(p, load<u16>(g + <usize>k * 2));
    k++;
  }
  if (mapped) {
    if (best + bestLen != groups) { store<u8>(p, 58); p++; }
    p += <usize>formatIpv4(src + 12, p);
  }
  store<u8>(p, 0);
  return <i32>(p - dst);
}

function writeHex(p: usize, v: u16): usize {
  let started = false;
  for (let shift = 12; shift >= 0; shift -= 4) {
    const d = (v >> <u16>shift) & 15;
    if (d == 0 && !started && shift > 0) continue;
    started = true;
    store<u8>(p, <u8>(d < 10 ? 48 + d : 87 + d));
    p++;
  }
  return p;
}

// ---- the POSIX functions ------------------------------------------------------------------

/** 1 and the address at `dst`; 0 for text that is not an address of `af`; -1 with EAFNOSUPPORT for another family. */
export function inet_pton(af: i32, src: usize, dst: usize): i32 {
  if (af != AF_INET && af != AF_INET6) {
    errno_set(EAFNOSUPPORT);
    return -1;
  }
  const len = cstrlen(src);
  if (len < 0) return 0;
  const tmp = memory.data(16, 4);
  const ok = af == AF_INET ? parseIpv4(src, len, tmp) : parseIpv6(src, len, tmp);
  if (!ok || !inMemory(dst, af == AF_INET ? 4 : 16) || dst == 0) return 0;
  memory.copy(dst, tmp, af == AF_INET ? 4 : 16);
  return 1;
}

/** The text of the address at `src` in `dst` (`size` bytes); `dst`, or 0 with ENOSPC / EAFNOSUPPORT (EFAULT for a bad `src`). */
export function inet_ntop(af: i32, src: usize, dst: usize, size: u32): usize {
  if (af != AF_INET && af != AF_INET6) {
    errno_set(EAFNOSUPPORT);
    return 0;
  }
  if (src == 0 || !inMemory(src, af == AF_INET ? 4 : 16)) {
    errno_set(EFAULT);
    return 0;
  }
  const text = memory.data(64);
  const n = af == AF_INET ? formatIpv4(src, text) : formatIpv6(src, text);
  if (<u32>n + 1 > size || dst == 0 || !inMemory(dst, <usize>n + 1)) {
    errno_set(ENOSPC);
    return 0;
  }
  memory.copy(dst, text, <usize>n + 1);
  return dst;
}

/** 1 and the address (network order) at `inp`; 0 for text inet_aton does not take. Text after a space is ignored (glibc). */
export function inet_aton(cp: usize, inp: usize): i32 {
  let len = cstrlen(cp);
  for (let i = 0; i < len; i++) {
    const c = load<u8>(cp + <usize>i);
    if (c == 32 || (c >= 9 && c <= 13)) {
      len = i;
      break;
    }
  }
  const tmp = memory.data(4, 4);
  if (len < 0 || !parseIpv4Loose(cp, len, tmp)) return 0;
  if (inp != 0 && inMemory(inp, 4)) store<u32>(inp, load<u32>(tmp));
  return 1;
}

/** The address (network order), or INADDR_NONE. */
export function inet_addr(cp: usize): u32 {
  const tmp = memory.data(4, 4);
  return inet_aton(cp, tmp) == 1 ? load<u32>(tmp) : INADDR_NONE;
}

const NTOA: usize = memory.data(16);

/** The dotted text of `addr` (network order) in a static buffer, as C's inet_ntoa. */
export function inet_ntoa(addr: u32): usize {
  const bytes = memory.data(4, 4);
  store<u32>(bytes, addr);
  formatIpv4(bytes, NTOA);
  return NTOA;
}

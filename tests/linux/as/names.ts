// Names: inet_pton/ntop/aton/addr/ntoa, byte order, getaddrinfo, getnameinfo, getservby*, getprotoby*,
// gethostbyname (twin: ../c/names.c).
import {
  inet_pton, inet_ntop, inet_aton, inet_addr, inet_ntoa, INADDR_NONE, INET_ADDRSTRLEN, INET6_ADDRSTRLEN,
  htons, ntohs, htonl, ntohl, errno, errno_set,
  getaddrinfo, freeaddrinfo, gai_strerror, getnameinfo, addrinfo, servent, protoent, hostent,
  getservbyname, getservbyport, getprotobyname, getprotobynumber, gethostbyname, gethostbyname2, h_errno,
  AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, AI_V4MAPPED, AI_ALL, AI_ADDRCONFIG, AI_NUMERICSERV,
  NI_NUMERICHOST, NI_NUMERICSERV, NI_NAMEREQD, NI_DGRAM,
  EAI_BADFLAGS, EAI_NONAME, EAI_AGAIN, EAI_FAIL, EAI_FAMILY, EAI_SOCKTYPE, EAI_SERVICE, EAI_MEMORY, EAI_SYSTEM, EAI_OVERFLOW,
  HOST_NOT_FOUND, TRY_AGAIN, NO_RECOVERY, NO_DATA, AF_INET, AF_INET6, AF_UNSPEC, SOCK_STREAM, SOCK_DGRAM, IPPROTO_TCP, IPPROTO_UDP,
} from "as-posix-sockets";
import {
  Case, C, line, put, R, N, E, S, BYTES, FAMILY, NAME, label, T, SIN, SIN6, v4, lo4, any4, lo6, mapped6,
} from "./harness";

// ---- local helpers ----------------------------------------------------------------------------

/** The C string at `p`. */
function cstr(p: usize): string {
  let n = 0;
  while (load<u8>(p + <usize>n) != 0) n++;
  return String.UTF8.decodeUnsafe(p, n);
}

// getaddrinfo/getnameinfo's result by its EAI_ name (EAI_SYSTEM with errno's).
function GAI(r: i32): string {
  if (r == 0) return "0";
  if (r == EAI_BADFLAGS) return "EAI_BADFLAGS";
  if (r == EAI_NONAME) return "EAI_NONAME";
  if (r == EAI_AGAIN) return "EAI_AGAIN";
  if (r == EAI_FAIL) return "EAI_FAIL";
  if (r == EAI_FAMILY) return "EAI_FAMILY";
  if (r == EAI_SOCKTYPE) return "EAI_SOCKTYPE";
  if (r == EAI_SERVICE) return "EAI_SERVICE";
  if (r == EAI_MEMORY) return "EAI_MEMORY";
  if (r == EAI_SYSTEM) return "EAI_SYSTEM/" + E(errno);
  if (r == EAI_OVERFLOW) return "EAI_OVERFLOW";
  if (r == -9) return "EAI_ADDRFAMILY"; // glibc's (and BSD's) value: the library has no such constant
  return N(r);
}

// The library has no SOCK_RAW.
function SOCKTYPE(t: i32): string {
  return t == SOCK_STREAM ? "STREAM" : t == SOCK_DGRAM ? "DGRAM" : N(t);
}

function PROTO(p: i32): string {
  return p == IPPROTO_TCP ? "TCP" : p == IPPROTO_UDP ? "UDP" : p == 0 ? "0" : N(p);
}

// One addrinfo entry: family/socktype/protocol/address (ai_addrlen checked by NAME).
function AI(ai: addrinfo): string {
  return FAMILY(ai.ai_addr) + "/" + SOCKTYPE(ai.ai_socktype) + "/" + PROTO(ai.ai_protocol) + "/" + NAME(ai.ai_addr, ai.ai_addrlen);
}

const HINTS: usize = memory.data(32, 4);
function hints(flags: i32, family: i32, socktype: i32, protocol: i32): usize {
  memory.fill(HINTS, 0, 32);
  const h = changetype<addrinfo>(HINTS);
  h.ai_flags = flags;
  h.ai_family = family;
  h.ai_socktype = socktype;
  h.ai_protocol = protocol;
  return HINTS;
}

const RES: usize = memory.data(4, 4);

// getaddrinfo's result, then every entry in order; frees the list.
function gai(node: usize, service: usize, h: usize): void {
  store<usize>(RES, 0);
  const r = getaddrinfo(node, service, h, RES);
  put(GAI(r));
  if (r != 0) return;
  for (let ai = load<usize>(RES); ai != 0; ai = changetype<addrinfo>(ai).ai_next) put(AI(changetype<addrinfo>(ai)));
  freeaddrinfo(load<usize>(RES));
}

const ADDR: usize = memory.data(16, 4);

// inet_pton's result and the 4 or 16 bytes it leaves (prefilled with aa).
function pton(af: i32, text: usize, n: i32): void {
  memory.fill(ADDR, 0xaa, 16);
  put(R(inet_pton(af, text, ADDR)));
  put(BYTES(ADDR, n));
}

const TEXT: usize = memory.data(64);

// inet_ntop's text, or -1/errno.
function NTOP(af: i32, src: usize, size: u32): string {
  memory.fill(TEXT, 0x55, 64);
  return inet_ntop(af, src, TEXT, size) == TEXT ? S(cstr(TEXT)) : R(-1);
}

const SIX: usize = memory.data(16, 4);
function six(hex: string): usize {
  for (let i = 0; i < 16; i++) store<u8>(SIX + <usize>i, <u8>I32.parseInt(hex.substr(2 * i, 2), 16));
  return SIX;
}

// inet_aton's result and the address it leaves (prefilled with aa).
function aton(text: usize): void {
  memory.fill(ADDR, 0xaa, 4);
  put(R(inet_aton(text, ADDR)));
  put(BYTES(ADDR, 4));
}

const HOST: usize = memory.data(128);
const SERV: usize = memory.data(64);

// getnameinfo's result and, when it succeeds, the host and service texts ("-": not asked for).
function gni(sa: usize, len: u32, hostlen: u32, servlen: u32, flags: i32): void {
  store<u16>(HOST, 0x2d); // "-"
  store<u16>(SERV, 0x2d);
  const r = getnameinfo(sa, len, hostlen ? HOST : 0, hostlen, servlen ? SERV : 0, servlen, flags);
  put(GAI(r));
  if (r != 0) return;
  put(S(cstr(HOST)));
  put(S(cstr(SERV)));
}

// ---- inet_pton --------------------------------------------------------------------------------

function pton_v4(): void {
  line("names.pton.v4_loopback"); pton(AF_INET, T("127.0.0.1"), 4);
  line("names.pton.v4_zero"); pton(AF_INET, T("0.0.0.0"), 4);
  line("names.pton.v4_broadcast"); pton(AF_INET, T("255.255.255.255"), 4);
  line("names.pton.v4_three_parts"); pton(AF_INET, T("1.2.3"), 4);
  line("names.pton.v4_one_part"); pton(AF_INET, T("16909060"), 4);
  line("names.pton.v4_part_over_255"); pton(AF_INET, T("256.1.1.1"), 4);
  line("names.pton.v4_leading_zero"); pton(AF_INET, T("01.2.3.4"), 4);
  line("names.pton.v4_hex"); pton(AF_INET, T("0x7f.0.0.1"), 4);
  line("names.pton.v4_leading_space"); pton(AF_INET, T(" 1.2.3.4"), 4);
  line("names.pton.v4_trailing_space"); pton(AF_INET, T("1.2.3.4 "), 4);
  line("names.pton.v4_trailing_dot"); pton(AF_INET, T("1.2.3.4."), 4);
  line("names.pton.v4_five_parts"); pton(AF_INET, T("1.2.3.4.5"), 4);
  line("names.pton.v4_empty_part"); pton(AF_INET, T("1..3.4"), 4);
  line("names.pton.v4_empty"); pton(AF_INET, T(""), 4);
  line("names.pton.v4_v6_text"); pton(AF_INET, T("::1"), 4);
}

function pton_v6(): void {
  line("names.pton.v6_loopback"); pton(AF_INET6, T("::1"), 16);
  line("names.pton.v6_any"); pton(AF_INET6, T("::"), 16);
  line("names.pton.v6_gap_middle"); pton(AF_INET6, T("1::2:3"), 16);
  line("names.pton.v6_full"); pton(AF_INET6, T("1:2:3:4:5:6:7:8"), 16);
  line("names.pton.v6_upper_hex"); pton(AF_INET6, T("ABCD:EF01::FfFf"), 16);
  line("names.pton.v6_gap_end"); pton(AF_INET6, T("1:2:3:4:5:6:7::"), 16);
  line("names.pton.v6_gap_start_seven"); pton(AF_INET6, T("::2:3:4:5:6:7:8"), 16);
  line("names.pton.v6_mapped"); pton(AF_INET6, T("::ffff:1.2.3.4"), 16);
  line("names.pton.v6_v4_tail_full"); pton(AF_INET6, T("1:2:3:4:5:6:1.2.3.4"), 16);
  line("names.pton.v6_v4_tail_short"); pton(AF_INET6, T("::1.2.3"), 16);
  line("names.pton.v6_v4_tail_leading_zero"); pton(AF_INET6, T("::ffff:01.2.3.4"), 16);
  line("names.pton.v6_v4_tail_not_last"); pton(AF_INET6, T("::1.2.3.4:5"), 16);
  line("names.pton.v6_nine_groups"); pton(AF_INET6, T("1:2:3:4:5:6:7:8:9"), 16);
  line("names.pton.v6_seven_groups"); pton(AF_INET6, T("1:2:3:4:5:6:7"), 16);
  line("names.pton.v6_gap_full"); pton(AF_INET6, T("1:2:3:4::5:6:7:8"), 16);
  line("names.pton.v6_two_gaps"); pton(AF_INET6, T("1::2::3"), 16);
  line("names.pton.v6_five_digits"); pton(AF_INET6, T("12345::"), 16);
  line("names.pton.v6_leading_zeros"); pton(AF_INET6, T("0001:02::0003"), 16);
  line("names.pton.v6_scope"); pton(AF_INET6, T("fe80::1%eth0"), 16);
  line("names.pton.v6_triple_colon"); pton(AF_INET6, T(":::"), 16);
  line("names.pton.v6_single_colon_start"); pton(AF_INET6, T(":1::2"), 16);
  line("names.pton.v6_single_colon_end"); pton(AF_INET6, T("1::2:"), 16);
  line("names.pton.v6_empty"); pton(AF_INET6, T(""), 16);
  line("names.pton.v6_v4_text"); pton(AF_INET6, T("1.2.3.4"), 16);
}

function pton_family(): void {
  line("names.pton.family_unspec"); errno_set(0); pton(AF_UNSPEC, T("1.2.3.4"), 4);
  line("names.pton.family_unknown"); errno_set(0); pton(12345, T("1.2.3.4"), 4);
}

// ---- inet_ntop --------------------------------------------------------------------------------

function ntop_v4(): void {
  const a = memory.data<u8>([1, 2, 3, 4]), z = memory.data<u8>([0, 0, 0, 0]), m = memory.data<u8>([255, 255, 255, 255]);
  const t = memory.data<u8>([10, 0, 100, 200]);
  line("names.ntop.v4"); put(NTOP(AF_INET, a, INET_ADDRSTRLEN));
  line("names.ntop.v4_zero"); put(NTOP(AF_INET, z, INET_ADDRSTRLEN));
  line("names.ntop.v4_max"); put(NTOP(AF_INET, m, INET_ADDRSTRLEN));
  line("names.ntop.v4_mixed_digits"); put(NTOP(AF_INET, t, INET_ADDRSTRLEN));
  line("names.ntop.v4_exact_size"); put(NTOP(AF_INET, a, 8));
  line("names.ntop.v4_short"); errno_set(0); put(NTOP(AF_INET, a, 7)); put(BYTES(TEXT, 1));
  line("names.ntop.v4_max_short"); errno_set(0); put(NTOP(AF_INET, m, 15));
  line("names.ntop.v4_size0"); errno_set(0); put(NTOP(AF_INET, a, 0));
}

function ntop_v6(): void {
  line("names.ntop.v6_any"); put(NTOP(AF_INET6, six("00000000000000000000000000000000"), INET6_ADDRSTRLEN));
  line("names.ntop.v6_loopback"); put(NTOP(AF_INET6, six("00000000000000000000000000000001"), INET6_ADDRSTRLEN));
  line("names.ntop.v6_trailing_gap"); put(NTOP(AF_INET6, six("00010000000000000000000000000000"), INET6_ADDRSTRLEN));
  line("names.ntop.v6_longest_run"); put(NTOP(AF_INET6, six("00010000000000020000000000000003"), INET6_ADDRSTRLEN));
  line("names.ntop.v6_first_of_equal_runs"); put(NTOP(AF_INET6, six("00010000000000000002000000000003"), INET6_ADDRSTRLEN));
  line("names.ntop.v6_single_zero"); put(NTOP(AF_INET6, six("00010002000300040005000600000008"), INET6_ADDRSTRLEN));
  line("names.ntop.v6_last_zero"); put(NTOP(AF_INET6, six("00010002000300040005000600070000"), INET6_ADDRSTRLEN));
  line("names.ntop.v6_full_hex"); put(NTOP(AF_INET6, six("abcdef0112345678ffff00a0000b0c0d"), INET6_ADDRSTRLEN));
  line("names.ntop.v6_link_local"); put(NTOP(AF_INET6, six("fe800000000000000000000000000001"), INET6_ADDRSTRLEN));
  line("names.ntop.v6_mapped"); put(NTOP(AF_INET6, six("00000000000000000000ffff01020304"), INET6_ADDRSTRLEN));
  line("names.ntop.v6_mapped_zero"); put(NTOP(AF_INET6, six("00000000000000000000ffff00000000"), INET6_ADDRSTRLEN));
  // glibc prints ::a.b.c.d (IPv4-compatible) when the first 96 bits are zero and the rest is not ::1/::; musl in hex.
  line("names.ntop.v6_compatible"); put(NTOP(AF_INET6, six("00000000000000000000000001020304"), INET6_ADDRSTRLEN));
  line("names.ntop.v6_compatible_low"); put(NTOP(AF_INET6, six("00000000000000000000000000000102"), INET6_ADDRSTRLEN));
  line("names.ntop.v6_nat64"); put(NTOP(AF_INET6, six("0064ff9b000000000000000001020304"), INET6_ADDRSTRLEN));
  line("names.ntop.v6_longest_max"); put(NTOP(AF_INET6, six("ffffffffffffffffffffffffffffffff"), INET6_ADDRSTRLEN));
}

function ntop_errors(): void {
  const lo = memory.data<u8>([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  line("names.ntop.v6_exact_size"); put(NTOP(AF_INET6, lo, 4));
  line("names.ntop.v6_short"); errno_set(0); put(NTOP(AF_INET6, lo, 3));
  line("names.ntop.v6_max_short"); errno_set(0); put(NTOP(AF_INET6, six("ffffffffffffffffffffffffffffffff"), 39));
  line("names.ntop.v6_max_exact"); put(NTOP(AF_INET6, six("ffffffffffffffffffffffffffffffff"), 40));
  line("names.ntop.family_unspec"); errno_set(0); put(NTOP(AF_UNSPEC, lo, 64));
  line("names.ntop.family_unknown"); errno_set(0); put(NTOP(12345, lo, 64));
}

// ---- inet_aton, inet_addr, inet_ntoa -------------------------------------------------------------

function aton_forms(): void {
  line("names.aton.dotted"); aton(T("1.2.3.4"));
  line("names.aton.one_part"); aton(T("1"));
  line("names.aton.two_parts"); aton(T("1.2"));
  line("names.aton.three_parts"); aton(T("1.2.3"));
  line("names.aton.two_parts_wide"); aton(T("1.16777215"));
  line("names.aton.two_parts_over"); aton(T("1.16777216"));
  line("names.aton.one_part_max"); aton(T("4294967295"));
  line("names.aton.one_part_over"); aton(T("4294967296"));
  line("names.aton.hex_part"); aton(T("0x7f.1"));
  line("names.aton.hex_upper"); aton(T("0X7F.0.0.0XA"));
  line("names.aton.octal"); aton(T("017.0.0.010"));
  line("names.aton.octal_bad_digit"); aton(T("08.1.1.1"));
  line("names.aton.hex_empty"); aton(T("0x.1"));
  line("names.aton.zero"); aton(T("0"));
  line("names.aton.part_over_255"); aton(T("256.1.1.1"));
  line("names.aton.five_parts"); aton(T("1.2.3.4.5"));
  line("names.aton.trailing_dot"); aton(T("1.2.3.4."));
  line("names.aton.empty_part"); aton(T("1..2"));
  line("names.aton.trailing_garbage"); aton(T("1.2.3.4x"));
  line("names.aton.trailing_space_garbage"); aton(T("1.2.3.4 junk"));
  line("names.aton.trailing_newline"); aton(T("1.2.3.4\n"));
  line("names.aton.leading_space"); aton(T(" 1.2.3.4"));
  line("names.aton.empty"); aton(T(""));
  line("names.aton.null_out"); put(R(inet_aton(T("1.2.3.4"), 0)));
}

const A4: usize = memory.data(4, 4);

function addr_ntoa(): void {
  let a: u32;
  a = inet_addr(T("127.0.0.1")); store<u32>(A4, a);
  line("names.addr.dotted"); put(N(<i32>(a == INADDR_NONE))); put(BYTES(A4, 4));
  a = inet_addr(T("0x7f.1")); store<u32>(A4, a);
  line("names.addr.loose"); put(N(<i32>(a == INADDR_NONE))); put(BYTES(A4, 4));
  a = inet_addr(T("255.255.255.255")); store<u32>(A4, a);
  line("names.addr.broadcast_is_none"); put(N(<i32>(a == INADDR_NONE))); put(BYTES(A4, 4));
  a = inet_addr(T("1.2.3.4.5"));
  line("names.addr.invalid"); put(N(<i32>(a == INADDR_NONE)));
  a = inet_addr(T(""));
  line("names.addr.empty"); put(N(<i32>(a == INADDR_NONE)));
  line("names.ntoa.loopback"); put(S(cstr(inet_ntoa(htonl(0x7f000001)))));
  line("names.ntoa.private"); put(S(cstr(inet_ntoa(htonl(0xc0a80a01)))));
  line("names.ntoa.broadcast"); put(S(cstr(inet_ntoa(0xffffffff))));
  const first = inet_ntoa(htonl(0x01020304));
  const second = inet_ntoa(htonl(0x05060708));
  line("names.ntoa.static_buffer"); put(N(<i32>(first == second))); put(S(cstr(first)));
}

// ---- byte order -------------------------------------------------------------------------------

function byte_order(): void {
  const s = htons(0x1234);
  const l = htonl(0x01020304);
  store<u16>(A4, s);
  line("names.byteorder.htons"); put(BYTES(A4, 2));
  store<u32>(A4, l);
  line("names.byteorder.htonl"); put(BYTES(A4, 4));
  line("names.byteorder.ntohs"); put(N(ntohs(s)));
  line("names.byteorder.ntohl"); put(N(ntohl(l)));
  line("names.byteorder.ntohs_value"); put(N(ntohs(0x0050)));
  line("names.byteorder.htonl_high_bit"); put(N(htonl(0x80000000)));
  line("names.byteorder.ntohl_max"); put(N(ntohl(0xffffffff)));
}

// ---- getaddrinfo ------------------------------------------------------------------------------

function gai_numeric(): void {
  label(80, "80");
  label(8080, "8080");
  label(65535, "65535");
  line("names.gai.v4_stream"); gai(T("127.0.0.1"), T("80"), hints(0, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.v4_dgram"); gai(T("127.0.0.1"), T("80"), hints(0, AF_INET, SOCK_DGRAM, 0));
  line("names.gai.v4_protocol_udp"); gai(T("127.0.0.1"), T("80"), hints(0, AF_UNSPEC, 0, IPPROTO_UDP));
  line("names.gai.v4_stream_and_udp"); gai(T("127.0.0.1"), T("80"), hints(0, AF_UNSPEC, SOCK_STREAM, IPPROTO_UDP));
  line("names.gai.v4_no_hints"); gai(T("127.0.0.1"), T("80"), 0);
  line("names.gai.v4_socktype0"); gai(T("127.0.0.1"), T("8080"), hints(0, AF_UNSPEC, 0, 0));
  line("names.gai.v4_no_service"); gai(T("127.0.0.1"), 0, hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.v4_loose"); gai(T("0x7f.1"), T("80"), hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.v6_stream"); gai(T("::1"), T("80"), hints(0, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.v6_family_inet6"); gai(T("::1"), T("8080"), hints(0, AF_INET6, SOCK_DGRAM, 0));
  line("names.gai.v6_numeric_scope"); gai(T("fe80::1%1"), T("80"), hints(AI_NUMERICHOST, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.v6_family_inet"); gai(T("::1"), T("80"), hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.v4_family_inet6"); gai(T("127.0.0.1"), T("80"), hints(0, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.v4_numerichost"); gai(T("127.0.0.1"), T("80"), hints(AI_NUMERICHOST, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.numerichost_name"); gai(T("localhost"), T("80"), hints(AI_NUMERICHOST, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.port_max"); gai(T("127.0.0.1"), T("65535"), hints(0, AF_INET, SOCK_STREAM, 0));
}

function gai_null_host(): void {
  label(80, "80");
  line("names.gai.null_host_loopback"); gai(0, T("80"), hints(0, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.null_host_passive"); gai(0, T("80"), hints(AI_PASSIVE, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.null_host_inet"); gai(0, T("80"), hints(0, AF_INET, SOCK_DGRAM, 0));
  line("names.gai.null_host_inet6_passive"); gai(0, T("80"), hints(AI_PASSIVE, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.null_host_passive_host_given"); gai(T("127.0.0.1"), T("80"), hints(AI_PASSIVE, AF_INET, SOCK_STREAM, 0));
  line("names.gai.null_host_socktype0"); gai(0, T("80"), hints(AI_PASSIVE, AF_INET, 0, 0));
}

function gai_services(): void {
  label(80, "80");
  label(53, "53");
  label(22, "22");
  line("names.gai.service_http"); gai(T("127.0.0.1"), T("http"), hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.service_http_socktype0"); gai(T("127.0.0.1"), T("http"), hints(0, AF_INET, 0, 0));
  line("names.gai.service_http_dgram"); gai(T("127.0.0.1"), T("http"), hints(0, AF_INET, SOCK_DGRAM, 0));
  line("names.gai.service_domain_socktype0"); gai(T("127.0.0.1"), T("domain"), hints(0, AF_INET, 0, 0));
  line("names.gai.service_ssh_null_host"); gai(0, T("ssh"), hints(AI_PASSIVE, AF_INET, SOCK_STREAM, 0));
  line("names.gai.service_unknown"); gai(T("127.0.0.1"), T("nosuchservice"), hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.service_numericserv_name"); gai(T("127.0.0.1"), T("http"), hints(AI_NUMERICSERV, AF_INET, SOCK_STREAM, 0));
  line("names.gai.service_numericserv_number"); gai(T("127.0.0.1"), T("80"), hints(AI_NUMERICSERV, AF_INET, SOCK_STREAM, 0));
  line("names.gai.service_zero"); gai(T("127.0.0.1"), T("0"), hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.service_empty"); gai(T("127.0.0.1"), T(""), hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.service_not_numeric"); gai(T("127.0.0.1"), T("80x"), hints(0, AF_INET, SOCK_STREAM, 0));
}

function gai_errors(): void {
  line("names.gai.null_null"); gai(0, 0, hints(0, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.null_null_no_hints"); gai(0, 0, 0);
  line("names.gai.bad_family"); gai(T("127.0.0.1"), T("80"), hints(0, 12345, SOCK_STREAM, 0));
  line("names.gai.bad_socktype"); gai(T("127.0.0.1"), T("80"), hints(0, AF_INET, 12345, 0));
  line("names.gai.bad_flags"); gai(T("127.0.0.1"), T("80"), hints(0x10000, AF_INET, SOCK_STREAM, 0));
  line("names.gai.canonname_null_host"); gai(0, T("80"), hints(AI_CANONNAME, AF_INET, SOCK_STREAM, 0));
  line("names.gai.protocol_mismatch"); gai(T("127.0.0.1"), T("80"), hints(0, AF_INET, SOCK_DGRAM, IPPROTO_TCP));
  line("names.gai.empty_host"); gai(T(""), T("80"), hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.name_with_space"); gai(T("a b"), T("80"), hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.name_with_port"); gai(T("localhost:80"), T("80"), hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.name_url"); gai(T("http://x/"), T("80"), hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.numeric_trailing_garbage"); gai(T("1.2.3.4 x"), T("80"), hints(0, AF_INET, SOCK_STREAM, 0));
}

function gai_localhost(): void {
  label(80, "80");
  line("names.gai.localhost_inet"); gai(T("localhost"), T("80"), hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.localhost_unspec"); gai(T("localhost"), T("80"), hints(0, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.localhost_upper"); gai(T("LOCALHOST"), T("80"), hints(0, AF_INET, SOCK_STREAM, 0));
  store<usize>(RES, 0);
  let r = getaddrinfo(T("localhost"), T("80"), hints(AI_CANONNAME, AF_INET, SOCK_STREAM, 0), RES);
  let res = changetype<addrinfo>(load<usize>(RES));
  line("names.gai.canonname_localhost"); put(GAI(r));
  if (r == 0) { put(S(res.ai_canonname ? cstr(res.ai_canonname) : "NULL")); put(AI(res)); freeaddrinfo(changetype<usize>(res)); }
  r = getaddrinfo(T("127.0.0.1"), T("80"), hints(AI_CANONNAME, AF_INET, 0, 0), RES);
  res = changetype<addrinfo>(load<usize>(RES));
  line("names.gai.canonname_numeric"); put(GAI(r));
  if (r == 0) {
    put(S(res.ai_canonname ? cstr(res.ai_canonname) : "NULL"));
    put(N(<i32>(res.ai_next != 0))); if (res.ai_next) put(N(<i32>(changetype<addrinfo>(res.ai_next).ai_canonname != 0)));
    freeaddrinfo(changetype<usize>(res));
  }
  r = getaddrinfo(T("127.0.0.1"), T("80"), hints(0, AF_INET, SOCK_STREAM, 0), RES);
  res = changetype<addrinfo>(load<usize>(RES));
  line("names.gai.no_canonname"); put(GAI(r));
  if (r == 0) { put(N(<i32>(res.ai_canonname != 0))); put(N(res.ai_flags)); freeaddrinfo(changetype<usize>(res)); }
}

function gai_v4mapped(): void {
  label(80, "80");
  line("names.gai.mapped_numeric"); gai(T("127.0.0.1"), T("80"), hints(AI_V4MAPPED, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.mapped_all_numeric"); gai(T("127.0.0.1"), T("80"), hints(AI_V4MAPPED | AI_ALL, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.mapped_v6_numeric"); gai(T("::1"), T("80"), hints(AI_V4MAPPED, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.mapped_unspec_ignored"); gai(T("127.0.0.1"), T("80"), hints(AI_V4MAPPED, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.mapped_localhost"); gai(T("localhost"), T("80"), hints(AI_V4MAPPED, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.mapped_all_localhost"); gai(T("localhost"), T("80"), hints(AI_V4MAPPED | AI_ALL, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.all_without_mapped"); gai(T("localhost"), T("80"), hints(AI_ALL, AF_INET6, SOCK_STREAM, 0));
}

function gai_addrconfig(): void {
  label(80, "80");
  line("names.gai.addrconfig_v4"); gai(T("127.0.0.1"), T("80"), hints(AI_ADDRCONFIG, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.addrconfig_v6"); gai(T("::1"), T("80"), hints(AI_ADDRCONFIG, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.addrconfig_null_host"); gai(0, T("80"), hints(AI_ADDRCONFIG | AI_PASSIVE, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.addrconfig_localhost"); gai(T("localhost"), T("80"), hints(AI_ADDRCONFIG, AF_UNSPEC, SOCK_STREAM, 0));
}

function gai_strerror_text(): void {
  // The library's texts are musl's; glibc's coincide for these two only.
  line("names.gai.strerror_system"); put(S(gai_strerror(EAI_SYSTEM)));
  line("names.gai.strerror_unknown"); put(S(gai_strerror(-12345)));
}

// ---- getnameinfo ------------------------------------------------------------------------------

const S6: usize = memory.data(28, 4);

function gni_numeric(): void {
  line("names.gni.v4_numeric"); gni(v4(127, 0, 0, 1, 8080), SIN, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.v4_any"); gni(any4(0), SIN, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.v6_numeric"); gni(lo6(443), SIN6, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.v6_mapped"); gni(mapped6(10, 1, 2, 3, 1), SIN6, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  memory.copy(S6, lo6(7), 28);
  store<u32>(S6, 5, 24);
  line("names.gni.v6_scope_global"); gni(S6, SIN6, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  memory.copy(S6 + 8, six("fe800000000000000000000000000001"), 16);
  store<u32>(S6, 1, 24);
  line("names.gni.v6_scope_link_local"); gni(S6, SIN6, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.host_only"); gni(lo4(80), SIN, 64, 0, NI_NUMERICHOST);
  line("names.gni.serv_only"); gni(lo4(80), SIN, 0, 32, NI_NUMERICSERV);
  line("names.gni.v4_len_larger"); gni(lo4(80), SIN6, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.host_exact_size"); gni(lo4(80), SIN, 10, 32, NI_NUMERICHOST | NI_NUMERICSERV);
}

const U4: usize = memory.data(16, 4);

function gni_errors(): void {
  line("names.gni.host_short"); gni(lo4(80), SIN, 9, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.host_tiny"); gni(lo4(80), SIN, 4, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.serv_short"); gni(lo4(8080), SIN, 64, 4, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.v6_host_short"); gni(lo6(80), SIN6, 3, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.v4_len_short"); gni(lo4(80), SIN - 1, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.v6_len_short"); gni(lo6(80), SIN, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.len_zero"); gni(lo4(80), 0, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  memory.copy(U4, lo4(80), 16);
  store<u16>(U4, <u16>AF_UNSPEC);
  line("names.gni.family_unspec"); gni(U4, SIN, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.no_buffers"); gni(lo4(80), SIN, 0, 0, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.namereqd_numeric"); gni(v4(192, 0, 2, 1, 80), SIN, 64, 32, NI_NAMEREQD | NI_NUMERICSERV);
  line("names.gni.bad_flags"); gni(lo4(80), SIN, 64, 32, 0x10000 | NI_NUMERICHOST | NI_NUMERICSERV);
}

function gni_services(): void {
  line("names.gni.serv_http"); gni(lo4(80), SIN, 64, 32, NI_NUMERICHOST);
  line("names.gni.serv_https_v6"); gni(lo6(443), SIN6, 64, 32, NI_NUMERICHOST);
  line("names.gni.serv_domain_dgram"); gni(lo4(53), SIN, 64, 32, NI_NUMERICHOST | NI_DGRAM);
  line("names.gni.serv_ntp_dgram"); gni(lo4(123), SIN, 64, 32, NI_NUMERICHOST | NI_DGRAM);
  line("names.gni.serv_unknown"); gni(lo4(12345), SIN, 64, 32, NI_NUMERICHOST);
  line("names.gni.serv_zero"); gni(lo4(0), SIN, 64, 32, NI_NUMERICHOST);
  line("names.gni.serv_name_short"); gni(lo4(80), SIN, 64, 4, NI_NUMERICHOST);
}

function gni_reverse(): void {
  // WASI has no reverse lookup (docs/porting.md): Linux finds /etc/hosts' name.
  line("names.gni.reverse_loopback"); gni(lo4(80), SIN, 64, 32, NI_NUMERICSERV);
  line("names.gni.reverse_loopback_namereqd"); gni(lo4(80), SIN, 64, 32, NI_NUMERICSERV | NI_NAMEREQD);
  line("names.gni.reverse_v6_loopback_namereqd"); gni(lo6(80), SIN6, 64, 32, NI_NUMERICSERV | NI_NAMEREQD);
}

// ---- services, protocols, hosts ---------------------------------------------------------------

function SERVENT(p: usize): string {
  if (p == 0) return "NULL";
  const s = changetype<servent>(p);
  return cstr(s.s_name) + "/" + ntohs(<u16>s.s_port).toString() + "/" + cstr(s.s_proto);
}

function servent_lookups(): void {
  line("names.serv.byname_http_tcp"); put(SERVENT(getservbyname(T("http"), T("tcp"))));
  line("names.serv.byname_http_any"); put(SERVENT(getservbyname(T("http"), 0)));
  line("names.serv.byname_alias"); put(SERVENT(getservbyname(T("www"), T("tcp"))));
  line("names.serv.byname_domain_udp"); put(SERVENT(getservbyname(T("domain"), T("udp"))));
  line("names.serv.byname_ntp_udp"); put(SERVENT(getservbyname(T("ntp"), T("udp"))));
  line("names.serv.byname_unknown"); put(SERVENT(getservbyname(T("nosuchservice"), T("tcp"))));
  line("names.serv.byname_bad_proto"); put(SERVENT(getservbyname(T("http"), T("sctpx"))));
  line("names.serv.byport_http"); put(SERVENT(getservbyport(<i32>htons(80), T("tcp"))));
  line("names.serv.byport_domain_udp"); put(SERVENT(getservbyport(<i32>htons(53), T("udp"))));
  line("names.serv.byport_any"); put(SERVENT(getservbyport(<i32>htons(22), 0)));
  line("names.serv.byport_unknown"); put(SERVENT(getservbyport(<i32>htons(12345), T("tcp"))));
  line("names.serv.byport_host_order"); put(SERVENT(getservbyport(80, T("tcp"))));
}

function PROTOENT(q: usize): string {
  if (q == 0) return "NULL";
  const p = changetype<protoent>(q);
  return cstr(p.p_name) + "/" + PROTO(p.p_proto);
}

function protoent_lookups(): void {
  line("names.proto.byname_tcp"); put(PROTOENT(getprotobyname(T("tcp"))));
  line("names.proto.byname_udp"); put(PROTOENT(getprotobyname(T("udp"))));
  line("names.proto.byname_unknown"); put(PROTOENT(getprotobyname(T("nosuchproto"))));
  line("names.proto.bynumber_udp"); put(PROTOENT(getprotobynumber(IPPROTO_UDP)));
  line("names.proto.bynumber_tcp"); put(PROTOENT(getprotobynumber(IPPROTO_TCP)));
}

function HOSTENT(p: usize): void {
  if (p == 0) {
    put("NULL");
    put(h_errno == HOST_NOT_FOUND ? "HOST_NOT_FOUND" : h_errno == TRY_AGAIN ? "TRY_AGAIN" : h_errno == NO_RECOVERY ? "NO_RECOVERY"
      : h_errno == NO_DATA ? "NO_DATA" : N(h_errno));
    return;
  }
  const h = changetype<hostent>(p);
  put(S(cstr(h.h_name)));
  put(h.h_addrtype == AF_INET ? "AF_INET" : h.h_addrtype == AF_INET6 ? "AF_INET6" : N(h.h_addrtype));
  put(N(h.h_length));
  let n = 0;
  while (load<usize>(h.h_addr_list + <usize>n * 4) != 0) n++;
  put(N(n));
  if (n > 0) put(BYTES(load<usize>(h.h_addr_list), h.h_length));
  put(N(<i32>(load<usize>(h.h_aliases) != 0)));
}

function hostent_lookups(): void {
  line("names.host.byname_numeric"); HOSTENT(gethostbyname(T("127.0.0.1")));
  line("names.host.byname_localhost"); HOSTENT(gethostbyname(T("localhost")));
  line("names.host.byname2_v6_numeric"); HOSTENT(gethostbyname2(T("::1"), AF_INET6));
  line("names.host.byname2_v4_text_inet6"); HOSTENT(gethostbyname2(T("127.0.0.1"), AF_INET6));
  line("names.host.byname_invalid"); HOSTENT(gethostbyname(T("a b")));
}

export const CASES: Case[] = [
  C("pton_v4", pton_v4), C("pton_v6", pton_v6), C("pton_family", pton_family), C("ntop_v4", ntop_v4),
  C("ntop_v6", ntop_v6), C("ntop_errors", ntop_errors), C("aton_forms", aton_forms), C("addr_ntoa", addr_ntoa),
  C("byte_order", byte_order), C("gai_numeric", gai_numeric), C("gai_null_host", gai_null_host),
  C("gai_services", gai_services), C("gai_errors", gai_errors), C("gai_localhost", gai_localhost),
  C("gai_v4mapped", gai_v4mapped), C("gai_addrconfig", gai_addrconfig), C("gai_strerror_text", gai_strerror_text),
  C("gni_numeric", gni_numeric), C("gni_errors", gni_errors), C("gni_services", gni_services),
  C("gni_reverse", gni_reverse), C("servent_lookups", servent_lookups), C("protoent_lookups", protoent_lookups),
  C("hostent_lookups", hostent_lookups),
];

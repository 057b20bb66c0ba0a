// Names: inet_pton/ntop/aton/addr/ntoa, byte order, getaddrinfo, getnameinfo, getservby*, getprotoby*,
// gethostbyname (twin: ../as/names.ts).
#include "harness.h"

// ---- local helpers ----------------------------------------------------------------------------

// getaddrinfo/getnameinfo's result by its EAI_ name (EAI_SYSTEM with errno's).
static const char *GAI(int r) {
  switch (r) {
  case 0: return "0";
  case EAI_BADFLAGS: return "EAI_BADFLAGS";
  case EAI_NONAME: return "EAI_NONAME";
  case EAI_AGAIN: return "EAI_AGAIN";
  case EAI_FAIL: return "EAI_FAIL";
  case EAI_NODATA: return "EAI_NODATA";
  case EAI_ADDRFAMILY: return "EAI_ADDRFAMILY";
  case EAI_FAMILY: return "EAI_FAMILY";
  case EAI_SOCKTYPE: return "EAI_SOCKTYPE";
  case EAI_SERVICE: return "EAI_SERVICE";
  case EAI_MEMORY: return "EAI_MEMORY";
  case EAI_SYSTEM: { char *s = (char *)N(0); snprintf(s, 512, "EAI_SYSTEM/%s", E(errno)); return s; }
  case EAI_OVERFLOW: return "EAI_OVERFLOW";
  default: return N(r);
  }
}

static const char *SOCKTYPE(int t) {
  return t == SOCK_STREAM ? "STREAM" : t == SOCK_DGRAM ? "DGRAM" : t == SOCK_RAW ? "RAW" : N(t);
}

static const char *PROTO(int p) {
  return p == IPPROTO_TCP ? "TCP" : p == IPPROTO_UDP ? "UDP" : p == 0 ? "0" : N(p);
}

// One addrinfo entry: family/socktype/protocol/address (ai_addrlen checked by NAME).
static const char *AI(const struct addrinfo *ai) {
  char *s = (char *)N(0);
  snprintf(s, 512, "%s/%s/%s/%s", FAMILY(ai->ai_addr), SOCKTYPE(ai->ai_socktype), PROTO(ai->ai_protocol),
           NAME(ai->ai_addr, ai->ai_addrlen));
  return s;
}

static struct addrinfo HINTS;
static struct addrinfo *hints(int flags, int family, int socktype, int protocol) {
  memset(&HINTS, 0, sizeof HINTS);
  HINTS.ai_flags = flags;
  HINTS.ai_family = family;
  HINTS.ai_socktype = socktype;
  HINTS.ai_protocol = protocol;
  return &HINTS;
}

// getaddrinfo's result, then every entry in order; frees the list.
static void gai(const char *node, const char *service, const struct addrinfo *h) {
  struct addrinfo *res = NULL;
  int r = getaddrinfo(node, service, h, &res);
  put(GAI(r));
  if (r != 0) return;
  for (struct addrinfo *ai = res; ai; ai = ai->ai_next) put(AI(ai));
  freeaddrinfo(res);
}

static unsigned char ADDR[16];

// inet_pton's result and the 4 or 16 bytes it leaves (prefilled with aa).
static void pton(int af, const char *text, int n) {
  memset(ADDR, 0xaa, sizeof ADDR);
  put(R(inet_pton(af, text, ADDR)));
  put(BYTES(ADDR, n));
}

static char TEXT[64];

// inet_ntop's text, or -1/errno.
static const char *NTOP(int af, const void *src, socklen_t size) {
  memset(TEXT, 0x55, sizeof TEXT);
  return inet_ntop(af, src, TEXT, size) == TEXT ? S(TEXT) : R(-1);
}

static const unsigned char *six(const char *hex) {
  static unsigned char b[16];
  for (int i = 0; i < 16; i++) {
    unsigned v;
    sscanf(hex + 2 * i, "%2x", &v);
    b[i] = (unsigned char)v;
  }
  return b;
}

// inet_aton's result and the address it leaves (prefilled with aa).
static void aton(const char *text) {
  memset(ADDR, 0xaa, 4);
  put(R(inet_aton(text, (struct in_addr *)ADDR)));
  put(BYTES(ADDR, 4));
}

static char HOST[128];
static char SERV[64];

// getnameinfo's result and, when it succeeds, the host and service texts ("-": not asked for).
static void gni(const void *sa, socklen_t len, socklen_t hostlen, socklen_t servlen, int flags) {
  strcpy(HOST, "-");
  strcpy(SERV, "-");
  int r = getnameinfo(sa, len, hostlen ? HOST : NULL, hostlen, servlen ? SERV : NULL, servlen, flags);
  put(GAI(r));
  if (r != 0) return;
  put(S(HOST));
  put(S(SERV));
}

// ---- inet_pton --------------------------------------------------------------------------------

static void pton_v4(void) {
  line("names.pton.v4_loopback"); pton(AF_INET, "127.0.0.1", 4);
  line("names.pton.v4_zero"); pton(AF_INET, "0.0.0.0", 4);
  line("names.pton.v4_broadcast"); pton(AF_INET, "255.255.255.255", 4);
  line("names.pton.v4_three_parts"); pton(AF_INET, "1.2.3", 4);
  line("names.pton.v4_one_part"); pton(AF_INET, "16909060", 4);
  line("names.pton.v4_part_over_255"); pton(AF_INET, "256.1.1.1", 4);
  line("names.pton.v4_leading_zero"); pton(AF_INET, "01.2.3.4", 4);
  line("names.pton.v4_hex"); pton(AF_INET, "0x7f.0.0.1", 4);
  line("names.pton.v4_leading_space"); pton(AF_INET, " 1.2.3.4", 4);
  line("names.pton.v4_trailing_space"); pton(AF_INET, "1.2.3.4 ", 4);
  line("names.pton.v4_trailing_dot"); pton(AF_INET, "1.2.3.4.", 4);
  line("names.pton.v4_five_parts"); pton(AF_INET, "1.2.3.4.5", 4);
  line("names.pton.v4_empty_part"); pton(AF_INET, "1..3.4", 4);
  line("names.pton.v4_empty"); pton(AF_INET, "", 4);
  line("names.pton.v4_v6_text"); pton(AF_INET, "::1", 4);
}

static void pton_v6(void) {
  line("names.pton.v6_loopback"); pton(AF_INET6, "::1", 16);
  line("names.pton.v6_any"); pton(AF_INET6, "::", 16);
  line("names.pton.v6_gap_middle"); pton(AF_INET6, "1::2:3", 16);
  line("names.pton.v6_full"); pton(AF_INET6, "1:2:3:4:5:6:7:8", 16);
  line("names.pton.v6_upper_hex"); pton(AF_INET6, "ABCD:EF01::FfFf", 16);
  line("names.pton.v6_gap_end"); pton(AF_INET6, "1:2:3:4:5:6:7::", 16);
  line("names.pton.v6_gap_start_seven"); pton(AF_INET6, "::2:3:4:5:6:7:8", 16);
  line("names.pton.v6_mapped"); pton(AF_INET6, "::ffff:1.2.3.4", 16);
  line("names.pton.v6_v4_tail_full"); pton(AF_INET6, "1:2:3:4:5:6:1.2.3.4", 16);
  line("names.pton.v6_v4_tail_short"); pton(AF_INET6, "::1.2.3", 16);
  line("names.pton.v6_v4_tail_leading_zero"); pton(AF_INET6, "::ffff:01.2.3.4", 16);
  line("names.pton.v6_v4_tail_not_last"); pton(AF_INET6, "::1.2.3.4:5", 16);
  line("names.pton.v6_nine_groups"); pton(AF_INET6, "1:2:3:4:5:6:7:8:9", 16);
  line("names.pton.v6_seven_groups"); pton(AF_INET6, "1:2:3:4:5:6:7", 16);
  line("names.pton.v6_gap_full"); pton(AF_INET6, "1:2:3:4::5:6:7:8", 16);
  line("names.pton.v6_two_gaps"); pton(AF_INET6, "1::2::3", 16);
  line("names.pton.v6_five_digits"); pton(AF_INET6, "12345::", 16);
  line("names.pton.v6_leading_zeros"); pton(AF_INET6, "0001:02::0003", 16);
  line("names.pton.v6_scope"); pton(AF_INET6, "fe80::1%eth0", 16);
  line("names.pton.v6_triple_colon"); pton(AF_INET6, ":::", 16);
  line("names.pton.v6_single_colon_start"); pton(AF_INET6, ":1::2", 16);
  line("names.pton.v6_single_colon_end"); pton(AF_INET6, "1::2:", 16);
  line("names.pton.v6_empty"); pton(AF_INET6, "", 16);
  line("names.pton.v6_v4_text"); pton(AF_INET6, "1.2.3.4", 16);
}

static void pton_family(void) {
  line("names.pton.family_unspec"); errno = 0; pton(AF_UNSPEC, "1.2.3.4", 4);
  line("names.pton.family_unknown"); errno = 0; pton(12345, "1.2.3.4", 4);
}

// ---- inet_ntop --------------------------------------------------------------------------------

static void ntop_v4(void) {
  static const unsigned char a[4] = { 1, 2, 3, 4 }, z[4] = { 0, 0, 0, 0 }, m[4] = { 255, 255, 255, 255 };
  static const unsigned char t[4] = { 10, 0, 100, 200 };
  line("names.ntop.v4"); put(NTOP(AF_INET, a, INET_ADDRSTRLEN));
  line("names.ntop.v4_zero"); put(NTOP(AF_INET, z, INET_ADDRSTRLEN));
  line("names.ntop.v4_max"); put(NTOP(AF_INET, m, INET_ADDRSTRLEN));
  line("names.ntop.v4_mixed_digits"); put(NTOP(AF_INET, t, INET_ADDRSTRLEN));
  line("names.ntop.v4_exact_size"); put(NTOP(AF_INET, a, 8));
  line("names.ntop.v4_short"); errno = 0; put(NTOP(AF_INET, a, 7)); put(BYTES(TEXT, 1));
  line("names.ntop.v4_max_short"); errno = 0; put(NTOP(AF_INET, m, 15));
  line("names.ntop.v4_size0"); errno = 0; put(NTOP(AF_INET, a, 0));
}

static void ntop_v6(void) {
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

static void ntop_errors(void) {
  static const unsigned char lo[16] = { [15] = 1 };
  line("names.ntop.v6_exact_size"); put(NTOP(AF_INET6, lo, 4));
  line("names.ntop.v6_short"); errno = 0; put(NTOP(AF_INET6, lo, 3));
  line("names.ntop.v6_max_short"); errno = 0; put(NTOP(AF_INET6, six("ffffffffffffffffffffffffffffffff"), 39));
  line("names.ntop.v6_max_exact"); put(NTOP(AF_INET6, six("ffffffffffffffffffffffffffffffff"), 40));
  line("names.ntop.family_unspec"); errno = 0; put(NTOP(AF_UNSPEC, lo, 64));
  line("names.ntop.family_unknown"); errno = 0; put(NTOP(12345, lo, 64));
}

// ---- inet_aton, inet_addr, inet_ntoa -------------------------------------------------------------

static void aton_forms(void) {
  line("names.aton.dotted"); aton("1.2.3.4");
  line("names.aton.one_part"); aton("1");
  line("names.aton.two_parts"); aton("1.2");
  line("names.aton.three_parts"); aton("1.2.3");
  line("names.aton.two_parts_wide"); aton("1.16777215");
  line("names.aton.two_parts_over"); aton("1.16777216");
  line("names.aton.one_part_max"); aton("4294967295");
  line("names.aton.one_part_over"); aton("4294967296");
  line("names.aton.hex_part"); aton("0x7f.1");
  line("names.aton.hex_upper"); aton("0X7F.0.0.0XA");
  line("names.aton.octal"); aton("017.0.0.010");
  line("names.aton.octal_bad_digit"); aton("08.1.1.1");
  line("names.aton.hex_empty"); aton("0x.1");
  line("names.aton.zero"); aton("0");
  line("names.aton.part_over_255"); aton("256.1.1.1");
  line("names.aton.five_parts"); aton("1.2.3.4.5");
  line("names.aton.trailing_dot"); aton("1.2.3.4.");
  line("names.aton.empty_part"); aton("1..2");
  line("names.aton.trailing_garbage"); aton("1.2.3.4x");
  line("names.aton.trailing_space_garbage"); aton("1.2.3.4 junk");
  line("names.aton.trailing_newline"); aton("1.2.3.4\n");
  line("names.aton.leading_space"); aton(" 1.2.3.4");
  line("names.aton.empty"); aton("");
  line("names.aton.null_out"); put(R(inet_aton("1.2.3.4", NULL)));
}

static void addr_ntoa(void) {
  in_addr_t a;
  a = inet_addr("127.0.0.1");
  line("names.addr.dotted"); put(N(a == INADDR_NONE)); put(BYTES(&a, 4));
  a = inet_addr("0x7f.1");
  line("names.addr.loose"); put(N(a == INADDR_NONE)); put(BYTES(&a, 4));
  a = inet_addr("255.255.255.255");
  line("names.addr.broadcast_is_none"); put(N(a == INADDR_NONE)); put(BYTES(&a, 4));
  a = inet_addr("1.2.3.4.5");
  line("names.addr.invalid"); put(N(a == INADDR_NONE));
  a = inet_addr("");
  line("names.addr.empty"); put(N(a == INADDR_NONE));
  struct in_addr in;
  in.s_addr = htonl(0x7f000001);
  line("names.ntoa.loopback"); put(S(inet_ntoa(in)));
  in.s_addr = htonl(0xc0a80a01);
  line("names.ntoa.private"); put(S(inet_ntoa(in)));
  in.s_addr = 0xffffffff;
  line("names.ntoa.broadcast"); put(S(inet_ntoa(in)));
  in.s_addr = htonl(0x01020304);
  char *first = inet_ntoa(in);
  in.s_addr = htonl(0x05060708);
  char *second = inet_ntoa(in);
  line("names.ntoa.static_buffer"); put(N(first == second)); put(S(first));
}

// ---- byte order -------------------------------------------------------------------------------

static void byte_order(void) {
  uint16_t s = htons(0x1234);
  uint32_t l = htonl(0x01020304);
  line("names.byteorder.htons"); put(BYTES(&s, 2));
  line("names.byteorder.htonl"); put(BYTES(&l, 4));
  line("names.byteorder.ntohs"); put(N(ntohs(s)));
  line("names.byteorder.ntohl"); put(N(ntohl(l)));
  line("names.byteorder.ntohs_value"); put(N(ntohs(0x0050)));
  line("names.byteorder.htonl_high_bit"); put(N(htonl(0x80000000u)));
  line("names.byteorder.ntohl_max"); put(N(ntohl(0xffffffffu)));
}

// ---- getaddrinfo ------------------------------------------------------------------------------

static void gai_numeric(void) {
  label(80, "80");
  label(8080, "8080");
  label(65535, "65535");
  line("names.gai.v4_stream"); gai("127.0.0.1", "80", hints(0, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.v4_dgram"); gai("127.0.0.1", "80", hints(0, AF_INET, SOCK_DGRAM, 0));
  line("names.gai.v4_protocol_udp"); gai("127.0.0.1", "80", hints(0, AF_UNSPEC, 0, IPPROTO_UDP));
  line("names.gai.v4_stream_and_udp"); gai("127.0.0.1", "80", hints(0, AF_UNSPEC, SOCK_STREAM, IPPROTO_UDP));
  line("names.gai.v4_no_hints"); gai("127.0.0.1", "80", NULL);
  line("names.gai.v4_socktype0"); gai("127.0.0.1", "8080", hints(0, AF_UNSPEC, 0, 0));
  line("names.gai.v4_no_service"); gai("127.0.0.1", NULL, hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.v4_loose"); gai("0x7f.1", "80", hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.v6_stream"); gai("::1", "80", hints(0, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.v6_family_inet6"); gai("::1", "8080", hints(0, AF_INET6, SOCK_DGRAM, 0));
  line("names.gai.v6_numeric_scope"); gai("fe80::1%1", "80", hints(AI_NUMERICHOST, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.v6_family_inet"); gai("::1", "80", hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.v4_family_inet6"); gai("127.0.0.1", "80", hints(0, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.v4_numerichost"); gai("127.0.0.1", "80", hints(AI_NUMERICHOST, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.numerichost_name"); gai("localhost", "80", hints(AI_NUMERICHOST, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.port_max"); gai("127.0.0.1", "65535", hints(0, AF_INET, SOCK_STREAM, 0));
}

static void gai_null_host(void) {
  label(80, "80");
  line("names.gai.null_host_loopback"); gai(NULL, "80", hints(0, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.null_host_passive"); gai(NULL, "80", hints(AI_PASSIVE, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.null_host_inet"); gai(NULL, "80", hints(0, AF_INET, SOCK_DGRAM, 0));
  line("names.gai.null_host_inet6_passive"); gai(NULL, "80", hints(AI_PASSIVE, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.null_host_passive_host_given"); gai("127.0.0.1", "80", hints(AI_PASSIVE, AF_INET, SOCK_STREAM, 0));
  line("names.gai.null_host_socktype0"); gai(NULL, "80", hints(AI_PASSIVE, AF_INET, 0, 0));
}

static void gai_services(void) {
  label(80, "80");
  label(53, "53");
  label(22, "22");
  line("names.gai.service_http"); gai("127.0.0.1", "http", hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.service_http_socktype0"); gai("127.0.0.1", "http", hints(0, AF_INET, 0, 0));
  line("names.gai.service_http_dgram"); gai("127.0.0.1", "http", hints(0, AF_INET, SOCK_DGRAM, 0));
  line("names.gai.service_domain_socktype0"); gai("127.0.0.1", "domain", hints(0, AF_INET, 0, 0));
  line("names.gai.service_ssh_null_host"); gai(NULL, "ssh", hints(AI_PASSIVE, AF_INET, SOCK_STREAM, 0));
  line("names.gai.service_unknown"); gai("127.0.0.1", "nosuchservice", hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.service_numericserv_name"); gai("127.0.0.1", "http", hints(AI_NUMERICSERV, AF_INET, SOCK_STREAM, 0));
  line("names.gai.service_numericserv_number"); gai("127.0.0.1", "80", hints(AI_NUMERICSERV, AF_INET, SOCK_STREAM, 0));
  line("names.gai.service_zero"); gai("127.0.0.1", "0", hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.service_empty"); gai("127.0.0.1", "", hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.service_not_numeric"); gai("127.0.0.1", "80x", hints(0, AF_INET, SOCK_STREAM, 0));
}

static void gai_errors(void) {
  line("names.gai.null_null"); gai(NULL, NULL, hints(0, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.null_null_no_hints"); gai(NULL, NULL, NULL);
  line("names.gai.bad_family"); gai("127.0.0.1", "80", hints(0, 12345, SOCK_STREAM, 0));
  line("names.gai.bad_socktype"); gai("127.0.0.1", "80", hints(0, AF_INET, 12345, 0));
  line("names.gai.bad_flags"); gai("127.0.0.1", "80", hints(0x10000, AF_INET, SOCK_STREAM, 0));
  line("names.gai.canonname_null_host"); gai(NULL, "80", hints(AI_CANONNAME, AF_INET, SOCK_STREAM, 0));
  line("names.gai.protocol_mismatch"); gai("127.0.0.1", "80", hints(0, AF_INET, SOCK_DGRAM, IPPROTO_TCP));
  line("names.gai.empty_host"); gai("", "80", hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.name_with_space"); gai("a b", "80", hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.name_with_port"); gai("localhost:80", "80", hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.name_url"); gai("http://x/", "80", hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.numeric_trailing_garbage"); gai("1.2.3.4 x", "80", hints(0, AF_INET, SOCK_STREAM, 0));
}

static void gai_localhost(void) {
  label(80, "80");
  line("names.gai.localhost_inet"); gai("localhost", "80", hints(0, AF_INET, SOCK_STREAM, 0));
  line("names.gai.localhost_unspec"); gai("localhost", "80", hints(0, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.localhost_upper"); gai("LOCALHOST", "80", hints(0, AF_INET, SOCK_STREAM, 0));
  struct addrinfo *res = NULL;
  int r = getaddrinfo("localhost", "80", hints(AI_CANONNAME, AF_INET, SOCK_STREAM, 0), &res);
  line("names.gai.canonname_localhost"); put(GAI(r));
  if (r == 0) { put(S(res->ai_canonname ? res->ai_canonname : "NULL")); put(AI(res)); freeaddrinfo(res); }
  r = getaddrinfo("127.0.0.1", "80", hints(AI_CANONNAME, AF_INET, 0, 0), &res);
  line("names.gai.canonname_numeric"); put(GAI(r));
  if (r == 0) {
    put(S(res->ai_canonname ? res->ai_canonname : "NULL"));
    put(N(res->ai_next != NULL)); if (res->ai_next) put(N(res->ai_next->ai_canonname != NULL));
    freeaddrinfo(res);
  }
  r = getaddrinfo("127.0.0.1", "80", hints(0, AF_INET, SOCK_STREAM, 0), &res);
  line("names.gai.no_canonname"); put(GAI(r));
  if (r == 0) { put(N(res->ai_canonname != NULL)); put(N(res->ai_flags)); freeaddrinfo(res); }
}

static void gai_v4mapped(void) {
  label(80, "80");
  line("names.gai.mapped_numeric"); gai("127.0.0.1", "80", hints(AI_V4MAPPED, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.mapped_all_numeric"); gai("127.0.0.1", "80", hints(AI_V4MAPPED | AI_ALL, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.mapped_v6_numeric"); gai("::1", "80", hints(AI_V4MAPPED, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.mapped_unspec_ignored"); gai("127.0.0.1", "80", hints(AI_V4MAPPED, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.mapped_localhost"); gai("localhost", "80", hints(AI_V4MAPPED, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.mapped_all_localhost"); gai("localhost", "80", hints(AI_V4MAPPED | AI_ALL, AF_INET6, SOCK_STREAM, 0));
  line("names.gai.all_without_mapped"); gai("localhost", "80", hints(AI_ALL, AF_INET6, SOCK_STREAM, 0));
}

static void gai_addrconfig(void) {
  label(80, "80");
  line("names.gai.addrconfig_v4"); gai("127.0.0.1", "80", hints(AI_ADDRCONFIG, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.addrconfig_v6"); gai("::1", "80", hints(AI_ADDRCONFIG, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.addrconfig_null_host"); gai(NULL, "80", hints(AI_ADDRCONFIG | AI_PASSIVE, AF_UNSPEC, SOCK_STREAM, 0));
  line("names.gai.addrconfig_localhost"); gai("localhost", "80", hints(AI_ADDRCONFIG, AF_UNSPEC, SOCK_STREAM, 0));
}

static void gai_strerror_text(void) {
  // The library's texts are musl's; glibc's coincide for these two only.
  line("names.gai.strerror_system"); put(S(gai_strerror(EAI_SYSTEM)));
  line("names.gai.strerror_unknown"); put(S(gai_strerror(-12345)));
}

// ---- getnameinfo ------------------------------------------------------------------------------

static void gni_numeric(void) {
  line("names.gni.v4_numeric"); gni(v4(127, 0, 0, 1, 8080), SIN, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.v4_any"); gni(any4(0), SIN, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.v6_numeric"); gni(lo6(443), SIN6, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.v6_mapped"); gni(mapped6(10, 1, 2, 3, 1), SIN6, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  struct sockaddr_in6 s6;
  memcpy(&s6, lo6(7), sizeof s6);
  s6.sin6_scope_id = 5;
  line("names.gni.v6_scope_global"); gni(&s6, SIN6, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  memcpy(&s6.sin6_addr, six("fe800000000000000000000000000001"), 16);
  s6.sin6_scope_id = 1;
  line("names.gni.v6_scope_link_local"); gni(&s6, SIN6, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.host_only"); gni(lo4(80), SIN, 64, 0, NI_NUMERICHOST);
  line("names.gni.serv_only"); gni(lo4(80), SIN, 0, 32, NI_NUMERICSERV);
  line("names.gni.v4_len_larger"); gni(lo4(80), SIN6, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.host_exact_size"); gni(lo4(80), SIN, 10, 32, NI_NUMERICHOST | NI_NUMERICSERV);
}

static void gni_errors(void) {
  line("names.gni.host_short"); gni(lo4(80), SIN, 9, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.host_tiny"); gni(lo4(80), SIN, 4, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.serv_short"); gni(lo4(8080), SIN, 64, 4, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.v6_host_short"); gni(lo6(80), SIN6, 3, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.v4_len_short"); gni(lo4(80), SIN - 1, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.v6_len_short"); gni(lo6(80), SIN, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.len_zero"); gni(lo4(80), 0, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  struct sockaddr_in u;
  memcpy(&u, lo4(80), sizeof u);
  u.sin_family = AF_UNSPEC;
  line("names.gni.family_unspec"); gni(&u, SIN, 64, 32, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.no_buffers"); gni(lo4(80), SIN, 0, 0, NI_NUMERICHOST | NI_NUMERICSERV);
  line("names.gni.namereqd_numeric"); gni(v4(192, 0, 2, 1, 80), SIN, 64, 32, NI_NAMEREQD | NI_NUMERICSERV);
  line("names.gni.bad_flags"); gni(lo4(80), SIN, 64, 32, 0x10000 | NI_NUMERICHOST | NI_NUMERICSERV);
}

static void gni_services(void) {
  line("names.gni.serv_http"); gni(lo4(80), SIN, 64, 32, NI_NUMERICHOST);
  line("names.gni.serv_https_v6"); gni(lo6(443), SIN6, 64, 32, NI_NUMERICHOST);
  line("names.gni.serv_domain_dgram"); gni(lo4(53), SIN, 64, 32, NI_NUMERICHOST | NI_DGRAM);
  line("names.gni.serv_ntp_dgram"); gni(lo4(123), SIN, 64, 32, NI_NUMERICHOST | NI_DGRAM);
  line("names.gni.serv_unknown"); gni(lo4(12345), SIN, 64, 32, NI_NUMERICHOST);
  line("names.gni.serv_zero"); gni(lo4(0), SIN, 64, 32, NI_NUMERICHOST);
  line("names.gni.serv_name_short"); gni(lo4(80), SIN, 64, 4, NI_NUMERICHOST);
}

static void gni_reverse(void) {
  // WASI has no reverse lookup (docs/porting.md): Linux finds /etc/hosts' name.
  line("names.gni.reverse_loopback"); gni(lo4(80), SIN, 64, 32, NI_NUMERICSERV);
  line("names.gni.reverse_loopback_namereqd"); gni(lo4(80), SIN, 64, 32, NI_NUMERICSERV | NI_NAMEREQD);
  line("names.gni.reverse_v6_loopback_namereqd"); gni(lo6(80), SIN6, 64, 32, NI_NUMERICSERV | NI_NAMEREQD);
}

// ---- services, protocols, hosts ---------------------------------------------------------------

static const char *SERVENT(const struct servent *s) {
  if (!s) return "NULL";
  char *t = (char *)N(0);
  snprintf(t, 512, "%s/%d/%s", s->s_name, ntohs((uint16_t)s->s_port), s->s_proto);
  return t;
}

static void servent_lookups(void) {
  line("names.serv.byname_http_tcp"); put(SERVENT(getservbyname("http", "tcp")));
  line("names.serv.byname_http_any"); put(SERVENT(getservbyname("http", NULL)));
  line("names.serv.byname_alias"); put(SERVENT(getservbyname("www", "tcp")));
  line("names.serv.byname_domain_udp"); put(SERVENT(getservbyname("domain", "udp")));
  line("names.serv.byname_ntp_udp"); put(SERVENT(getservbyname("ntp", "udp")));
  line("names.serv.byname_unknown"); put(SERVENT(getservbyname("nosuchservice", "tcp")));
  line("names.serv.byname_bad_proto"); put(SERVENT(getservbyname("http", "sctpx")));
  line("names.serv.byport_http"); put(SERVENT(getservbyport(htons(80), "tcp")));
  line("names.serv.byport_domain_udp"); put(SERVENT(getservbyport(htons(53), "udp")));
  line("names.serv.byport_any"); put(SERVENT(getservbyport(htons(22), NULL)));
  line("names.serv.byport_unknown"); put(SERVENT(getservbyport(htons(12345), "tcp")));
  line("names.serv.byport_host_order"); put(SERVENT(getservbyport(80, "tcp")));
}

static const char *PROTOENT(const struct protoent *p) {
  if (!p) return "NULL";
  char *t = (char *)N(0);
  snprintf(t, 512, "%s/%s", p->p_name, PROTO(p->p_proto));
  return t;
}

static void protoent_lookups(void) {
  line("names.proto.byname_tcp"); put(PROTOENT(getprotobyname("tcp")));
  line("names.proto.byname_udp"); put(PROTOENT(getprotobyname("udp")));
  line("names.proto.byname_unknown"); put(PROTOENT(getprotobyname("nosuchproto")));
  line("names.proto.bynumber_udp"); put(PROTOENT(getprotobynumber(IPPROTO_UDP)));
  line("names.proto.bynumber_tcp"); put(PROTOENT(getprotobynumber(IPPROTO_TCP)));
}

static void HOSTENT(const struct hostent *h) {
  if (!h) {
    put("NULL");
    put(h_errno == HOST_NOT_FOUND ? "HOST_NOT_FOUND" : h_errno == TRY_AGAIN ? "TRY_AGAIN" : h_errno == NO_RECOVERY ? "NO_RECOVERY"
        : h_errno == NO_DATA ? "NO_DATA" : N(h_errno));
    return;
  }
  put(S(h->h_name));
  put(h->h_addrtype == AF_INET ? "AF_INET" : h->h_addrtype == AF_INET6 ? "AF_INET6" : N(h->h_addrtype));
  put(N(h->h_length));
  int n = 0;
  while (h->h_addr_list[n]) n++;
  put(N(n));
  if (n > 0) put(BYTES(h->h_addr_list[0], h->h_length));
  put(N(h->h_aliases[0] != NULL));
}

static void hostent_lookups(void) {
  line("names.host.byname_numeric"); HOSTENT(gethostbyname("127.0.0.1"));
  line("names.host.byname_localhost"); HOSTENT(gethostbyname("localhost"));
  line("names.host.byname2_v6_numeric"); HOSTENT(gethostbyname2("::1", AF_INET6));
  line("names.host.byname2_v4_text_inet6"); HOSTENT(gethostbyname2("127.0.0.1", AF_INET6));
  line("names.host.byname_invalid"); HOSTENT(gethostbyname("a b"));
}

GROUP(names, C(pton_v4), C(pton_v6), C(pton_family), C(ntop_v4), C(ntop_v6), C(ntop_errors), C(aton_forms),
      C(addr_ntoa), C(byte_order), C(gai_numeric), C(gai_null_host), C(gai_services), C(gai_errors),
      C(gai_localhost), C(gai_v4mapped), C(gai_addrconfig), C(gai_strerror_text), C(gni_numeric), C(gni_errors),
      C(gni_services), C(gni_reverse), C(servent_lookups), C(protoent_lookups), C(hostent_lookups));

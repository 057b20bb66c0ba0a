// UDP: bind, the implicit bind, sendto/recvfrom, connect, ICMP refusal, datagram boundaries, shutdown, IPv6
// (twin: ../as/udp.ts).
#include "harness.h"

// A UDP port on 127.0.0.1 nobody is bound to (closed_port() is a TCP one).
static int closed_udp_port(void) {
  int s = bound_udp4();
  int port = port_of(s);
  close(s);
  return port;
}

static int bound_udp6(void) {
  int u = udp6();
  bind(u, lo6(0), SIN6);
  return u;
}

static struct sockaddr_storage ss;
static socklen_t len;

// recvfrom into BUF with the source in ss/len (the full buffer).
static long from(int fd, int flags) {
  memset(&ss, 0, sizeof ss);
  len = sizeof ss;
  return recvfrom(fd, BUF, sizeof BUF, flags, (struct sockaddr *)&ss, &len);
}

// A copy of an address with another sa_family.
static const struct sockaddr *with_family(const struct sockaddr *sa, int family) {
  static struct sockaddr_in6 a;
  memcpy(&a, sa, sizeof a);
  a.sin6_family = family;
  return (const struct sockaddr *)&a;
}

static void udp_bind(void) {
  int s = udp4();
  line("udp.bind.unbound_name"); put(LOCAL(s));
  line("udp.bind.loopback_port0"); put(R(bind(s, lo4(0), SIN))); put(LOCAL(s));
  line("udp.bind.twice"); put(R(bind(s, lo4(0), SIN)));
  line("udp.bind.twice_same_port"); put(R(bind(s, lo4(port_of(s)), SIN)));
  close(s);
  s = udp4();
  line("udp.bind.any"); put(R(bind(s, any4(0), SIN))); put(LOCAL(s));
  close(s);
  s = udp4();
  line("udp.bind.len_long"); put(R(bind(s, lo4(0), 128))); put(LOCAL(s));
  close(s);
  s = udp6();
  line("udp.bind.v6_unbound_name"); put(LOCAL(s));
  line("udp.bind.v6_loopback"); put(R(bind(s, lo6(0), SIN6))); put(LOCAL(s));
  line("udp.bind.v6_twice"); put(R(bind(s, lo6(0), SIN6)));
  close(s);
  s = udp6();
  line("udp.bind.v6_any"); put(R(bind(s, any6(0), SIN6))); put(LOCAL(s));
  close(s);
}

static void udp_bind_arguments(void) {
  int s = udp4();
  line("udp.bind.len_short"); put(R(bind(s, lo4(0), 8)));
  line("udp.bind.len_zero"); put(R(bind(s, lo4(0), 0)));
  line("udp.bind.null"); put(R(bind(s, NULL, SIN)));
  line("udp.bind.v6_address_on_v4"); put(R(bind(s, lo6(0), SIN6)));
  line("udp.bind.unavailable"); put(R(bind(s, v4(192, 0, 2, 1, 0), SIN)));
  line("udp.bind.after_failures"); put(LOCAL(s)); put(R(bind(s, lo4(0), SIN))); put(LOCAL(s));
  close(s);
  s = udp4();
  line("udp.bind.broadcast"); put(R(bind(s, v4(255, 255, 255, 255, 0), SIN)));
  close(s);
  s = udp4();
  line("udp.bind.multicast"); put(R(bind(s, v4(224, 0, 0, 1, 0), SIN)));
  close(s);
  s = udp6();
  line("udp.bind.v4_address_on_v6"); put(R(bind(s, lo4(0), SIN)));
  line("udp.bind.v6_len_short"); put(R(bind(s, lo6(0), 20)));
  struct sockaddr_in6 doc;
  memcpy(&doc, lo6(0), sizeof doc);
  doc.sin6_addr.s6_addr[0] = 0x20; doc.sin6_addr.s6_addr[1] = 0x01; doc.sin6_addr.s6_addr[2] = 0x0d; doc.sin6_addr.s6_addr[3] = 0xb8;
  line("udp.bind.v6_unavailable"); put(R(bind(s, (struct sockaddr *)&doc, SIN6)));
  line("udp.bind.v6_len_rfc2133"); put(R(bind(s, lo6(0), 24))); put(LOCAL(s));
  close(s);
}

static void udp_bind_conflicts(void) {
  int a = bound_udp4();
  label(port_of(a), "A");
  int b = udp4();
  line("udp.bind.in_use"); put(R(bind(b, lo4(port_of(a)), SIN)));
  line("udp.bind.in_use_any"); put(R(bind(b, any4(port_of(a)), SIN)));
  line("udp.bind.in_use_then"); put(LOCAL(b));
  close(b);
  int t = tcp4();
  line("udp.bind.tcp_same_port"); put(R(bind(t, lo4(port_of(a)), SIN)));
  close(t);
  close(a);
  a = bound_udp6();
  label(port_of(a), "A6");
  b = udp6();
  line("udp.bind.v6_in_use"); put(R(bind(b, lo6(port_of(a)), SIN6)));
  close(b); close(a);
  int r = bound_udp4();
  label(port_of(r), "R");
  int s = udp4();
  sendto(s, "x", 1, 0, lo4(port_of(r)), SIN);
  line("udp.bind.after_implicit"); put(R(bind(s, lo4(0), SIN)));
  close(s);
  s = udp4();
  connect(s, lo4(port_of(r)), SIN);
  line("udp.bind.after_connect"); put(R(bind(s, lo4(0), SIN)));
  close(s);
  close(r);
}

static void udp_implicit_bind(void) {
  int r = bound_udp4();
  label(port_of(r), "R");
  int s = udp4();
  line("udp.implicit.before"); put(LOCAL(s));
  line("udp.implicit.sendto"); put(R(sendto(s, "ping", 4, 0, lo4(port_of(r)), SIN)));
  line("udp.implicit.after_sendto"); put(LOCAL(s));
  label(port_of(s), "S");
  readable(r, 1000);
  line("udp.implicit.source"); put(R(from(r, MSG_DONTWAIT))); put(NAME(&ss, len)); put(N(len)); put(BYTES(BUF, 4));
  line("udp.implicit.reply"); put(R(sendto(r, "pong", 4, 0, (struct sockaddr *)&ss, len)));
  readable(s, 1000);
  line("udp.implicit.reply_received"); put(R(recv(s, BUF, sizeof BUF, MSG_DONTWAIT))); put(BYTES(BUF, 4));
  close(s);
  s = udp4();
  line("udp.implicit.connect"); put(R(connect(s, lo4(port_of(r)), SIN))); put(LOCAL(s));
  close(s);
  s = udp4();
  bind(s, any4(0), SIN);
  label(port_of(s), "S");
  line("udp.implicit.any_then_connect"); put(R(connect(s, lo4(port_of(r)), SIN))); put(LOCAL(s));
  close(s);
  close(r);
  r = bound_udp6();
  label(port_of(r), "R6");
  s = udp6();
  line("udp.implicit.v6_sendto"); put(R(sendto(s, "ping", 4, 0, lo6(port_of(r)), SIN6))); put(LOCAL(s));
  close(s);
  s = udp6();
  line("udp.implicit.v6_connect"); put(R(connect(s, lo6(port_of(r)), SIN6))); put(LOCAL(s));
  close(s);
  close(r);
}

// A send that fails still binds on Linux (inet_send_prepare autobinds before the protocol looks).
static void udp_implicit_bind_failures(void) {
  int s = udp4();
  line("udp.implicit.after_edestaddrreq"); put(R(send(s, "x", 1, 0))); put(LOCAL(s));
  close(s);
  s = udp4();
  line("udp.implicit.after_emsgsize"); put(R(sendto(s, OUT, 65508, 0, lo4(9), SIN))); put(LOCAL(s));
  close(s);
  s = udp4();
  line("udp.implicit.after_connect_efamily"); put(R(connect(s, lo6(9), SIN6))); put(LOCAL(s));
  close(s);
  s = udp4();
  line("udp.implicit.recv_does_not_bind"); put(R(recv(s, BUF, 10, MSG_DONTWAIT))); put(LOCAL(s));
  close(s);
}

static void udp_recvfrom_addresses(void) {
  int a = bound_udp4(), b = bound_udp4();
  label(port_of(a), "A");
  label(port_of(b), "B");
  sendto(a, "abc", 3, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  memset(&ss, 0xee, sizeof ss);
  len = 4;
  line("udp.recvfrom.short_len"); put(R(recvfrom(b, BUF, sizeof BUF, 0, (struct sockaddr *)&ss, &len))); put(N(len)); put(FAMILY(&ss)); put(BYTES((char *)&ss + 4, 4));
  sendto(a, "abc", 3, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  memset(&ss, 0xee, sizeof ss);
  len = 0;
  line("udp.recvfrom.zero_len"); put(R(recvfrom(b, BUF, sizeof BUF, 0, (struct sockaddr *)&ss, &len))); put(N(len)); put(BYTES(&ss, 4));
  sendto(a, "abc", 3, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  len = 77;
  line("udp.recvfrom.null_addr"); put(R(recvfrom(b, BUF, sizeof BUF, 0, NULL, &len))); put(N(len));
  sendto(a, "abcd", 4, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  memset(&ss, 0, sizeof ss);
  len = sizeof ss;
  line("udp.recvfrom.full"); put(R(recvfrom(b, BUF, sizeof BUF, 0, (struct sockaddr *)&ss, &len))); put(NAME(&ss, len)); put(N(len)); put(BYTES(BUF, 4));
  line("udp.recvfrom.empty_dontwait"); put(R(from(b, MSG_DONTWAIT)));
  close(a); close(b);
}

static void udp_zero_length(void) {
  int a = bound_udp4(), b = bound_udp4();
  label(port_of(a), "A");
  label(port_of(b), "B");
  line("udp.zero.sendto"); put(R(sendto(a, "", 0, 0, lo4(port_of(b)), SIN)));
  line("udp.zero.readable"); put(N(readable(b, 1000)));
  line("udp.zero.recvfrom"); put(R(from(b, MSG_DONTWAIT))); put(NAME(&ss, len));
  line("udp.zero.consumed"); put(R(recv(b, BUF, sizeof BUF, MSG_DONTWAIT)));
  line("udp.zero.sendto_null_buffer"); put(R(sendto(a, NULL, 0, 0, lo4(port_of(b)), SIN)));
  readable(b, 1000);
  line("udp.zero.recv_null_buffer"); put(R(recv(b, NULL, 0, MSG_DONTWAIT)));
  line("udp.zero.consumed_again"); put(R(recv(b, BUF, sizeof BUF, MSG_DONTWAIT)));
  close(a); close(b);
}

static void udp_sendto_errors(void) {
  int a = bound_udp4(), b = bound_udp4();
  label(port_of(a), "A");
  label(port_of(b), "B");
  int pb = port_of(b);
  line("udp.send.no_destination"); put(R(send(a, "abc", 3, 0)));
  line("udp.write.no_destination"); put(R(write(a, "abc", 3)));
  int u = udp4();
  line("udp.write.unbound_binds_first"); put(R(write(u, "abc", 3))); put(LOCAL(u));
  close(u);
  line("udp.sendto.null_address"); put(R(sendto(a, "abc", 3, 0, NULL, SIN)));
  line("udp.sendto.len_short"); put(R(sendto(a, "abc", 3, 0, lo4(pb), 8)));
  line("udp.sendto.len_zero"); put(R(sendto(a, "abc", 3, 0, lo4(pb), 0)));
  line("udp.sendto.len_too_long"); put(R(sendto(a, "abc", 3, 0, lo4(pb), 129)));
  line("udp.sendto.v6_address_on_v4"); put(R(sendto(a, "abc", 3, 0, lo6(pb), SIN6)));
  line("udp.sendto.unknown_family"); put(R(sendto(a, "abc", 3, 0, with_family(lo4(pb), 12345), SIN)));
  line("udp.sendto.broadcast"); put(R(sendto(a, "abc", 3, 0, v4(255, 255, 255, 255, pb), SIN)));
  settle(20);
  line("udp.sendto.nothing_arrived"); put(R(recv(b, BUF, sizeof BUF, MSG_DONTWAIT)));
  line("udp.sendto.len_long"); put(R(sendto(a, "long", 4, 0, lo4(pb), 128)));
  readable(b, 1000);
  line("udp.sendto.len_long_arrives"); put(R(from(b, MSG_DONTWAIT))); put(NAME(&ss, len)); put(BYTES(BUF, 4));
  line("udp.sendto.unspec_family"); put(R(sendto(a, "unsp", 4, 0, with_family(lo4(pb), AF_UNSPEC), SIN)));
  readable(b, 1000);
  line("udp.sendto.unspec_family_arrives"); put(R(from(b, MSG_DONTWAIT))); put(NAME(&ss, len)); put(BYTES(BUF, 4));
  line("udp.sendto.any_address"); put(R(sendto(a, "any", 3, 0, any4(pb), SIN)));
  readable(b, 1000);
  line("udp.sendto.any_address_arrives"); put(R(from(b, MSG_DONTWAIT))); put(NAME(&ss, len)); put(BYTES(BUF, 3));
  close(a); close(b);
}

// Port 0 alone: under jco it once killed the program.
static void udp_sendto_port0(void) {
  int a = bound_udp4();
  line("udp.sendto.port0"); put(R(sendto(a, "abc", 3, 0, lo4(0), SIN)));
  line("udp.sendto.port0_then"); put(LOCAL(a)); put(R(send(a, "abc", 3, 0)));
  close(a);
  a = udp4();
  line("udp.sendto.port0_unbound"); put(R(sendto(a, "abc", 3, 0, lo4(0), SIN)));
  close(a);
  a = udp6();
  line("udp.sendto.v6_port0"); put(R(sendto(a, "abc", 3, 0, lo6(0), SIN6)));
  close(a);
}

static void udp_message_size(void) {
  int a = bound_udp4(), b = bound_udp4();
  int pb = port_of(b);
  memset(OUT, 'x', 70000);
  line("udp.size.v4_limit"); put(R(sendto(a, OUT, 65507, 0, lo4(pb), SIN)));
  readable(b, 1000);
  line("udp.size.v4_limit_received"); put(R(recv(b, BUF, sizeof BUF, MSG_DONTWAIT)));
  line("udp.size.v4_over"); put(R(sendto(a, OUT, 65508, 0, lo4(pb), SIN)));
  line("udp.size.v4_far_over"); put(R(sendto(a, OUT, 70000, 0, lo4(pb), SIN)));
  settle(20);
  line("udp.size.v4_over_nothing_sent"); put(R(recv(b, BUF, sizeof BUF, MSG_DONTWAIT)));
  connect(a, lo4(pb), SIN);
  line("udp.size.v4_connected_over"); put(R(send(a, OUT, 65508, 0)));
  close(a); close(b);
  a = bound_udp6();
  b = bound_udp6();
  pb = port_of(b);
  line("udp.size.v6_limit"); put(R(sendto(a, OUT, 65527, 0, lo6(pb), SIN6)));
  readable(b, 1000);
  line("udp.size.v6_limit_received"); put(R(recv(b, BUF, sizeof BUF, MSG_DONTWAIT)));
  line("udp.size.v6_over"); put(R(sendto(a, OUT, 65528, 0, lo6(pb), SIN6)));
  settle(20);
  line("udp.size.v6_over_nothing_sent"); put(R(recv(b, BUF, sizeof BUF, MSG_DONTWAIT)));
  close(a); close(b);
}

static void udp_connect(void) {
  int p = bound_udp4(), q = bound_udp4();
  label(port_of(p), "P");
  label(port_of(q), "Q");
  int s = udp4();
  line("udp.connect.ok"); put(R(connect(s, lo4(port_of(p)), SIN))); put(PEER(s));
  label(port_of(s), "S");
  int ps = port_of(s);
  line("udp.connect.local"); put(LOCAL(s));
  line("udp.connect.send"); put(R(send(s, "one", 3, 0)));
  readable(p, 1000);
  line("udp.connect.peer_receives"); put(R(from(p, MSG_DONTWAIT))); put(NAME(&ss, len)); put(BYTES(BUF, 3));
  line("udp.connect.third_sends"); put(R(sendto(q, "bad", 3, 0, lo4(ps), SIN)));
  line("udp.connect.peer_replies"); put(R(sendto(p, "good", 4, 0, lo4(ps), SIN)));
  readable(s, 1000);
  settle(20);
  line("udp.connect.filtered"); put(R(from(s, MSG_DONTWAIT))); put(NAME(&ss, len)); put(BYTES(BUF, 4));
  line("udp.connect.filtered_nothing_more"); put(R(recv(s, BUF, sizeof BUF, MSG_DONTWAIT)));
  line("udp.connect.twice_same"); put(R(connect(s, lo4(port_of(p)), SIN))); put(PEER(s)); put(LOCAL(s));
  line("udp.connect.second_peer"); put(R(connect(s, lo4(port_of(q)), SIN))); put(PEER(s)); put(LOCAL(s));
  line("udp.connect.sendto_other"); put(R(sendto(s, "side", 4, 0, lo4(port_of(p)), SIN)));
  readable(p, 1000);
  line("udp.connect.other_receives"); put(R(from(p, MSG_DONTWAIT))); put(NAME(&ss, len)); put(BYTES(BUF, 4));
  line("udp.connect.still_connected"); put(PEER(s)); put(LOCAL(s));
  line("udp.connect.sendto_null"); put(R(sendto(s, "null", 4, 0, NULL, 0)));
  line("udp.connect.write"); put(R(write(s, "wr", 2)));
  line("udp.connect.sendto_peer"); put(R(sendto(s, "peer", 4, 0, lo4(port_of(q)), SIN)));
  readable(q, 1000);
  settle(20);
  line("udp.connect.peer_gets_null"); put(R(from(q, MSG_DONTWAIT))); put(NAME(&ss, len)); put(BYTES(BUF, 4));
  line("udp.connect.peer_gets_write"); put(R(recv(q, BUF, sizeof BUF, MSG_DONTWAIT))); put(BYTES(BUF, 2));
  line("udp.connect.peer_gets_sendto"); put(R(recv(q, BUF, sizeof BUF, MSG_DONTWAIT))); put(BYTES(BUF, 4));
  line("udp.connect.old_peer_filtered"); put(R(sendto(p, "old", 3, 0, lo4(ps), SIN)));
  settle(20);
  put(R(recv(s, BUF, sizeof BUF, MSG_DONTWAIT)));
  line("udp.connect.read"); put(R(sendto(q, "rd", 2, 0, lo4(ps), SIN)));
  readable(s, 1000);
  set_timeout(s, SO_RCVTIMEO, 300);
  put(R(read(s, BUF, sizeof BUF))); put(BYTES(BUF, 2));
  close(s); close(p); close(q);
}

static void udp_connect_queued(void) {
  int p = bound_udp4(), q = bound_udp4(), s = bound_udp4();
  label(port_of(p), "P");
  label(port_of(q), "Q");
  sendto(q, "early", 5, 0, lo4(port_of(s)), SIN);
  readable(s, 1000);
  line("udp.connect.queued_before"); put(R(connect(s, lo4(port_of(p)), SIN)));
  put(R(from(s, MSG_DONTWAIT))); put(NAME(&ss, len));
  close(s); close(p); close(q);
}

static void udp_disconnect(void) {
  int p = bound_udp4();
  label(port_of(p), "P");
  int s = udp4();
  connect(s, lo4(port_of(p)), SIN);
  line("udp.unspec.implicit"); put(R(connect(s, with_family(lo4(0), AF_UNSPEC), SIN))); put(PEER(s)); put(LOCAL(s));
  line("udp.unspec.send"); put(R(send(s, "x", 1, 0)));
  line("udp.unspec.again"); put(R(connect(s, with_family(lo4(0), AF_UNSPEC), SIN)));
  close(s);
  s = bound_udp4();
  label(port_of(s), "S");
  connect(s, lo4(port_of(p)), SIN);
  line("udp.unspec.bound_loopback_port0"); put(R(connect(s, with_family(lo4(0), AF_UNSPEC), SIN))); put(PEER(s)); put(LOCAL(s));
  close(s);
  s = udp4();
  bind(s, any4(0), SIN);
  label(port_of(s), "S");
  connect(s, lo4(port_of(p)), SIN);
  line("udp.unspec.bound_any"); put(R(connect(s, with_family(lo4(0), AF_UNSPEC), SIN))); put(PEER(s)); put(LOCAL(s));
  close(s);
  int port = closed_udp_port();
  label(port, "F");
  s = udp4();
  bind(s, lo4(port), SIN);
  connect(s, lo4(port_of(p)), SIN);
  line("udp.unspec.bound_fixed"); put(R(connect(s, with_family(lo4(0), AF_UNSPEC), SIN))); put(PEER(s)); put(LOCAL(s));
  line("udp.unspec.sendto_after"); put(R(sendto(s, "re", 2, 0, lo4(port_of(p)), SIN)));
  readable(p, 1000);
  put(R(from(p, MSG_DONTWAIT))); put(NAME(&ss, len));
  line("udp.unspec.len2"); connect(s, lo4(port_of(p)), SIN); put(R(connect(s, with_family(lo4(0), AF_UNSPEC), 2))); put(PEER(s));
  close(s);
  s = udp4();
  line("udp.unspec.unconnected"); put(R(connect(s, with_family(lo4(0), AF_UNSPEC), SIN))); put(LOCAL(s));
  close(s);
  close(p);
}

static void udp_connect_arguments(void) {
  int s = udp4();
  line("udp.connect.len_short"); put(R(connect(s, lo4(80), 8)));
  close(s);
  s = udp4();
  line("udp.connect.len_zero"); put(R(connect(s, lo4(80), 0)));
  line("udp.connect.null"); put(R(connect(s, NULL, SIN)));
  close(s);
  s = udp4();
  line("udp.connect.v6_address_on_v4"); put(R(connect(s, lo6(80), SIN6))); put(PEER(s));
  close(s);
  s = udp4();
  line("udp.connect.broadcast"); put(R(connect(s, v4(255, 255, 255, 255, 80), SIN))); put(PEER(s));
  close(s);
  int p = bound_udp4();
  label(port_of(p), "P");
  s = udp4();
  line("udp.connect.any_address"); put(R(connect(s, any4(port_of(p)), SIN))); put(PEER(s)); put(LOCAL(s));
  close(s);
  close(p);
}

static void udp_connect_port0(void) {
  int s = udp4();
  line("udp.connect.port0"); put(R(connect(s, lo4(0), SIN))); put(PEER(s));
  line("udp.connect.port0_send"); put(R(send(s, "x", 1, 0)));
  close(s);
}

static void udp_refused(void) {
  int port = closed_udp_port();
  label(port, "X");
  int s = udp4();
  connect(s, lo4(port), SIN);
  line("udp.refused.send"); put(R(send(s, "a", 1, 0)));
  line("udp.refused.pollable"); put(N(readable(s, 1000)));
  line("udp.refused.recv"); put(R(recv(s, BUF, sizeof BUF, MSG_DONTWAIT)));
  line("udp.refused.recv_again"); put(R(recv(s, BUF, sizeof BUF, MSG_DONTWAIT)));
  line("udp.refused.send_again"); put(R(send(s, "b", 1, 0)));
  readable(s, 1000);
  line("udp.refused.so_error"); put(E(get_int(s, SOL_SOCKET, SO_ERROR)));
  line("udp.refused.so_error_again"); put(E(get_int(s, SOL_SOCKET, SO_ERROR)));
  line("udp.refused.recv_after_so_error"); put(R(recv(s, BUF, sizeof BUF, MSG_DONTWAIT)));
  send(s, "c", 1, 0);
  readable(s, 1000);
  line("udp.refused.send_reports"); put(R(send(s, "d", 1, 0)));
  settle(20);
  line("udp.refused.after_send_reports"); put(R(recv(s, BUF, sizeof BUF, MSG_DONTWAIT)));
  line("udp.refused.peer"); put(PEER(s));
  close(s);
  s = bound_udp4();
  line("udp.refused.unconnected"); put(R(sendto(s, "e", 1, 0, lo4(port), SIN)));
  settle(50);
  put(R(recv(s, BUF, sizeof BUF, MSG_DONTWAIT))); put(E(get_int(s, SOL_SOCKET, SO_ERROR)));
  put(R(sendto(s, "f", 1, 0, lo4(port), SIN)));
  close(s);
}

// A blocking recv after a refusal, bounded by SO_RCVTIMEO (under jco it once ignored the timeout).
static void udp_refused_blocking(void) {
  int port = closed_udp_port();
  int s = udp4();
  connect(s, lo4(port), SIN);
  set_timeout(s, SO_RCVTIMEO, 200);
  send(s, "a", 1, 0);
  readable(s, 1000);
  line("udp.refused.blocking_recv"); put(R(recv(s, BUF, sizeof BUF, 0)));
  line("udp.refused.blocking_recv_times_out"); put(R(recv(s, BUF, sizeof BUF, 0)));
  close(s);
}

static void udp_unbound_recv(void) {
  int s = udp4();
  line("udp.unbound.recv_dontwait"); put(R(recv(s, BUF, 10, MSG_DONTWAIT)));
  line("udp.unbound.recvfrom_dontwait"); put(R(from(s, MSG_DONTWAIT)));
  line("udp.unbound.read_nonblocking"); put(R(read(nb(s), BUF, 10)));
  close(s);
  s = udp4();
  set_timeout(s, SO_RCVTIMEO, 100);
  line("udp.unbound.recv_timeout"); put(R(recv(s, BUF, 10, 0)));
  line("udp.unbound.name_after"); put(LOCAL(s));
  close(s);
  s = udp6();
  line("udp.unbound.v6_recv_dontwait"); put(R(recv(s, BUF, 10, MSG_DONTWAIT)));
  close(s);
}

// SO_RCVTIMEO bounds a blocking recv, before and after a datagram was received.
static void udp_recv_timeout(void) {
  int a = bound_udp4(), b = bound_udp4();
  set_timeout(b, SO_RCVTIMEO, 200);
  line("udp.timeout.empty"); put(R(recv(b, BUF, sizeof BUF, 0)));
  sendto(a, "one", 3, 0, lo4(port_of(b)), SIN);
  line("udp.timeout.datagram"); put(R(recv(b, BUF, sizeof BUF, 0))); put(BYTES(BUF, 3));
  line("udp.timeout.after_datagram"); put(R(recv(b, BUF, sizeof BUF, 0)));
  close(a); close(b);
}

static void udp_boundaries(void) {
  int a = bound_udp4(), b = bound_udp4();
  int pb = port_of(b);
  sendto(a, "abc", 3, 0, lo4(pb), SIN);
  sendto(a, "defgh", 5, 0, lo4(pb), SIN);
  readable(b, 1000);
  settle(20);
  line("udp.boundary.first"); put(R(recv(b, BUF, sizeof BUF, MSG_DONTWAIT))); put(BYTES(BUF, 3));
  line("udp.boundary.second"); put(R(recv(b, BUF, sizeof BUF, MSG_DONTWAIT))); put(BYTES(BUF, 5));
  line("udp.boundary.empty"); put(R(recv(b, BUF, sizeof BUF, MSG_DONTWAIT)));
  sendto(a, "hello", 5, 0, lo4(pb), SIN);
  sendto(a, "world!", 6, 0, lo4(pb), SIN);
  readable(b, 1000);
  settle(20);
  memset(BUF, 0, 16);
  line("udp.boundary.truncated"); put(R(recv(b, BUF, 2, MSG_DONTWAIT))); put(BYTES(BUF, 3));
  line("udp.boundary.rest_discarded"); put(R(recv(b, BUF, sizeof BUF, MSG_DONTWAIT))); put(BYTES(BUF, 6));
  sendto(a, "zero", 4, 0, lo4(pb), SIN);
  sendto(a, "next", 4, 0, lo4(pb), SIN);
  readable(b, 1000);
  settle(20);
  line("udp.boundary.zero_buffer"); put(R(recv(b, BUF, 0, MSG_DONTWAIT)));
  line("udp.boundary.after_zero_buffer"); put(R(recv(b, BUF, sizeof BUF, MSG_DONTWAIT))); put(BYTES(BUF, 4));
  sendto(a, "trunc", 5, 0, lo4(pb), SIN);
  readable(b, 1000);
  line("udp.boundary.msg_trunc"); put(R(recv(b, BUF, 2, MSG_DONTWAIT | MSG_TRUNC)));
  sendto(a, "readv", 5, 0, lo4(pb), SIN);
  readable(b, 1000);
  line("udp.boundary.read_short"); put(R(read(b, BUF, 4))); put(BYTES(BUF, 4));
  line("udp.boundary.read_empty"); put(R(recv(b, BUF, sizeof BUF, MSG_DONTWAIT)));
  close(a); close(b);
}

static void udp_unconnected_states(void) {
  int s = bound_udp4();
  line("udp.peer.unconnected"); put(PEER(s));
  line("udp.shutdown.unconnected_rd"); put(R(shutdown(s, SHUT_RD)));
  close(s);
  s = udp4();
  line("udp.peer.unbound"); put(PEER(s));
  line("udp.shutdown.unbound"); put(R(shutdown(s, SHUT_RDWR)));
  close(s);
  s = bound_udp4();
  line("udp.shutdown.unconnected_wr"); put(R(shutdown(s, SHUT_WR)));
  close(s);
  s = bound_udp4();
  line("udp.shutdown.unconnected_rdwr"); put(R(shutdown(s, SHUT_RDWR)));
  line("udp.shutdown.bad_how"); put(R(shutdown(s, 7)));
  close(s);
}

// Linux records the shutdown even where it answers ENOTCONN (inet_shutdown).
static void udp_unconnected_shutdown_effects(void) {
  int p = bound_udp4();
  int s = bound_udp4();
  shutdown(s, SHUT_RD);
  line("udp.shutdown.unconnected_rd_then_recv"); put(R(recv(s, BUF, sizeof BUF, MSG_DONTWAIT)));
  close(s);
  s = bound_udp4();
  shutdown(s, SHUT_WR);
  line("udp.shutdown.unconnected_wr_then_sendto"); put(R(sendto(s, "x", 1, 0, lo4(port_of(p)), SIN)));
  close(s);
  close(p);
}

static void udp_connected_shutdown(void) {
  int p = bound_udp4();
  label(port_of(p), "P");
  int s = udp4();
  connect(s, lo4(port_of(p)), SIN);
  line("udp.shutdown.rd"); put(R(shutdown(s, SHUT_RD)));
  line("udp.shutdown.rd_recv_empty"); put(R(recv(s, BUF, sizeof BUF, MSG_DONTWAIT)));
  line("udp.shutdown.rd_send"); put(R(send(s, "x", 1, 0)));
  readable(p, 1000);
  recv(p, BUF, sizeof BUF, MSG_DONTWAIT);
  sendto(p, "y", 1, 0, lo4(port_of(s)), SIN);
  settle(50);
  line("udp.shutdown.rd_recv_data"); put(R(recv(s, BUF, sizeof BUF, MSG_DONTWAIT)));
  set_timeout(s, SO_RCVTIMEO, 200);
  line("udp.shutdown.rd_blocking_recv"); put(R(recv(s, BUF, sizeof BUF, 0)));
  line("udp.shutdown.rd_twice"); put(R(shutdown(s, SHUT_RD)));
  line("udp.shutdown.rd_peer"); put(PEER(s));
  close(s);
  s = udp4();
  connect(s, lo4(port_of(p)), SIN);
  line("udp.shutdown.wr"); put(R(shutdown(s, SHUT_WR)));
  line("udp.shutdown.wr_send"); put(R(send(s, "x", 1, 0)));
  line("udp.shutdown.wr_sendto"); put(R(sendto(s, "x", 1, 0, lo4(port_of(p)), SIN)));
  line("udp.shutdown.wr_write"); put(R(write(s, "x", 1)));
  sendto(p, "y", 1, 0, lo4(port_of(s)), SIN);
  readable(s, 1000);
  line("udp.shutdown.wr_recv"); put(R(recv(s, BUF, sizeof BUF, MSG_DONTWAIT))); put(BYTES(BUF, 1));
  close(s);
  s = udp4();
  connect(s, lo4(port_of(p)), SIN);
  line("udp.shutdown.rdwr"); put(R(shutdown(s, SHUT_RDWR)));
  line("udp.shutdown.rdwr_send"); put(R(send(s, "x", 1, 0)));
  line("udp.shutdown.rdwr_recv"); put(R(recv(s, BUF, sizeof BUF, MSG_DONTWAIT)));
  close(s);
  close(p);
}

static void udp_v6(void) {
  int a = bound_udp6(), b = bound_udp6();
  label(port_of(a), "A6");
  label(port_of(b), "B6");
  int pb = port_of(b);
  line("udp.v6.sendto"); put(R(sendto(a, "six", 3, 0, lo6(pb), SIN6)));
  readable(b, 1000);
  line("udp.v6.source"); put(R(from(b, MSG_DONTWAIT))); put(NAME(&ss, len)); put(N(len == SIN6)); put(BYTES(BUF, 3));
  sendto(a, "six", 3, 0, lo6(pb), SIN6);
  readable(b, 1000);
  memset(&ss, 0xee, sizeof ss);
  len = 8;
  line("udp.v6.source_short_len"); put(R(recvfrom(b, BUF, sizeof BUF, 0, (struct sockaddr *)&ss, &len))); put(N(len == SIN6)); put(FAMILY(&ss)); put(BYTES((char *)&ss + 4, 4)); put(BYTES((char *)&ss + 8, 4));
  line("udp.v6.sendto_len_rfc2133"); put(R(sendto(a, "rfc", 3, 0, lo6(pb), 24)));
  readable(b, 1000);
  put(R(from(b, MSG_DONTWAIT))); put(NAME(&ss, len));
  line("udp.v6.sendto_len_short"); put(R(sendto(a, "x", 1, 0, lo6(pb), 20)));
  line("udp.v6.sendto_unknown_family"); put(R(sendto(a, "x", 1, 0, with_family(lo6(pb), 12345), SIN6)));
  line("udp.v6.sendto_any"); put(R(sendto(a, "any", 3, 0, any6(pb), SIN6)));
  readable(b, 1000);
  put(R(from(b, MSG_DONTWAIT))); put(NAME(&ss, len));
  line("udp.v6.connect"); put(R(connect(a, lo6(pb), SIN6))); put(PEER(a)); put(LOCAL(a));
  line("udp.v6.connected_send"); put(R(send(a, "con", 3, 0)));
  readable(b, 1000);
  put(R(from(b, MSG_DONTWAIT))); put(NAME(&ss, len)); put(BYTES(BUF, 3));
  line("udp.v6.unspec"); put(R(connect(a, with_family(lo6(0), AF_UNSPEC), SIN6))); put(PEER(a)); put(LOCAL(a));
  close(a); close(b);
}

static void udp_v6_mapped(void) {
  int r = bound_udp4();
  label(port_of(r), "R");
  int s = udp6();
  // Linux's AF_INET6 sockets are dual-stack by default (the library's are v6-only: IPV6_V6ONLY ⚠️).
  line("udp.v6.mapped_sendto_default"); put(R(sendto(s, "map", 3, 0, mapped6(127, 0, 0, 1, port_of(r)), SIN6)));
  readable(r, 500);
  put(R(recv(r, BUF, sizeof BUF, MSG_DONTWAIT)));
  close(s);
  s = udp6();
  line("udp.v6.v6only_set"); put(R(set_int(s, IPPROTO_IPV6, IPV6_V6ONLY, 1))); put(N(get_int(s, IPPROTO_IPV6, IPV6_V6ONLY)));
  line("udp.v6.v6only_mapped_sendto"); put(R(sendto(s, "map", 3, 0, mapped6(127, 0, 0, 1, port_of(r)), SIN6)));
  line("udp.v6.v6only_v4_sendto"); put(R(sendto(s, "v4", 2, 0, lo4(port_of(r)), SIN)));
  line("udp.v6.v6only_mapped_connect"); put(R(connect(s, mapped6(127, 0, 0, 1, port_of(r)), SIN6)));
  line("udp.v6.v6only_v4_connect"); put(R(connect(s, lo4(port_of(r)), SIN)));
  line("udp.v6.v6only_mapped_bind"); put(R(bind(s, mapped6(127, 0, 0, 1, 0), SIN6)));
  line("udp.v6.v6only_after"); put(LOCAL(s)); put(PEER(s));
  settle(20);
  line("udp.v6.v6only_nothing_arrived"); put(R(recv(r, BUF, sizeof BUF, MSG_DONTWAIT)));
  close(s);
  close(r);
}

GROUP(udp,
  C(udp_bind), C(udp_bind_arguments), C(udp_bind_conflicts), C(udp_implicit_bind), C(udp_implicit_bind_failures),
  C(udp_recvfrom_addresses), C(udp_zero_length), C(udp_sendto_errors), C(udp_sendto_port0), C(udp_message_size),
  C(udp_connect), C(udp_connect_queued), C(udp_disconnect), C(udp_connect_arguments), C(udp_connect_port0),
  C(udp_refused), C(udp_refused_blocking), C(udp_unbound_recv), C(udp_recv_timeout), C(udp_boundaries), C(udp_unconnected_states),
  C(udp_unconnected_shutdown_effects), C(udp_connected_shutdown), C(udp_v6), C(udp_v6_mapped));

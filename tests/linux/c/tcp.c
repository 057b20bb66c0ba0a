// TCP: socket, bind, listen, accept, connect and their errors in every state (twin: ../as/tcp.ts).
#include "harness.h"

static void socket_arguments(void) {
  int fd;
  line("tcp.socket.unknown_family"); put(R(fd = socket(12345, SOCK_STREAM, 0))); if (fd >= 0) close(fd);
  line("tcp.socket.unknown_type"); put(R(fd = socket(AF_INET, 99, 0))); if (fd >= 0) close(fd);
  line("tcp.socket.protocol_udp"); put(R(fd = socket(AF_INET, SOCK_STREAM, IPPROTO_UDP))); if (fd >= 0) close(fd);
  line("tcp.socket.protocol_unknown"); put(R(fd = socket(AF_INET, SOCK_STREAM, 12345))); if (fd >= 0) close(fd);
  line("tcp.socket.protocol_tcp"); put(FD(fd = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP))); if (fd >= 0) close(fd);
  line("tcp.socket.unknown_flag"); put(R(fd = socket(AF_INET, SOCK_STREAM | 0x100000, 0))); if (fd >= 0) close(fd);
}

static void socket_flags(void) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  line("tcp.socket.nonblock_flag"); put(N((fcntl(fd, F_GETFL) & O_NONBLOCK) != 0));
  line("tcp.socket.cloexec_flag"); put(R(fcntl(fd, F_GETFD)));
  close(fd);
  fd = tcp4();
  line("tcp.socket.default_flags"); put(N((fcntl(fd, F_GETFL) & O_NONBLOCK) != 0)); put(R(fcntl(fd, F_GETFD)));
  close(fd);
}

static void descriptor_numbers(void) {
  int a = tcp4(), b = udp4(), c = tcp6();
  line("tcp.fd.consecutive"); put(N(b - a)); put(N(c - a));
  close(b);
  int d = tcp4();
  line("tcp.fd.lowest_free"); put(N(d - a));
  close(a); close(c); close(d);
  line("tcp.fd.close_twice"); put(R(close(a)));
}

static void bind_basics(void) {
  int s = tcp4();
  line("tcp.bind.unbound_name"); put(LOCAL(s));
  line("tcp.bind.loopback_port0"); put(R(bind(s, lo4(0), SIN))); put(LOCAL(s));
  line("tcp.bind.twice"); put(R(bind(s, lo4(0), SIN)));
  close(s);
  s = tcp6();
  line("tcp.bind.v6_unbound_name"); put(LOCAL(s));
  line("tcp.bind.v6_loopback"); put(R(bind(s, lo6(0), SIN6))); put(LOCAL(s));
  close(s);
  s = tcp6();
  line("tcp.bind.v6_any"); put(R(bind(s, any6(0), SIN6))); put(LOCAL(s));
  close(s);
  s = tcp4();
  line("tcp.bind.any"); put(R(bind(s, any4(0), SIN))); put(LOCAL(s));
  close(s);
}

static void bind_arguments(void) {
  int s = tcp4();
  line("tcp.bind.len_short"); put(R(bind(s, lo4(0), 8)));
  line("tcp.bind.len_zero"); put(R(bind(s, lo4(0), 0)));
  line("tcp.bind.null"); put(R(bind(s, NULL, SIN)));
  line("tcp.bind.v6_address_on_v4"); put(R(bind(s, lo6(0), SIN6)));
  line("tcp.bind.unspec_any"); put(R(bind(s, any4(0), 0)));
  struct sockaddr_in unspec;
  memcpy(&unspec, any4(0), sizeof unspec);
  unspec.sin_family = AF_UNSPEC;
  line("tcp.bind.unspec_family_any"); put(R(bind(s, (struct sockaddr *)&unspec, SIN))); put(LOCAL(s));
  close(s);
  s = tcp4();
  memcpy(&unspec, lo4(0), sizeof unspec);
  unspec.sin_family = AF_UNSPEC;
  line("tcp.bind.unspec_family_loopback"); put(R(bind(s, (struct sockaddr *)&unspec, SIN)));
  line("tcp.bind.unavailable"); put(R(bind(s, v4(192, 0, 2, 1, 0), SIN)));
  line("tcp.bind.broadcast"); put(R(bind(s, v4(255, 255, 255, 255, 0), SIN)));
  line("tcp.bind.multicast"); put(R(bind(s, v4(224, 0, 0, 1, 0), SIN)));
  close(s);
  s = tcp6();
  line("tcp.bind.v4_address_on_v6"); put(R(bind(s, lo4(0), SIN)));
  line("tcp.bind.v6_len_short"); put(R(bind(s, lo6(0), 20)));
  line("tcp.bind.v6_len_rfc2133"); put(R(bind(s, lo6(0), 24))); put(LOCAL(s));
  close(s);
  s = tcp6();
  line("tcp.bind.v6_unavailable"); put(R(bind(s, v4(0, 0, 0, 0, 0), 0)));
  close(s);
}

static void bind_conflicts(void) {
  int l = listener4();
  label(port_of(l), "L");
  int s = tcp4();
  line("tcp.bind.listening_port"); put(R(bind(s, lo4(port_of(l)), SIN)));
  line("tcp.bind.listening_port_any"); put(R(bind(s, any4(port_of(l)), SIN)));
  close(s);
  int a = tcp4();
  bind(a, lo4(0), SIN);
  label(port_of(a), "A");
  int b = tcp4();
  line("tcp.bind.bound_port"); put(R(bind(b, lo4(port_of(a)), SIN)));
  close(a); close(b);
  a = tcp4();
  set_int(a, SOL_SOCKET, SO_REUSEADDR, 1);
  bind(a, lo4(0), SIN);
  b = tcp4();
  set_int(b, SOL_SOCKET, SO_REUSEADDR, 1);
  line("tcp.bind.bound_port_reuseaddr"); put(R(bind(b, lo4(port_of(a)), SIN)));
  int c = tcp4();
  set_int(c, SOL_SOCKET, SO_REUSEADDR, 1);
  line("tcp.bind.listening_port_reuseaddr"); put(R(bind(c, lo4(port_of(l)), SIN)));
  close(a); close(b); close(c); close(l);
}

static void listen_states(void) {
  int s = tcp4();
  line("tcp.listen.unbound"); put(R(listen(s, 4))); put(LOCAL(s));
  line("tcp.listen.twice"); put(R(listen(s, 8)));
  line("tcp.listen.acceptconn"); put(N(get_int(s, SOL_SOCKET, SO_ACCEPTCONN)));
  line("tcp.listen.bind_after"); put(R(bind(s, lo4(0), SIN)));
  close(s);
  s = tcp4();
  line("tcp.listen.backlog_negative"); put(R(listen(s, -1)));
  close(s);
  s = tcp4();
  line("tcp.listen.backlog_zero"); put(R(listen(s, 0)));
  close(s);
  int fds[3];
  tcp_pair(fds);
  line("tcp.listen.connected"); put(R(listen(fds[1], 4)));
  line("tcp.listen.accepted"); put(R(listen(fds[2], 4)));
  drop_all(fds, 3);
  line("tcp.listen.bad_fd"); put(R(listen(999, 4)));
  s = udp4();
  line("tcp.listen.udp"); put(R(listen(s, 4)));
  close(s);
}

// Linux queues backlog + 1 connections (up to net.core.somaxconn, 4096): the rest wait in SYN_SENT.
static void listen_backlog(void) {
  int l = tcp4();
  bind(l, lo4(0), SIN);
  listen(l, 200);
  static int c[250];
  for (int i = 0; i < 250; i++) {
    c[i] = nb(tcp4());
    connect(c[i], lo4(port_of(l)), SIN);
  }
  settle(200);
  int done = 0;
  for (int i = 0; i < 250; i++) done += writable(c[i], 0);
  line("tcp.listen.backlog_200_queues"); put(N(done));
  for (int i = 0; i < 250; i++) close(c[i]);
  close(l);
}

static void accept_states(void) {
  int s = tcp4();
  line("tcp.accept.unbound"); put(R(accept(s, NULL, NULL)));
  bind(s, lo4(0), SIN);
  line("tcp.accept.bound"); put(R(accept(s, NULL, NULL)));
  close(s);
  s = nb(listener4());
  line("tcp.accept.nonblock_empty"); put(R(accept(s, NULL, NULL)));
  close(s);
  s = udp4();
  line("tcp.accept.udp"); put(R(accept(s, NULL, NULL)));
  close(s);
  line("tcp.accept.bad_fd"); put(R(accept(999, NULL, NULL)));
}

static void accept_addresses(void) {
  int l = listener4();
  label(port_of(l), "L");
  int c = connect4(port_of(l));
  label(port_of(c), "C");
  readable(l, 2000);
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;
  int a = accept(l, (struct sockaddr *)&ss, &len);
  line("tcp.accept.peer"); put(N(a >= 0)); put(NAME(&ss, len)); put(N(len));
  line("tcp.accept.local"); put(LOCAL(a));
  line("tcp.accept.nonblock_not_inherited"); put(N((fcntl(a, F_GETFL) & O_NONBLOCK) != 0));
  close(a); close(c);
  c = connect4(port_of(l));
  readable(l, 2000);
  memset(&ss, 0xee, sizeof ss);
  len = 4;
  a = accept(l, (struct sockaddr *)&ss, &len);
  line("tcp.accept.short_len"); put(N(a >= 0)); put(N(len)); put(FAMILY(&ss)); put(BYTES((char *)&ss + 4, 2));
  close(a); close(c);
  c = connect4(port_of(l));
  readable(l, 2000);
  line("tcp.accept.len_null"); put(R(a = accept(l, (struct sockaddr *)&ss, NULL)));
  drain_accept(l, a); close(c);
  c = connect4(port_of(l));
  readable(l, 2000);
  int bad = -1;
  line("tcp.accept.len_negative"); put(R(a = accept(l, (struct sockaddr *)&ss, (socklen_t *)&bad)));
  drain_accept(l, a); close(c);
  c = connect4(port_of(l));
  readable(l, 2000);
  len = sizeof ss;
  line("tcp.accept4.bad_flags"); put(R(a = accept4(l, (struct sockaddr *)&ss, &len, 0x1)));
  drain_accept(l, a); close(c);
  c = connect4(port_of(l));
  readable(l, 2000);
  a = accept4(l, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
  line("tcp.accept4.flags"); put(N((fcntl(a, F_GETFL) & O_NONBLOCK) != 0)); put(R(fcntl(a, F_GETFD)));
  close(a); close(c); close(l);
}

static void accept_timeout(void) {
  int l = listener4();
  struct timeval tv = { 0, 150000 };
  setsockopt(l, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  line("tcp.accept.timeout"); put(R(accept(l, NULL, NULL)));
  close(l);
}

static void connect_basics(void) {
  int l = listener4();
  label(port_of(l), "L");
  int c = tcp4();
  line("tcp.connect.ok"); put(R(connect(c, lo4(port_of(l)), SIN))); put(PEER(c));
  line("tcp.connect.twice"); put(R(connect(c, lo4(port_of(l)), SIN)));
  line("tcp.connect.listening"); put(R(connect(l, lo4(port_of(l)), SIN)));
  line("tcp.connect.bind_after"); put(R(bind(c, lo4(0), SIN)));
  close(c);
  int s = accept_one(l);
  if (s >= 0) close(s);
  c = tcp4();
  int port = closed_port();
  line("tcp.connect.refused"); put(R(connect(c, lo4(port), SIN)));
  line("tcp.connect.refused_so_error"); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
  line("tcp.connect.refused_name"); put(LOCAL(c));
  line("tcp.connect.retry_after_refused"); put(R(connect(c, lo4(port_of(l)), SIN))); put(PEER(c));
  close(c);
  s = accept_one(l);
  if (s >= 0) close(s);
  close(l);
}

// Linux's socket keeps its options and its binding across a failed connect; the retry uses them.
static void connect_retry_keeps_options(void) {
  int l = listener4();
  label(port_of(l), "L");
  int c = tcp4();
  set_int(c, SOL_SOCKET, SO_KEEPALIVE, 1);
  set_int(c, IPPROTO_IP, IP_TTL, 77);
  set_int(c, IPPROTO_TCP, TCP_KEEPIDLE, 123);
  bind(c, lo4(0), SIN);
  label(port_of(c), "B");
  line("tcp.retry.refused"); put(R(connect(c, lo4(closed_port()), SIN)));
  line("tcp.retry.connects"); put(R(connect(c, lo4(port_of(l)), SIN)));
  line("tcp.retry.keepalive"); put(N(get_int(c, SOL_SOCKET, SO_KEEPALIVE)));
  line("tcp.retry.ttl"); put(N(get_int(c, IPPROTO_IP, IP_TTL)));
  line("tcp.retry.keepidle"); put(N(get_int(c, IPPROTO_TCP, TCP_KEEPIDLE)));
  line("tcp.retry.port0_bind_gets_a_new_port"); put(LOCAL(c));
  close(c);
  int s0 = accept_one(l);
  if (s0 >= 0) close(s0);
  int port = closed_port();
  int d = tcp4();
  bind(d, lo4(port), SIN);
  label(port, "P");
  connect(d, lo4(closed_port()), SIN);
  line("tcp.retry.explicit_port_connects"); put(R(connect(d, lo4(port_of(l)), SIN)));
  line("tcp.retry.explicit_port_kept"); put(LOCAL(d));
  close(d);
  int s = accept_one(l);
  if (s >= 0) close(s);
  close(l);
}

static void connect_arguments(void) {
  int c = tcp4();
  line("tcp.connect.len_short"); put(R(connect(c, lo4(80), 8)));
  line("tcp.connect.null"); put(R(connect(c, NULL, SIN)));
  line("tcp.connect.v6_address_on_v4"); put(R(connect(c, lo6(80), SIN6)));
  line("tcp.connect.port0"); put(R(connect(c, lo4(0), SIN)));
  close(c);
  c = tcp4();
  struct sockaddr_in unspec;
  memcpy(&unspec, lo4(80), sizeof unspec);
  unspec.sin_family = AF_UNSPEC;
  line("tcp.connect.unspec_unconnected"); put(R(connect(c, (struct sockaddr *)&unspec, SIN)));
  close(c);
  c = tcp4();
  line("tcp.connect.broadcast"); put(R(connect(c, v4(255, 255, 255, 255, 80), SIN)));
  close(c);
  c = tcp4();
  line("tcp.connect.multicast"); put(R(connect(c, v4(224, 0, 0, 1, 80), SIN)));
  close(c);
  c = tcp6();
  line("tcp.connect.v4_address_on_v6"); put(R(connect(c, lo4(80), SIN)));
  close(c);
}

static void connect_any_address(void) {
  int l = tcp4();
  bind(l, any4(0), SIN);
  listen(l, 4);
  label(port_of(l), "L");
  int c = tcp4();
  line("tcp.connect.any_address"); put(R(connect(c, any4(port_of(l)), SIN))); put(PEER(c));
  close(c);
  int s = accept_one(l);
  if (s >= 0) close(s);
  close(l);
  l = tcp6();
  bind(l, any6(0), SIN6);
  listen(l, 4);
  label(port_of(l), "L6");
  c = tcp6();
  line("tcp.connect.v6_any_address"); put(R(connect(c, any6(port_of(l)), SIN6))); put(PEER(c));
  close(c);
  s = accept_one(l);
  if (s >= 0) close(s);
  close(l);
}

static void connect_nonblocking(void) {
  int l = listener4();
  label(port_of(l), "L");
  int c = nb(tcp4());
  line("tcp.connect.nb_first"); put(R(connect(c, lo4(port_of(l)), SIN)));
  writable(c, 2000);
  line("tcp.connect.nb_after_writable"); put(R(connect(c, lo4(port_of(l)), SIN)));
  line("tcp.connect.nb_then"); put(R(connect(c, lo4(port_of(l)), SIN)));
  line("tcp.connect.nb_so_error"); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
  close(c);
  int s = accept_one(l);
  if (s >= 0) close(s);
  c = nb(tcp4());
  int port = closed_port();
  int r = connect(c, lo4(port), SIN);
  line("tcp.connect.nb_refused"); put(r == 0 || errno == EINPROGRESS ? "started" : R(r));
  writable(c, 2000);
  line("tcp.connect.nb_refused_so_error"); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
  line("tcp.connect.nb_refused_so_error_again"); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
  line("tcp.connect.nb_refused_then"); put(R(connect(c, lo4(port), SIN)));
  close(c);
  close(l);
}

static void names(void) {
  int fds[3];
  tcp_pair(fds);
  label(port_of(fds[0]), "L");
  label(port_of(fds[1]), "C");
  line("tcp.name.listener_peer"); put(PEER(fds[0]));
  line("tcp.name.client"); put(LOCAL(fds[1])); put(PEER(fds[1]));
  line("tcp.name.server"); put(LOCAL(fds[2])); put(PEER(fds[2]));
  struct sockaddr_storage ss;
  memset(&ss, 0xee, sizeof ss);
  socklen_t len = 6;
  line("tcp.name.short_len"); put(R(getsockname(fds[1], (struct sockaddr *)&ss, &len))); put(N(len)); put(FAMILY(&ss)); put(BYTES((char *)&ss + 4, 4));
  len = 0;
  line("tcp.name.zero_len"); put(R(getsockname(fds[1], (struct sockaddr *)&ss, &len))); put(N(len));
  line("tcp.name.len_null"); put(R(getsockname(fds[1], (struct sockaddr *)&ss, NULL)));
  line("tcp.name.bad_fd"); put(R(getsockname(999, (struct sockaddr *)&ss, &len)));
  int u = tcp4();
  line("tcp.name.unconnected_peer"); put(PEER(u));
  close(u);
  drop_all(fds, 3);
  int l6 = listener6();
  label(port_of(l6), "L6");
  int c6 = tcp6();
  connect(c6, lo6(port_of(l6)), SIN6);
  line("tcp.name.v6_client"); put(LOCAL(c6)); put(PEER(c6));
  int s6 = accept_one(l6);
  close(s6); close(c6); close(l6);
}

static void data_states(void) {
  int s = tcp4();
  line("tcp.send.unconnected"); put(R(send(s, "abc", 3, 0)));
  line("tcp.recv.unconnected"); put(R(recv(s, BUF, 3, 0)));
  line("tcp.write.unconnected"); put(R(write(s, "abc", 3)));
  line("tcp.read.unconnected"); put(R(read(s, BUF, 3)));
  close(s);
  int l = listener4();
  line("tcp.send.listening"); put(R(send(l, "abc", 3, 0)));
  line("tcp.recv.listening"); put(R(recv(l, BUF, 3, 0)));
  close(l);
  line("tcp.send.bad_fd"); put(R(send(999, "abc", 3, 0)));
  line("tcp.recv.bad_fd"); put(R(recv(999, BUF, 3, 0)));
  int fds[3];
  tcp_pair(fds);
  line("tcp.send.zero"); put(R(send(fds[1], "abc", 0, 0)));
  line("tcp.recv.zero_nothing_dontwait"); put(R(recv(fds[2], BUF, 0, MSG_DONTWAIT)));
  line("tcp.send.three"); put(R(send(fds[1], "abc", 3, 0)));
  readable(fds[2], 1000);
  line("tcp.recv.zero_with_data"); put(R(recv(fds[2], BUF, 0, 0)));
  line("tcp.recv.three"); put(R(recv(fds[2], BUF, 10, 0))); put(BYTES(BUF, 3));
  line("tcp.recv.nothing_dontwait"); put(R(recv(fds[2], BUF, 10, MSG_DONTWAIT)));
  drop_all(fds, 3);
}

static void peer_close(void) {
  int fds[3];
  tcp_pair(fds);
  label(port_of(fds[0]), "L");
  send(fds[2], "bye", 3, 0);
  close(fds[2]);
  fds[2] = -1;
  readable(fds[1], 1000);
  line("tcp.peer_close.data_then_eof"); put(R(recv(fds[1], BUF, 10, 0))); put(R(recv(fds[1], BUF, 10, 0)));
  line("tcp.peer_close.eof_again"); put(R(recv(fds[1], BUF, 10, 0)));
  line("tcp.peer_close.peer_name"); put(PEER(fds[1]));
  line("tcp.peer_close.first_send"); put(R(send(fds[1], "abc", 3, 0)));
  settle(50);
  line("tcp.peer_close.second_send"); put(R(send(fds[1], "abc", 3, MSG_NOSIGNAL)));
  line("tcp.peer_close.so_error_after"); put(E(get_int(fds[1], SOL_SOCKET, SO_ERROR)));
  drop_all(fds, 3);
}

static void peer_reset(void) {
  int c = reset_connection();
  line("tcp.reset.so_error"); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
  line("tcp.reset.so_error_again"); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
  close(c);
  c = reset_connection();
  line("tcp.reset.recv"); put(R(recv(c, BUF, 10, 0)));
  line("tcp.reset.recv_again"); put(R(recv(c, BUF, 10, 0)));
  line("tcp.reset.peer_name"); put(PEER(c));
  line("tcp.reset.send"); put(R(send(c, "abc", 3, MSG_NOSIGNAL)));
  close(c);
  c = reset_connection();
  line("tcp.reset.send_first"); put(R(send(c, "abc", 3, MSG_NOSIGNAL)));
  line("tcp.reset.send_second"); put(R(send(c, "abc", 3, MSG_NOSIGNAL)));
  line("tcp.reset.recv_after_send"); put(R(recv(c, BUF, 10, 0)));
  close(c);
  c = reset_connection();
  line("tcp.reset.recv_dontwait"); put(R(recv(c, BUF, 10, MSG_DONTWAIT)));
  line("tcp.reset.local_name"); put(LOCAL(c));
  close(c);
}

GROUP(tcp,
  C(socket_arguments), C(socket_flags), C(descriptor_numbers), C(bind_basics), C(bind_arguments), C(bind_conflicts),
  C(listen_states), C(listen_backlog), C(accept_states), C(accept_addresses), C(accept_timeout), C(connect_basics),
  C(connect_retry_keeps_options), C(connect_arguments), C(connect_any_address), C(connect_nonblocking), C(names), C(data_states), C(peer_close),
  C(peer_reset));

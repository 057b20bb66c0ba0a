// shut: shutdown(2) on TCP sockets in every state and on UDP sockets; after
// each, what this socket and its peer answer (twin: ../as/shut.ts).
#include "harness.h"

static const char *const HOW_NAMES[] = { "rd", "wr", "rdwr" };
static const int HOWS[] = { SHUT_RD, SHUT_WR, SHUT_RDWR };

// An answer's name from two parts: "shut.<a>.<b>".
static char name_buf[200];
static const char *at(const char *a, const char *b) {
  snprintf(name_buf, sizeof name_buf, "shut.%s.%s", a, b);
  return name_buf;
}

// "<state>.<how>", the prefix of one shutdown's answers.
static char prefix_buf[100];
static const char *with_how(const char *state, int i) {
  snprintf(prefix_buf, sizeof prefix_buf, "%s.%s", state, HOW_NAMES[i]);
  return prefix_buf;
}

// poll's revents for IN|OUT|RDHUP, without waiting.
static int revents(int fd) {
  struct pollfd p = { fd, POLLIN | POLLOUT | POLLRDHUP, 0 };
  poll(&p, 1, 0);
  return p.revents;
}

// A non-blocking recv of up to 10 bytes: the count (or error) and the bytes.
static void recv_answer(int fd) {
  long n = recv(fd, BUF, 10, MSG_DONTWAIT);
  put(R(n));
  if (n > 0) put(BYTES(BUF, n));
}

// What a socket answers now: poll, getpeername, a non-blocking recv, a non-blocking send of one byte.
static void probe(const char *prefix, int fd) {
  char p[100];
  snprintf(p, sizeof p, "%s", prefix);
  line(at(p, "poll")); put(P(revents(fd)));
  line(at(p, "peer_name")); put(PEER(fd));
  line(at(p, "recv")); recv_answer(fd);
  line(at(p, "send")); put(R(send(fd, "x", 1, MSG_DONTWAIT | MSG_NOSIGNAL)));
}

static void shut_arguments(void) {
  int s = tcp4();
  line("shut.how.bad_unbound"); put(R(shutdown(s, 99))); put(R(shutdown(s, -1))); put(R(shutdown(s, 4)));
  close(s);
  int fds[3];
  tcp_pair(fds);
  line("shut.how.bad_connected"); put(R(shutdown(fds[1], 99))); put(R(shutdown(fds[1], -1)));
  line("shut.how.bad_connected_intact"); put(R(send(fds[1], "ok", 2, 0)));
  readable(fds[2], 1000);
  line("shut.how.bad_connected_arrives"); recv_answer(fds[2]);
  drop_all(fds, 3);
  int l = listener4();
  line("shut.how.bad_listening"); put(R(shutdown(l, 99)));
  close(l);
  int u = udp4();
  line("shut.how.bad_udp"); put(R(shutdown(u, 99)));
  close(u);
  line("shut.fd.closed"); put(R(shutdown(u, SHUT_RDWR)));
  line("shut.fd.closed_bad_how"); put(R(shutdown(u, 99)));
  line("shut.fd.bad"); put(R(shutdown(999, SHUT_RD)));
  line("shut.fd.negative"); put(R(shutdown(-1, SHUT_WR)));
}

static void shut_unconnected(void) {
  for (int i = 0; i < 3; i++) {
    int s = tcp4();
    line(at(with_how("unbound", i), "result")); put(R(shutdown(s, HOWS[i])));
    probe(with_how("unbound", i), s);
    close(s);
  }
  for (int i = 0; i < 3; i++) {
    int s = tcp4();
    bind(s, lo4(0), SIN);
    label(port_of(s), "B");
    line(at(with_how("bound", i), "result")); put(R(shutdown(s, HOWS[i])));
    line(at(with_how("bound", i), "name")); put(LOCAL(s));
    line(at(with_how("bound", i), "poll")); put(P(revents(s)));
    close(s);
  }
  int l = listener4();
  label(port_of(l), "L");
  int s = tcp4();
  shutdown(s, SHUT_WR);
  line("shut.unbound.wr.then_connect"); put(R(connect(s, lo4(port_of(l)), SIN)));
  int a = accept_one(l);
  line("shut.unbound.wr.then_send"); put(R(send(s, "x", 1, MSG_DONTWAIT | MSG_NOSIGNAL)));
  line("shut.unbound.wr.then_poll"); put(P(revents(s)));
  close(s);
  drain_accept(l, a);
  close(l);
}

static void shut_listening(void) {
  int l = nb(listener4());
  label(port_of(l), "L");
  int c = connect4(port_of(l));
  label(port_of(c), "C");
  line("shut.listening.wr.result"); put(R(shutdown(l, SHUT_WR)));
  readable(l, 1000);
  line("shut.listening.wr.poll"); put(P(revents(l)));
  line("shut.listening.wr.name"); put(LOCAL(l));
  int a = accept(l, NULL, NULL);
  line("shut.listening.wr.accept"); put(FD(a));
  line("shut.listening.wr.accepted_peer"); put(PEER(a));
  if (a >= 0) close(a);
  close(c);
  close(l);
  for (int i = 0; i < 3; i += 2) {
    l = nb(listener4());
    label(port_of(l), "L");
    c = connect4(port_of(l));
    readable(l, 1000);
    const char *p = with_how("listening", i);
    line(at(p, "result")); put(R(shutdown(l, HOWS[i])));
    settle(50);
    line(at(p, "poll")); put(P(revents(l)));
    line(at(p, "name")); put(LOCAL(l));
    line(at(p, "acceptconn")); put(N(get_int(l, SOL_SOCKET, SO_ACCEPTCONN)));
    a = accept(l, NULL, NULL);
    line(at(p, "accept")); put(FD(a));
    if (a >= 0) close(a);
    readable(c, 300);
    line(at(p, "queued_client_recv")); recv_answer(c);
    close(c);
    line(at(p, "listen_again")); put(R(listen(l, 4)));
    close(l);
  }
}

static void shut_connecting(void) {
  int l = tcp4();
  bind(l, lo4(0), SIN);
  listen(l, 0);
  label(port_of(l), "L");
  int cs[8];
  for (int i = 0; i < 8; i++) {
    cs[i] = nb(tcp4());
    connect(cs[i], lo4(port_of(l)), SIN);
  }
  // A look at each makes sure every connect has started (a host may start it lazily).
  for (int i = 0; i < 8; i++) writable(cs[i], 0);
  settle(100);
  // The accept queue holds one connection (backlog 0) or two (backlog 1): the last ones wait for a SYN-ACK.
  line("shut.connecting.bad_how"); put(N(writable(cs[4], 0))); put(R(shutdown(cs[4], 99)));
  for (int i = 0; i < 3; i++) {
    int c = cs[5 + i];
    const char *p = with_how("connecting", i);
    line(at(p, "in_progress")); put(N(writable(c, 0))); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
    line(at(p, "result")); put(R(shutdown(c, HOWS[i])));
    settle(20);
    line(at(with_how("connecting", i), "poll")); put(P(revents(c)));
  }
  // After any of the three: the rest of what the socket answers (here after SHUT_RDWR).
  line("shut.connecting.peer_name"); put(PEER(cs[7]));
  line("shut.connecting.recv"); recv_answer(cs[7]);
  line("shut.connecting.recv_again"); recv_answer(cs[7]);
  line("shut.connecting.send"); put(R(send(cs[7], "x", 1, MSG_DONTWAIT | MSG_NOSIGNAL)));
  line("shut.connecting.so_error"); put(E(get_int(cs[6], SOL_SOCKET, SO_ERROR)));
  line("shut.connecting.so_error_again"); put(E(get_int(cs[6], SOL_SOCKET, SO_ERROR)));
  line("shut.connecting.name"); put(LOCAL(cs[7]));
  line("shut.connecting.connect_again"); put(R(connect(cs[5], lo4(port_of(l)), SIN)));
  for (int i = 0; i < 8; i++) close(cs[i]);
  close(l);
}

static void shut_write(void) {
  int fds[3];
  tcp_pair(fds);
  label(port_of(fds[0]), "L");
  send(fds[1], "abc", 3, 0);
  line("shut.wr.result"); put(R(shutdown(fds[1], SHUT_WR)));
  settle(50);
  probe("wr", fds[1]);
  readable(fds[2], 1000);
  line("shut.wr.peer_recv_data"); recv_answer(fds[2]);
  readable(fds[2], 1000); // a host may send the FIN a moment after the data (wasmtime: once the write is done)
  line("shut.wr.peer_recv_eof"); recv_answer(fds[2]);
  line("shut.wr.peer_poll"); put(P(revents(fds[2])));
  line("shut.wr.peer_send"); put(R(send(fds[2], "srv", 3, 0)));
  readable(fds[1], 1000);
  line("shut.wr.recv_from_peer"); recv_answer(fds[1]);
  line("shut.wr.again"); put(R(shutdown(fds[1], SHUT_WR)));
  line("shut.wr.then_rd"); put(R(shutdown(fds[1], SHUT_RD)));
  line("shut.wr.then_rd_poll"); put(P(revents(fds[1])));
  line("shut.wr.then_rd_recv"); recv_answer(fds[1]);
  close(fds[2]);
  fds[2] = -1;
  settle(50);
  line("shut.wr.peer_closed_poll"); put(P(revents(fds[1])));
  line("shut.wr.peer_closed_name"); put(PEER(fds[1]));
  line("shut.wr.peer_closed_shutdown"); put(R(shutdown(fds[1], SHUT_RDWR)));
  drop_all(fds, 3);
}

static void shut_read(void) {
  int fds[3];
  tcp_pair(fds);
  label(port_of(fds[0]), "L");
  send(fds[2], "pre", 3, 0);
  readable(fds[1], 1000);
  line("shut.rd.result"); put(R(shutdown(fds[1], SHUT_RD)));
  probe("rd", fds[1]);
  line("shut.rd.recv_after"); recv_answer(fds[1]);
  set_timeout(fds[1], SO_RCVTIMEO, 500);
  line("shut.rd.blocking_recv"); put(R(recv(fds[1], BUF, 10, 0)));
  readable(fds[2], 1000);
  line("shut.rd.peer_recv"); recv_answer(fds[2]);
  line("shut.rd.peer_no_eof"); put(N(readable(fds[2], 200)));
  line("shut.rd.peer_poll"); put(P(revents(fds[2])));
  line("shut.rd.send_data"); put(R(send(fds[1], "up", 2, 0)));
  readable(fds[2], 1000);
  line("shut.rd.send_arrives"); recv_answer(fds[2]);
  line("shut.rd.peer_send"); put(R(send(fds[2], "post", 4, 0)));
  settle(50);
  line("shut.rd.recv_post"); recv_answer(fds[1]);
  line("shut.rd.poll_post"); put(P(revents(fds[1])));
  line("shut.rd.peer_poll_post"); put(P(revents(fds[2])));
  line("shut.rd.again"); put(R(shutdown(fds[1], SHUT_RD)));
  line("shut.rd.then_wr"); put(R(shutdown(fds[1], SHUT_WR)));
  readable(fds[2], 1000);
  line("shut.rd.then_wr_peer_eof"); recv_answer(fds[2]);
  line("shut.rd.then_wr_poll"); put(P(revents(fds[1])));
  drop_all(fds, 3);
}

static void shut_both(void) {
  int fds[3];
  tcp_pair(fds);
  label(port_of(fds[0]), "L");
  send(fds[1], "abc", 3, 0);
  line("shut.rdwr.result"); put(R(shutdown(fds[1], SHUT_RDWR)));
  settle(50);
  probe("rdwr", fds[1]);
  readable(fds[2], 1000);
  line("shut.rdwr.peer_recv_data"); recv_answer(fds[2]);
  readable(fds[2], 1000); // a host may send the FIN a moment after the data (wasmtime: once the write is done)
  line("shut.rdwr.peer_recv_eof"); recv_answer(fds[2]);
  line("shut.rdwr.peer_poll"); put(P(revents(fds[2])));
  line("shut.rdwr.peer_send"); put(R(send(fds[2], "late", 4, 0)));
  settle(50);
  line("shut.rdwr.after_late_poll"); put(P(revents(fds[1])));
  line("shut.rdwr.after_late_recv"); recv_answer(fds[1]);
  line("shut.rdwr.peer_after_late_poll"); put(P(revents(fds[2])));
  line("shut.rdwr.peer_after_late_recv"); recv_answer(fds[2]);
  line("shut.rdwr.again"); put(R(shutdown(fds[1], SHUT_RDWR)));
  drop_all(fds, 3);
}

static void shut_twice(void) {
  int fds[3];
  tcp_pair(fds);
  label(port_of(fds[0]), "L");
  line("shut.twice.wr"); put(R(shutdown(fds[1], SHUT_WR))); put(R(shutdown(fds[1], SHUT_WR)));
  line("shut.twice.rd_after_wr"); put(R(shutdown(fds[1], SHUT_RD)));
  line("shut.twice.rdwr_after_both"); put(R(shutdown(fds[1], SHUT_RDWR)));
  settle(50);
  probe("twice", fds[1]);
  readable(fds[2], 1000);
  line("shut.twice.peer_eof"); recv_answer(fds[2]);
  close(fds[2]);
  fds[2] = -1;
  settle(50);
  line("shut.twice.after_peer_close"); put(R(shutdown(fds[1], SHUT_RDWR)));
  line("shut.twice.after_peer_close_poll"); put(P(revents(fds[1])));
  drop_all(fds, 3);
  tcp_pair(fds);
  line("shut.twice.rd"); put(R(shutdown(fds[1], SHUT_RD))); put(R(shutdown(fds[1], SHUT_RD)));
  line("shut.twice.rd_poll"); put(P(revents(fds[1])));
  line("shut.twice.rdwr_after_rd"); put(R(shutdown(fds[1], SHUT_RDWR)));
  readable(fds[2], 1000);
  line("shut.twice.rdwr_after_rd_peer_eof"); recv_answer(fds[2]);
  drop_all(fds, 3);
}

static void shut_peer_closed(void) {
  int fds[3];
  tcp_pair(fds);
  label(port_of(fds[0]), "L");
  line("shut.peer_fin.peer_result"); put(R(shutdown(fds[2], SHUT_WR)));
  readable(fds[1], 1000);
  line("shut.peer_fin.recv"); recv_answer(fds[1]);
  line("shut.peer_fin.poll"); put(P(revents(fds[1])));
  line("shut.peer_fin.send"); put(R(send(fds[1], "last", 4, 0)));
  line("shut.peer_fin.wr_result"); put(R(shutdown(fds[1], SHUT_WR)));
  settle(50);
  probe("peer_fin.wr", fds[1]);
  readable(fds[2], 1000);
  line("shut.peer_fin.peer_recv_data"); recv_answer(fds[2]);
  readable(fds[2], 1000); // a host may send the FIN a moment after the data (wasmtime: once the write is done)
  line("shut.peer_fin.peer_recv_eof"); recv_answer(fds[2]);
  line("shut.peer_fin.peer_poll"); put(P(revents(fds[2])));
  line("shut.peer_fin.rd_after_both"); put(R(shutdown(fds[1], SHUT_RD)));
  drop_all(fds, 3);
  for (int i = 0; i < 3; i++) {
    tcp_pair(fds);
    label(port_of(fds[0]), "L");
    close(fds[2]);
    fds[2] = -1;
    readable(fds[1], 1000);
    const char *p = with_how("peer_closed", i);
    line(at(p, "eof")); recv_answer(fds[1]);
    line(at(with_how("peer_closed", i), "result")); put(R(shutdown(fds[1], HOWS[i])));
    settle(50);
    probe(with_how("peer_closed", i), fds[1]);
    drop_all(fds, 3);
  }
}

static void shut_reset(void) {
  for (int i = 0; i < 3; i++) {
    int c = reset_connection();
    line(at(with_how("reset", i), "result")); put(R(shutdown(c, HOWS[i])));
    probe(with_how("reset", i), c);
    line(at(with_how("reset", i), "so_error")); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
    close(c);
  }
}

static void shut_failed_connect(void) {
  int c = tcp4();
  line("shut.refused.connect"); put(R(connect(c, lo4(closed_port()), SIN)));
  for (int i = 0; i < 3; i++) {
    line(at(with_how("refused", i), "result")); put(R(shutdown(c, HOWS[i])));
  }
  probe("refused", c);
  close(c);
  c = nb(tcp4());
  connect(c, lo4(closed_port()), SIN);
  writable(c, 1000);
  line("shut.refused_nb.result"); put(R(shutdown(c, SHUT_RDWR)));
  line("shut.refused_nb.so_error"); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
  close(c);
}

static void shut_dup(void) {
  int fds[3];
  tcp_pair(fds);
  int d = dup(fds[1]);
  line("shut.dup.wr_through_dup"); put(R(shutdown(d, SHUT_WR)));
  line("shut.dup.original_send"); put(R(send(fds[1], "x", 1, MSG_NOSIGNAL)));
  readable(fds[2], 1000);
  line("shut.dup.peer_eof"); recv_answer(fds[2]);
  close(d);
  line("shut.dup.original_poll"); put(P(revents(fds[1])));
  line("shut.dup.original_again"); put(R(shutdown(fds[1], SHUT_RD)));
  drop_all(fds, 3);
}

static void shut_udp(void) {
  int u = udp4();
  for (int i = 0; i < 3; i++) {
    line(at(with_how("udp.unbound", i), "result")); put(R(shutdown(u, HOWS[i])));
  }
  close(u);
  u = bound_udp4();
  int v = bound_udp4();
  line("shut.udp.bound.rd.result"); put(R(shutdown(u, SHUT_RD)));
  line("shut.udp.bound.rd.poll"); put(P(revents(u)));
  sendto(v, "d0", 2, 0, lo4(port_of(u)), SIN);
  readable(u, 1000);
  line("shut.udp.bound.rd.recv"); recv_answer(u);
  close(u); close(v);
  for (int i = 0; i < 3; i++) {
    int a = bound_udp4(), b = bound_udp4();
    label(port_of(b), "B");
    connect(a, lo4(port_of(b)), SIN);
    connect(b, lo4(port_of(a)), SIN);
    const char *p = with_how("udp.connected", i);
    line(at(p, "result")); put(R(shutdown(a, HOWS[i])));
    probe(with_how("udp.connected", i), a);
    readable(b, 300);
    line(at(with_how("udp.connected", i), "peer_recv")); recv_answer(b);
    send(b, "d1", 2, 0);
    readable(a, 300);
    line(at(with_how("udp.connected", i), "recv_from_peer")); recv_answer(a);
    line(at(with_how("udp.connected", i), "poll_after")); put(P(revents(a)));
    line(at(with_how("udp.connected", i), "again")); put(R(shutdown(a, HOWS[i])));
    close(a); close(b);
  }
}

// A blocking recv (bounded by SO_RCVTIMEO) after each shutdown, once a datagram was taken; SHUT_WR last.
static void shut_udp_blocking(void) {
  static const int order[] = { 0, 2, 1 };
  for (int k = 0; k < 3; k++) {
    int i = order[k];
    int a = bound_udp4(), b = bound_udp4();
    connect(a, lo4(port_of(b)), SIN);
    connect(b, lo4(port_of(a)), SIN);
    shutdown(a, HOWS[i]);
    send(b, "d2", 2, 0);
    readable(a, 300);
    line(at(with_how("udp.connected", i), "take")); recv_answer(a);
    set_timeout(a, SO_RCVTIMEO, 300);
    line(at(with_how("udp.connected", i), "blocking_recv")); put(R(recv(a, BUF, 10, 0)));
    close(a); close(b);
  }
}

GROUP(shut,
  C(shut_arguments), C(shut_unconnected), C(shut_listening), C(shut_connecting), C(shut_write), C(shut_read),
  C(shut_both), C(shut_twice), C(shut_peer_closed), C(shut_reset), C(shut_failed_connect), C(shut_dup), C(shut_udp),
  C(shut_udp_blocking));

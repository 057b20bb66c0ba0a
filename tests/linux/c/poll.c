// poll and select: the readiness of TCP and UDP sockets in every state, the special descriptors, the counts, the
// timeouts and the argument errors (twin: ../as/poll.ts).
#include "harness.h"

// ---- helpers of this group -----------------------------------------------------------
static struct pollfd PF[8];

static void pset(int i, int fd, int events) {
  PF[i].fd = fd;
  PF[i].events = (short)events;
  PF[i].revents = 0;
}

static int pget(int i) { return PF[i].revents; }

// One fd's revents for `events`, after a poll bounded by 100 ms (ready states answer at once).
static int rev(int fd, int events) {
  pset(0, fd, events);
  poll(PF, 1, 100);
  return pget(0);
}

// A non-blocking connect kept in progress: the listener's accept queue (backlog 1) is full of finished connections,
// so the kernel drops the next SYN. `queued` receives the clients that did connect; the count is returned in *n.
static int stuck_connect(int port, int *queued, int *n) {
  *n = 0;
  for (int i = 0; i < 6; i++) {
    int c = nb(tcp4());
    connect(c, lo4(port), SIN);
    if (!writable(c, 200)) return c;
    queued[(*n)++] = c;
  }
  return -1;
}

static fd_set RS, WS, XS;
static struct timeval TV;

// select on one fd in all three sets, timeout 100 ms: "r w x count" by name ("-" for a set it is not in).
static const char *sel(int fd) {
  FD_ZERO(&RS); FD_ZERO(&WS); FD_ZERO(&XS);
  FD_SET(fd, &RS); FD_SET(fd, &WS); FD_SET(fd, &XS);
  TV.tv_sec = 0;
  TV.tv_usec = 100000;
  int n = select(fd + 1, &RS, &WS, &XS, &TV);
  char *s = (char *)OUT;
  snprintf(s, 256, "%s/%s/%s/%s", FD_ISSET(fd, &RS) ? "readable" : "-", FD_ISSET(fd, &WS) ? "writable" : "-",
    FD_ISSET(fd, &XS) ? "except" : "-", R(n));
  return S(s);
}

// ---- TCP -----------------------------------------------------------------------------
static void tcp_unconnected(void) {
  int s = tcp4();
  line("poll.tcp.unbound"); put(P(rev(s, POLLIN | POLLOUT)));
  line("poll.tcp.unbound_rdhup"); put(P(rev(s, POLLIN | POLLOUT | POLLRDHUP)));
  line("poll.tcp.unbound_events0"); put(P(rev(s, 0)));
  bind(s, lo4(0), SIN);
  line("poll.tcp.bound"); put(P(rev(s, POLLIN | POLLOUT)));
  line("poll.tcp.bound_in_only"); put(P(rev(s, POLLIN)));
  close(s);
}

static void tcp_listening(void) {
  int l = listener4();
  pset(0, l, POLLIN | POLLOUT);
  line("poll.listen.idle"); put(R(poll(PF, 1, 50))); put(P(pget(0)));
  int c = connect4(port_of(l));
  readable(l, 1000);
  pset(0, l, POLLIN | POLLOUT);
  line("poll.listen.connection_waiting"); put(R(poll(PF, 1, 0))); put(P(pget(0)));
  line("poll.listen.waiting_rdhup"); put(P(rev(l, POLLIN | POLLOUT | POLLRDHUP)));
  int a = accept(l, NULL, NULL);
  line("poll.listen.after_accept"); put(P(rev(l, POLLIN | POLLOUT)));
  close(a); close(c); close(l);
}

static void tcp_connecting(void) {
  int l = tcp4();
  bind(l, lo4(0), SIN);
  listen(l, 1);
  int queued[8];
  int n = 0;
  int c = stuck_connect(port_of(l), queued, &n);
  line("poll.connecting.stuck"); put(N(c >= 0));
  // Without a connect in progress the answers below would be about fd -1: say so instead.
  const char *none = "no_connect_in_progress";
  line("poll.connecting.in_progress"); put(c >= 0 ? P(rev(c, POLLIN | POLLOUT)) : none);
  line("poll.connecting.in_progress_rdhup"); put(c >= 0 ? P(rev(c, POLLIN | POLLOUT | POLLRDHUP)) : none);
  line("poll.connecting.in_progress_events0"); put(c >= 0 ? P(rev(c, 0)) : none);
  line("poll.connecting.select"); put(c >= 0 ? sel(c) : none);
  // Room in the queue: the SYN the kernel retransmits (after ~1 s) is answered.
  int a = accept(l, NULL, NULL);
  writable(c, 3000);
  line("poll.connecting.completed"); put(c >= 0 ? P(rev(c, POLLIN | POLLOUT)) : none);
  line("poll.connecting.completed_so_error"); put(c >= 0 ? E(get_int(c, SOL_SOCKET, SO_ERROR)) : none);
  close(c); close(a);
  drop_all(queued, n);
  drain_accept(l, -1);
  close(l);
  l = listener4();
  c = nb(tcp4());
  connect(c, lo4(port_of(l)), SIN);
  pset(0, c, POLLOUT);
  line("poll.connecting.nb_wait"); put(R(poll(PF, 1, 2000))); put(P(pget(0)));
  a = accept_one(l);
  close(a); close(c); close(l);
}

static void tcp_refused(void) {
  int c = nb(tcp4());
  connect(c, lo4(closed_port()), SIN);
  pset(0, c, POLLOUT);
  line("poll.refused.wait"); put(R(poll(PF, 1, 2000))); put(P(pget(0)));
  line("poll.refused.revents"); put(P(rev(c, POLLIN | POLLOUT)));
  line("poll.refused.revents_rdhup"); put(P(rev(c, POLLIN | POLLOUT | POLLRDHUP)));
  line("poll.refused.events0"); put(P(rev(c, 0)));
  line("poll.refused.select"); put(sel(c));
  line("poll.refused.so_error"); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
  line("poll.refused.after_so_error"); put(P(rev(c, POLLIN | POLLOUT)));
  close(c);
}

static void tcp_connected(void) {
  int fds[3];
  tcp_pair(fds);
  line("poll.connected.idle"); put(P(rev(fds[1], POLLIN | POLLOUT)));
  line("poll.connected.idle_rdhup"); put(P(rev(fds[1], POLLIN | POLLOUT | POLLRDHUP)));
  pset(0, fds[1], POLLIN);
  line("poll.connected.idle_in_only"); put(R(poll(PF, 1, 50))); put(P(pget(0)));
  line("poll.connected.idle_events0"); put(P(rev(fds[1], 0)));
  line("poll.connected.idle_select"); put(sel(fds[1]));
  send(fds[1], "abc", 3, 0);
  settle(50);
  // The bytes have landed; this is the first look at the receiver.
  line("poll.connected.data_first_look"); put(P(rev(fds[2], POLLIN | POLLOUT)));
  readable(fds[2], 1000);
  line("poll.connected.data"); put(P(rev(fds[2], POLLIN | POLLOUT)));
  line("poll.connected.data_in_only"); put(P(rev(fds[2], POLLIN)));
  line("poll.connected.data_again"); put(P(rev(fds[2], POLLIN | POLLOUT | POLLRDHUP)));
  line("poll.connected.data_select"); put(sel(fds[2]));
  line("poll.connected.read"); put(R(recv(fds[2], BUF, 10, 0)));
  line("poll.connected.drained"); put(P(rev(fds[2], POLLIN | POLLOUT)));
  drop_all(fds, 3);
}

static void tcp_send_full(void) {
  int fds[3];
  tcp_pair(fds);
  line("poll.full.filled"); put(N(fill_send_buffer(fds[1]) > 0));
  line("poll.full.out"); put(P(rev(fds[1], POLLOUT)));
  line("poll.full.in_out"); put(P(rev(fds[1], POLLIN | POLLOUT)));
  line("poll.full.select"); put(sel(fds[1]));
  readable(fds[2], 1000);
  line("poll.full.peer"); put(P(rev(fds[2], POLLIN | POLLOUT)));
  // The peer reads everything: room again.
  nb(fds[2]);
  long got = 0;
  for (int idle = 0; idle < 3;) {
    long k = recv(fds[2], BUF, sizeof BUF, 0);
    if (k > 0) { got += k; idle = 0; continue; }
    idle++;
    readable(fds[2], 50);
  }
  line("poll.full.drained"); put(N(got > 0)); put(N(writable(fds[1], 2000)));
  line("poll.full.room_again"); put(P(rev(fds[1], POLLIN | POLLOUT)));
  drop_all(fds, 3);
}

static void tcp_peer_shut_wr(void) {
  int fds[3];
  tcp_pair(fds);
  shutdown(fds[2], SHUT_WR);
  readable(fds[1], 1000);
  line("poll.peer_shut_wr.rdhup"); put(P(rev(fds[1], POLLIN | POLLOUT | POLLRDHUP)));
  line("poll.peer_shut_wr.no_rdhup"); put(P(rev(fds[1], POLLIN | POLLOUT)));
  line("poll.peer_shut_wr.rdhup_only"); put(P(rev(fds[1], POLLRDHUP)));
  line("poll.peer_shut_wr.select"); put(sel(fds[1]));
  line("poll.peer_shut_wr.eof"); put(R(recv(fds[1], BUF, 10, 0)));
  line("poll.peer_shut_wr.after_eof"); put(P(rev(fds[1], POLLIN | POLLOUT | POLLRDHUP)));
  line("poll.peer_shut_wr.peer_side"); put(P(rev(fds[2], POLLIN | POLLOUT | POLLRDHUP)));
  drop_all(fds, 3);
}

static void tcp_peer_close(void) {
  int fds[3];
  tcp_pair(fds);
  close(fds[2]);
  fds[2] = -1;
  readable(fds[1], 1000);
  line("poll.peer_close.revents"); put(P(rev(fds[1], POLLIN | POLLOUT | POLLRDHUP)));
  line("poll.peer_close.select"); put(sel(fds[1]));
  // Writing to a peer that closed: it answers with a reset.
  send(fds[1], "abc", 3, MSG_NOSIGNAL);
  settle(50);
  line("poll.peer_close.after_send"); put(P(rev(fds[1], POLLIN | POLLOUT | POLLRDHUP)));
  drop_all(fds, 3);
}

static void tcp_peer_reset(void) {
  int fds[3];
  fds[0] = fds[2] = -1;
  fds[1] = reset_connection();
  line("poll.reset.revents"); put(P(rev(fds[1], POLLIN | POLLOUT | POLLRDHUP)));
  line("poll.reset.in_only"); put(P(rev(fds[1], POLLIN)));
  line("poll.reset.events0"); put(P(rev(fds[1], 0)));
  line("poll.reset.select"); put(sel(fds[1]));
  line("poll.reset.recv"); put(R(recv(fds[1], BUF, 10, 0)));
  line("poll.reset.after_recv"); put(P(rev(fds[1], POLLIN | POLLOUT | POLLRDHUP)));
  drop_all(fds, 3);
}

static void tcp_local_shutdown(void) {
  int fds[3];
  tcp_pair(fds);
  shutdown(fds[1], SHUT_RD);
  line("poll.shut_rd.revents"); put(P(rev(fds[1], POLLIN | POLLOUT | POLLRDHUP)));
  line("poll.shut_rd.select"); put(sel(fds[1]));
  drop_all(fds, 3);
  tcp_pair(fds);
  shutdown(fds[1], SHUT_WR);
  line("poll.shut_wr.revents"); put(P(rev(fds[1], POLLIN | POLLOUT | POLLRDHUP)));
  line("poll.shut_wr.select"); put(sel(fds[1]));
  readable(fds[2], 1000);
  line("poll.shut_wr.peer"); put(P(rev(fds[2], POLLIN | POLLOUT | POLLRDHUP)));
  drop_all(fds, 3);
  tcp_pair(fds);
  shutdown(fds[1], SHUT_RDWR);
  line("poll.shut_rdwr.revents"); put(P(rev(fds[1], POLLIN | POLLOUT | POLLRDHUP)));
  line("poll.shut_rdwr.select"); put(sel(fds[1]));
  drop_all(fds, 3);
}

// ---- UDP -----------------------------------------------------------------------------
static void udp_states(void) {
  int u = udp4();
  line("poll.udp.unbound"); put(P(rev(u, POLLIN | POLLOUT)));
  line("poll.udp.unbound_select"); put(sel(u));
  bind(u, lo4(0), SIN);
  line("poll.udp.bound"); put(P(rev(u, POLLIN | POLLOUT)));
  pset(0, u, POLLIN);
  line("poll.udp.bound_in_only"); put(R(poll(PF, 1, 50))); put(P(pget(0)));
  int v = bound_udp4();
  sendto(v, "hi", 2, 0, lo4(port_of(u)), SIN);
  readable(u, 1000);
  line("poll.udp.datagram"); put(P(rev(u, POLLIN | POLLOUT)));
  line("poll.udp.datagram_select"); put(sel(u));
  line("poll.udp.read"); put(R(recv(u, BUF, 10, 0)));
  line("poll.udp.after_read"); put(P(rev(u, POLLIN | POLLOUT)));
  close(v); close(u);
}

static void udp_refused(void) {
  int u = bound_udp4();
  connect(u, lo4(closed_port()), SIN);
  line("poll.udp_refused.before"); put(P(rev(u, POLLIN | POLLOUT)));
  send(u, "x", 1, 0);
  settle(50);
  line("poll.udp_refused.revents"); put(P(rev(u, POLLIN | POLLOUT)));
  line("poll.udp_refused.select"); put(sel(u));
  line("poll.udp_refused.recv"); put(R(recv(u, BUF, 10, MSG_DONTWAIT)));
  line("poll.udp_refused.after_recv"); put(P(rev(u, POLLIN | POLLOUT)));
  close(u);
}

// ---- descriptors, counts, arguments --------------------------------------------------
static void special_fds(void) {
  int s = tcp4();
  close(s);
  line("poll.fd.closed"); put(P(rev(s, POLLIN | POLLOUT)));
  line("poll.fd.closed_events0"); put(P(rev(s, 0)));
  pset(0, s, POLLIN);
  line("poll.fd.closed_count"); put(R(poll(PF, 1, 0)));
  pset(0, -1, POLLIN | POLLOUT);
  PF[0].revents = POLLIN;
  line("poll.fd.minus_one"); put(R(poll(PF, 1, 0))); put(P(pget(0)));
  pset(0, -7, POLLIN | POLLOUT);
  line("poll.fd.negative"); put(R(poll(PF, 1, 0))); put(P(pget(0)));
  line("poll.fd.bad_fd"); put(P(rev(999, POLLIN)));
}

static void counts(void) {
  int fds[3];
  tcp_pair(fds);
  int u = udp4();
  int gone = tcp4();
  close(gone);
  send(fds[1], "abc", 3, 0);
  readable(fds[2], 1000);
  pset(0, fds[0], POLLIN);   // listening, nothing waiting
  pset(1, fds[1], POLLIN);   // idle
  pset(2, fds[2], POLLIN | POLLOUT); // data
  pset(3, u, POLLOUT);       // unbound UDP: writable
  pset(4, -1, POLLIN);       // ignored
  pset(5, gone, POLLIN);     // closed
  line("poll.count.mixed"); put(R(poll(PF, 6, 100)));
  put(P(pget(0))); put(P(pget(1))); put(P(pget(2))); put(P(pget(3))); put(P(pget(4))); put(P(pget(5)));
  pset(0, fds[2], POLLIN);
  pset(1, fds[2], POLLOUT);
  line("poll.count.same_fd_twice"); put(R(poll(PF, 2, 100))); put(P(pget(0))); put(P(pget(1)));
  pset(0, fds[0], POLLIN);
  pset(1, fds[1], POLLIN);
  line("poll.count.none_ready"); put(R(poll(PF, 2, 50))); put(P(pget(0))); put(P(pget(1)));
  pset(0, fds[2], POLLIN);
  line("poll.count.infinite_ready"); put(R(poll(PF, 1, -1))); put(P(pget(0)));
  close(u);
  drop_all(fds, 3);
}

// Volatile, so the compiler does not refuse the calls that are meant to fail.
static volatile nfds_t HUGE_NFDS = 1u << 30;
static struct pollfd *volatile NO_FDS = NULL;

static void timeouts(void) {
  int l = listener4();
  pset(0, l, POLLIN);
  long t0 = now_ms();
  line("poll.timeout.expired"); put(R(poll(PF, 1, 50)));
  long t1 = now_ms();
  put(N(t1 - t0 >= 45)); put(N(t1 - t0 < 1000));
  t0 = now_ms();
  line("poll.timeout.nfds0"); put(R(poll(NULL, 0, 50)));
  t1 = now_ms();
  put(N(t1 - t0 >= 45)); put(N(t1 - t0 < 1000));
  t0 = now_ms();
  line("poll.timeout.zero"); put(R(poll(PF, 1, 0)));
  t1 = now_ms();
  put(N(t1 - t0 < 40));
  line("poll.args.nfds_huge"); put(R(poll(PF, HUGE_NFDS, 0)));
  line("poll.args.null_fds"); put(R(poll(NO_FDS, 1, 0)));
  close(l);
}

// ---- select --------------------------------------------------------------------------
static void select_states(void) {
  int s = tcp4();
  line("select.tcp.unbound"); put(sel(s));
  close(s);
  int l = listener4();
  line("select.listen.idle"); put(sel(l));
  int c = connect4(port_of(l));
  readable(l, 1000);
  line("select.listen.connection_waiting"); put(sel(l));
  close(c);
  drain_accept(l, -1);
  close(l);
  int u = bound_udp4();
  line("select.udp.bound"); put(sel(u));
  close(u);
}

static void select_sets(void) {
  int fds[3];
  tcp_pair(fds);
  send(fds[1], "abc", 3, 0);
  readable(fds[2], 1000);
  // readfds: the listener (not ready), the server (data); writefds: both connected ends.
  FD_ZERO(&RS); FD_ZERO(&WS); FD_ZERO(&XS);
  FD_SET(fds[0], &RS); FD_SET(fds[2], &RS);
  FD_SET(fds[1], &WS); FD_SET(fds[2], &WS);
  FD_SET(fds[1], &XS);
  int nfds = fds[2] + 1;
  TV.tv_sec = 1;
  TV.tv_usec = 0;
  line("select.sets.count"); put(R(select(nfds, &RS, &WS, &XS, &TV)));
  line("select.sets.read"); put(N(FD_ISSET(fds[0], &RS))); put(N(FD_ISSET(fds[2], &RS))); put(N(FD_ISSET(fds[1], &RS)));
  line("select.sets.write"); put(N(FD_ISSET(fds[1], &WS))); put(N(FD_ISSET(fds[2], &WS))); put(N(FD_ISSET(fds[0], &WS)));
  line("select.sets.except"); put(N(FD_ISSET(fds[1], &XS)));
  line("select.sets.time_left"); put(N((TV.tv_sec == 0 && TV.tv_usec > 500000) || TV.tv_sec == 1));
  // Descriptors at or above nfds are not looked at.
  FD_ZERO(&RS);
  FD_SET(fds[2], &RS);
  TV.tv_sec = 0;
  TV.tv_usec = 0;
  line("select.sets.fd_beyond_nfds"); put(R(select(fds[2], &RS, NULL, NULL, &TV))); put(N(FD_ISSET(fds[2], &RS)));
  // Null sets, no descriptors: a sleep.
  TV.tv_sec = 0;
  TV.tv_usec = 50000;
  long t0 = now_ms();
  line("select.sleep"); put(R(select(0, NULL, NULL, NULL, &TV)));
  long t1 = now_ms();
  put(N(t1 - t0 >= 45)); put(N(TV.tv_sec)); put(N(TV.tv_usec));
  // Expiry writes the time left back: exactly zero.
  FD_ZERO(&RS);
  FD_SET(fds[0], &RS);
  TV.tv_sec = 0;
  TV.tv_usec = 50000;
  line("select.timeout.expired"); put(R(select(fds[0] + 1, &RS, NULL, NULL, &TV))); put(N(FD_ISSET(fds[0], &RS)));
  put(N(TV.tv_sec)); put(N(TV.tv_usec));
  FD_ZERO(&RS);
  FD_SET(fds[2], &RS);
  line("select.timeout.null_ready"); put(R(select(fds[2] + 1, &RS, NULL, NULL, NULL))); put(N(FD_ISSET(fds[2], &RS)));
  drop_all(fds, 3);
}

static void select_errors(void) {
  int s = tcp4();
  int gone = tcp4();
  close(gone);
  FD_ZERO(&RS);
  FD_SET(s, &RS);
  FD_SET(gone, &RS);
  TV.tv_sec = 0;
  TV.tv_usec = 0;
  int nfds = (s > gone ? s : gone) + 1;
  line("select.err.closed_fd"); put(R(select(nfds, &RS, NULL, NULL, &TV))); put(N(FD_ISSET(s, &RS))); put(N(FD_ISSET(gone, &RS)));
  FD_ZERO(&WS);
  FD_SET(gone, &WS);
  line("select.err.closed_fd_writefds"); put(R(select(nfds, NULL, &WS, NULL, &TV)));
  FD_ZERO(&XS);
  FD_SET(gone, &XS);
  line("select.err.closed_fd_exceptfds"); put(R(select(nfds, NULL, NULL, &XS, &TV)));
  FD_ZERO(&RS);
  FD_SET(gone, &RS);
  line("select.err.closed_fd_beyond_nfds"); put(R(select(gone, &RS, NULL, NULL, &TV)));
  FD_ZERO(&RS);
  FD_SET(s, &RS);
  line("select.err.nfds_negative"); put(R(select(-1, &RS, NULL, NULL, &TV)));
  TV.tv_sec = 0;
  TV.tv_usec = 2000000;
  line("select.err.usec_too_big"); put(R(select(s + 1, &RS, NULL, NULL, &TV)));
  TV.tv_sec = -1;
  TV.tv_usec = 0;
  line("select.err.sec_negative"); put(R(select(s + 1, &RS, NULL, NULL, &TV)));
  close(s);
}

GROUP(poll,
  C(tcp_unconnected), C(tcp_listening), C(tcp_connecting), C(tcp_refused), C(tcp_connected), C(tcp_send_full),
  C(tcp_peer_shut_wr), C(tcp_peer_close), C(tcp_peer_reset), C(tcp_local_shutdown), C(udp_states), C(udp_refused),
  C(special_fds), C(counts), C(timeouts), C(select_states), C(select_sets), C(select_errors));

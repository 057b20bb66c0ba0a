// epoll: creation, epoll_ctl and epoll_wait errors, level-triggered readiness of sockets in every state, EPOLLET,
// EPOLLONESHOT, EPOLLRDHUP, closing registered descriptors, event data, several instances (twin: ../as/epoll.ts).
#include "harness.h"

// ---- helpers of this group -----------------------------------------------------------
static struct epoll_event EVS[8];

// epoll_ctl with an event of `events` and data `data`.
static int ctl(int ep, int op, int fd, uint32_t events, uint64_t data) {
  struct epoll_event e;
  memset(&e, 0, sizeof e);
  e.events = events;
  e.data.u64 = data;
  return epoll_ctl(ep, op, fd, &e);
}

// One wait of up to `ms` for up to 8 events: the count, the events in EVS.
static int wait_ms(int ep, int ms) {
  memset(EVS, 0, sizeof EVS);
  return epoll_wait(ep, EVS, 8, ms);
}

static uint32_t ev(int i) { return EVS[i].events; }
static long data_of(int i) { return (long)EVS[i].data.u64; }

// What one instance holding only `fd` (for `events`) reports within 100 ms: "count events".
static const char *once(int fd, uint32_t events) {
  int ep = epoll_create1(0);
  ctl(ep, EPOLL_CTL_ADD, fd, events, 7);
  int n = wait_ms(ep, 100);
  char *s = (char *)OUT + 512;
  snprintf(s, 256, "%s/%s", R(n), n > 0 ? EV(ev(0)) : "-");
  close(ep);
  return S(s);
}

// Reads everything the peer sent (non-blocking, until nothing came for 3 x 50 ms): the bytes read.
static long drain(int fd) {
  nb(fd);
  long got = 0;
  for (int idle = 0; idle < 3;) {
    long k = recv(fd, BUF, sizeof BUF, 0);
    if (k > 0) { got += k; idle = 0; continue; }
    idle++;
    readable(fd, 50);
  }
  return got;
}

#define INOUT (EPOLLIN | EPOLLOUT | EPOLLRDHUP)

// Volatile, so the compiler does not refuse the calls that are meant to fail.
static struct epoll_event *volatile NO_EVENTS = NULL;
static volatile int MINUS_ONE = -1;

// ---- creation and arguments ----------------------------------------------------------
static void create(void) {
  int ep;
  line("epoll.create1.zero"); put(FD(ep = epoll_create1(0))); if (ep >= 0) close(ep);
  line("epoll.create1.cloexec"); put(FD(ep = epoll_create1(EPOLL_CLOEXEC))); put(R(fcntl(ep, F_GETFD))); if (ep >= 0) close(ep);
  line("epoll.create1.bad_flags"); put(R(ep = epoll_create1(1))); if (ep >= 0) close(ep);
  line("epoll.create.one"); put(FD(ep = epoll_create(1))); if (ep >= 0) close(ep);
  line("epoll.create.zero"); put(R(ep = epoll_create(0))); if (ep >= 0) close(ep);
  line("epoll.create.negative"); put(R(ep = epoll_create(-1))); if (ep >= 0) close(ep);
  ep = epoll_create1(0);
  line("epoll.fd.read"); put(R(read(ep, BUF, 8)));
  line("epoll.fd.write"); put(R(write(ep, "abcdefgh", 8)));
  line("epoll.fd.send"); put(R(send(ep, "abc", 3, 0)));
  line("epoll.fd.bind"); put(R(bind(ep, lo4(0), SIN)));
  close(ep);
  line("epoll.fd.wait_after_close"); put(R(wait_ms(ep, 0)));
}

static void ctl_errors(void) {
  int ep = epoll_create1(0);
  int s = tcp4();
  int gone = tcp4();
  close(gone);
  line("epoll.ctl.add"); put(R(ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN, 1)));
  line("epoll.ctl.add_again"); put(R(ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN, 1)));
  line("epoll.ctl.mod"); put(R(ctl(ep, EPOLL_CTL_MOD, s, EPOLLOUT, 2)));
  line("epoll.ctl.del"); put(R(ctl(ep, EPOLL_CTL_DEL, s, 0, 0)));
  line("epoll.ctl.del_again"); put(R(ctl(ep, EPOLL_CTL_DEL, s, 0, 0)));
  line("epoll.ctl.mod_absent"); put(R(ctl(ep, EPOLL_CTL_MOD, s, EPOLLIN, 1)));
  line("epoll.ctl.del_null_event"); put(R(ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN, 1))); put(R(epoll_ctl(ep, EPOLL_CTL_DEL, s, NULL)));
  line("epoll.ctl.add_null_event"); put(R(epoll_ctl(ep, EPOLL_CTL_ADD, s, NULL)));
  line("epoll.ctl.bad_op"); put(R(ctl(ep, 99, s, EPOLLIN, 1)));
  line("epoll.ctl.closed_fd"); put(R(ctl(ep, EPOLL_CTL_ADD, gone, EPOLLIN, 1)));
  line("epoll.ctl.bad_fd"); put(R(ctl(ep, EPOLL_CTL_ADD, 999, EPOLLIN, 1)));
  line("epoll.ctl.closed_epfd"); put(R(ctl(gone, EPOLL_CTL_ADD, s, EPOLLIN, 1)));
  line("epoll.ctl.epfd_not_epoll"); put(R(ctl(s, EPOLL_CTL_ADD, ep, EPOLLIN, 1)));
  line("epoll.ctl.itself"); put(R(ctl(ep, EPOLL_CTL_ADD, ep, EPOLLIN, 1)));
  line("epoll.ctl.del_closed_fd"); put(R(ctl(ep, EPOLL_CTL_DEL, gone, 0, 0)));
  close(s);
  close(ep);
}

static void wait_errors(void) {
  int ep = epoll_create1(0);
  int s = tcp4();
  line("epoll.wait.maxevents_zero"); put(R(epoll_wait(ep, EVS, 0, 0)));
  line("epoll.wait.maxevents_negative"); put(R(epoll_wait(ep, EVS, MINUS_ONE, 0)));
  ctl(ep, EPOLL_CTL_ADD, s, EPOLLOUT, 1); // unconnected: always ready, so there is an event to write
  line("epoll.wait.null_events"); put(R(epoll_wait(ep, NO_EVENTS, 1, 0)));
  ctl(ep, EPOLL_CTL_DEL, s, 0, 0);
  line("epoll.wait.not_epoll"); put(R(epoll_wait(s, EVS, 1, 0)));
  line("epoll.wait.bad_fd"); put(R(epoll_wait(999, EVS, 1, 0)));
  line("epoll.wait.empty_zero"); put(R(wait_ms(ep, 0)));
  long t0 = now_ms();
  line("epoll.wait.empty_timeout"); put(R(wait_ms(ep, 50)));
  long t1 = now_ms();
  put(N(t1 - t0 >= 45)); put(N(t1 - t0 < 1000));
  int l = listener4();
  ctl(ep, EPOLL_CTL_ADD, l, EPOLLIN, 1);
  t0 = now_ms();
  line("epoll.wait.idle_timeout"); put(R(wait_ms(ep, 50)));
  t1 = now_ms();
  put(N(t1 - t0 >= 45)); put(N(t1 - t0 < 1000));
  line("epoll.wait.pwait"); put(R(epoll_pwait(ep, EVS, 8, 0, NULL)));
  close(l); close(s); close(ep);
}

// ---- level-triggered readiness -------------------------------------------------------
static void tcp_states(void) {
  int s = tcp4();
  line("epoll.tcp.unbound"); put(once(s, INOUT));
  line("epoll.tcp.unbound_events0"); put(once(s, 0));
  close(s);
  int l = listener4();
  line("epoll.listen.idle"); put(once(l, EPOLLIN | EPOLLOUT));
  int c = connect4(port_of(l));
  readable(l, 1000);
  line("epoll.listen.connection_waiting"); put(once(l, EPOLLIN | EPOLLOUT));
  drain_accept(l, -1);
  close(c);
  close(l);
  int fds[3];
  tcp_pair(fds);
  line("epoll.connected.idle"); put(once(fds[1], INOUT));
  line("epoll.connected.idle_in_only"); put(once(fds[1], EPOLLIN));
  send(fds[1], "abc", 3, 0);
  readable(fds[2], 1000);
  line("epoll.connected.data"); put(once(fds[2], INOUT));
  line("epoll.connected.data_in_only"); put(once(fds[2], EPOLLIN));
  line("epoll.connected.rdnorm"); put(once(fds[2], EPOLLRDNORM | EPOLLWRNORM));
  fill_send_buffer(fds[1]);
  line("epoll.connected.send_full"); put(once(fds[1], EPOLLOUT));
  line("epoll.connected.peer_drained"); put(N(drain(fds[2]) > 0)); put(N(writable(fds[1], 2000)));
  line("epoll.connected.room_again"); put(once(fds[1], EPOLLOUT));
  drop_all(fds, 3);
}

static void tcp_connect_states(void) {
  int c = nb(tcp4());
  connect(c, lo4(closed_port()), SIN);
  writable(c, 2000);
  line("epoll.refused.revents"); put(once(c, INOUT));
  line("epoll.refused.events0"); put(once(c, 0));
  close(c);
  int l = listener4();
  c = nb(tcp4());
  connect(c, lo4(port_of(l)), SIN);
  int ep = epoll_create1(0);
  ctl(ep, EPOLL_CTL_ADD, c, EPOLLOUT, 5);
  line("epoll.connect.nb_wait"); put(R(wait_ms(ep, 2000))); put(EV(ev(0))); put(N(data_of(0)));
  close(ep);
  int a = accept_one(l);
  close(a); close(c); close(l);
}

static void tcp_peer_states(void) {
  int fds[3];
  tcp_pair(fds);
  shutdown(fds[2], SHUT_WR);
  readable(fds[1], 1000);
  line("epoll.peer_shut_wr.rdhup"); put(once(fds[1], INOUT));
  line("epoll.peer_shut_wr.no_rdhup"); put(once(fds[1], EPOLLIN | EPOLLOUT));
  line("epoll.peer_shut_wr.rdhup_only"); put(once(fds[1], EPOLLRDHUP));
  drop_all(fds, 3);
  tcp_pair(fds);
  close(fds[2]);
  fds[2] = -1;
  readable(fds[1], 1000);
  line("epoll.peer_close.revents"); put(once(fds[1], INOUT));
  drop_all(fds, 3);
  fds[0] = fds[2] = -1;
  fds[1] = reset_connection();
  line("epoll.reset.revents"); put(once(fds[1], INOUT));
  line("epoll.reset.events0"); put(once(fds[1], 0));
  line("epoll.reset.recv"); put(R(recv(fds[1], BUF, 10, 0)));
  line("epoll.reset.after_recv"); put(once(fds[1], INOUT));
  drop_all(fds, 3);
  tcp_pair(fds);
  shutdown(fds[1], SHUT_RDWR);
  line("epoll.shut_rdwr.revents"); put(once(fds[1], INOUT));
  drop_all(fds, 3);
}

static void udp_readiness(void) {
  int u = udp4();
  line("epoll.udp.unbound"); put(once(u, EPOLLIN | EPOLLOUT));
  bind(u, lo4(0), SIN);
  line("epoll.udp.bound_in_only"); put(once(u, EPOLLIN));
  int v = bound_udp4();
  sendto(v, "hi", 2, 0, lo4(port_of(u)), SIN);
  readable(u, 1000);
  line("epoll.udp.datagram"); put(once(u, EPOLLIN | EPOLLOUT));
  close(v); close(u);
  u = bound_udp4();
  connect(u, lo4(closed_port()), SIN);
  send(u, "x", 1, 0);
  settle(50);
  line("epoll.udp.refused"); put(once(u, EPOLLIN | EPOLLOUT));
  close(u);
}

static void level_repeats(void) {
  int fds[3];
  tcp_pair(fds);
  int ep = epoll_create1(0);
  ctl(ep, EPOLL_CTL_ADD, fds[2], EPOLLIN, 11);
  line("epoll.level.idle"); put(R(wait_ms(ep, 0)));
  send(fds[1], "abcdef", 6, 0);
  readable(fds[2], 1000);
  line("epoll.level.first"); put(R(wait_ms(ep, 100))); put(EV(ev(0))); put(N(data_of(0)));
  line("epoll.level.again"); put(R(wait_ms(ep, 100))); put(EV(ev(0)));
  line("epoll.level.partial_read"); put(R(recv(fds[2], BUF, 2, 0)));
  line("epoll.level.after_partial"); put(R(wait_ms(ep, 100))); put(EV(ev(0)));
  line("epoll.level.read_rest"); put(R(recv(fds[2], BUF, 10, 0)));
  line("epoll.level.drained"); put(R(wait_ms(ep, 0)));
  line("epoll.level.mod_out"); put(R(ctl(ep, EPOLL_CTL_MOD, fds[2], EPOLLOUT, 12))); put(R(wait_ms(ep, 100))); put(EV(ev(0))); put(N(data_of(0)));
  close(ep);
  drop_all(fds, 3);
}

// ---- EPOLLET ---------------------------------------------------------------------------
static void edge_triggered(void) {
  int fds[3];
  tcp_pair(fds);
  nb(fds[2]);
  int ep = epoll_create1(0);
  ctl(ep, EPOLL_CTL_ADD, fds[2], EPOLLIN | EPOLLET, 21);
  line("epoll.et.idle"); put(R(wait_ms(ep, 0)));
  send(fds[1], "a", 1, 0);
  readable(fds[2], 1000);
  line("epoll.et.edge"); put(R(wait_ms(ep, 0))); put(EV(ev(0))); put(N(data_of(0)));
  line("epoll.et.not_again"); put(R(wait_ms(ep, 0)));
  send(fds[1], "b", 1, 0);
  settle(50);
  line("epoll.et.new_data_undrained"); put(R(wait_ms(ep, 0))); put(EV(ev(0)));
  line("epoll.et.after_new_data"); put(R(wait_ms(ep, 0)));
  line("epoll.et.drain"); put(R(recv(fds[2], BUF, 10, 0))); put(R(recv(fds[2], BUF, 10, 0)));
  line("epoll.et.drained"); put(R(wait_ms(ep, 0)));
  send(fds[1], "c", 1, 0);
  settle(50);
  line("epoll.et.edge_after_drain"); put(R(wait_ms(ep, 0))); put(EV(ev(0)));
  line("epoll.et.once_more"); put(R(wait_ms(ep, 0)));
  close(ep);
  drop_all(fds, 3);
}

static void edge_out(void) {
  int fds[3];
  tcp_pair(fds);
  int ep = epoll_create1(0);
  ctl(ep, EPOLL_CTL_ADD, fds[1], EPOLLIN | EPOLLOUT | EPOLLET, 22);
  line("epoll.et_out.first"); put(R(wait_ms(ep, 0))); put(EV(ev(0)));
  line("epoll.et_out.not_again"); put(R(wait_ms(ep, 0)));
  // A MOD re-arms: the current readiness is reported again.
  line("epoll.et_out.mod_rearms"); put(R(ctl(ep, EPOLL_CTL_MOD, fds[1], EPOLLIN | EPOLLOUT | EPOLLET, 23))); put(R(wait_ms(ep, 0))); put(EV(ev(0))); put(N(data_of(0)));
  close(ep);
  drop_all(fds, 3);
}

static void edge_timeout(void) {
  int fds[3];
  tcp_pair(fds);
  int ep = epoll_create1(0);
  ctl(ep, EPOLL_CTL_ADD, fds[2], EPOLLIN | EPOLLET, 24);
  send(fds[1], "a", 1, 0);
  readable(fds[2], 1000);
  line("epoll.et_timeout.edge"); put(R(wait_ms(ep, 100))); put(EV(ev(0)));
  // Nothing new: the wait ends at its timeout with nothing.
  long t0 = now_ms();
  line("epoll.et_timeout.nothing_new"); put(R(wait_ms(ep, 100)));
  long t1 = now_ms();
  put(N(t1 - t0 >= 90)); put(N(t1 - t0 < 2000));
  close(ep);
  drop_all(fds, 3);
}

// ---- EPOLLONESHOT ----------------------------------------------------------------------
static void oneshot(void) {
  int fds[3];
  tcp_pair(fds);
  int ep = epoll_create1(0);
  ctl(ep, EPOLL_CTL_ADD, fds[2], EPOLLIN | EPOLLONESHOT, 31);
  send(fds[1], "abc", 3, 0);
  readable(fds[2], 1000);
  line("epoll.oneshot.first"); put(R(wait_ms(ep, 100))); put(EV(ev(0))); put(N(data_of(0)));
  line("epoll.oneshot.disabled"); put(R(wait_ms(ep, 0)));
  send(fds[1], "def", 3, 0);
  settle(50);
  line("epoll.oneshot.new_data_disabled"); put(R(wait_ms(ep, 0)));
  line("epoll.oneshot.add_again"); put(R(ctl(ep, EPOLL_CTL_ADD, fds[2], EPOLLIN, 32)));
  line("epoll.oneshot.rearm"); put(R(ctl(ep, EPOLL_CTL_MOD, fds[2], EPOLLIN | EPOLLONESHOT, 33))); put(R(wait_ms(ep, 100))); put(EV(ev(0))); put(N(data_of(0)));
  line("epoll.oneshot.disabled_again"); put(R(wait_ms(ep, 0)));
  line("epoll.oneshot.del_disabled"); put(R(ctl(ep, EPOLL_CTL_DEL, fds[2], 0, 0)));
  close(ep);
  drop_all(fds, 3);
}

// ---- closing, data, instances ----------------------------------------------------------
static void closing(void) {
  int fds[3];
  tcp_pair(fds);
  int ep = epoll_create1(0);
  send(fds[1], "abc", 3, 0);
  readable(fds[2], 1000);
  ctl(ep, EPOLL_CTL_ADD, fds[2], EPOLLIN, 41);
  line("epoll.close.before"); put(R(wait_ms(ep, 100)));
  // A duplicate keeps the open file alive: the interest stays.
  int d = dup(fds[2]);
  close(fds[2]);
  fds[2] = -1;
  line("epoll.close.dup_alive"); put(R(wait_ms(ep, 100))); put(EV(ev(0))); put(N(data_of(0)));
  line("epoll.close.dup_del_dup"); put(R(ctl(ep, EPOLL_CTL_DEL, d, 0, 0)));
  close(d);
  line("epoll.close.last_reference"); put(R(wait_ms(ep, 0)));
  drop_all(fds, 3);
  // Closing the only descriptor removes the interest; the number can be registered again.
  tcp_pair(fds);
  send(fds[1], "abc", 3, 0);
  readable(fds[2], 1000);
  int s = fds[2];
  ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN, 42);
  close(s);
  fds[2] = -1;
  line("epoll.close.removed"); put(R(wait_ms(ep, 0)));
  int u = udp4();
  line("epoll.close.number_reused"); put(N(u == s)); put(R(ctl(ep, EPOLL_CTL_ADD, u, EPOLLOUT, 43)));
  line("epoll.close.reused_reports"); put(R(wait_ms(ep, 100))); put(EV(ev(0))); put(N(data_of(0)));
  close(u);
  close(ep);
  drop_all(fds, 3);
}

static void data_and_instances(void) {
  int fds[3];
  tcp_pair(fds);
  int ep = epoll_create1(0);
  ctl(ep, EPOLL_CTL_ADD, fds[1], EPOLLOUT, 0xfedcba9876543210ull);
  line("epoll.data.u64"); put(R(wait_ms(ep, 100))); put(N(data_of(0)));
  ctl(ep, EPOLL_CTL_MOD, fds[1], EPOLLOUT, 0x00000001ffffffffull);
  line("epoll.data.after_mod"); put(R(wait_ms(ep, 100))); put(N(data_of(0)));
  int ep2 = epoll_create1(0);
  ctl(ep2, EPOLL_CTL_ADD, fds[1], EPOLLOUT, 51);
  line("epoll.two.first"); put(R(wait_ms(ep, 100))); put(N(data_of(0)));
  line("epoll.two.second"); put(R(wait_ms(ep2, 100))); put(N(data_of(0)));
  ctl(ep, EPOLL_CTL_DEL, fds[1], 0, 0);
  line("epoll.two.after_del_first"); put(R(wait_ms(ep, 0)));
  line("epoll.two.after_del_second"); put(R(wait_ms(ep2, 100))); put(N(data_of(0)));
  int d = fds[1];
  close(fds[1]);
  fds[1] = -1;
  line("epoll.two.closed"); put(R(wait_ms(ep2, 0))); put(R(ctl(ep2, EPOLL_CTL_DEL, d, 0, 0)));
  close(ep2);
  close(ep);
  drop_all(fds, 3);
}

static void many_ready(void) {
  int fds[3];
  tcp_pair(fds);
  int a = udp4(), b = udp4(), c = udp4();
  int ep = epoll_create1(0);
  ctl(ep, EPOLL_CTL_ADD, a, EPOLLOUT, 1);
  ctl(ep, EPOLL_CTL_ADD, b, EPOLLOUT, 2);
  ctl(ep, EPOLL_CTL_ADD, c, EPOLLOUT, 4);
  ctl(ep, EPOLL_CTL_ADD, fds[0], EPOLLIN, 8);
  line("epoll.many.all"); put(R(wait_ms(ep, 100)));
  put(N(data_of(0) + data_of(1) + data_of(2) + data_of(3)));
  // Two at a time: the third is not starved.
  memset(EVS, 0, sizeof EVS);
  line("epoll.many.max2_first"); put(R(epoll_wait(ep, EVS, 2, 100)));
  long first = data_of(0) + data_of(1);
  memset(EVS, 0, sizeof EVS);
  line("epoll.many.max2_second"); put(R(epoll_wait(ep, EVS, 2, 100)));
  long second = data_of(0) + data_of(1);
  line("epoll.many.max2_all_seen"); put(N((first | second) == 7));
  memset(EVS, 0, sizeof EVS);
  line("epoll.many.max1"); put(R(epoll_wait(ep, EVS, 1, 100))); put(N(ev(1)));
  close(a); close(b); close(c); close(ep);
  drop_all(fds, 3);
}

static void nested(void) {
  int fds[3];
  tcp_pair(fds);
  send(fds[1], "abc", 3, 0);
  readable(fds[2], 1000);
  int inner = epoll_create1(0);
  ctl(inner, EPOLL_CTL_ADD, fds[2], EPOLLIN, 61);
  int outer = epoll_create1(0);
  line("epoll.nested.add"); put(R(ctl(outer, EPOLL_CTL_ADD, inner, EPOLLIN, 62)));
  line("epoll.nested.wait"); put(R(wait_ms(outer, 100))); put(EV(ev(0))); put(N(data_of(0)));
  struct pollfd p = { inner, POLLIN, 0 };
  line("epoll.nested.poll"); put(R(poll(&p, 1, 100))); put(P(p.revents));
  line("epoll.nested.loop"); put(R(ctl(inner, EPOLL_CTL_ADD, outer, EPOLLIN, 63)));
  close(outer); close(inner);
  drop_all(fds, 3);
}

GROUP(epoll,
  C(create), C(ctl_errors), C(wait_errors), C(tcp_states), C(tcp_connect_states), C(tcp_peer_states), C(udp_readiness),
  C(level_repeats), C(edge_triggered), C(edge_out), C(edge_timeout), C(oneshot), C(closing), C(data_and_instances),
  C(many_ready), C(nested));

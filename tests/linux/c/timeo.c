// timeo: SO_RCVTIMEO / SO_SNDTIMEO on every blocking call, a connect that stays
// in progress, a close that does not wait for the peer, and the descriptor limit
// (the runner runs every program with at most 1024 descriptors) (twin: ../as/timeo.ts).
#include "harness.h"

static int revents(int fd, int events) {
  struct pollfd p = { fd, events, 0 };
  return poll(&p, 1, 0) == 1 ? p.revents : 0;
}

static void timeo_recv(void) {
  int fds[3];
  tcp_pair(fds);
  set_timeout(fds[1], SO_RCVTIMEO, 100);
  long t0 = now_ms();
  line("timeo.recv.expires"); put(R(recv(fds[1], BUF, 10, 0)));
  put(TOOK(now_ms() - t0, 90, 2000));
  send(fds[2], "ab", 2, 0);
  readable(fds[1], 1000);
  t0 = now_ms();
  line("timeo.recv.waitall_partial"); put(R(recv(fds[1], BUF, 10, MSG_WAITALL)));
  put(TOOK(now_ms() - t0, 90, 2000));
  t0 = now_ms();
  line("timeo.recv.dontwait_ignores_it"); put(R(recv(fds[1], BUF, 10, MSG_DONTWAIT)));
  put(TOOK(now_ms() - t0, 0, 50));
  set_timeout(fds[0], SO_RCVTIMEO, 100);
  t0 = now_ms();
  line("timeo.accept.expires"); put(R(accept(fds[0], NULL, NULL)));
  put(TOOK(now_ms() - t0, 90, 2000));
  drop_all(fds, 3);
}

static void timeo_zero_means_none(void) {
  int c = outside("LATER 300 late");
  set_timeout(c, SO_RCVTIMEO, 100);
  set_timeout(c, SO_RCVTIMEO, 0);
  long t0 = now_ms();
  line("timeo.recv.zero_means_none"); put(R(recv(c, BUF, 10, 0)));
  put(TOOK(now_ms() - t0, 250, 5000));
  close(c);
}

static void timeo_send_and_close(void) {
  int c = outside("SINK");
  long filled = fill_send_buffer(c);
  line("timeo.send.filled"); put(N(filled > 0));
  set_timeout(c, SO_SNDTIMEO, 150);
  long t0 = now_ms();
  line("timeo.send.expires"); put(R(send(c, BUF, 1000, 0)));
  put(TOOK(now_ms() - t0, 140, 2000));
  line("timeo.send.poll_full"); put(P(revents(c, POLLOUT)));
  t0 = now_ms();
  line("timeo.close.prompt"); put(R(close(c)));
  put(TOOK(now_ms() - t0, 0, 100));
  int d = tcp4();
  line("timeo.close.descriptor_free"); put(N(d == c));
  close(d);
}

static void timeo_connect_in_progress(void) {
  int l = tcp4();
  bind(l, lo4(0), SIN);
  listen(l, 0);
  label(port_of(l), "L");
  // Linux queues one connection for a backlog of 0 and then drops SYNs: later connects stay in progress.
  int queued[3];
  for (int i = 0; i < 3; i++) {
    queued[i] = nb(tcp4());
    connect(queued[i], lo4(port_of(l)), SIN);
    writable(queued[i], 200);
  }
  int c = tcp4();
  set_timeout(c, SO_SNDTIMEO, 150);
  long t0 = now_ms();
  line("timeo.connect.expires"); put(R(connect(c, lo4(port_of(l)), SIN)));
  put(TOOK(now_ms() - t0, 140, 2000));
  line("timeo.connect.name"); put(LOCAL(c));
  line("timeo.connect.peer"); put(PEER(c));
  line("timeo.connect.so_error"); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
  line("timeo.connect.poll"); put(P(revents(c, POLLIN | POLLOUT)));
  t0 = now_ms();
  line("timeo.connect.again"); put(R(connect(c, lo4(port_of(l)), SIN)));
  put(TOOK(now_ms() - t0, 140, 2000));
  set_timeout(c, SO_RCVTIMEO, 120);
  t0 = now_ms();
  line("timeo.connecting.recv"); put(R(recv(c, BUF, 10, 0)));
  put(TOOK(now_ms() - t0, 110, 2000));
  t0 = now_ms();
  line("timeo.connecting.send"); put(R(send(c, "x", 1, 0)));
  put(TOOK(now_ms() - t0, 140, 2000));
  line("timeo.connecting.recv_dontwait"); put(R(recv(c, BUF, 10, MSG_DONTWAIT)));
  line("timeo.connecting.send_dontwait"); put(R(send(c, "x", 1, MSG_DONTWAIT)));
  close(c);
  for (int i = 0; i < 3; i++) close(queued[i]);
  close(l);
}

static void timeo_descriptor_limit(void) {
  static int fds[2048];
  int l = listener4();
  int c = connect4(port_of(l));
  // Not polled: a host that accepts ahead of the program (wasmtime) would take the connection before the limit.
  settle(50);
  int n = 0, err = 0;
  // Bound, so every host gives each one a descriptor of its own now.
  while (n < 2048) {
    int s = udp4();
    if (s < 0) {
      err = errno;
      break;
    }
    if (bind(s, lo4(0), SIN) < 0) {
      err = errno;
      close(s);
      break;
    }
    fds[n++] = s;
  }
  set_timeout(l, SO_RCVTIMEO, 500); // bounded, should a host lose the connection at the limit
  line("timeo.limit.socket"); put(E(err));
  int t = tcp4();
  line("timeo.limit.tcp_socket"); put(FD(t));
  int early = accept(l, NULL, NULL);
  line("timeo.limit.accept"); put(FD(early));
  if (t >= 0) close(t);
  if (early >= 0) close(early);
  close(fds[--n]);
  int a = accept(l, NULL, NULL);
  line("timeo.limit.accept_after_close"); put(FD(a));
  close(a);
  int s = udp4();
  line("timeo.limit.socket_after_close"); put(FD(s));
  close(s);
  while (n > 0) close(fds[--n]);
  close(c);
  close(l);
}

GROUP(timeo,
  C(timeo_recv), C(timeo_zero_means_none), C(timeo_send_and_close), C(timeo_connect_in_progress),
  C(timeo_descriptor_limit));

// timeo: SO_RCVTIMEO / SO_SNDTIMEO on every blocking call, a connect that stays
// in progress, a close that does not wait for the peer, and the descriptor limit
// (the runner runs every program with at most 1024 descriptors) (twin: ../c/timeo.c).
import {
  socket, bind, listen, accept, connect, send, recv, close, poll, pollfd, errno,
  SOL_SOCKET, SO_ERROR, SO_RCVTIMEO, SO_SNDTIMEO, MSG_DONTWAIT, MSG_WAITALL, POLLIN, POLLOUT,
} from "as-posix-sockets";
import {
  Case, C, line, put, R, N, E, P, FD, LOCAL, PEER, label, T, BUF, SIN,
  tcp4, udp4, nb, lo4, port_of, listener4, connect4, tcp_pair, drop_all, readable, writable, get_int,
  set_timeout, settle, fill_send_buffer, outside, now_ms, TOOK,
} from "./harness";

const PF = memory.data(8, 8);

function revents(fd: i32, events: i32): i32 {
  const p = changetype<pollfd>(PF);
  p.fd = fd;
  p.events = <i16>events;
  p.revents = 0;
  return poll(PF, 1, 0) == 1 ? <i32>p.revents : 0;
}

function timeo_recv(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  set_timeout(fds[1], SO_RCVTIMEO, 100);
  let t0 = now_ms();
  line("timeo.recv.expires"); put(R(recv(fds[1], BUF, 10, 0)));
  put(TOOK(now_ms() - t0, 90, 2000));
  send(fds[2], T("ab"), 2, 0);
  readable(fds[1], 1000);
  t0 = now_ms();
  line("timeo.recv.waitall_partial"); put(R(recv(fds[1], BUF, 10, MSG_WAITALL)));
  put(TOOK(now_ms() - t0, 90, 2000));
  t0 = now_ms();
  line("timeo.recv.dontwait_ignores_it"); put(R(recv(fds[1], BUF, 10, MSG_DONTWAIT)));
  put(TOOK(now_ms() - t0, 0, 50));
  set_timeout(fds[0], SO_RCVTIMEO, 100);
  t0 = now_ms();
  line("timeo.accept.expires"); put(R(accept(fds[0], 0, 0)));
  put(TOOK(now_ms() - t0, 90, 2000));
  drop_all(fds, 3);
}

function timeo_zero_means_none(): void {
  const c = outside("LATER 300 late");
  set_timeout(c, SO_RCVTIMEO, 100);
  set_timeout(c, SO_RCVTIMEO, 0);
  const t0 = now_ms();
  line("timeo.recv.zero_means_none"); put(R(recv(c, BUF, 10, 0)));
  put(TOOK(now_ms() - t0, 250, 5000));
  close(c);
}

function timeo_send_and_close(): void {
  const c = outside("SINK");
  const filled = fill_send_buffer(c);
  line("timeo.send.filled"); put(N(<i32>(filled > 0)));
  set_timeout(c, SO_SNDTIMEO, 150);
  let t0 = now_ms();
  line("timeo.send.expires"); put(R(send(c, BUF, 1000, 0)));
  put(TOOK(now_ms() - t0, 140, 2000));
  line("timeo.send.poll_full"); put(P(revents(c, POLLOUT)));
  t0 = now_ms();
  line("timeo.close.prompt"); put(R(close(c)));
  put(TOOK(now_ms() - t0, 0, 100));
  const d = tcp4();
  line("timeo.close.descriptor_free"); put(N(<i32>(d == c)));
  close(d);
}

function timeo_connect_in_progress(): void {
  const l = tcp4();
  bind(l, lo4(0), SIN);
  listen(l, 0);
  label(port_of(l), "L");
  // Linux queues one connection for a backlog of 0 and then drops SYNs: later connects stay in progress.
  const queued = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    queued[i] = nb(tcp4());
    connect(queued[i], lo4(port_of(l)), SIN);
    writable(queued[i], 200);
  }
  const c = tcp4();
  set_timeout(c, SO_SNDTIMEO, 150);
  let t0 = now_ms();
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
  line("timeo.connecting.send"); put(R(send(c, T("x"), 1, 0)));
  put(TOOK(now_ms() - t0, 140, 2000));
  line("timeo.connecting.recv_dontwait"); put(R(recv(c, BUF, 10, MSG_DONTWAIT)));
  line("timeo.connecting.send_dontwait"); put(R(send(c, T("x"), 1, MSG_DONTWAIT)));
  close(c);
  for (let i = 0; i < 3; i++) close(queued[i]);
  close(l);
}

const LIMIT_FDS: i32[] = new Array<i32>(2048);

function timeo_descriptor_limit(): void {
  const fds = LIMIT_FDS;
  const l = listener4();
  const c = connect4(port_of(l));
  // Not polled: a host that accepts ahead of the program (wasmtime) would take the connection before the limit.
  settle(50);
  let n = 0, err = 0;
  // Bound, so every host gives each one a descriptor of its own now.
  while (n < 2048) {
    const s = udp4();
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
  const t = tcp4();
  line("timeo.limit.tcp_socket"); put(FD(t));
  const early = accept(l, 0, 0);
  line("timeo.limit.accept"); put(FD(early));
  if (t >= 0) close(t);
  if (early >= 0) close(early);
  close(fds[--n]);
  const a = accept(l, 0, 0);
  line("timeo.limit.accept_after_close"); put(FD(a));
  close(a);
  const s = udp4();
  line("timeo.limit.socket_after_close"); put(FD(s));
  close(s);
  while (n > 0) close(fds[--n]);
  close(c);
  close(l);
}

export const CASES: Case[] = [
  C("timeo_recv", timeo_recv), C("timeo_zero_means_none", timeo_zero_means_none),
  C("timeo_send_and_close", timeo_send_and_close), C("timeo_connect_in_progress", timeo_connect_in_progress),
  C("timeo_descriptor_limit", timeo_descriptor_limit),
];

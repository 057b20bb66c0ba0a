// poll and select: the readiness of TCP and UDP sockets in every state, the special descriptors, the counts, the
// timeouts and the argument errors (twin: ../c/poll.c).
import {
  socket, bind, listen, accept, connect, send, sendto, recv, close, shutdown, poll, select, pollfd, timeval,
  FD_ZERO, FD_SET, FD_ISSET,
  SOL_SOCKET, SO_ERROR, SHUT_RD, SHUT_WR, SHUT_RDWR, MSG_DONTWAIT, MSG_NOSIGNAL,
  POLLIN, POLLOUT, POLLRDHUP,
} from "as-posix-sockets";
import {
  Case, C, line, put, R, N, E, P, S, T, BUF, SIN,
  tcp4, udp4, nb, lo4, port_of, listener4, connect4, accept_one, closed_port, bound_udp4, tcp_pair, drop_all,
  drain_accept, readable, writable, get_int, settle, fill_send_buffer, reset_connection, now_ms,
} from "./harness";

// ---- helpers of this group -----------------------------------------------------------
const PF: usize = memory.data(8 * 8, 8);

function pset(i: i32, fd: i32, events: i32): void {
  const p = changetype<pollfd>(PF + <usize>i * 8);
  p.fd = fd;
  p.events = <i16>events;
  p.revents = 0;
}

function pget(i: i32): i32 { return <i32>changetype<pollfd>(PF + <usize>i * 8).revents; }

// One fd's revents for `events`, after a poll bounded by 100 ms (ready states answer at once).
function rev(fd: i32, events: i32): i32 {
  pset(0, fd, events);
  poll(PF, 1, 100);
  return pget(0);
}

// A non-blocking connect kept in progress: the listener's accept queue (backlog 1) is full of finished connections,
// so the kernel drops the next SYN. `queued` receives the clients that did connect; the count is queued.length.
function stuck_connect(port: i32, queued: i32[]): i32 {
  for (let i = 0; i < 6; i++) {
    const c = nb(tcp4());
    connect(c, lo4(port), SIN);
    if (!writable(c, 200)) return c;
    queued.push(c);
  }
  return -1;
}

const RS: usize = memory.data(4 + 4 * 1024, 8);
const WS: usize = memory.data(4 + 4 * 1024, 8);
const XS: usize = memory.data(4 + 4 * 1024, 8);
const TV = changetype<timeval>(memory.data(16, 8));

// select on one fd in all three sets, timeout 100 ms: "r w x count" by name ("-" for a set it is not in).
function sel(fd: i32): string {
  FD_ZERO(RS); FD_ZERO(WS); FD_ZERO(XS);
  FD_SET(fd, RS); FD_SET(fd, WS); FD_SET(fd, XS);
  TV.tv_sec = 0;
  TV.tv_usec = 100000;
  const n = select(fd + 1, RS, WS, XS, changetype<usize>(TV));
  const s = (FD_ISSET(fd, RS) ? "readable" : "-") + "/" + (FD_ISSET(fd, WS) ? "writable" : "-") + "/"
    + (FD_ISSET(fd, XS) ? "except" : "-") + "/" + R(n);
  return S(s);
}

// ---- TCP -----------------------------------------------------------------------------
function tcp_unconnected(): void {
  const s = tcp4();
  line("poll.tcp.unbound"); put(P(rev(s, POLLIN | POLLOUT)));
  line("poll.tcp.unbound_rdhup"); put(P(rev(s, POLLIN | POLLOUT | POLLRDHUP)));
  line("poll.tcp.unbound_events0"); put(P(rev(s, 0)));
  bind(s, lo4(0), SIN);
  line("poll.tcp.bound"); put(P(rev(s, POLLIN | POLLOUT)));
  line("poll.tcp.bound_in_only"); put(P(rev(s, POLLIN)));
  close(s);
}

function tcp_listening(): void {
  const l = listener4();
  pset(0, l, POLLIN | POLLOUT);
  line("poll.listen.idle"); put(R(poll(PF, 1, 50))); put(P(pget(0)));
  const c = connect4(port_of(l));
  readable(l, 1000);
  pset(0, l, POLLIN | POLLOUT);
  line("poll.listen.connection_waiting"); put(R(poll(PF, 1, 0))); put(P(pget(0)));
  line("poll.listen.waiting_rdhup"); put(P(rev(l, POLLIN | POLLOUT | POLLRDHUP)));
  const a = accept(l, 0, 0);
  line("poll.listen.after_accept"); put(P(rev(l, POLLIN | POLLOUT)));
  close(a); close(c); close(l);
}

function tcp_connecting(): void {
  let l = tcp4();
  bind(l, lo4(0), SIN);
  listen(l, 1);
  const queued: i32[] = [];
  let c = stuck_connect(port_of(l), queued);
  line("poll.connecting.stuck"); put(N(<i32>(c >= 0)));
  // Without a connect in progress the answers below would be about fd -1: say so instead.
  const none = "no_connect_in_progress";
  line("poll.connecting.in_progress"); put(c >= 0 ? P(rev(c, POLLIN | POLLOUT)) : none);
  line("poll.connecting.in_progress_rdhup"); put(c >= 0 ? P(rev(c, POLLIN | POLLOUT | POLLRDHUP)) : none);
  line("poll.connecting.in_progress_events0"); put(c >= 0 ? P(rev(c, 0)) : none);
  line("poll.connecting.select"); put(c >= 0 ? sel(c) : none);
  // Room in the queue: the SYN the kernel retransmits (after ~1 s) is answered.
  let a = accept(l, 0, 0);
  writable(c, 3000);
  line("poll.connecting.completed"); put(c >= 0 ? P(rev(c, POLLIN | POLLOUT)) : none);
  line("poll.connecting.completed_so_error"); put(c >= 0 ? E(get_int(c, SOL_SOCKET, SO_ERROR)) : none);
  close(c); close(a);
  drop_all(queued, queued.length);
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

function tcp_refused(): void {
  const c = nb(tcp4());
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

function tcp_connected(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  line("poll.connected.idle"); put(P(rev(fds[1], POLLIN | POLLOUT)));
  line("poll.connected.idle_rdhup"); put(P(rev(fds[1], POLLIN | POLLOUT | POLLRDHUP)));
  pset(0, fds[1], POLLIN);
  line("poll.connected.idle_in_only"); put(R(poll(PF, 1, 50))); put(P(pget(0)));
  line("poll.connected.idle_events0"); put(P(rev(fds[1], 0)));
  line("poll.connected.idle_select"); put(sel(fds[1]));
  send(fds[1], T("abc"), 3, 0);
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

function tcp_send_full(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  line("poll.full.filled"); put(N(<i32>(fill_send_buffer(fds[1]) > 0)));
  line("poll.full.out"); put(P(rev(fds[1], POLLOUT)));
  line("poll.full.in_out"); put(P(rev(fds[1], POLLIN | POLLOUT)));
  line("poll.full.select"); put(sel(fds[1]));
  readable(fds[2], 1000);
  line("poll.full.peer"); put(P(rev(fds[2], POLLIN | POLLOUT)));
  // The peer reads everything: room again.
  nb(fds[2]);
  let got: isize = 0;
  for (let idle = 0; idle < 3;) {
    const k = recv(fds[2], BUF, 131072, 0);
    if (k > 0) { got += k; idle = 0; continue; }
    idle++;
    readable(fds[2], 50);
  }
  line("poll.full.drained"); put(N(<i32>(got > 0))); put(N(<i32>writable(fds[1], 2000)));
  line("poll.full.room_again"); put(P(rev(fds[1], POLLIN | POLLOUT)));
  drop_all(fds, 3);
}

function tcp_peer_shut_wr(): void {
  const fds = [0, 0, 0];
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

function tcp_peer_close(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  close(fds[2]);
  fds[2] = -1;
  readable(fds[1], 1000);
  line("poll.peer_close.revents"); put(P(rev(fds[1], POLLIN | POLLOUT | POLLRDHUP)));
  line("poll.peer_close.select"); put(sel(fds[1]));
  // Writing to a peer that closed: it answers with a reset.
  send(fds[1], T("abc"), 3, MSG_NOSIGNAL);
  settle(50);
  line("poll.peer_close.after_send"); put(P(rev(fds[1], POLLIN | POLLOUT | POLLRDHUP)));
  drop_all(fds, 3);
}

function tcp_peer_reset(): void {
  const fds = [0, 0, 0];
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

function tcp_local_shutdown(): void {
  const fds = [0, 0, 0];
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
function udp_states(): void {
  const u = udp4();
  line("poll.udp.unbound"); put(P(rev(u, POLLIN | POLLOUT)));
  line("poll.udp.unbound_select"); put(sel(u));
  bind(u, lo4(0), SIN);
  line("poll.udp.bound"); put(P(rev(u, POLLIN | POLLOUT)));
  pset(0, u, POLLIN);
  line("poll.udp.bound_in_only"); put(R(poll(PF, 1, 50))); put(P(pget(0)));
  const v = bound_udp4();
  sendto(v, T("hi"), 2, 0, lo4(port_of(u)), SIN);
  readable(u, 1000);
  line("poll.udp.datagram"); put(P(rev(u, POLLIN | POLLOUT)));
  line("poll.udp.datagram_select"); put(sel(u));
  line("poll.udp.read"); put(R(recv(u, BUF, 10, 0)));
  line("poll.udp.after_read"); put(P(rev(u, POLLIN | POLLOUT)));
  close(v); close(u);
}

function udp_refused(): void {
  const u = bound_udp4();
  connect(u, lo4(closed_port()), SIN);
  line("poll.udp_refused.before"); put(P(rev(u, POLLIN | POLLOUT)));
  send(u, T("x"), 1, 0);
  settle(50);
  line("poll.udp_refused.revents"); put(P(rev(u, POLLIN | POLLOUT)));
  line("poll.udp_refused.select"); put(sel(u));
  line("poll.udp_refused.recv"); put(R(recv(u, BUF, 10, MSG_DONTWAIT)));
  line("poll.udp_refused.after_recv"); put(P(rev(u, POLLIN | POLLOUT)));
  close(u);
}

// ---- descriptors, counts, arguments --------------------------------------------------
function special_fds(): void {
  const s = tcp4();
  close(s);
  line("poll.fd.closed"); put(P(rev(s, POLLIN | POLLOUT)));
  line("poll.fd.closed_events0"); put(P(rev(s, 0)));
  pset(0, s, POLLIN);
  line("poll.fd.closed_count"); put(R(poll(PF, 1, 0)));
  pset(0, -1, POLLIN | POLLOUT);
  changetype<pollfd>(PF).revents = POLLIN;
  line("poll.fd.minus_one"); put(R(poll(PF, 1, 0))); put(P(pget(0)));
  pset(0, -7, POLLIN | POLLOUT);
  line("poll.fd.negative"); put(R(poll(PF, 1, 0))); put(P(pget(0)));
  line("poll.fd.bad_fd"); put(P(rev(999, POLLIN)));
}

function counts(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  const u = udp4();
  const gone = tcp4();
  close(gone);
  send(fds[1], T("abc"), 3, 0);
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

// (C makes these volatile, so the compiler does not refuse the calls that are meant to fail.)
const HUGE_NFDS: u32 = 1 << 30;
const NO_FDS: usize = 0;

function timeouts(): void {
  const l = listener4();
  pset(0, l, POLLIN);
  let t0 = now_ms();
  line("poll.timeout.expired"); put(R(poll(PF, 1, 50)));
  let t1 = now_ms();
  put(N(<i32>(t1 - t0 >= 45))); put(N(<i32>(t1 - t0 < 1000)));
  t0 = now_ms();
  line("poll.timeout.nfds0"); put(R(poll(0, 0, 50)));
  t1 = now_ms();
  put(N(<i32>(t1 - t0 >= 45))); put(N(<i32>(t1 - t0 < 1000)));
  t0 = now_ms();
  line("poll.timeout.zero"); put(R(poll(PF, 1, 0)));
  t1 = now_ms();
  put(N(<i32>(t1 - t0 < 40)));
  line("poll.args.nfds_huge"); put(R(poll(PF, HUGE_NFDS, 0)));
  line("poll.args.null_fds"); put(R(poll(NO_FDS, 1, 0)));
  close(l);
}

// ---- select --------------------------------------------------------------------------
function select_states(): void {
  const s = tcp4();
  line("select.tcp.unbound"); put(sel(s));
  close(s);
  const l = listener4();
  line("select.listen.idle"); put(sel(l));
  const c = connect4(port_of(l));
  readable(l, 1000);
  line("select.listen.connection_waiting"); put(sel(l));
  close(c);
  drain_accept(l, -1);
  close(l);
  const u = bound_udp4();
  line("select.udp.bound"); put(sel(u));
  close(u);
}

function select_sets(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  send(fds[1], T("abc"), 3, 0);
  readable(fds[2], 1000);
  // readfds: the listener (not ready), the server (data); writefds: both connected ends.
  FD_ZERO(RS); FD_ZERO(WS); FD_ZERO(XS);
  FD_SET(fds[0], RS); FD_SET(fds[2], RS);
  FD_SET(fds[1], WS); FD_SET(fds[2], WS);
  FD_SET(fds[1], XS);
  const nfds = fds[2] + 1;
  TV.tv_sec = 1;
  TV.tv_usec = 0;
  const tv = changetype<usize>(TV);
  line("select.sets.count"); put(R(select(nfds, RS, WS, XS, tv)));
  line("select.sets.read"); put(N(<i32>FD_ISSET(fds[0], RS))); put(N(<i32>FD_ISSET(fds[2], RS))); put(N(<i32>FD_ISSET(fds[1], RS)));
  line("select.sets.write"); put(N(<i32>FD_ISSET(fds[1], WS))); put(N(<i32>FD_ISSET(fds[2], WS))); put(N(<i32>FD_ISSET(fds[0], WS)));
  line("select.sets.except"); put(N(<i32>FD_ISSET(fds[1], XS)));
  line("select.sets.time_left"); put(N(<i32>((TV.tv_sec == 0 && TV.tv_usec > 500000) || TV.tv_sec == 1)));
  // Descriptors at or above nfds are not looked at.
  FD_ZERO(RS);
  FD_SET(fds[2], RS);
  TV.tv_sec = 0;
  TV.tv_usec = 0;
  line("select.sets.fd_beyond_nfds"); put(R(select(fds[2], RS, 0, 0, tv))); put(N(<i32>FD_ISSET(fds[2], RS)));
  // Null sets, no descriptors: a sleep.
  TV.tv_sec = 0;
  TV.tv_usec = 50000;
  const t0 = now_ms();
  line("select.sleep"); put(R(select(0, 0, 0, 0, tv)));
  const t1 = now_ms();
  put(N(<i32>(t1 - t0 >= 45))); put(N(TV.tv_sec)); put(N(TV.tv_usec));
  // Expiry writes the time left back: exactly zero.
  FD_ZERO(RS);
  FD_SET(fds[0], RS);
  TV.tv_sec = 0;
  TV.tv_usec = 50000;
  line("select.timeout.expired"); put(R(select(fds[0] + 1, RS, 0, 0, tv))); put(N(<i32>FD_ISSET(fds[0], RS)));
  put(N(TV.tv_sec)); put(N(TV.tv_usec));
  FD_ZERO(RS);
  FD_SET(fds[2], RS);
  line("select.timeout.null_ready"); put(R(select(fds[2] + 1, RS, 0, 0, 0))); put(N(<i32>FD_ISSET(fds[2], RS)));
  drop_all(fds, 3);
}

function select_errors(): void {
  const s = tcp4();
  const gone = tcp4();
  close(gone);
  FD_ZERO(RS);
  FD_SET(s, RS);
  FD_SET(gone, RS);
  TV.tv_sec = 0;
  TV.tv_usec = 0;
  const tv = changetype<usize>(TV);
  const nfds = (s > gone ? s : gone) + 1;
  line("select.err.closed_fd"); put(R(select(nfds, RS, 0, 0, tv))); put(N(<i32>FD_ISSET(s, RS))); put(N(<i32>FD_ISSET(gone, RS)));
  FD_ZERO(WS);
  FD_SET(gone, WS);
  line("select.err.closed_fd_writefds"); put(R(select(nfds, 0, WS, 0, tv)));
  FD_ZERO(XS);
  FD_SET(gone, XS);
  line("select.err.closed_fd_exceptfds"); put(R(select(nfds, 0, 0, XS, tv)));
  FD_ZERO(RS);
  FD_SET(gone, RS);
  line("select.err.closed_fd_beyond_nfds"); put(R(select(gone, RS, 0, 0, tv)));
  FD_ZERO(RS);
  FD_SET(s, RS);
  line("select.err.nfds_negative"); put(R(select(-1, RS, 0, 0, tv)));
  TV.tv_sec = 0;
  TV.tv_usec = 2000000;
  line("select.err.usec_too_big"); put(R(select(s + 1, RS, 0, 0, tv)));
  TV.tv_sec = -1;
  TV.tv_usec = 0;
  line("select.err.sec_negative"); put(R(select(s + 1, RS, 0, 0, tv)));
  close(s);
}

export const CASES: Case[] = [
  C("tcp_unconnected", tcp_unconnected), C("tcp_listening", tcp_listening), C("tcp_connecting", tcp_connecting),
  C("tcp_refused", tcp_refused), C("tcp_connected", tcp_connected), C("tcp_send_full", tcp_send_full),
  C("tcp_peer_shut_wr", tcp_peer_shut_wr), C("tcp_peer_close", tcp_peer_close), C("tcp_peer_reset", tcp_peer_reset),
  C("tcp_local_shutdown", tcp_local_shutdown), C("udp_states", udp_states), C("udp_refused", udp_refused),
  C("special_fds", special_fds), C("counts", counts), C("timeouts", timeouts), C("select_states", select_states),
  C("select_sets", select_sets), C("select_errors", select_errors),
];

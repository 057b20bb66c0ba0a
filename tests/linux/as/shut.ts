// shut: shutdown(2) on TCP sockets in every state and on UDP sockets; after
// each, what this socket and its peer answer (twin: ../c/shut.c).
import {
  bind, listen, accept, connect, send, sendto, recv, close, shutdown, poll, dup, pollfd,
  SOL_SOCKET, SO_ERROR, SO_ACCEPTCONN, SO_RCVTIMEO, SHUT_RD, SHUT_WR, SHUT_RDWR, MSG_DONTWAIT, MSG_NOSIGNAL,
  POLLIN, POLLOUT, POLLRDHUP,
} from "as-posix-sockets";
import {
  Case, C, line, put, R, N, E, P, FD, BYTES, LOCAL, PEER, label, T, BUF, SIN,
  tcp4, udp4, nb, lo4, port_of, listener4, connect4, accept_one, closed_port, bound_udp4, tcp_pair, drop_all,
  drain_accept, readable, writable, get_int, settle, set_timeout, reset_connection,
} from "./harness";

const HOW_NAMES: string[] = ["rd", "wr", "rdwr"];
const HOWS: i32[] = [SHUT_RD, SHUT_WR, SHUT_RDWR];

// An answer's name from two parts: "shut.<a>.<b>".
function at(a: string, b: string): string {
  return "shut." + a + "." + b;
}

// "<state>.<how>", the prefix of one shutdown's answers.
function with_how(state: string, i: i32): string {
  return state + "." + HOW_NAMES[i];
}

const PFD: usize = memory.data(8, 8);

// poll's revents for IN|OUT|RDHUP, without waiting.
function revents(fd: i32): i32 {
  const p = changetype<pollfd>(PFD);
  p.fd = fd;
  p.events = POLLIN | POLLOUT | POLLRDHUP;
  p.revents = 0;
  poll(PFD, 1, 0);
  return p.revents;
}

// A non-blocking recv of up to 10 bytes: the count (or error) and the bytes.
function recv_answer(fd: i32): void {
  const n = recv(fd, BUF, 10, MSG_DONTWAIT);
  put(R(n));
  if (n > 0) put(BYTES(BUF, <i32>n));
}

// What a socket answers now: poll, getpeername, a non-blocking recv, a non-blocking send of one byte.
function probe(prefix: string, fd: i32): void {
  const p = prefix;
  line(at(p, "poll")); put(P(revents(fd)));
  line(at(p, "peer_name")); put(PEER(fd));
  line(at(p, "recv")); recv_answer(fd);
  line(at(p, "send")); put(R(send(fd, T("x"), 1, MSG_DONTWAIT | MSG_NOSIGNAL)));
}

function shut_arguments(): void {
  const s = tcp4();
  line("shut.how.bad_unbound"); put(R(shutdown(s, 99))); put(R(shutdown(s, -1))); put(R(shutdown(s, 4)));
  close(s);
  const fds = [0, 0, 0];
  tcp_pair(fds);
  line("shut.how.bad_connected"); put(R(shutdown(fds[1], 99))); put(R(shutdown(fds[1], -1)));
  line("shut.how.bad_connected_intact"); put(R(send(fds[1], T("ok"), 2, 0)));
  readable(fds[2], 1000);
  line("shut.how.bad_connected_arrives"); recv_answer(fds[2]);
  drop_all(fds, 3);
  const l = listener4();
  line("shut.how.bad_listening"); put(R(shutdown(l, 99)));
  close(l);
  const u = udp4();
  line("shut.how.bad_udp"); put(R(shutdown(u, 99)));
  close(u);
  line("shut.fd.closed"); put(R(shutdown(u, SHUT_RDWR)));
  line("shut.fd.closed_bad_how"); put(R(shutdown(u, 99)));
  line("shut.fd.bad"); put(R(shutdown(999, SHUT_RD)));
  line("shut.fd.negative"); put(R(shutdown(-1, SHUT_WR)));
}

function shut_unconnected(): void {
  for (let i = 0; i < 3; i++) {
    const s = tcp4();
    line(at(with_how("unbound", i), "result")); put(R(shutdown(s, HOWS[i])));
    probe(with_how("unbound", i), s);
    close(s);
  }
  for (let i = 0; i < 3; i++) {
    const s = tcp4();
    bind(s, lo4(0), SIN);
    label(port_of(s), "B");
    line(at(with_how("bound", i), "result")); put(R(shutdown(s, HOWS[i])));
    line(at(with_how("bound", i), "name")); put(LOCAL(s));
    line(at(with_how("bound", i), "poll")); put(P(revents(s)));
    close(s);
  }
  const l = listener4();
  label(port_of(l), "L");
  const s = tcp4();
  shutdown(s, SHUT_WR);
  line("shut.unbound.wr.then_connect"); put(R(connect(s, lo4(port_of(l)), SIN)));
  const a = accept_one(l);
  line("shut.unbound.wr.then_send"); put(R(send(s, T("x"), 1, MSG_DONTWAIT | MSG_NOSIGNAL)));
  line("shut.unbound.wr.then_poll"); put(P(revents(s)));
  close(s);
  drain_accept(l, a);
  close(l);
}

function shut_listening(): void {
  let l = nb(listener4());
  label(port_of(l), "L");
  let c = connect4(port_of(l));
  label(port_of(c), "C");
  line("shut.listening.wr.result"); put(R(shutdown(l, SHUT_WR)));
  readable(l, 1000);
  line("shut.listening.wr.poll"); put(P(revents(l)));
  line("shut.listening.wr.name"); put(LOCAL(l));
  let a = accept(l, 0, 0);
  line("shut.listening.wr.accept"); put(FD(a));
  line("shut.listening.wr.accepted_peer"); put(PEER(a));
  if (a >= 0) close(a);
  close(c);
  close(l);
  for (let i = 0; i < 3; i += 2) {
    l = nb(listener4());
    label(port_of(l), "L");
    c = connect4(port_of(l));
    readable(l, 1000);
    const p = with_how("listening", i);
    line(at(p, "result")); put(R(shutdown(l, HOWS[i])));
    settle(50);
    line(at(p, "poll")); put(P(revents(l)));
    line(at(p, "name")); put(LOCAL(l));
    line(at(p, "acceptconn")); put(N(get_int(l, SOL_SOCKET, SO_ACCEPTCONN)));
    a = accept(l, 0, 0);
    line(at(p, "accept")); put(FD(a));
    if (a >= 0) close(a);
    readable(c, 300);
    line(at(p, "queued_client_recv")); recv_answer(c);
    close(c);
    line(at(p, "listen_again")); put(R(listen(l, 4)));
    close(l);
  }
}

function shut_connecting(): void {
  const l = tcp4();
  bind(l, lo4(0), SIN);
  listen(l, 0);
  label(port_of(l), "L");
  const cs = new Array<i32>(8);
  for (let i = 0; i < 8; i++) {
    cs[i] = nb(tcp4());
    connect(cs[i], lo4(port_of(l)), SIN);
  }
  // A look at each makes sure every connect has started (a host may start it lazily).
  for (let i = 0; i < 8; i++) writable(cs[i], 0);
  settle(100);
  // The accept queue holds one connection (backlog 0) or two (backlog 1): the last ones wait for a SYN-ACK.
  line("shut.connecting.bad_how"); put(N(<i32>writable(cs[4], 0))); put(R(shutdown(cs[4], 99)));
  for (let i = 0; i < 3; i++) {
    const c = cs[5 + i];
    const p = with_how("connecting", i);
    line(at(p, "in_progress")); put(N(<i32>writable(c, 0))); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
    line(at(p, "result")); put(R(shutdown(c, HOWS[i])));
    settle(20);
    line(at(with_how("connecting", i), "poll")); put(P(revents(c)));
  }
  // After any of the three: the rest of what the socket answers (here after SHUT_RDWR).
  line("shut.connecting.peer_name"); put(PEER(cs[7]));
  line("shut.connecting.recv"); recv_answer(cs[7]);
  line("shut.connecting.recv_again"); recv_answer(cs[7]);
  line("shut.connecting.send"); put(R(send(cs[7], T("x"), 1, MSG_DONTWAIT | MSG_NOSIGNAL)));
  line("shut.connecting.so_error"); put(E(get_int(cs[6], SOL_SOCKET, SO_ERROR)));
  line("shut.connecting.so_error_again"); put(E(get_int(cs[6], SOL_SOCKET, SO_ERROR)));
  line("shut.connecting.name"); put(LOCAL(cs[7]));
  line("shut.connecting.connect_again"); put(R(connect(cs[5], lo4(port_of(l)), SIN)));
  for (let i = 0; i < 8; i++) close(cs[i]);
  close(l);
}

function shut_write(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  label(port_of(fds[0]), "L");
  send(fds[1], T("abc"), 3, 0);
  line("shut.wr.result"); put(R(shutdown(fds[1], SHUT_WR)));
  settle(50);
  probe("wr", fds[1]);
  readable(fds[2], 1000);
  line("shut.wr.peer_recv_data"); recv_answer(fds[2]);
  readable(fds[2], 1000); // a host may send the FIN a moment after the data (wasmtime: once the write is done)
  line("shut.wr.peer_recv_eof"); recv_answer(fds[2]);
  line("shut.wr.peer_poll"); put(P(revents(fds[2])));
  line("shut.wr.peer_send"); put(R(send(fds[2], T("srv"), 3, 0)));
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

function shut_read(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  label(port_of(fds[0]), "L");
  send(fds[2], T("pre"), 3, 0);
  readable(fds[1], 1000);
  line("shut.rd.result"); put(R(shutdown(fds[1], SHUT_RD)));
  probe("rd", fds[1]);
  line("shut.rd.recv_after"); recv_answer(fds[1]);
  set_timeout(fds[1], SO_RCVTIMEO, 500);
  line("shut.rd.blocking_recv"); put(R(recv(fds[1], BUF, 10, 0)));
  readable(fds[2], 1000);
  line("shut.rd.peer_recv"); recv_answer(fds[2]);
  line("shut.rd.peer_no_eof"); put(N(<i32>readable(fds[2], 200)));
  line("shut.rd.peer_poll"); put(P(revents(fds[2])));
  line("shut.rd.send_data"); put(R(send(fds[1], T("up"), 2, 0)));
  readable(fds[2], 1000);
  line("shut.rd.send_arrives"); recv_answer(fds[2]);
  line("shut.rd.peer_send"); put(R(send(fds[2], T("post"), 4, 0)));
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

function shut_both(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  label(port_of(fds[0]), "L");
  send(fds[1], T("abc"), 3, 0);
  line("shut.rdwr.result"); put(R(shutdown(fds[1], SHUT_RDWR)));
  settle(50);
  probe("rdwr", fds[1]);
  readable(fds[2], 1000);
  line("shut.rdwr.peer_recv_data"); recv_answer(fds[2]);
  readable(fds[2], 1000); // a host may send the FIN a moment after the data (wasmtime: once the write is done)
  line("shut.rdwr.peer_recv_eof"); recv_answer(fds[2]);
  line("shut.rdwr.peer_poll"); put(P(revents(fds[2])));
  line("shut.rdwr.peer_send"); put(R(send(fds[2], T("late"), 4, 0)));
  settle(50);
  line("shut.rdwr.after_late_poll"); put(P(revents(fds[1])));
  line("shut.rdwr.after_late_recv"); recv_answer(fds[1]);
  line("shut.rdwr.peer_after_late_poll"); put(P(revents(fds[2])));
  line("shut.rdwr.peer_after_late_recv"); recv_answer(fds[2]);
  line("shut.rdwr.again"); put(R(shutdown(fds[1], SHUT_RDWR)));
  drop_all(fds, 3);
}

function shut_twice(): void {
  const fds = [0, 0, 0];
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

function shut_peer_closed(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  label(port_of(fds[0]), "L");
  line("shut.peer_fin.peer_result"); put(R(shutdown(fds[2], SHUT_WR)));
  readable(fds[1], 1000);
  line("shut.peer_fin.recv"); recv_answer(fds[1]);
  line("shut.peer_fin.poll"); put(P(revents(fds[1])));
  line("shut.peer_fin.send"); put(R(send(fds[1], T("last"), 4, 0)));
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
  for (let i = 0; i < 3; i++) {
    tcp_pair(fds);
    label(port_of(fds[0]), "L");
    close(fds[2]);
    fds[2] = -1;
    readable(fds[1], 1000);
    const p = with_how("peer_closed", i);
    line(at(p, "eof")); recv_answer(fds[1]);
    line(at(with_how("peer_closed", i), "result")); put(R(shutdown(fds[1], HOWS[i])));
    settle(50);
    probe(with_how("peer_closed", i), fds[1]);
    drop_all(fds, 3);
  }
}

function shut_reset(): void {
  for (let i = 0; i < 3; i++) {
    const c = reset_connection();
    line(at(with_how("reset", i), "result")); put(R(shutdown(c, HOWS[i])));
    probe(with_how("reset", i), c);
    line(at(with_how("reset", i), "so_error")); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
    close(c);
  }
}

function shut_failed_connect(): void {
  let c = tcp4();
  line("shut.refused.connect"); put(R(connect(c, lo4(closed_port()), SIN)));
  for (let i = 0; i < 3; i++) {
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

function shut_dup(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  const d = dup(fds[1]);
  line("shut.dup.wr_through_dup"); put(R(shutdown(d, SHUT_WR)));
  line("shut.dup.original_send"); put(R(send(fds[1], T("x"), 1, MSG_NOSIGNAL)));
  readable(fds[2], 1000);
  line("shut.dup.peer_eof"); recv_answer(fds[2]);
  close(d);
  line("shut.dup.original_poll"); put(P(revents(fds[1])));
  line("shut.dup.original_again"); put(R(shutdown(fds[1], SHUT_RD)));
  drop_all(fds, 3);
}

function shut_udp(): void {
  let u = udp4();
  for (let i = 0; i < 3; i++) {
    line(at(with_how("udp.unbound", i), "result")); put(R(shutdown(u, HOWS[i])));
  }
  close(u);
  u = bound_udp4();
  const v = bound_udp4();
  line("shut.udp.bound.rd.result"); put(R(shutdown(u, SHUT_RD)));
  line("shut.udp.bound.rd.poll"); put(P(revents(u)));
  sendto(v, T("d0"), 2, 0, lo4(port_of(u)), SIN);
  readable(u, 1000);
  line("shut.udp.bound.rd.recv"); recv_answer(u);
  close(u); close(v);
  for (let i = 0; i < 3; i++) {
    const a = bound_udp4(), b = bound_udp4();
    label(port_of(b), "B");
    connect(a, lo4(port_of(b)), SIN);
    connect(b, lo4(port_of(a)), SIN);
    const p = with_how("udp.connected", i);
    line(at(p, "result")); put(R(shutdown(a, HOWS[i])));
    probe(with_how("udp.connected", i), a);
    readable(b, 300);
    line(at(with_how("udp.connected", i), "peer_recv")); recv_answer(b);
    send(b, T("d1"), 2, 0);
    readable(a, 300);
    line(at(with_how("udp.connected", i), "recv_from_peer")); recv_answer(a);
    line(at(with_how("udp.connected", i), "poll_after")); put(P(revents(a)));
    line(at(with_how("udp.connected", i), "again")); put(R(shutdown(a, HOWS[i])));
    close(a); close(b);
  }
}

// A blocking recv (bounded by SO_RCVTIMEO) after each shutdown, once a datagram was taken; SHUT_WR last.
function shut_udp_blocking(): void {
  const order: i32[] = [0, 2, 1];
  for (let k = 0; k < 3; k++) {
    const i = order[k];
    const a = bound_udp4(), b = bound_udp4();
    connect(a, lo4(port_of(b)), SIN);
    connect(b, lo4(port_of(a)), SIN);
    shutdown(a, HOWS[i]);
    send(b, T("d2"), 2, 0);
    readable(a, 300);
    line(at(with_how("udp.connected", i), "take")); recv_answer(a);
    set_timeout(a, SO_RCVTIMEO, 300);
    line(at(with_how("udp.connected", i), "blocking_recv")); put(R(recv(a, BUF, 10, 0)));
    close(a); close(b);
  }
}

export const CASES: Case[] = [
  C("shut_arguments", shut_arguments), C("shut_unconnected", shut_unconnected), C("shut_listening", shut_listening),
  C("shut_connecting", shut_connecting), C("shut_write", shut_write), C("shut_read", shut_read), C("shut_both", shut_both),
  C("shut_twice", shut_twice), C("shut_peer_closed", shut_peer_closed), C("shut_reset", shut_reset),
  C("shut_failed_connect", shut_failed_connect), C("shut_dup", shut_dup), C("shut_udp", shut_udp),
  C("shut_udp_blocking", shut_udp_blocking),
];

// TCP: socket, bind, listen, accept, connect and their errors in every state (twin: ../c/tcp.c).
import {
  socket, bind, listen, accept, accept4, connect, send, recv, read, write, close, getsockname, fcntl, errno,
  AF_INET, AF_INET6, AF_UNSPEC, SOCK_STREAM, SOCK_NONBLOCK, SOCK_CLOEXEC, SOL_SOCKET, SO_ACCEPTCONN, SO_ERROR, SO_RCVTIMEO, SO_REUSEADDR, SO_KEEPALIVE, IPPROTO_IP, IP_TTL, TCP_KEEPIDLE,
  IPPROTO_TCP, IPPROTO_UDP, F_GETFL, F_GETFD, O_NONBLOCK, MSG_DONTWAIT, MSG_NOSIGNAL, EINPROGRESS,
} from "as-posix-sockets";
import {
  Case, C, line, put, R, N, E, FD, BYTES, FAMILY, NAME, LOCAL, PEER, label, T, SS, LEN, BUF, SIN, SIN6,
  tcp4, tcp6, udp4, nb, lo4, any4, v4, lo6, any6, port_of, listener4, listener6, connect4, accept_one, closed_port,
  tcp_pair, drop_all, drain_accept, readable, writable, get_int, set_int, settle, set_timeout, reset_connection,
} from "./harness";

function socket_arguments(): void {
  let fd: i32;
  line("tcp.socket.unknown_family"); put(R(fd = socket(12345, SOCK_STREAM, 0))); if (fd >= 0) close(fd);
  line("tcp.socket.unknown_type"); put(R(fd = socket(AF_INET, 99, 0))); if (fd >= 0) close(fd);
  line("tcp.socket.protocol_udp"); put(R(fd = socket(AF_INET, SOCK_STREAM, IPPROTO_UDP))); if (fd >= 0) close(fd);
  line("tcp.socket.protocol_unknown"); put(R(fd = socket(AF_INET, SOCK_STREAM, 12345))); if (fd >= 0) close(fd);
  line("tcp.socket.protocol_tcp"); put(FD(fd = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP))); if (fd >= 0) close(fd);
  line("tcp.socket.unknown_flag"); put(R(fd = socket(AF_INET, SOCK_STREAM | 0x100000, 0))); if (fd >= 0) close(fd);
}

function socket_flags(): void {
  let fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  line("tcp.socket.nonblock_flag"); put(N(<i32>((fcntl(fd, F_GETFL) & O_NONBLOCK) != 0)));
  line("tcp.socket.cloexec_flag"); put(R(fcntl(fd, F_GETFD)));
  close(fd);
  fd = tcp4();
  line("tcp.socket.default_flags"); put(N(<i32>((fcntl(fd, F_GETFL) & O_NONBLOCK) != 0))); put(R(fcntl(fd, F_GETFD)));
  close(fd);
}

function descriptor_numbers(): void {
  const a = tcp4(), b = udp4(), c = tcp6();
  line("tcp.fd.consecutive"); put(N(b - a)); put(N(c - a));
  close(b);
  const d = tcp4();
  line("tcp.fd.lowest_free"); put(N(d - a));
  close(a); close(c); close(d);
  line("tcp.fd.close_twice"); put(R(close(a)));
}

function bind_basics(): void {
  let s = tcp4();
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

function bind_arguments(): void {
  let s = tcp4();
  line("tcp.bind.len_short"); put(R(bind(s, lo4(0), 8)));
  line("tcp.bind.len_zero"); put(R(bind(s, lo4(0), 0)));
  line("tcp.bind.null"); put(R(bind(s, 0, SIN)));
  line("tcp.bind.v6_address_on_v4"); put(R(bind(s, lo6(0), SIN6)));
  line("tcp.bind.unspec_any"); put(R(bind(s, any4(0), 0)));
  let unspec = any4(0);
  store<u16>(unspec, <u16>AF_UNSPEC);
  line("tcp.bind.unspec_family_any"); put(R(bind(s, unspec, SIN))); put(LOCAL(s));
  close(s);
  s = tcp4();
  unspec = lo4(0);
  store<u16>(unspec, <u16>AF_UNSPEC);
  line("tcp.bind.unspec_family_loopback"); put(R(bind(s, unspec, SIN)));
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

function bind_conflicts(): void {
  const l = listener4();
  label(port_of(l), "L");
  const s = tcp4();
  line("tcp.bind.listening_port"); put(R(bind(s, lo4(port_of(l)), SIN)));
  line("tcp.bind.listening_port_any"); put(R(bind(s, any4(port_of(l)), SIN)));
  close(s);
  let a = tcp4();
  bind(a, lo4(0), SIN);
  label(port_of(a), "A");
  let b = tcp4();
  line("tcp.bind.bound_port"); put(R(bind(b, lo4(port_of(a)), SIN)));
  close(a); close(b);
  a = tcp4();
  set_int(a, SOL_SOCKET, SO_REUSEADDR, 1);
  bind(a, lo4(0), SIN);
  b = tcp4();
  set_int(b, SOL_SOCKET, SO_REUSEADDR, 1);
  line("tcp.bind.bound_port_reuseaddr"); put(R(bind(b, lo4(port_of(a)), SIN)));
  const c = tcp4();
  set_int(c, SOL_SOCKET, SO_REUSEADDR, 1);
  line("tcp.bind.listening_port_reuseaddr"); put(R(bind(c, lo4(port_of(l)), SIN)));
  close(a); close(b); close(c); close(l);
}

function listen_states(): void {
  let s = tcp4();
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
  const fds = [0, 0, 0];
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
const BACKLOG_CLIENTS: i32[] = new Array<i32>(250);

function listen_backlog(): void {
  const l = tcp4();
  bind(l, lo4(0), SIN);
  listen(l, 200);
  const c = BACKLOG_CLIENTS;
  for (let i = 0; i < 250; i++) {
    c[i] = nb(tcp4());
    connect(c[i], lo4(port_of(l)), SIN);
  }
  settle(200);
  let done = 0;
  for (let i = 0; i < 250; i++) done += <i32>writable(c[i], 0);
  line("tcp.listen.backlog_200_queues"); put(N(done));
  for (let i = 0; i < 250; i++) close(c[i]);
  close(l);
}

function accept_states(): void {
  let s = tcp4();
  line("tcp.accept.unbound"); put(R(accept(s, 0, 0)));
  bind(s, lo4(0), SIN);
  line("tcp.accept.bound"); put(R(accept(s, 0, 0)));
  close(s);
  s = nb(listener4());
  line("tcp.accept.nonblock_empty"); put(R(accept(s, 0, 0)));
  close(s);
  s = udp4();
  line("tcp.accept.udp"); put(R(accept(s, 0, 0)));
  close(s);
  line("tcp.accept.bad_fd"); put(R(accept(999, 0, 0)));
}

function accept_addresses(): void {
  const l = listener4();
  label(port_of(l), "L");
  let c = connect4(port_of(l));
  label(port_of(c), "C");
  readable(l, 2000);
  store<u32>(LEN, 128);
  let a = accept(l, SS, LEN);
  line("tcp.accept.peer"); put(N(<i32>(a >= 0))); put(NAME(SS, load<u32>(LEN))); put(N(load<u32>(LEN)));
  line("tcp.accept.local"); put(LOCAL(a));
  line("tcp.accept.nonblock_not_inherited"); put(N(<i32>((fcntl(a, F_GETFL) & O_NONBLOCK) != 0)));
  close(a); close(c);
  c = connect4(port_of(l));
  readable(l, 2000);
  memory.fill(SS, 0xee, 128);
  store<u32>(LEN, 4);
  a = accept(l, SS, LEN);
  line("tcp.accept.short_len"); put(N(<i32>(a >= 0))); put(N(load<u32>(LEN))); put(FAMILY(SS)); put(BYTES(SS + 4, 2));
  close(a); close(c);
  c = connect4(port_of(l));
  readable(l, 2000);
  line("tcp.accept.len_null"); put(R(a = accept(l, SS, 0)));
  drain_accept(l, a); close(c);
  c = connect4(port_of(l));
  readable(l, 2000);
  store<i32>(LEN, -1);
  line("tcp.accept.len_negative"); put(R(a = accept(l, SS, LEN)));
  drain_accept(l, a); close(c);
  c = connect4(port_of(l));
  readable(l, 2000);
  store<u32>(LEN, 128);
  line("tcp.accept4.bad_flags"); put(R(a = accept4(l, SS, LEN, 0x1)));
  drain_accept(l, a); close(c);
  c = connect4(port_of(l));
  readable(l, 2000);
  a = accept4(l, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC);
  line("tcp.accept4.flags"); put(N(<i32>((fcntl(a, F_GETFL) & O_NONBLOCK) != 0))); put(R(fcntl(a, F_GETFD)));
  close(a); close(c); close(l);
}

function accept_timeout(): void {
  const l = listener4();
  set_timeout(l, SO_RCVTIMEO, 150);
  line("tcp.accept.timeout"); put(R(accept(l, 0, 0)));
  close(l);
}

function connect_basics(): void {
  const l = listener4();
  label(port_of(l), "L");
  let c = tcp4();
  line("tcp.connect.ok"); put(R(connect(c, lo4(port_of(l)), SIN))); put(PEER(c));
  line("tcp.connect.twice"); put(R(connect(c, lo4(port_of(l)), SIN)));
  line("tcp.connect.listening"); put(R(connect(l, lo4(port_of(l)), SIN)));
  line("tcp.connect.bind_after"); put(R(bind(c, lo4(0), SIN)));
  close(c);
  let s = accept_one(l);
  if (s >= 0) close(s);
  c = tcp4();
  const port = closed_port();
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
function connect_retry_keeps_options(): void {
  const l = listener4();
  label(port_of(l), "L");
  const c = tcp4();
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
  const s0 = accept_one(l);
  if (s0 >= 0) close(s0);
  const port = closed_port();
  const d = tcp4();
  bind(d, lo4(port), SIN);
  label(port, "P");
  connect(d, lo4(closed_port()), SIN);
  line("tcp.retry.explicit_port_connects"); put(R(connect(d, lo4(port_of(l)), SIN)));
  line("tcp.retry.explicit_port_kept"); put(LOCAL(d));
  close(d);
  const s = accept_one(l);
  if (s >= 0) close(s);
  close(l);
}

function connect_arguments(): void {
  let c = tcp4();
  line("tcp.connect.len_short"); put(R(connect(c, lo4(80), 8)));
  line("tcp.connect.null"); put(R(connect(c, 0, SIN)));
  line("tcp.connect.v6_address_on_v4"); put(R(connect(c, lo6(80), SIN6)));
  line("tcp.connect.port0"); put(R(connect(c, lo4(0), SIN)));
  close(c);
  c = tcp4();
  const unspec = lo4(80);
  store<u16>(unspec, <u16>AF_UNSPEC);
  line("tcp.connect.unspec_unconnected"); put(R(connect(c, unspec, SIN)));
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

function connect_any_address(): void {
  let l = tcp4();
  bind(l, any4(0), SIN);
  listen(l, 4);
  label(port_of(l), "L");
  let c = tcp4();
  line("tcp.connect.any_address"); put(R(connect(c, any4(port_of(l)), SIN))); put(PEER(c));
  close(c);
  let s = accept_one(l);
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

function connect_nonblocking(): void {
  const l = listener4();
  label(port_of(l), "L");
  let c = nb(tcp4());
  line("tcp.connect.nb_first"); put(R(connect(c, lo4(port_of(l)), SIN)));
  writable(c, 2000);
  line("tcp.connect.nb_after_writable"); put(R(connect(c, lo4(port_of(l)), SIN)));
  line("tcp.connect.nb_then"); put(R(connect(c, lo4(port_of(l)), SIN)));
  line("tcp.connect.nb_so_error"); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
  close(c);
  const s = accept_one(l);
  if (s >= 0) close(s);
  c = nb(tcp4());
  const port = closed_port();
  const r = connect(c, lo4(port), SIN);
  line("tcp.connect.nb_refused"); put(r == 0 || errno == EINPROGRESS ? "started" : R(r));
  writable(c, 2000);
  line("tcp.connect.nb_refused_so_error"); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
  line("tcp.connect.nb_refused_so_error_again"); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
  line("tcp.connect.nb_refused_then"); put(R(connect(c, lo4(port), SIN)));
  close(c);
  close(l);
}

function names(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  label(port_of(fds[0]), "L");
  label(port_of(fds[1]), "C");
  line("tcp.name.listener_peer"); put(PEER(fds[0]));
  line("tcp.name.client"); put(LOCAL(fds[1])); put(PEER(fds[1]));
  line("tcp.name.server"); put(LOCAL(fds[2])); put(PEER(fds[2]));
  memory.fill(SS, 0xee, 128);
  store<u32>(LEN, 6);
  line("tcp.name.short_len"); put(R(getsockname(fds[1], SS, LEN))); put(N(load<u32>(LEN))); put(FAMILY(SS)); put(BYTES(SS + 4, 4));
  store<u32>(LEN, 0);
  line("tcp.name.zero_len"); put(R(getsockname(fds[1], SS, LEN))); put(N(load<u32>(LEN)));
  line("tcp.name.len_null"); put(R(getsockname(fds[1], SS, 0)));
  line("tcp.name.bad_fd"); put(R(getsockname(999, SS, LEN)));
  const u = tcp4();
  line("tcp.name.unconnected_peer"); put(PEER(u));
  close(u);
  drop_all(fds, 3);
  const l6 = listener6();
  label(port_of(l6), "L6");
  const c6 = tcp6();
  connect(c6, lo6(port_of(l6)), SIN6);
  line("tcp.name.v6_client"); put(LOCAL(c6)); put(PEER(c6));
  const s6 = accept_one(l6);
  close(s6); close(c6); close(l6);
}

function data_states(): void {
  const s = tcp4();
  line("tcp.send.unconnected"); put(R(send(s, T("abc"), 3, 0)));
  line("tcp.recv.unconnected"); put(R(recv(s, BUF, 3, 0)));
  line("tcp.write.unconnected"); put(R(write(s, T("abc"), 3)));
  line("tcp.read.unconnected"); put(R(read(s, BUF, 3)));
  close(s);
  const l = listener4();
  line("tcp.send.listening"); put(R(send(l, T("abc"), 3, 0)));
  line("tcp.recv.listening"); put(R(recv(l, BUF, 3, 0)));
  close(l);
  line("tcp.send.bad_fd"); put(R(send(999, T("abc"), 3, 0)));
  line("tcp.recv.bad_fd"); put(R(recv(999, BUF, 3, 0)));
  const fds = [0, 0, 0];
  tcp_pair(fds);
  line("tcp.send.zero"); put(R(send(fds[1], T("abc"), 0, 0)));
  line("tcp.recv.zero_nothing_dontwait"); put(R(recv(fds[2], BUF, 0, MSG_DONTWAIT)));
  line("tcp.send.three"); put(R(send(fds[1], T("abc"), 3, 0)));
  readable(fds[2], 1000);
  line("tcp.recv.zero_with_data"); put(R(recv(fds[2], BUF, 0, 0)));
  line("tcp.recv.three"); put(R(recv(fds[2], BUF, 10, 0))); put(BYTES(BUF, 3));
  line("tcp.recv.nothing_dontwait"); put(R(recv(fds[2], BUF, 10, MSG_DONTWAIT)));
  drop_all(fds, 3);
}

function peer_close(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  label(port_of(fds[0]), "L");
  send(fds[2], T("bye"), 3, 0);
  close(fds[2]);
  fds[2] = -1;
  readable(fds[1], 1000);
  line("tcp.peer_close.data_then_eof"); put(R(recv(fds[1], BUF, 10, 0))); put(R(recv(fds[1], BUF, 10, 0)));
  line("tcp.peer_close.eof_again"); put(R(recv(fds[1], BUF, 10, 0)));
  line("tcp.peer_close.peer_name"); put(PEER(fds[1]));
  line("tcp.peer_close.first_send"); put(R(send(fds[1], T("abc"), 3, 0)));
  settle(50);
  line("tcp.peer_close.second_send"); put(R(send(fds[1], T("abc"), 3, MSG_NOSIGNAL)));
  line("tcp.peer_close.so_error_after"); put(E(get_int(fds[1], SOL_SOCKET, SO_ERROR)));
  drop_all(fds, 3);
}

function peer_reset(): void {
  let c = reset_connection();
  line("tcp.reset.so_error"); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
  line("tcp.reset.so_error_again"); put(E(get_int(c, SOL_SOCKET, SO_ERROR)));
  close(c);
  c = reset_connection();
  line("tcp.reset.recv"); put(R(recv(c, BUF, 10, 0)));
  line("tcp.reset.recv_again"); put(R(recv(c, BUF, 10, 0)));
  line("tcp.reset.peer_name"); put(PEER(c));
  line("tcp.reset.send"); put(R(send(c, T("abc"), 3, MSG_NOSIGNAL)));
  close(c);
  c = reset_connection();
  line("tcp.reset.send_first"); put(R(send(c, T("abc"), 3, MSG_NOSIGNAL)));
  line("tcp.reset.send_second"); put(R(send(c, T("abc"), 3, MSG_NOSIGNAL)));
  line("tcp.reset.recv_after_send"); put(R(recv(c, BUF, 10, 0)));
  close(c);
  c = reset_connection();
  line("tcp.reset.recv_dontwait"); put(R(recv(c, BUF, 10, MSG_DONTWAIT)));
  line("tcp.reset.local_name"); put(LOCAL(c));
  close(c);
}

export const CASES: Case[] = [
  C("socket_arguments", socket_arguments), C("socket_flags", socket_flags), C("descriptor_numbers", descriptor_numbers),
  C("bind_basics", bind_basics), C("bind_arguments", bind_arguments), C("bind_conflicts", bind_conflicts),
  C("listen_states", listen_states), C("listen_backlog", listen_backlog), C("accept_states", accept_states), C("accept_addresses", accept_addresses),
  C("accept_timeout", accept_timeout), C("connect_basics", connect_basics), C("connect_retry_keeps_options", connect_retry_keeps_options), C("connect_arguments", connect_arguments),
  C("connect_any_address", connect_any_address), C("connect_nonblocking", connect_nonblocking), C("names", names),
  C("data_states", data_states), C("peer_close", peer_close), C("peer_reset", peer_reset),
];

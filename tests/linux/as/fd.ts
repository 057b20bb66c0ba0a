// fd: fcntl, ioctl and dup/dup2/dup3 on socket descriptors (twin: ../c/fd.c).
import {
  socket, bind, connect, send, sendto, recv, recvfrom, close, fcntl, ioctl, sockatmark, dup, dup2, dup3,
  AF_INET, SOCK_STREAM, SOCK_DGRAM, SOCK_NONBLOCK, SOCK_CLOEXEC, SO_RCVTIMEO, MSG_DONTWAIT,
  F_GETFL, F_SETFL, F_GETFD, F_SETFD, F_DUPFD, F_DUPFD_CLOEXEC, FD_CLOEXEC, O_RDWR, O_NONBLOCK, O_APPEND, O_CLOEXEC,
  FIONREAD, FIONBIO, SIOCATMARK,
} from "as-posix-sockets";
import {
  Case, C, line, put, R, N, S, BYTES, NAME, LOCAL, PEER, label, T, SS, LEN, BUF, SIN,
  tcp4, udp4, nb, lo4, port_of, listener4, connect4, accept_one, closed_port, bound_udp4, tcp_pair, drop_all, drain_accept,
  readable, settle, set_timeout, reset_connection,
} from "./harness";

// F_GETFL's answer by name: the access mode, then the status flags a socket keeps.
function FL(fl: i32): string {
  if (fl == -1) return R(fl);
  let s = "";
  s += (fl & O_RDWR) == O_RDWR ? "RDWR" : "not_rdwr";
  if ((fl & O_NONBLOCK) != 0) s += "|NONBLOCK";
  if ((fl & O_APPEND) != 0) s += "|APPEND";
  if ((fl & ~(O_RDWR | O_NONBLOCK | O_APPEND)) != 0) s += "|other";
  return S(s);
}

// F_GETFD's answer by name.
function FDF(f: i32): string {
  if (f == -1) return R(f);
  if (f == FD_CLOEXEC) return "CLOEXEC";
  return f == 0 ? "0" : "other";
}

// A descriptor as its distance from `base` (numbers themselves are not answers), or R's answer.
function DIFF(r: i32, base: i32): string {
  return r < 0 ? R(r) : N(r - base);
}

// The int C keeps on its stack for ioctl.
const NV: usize = memory.data(4, 4);
const ON: usize = memory.data<i32>([1]);
const OFF: usize = memory.data<i32>([0]);
const OTHER: usize = memory.data<i32>([5]);

function fcntl_status_flags(): void {
  let s = tcp4();
  line("fd.getfl.tcp"); put(FL(fcntl(s, F_GETFL)));
  line("fd.setfl.nonblock"); put(R(fcntl(s, F_SETFL, fcntl(s, F_GETFL) | O_NONBLOCK))); put(FL(fcntl(s, F_GETFL)));
  line("fd.setfl.nonblock_connect"); put(R(connect(s, lo4(closed_port()), SIN)));
  close(s);
  s = tcp4();
  nb(s);
  line("fd.setfl.clear_nonblock"); put(R(fcntl(s, F_SETFL, fcntl(s, F_GETFL) & ~O_NONBLOCK))); put(FL(fcntl(s, F_GETFL)));
  const l = listener4();
  line("fd.setfl.blocking_connect"); put(R(connect(s, lo4(port_of(l)), SIN)));
  close(s);
  drain_accept(l, -1);
  close(l);
  s = tcp4();
  line("fd.setfl.append"); put(R(fcntl(s, F_SETFL, O_APPEND))); put(FL(fcntl(s, F_GETFL)));
  line("fd.setfl.append_nonblock"); put(R(fcntl(s, F_SETFL, O_APPEND | O_NONBLOCK))); put(FL(fcntl(s, F_GETFL)));
  line("fd.setfl.zero"); put(R(fcntl(s, F_SETFL, 0))); put(FL(fcntl(s, F_GETFL)));
  line("fd.setfl.access_mode"); put(R(fcntl(s, F_SETFL, O_RDWR | O_NONBLOCK))); put(FL(fcntl(s, F_GETFL)));
  line("fd.setfl.cloexec_ignored"); put(R(fcntl(s, F_SETFL, O_CLOEXEC))); put(FL(fcntl(s, F_GETFL))); put(FDF(fcntl(s, F_GETFD)));
  close(s);
  s = udp4();
  line("fd.getfl.udp"); put(FL(fcntl(s, F_GETFL)));
  line("fd.setfl.udp_nonblock"); put(R(fcntl(s, F_SETFL, O_NONBLOCK))); put(FL(fcntl(s, F_GETFL)));
  bind(s, lo4(0), SIN);
  line("fd.setfl.udp_nonblock_recv"); put(R(recv(s, BUF, 10, 0)));
  close(s);
  s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  line("fd.getfl.sock_nonblock"); put(FL(fcntl(s, F_GETFL)));
  close(s);
}

function fcntl_fd_flags(): void {
  let s = tcp4();
  line("fd.getfd.default"); put(FDF(fcntl(s, F_GETFD)));
  line("fd.setfd.cloexec"); put(R(fcntl(s, F_SETFD, FD_CLOEXEC))); put(FDF(fcntl(s, F_GETFD)));
  line("fd.setfd.status_unchanged"); put(FL(fcntl(s, F_GETFL)));
  line("fd.setfd.clear"); put(R(fcntl(s, F_SETFD, 0))); put(FDF(fcntl(s, F_GETFD)));
  line("fd.setfd.all_bits"); put(R(fcntl(s, F_SETFD, -1))); put(FDF(fcntl(s, F_GETFD)));
  line("fd.setfl.fd_flags_unchanged"); put(R(fcntl(s, F_SETFL, O_NONBLOCK))); put(FDF(fcntl(s, F_GETFD)));
  close(s);
  s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  line("fd.getfd.sock_cloexec"); put(FDF(fcntl(s, F_GETFD)));
  close(s);
}

function fcntl_dupfd(): void {
  const s = tcp4();
  let d = fcntl(s, F_DUPFD, 0);
  line("fd.dupfd.lowest"); put(DIFF(d, s)); put(FDF(fcntl(d, F_GETFD)));
  close(d);
  d = fcntl(s, F_DUPFD, s + 10);
  line("fd.dupfd.min"); put(DIFF(d, s));
  const e = fcntl(s, F_DUPFD, s + 10);
  line("fd.dupfd.min_taken"); put(DIFF(e, s));
  close(d); close(e);
  d = fcntl(s, F_DUPFD_CLOEXEC, s + 5);
  line("fd.dupfd_cloexec.min"); put(DIFF(d, s)); put(FDF(fcntl(d, F_GETFD))); put(FDF(fcntl(s, F_GETFD)));
  close(d);
  fcntl(s, F_SETFD, FD_CLOEXEC);
  d = fcntl(s, F_DUPFD, 0);
  line("fd.dupfd.cloexec_not_copied"); put(FDF(fcntl(d, F_GETFD)));
  line("fd.dupfd.nonblock_shared"); put(R(fcntl(d, F_SETFL, O_NONBLOCK))); put(FL(fcntl(s, F_GETFL)));
  close(d);
  line("fd.dupfd.negative"); put(R(fcntl(s, F_DUPFD, -1)));
  line("fd.dupfd.huge"); put(R(fcntl(s, F_DUPFD, 1 << 30)));
  line("fd.dupfd_cloexec.negative"); put(R(fcntl(s, F_DUPFD_CLOEXEC, -1)));
  const a = udp4(), b = udp4();
  close(a);
  d = fcntl(b, F_DUPFD, s);
  line("fd.dupfd.fills_gap"); put(DIFF(d, s));
  close(d); close(b); close(s);
}

function fcntl_errors(): void {
  let s = tcp4();
  line("fd.fcntl.unknown_cmd"); put(R(fcntl(s, 9999)));
  close(s);
  s = udp4();
  line("fd.fcntl.unknown_cmd_udp"); put(R(fcntl(s, 9999, 1)));
  close(s);
  line("fd.fcntl.closed_getfl"); put(R(fcntl(s, F_GETFL)));
  line("fd.fcntl.closed_setfl"); put(R(fcntl(s, F_SETFL, O_NONBLOCK)));
  line("fd.fcntl.closed_getfd"); put(R(fcntl(s, F_GETFD)));
  line("fd.fcntl.closed_setfd"); put(R(fcntl(s, F_SETFD, FD_CLOEXEC)));
  line("fd.fcntl.closed_dupfd"); put(R(fcntl(s, F_DUPFD, 0)));
  line("fd.fcntl.closed_unknown_cmd"); put(R(fcntl(s, 9999)));
  line("fd.fcntl.bad_fd"); put(R(fcntl(999, F_GETFL)));
  line("fd.fcntl.negative_fd"); put(R(fcntl(-1, F_GETFD)));
}

function ioctl_fionread_tcp(): void {
  store<i32>(NV, -7);
  let s = tcp4();
  line("fd.fionread.tcp_unconnected"); put(R(ioctl(s, FIONREAD, NV))); put(N(load<i32>(NV)));
  close(s);
  const l = listener4();
  store<i32>(NV, -7);
  line("fd.fionread.tcp_listening"); put(R(ioctl(l, FIONREAD, NV))); put(N(load<i32>(NV)));
  close(l);
  const fds = [0, 0, 0];
  tcp_pair(fds);
  store<i32>(NV, -7);
  line("fd.fionread.tcp_empty"); put(R(ioctl(fds[2], FIONREAD, NV))); put(N(load<i32>(NV)));
  send(fds[1], T("hello"), 5, 0);
  send(fds[1], T("world!"), 6, 0);
  readable(fds[2], 1000);
  settle(50);
  store<i32>(NV, -7);
  line("fd.fionread.tcp_two_sends"); put(R(ioctl(fds[2], FIONREAD, NV))); put(N(load<i32>(NV)));
  line("fd.fionread.tcp_recv_part"); put(R(recv(fds[2], BUF, 3, 0))); put(BYTES(BUF, 3));
  store<i32>(NV, -7);
  line("fd.fionread.tcp_after_part"); put(R(ioctl(fds[2], FIONREAD, NV))); put(N(load<i32>(NV)));
  line("fd.fionread.tcp_recv_rest"); put(R(recv(fds[2], BUF, 100, 0))); put(BYTES(BUF, 8));
  store<i32>(NV, -7);
  line("fd.fionread.tcp_drained"); put(R(ioctl(fds[2], FIONREAD, NV))); put(N(load<i32>(NV)));
  line("fd.fionread.null_arg"); put(R(ioctl(fds[2], FIONREAD, 0)));
  send(fds[1], T("bye"), 3, 0);
  close(fds[1]);
  fds[1] = -1;
  readable(fds[2], 1000);
  settle(50);
  store<i32>(NV, -7);
  line("fd.fionread.tcp_data_then_fin"); put(R(ioctl(fds[2], FIONREAD, NV))); put(N(load<i32>(NV)));
  recv(fds[2], BUF, 100, 0);
  store<i32>(NV, -7);
  line("fd.fionread.tcp_at_eof"); put(R(ioctl(fds[2], FIONREAD, NV))); put(N(load<i32>(NV)));
  line("fd.fionread.tcp_eof_recv"); put(R(recv(fds[2], BUF, 100, 0)));
  drop_all(fds, 3);
  const r = reset_connection();
  store<i32>(NV, -7);
  line("fd.fionread.tcp_after_reset"); put(R(ioctl(r, FIONREAD, NV))); put(N(load<i32>(NV)));
  line("fd.fionread.tcp_reset_recv"); put(R(recv(r, BUF, 100, MSG_DONTWAIT)));
  close(r);
}

function ioctl_fionread_udp(): void {
  store<i32>(NV, -7);
  let u = udp4();
  line("fd.fionread.udp_unbound"); put(R(ioctl(u, FIONREAD, NV))); put(N(load<i32>(NV)));
  close(u);
  u = bound_udp4();
  const c = bound_udp4();
  label(port_of(c), "C");
  store<i32>(NV, -7);
  line("fd.fionread.udp_empty"); put(R(ioctl(u, FIONREAD, NV))); put(N(load<i32>(NV)));
  sendto(c, T("abc"), 3, 0, lo4(port_of(u)), SIN);
  sendto(c, T("defghij"), 7, 0, lo4(port_of(u)), SIN);
  readable(u, 1000);
  settle(50);
  store<i32>(NV, -7);
  line("fd.fionread.udp_first_datagram"); put(R(ioctl(u, FIONREAD, NV))); put(N(load<i32>(NV)));
  store<i32>(NV, -7);
  line("fd.fionread.udp_again"); put(R(ioctl(u, FIONREAD, NV))); put(N(load<i32>(NV)));
  store<u32>(LEN, 128);
  line("fd.fionread.udp_recv_first"); put(R(recvfrom(u, BUF, 100, 0, SS, LEN))); put(BYTES(BUF, 3)); put(NAME(SS, load<u32>(LEN)));
  store<i32>(NV, -7);
  line("fd.fionread.udp_second_datagram"); put(R(ioctl(u, FIONREAD, NV))); put(N(load<i32>(NV)));
  line("fd.fionread.udp_recv_second"); put(R(recv(u, BUF, 100, 0))); put(BYTES(BUF, 7));
  store<i32>(NV, -7);
  line("fd.fionread.udp_drained"); put(R(ioctl(u, FIONREAD, NV))); put(N(load<i32>(NV)));
  sendto(c, T(""), 0, 0, lo4(port_of(u)), SIN);
  readable(u, 1000);
  store<i32>(NV, -7);
  line("fd.fionread.udp_empty_datagram"); put(R(ioctl(u, FIONREAD, NV))); put(N(load<i32>(NV)));
  line("fd.fionread.udp_empty_datagram_readable"); put(N(<i32>readable(u, 0)));
  line("fd.fionread.udp_empty_datagram_recv"); put(R(recv(u, BUF, 100, MSG_DONTWAIT)));
  line("fd.fionread.udp_empty_datagram_gone"); put(R(recv(u, BUF, 100, MSG_DONTWAIT)));
  close(c); close(u);
}

function ioctl_fionbio(): void {
  let s = tcp4();
  line("fd.fionbio.on"); put(R(ioctl(s, FIONBIO, ON))); put(FL(fcntl(s, F_GETFL)));
  line("fd.fionbio.on_connect"); put(R(connect(s, lo4(closed_port()), SIN)));
  close(s);
  s = tcp4();
  ioctl(s, FIONBIO, ON);
  line("fd.fionbio.off"); put(R(ioctl(s, FIONBIO, OFF))); put(FL(fcntl(s, F_GETFL)));
  const l = listener4();
  line("fd.fionbio.off_connect"); put(R(connect(s, lo4(port_of(l)), SIN)));
  const a = accept_one(l);
  line("fd.fionbio.any_nonzero"); put(R(ioctl(s, FIONBIO, OTHER))); put(FL(fcntl(s, F_GETFL)));
  line("fd.fionbio.recv_eagain"); put(R(recv(s, BUF, 10, 0)));
  ioctl(s, FIONBIO, OFF);
  set_timeout(s, SO_RCVTIMEO, 100);
  send(a, T("z"), 1, 0);
  line("fd.fionbio.blocking_recv"); put(R(recv(s, BUF, 10, 0))); put(BYTES(BUF, 1));
  line("fd.fionbio.null_arg"); put(R(ioctl(s, FIONBIO, 0)));
  close(s); close(a); close(l);
  s = udp4();
  line("fd.fionbio.udp"); put(R(ioctl(s, FIONBIO, ON))); put(FL(fcntl(s, F_GETFL)));
  bind(s, lo4(0), SIN);
  line("fd.fionbio.udp_recv"); put(R(recv(s, BUF, 10, 0)));
  close(s);
}

function ioctl_other(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  store<i32>(NV, -7);
  line("fd.ioctl.siocatmark"); put(R(ioctl(fds[1], SIOCATMARK, NV))); put(N(load<i32>(NV)));
  line("fd.ioctl.sockatmark"); put(R(sockatmark(fds[1])));
  const u = udp4();
  store<i32>(NV, -7);
  line("fd.ioctl.siocatmark_udp"); put(R(ioctl(u, SIOCATMARK, NV)));
  store<i32>(NV, -7);
  line("fd.ioctl.unknown_request"); put(R(ioctl(fds[1], 0x4242, NV)));
  line("fd.ioctl.unknown_request_udp"); put(R(ioctl(u, 0x4242, NV)));
  close(u);
  drop_all(fds, 3);
  store<i32>(NV, -7);
  line("fd.ioctl.closed_fionread"); put(R(ioctl(u, FIONREAD, NV)));
  line("fd.ioctl.closed_fionbio"); put(R(ioctl(u, FIONBIO, NV)));
  line("fd.ioctl.closed_unknown"); put(R(ioctl(u, 0x4242, NV)));
  line("fd.ioctl.bad_fd"); put(R(ioctl(999, FIONREAD, NV)));
  line("fd.ioctl.sockatmark_bad_fd"); put(R(sockatmark(999)));
}

function dup_shares(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  label(port_of(fds[0]), "L");
  label(port_of(fds[1]), "C");
  let d = dup(fds[1]);
  line("fd.dup.number"); put(DIFF(d, fds[2]));
  line("fd.dup.names"); put(LOCAL(d)); put(PEER(d));
  line("fd.dup.send"); put(R(send(d, T("abc"), 3, 0)));
  readable(fds[2], 1000);
  line("fd.dup.send_arrives"); put(R(recv(fds[2], BUF, 10, 0))); put(BYTES(BUF, 3));
  send(fds[2], T("xy"), 2, 0);
  line("fd.dup.readable_both"); put(N(<i32>readable(d, 1000))); put(N(<i32>readable(fds[1], 0)));
  line("fd.dup.recv_original"); put(R(recv(fds[1], BUF, 1, 0))); put(BYTES(BUF, 1));
  line("fd.dup.recv_dup"); put(R(recv(d, BUF, 10, 0))); put(BYTES(BUF, 1));
  line("fd.dup.nonblock_shared"); put(R(fcntl(d, F_SETFL, O_NONBLOCK))); put(FL(fcntl(fds[1], F_GETFL)));
  line("fd.dup.nonblock_recv_original"); put(R(recv(fds[1], BUF, 10, 0)));
  line("fd.dup.nonblock_cleared"); put(R(fcntl(fds[1], F_SETFL, 0))); put(FL(fcntl(d, F_GETFL)));
  ioctl(fds[1], FIONBIO, ON);
  line("fd.dup.fionbio_shared"); put(FL(fcntl(d, F_GETFL)));
  line("fd.dup.cloexec_own"); put(R(fcntl(d, F_SETFD, FD_CLOEXEC))); put(FDF(fcntl(d, F_GETFD))); put(FDF(fcntl(fds[1], F_GETFD)));
  close(fds[1]);
  fds[1] = -1;
  line("fd.dup.after_close_send"); put(R(send(d, T("def"), 3, 0)));
  readable(fds[2], 1000);
  line("fd.dup.after_close_arrives"); put(R(recv(fds[2], BUF, 10, 0))); put(BYTES(BUF, 3));
  line("fd.dup.after_close_no_eof"); put(N(<i32>readable(fds[2], 100)));
  line("fd.dup.after_close_names"); put(LOCAL(d)); put(PEER(d));
  close(d);
  readable(fds[2], 1000);
  line("fd.dup.last_close_eof"); put(R(recv(fds[2], BUF, 10, 0)));
  drop_all(fds, 3);
  const s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  d = dup(s);
  line("fd.dup.cloexec_not_copied"); put(FDF(fcntl(d, F_GETFD))); put(FDF(fcntl(s, F_GETFD)));
  close(d);
  const t = tcp4();
  close(s);
  d = dup(t);
  line("fd.dup.lowest_free"); put(DIFF(d, s));
  close(d);
  line("fd.dup.closed"); put(R(dup(s)));
  close(t);
  line("fd.dup.bad_fd"); put(R(dup(999)));
  line("fd.dup.negative"); put(R(dup(-1)));
}

function dup2_cases(): void {
  const s = tcp4();
  bind(s, lo4(0), SIN);
  label(port_of(s), "S");
  line("fd.dup2.self"); put(DIFF(dup2(s, s), s));
  line("fd.dup2.self_keeps_cloexec"); put(R(fcntl(s, F_SETFD, FD_CLOEXEC))); put(DIFF(dup2(s, s), s)); put(FDF(fcntl(s, F_GETFD)));
  const d = dup2(s, s + 20);
  line("fd.dup2.free_number"); put(DIFF(d, s)); put(FDF(fcntl(d, F_GETFD))); put(LOCAL(d));
  close(s);
  line("fd.dup2.survives_close"); put(LOCAL(d));
  close(d);
  line("fd.dup2.self_closed"); put(R(dup2(s, s)));
  line("fd.dup2.bad_oldfd"); put(R(dup2(999, s)));
  const fds = [0, 0, 0], other = [0, 0, 0];
  tcp_pair(fds);
  tcp_pair(other);
  label(port_of(fds[1]), "C");
  label(port_of(other[1]), "C2");
  fcntl(other[1], F_SETFD, FD_CLOEXEC);
  line("fd.dup2.onto_open"); put(DIFF(dup2(fds[1], other[1]), other[1])); put(LOCAL(other[1])); put(FDF(fcntl(other[1], F_GETFD)));
  readable(other[2], 1000);
  line("fd.dup2.onto_open_closed_it"); put(R(recv(other[2], BUF, 10, MSG_DONTWAIT)));
  line("fd.dup2.onto_open_shares"); put(R(send(other[1], T("ab"), 2, 0)));
  readable(fds[2], 1000);
  line("fd.dup2.onto_open_arrives"); put(R(recv(fds[2], BUF, 10, 0))); put(BYTES(BUF, 2));
  const u = udp4();
  line("fd.dup2.bad_oldfd_keeps_newfd"); put(R(dup2(999, u))); put(FL(fcntl(u, F_GETFL)));
  line("fd.dup2.negative_newfd"); put(R(dup2(u, -1)));
  line("fd.dup2.huge_newfd"); put(R(dup2(u, 1 << 30)));
  close(u);
  drop_all(fds, 3);
  drop_all(other, 3);
}

function dup3_cases(): void {
  const s = tcp4();
  line("fd.dup3.self"); put(R(dup3(s, s, 0)));
  line("fd.dup3.self_cloexec"); put(R(dup3(s, s, O_CLOEXEC)));
  let d = dup3(s, s + 7, O_CLOEXEC);
  line("fd.dup3.cloexec"); put(DIFF(d, s)); put(FDF(fcntl(d, F_GETFD))); put(FDF(fcntl(s, F_GETFD)));
  close(d);
  d = dup3(s, s + 7, 0);
  line("fd.dup3.no_flags"); put(DIFF(d, s)); put(FDF(fcntl(d, F_GETFD)));
  close(d);
  line("fd.dup3.bad_flags"); put(R(dup3(s, s + 7, O_NONBLOCK))); put(R(fcntl(s + 7, F_GETFD)));
  line("fd.dup3.bad_oldfd"); put(R(dup3(999, s + 7, 0)));
  line("fd.dup3.bad_oldfd_self"); put(R(dup3(999, 999, 0)));
  line("fd.dup3.negative_newfd"); put(R(dup3(s, -1, 0)));
  const fds = [0, 0, 0];
  tcp_pair(fds);
  line("fd.dup3.onto_open"); put(DIFF(dup3(s, fds[1], O_CLOEXEC), fds[1])); put(FDF(fcntl(fds[1], F_GETFD))); put(PEER(fds[1]));
  readable(fds[2], 1000);
  line("fd.dup3.onto_open_closed_it"); put(R(recv(fds[2], BUF, 10, MSG_DONTWAIT)));
  drop_all(fds, 3);
  close(s);
}

export const CASES: Case[] = [
  C("fcntl_status_flags", fcntl_status_flags), C("fcntl_fd_flags", fcntl_fd_flags), C("fcntl_dupfd", fcntl_dupfd),
  C("fcntl_errors", fcntl_errors), C("ioctl_fionread_tcp", ioctl_fionread_tcp), C("ioctl_fionread_udp", ioctl_fionread_udp),
  C("ioctl_fionbio", ioctl_fionbio), C("ioctl_other", ioctl_other), C("dup_shares", dup_shares), C("dup2_cases", dup2_cases),
  C("dup3_cases", dup3_cases),
];

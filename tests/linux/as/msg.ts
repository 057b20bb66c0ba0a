// Message I/O: MSG_PEEK, MSG_WAITALL, MSG_TRUNC, iovecs, sendmsg/recvmsg fields, flags,
// sendmmsg/recvmmsg, and read/write on sockets (twin: ../c/msg.c).
import {
  send, recv, sendto, sendmsg, recvmsg, sendmmsg, recvmmsg, readv, writev, read, write, close, connect, shutdown, SHUT_RD,
  msghdr, mmsghdr, SOL_SOCKET, SO_RCVTIMEO, IPPROTO_IP, IP_TTL,
  MSG_OOB, MSG_PEEK, MSG_DONTROUTE, MSG_CTRUNC, MSG_TRUNC, MSG_DONTWAIT, MSG_EOR, MSG_WAITALL, MSG_WAITFORONE, MSG_CMSG_CLOEXEC,
} from "as-posix-sockets";
import {
  Case, C, line, put, R, N, MF, BYTES, FAMILY, NAME, label, T, SS, BUF, OUT, SIN, SIN6,
  tcp4, udp4, lo4, lo6, port_of, closed_port, bound_udp4, tcp_pair, drop_all, readable, settle, set_timeout, reset_connection, outside,
} from "./harness";

// ---- local helpers (twins in ../c/msg.c) -----------------------------------------------
const BAD: usize = 0xfffffff0; // a pointer into no memory of the program
const UNKNOWN_FLAG = 0x400000; // a bit neither Linux nor wasi-libc gives a meaning
const NEGATIVE = -1;
const NOWHERE: usize = 0;
/** SCM_RIGHTS of wasi-libc (musl's value); the library has no <sys/un.h> names. */
const SCM_RIGHTS = 1;
const IOVEC = 8; // bytes of a wasm32 struct iovec
const MMSGHDR = 32; // bytes of a wasm32 struct mmsghdr
const IOVS: usize = memory.data(1100 * IOVEC, 8);
const MP: usize = memory.data(28, 8); // the msghdr as the calls take it
const M = changetype<msghdr>(MP);
const MMS: usize = memory.data(10 * MMSGHDR, 8);
const MIOV: usize = memory.data(10 * IOVEC, 8);
const DEST: usize = memory.data(16, 8);
const CTL: usize = memory.data(64, 8);
const TS: usize = memory.data(16, 8);
const NAMES: usize = memory.data(8 * 16, 8);

function iov(i: i32, p: usize, n: usize): void {
  store<usize>(IOVS + <usize>i * IOVEC, p);
  store<usize>(IOVS + <usize>i * IOVEC, n, 4);
}

// M: msg_iov = IOVS with n entries, everything else 0.
function msg(n: i32): void {
  memory.fill(MP, 0, 28);
  M.msg_iov = IOVS;
  M.msg_iovlen = n;
}

// MMS[i]: one iovec (MIOV[i] = p, n), no name; msg_len and msg_flags set to garbage.
function mm(i: i32): mmsghdr { return changetype<mmsghdr>(MMS + <usize>i * MMSGHDR); }
function mmsg(i: i32, p: usize, n: usize): void {
  memory.fill(MMS + <usize>i * MMSGHDR, 0, MMSGHDR);
  store<usize>(MIOV + <usize>i * IOVEC, p);
  store<usize>(MIOV + <usize>i * IOVEC, n, 4);
  mm(i).msg_hdr.msg_iov = MIOV + <usize>i * IOVEC;
  mm(i).msg_hdr.msg_iovlen = 1;
  mm(i).msg_len = 9999;
  mm(i).msg_hdr.msg_flags = MSG_EOR;
}

function mmsg_name(i: i32, name: usize, len: u32): void {
  mm(i).msg_hdr.msg_name = name;
  mm(i).msg_hdr.msg_namelen = len;
}

// msg_len of the first n messages, as one token "a,b,c".
function lens(n: i32): string {
  let s = "";
  for (let i = 0; i < n; i++) s += (i > 0 ? "," : "") + mm(i).msg_len.toString();
  return s.length > 0 ? s : "''";
}

// msg_flags of the first n messages.
function mflags(n: i32): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    if (i > 0) s += ",";
    s += MF(mm(i).msg_hdr.msg_flags);
  }
  return s.length > 0 ? s : "''";
}

function dest(port: i32): void { memory.copy(DEST, lo4(port), SIN); }

function nm(i: i32): usize { return NAMES + <usize>i * 16; }

// One cmsg in CTL (level, type, an int); returns msg_controllen. wasm32's struct cmsghdr:
// cmsg_len u32 @0, cmsg_level @4, cmsg_type @8, data @12; CMSG_LEN(4) = CMSG_SPACE(4) = 16.
function cmsg_int(level: i32, type: i32, value: i32): u32 {
  memory.fill(CTL, 0, 64);
  store<u32>(CTL, 16);
  store<i32>(CTL, level, 4);
  store<i32>(CTL, type, 8);
  store<i32>(CTL, value, 12);
  return 16;
}

function set_cmsg_len(len: u32): void { store<u32>(CTL, len); }

// Reads and drops whatever waits on fd (after a settle), so the case ends clean.
function drain(fd: i32): void {
  settle(20);
  while (recv(fd, BUF, 131072, MSG_DONTWAIT) > 0) {}
}

// `from` sends ten bytes; they have arrived at `to` when this returns.
function deliver(from: i32, to: i32): void {
  send(from, T("0123456789"), 10, 0);
  readable(to, 1000);
  settle(20);
}

function set_ts(sec: i64, nsec: i32): void {
  store<i64>(TS, sec);
  store<i32>(TS, nsec, 8);
  store<i32>(TS, 0, 12);
}

// ---- MSG_PEEK on TCP ------------------------------------------------------------------------
function msg_peek_basic(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  send(fds[2], T("hello"), 5, 0);
  readable(fds[1], 1000);
  memory.fill(BUF, 0, 16);
  line("msg.peek.first"); put(R(recv(fds[1], BUF, 10, MSG_PEEK))); put(BYTES(BUF, 5));
  memory.fill(BUF, 0, 16);
  line("msg.peek.again"); put(R(recv(fds[1], BUF, 10, MSG_PEEK))); put(BYTES(BUF, 5));
  memory.fill(BUF, 0, 16);
  line("msg.peek.then_recv"); put(R(recv(fds[1], BUF, 10, 0))); put(BYTES(BUF, 5));
  line("msg.peek.consumed"); put(R(recv(fds[1], BUF, 10, MSG_DONTWAIT)));
  line("msg.peek.dontwait_empty"); put(R(recv(fds[1], BUF, 10, MSG_PEEK | MSG_DONTWAIT)));
  send(fds[2], T("abc"), 3, 0);
  settle(20);
  send(fds[2], T("def"), 3, 0);
  readable(fds[1], 1000);
  settle(20);
  line("msg.peek.two_pieces"); put(R(recv(fds[1], BUF, 10, MSG_PEEK))); put(BYTES(BUF, 6));
  line("msg.peek.two_pieces_recv"); put(R(recv(fds[1], BUF, 10, 0))); put(BYTES(BUF, 6));
  drop_all(fds, 3);
}

// The data is left to arrive with settle(), not readable(): a poll may read ahead, and the
// peeks below must be the first reads.
function msg_peek_short(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  send(fds[2], T("0123456789"), 10, 0);
  settle(50);
  line("msg.peek.short"); put(R(recv(fds[1], BUF, 2, MSG_PEEK))); put(BYTES(BUF, 2));
  line("msg.peek.short_then_recv_all"); put(R(recv(fds[1], BUF, 100, 0))); put(BYTES(BUF, 10));
  drop_all(fds, 3);
  tcp_pair(fds);
  send(fds[2], T("0123456789"), 10, 0);
  settle(50);
  recv(fds[1], BUF, 2, MSG_PEEK);
  line("msg.peek.short_then_longer_peek"); put(R(recv(fds[1], BUF, 100, MSG_PEEK))); put(BYTES(BUF, 10));
  drop_all(fds, 3);
  tcp_pair(fds);
  send(fds[2], T("0123456789"), 10, 0);
  settle(50);
  recv(fds[1], BUF, 6, MSG_PEEK);
  line("msg.peek.partial_recv"); put(R(recv(fds[1], BUF, 4, 0))); put(BYTES(BUF, 4));
  line("msg.peek.partial_recv_rest"); put(R(recv(fds[1], BUF, 100, 0))); put(BYTES(BUF, 6));
  drop_all(fds, 3);
  tcp_pair(fds);
  send(fds[2], T("0123456789"), 10, 0);
  settle(50);
  recv(fds[1], BUF, 3, MSG_PEEK);
  iov(0, BUF, 4); iov(1, BUF + 10, 4); iov(2, BUF + 20, 4);
  line("msg.peek.short_then_readv"); put(R(readv(fds[1], IOVS, 3))); put(BYTES(BUF, 4)); put(BYTES(BUF + 10, 4)); put(BYTES(BUF + 20, 2));
  drop_all(fds, 3);
}

function msg_peek_states(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  send(fds[2], T("bye"), 3, 0);
  close(fds[2]);
  fds[2] = -1;
  readable(fds[1], 1000);
  settle(20);
  line("msg.peek.before_eof"); put(R(recv(fds[1], BUF, 10, MSG_PEEK))); put(BYTES(BUF, 3));
  line("msg.peek.recv_before_eof"); put(R(recv(fds[1], BUF, 10, 0)));
  line("msg.peek.eof"); put(R(recv(fds[1], BUF, 10, MSG_PEEK)));
  line("msg.peek.eof_dontwait"); put(R(recv(fds[1], BUF, 10, MSG_PEEK | MSG_DONTWAIT)));
  drop_all(fds, 3);
  fds[0] = fds[2] = -1;
  fds[1] = reset_connection();
  line("msg.peek.reset"); put(R(recv(fds[1], BUF, 10, MSG_PEEK)));
  line("msg.peek.reset_again"); put(R(recv(fds[1], BUF, 10, MSG_PEEK | MSG_DONTWAIT)));
  line("msg.peek.reset_then_recv"); put(R(recv(fds[1], BUF, 10, MSG_DONTWAIT)));
  drop_all(fds, 3);
  const s = tcp4();
  line("msg.peek.unconnected"); put(R(recv(s, BUF, 10, MSG_PEEK | MSG_DONTWAIT)));
  close(s);
  tcp_pair(fds);
  send(fds[2], T("abcd"), 4, 0);
  settle(20);
  send(fds[2], T("efgh"), 4, 0);
  readable(fds[1], 1000);
  settle(20);
  line("msg.peek.waitall"); put(R(recv(fds[1], BUF, 8, MSG_PEEK | MSG_WAITALL))); put(BYTES(BUF, 8));
  line("msg.peek.waitall_then_recv"); put(R(recv(fds[1], BUF, 8, 0))); put(BYTES(BUF, 8));
  send(fds[2], T("abcd"), 4, 0);
  readable(fds[1], 1000);
  settle(20);
  set_timeout(fds[1], SO_RCVTIMEO, 150);
  line("msg.peek.waitall_timeout"); put(R(recv(fds[1], BUF, 8, MSG_PEEK | MSG_WAITALL))); put(BYTES(BUF, 4));
  line("msg.peek.waitall_timeout_kept"); put(R(recv(fds[1], BUF, 8, MSG_DONTWAIT)));
  send(fds[2], T("ab"), 2, 0);
  close(fds[2]);
  fds[2] = -1;
  readable(fds[1], 1000);
  settle(20);
  line("msg.peek.waitall_eof"); put(R(recv(fds[1], BUF, 8, MSG_PEEK | MSG_WAITALL))); put(BYTES(BUF, 2));
  drop_all(fds, 3);
}

// ---- MSG_WAITALL on TCP ---------------------------------------------------------------------
function msg_waitall(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  set_timeout(fds[1], SO_RCVTIMEO, 1000);
  send(fds[2], T("aaaa"), 4, 0);
  settle(20);
  send(fds[2], T("bbbb"), 4, 0);
  settle(20);
  send(fds[2], T("cccc"), 4, 0);
  readable(fds[1], 1000);
  settle(20);
  line("msg.waitall.pieces"); put(R(recv(fds[1], BUF, 12, MSG_WAITALL))); put(BYTES(BUF, 12));
  send(fds[2], T("0123456789ab"), 12, 0);
  readable(fds[1], 1000);
  settle(20);
  line("msg.waitall.less_than_waiting"); put(R(recv(fds[1], BUF, 5, MSG_WAITALL))); put(BYTES(BUF, 5));
  line("msg.waitall.rest"); put(R(recv(fds[1], BUF, 100, 0)));
  send(fds[2], T("abcd"), 4, 0);
  readable(fds[1], 1000);
  settle(20);
  line("msg.waitall.dontwait_partial"); put(R(recv(fds[1], BUF, 10, MSG_WAITALL | MSG_DONTWAIT))); put(BYTES(BUF, 4));
  line("msg.waitall.dontwait_empty"); put(R(recv(fds[1], BUF, 10, MSG_WAITALL | MSG_DONTWAIT)));
  send(fds[2], T("1234"), 4, 0);
  settle(20);
  send(fds[2], T("5678"), 4, 0);
  close(fds[2]);
  fds[2] = -1;
  readable(fds[1], 1000);
  settle(20);
  line("msg.waitall.eof_partial"); put(R(recv(fds[1], BUF, 12, MSG_WAITALL))); put(BYTES(BUF, 8));
  line("msg.waitall.eof_after"); put(R(recv(fds[1], BUF, 12, MSG_WAITALL)));
  drop_all(fds, 3);
  fds[0] = fds[2] = -1;
  fds[1] = outside("RST abc");
  readable(fds[1], 1000);
  settle(50);
  set_timeout(fds[1], SO_RCVTIMEO, 1000);
  line("msg.waitall.reset_partial"); put(R(recv(fds[1], BUF, 10, MSG_WAITALL))); put(BYTES(BUF, 3));
  line("msg.waitall.reset_after"); put(R(recv(fds[1], BUF, 10, MSG_WAITALL)));
  drop_all(fds, 3);
}

function msg_waitall_timeout(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  set_timeout(fds[1], SO_RCVTIMEO, 150);
  send(fds[2], T("abcd"), 4, 0);
  readable(fds[1], 1000);
  settle(20);
  line("msg.waitall.timeout_partial"); put(R(recv(fds[1], BUF, 10, MSG_WAITALL))); put(BYTES(BUF, 4));
  line("msg.waitall.timeout_nothing"); put(R(recv(fds[1], BUF, 10, MSG_WAITALL)));
  iov(0, BUF, 2); iov(1, BUF + 10, 8);
  msg(2);
  send(fds[2], T("wxyz"), 4, 0);
  readable(fds[1], 1000);
  settle(20);
  line("msg.waitall.recvmsg_timeout_partial"); put(R(recvmsg(fds[1], MP, MSG_WAITALL))); put(BYTES(BUF, 2)); put(BYTES(BUF + 10, 2)); put(MF(M.msg_flags));
  drop_all(fds, 3);
}

// ---- MSG_TRUNC ------------------------------------------------------------------------------
function msg_trunc_udp(): void {
  const a = bound_udp4(), b = bound_udp4();
  label(port_of(a), "A");
  sendto(a, T("0123456789"), 10, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  memory.fill(BUF, 0, 16);
  line("msg.trunc.udp_peek"); put(R(recv(b, BUF, 4, MSG_PEEK | MSG_TRUNC))); put(BYTES(BUF, 5));
  line("msg.trunc.udp_recv"); put(R(recv(b, BUF, 4, MSG_TRUNC))); put(BYTES(BUF, 5));
  line("msg.trunc.udp_gone"); put(R(recv(b, BUF, 10, MSG_DONTWAIT)));
  sendto(a, T("0123456789"), 10, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  line("msg.trunc.udp_probe_null"); put(R(recv(b, 0, 0, MSG_PEEK | MSG_TRUNC)));
  memory.fill(BUF, 0, 16);
  line("msg.trunc.udp_short"); put(R(recv(b, BUF, 4, 0))); put(BYTES(BUF, 5));
  line("msg.trunc.udp_short_rest_gone"); put(R(recv(b, BUF, 10, MSG_DONTWAIT)));
  sendto(a, T("0123456789"), 10, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  iov(0, BUF, 4);
  msg(1);
  line("msg.trunc.recvmsg_short"); put(R(recvmsg(b, MP, 0))); put(MF(M.msg_flags));
  sendto(a, T("0123456789"), 10, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  msg(1);
  line("msg.trunc.recvmsg_trunc_flag"); put(R(recvmsg(b, MP, MSG_TRUNC))); put(MF(M.msg_flags));
  sendto(a, T("0123456789"), 10, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  iov(0, BUF, 10);
  msg(1);
  M.msg_flags = MSG_TRUNC;
  line("msg.trunc.recvmsg_exact"); put(R(recvmsg(b, MP, 0))); put(MF(M.msg_flags));
  sendto(a, T(""), 0, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  msg(1);
  line("msg.trunc.recvmsg_empty"); put(R(recvmsg(b, MP, MSG_TRUNC))); put(MF(M.msg_flags));
  close(a); close(b);
}

function msg_trunc_tcp(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  send(fds[2], T("0123456789"), 10, 0);
  readable(fds[1], 1000);
  settle(20);
  memory.fill(BUF, 0, 16);
  line("msg.trunc.tcp_recv"); put(R(recv(fds[1], BUF, 4, MSG_TRUNC | MSG_DONTWAIT))); put(BYTES(BUF, 4));
  line("msg.trunc.tcp_after"); put(R(recv(fds[1], BUF, 100, MSG_DONTWAIT))); put(BYTES(BUF, 6));
  drop_all(fds, 3);
}

// ---- iovecs ---------------------------------------------------------------------------------
// Each multi-iovec send has a case function of its own: under wasmtime a write beyond what
// check-write permitted traps the whole program.
function msg_writev_tcp_three(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  iov(0, T("abc"), 3); iov(1, T("defg"), 4); iov(2, T("hi"), 2);
  line("msg.writev.tcp_three"); put(R(writev(fds[1], IOVS, 3)));
  readable(fds[2], 1000);
  settle(20);
  line("msg.writev.tcp_three_peer"); put(R(recv(fds[2], BUF, 100, MSG_DONTWAIT))); put(BYTES(BUF, 9));
  drop_all(fds, 3);
}

function msg_sendmsg_tcp_three(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  iov(0, T("abc"), 3); iov(1, T("defg"), 4); iov(2, T("hi"), 2);
  msg(3);
  line("msg.sendmsg.tcp_three"); put(R(sendmsg(fds[1], MP, 0)));
  readable(fds[2], 1000);
  settle(20);
  line("msg.sendmsg.tcp_three_peer"); put(R(recv(fds[2], BUF, 100, MSG_DONTWAIT))); put(BYTES(BUF, 9));
  drop_all(fds, 3);
}

function msg_writev_tcp_empty_mixed(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  iov(0, T(""), 0); iov(1, T("ab"), 2); iov(2, 0, 0); iov(3, T("cd"), 2); iov(4, BUF, 0);
  line("msg.writev.tcp_empty_mixed"); put(R(writev(fds[1], IOVS, 5)));
  readable(fds[2], 1000);
  settle(20);
  line("msg.writev.tcp_empty_mixed_peer"); put(R(recv(fds[2], BUF, 100, MSG_DONTWAIT))); put(BYTES(BUF, 4));
  drop_all(fds, 3);
}

function msg_sendmsg_tcp_empty_mixed(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  iov(0, T(""), 0); iov(1, T("ab"), 2); iov(2, 0, 0); iov(3, T("cd"), 2); iov(4, BUF, 0);
  msg(5);
  line("msg.sendmsg.tcp_empty_mixed"); put(R(sendmsg(fds[1], MP, 0)));
  readable(fds[2], 1000);
  settle(20);
  line("msg.sendmsg.tcp_empty_mixed_peer"); put(R(recv(fds[2], BUF, 100, MSG_DONTWAIT))); put(BYTES(BUF, 4));
  drop_all(fds, 3);
}

function msg_writev_tcp_nothing(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  iov(0, T(""), 0); iov(1, 0, 0); iov(2, T("x"), 1);
  line("msg.writev.tcp_all_empty"); put(R(writev(fds[1], IOVS, 2)));
  line("msg.writev.tcp_iovcnt0"); put(R(writev(fds[1], IOVS, 0)));
  msg(2);
  line("msg.sendmsg.tcp_all_empty"); put(R(sendmsg(fds[1], MP, 0)));
  msg(0);
  line("msg.sendmsg.tcp_iovlen0"); put(R(sendmsg(fds[1], MP, 0)));
  line("msg.writev.tcp_one_after_empty"); put(R(writev(fds[1], IOVS + IOVEC, 2)));
  readable(fds[2], 1000);
  settle(20);
  line("msg.writev.tcp_nothing_peer"); put(R(recv(fds[2], BUF, 100, MSG_DONTWAIT))); put(BYTES(BUF, 1));
  drop_all(fds, 3);
}

function msg_writev_tcp_1024(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  for (let i = 0; i < 1024; i++) iov(i, BUF + 1000 + i, 1);
  for (let i = 0; i < 2048; i++) store<u8>(BUF + 1000 + i, <u8>i);
  line("msg.writev.tcp_1024"); put(R(writev(fds[1], IOVS, 1024)));
  set_timeout(fds[2], SO_RCVTIMEO, 1000);
  line("msg.writev.tcp_1024_peer"); put(R(recv(fds[2], OUT, 1024, MSG_WAITALL))); put(N(<i32>(memory.compare(OUT, BUF + 1000, 1024) == 0)));
  drop_all(fds, 3);
}

function msg_writev_tcp_large(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  for (let i = 0; i < 3; i++) iov(i, BUF + i * 40000, 40000);
  line("msg.writev.tcp_large"); put(R(writev(fds[1], IOVS, 3)));
  set_timeout(fds[2], SO_RCVTIMEO, 1000);
  line("msg.writev.tcp_large_peer"); put(R(recv(fds[2], OUT, 120000, MSG_WAITALL)));
  drop_all(fds, 3);
}

function msg_iov_tcp_recv(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  send(fds[2], T("abcdefghi"), 9, 0);
  readable(fds[1], 1000);
  settle(20);
  memory.fill(BUF, 0, 64);
  iov(0, BUF, 2); iov(1, BUF + 10, 3); iov(2, BUF + 20, 10);
  line("msg.readv.tcp_three"); put(R(readv(fds[1], IOVS, 3))); put(BYTES(BUF, 2)); put(BYTES(BUF + 10, 3)); put(BYTES(BUF + 20, 5));
  send(fds[2], T("abcdefghi"), 9, 0);
  readable(fds[1], 1000);
  settle(20);
  memory.fill(BUF, 0, 64);
  msg(3);
  line("msg.recvmsg.tcp_three"); put(R(recvmsg(fds[1], MP, 0))); put(BYTES(BUF, 2)); put(BYTES(BUF + 10, 3)); put(BYTES(BUF + 20, 5)); put(MF(M.msg_flags));
  send(fds[2], T("abcdefghi"), 9, 0);
  readable(fds[1], 1000);
  settle(20);
  memory.fill(BUF, 0, 64);
  iov(0, BUF, 0); iov(1, BUF, 3); iov(2, 0, 0); iov(3, BUF + 10, 3);
  line("msg.readv.tcp_empty_mixed"); put(R(readv(fds[1], IOVS, 4))); put(BYTES(BUF, 3)); put(BYTES(BUF + 10, 3));
  line("msg.readv.tcp_iovcnt0"); put(R(readv(fds[1], IOVS, 0)));
  msg(0);
  line("msg.recvmsg.tcp_iovlen0"); put(R(recvmsg(fds[1], MP, 0)));
  line("msg.readv.tcp_rest"); put(R(recv(fds[1], BUF, 100, 0))); put(BYTES(BUF, 3));
  msg(0);
  line("msg.recvmsg.tcp_iovlen0_empty_dontwait"); put(R(recvmsg(fds[1], MP, MSG_DONTWAIT)));
  iov(0, BUF, 4);
  msg(1);
  line("msg.recvmsg.tcp_empty_dontwait"); put(R(recvmsg(fds[1], MP, MSG_DONTWAIT)));
  drop_all(fds, 3);
}

function msg_iov_limits(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  for (let i = 0; i < 1025; i++) iov(i, BUF, 1);
  line("msg.writev.iovcnt_1025"); put(R(writev(fds[1], IOVS, 1025)));
  line("msg.writev.iovcnt_negative"); put(R(writev(fds[1], IOVS, NEGATIVE)));
  line("msg.readv.iovcnt_1025"); put(R(readv(fds[1], IOVS, 1025)));
  msg(1025);
  line("msg.sendmsg.iovlen_1025"); put(R(sendmsg(fds[1], MP, 0)));
  line("msg.recvmsg.iovlen_1025"); put(R(recvmsg(fds[1], MP, MSG_DONTWAIT)));
  line("msg.writev.iov_bad"); put(R(writev(fds[1], BAD, 1)));
  line("msg.writev.iov_null"); put(R(writev(fds[1], NOWHERE, 1)));
  line("msg.readv.iov_bad"); put(R(readv(fds[1], BAD, 1)));
  msg(1);
  M.msg_iov = BAD;
  line("msg.sendmsg.iov_bad"); put(R(sendmsg(fds[1], MP, 0)));
  line("msg.recvmsg.iov_bad"); put(R(recvmsg(fds[1], MP, MSG_DONTWAIT)));
  line("msg.sendmsg.msghdr_null"); put(R(sendmsg(fds[1], 0, 0)));
  line("msg.recvmsg.msghdr_null"); put(R(recvmsg(fds[1], 0, MSG_DONTWAIT)));
  iov(0, T("ab"), 2); iov(1, BAD, 3);
  line("msg.writev.base_bad"); put(R(writev(fds[1], IOVS, 2)));
  send(fds[2], T("xyz"), 3, 0);
  readable(fds[1], 1000);
  settle(20);
  iov(0, BAD, 3);
  line("msg.readv.base_bad"); put(R(readv(fds[1], IOVS, 1)));
  line("msg.readv.base_bad_kept"); put(R(recv(fds[1], BUF, 10, MSG_DONTWAIT))); put(BYTES(BUF, 3));
  drop_all(fds, 3);
}

function msg_iov_udp(): void {
  const a = bound_udp4(), b = bound_udp4();
  label(port_of(a), "A");
  dest(port_of(b));
  iov(0, T("abc"), 3); iov(1, T("defg"), 4); iov(2, T("hi"), 2);
  msg(3);
  M.msg_name = DEST;
  M.msg_namelen = SIN;
  line("msg.sendmsg.udp_three"); put(R(sendmsg(a, MP, 0)));
  readable(b, 1000);
  line("msg.sendmsg.udp_three_peer"); put(R(recv(b, BUF, 100, 0))); put(BYTES(BUF, 9));
  line("msg.sendmsg.udp_one_datagram"); put(R(recv(b, BUF, 100, MSG_DONTWAIT)));
  connect(a, DEST, SIN);
  line("msg.writev.udp_three"); put(R(writev(a, IOVS, 3)));
  readable(b, 1000);
  memory.fill(BUF, 0, 64);
  iov(0, BUF, 2); iov(1, BUF + 10, 3); iov(2, BUF + 20, 10);
  line("msg.readv.udp_three"); put(R(readv(b, IOVS, 3))); put(BYTES(BUF, 2)); put(BYTES(BUF + 10, 3)); put(BYTES(BUF + 20, 5));
  iov(0, T("abc"), 3); iov(1, T("defg"), 4); iov(2, T("hi"), 2);
  writev(a, IOVS, 3);
  readable(b, 1000);
  memory.fill(BUF, 0, 64);
  iov(0, BUF, 2); iov(1, BUF + 10, 3); iov(2, BUF + 20, 2);
  msg(3);
  line("msg.recvmsg.udp_three_short"); put(R(recvmsg(b, MP, 0))); put(BYTES(BUF, 2)); put(BYTES(BUF + 10, 3)); put(BYTES(BUF + 20, 3)); put(MF(M.msg_flags));
  iov(0, T(""), 0); iov(1, 0, 0);
  msg(2);
  line("msg.sendmsg.udp_all_empty"); put(R(sendmsg(a, MP, 0)));
  readable(b, 1000);
  line("msg.sendmsg.udp_all_empty_peer"); put(R(recv(b, BUF, 100, MSG_DONTWAIT)));
  line("msg.writev.udp_all_empty"); put(R(writev(a, IOVS, 2)));
  settle(20);
  line("msg.writev.udp_all_empty_peer"); put(R(recv(b, BUF, 100, MSG_DONTWAIT)));
  for (let i = 0; i < 1025; i++) iov(i, BUF, 1);
  line("msg.writev.udp_iovcnt_1025"); put(R(writev(a, IOVS, 1025)));
  msg(1025);
  line("msg.sendmsg.udp_iovlen_1025"); put(R(sendmsg(a, MP, 0)));
  settle(20);
  line("msg.sendmsg.udp_nothing_sent"); put(R(recv(b, BUF, 100, MSG_DONTWAIT)));
  close(a); close(b);
}

// ---- msghdr fields ---------------------------------------------------------------------------
function msg_hdr_fields(): void {
  const a = bound_udp4(), b = bound_udp4();
  label(port_of(a), "A");
  label(port_of(b), "B");
  sendto(a, T("hi"), 2, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  memory.fill(SS, 0, 128);
  iov(0, BUF, 10);
  msg(1);
  M.msg_name = SS;
  M.msg_namelen = 128;
  M.msg_control = CTL;
  M.msg_controllen = 64;
  M.msg_flags = MSG_EOR | MSG_CTRUNC;
  line("msg.recvmsg.udp_fields"); put(R(recvmsg(b, MP, 0))); put(NAME(SS, M.msg_namelen)); put(N(M.msg_namelen)); put(N(M.msg_controllen)); put(MF(M.msg_flags));
  sendto(a, T("hi"), 2, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  memory.fill(SS, 0xee, 128);
  msg(1);
  M.msg_name = SS;
  M.msg_namelen = 4;
  line("msg.recvmsg.udp_namelen_short"); put(R(recvmsg(b, MP, 0))); put(N(M.msg_namelen)); put(FAMILY(SS)); put(BYTES(SS + 4, 2));
  sendto(a, T("hi"), 2, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  msg(1);
  M.msg_namelen = 16;
  line("msg.recvmsg.udp_name_null"); put(R(recvmsg(b, MP, 0))); put(N(M.msg_namelen));
  sendto(a, T("hi"), 2, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  msg(1);
  M.msg_name = SS;
  M.msg_namelen = -1;
  line("msg.recvmsg.udp_namelen_negative"); put(R(recvmsg(b, MP, 0))); put(N(M.msg_namelen));
  drain(b);
  memory.fill(SS, 0, 128);
  memory.copy(SS, lo4(port_of(b)), SIN);
  iov(0, T("hi"), 2);
  msg(1);
  M.msg_name = SS;
  M.msg_namelen = 200;
  line("msg.sendmsg.udp_namelen_too_long"); put(R(sendmsg(a, MP, 0)));
  line("msg.sendto.udp_addrlen_too_long"); put(R(sendto(a, T("hi"), 2, 0, SS, 200)));
  readable(b, 1000);
  settle(20);
  line("msg.sendmsg.udp_namelen_too_long_peer"); put(R(recv(b, BUF, 10, MSG_DONTWAIT)));
  drain(b);
  close(a); close(b);
  const fds = [0, 0, 0];
  tcp_pair(fds);
  send(fds[2], T("hi"), 2, 0);
  readable(fds[1], 1000);
  settle(20);
  memory.fill(SS, 0xee, 128);
  iov(0, BUF, 10);
  msg(1);
  M.msg_name = SS;
  M.msg_namelen = 128;
  M.msg_control = CTL;
  M.msg_controllen = 64;
  M.msg_flags = MSG_EOR;
  line("msg.recvmsg.tcp_fields"); put(R(recvmsg(fds[1], MP, 0))); put(N(M.msg_namelen)); put(N(M.msg_controllen)); put(MF(M.msg_flags));
  const port = closed_port();
  dest(port);
  iov(0, T("ab"), 2);
  msg(1);
  M.msg_name = DEST;
  M.msg_namelen = SIN;
  line("msg.sendmsg.tcp_name_ignored"); put(R(sendmsg(fds[1], MP, 0)));
  msg(1);
  M.msg_name = lo6(port);
  M.msg_namelen = SIN6;
  line("msg.sendmsg.tcp_name_v6_ignored"); put(R(sendmsg(fds[1], MP, 0)));
  readable(fds[2], 1000);
  settle(20);
  line("msg.sendmsg.tcp_name_peer"); put(R(recv(fds[2], BUF, 100, 0))); put(BYTES(BUF, 4));
  msg(1);
  M.msg_name = SS;
  M.msg_namelen = 200;
  line("msg.sendmsg.tcp_namelen_too_long"); put(R(sendmsg(fds[1], MP, 0)));
  drain(fds[2]);
  drop_all(fds, 3);
}

function msg_control(): void {
  const a = bound_udp4(), b = bound_udp4();
  dest(port_of(b));
  iov(0, T("ttl"), 3);
  msg(1);
  M.msg_name = DEST;
  M.msg_namelen = SIN;
  M.msg_control = CTL;
  M.msg_controllen = 0;
  line("msg.control.udp_controllen0"); put(R(sendmsg(a, MP, 0)));
  M.msg_controllen = cmsg_int(IPPROTO_IP, IP_TTL, 5);
  line("msg.control.udp_ip_ttl"); put(R(sendmsg(a, MP, 0)));
  M.msg_controllen = cmsg_int(IPPROTO_IP, IP_TTL, 5);
  set_cmsg_len(100);
  line("msg.control.udp_cmsg_len_bad"); put(R(sendmsg(a, MP, 0)));
  drain(b);
  close(a); close(b);
  const fds = [0, 0, 0];
  tcp_pair(fds);
  iov(0, T("ab"), 2);
  msg(1);
  M.msg_control = CTL;
  M.msg_controllen = cmsg_int(IPPROTO_IP, IP_TTL, 5);
  line("msg.control.tcp_ip_ttl"); put(R(sendmsg(fds[1], MP, 0)));
  M.msg_controllen = cmsg_int(SOL_SOCKET, SCM_RIGHTS, fds[1]);
  line("msg.control.tcp_scm_rights"); put(R(sendmsg(fds[1], MP, 0)));
  drop_all(fds, 3);
}

// ---- flags ----------------------------------------------------------------------------------
function msg_flags_tcp(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  line("msg.flags.send_dontwait"); put(R(send(fds[1], T("abc"), 3, MSG_DONTWAIT)));
  line("msg.flags.send_unknown"); put(R(send(fds[1], T("abc"), 3, UNKNOWN_FLAG)));
  line("msg.flags.send_dontroute"); put(R(send(fds[1], T("abc"), 3, MSG_DONTROUTE)));
  line("msg.flags.send_eor"); put(R(send(fds[1], T("abc"), 3, MSG_EOR)));
  drain(fds[2]);
  deliver(fds[2], fds[1]);
  line("msg.flags.recv_unknown"); put(R(recv(fds[1], BUF, 2, UNKNOWN_FLAG | MSG_DONTWAIT)));
  drain(fds[1]);
  deliver(fds[2], fds[1]);
  line("msg.flags.recv_eor"); put(R(recv(fds[1], BUF, 2, MSG_EOR | MSG_DONTWAIT)));
  drain(fds[1]);
  deliver(fds[2], fds[1]);
  line("msg.flags.recv_cmsg_cloexec"); put(R(recv(fds[1], BUF, 2, MSG_CMSG_CLOEXEC | MSG_DONTWAIT)));
  drain(fds[1]);
  deliver(fds[2], fds[1]);
  line("msg.flags.recv_dontwait"); put(R(recv(fds[1], BUF, 100, MSG_DONTWAIT)));
  drop_all(fds, 3);
}

function msg_flags_udp(): void {
  const a = bound_udp4(), b = bound_udp4();
  line("msg.flags.udp_send_unknown"); put(R(sendto(a, T("abc"), 3, UNKNOWN_FLAG, lo4(port_of(b)), SIN)));
  line("msg.flags.udp_send_oob"); put(R(sendto(a, T("abc"), 3, MSG_OOB, lo4(port_of(b)), SIN)));
  drain(b);
  sendto(a, T("abc"), 3, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  line("msg.flags.udp_recv_waitall"); put(R(recv(b, BUF, 10, MSG_WAITALL))); put(BYTES(BUF, 3));
  sendto(a, T("abc"), 3, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  line("msg.flags.udp_recv_unknown"); put(R(recv(b, BUF, 10, UNKNOWN_FLAG | MSG_DONTWAIT)));
  drain(b);
  close(a); close(b);
}

function msg_oob(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  line("msg.oob.recv_none"); put(R(recv(fds[2], BUF, 1, MSG_OOB | MSG_DONTWAIT)));
  memory.fill(BUF, 0, 16);
  line("msg.oob.send"); put(R(send(fds[1], T("x"), 1, MSG_OOB)));
  readable(fds[2], 1000);
  settle(20);
  line("msg.oob.recv_urgent"); put(R(recv(fds[2], BUF, 1, MSG_OOB | MSG_DONTWAIT))); put(BYTES(BUF, 1));
  drop_all(fds, 3);
}

// ---- sendmmsg / recvmmsg ----------------------------------------------------------------------
function msg_mmsg_send(): void {
  const a = bound_udp4(), b = bound_udp4();
  label(port_of(a), "A");
  dest(port_of(b));
  for (let i = 0; i < 8; i++) {
    memory.fill(BUF + i * 16, <u8>(0x61 + i), 16);
    mmsg(i, BUF + i * 16, i + 1);
    mmsg_name(i, DEST, SIN);
  }
  line("msg.sendmmsg.udp_eight"); put(R(sendmmsg(a, MMS, 8, 0))); put(lens(8));
  readable(b, 1000);
  settle(20);
  for (let i = 0; i < 8; i++) {
    mmsg(i, OUT + i * 16, 16);
    mmsg_name(i, nm(i), SIN);
  }
  line("msg.recvmmsg.udp_eight"); put(R(recvmmsg(b, MMS, 8, 0, 0))); put(lens(8)); put(mflags(8));
  line("msg.recvmmsg.udp_eight_data"); put(BYTES(OUT, 1)); put(BYTES(OUT + 16 * 7, 8));
  line("msg.recvmmsg.udp_eight_names"); put(NAME(nm(0), mm(0).msg_hdr.msg_namelen)); put(NAME(nm(7), mm(7).msg_hdr.msg_namelen));
  line("msg.sendmmsg.vlen0"); put(R(sendmmsg(a, MMS, 0, 0)));
  line("msg.sendmmsg.null"); put(R(sendmmsg(a, 0, 1, 0)));
  for (let i = 0; i < 4; i++) {
    mmsg(i, BUF, 3);
    mmsg_name(i, DEST, SIN);
  }
  mmsg_name(2, 0, 0);
  line("msg.sendmmsg.third_bad"); put(R(sendmmsg(a, MMS, 4, 0))); put(lens(4));
  line("msg.sendmmsg.first_bad"); put(R(sendmmsg(a, changetype<usize>(mm(2)), 2, 0)));
  settle(20);
  for (let i = 0; i < 8; i++) mmsg(i, OUT + i * 16, 16);
  line("msg.sendmmsg.third_bad_peer"); put(R(recvmmsg(b, MMS, 8, MSG_DONTWAIT, 0)));
  connect(a, DEST, SIN);
  for (let i = 0; i < 3; i++) mmsg(i, BUF, i + 2);
  line("msg.sendmmsg.udp_connected"); put(R(sendmmsg(a, MMS, 3, 0))); put(lens(3));
  drain(b);
  close(a); close(b);
}

function msg_mmsg_recv(): void {
  const a = bound_udp4(), b = bound_udp4(), c = bound_udp4();
  label(port_of(a), "A");
  label(port_of(c), "C");
  for (let i = 0; i < 3; i++) sendto(a, T("abcdefgh"), i + 1, 0, lo4(port_of(b)), SIN);
  sendto(c, T("xyz"), 3, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  settle(20);
  for (let i = 0; i < 8; i++) {
    mmsg(i, OUT + i * 16, 16);
    mmsg_name(i, nm(i), SIN);
  }
  line("msg.recvmmsg.dontwait_fewer"); put(R(recvmmsg(b, MMS, 8, MSG_DONTWAIT, 0))); put(lens(4));
  line("msg.recvmmsg.sources"); put(NAME(nm(0), mm(0).msg_hdr.msg_namelen)); put(NAME(nm(3), mm(3).msg_hdr.msg_namelen)); put(N(mm(3).msg_hdr.msg_namelen));
  line("msg.recvmmsg.untouched_len"); put(N(mm(4).msg_len));
  line("msg.recvmmsg.dontwait_empty"); put(R(recvmmsg(b, MMS, 8, MSG_DONTWAIT, 0)));
  for (let i = 0; i < 3; i++) sendto(a, T("abcdefgh"), i + 4, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  settle(20);
  for (let i = 0; i < 8; i++) mmsg(i, OUT + i * 16, 16);
  line("msg.recvmmsg.waitforone"); put(R(recvmmsg(b, MMS, 8, MSG_WAITFORONE, 0))); put(lens(3));
  for (let i = 0; i < 3; i++) sendto(a, T("abcdefgh"), i + 1, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  settle(20);
  line("msg.recvmmsg.vlen0"); put(R(recvmmsg(b, MMS, 0, MSG_DONTWAIT, 0)));
  line("msg.recvmmsg.vlen0_null"); put(R(recvmmsg(b, 0, 0, MSG_DONTWAIT, 0)));
  line("msg.recvmmsg.null"); put(R(recvmmsg(b, 0, 2, MSG_DONTWAIT, 0)));
  for (let i = 0; i < 8; i++) mmsg(i, OUT + i * 16, 16);
  line("msg.recvmmsg.vlen_two_of_three"); put(R(recvmmsg(b, MMS, 2, MSG_DONTWAIT, 0))); put(lens(2));
  line("msg.recvmmsg.third_left"); put(R(recv(b, BUF, 100, MSG_DONTWAIT)));
  sendto(a, T("abcdefgh"), 2, 0, lo4(port_of(b)), SIN);
  sendto(a, T("ABCDEFGH"), 3, 0, lo4(port_of(b)), SIN);
  sendto(a, T("xyz"), 3, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  settle(20);
  for (let i = 0; i < 8; i++) mmsg(i, OUT + i * 16, 16);
  line("msg.recvmmsg.peek"); put(R(recvmmsg(b, MMS, 2, MSG_PEEK | MSG_DONTWAIT, 0))); put(lens(2)); put(BYTES(OUT, 2)); put(BYTES(OUT + 16, 2));
  line("msg.recvmmsg.peek_kept"); put(R(recvmmsg(b, MMS, 8, MSG_DONTWAIT, 0))); put(lens(3));
  close(a); close(b); close(c);
}

function msg_mmsg_timeout_args(): void {
  const a = bound_udp4(), b = bound_udp4();
  sendto(a, T("abc"), 3, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  for (let i = 0; i < 8; i++) mmsg(i, OUT + i * 16, 16);
  set_ts(0, 2000000000);
  line("msg.recvmmsg.timeout_nsec_bad"); put(R(recvmmsg(b, MMS, 8, MSG_DONTWAIT, TS)));
  set_ts(-1, 0);
  line("msg.recvmmsg.timeout_negative"); put(R(recvmmsg(b, MMS, 8, MSG_DONTWAIT, TS)));
  line("msg.recvmmsg.timeout_bad_pointer"); put(R(recvmmsg(b, MMS, 8, MSG_DONTWAIT, BAD)));
  set_ts(5, 0);
  line("msg.recvmmsg.timeout_dontwait"); put(R(recvmmsg(b, MMS, 8, MSG_DONTWAIT, TS))); put(lens(1));
  close(a); close(b);
}

// Calls that wait for more datagrams than arrive, bounded by SO_RCVTIMEO (Linux checks the
// recvmmsg timeout only after each datagram). Together, so that a host that never ends such a
// wait costs one case function.
function msg_mmsg_waits(): void {
  const a = bound_udp4(), b = bound_udp4();
  set_timeout(b, SO_RCVTIMEO, 150);
  for (let i = 0; i < 8; i++) mmsg(i, OUT + i * 16, 16);
  line("msg.recvmmsg.waitforone_empty_timeo"); put(R(recvmmsg(b, MMS, 8, MSG_WAITFORONE, 0)));
  for (let i = 0; i < 3; i++) sendto(a, T("abcdefgh"), i + 1, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  settle(20);
  set_ts(0, 100000000);
  line("msg.recvmmsg.timeout_fewer"); put(R(recvmmsg(b, MMS, 8, 0, TS))); put(lens(3));
  set_ts(0, 50000000);
  line("msg.recvmmsg.timeout_none"); put(R(recvmmsg(b, MMS, 8, 0, TS)));
  for (let i = 0; i < 3; i++) sendto(a, T("abcdefgh"), i + 1, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  settle(20);
  set_ts(0, 0);
  line("msg.recvmmsg.timeout_zero"); put(R(recvmmsg(b, MMS, 8, 0, TS)));
  drain(b);
  close(a); close(b);
}

function msg_mmsg_trunc(): void {
  const a = bound_udp4(), b = bound_udp4();
  for (let i = 0; i < 2; i++) sendto(a, T("0123456789"), 10, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  settle(20);
  for (let i = 0; i < 8; i++) mmsg(i, OUT + i * 16, 4);
  line("msg.recvmmsg.trunc_short"); put(R(recvmmsg(b, MMS, 2, MSG_DONTWAIT, 0))); put(lens(2)); put(mflags(2));
  for (let i = 0; i < 2; i++) sendto(a, T("0123456789"), 10, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  settle(20);
  for (let i = 0; i < 8; i++) mmsg(i, OUT + i * 16, 4);
  line("msg.recvmmsg.trunc_flag"); put(R(recvmmsg(b, MMS, 2, MSG_TRUNC | MSG_DONTWAIT, 0))); put(lens(2)); put(mflags(2));
  close(a); close(b);
}

function msg_mmsg_tcp(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  mmsg(0, T("abc"), 3); mmsg(1, T("de"), 2); mmsg(2, T("fghi"), 4);
  line("msg.sendmmsg.tcp_three"); put(R(sendmmsg(fds[1], MMS, 3, 0))); put(lens(3));
  readable(fds[2], 1000);
  settle(20);
  line("msg.sendmmsg.tcp_three_peer"); put(R(recv(fds[2], BUF, 100, 0))); put(BYTES(BUF, 9));
  send(fds[2], T("abcdefghi"), 9, 0);
  readable(fds[1], 1000);
  settle(20);
  for (let i = 0; i < 4; i++) mmsg(i, OUT + i * 16, 4);
  mmsg_name(0, SS, 128);
  line("msg.recvmmsg.tcp_dontwait"); put(R(recvmmsg(fds[1], MMS, 4, MSG_DONTWAIT, 0))); put(lens(3)); put(N(mm(0).msg_hdr.msg_namelen)); put(BYTES(OUT + 32, 1));
  send(fds[2], T("abcdefghi"), 9, 0);
  readable(fds[1], 1000);
  settle(20);
  for (let i = 0; i < 4; i++) mmsg(i, OUT + i * 16, 4);
  line("msg.recvmmsg.tcp_waitforone"); put(R(recvmmsg(fds[1], MMS, 4, MSG_WAITFORONE, 0))); put(lens(3));
  send(fds[2], T("abcd"), 4, 0);
  readable(fds[1], 1000);
  settle(20);
  set_timeout(fds[1], SO_RCVTIMEO, 150);
  for (let i = 0; i < 4; i++) mmsg(i, OUT + i * 16, 4);
  line("msg.recvmmsg.tcp_blocking_fewer"); put(R(recvmmsg(fds[1], MMS, 3, 0, 0))); put(lens(1));
  send(fds[2], T("abcd"), 4, 0);
  close(fds[2]);
  fds[2] = -1;
  readable(fds[1], 1000);
  settle(20);
  for (let i = 0; i < 4; i++) mmsg(i, OUT + i * 16, 8);
  line("msg.recvmmsg.tcp_eof"); put(R(recvmmsg(fds[1], MMS, 3, MSG_DONTWAIT, 0))); put(lens(3));
  drop_all(fds, 3);
}

// ---- read / write on sockets -------------------------------------------------------------------
function msg_rw(): void {
  const fds = [0, 0, 0];
  tcp_pair(fds);
  line("msg.rw.tcp_write_zero"); put(R(write(fds[1], T("abc"), 0)));
  set_timeout(fds[2], SO_RCVTIMEO, 150);
  line("msg.rw.tcp_read_zero_nothing"); put(R(read(fds[2], BUF, 0)));
  write(fds[1], T("abc"), 3);
  readable(fds[2], 1000);
  settle(20);
  line("msg.rw.tcp_read_zero"); put(R(read(fds[2], BUF, 0)));
  line("msg.rw.tcp_read_kept"); put(R(read(fds[2], BUF, 10))); put(BYTES(BUF, 3));
  write(fds[1], T("abc"), 3);
  readable(fds[2], 1000);
  settle(20);
  line("msg.rw.tcp_read_bad_buffer"); put(R(read(fds[2], BAD, 10)));
  line("msg.rw.tcp_read_bad_buffer_kept"); put(R(read(fds[2], BUF, 10)));
  close(fds[1]);
  fds[1] = -1;
  readable(fds[2], 1000);
  line("msg.rw.tcp_read_eof"); put(R(read(fds[2], BUF, 10))); put(R(read(fds[2], BUF, 10)));
  iov(0, BUF, 4);
  line("msg.rw.tcp_readv_eof"); put(R(readv(fds[2], IOVS, 1)));
  drop_all(fds, 3);
  const a = bound_udp4(), b = bound_udp4();
  label(port_of(a), "A");
  connect(a, lo4(port_of(b)), SIN);
  line("msg.rw.udp_write_zero"); put(R(write(a, T("abc"), 0)));
  readable(b, 1000);
  line("msg.rw.udp_write_zero_peer"); put(R(recv(b, BUF, 10, MSG_DONTWAIT)));
  write(a, T("abc"), 3);
  readable(b, 1000);
  line("msg.rw.udp_read_zero"); put(R(read(b, BUF, 0)));
  line("msg.rw.udp_read_zero_kept"); put(R(recv(b, BUF, 10, MSG_DONTWAIT)));
  write(a, T("abc"), 3);
  readable(b, 1000);
  iov(0, BUF, 0);
  line("msg.rw.udp_readv_empty"); put(R(readv(b, IOVS, 1)));
  line("msg.rw.udp_readv_empty_kept"); put(R(recv(b, BUF, 10, MSG_DONTWAIT)));
  write(a, T("abc"), 3);
  readable(b, 1000);
  line("msg.rw.udp_recv_zero"); put(R(recv(b, BUF, 0, 0)));
  line("msg.rw.udp_recv_zero_consumed"); put(R(recv(b, BUF, 10, MSG_DONTWAIT)));
  write(a, T("abcdef"), 6);
  readable(b, 1000);
  line("msg.rw.udp_read_short"); put(R(read(b, BUF, 4))); put(BYTES(BUF, 4));
  line("msg.rw.udp_read_short_rest_gone"); put(R(recv(b, BUF, 10, MSG_DONTWAIT)));
  const u = udp4();
  line("msg.rw.udp_write_unconnected"); put(R(write(u, T("abc"), 3)));
  close(u);
  close(a); close(b);
}

// What recvmmsg leaves and fills: the datagrams behind a timeout that has passed stay queued; after
// SHUT_RD every message is recvmsg's 0; a TCP socket's timeout is looked at after a message too;
// sendmsg refuses a negative msg_namelen (it cuts only a long one).
function msg_mmsg_rest(): void {
  const a = bound_udp4(), b = bound_udp4();
  for (let i = 0; i < 3; i++) sendto(a, T("abcdefgh"), i + 1, 0, lo4(port_of(b)), SIN);
  readable(b, 1000);
  settle(20);
  for (let i = 0; i < 8; i++) mmsg(i, OUT + i * 16, 16);
  set_ts(0, 0);
  line("msg.recvmmsg.timeout_zero_first"); put(R(recvmmsg(b, MMS, 8, 0, TS))); put(lens(1));
  line("msg.recvmmsg.timeout_zero_kept"); put(R(recvmmsg(b, MMS, 8, MSG_DONTWAIT, 0))); put(lens(2));
  memory.fill(SS, 0, 128);
  memory.copy(SS, lo4(port_of(b)), SIN);
  iov(0, T("hi"), 2);
  msg(1);
  M.msg_name = SS;
  M.msg_namelen = NEGATIVE;
  line("msg.sendmsg.udp_namelen_negative"); put(R(sendmsg(a, MP, 0)));
  connect(b, lo4(port_of(a)), SIN);
  shutdown(b, SHUT_RD);
  for (let i = 0; i < 8; i++) {
    mmsg(i, OUT + i * 16, 16);
    mmsg_name(i, nm(i), SIN);
  }
  line("msg.recvmmsg.udp_shut_rd"); put(R(recvmmsg(b, MMS, 3, 0, 0))); put(lens(3)); put(N(mm(0).msg_hdr.msg_namelen));
  line("msg.recvmmsg.udp_shut_rd_waitforone"); put(R(recvmmsg(b, MMS, 3, MSG_WAITFORONE, 0)));
  line("msg.recvmmsg.udp_shut_rd_dontwait"); put(R(recvmmsg(b, MMS, 3, MSG_DONTWAIT, 0)));
  close(a); close(b);
  const fds = [0, 0, 0];
  tcp_pair(fds);
  send(fds[2], T("abcd"), 4, 0);
  readable(fds[1], 1000);
  settle(20);
  for (let i = 0; i < 4; i++) mmsg(i, OUT + i * 16, 2);
  set_ts(0, 0);
  line("msg.recvmmsg.tcp_timeout_zero"); put(R(recvmmsg(fds[1], MMS, 3, 0, TS))); put(lens(1));
  line("msg.recvmmsg.tcp_timeout_zero_kept"); put(R(recv(fds[1], BUF, 10, MSG_DONTWAIT))); put(BYTES(BUF, 2));
  drop_all(fds, 3);
}

export const CASES: Case[] = [
  C("msg_peek_basic", msg_peek_basic),
  C("msg_peek_short", msg_peek_short),
  C("msg_peek_states", msg_peek_states),
  C("msg_waitall", msg_waitall),
  C("msg_waitall_timeout", msg_waitall_timeout),
  C("msg_trunc_udp", msg_trunc_udp),
  C("msg_trunc_tcp", msg_trunc_tcp),
  C("msg_writev_tcp_three", msg_writev_tcp_three),
  C("msg_sendmsg_tcp_three", msg_sendmsg_tcp_three),
  C("msg_writev_tcp_empty_mixed", msg_writev_tcp_empty_mixed),
  C("msg_sendmsg_tcp_empty_mixed", msg_sendmsg_tcp_empty_mixed),
  C("msg_writev_tcp_nothing", msg_writev_tcp_nothing),
  C("msg_writev_tcp_1024", msg_writev_tcp_1024),
  C("msg_writev_tcp_large", msg_writev_tcp_large),
  C("msg_iov_tcp_recv", msg_iov_tcp_recv),
  C("msg_iov_limits", msg_iov_limits),
  C("msg_iov_udp", msg_iov_udp),
  C("msg_hdr_fields", msg_hdr_fields),
  C("msg_control", msg_control),
  C("msg_flags_tcp", msg_flags_tcp),
  C("msg_flags_udp", msg_flags_udp),
  C("msg_oob", msg_oob),
  C("msg_mmsg_send", msg_mmsg_send),
  C("msg_mmsg_recv", msg_mmsg_recv),
  C("msg_mmsg_timeout_args", msg_mmsg_timeout_args),
  C("msg_mmsg_trunc", msg_mmsg_trunc),
  C("msg_mmsg_tcp", msg_mmsg_tcp),
  C("msg_rw", msg_rw),
  C("msg_mmsg_waits", msg_mmsg_waits),
  C("msg_mmsg_rest", msg_mmsg_rest),
];

// Integration probe for the POSIX TCP layer; each mode prints lines the test checks.
//   refused PORT     connect to a closed port: "CONNECT -1 <errno>"
//   nbconnect PORT   non-blocking connect to an echo peer: EINPROGRESS, then EALREADY or 0, then an echo
//   reset            listen, print PORT, read until the peer resets: "RECV -1 <errno>", then "SEND -1 <errno>"
//   names            getsockname/getpeername edge cases
import {
  socket, bind, listen, accept, connect, recv, send, close, getsockname, getpeername, fcntl, shutdown,
  AF_INET, AF_INET6, SOCK_STREAM, SOCK_NONBLOCK, SOCK_DGRAM, SHUT_WR, sockaddr_in, htons, ntohs, htonl, INADDR_LOOPBACK,
  F_GETFL, F_SETFL, O_NONBLOCK, errno, EINPROGRESS, EALREADY, EISCONN,
} from "as-posix-sockets";

const ERRNO_NAMES = new Map<i32, string>();
ERRNO_NAMES.set(6, "EAGAIN"); ERRNO_NAMES.set(7, "EALREADY"); ERRNO_NAMES.set(8, "EBADF");
ERRNO_NAMES.set(14, "ECONNREFUSED"); ERRNO_NAMES.set(15, "ECONNRESET"); ERRNO_NAMES.set(21, "EFAULT");
ERRNO_NAMES.set(26, "EINPROGRESS"); ERRNO_NAMES.set(28, "EINVAL"); ERRNO_NAMES.set(30, "EISCONN");
ERRNO_NAMES.set(53, "ENOTCONN"); ERRNO_NAMES.set(57, "ENOTSOCK"); ERRNO_NAMES.set(64, "EPIPE");
ERRNO_NAMES.set(66, "EPROTONOSUPPORT"); ERRNO_NAMES.set(5, "EAFNOSUPPORT"); ERRNO_NAMES.set(67, "EPROTOTYPE");

function name(e: i32): string {
  return ERRNO_NAMES.has(e) ? ERRNO_NAMES.get(e) : e.toString();
}

function report(what: string, r: isize): void {
  console.log(r < 0 ? `${what} ${r} ${name(errno)}` : `${what} ${r}`);
}

function loopback(port: u16): sockaddr_in {
  const a = new sockaddr_in();
  a.sin_family = <u16>AF_INET;
  a.sin_port = htons(port);
  a.sin_addr = htonl(INADDR_LOOPBACK);
  return a;
}

const SIZE = offsetof<sockaddr_in>();

function refused(port: u16): void {
  const fd = socket(AF_INET, SOCK_STREAM, 0);
  report("CONNECT", connect(fd, changetype<usize>(loopback(port)), SIZE));
  close(fd);
}

function nbconnect(port: u16): void {
  const fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  report("FLAGS", fcntl(fd, F_GETFL) & O_NONBLOCK);
  const addr = changetype<usize>(loopback(port));
  report("CONNECT", connect(fd, addr, SIZE));
  // Poll by calling connect again, as portable code does without poll().
  let r = -1;
  for (let i = 0; i < 100000; i++) {
    r = connect(fd, addr, SIZE);
    if (r == 0 || errno != EALREADY) break;
  }
  report("CONNECTED", r);
  report("AGAIN", connect(fd, addr, SIZE));
  fcntl(fd, F_SETFL, 0); // blocking again for the echo
  const msg = String.UTF8.encode("ping");
  report("SEND", send(fd, changetype<usize>(msg), 4, 0));
  const buf = heap.alloc(16);
  report("RECV", recv(fd, buf, 16, 0));
  close(fd);
}

function resetByPeer(): void {
  const server = socket(AF_INET, SOCK_STREAM, 0);
  bind(server, changetype<usize>(loopback(0)), SIZE);
  listen(server, 1);
  const a = new sockaddr_in();
  const len = heap.alloc(4);
  store<u32>(len, SIZE);
  getsockname(server, changetype<usize>(a), len);
  console.log(`PORT ${ntohs(a.sin_port)}`);
  const c = accept(server, 0, 0);
  const buf = heap.alloc(65536);
  let r: isize = 0;
  while (true) {
    r = recv(c, buf, 65536, 0);
    if (r <= 0) break;
  }
  report("RECV", r);
  const data = heap.alloc(65536);
  let s: isize = 0;
  for (let i = 0; i < 64; i++) {
    s = send(c, data, 65536, 0);
    if (s < 0) break;
  }
  report("SEND", s);
  close(c);
  close(server);
}

function names(): void {
  const fd = socket(AF_INET, SOCK_STREAM, 0);
  const a = new sockaddr_in();
  a.sin_port = 0xffff;
  const len = heap.alloc(4);
  store<u32>(len, SIZE);
  report("GETSOCKNAME_UNBOUND", getsockname(fd, changetype<usize>(a), len));
  console.log(`UNBOUND family=${a.sin_family} port=${a.sin_port} addr=${a.sin_addr} len=${load<u32>(len)}`);
  report("GETPEERNAME_UNCONNECTED", getpeername(fd, changetype<usize>(a), len));
  bind(fd, changetype<usize>(loopback(0)), SIZE);
  store<u32>(len, 4); // too short: truncates, reports the full length
  const small = heap.alloc(16);
  memory.fill(small, 0xaa, 16);
  report("GETSOCKNAME_SHORT", getsockname(fd, small, len));
  console.log(`SHORT len=${load<u32>(len)} family=${load<u16>(small)} byte4=${load<u8>(small, 4)}`);
  report("LISTEN", listen(fd, 4));
  report("LISTEN_AGAIN", listen(fd, 8));
  report("ACCEPT_BADPTR", accept(fd, changetype<usize>(a), 0xfffffff0));
  report("SHUTDOWN_LISTENING", shutdown(fd, SHUT_WR));
  report("CONNECT_LISTENING", connect(fd, changetype<usize>(loopback(9)), SIZE));
  report("RECV_LISTENING", recv(fd, small, 16, 0));
  report("BIND_SHORT", bind(socket(AF_INET, SOCK_STREAM, 0), changetype<usize>(loopback(0)), 8));
  report("BIND_WRONG_FAMILY", bind(socket(AF_INET6, SOCK_STREAM, 0), changetype<usize>(loopback(0)), SIZE));
  report("SOCKET_BAD_FAMILY", socket(99, SOCK_STREAM, 0));
  report("SOCKET_BAD_TYPE", socket(AF_INET, 77, 0));
  report("SOCKET_BAD_PROTOCOL", socket(AF_INET, SOCK_STREAM, 17));
  report("CLOSE", close(fd));
  report("CLOSE_AGAIN", close(fd));
  report("SEND_STDOUT_FD", send(1, small, 1, 0));
  report("RECV_BADFD", recv(9999, small, 1, 0));
}

export function main(): i32 {
  const args = process.argv;
  const mode = args[1];
  const port = args.length > 2 ? <u16>I32.parseInt(args[2]) : <u16>0;
  if (mode == "refused") refused(port);
  else if (mode == "nbconnect") nbconnect(port);
  else if (mode == "reset") resetByPeer();
  else if (mode == "names") names();
  else return 2;
  return 0;
}

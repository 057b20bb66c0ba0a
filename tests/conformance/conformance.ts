// The conformance suite: POSIX-level checks of the behaviour the library
// promises (../docs/compatibility.md, Linux's answers), run as one component
// under each runtime against itself on 127.0.0.1. Prints "PASS name" or
// "FAIL name: detail" per case, then "N passed, N failed".
import {
  socket, bind, listen, accept, connect, send, recv, sendto, recvfrom, shutdown, close, getsockname, getpeername,
  getsockopt, setsockopt, poll, fcntl, getaddrinfo, freeaddrinfo, addrinfo, pollfd,
  AF_INET, AF_INET6, AF_UNSPEC, SOCK_STREAM, SOCK_DGRAM, SOCK_NONBLOCK, SOL_SOCKET, MSG_PEEK, MSG_TRUNC, MSG_DONTWAIT,
  SHUT_RD, SHUT_WR, SHUT_RDWR, SO_TYPE, SO_PROTOCOL, SO_DOMAIN, SO_ERROR, SO_RCVBUF, SO_RCVTIMEO, SO_ACCEPTCONN,
  IPPROTO_IP, IPPROTO_IPV6, IPPROTO_TCP, IP_TTL, IPV6_V6ONLY, TCP_KEEPIDLE, AI_NUMERICHOST,
  POLLIN, POLLOUT, POLLHUP, POLLNVAL, F_GETFL, O_NONBLOCK,
  EAI_NONAME, EAI_FAMILY, EAI_SOCKTYPE, EAI_SERVICE,
  sockaddr_in, htons, ntohs, htonl, INADDR_LOOPBACK, errno,
  EINVAL, EADDRINUSE, EADDRNOTAVAIL, EAFNOSUPPORT, ECONNREFUSED, EINPROGRESS, EISCONN, ENOTCONN, EPIPE, EAGAIN,
  EDESTADDRREQ, EMSGSIZE, EOPNOTSUPP, ENOPROTOOPT, EBADF,
} from "as-posix-sockets";

const SIZE: u32 = <u32>offsetof<sockaddr_in>();
const BUF = heap.alloc(70000);
const VAL = heap.alloc(16);
const LEN = heap.alloc(4);
let passed = 0;
let failed = 0;

function check(name: string, ok: bool, detail: string = ""): void {
  if (ok) {
    passed++;
    console.log(`PASS ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}: ${detail}`);
  }
}

function fails(name: string, r: isize, e: i32): void {
  check(name, r == -1 && errno == e, `returned ${r}, errno ${errno}, wanted errno ${e}`);
}

function addr(a: u8, b: u8, c: u8, d: u8, port: u16): usize {
  const s = new sockaddr_in();
  s.sin_family = <u16>AF_INET;
  s.sin_port = htons(port);
  s.sin_addr = (<u32>d << 24) | (<u32>c << 16) | (<u32>b << 8) | a;
  return changetype<usize>(s);
}

function loopback(port: u16): usize { return addr(127, 0, 0, 1, port); }

function portOf(fd: i32): u16 {
  const s = new sockaddr_in();
  store<u32>(LEN, SIZE);
  getsockname(fd, changetype<usize>(s), LEN);
  return ntohs(s.sin_port);
}

function getInt(fd: i32, level: i32, name: i32): i32 {
  store<u32>(LEN, 4);
  return getsockopt(fd, level, name, VAL, LEN) < 0 ? -1000 - errno : load<i32>(VAL);
}

function setInt(fd: i32, level: i32, name: i32, v: i32): isize {
  store<i32>(VAL, v);
  return setsockopt(fd, level, name, VAL, 4);
}

/** A listener on 127.0.0.1 and a connected client/server pair. */
function pair(): i32[] {
  const l = socket(AF_INET, SOCK_STREAM, 0);
  bind(l, loopback(0), SIZE);
  listen(l, 8);
  const c = socket(AF_INET, SOCK_STREAM, 0);
  connect(c, loopback(portOf(l)), SIZE);
  const s = accept(l, 0, 0);
  return [l, c, s];
}

function tcpStates(): void {
  const a = socket(AF_INET, SOCK_STREAM, 0);
  store<u32>(LEN, SIZE);
  memory.fill(BUF, 0xaa, 16);
  check("tcp: an unbound socket's name is 0.0.0.0:0",
    getsockname(a, BUF, LEN) == 0 && load<u16>(BUF) == <u16>AF_INET && load<u16>(BUF, 2) == 0 && load<u32>(BUF, 4) == 0);
  check("tcp: bind to port 0 picks an ephemeral port", bind(a, loopback(0), SIZE) == 0 && portOf(a) != 0);
  fails("tcp: bind twice is EINVAL", bind(a, loopback(0), SIZE), EINVAL);
  const b = socket(AF_INET, SOCK_STREAM, 0);
  fails("tcp: bind to an address no interface owns is EADDRNOTAVAIL", bind(b, addr(192, 0, 2, 1, 0), SIZE), EADDRNOTAVAIL);
  fails("tcp: bind with a short length is EINVAL", bind(b, loopback(0), 8), EINVAL);
  const v6 = socket(AF_INET6, SOCK_STREAM, 0);
  fails("tcp: bind an IPv4 address to an IPv6 socket is EAFNOSUPPORT", bind(v6, loopback(0), SIZE), EAFNOSUPPORT);
  check("tcp: listen binds implicitly", listen(a, 4) == 0 && portOf(a) != 0);
  const c = socket(AF_INET, SOCK_STREAM, 0);
  fails("tcp: bind to a listening port is EADDRINUSE", bind(c, loopback(portOf(a)), SIZE), EADDRINUSE);
  const d = socket(AF_INET, SOCK_STREAM, 0);
  check("tcp: listen without bind works (implicit bind)", listen(d, 1) == 0 && portOf(d) != 0);
  const e = socket(AF_INET, SOCK_STREAM, 0);
  fails("tcp: accept on a socket that is not listening is EINVAL", accept(e, 0, 0), EINVAL);
  fails("tcp: getpeername on an unconnected socket is ENOTCONN", getpeername(e, BUF, LEN), ENOTCONN);
  fails("tcp: shutdown of an unconnected socket is ENOTCONN", shutdown(e, SHUT_RDWR), ENOTCONN);
  fails("tcp: send on an unconnected socket is ENOTCONN", send(e, BUF, 1, 0), ENOTCONN);
  const closedPort = portOf(d);
  close(d);
  const f = socket(AF_INET, SOCK_STREAM, 0);
  fails("tcp: connect to a closed port is ECONNREFUSED", connect(f, loopback(closedPort), SIZE), ECONNREFUSED);
  for (let i = 0; i < 6; i++) close([a, b, c, e, f, v6][i]);
}

function tcpData(): void {
  const p = pair();
  const l = p[0], c = p[1], s = p[2];
  fails("tcp: connect on a connected socket is EISCONN", connect(c, loopback(portOf(l)), SIZE), EISCONN);
  fails("tcp: listen on a connected socket is EINVAL", listen(c, 1), EINVAL);
  store<u8>(BUF, 42);
  check("tcp: a byte goes through", send(c, BUF, 1, 0) == 1 && recv(s, BUF + 1, 1, 0) == 1 && load<u8>(BUF + 1) == 42);
  send(c, BUF, 5, 0);
  const peeked = recv(s, BUF + 100, 5, MSG_PEEK | 0x100);
  const read = recv(s, BUF + 200, 5, 0);
  check("tcp: MSG_PEEK then recv read the same bytes", peeked == 5 && read == 5 && memory.compare(BUF + 100, BUF + 200, 5) == 0);
  fails("tcp: recv with nothing waiting and MSG_DONTWAIT is EAGAIN", recv(s, BUF, 5, MSG_DONTWAIT), EAGAIN);
  fails("tcp: MSG_TRUNC is EOPNOTSUPP on TCP", recv(s, BUF, 5, MSG_TRUNC), EOPNOTSUPP);
  check("tcp: shutdown(SHUT_WR) succeeds", shutdown(c, SHUT_WR) == 0);
  fails("tcp: send after SHUT_WR is EPIPE", send(c, BUF, 1, 0), EPIPE);
  check("tcp: the peer reads EOF after SHUT_WR", recv(s, BUF, 5, 0) == 0);
  check("tcp: recv after a local SHUT_RD returns 0", shutdown(s, SHUT_RD) == 0 && recv(s, BUF, 5, 0) == 0);
  close(c); close(s); close(l);
  fails("tcp: close twice is EBADF", close(c), EBADF);
}

function tcpNonblocking(): void {
  const l = socket(AF_INET, SOCK_STREAM, 0);
  bind(l, loopback(0), SIZE);
  listen(l, 8);
  const c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  check("nonblock: SOCK_NONBLOCK shows in F_GETFL", (fcntl(c, F_GETFL) & O_NONBLOCK) != 0);
  fails("nonblock: connect is EINPROGRESS", connect(c, loopback(portOf(l)), SIZE), EINPROGRESS);
  const p = changetype<pollfd>(heap.alloc(8));
  p.fd = c;
  p.events = POLLOUT;
  const n = poll(changetype<usize>(p), 1, 5000);
  check("nonblock: poll reports the connect done (POLLOUT)", n == 1 && (p.revents & POLLOUT) != 0, `poll ${n} revents ${p.revents}`);
  check("nonblock: SO_ERROR is 0 after a successful connect", getInt(c, SOL_SOCKET, SO_ERROR) == 0);
  fails("nonblock: accept with nothing waiting is EAGAIN", accept(socketNonblockingListener(), 0, 0), EAGAIN);
  const closedPort = portOf(l);
  close(l);
  close(c);
  const d = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  const r = connect(d, loopback(closedPort), SIZE);
  p.fd = d;
  p.events = POLLOUT;
  if (r == -1 && errno == EINPROGRESS) poll(changetype<usize>(p), 1, 5000);
  const err = getInt(d, SOL_SOCKET, SO_ERROR);
  check("nonblock: a refused connect shows in SO_ERROR, once", (r == -1 && errno == ECONNREFUSED) || (err == ECONNREFUSED && getInt(d, SOL_SOCKET, SO_ERROR) == 0), `connect ${r} errno ${errno} SO_ERROR ${err}`);
  close(d);
}

function socketNonblockingListener(): i32 {
  const l = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  listen(l, 1);
  return l;
}

function udp(): void {
  const u = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  fails("udp: recv on an unbound non-blocking socket is EAGAIN (it is not EINVAL)", recv(u, BUF, 10, 0), EAGAIN);
  fails("udp: send without a peer is EDESTADDRREQ", send(u, BUF, 1, 0), EDESTADDRREQ);
  const v = socket(AF_INET, SOCK_DGRAM, 0);
  bind(v, loopback(0), SIZE);
  check("udp: sendto binds implicitly", sendto(u, BUF, 3, 0, loopback(portOf(v)), SIZE) == 3 && portOf(u) != 0);
  const from = new sockaddr_in();
  store<u32>(LEN, SIZE);
  check("udp: recvfrom reports the source", recvfrom(v, BUF, 100, 0, changetype<usize>(from), LEN) == 3 && ntohs(from.sin_port) == portOf(u));
  fails("udp: a datagram over 65507 bytes is EMSGSIZE", sendto(u, BUF, 65508, 0, loopback(portOf(v)), SIZE), EMSGSIZE);
  sendto(u, BUF, 10, 0, loopback(portOf(v)), SIZE);
  check("udp: MSG_TRUNC returns the datagram's length", recv(v, BUF, 4, MSG_TRUNC) == 10);
  check("udp: connect sets the peer", connect(u, loopback(portOf(v)), SIZE) == 0 && getpeername(u, BUF, LEN) == 0);
  store<u16>(BUF + 500, <u16>AF_UNSPEC);
  check("udp: connect(AF_UNSPEC) dissolves it", connect(u, BUF + 500, SIZE) == 0 && getpeername(u, BUF, LEN) == -1 && errno == ENOTCONN);
  fails("udp: listen is EOPNOTSUPP", listen(u, 1), EOPNOTSUPP);
  close(u); close(v);
}

function options(): void {
  const t = socket(AF_INET, SOCK_STREAM, 0);
  const u = socket(AF_INET, SOCK_DGRAM, 0);
  const t6 = socket(AF_INET6, SOCK_STREAM, 0);
  check("options: SO_TYPE", getInt(t, SOL_SOCKET, SO_TYPE) == SOCK_STREAM && getInt(u, SOL_SOCKET, SO_TYPE) == SOCK_DGRAM);
  check("options: SO_PROTOCOL", getInt(t, SOL_SOCKET, SO_PROTOCOL) == IPPROTO_TCP);
  check("options: SO_DOMAIN", getInt(t6, SOL_SOCKET, SO_DOMAIN) == AF_INET6);
  check("options: SO_ACCEPTCONN is 0 before listen", getInt(t, SOL_SOCKET, SO_ACCEPTCONN) == 0);
  check("options: SO_RCVBUF of 0 clamps instead of failing", setInt(t, SOL_SOCKET, SO_RCVBUF, 0) == 0 && getInt(t, SOL_SOCKET, SO_RCVBUF) > 0);
  fails("options: IP_TTL 0 is EINVAL", setInt(t, IPPROTO_IP, IP_TTL, 0), EINVAL);
  fails("options: IP_TTL 256 is EINVAL", setInt(u, IPPROTO_IP, IP_TTL, 256), EINVAL);
  check("options: IP_TTL 1..255 reads back", setInt(u, IPPROTO_IP, IP_TTL, 200) == 0 && getInt(u, IPPROTO_IP, IP_TTL) == 200);
  check("options: IPV6_V6ONLY reads 1", getInt(t6, IPPROTO_IPV6, IPV6_V6ONLY) == 1);
  fails("options: IPV6_V6ONLY 0 is EOPNOTSUPP", setInt(t6, IPPROTO_IPV6, IPV6_V6ONLY, 0), EOPNOTSUPP);
  fails("options: TCP_KEEPIDLE 0 is EINVAL", setInt(t, IPPROTO_TCP, TCP_KEEPIDLE, 0), EINVAL);
  fails("options: TCP_KEEPIDLE on UDP is ENOPROTOOPT", setInt(u, IPPROTO_TCP, TCP_KEEPIDLE, 5), ENOPROTOOPT);
  fails("options: an unknown option is ENOPROTOOPT", setInt(t, SOL_SOCKET, 12345, 1), ENOPROTOOPT);
  fails("options: a short SO_RCVTIMEO is EINVAL", setsockopt(t, SOL_SOCKET, SO_RCVTIMEO, VAL, 8), EINVAL);
  close(t); close(u); close(t6);
}

function lookup(node: string, family: i32, socktype: i32, flags: i32, service: string = "80"): i32 {
  const h = changetype<addrinfo>(heap.alloc(32));
  memory.fill(changetype<usize>(h), 0, 32);
  h.ai_family = family;
  h.ai_socktype = socktype;
  h.ai_flags = flags;
  const n = String.UTF8.encode(node, true);
  const s = String.UTF8.encode(service, true);
  const r = getaddrinfo(changetype<usize>(n), changetype<usize>(s), changetype<usize>(h), LEN);
  if (r == 0) freeaddrinfo(load<usize>(LEN));
  heap.free(changetype<usize>(h));
  return r;
}

function names(): void {
  check("names: a literal resolves", lookup("127.0.0.1", AF_UNSPEC, SOCK_STREAM, 0) == 0);
  check("names: localhost resolves", lookup("localhost", AF_INET, SOCK_STREAM, 0) == 0);
  check("names: an empty name is EAI_NONAME", lookup("", AF_UNSPEC, 0, 0) == EAI_NONAME);
  check("names: host:port is EAI_NONAME", lookup("localhost:80", AF_UNSPEC, 0, 0) == EAI_NONAME);
  check("names: a URL is EAI_NONAME", lookup("http://example.com/", AF_UNSPEC, 0, 0) == EAI_NONAME);
  check("names: a name with spaces is EAI_NONAME", lookup("a b", AF_UNSPEC, 0, 0) == EAI_NONAME);
  check("names: AI_NUMERICHOST refuses a name", lookup("localhost", AF_UNSPEC, 0, AI_NUMERICHOST) == EAI_NONAME);
  check("names: a bad family is EAI_FAMILY", lookup("127.0.0.1", 99, 0, 0) == EAI_FAMILY);
  check("names: a bad socket type is EAI_SOCKTYPE", lookup("127.0.0.1", AF_UNSPEC, 99, 0) == EAI_SOCKTYPE);
  check("names: an unknown service is EAI_SERVICE", lookup("127.0.0.1", AF_UNSPEC, 0, 0, "no-such-service") == EAI_SERVICE);
}

function readiness(): void {
  const fds = heap.alloc(16);
  const p0 = changetype<pollfd>(fds);
  const p1 = changetype<pollfd>(fds + 8);
  const t = socket(AF_INET, SOCK_STREAM, 0);
  const gone = socket(AF_INET, SOCK_STREAM, 0);
  close(gone);
  p0.fd = t; p0.events = POLLIN | POLLOUT;
  p1.fd = gone; p1.events = POLLIN;
  check("poll: an unconnected TCP socket is POLLOUT|POLLHUP, a closed fd POLLNVAL",
    poll(fds, 2, 0) == 2 && p0.revents == (POLLOUT | POLLHUP) && p1.revents == POLLNVAL, `${p0.revents} ${p1.revents}`);
  const p = pair();
  p0.fd = p[0]; p0.events = POLLIN;
  check("poll: a listener with nothing waiting is not readable", poll(fds, 1, 0) == 0);
  const c = socket(AF_INET, SOCK_STREAM, 0);
  connect(c, loopback(portOf(p[0])), SIZE);
  check("poll: a listener with a connection waiting is readable", poll(fds, 1, 5000) == 1 && (p0.revents & POLLIN) != 0);
  close(accept(p[0], 0, 0));
  p0.fd = p[2]; p0.events = POLLIN;
  send(p[1], BUF, 3, 0);
  check("poll: data makes a connection readable", poll(fds, 1, 5000) == 1 && (p0.revents & POLLIN) != 0);
  for (let i = 0; i < 3; i++) close(p[i]);
  close(c); close(t);
}

export function main(): i32 {
  tcpStates();
  tcpData();
  tcpNonblocking();
  udp();
  options();
  names();
  readiness();
  console.log(`${passed} passed, ${failed} failed`);
  return failed == 0 ? 0 : 1;
}

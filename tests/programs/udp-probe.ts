// Integration probe for UDP and the message calls; each mode prints lines the test checks.
//   peek-udp        PEEK then read one datagram (same bytes, same source); recvmsg into three iovecs; MSG_TRUNC
//   stream          TCP: PEEK then read; MSG_WAITALL across the peer's fragmented writes; readv
//   mmsg            recvmmsg 64 datagrams (waiting for all), then sendmmsg 64 back to their sender
//   connected PORT  connect to 127.0.0.1:PORT, print PORT, print every datagram until "end"
import {
  socket, bind, listen, accept, connect, recv, recvfrom, recvmsg, recvmmsg, sendmmsg, close, getsockname,
  AF_INET, SOCK_STREAM, SOCK_DGRAM, MSG_PEEK, MSG_WAITALL, MSG_TRUNC, sockaddr_in, msghdr, mmsghdr,
  htons, ntohs, htonl, INADDR_LOOPBACK, errno, readv,
} from "as-posix-sockets";

const SIZE: u32 = <u32>offsetof<sockaddr_in>();

function loopback(port: u16): sockaddr_in {
  const a = new sockaddr_in();
  a.sin_family = <u16>AF_INET;
  a.sin_port = htons(port);
  a.sin_addr = htonl(INADDR_LOOPBACK);
  return a;
}

function check(what: string, r: isize): isize {
  if (r < 0) {
    console.log(`${what} -1 errno=${errno}`);
    process.exit(1);
  }
  return r;
}

/** A socket bound to 127.0.0.1:0 (listening, for TCP) whose port is printed as "PORT n" once it is ready. */
function boundSocket(type: i32): i32 {
  const fd = <i32>check("socket", socket(AF_INET, type, 0));
  check("bind", bind(fd, changetype<usize>(loopback(0)), SIZE));
  if (type == SOCK_STREAM) check("listen", listen(fd, 1));
  const a = new sockaddr_in();
  const len = heap.alloc(4);
  store<u32>(len, SIZE);
  check("getsockname", getsockname(fd, changetype<usize>(a), len));
  console.log(`PORT ${ntohs(a.sin_port)}`);
  return fd;
}

function text(p: usize, n: usize): string {
  return String.UTF8.decodeUnsafe(p, n);
}

function peekUdp(): void {
  const fd = boundSocket(SOCK_DGRAM);
  const a = heap.alloc(2048);
  const b = heap.alloc(2048);
  const fromA = new sockaddr_in();
  const fromB = new sockaddr_in();
  const len = heap.alloc(4);
  store<u32>(len, SIZE);
  const n1 = check("peek", recvfrom(fd, a, 2048, MSG_PEEK, changetype<usize>(fromA), len));
  store<u32>(len, SIZE);
  const n2 = check("read", recvfrom(fd, b, 2048, 0, changetype<usize>(fromB), len));
  const sameData = n1 == n2 && memory.compare(a, b, n1) == 0;
  const sameFrom = fromA.sin_port == fromB.sin_port && fromA.sin_addr == fromB.sin_addr;
  console.log(`PEEK ${n1} READ ${n2} same-data=${sameData} same-source=${sameFrom}`);

  const iov = heap.alloc(24);
  store<usize>(iov, a); store<usize>(iov, 3, 4);
  store<usize>(iov, a + 100, 8); store<usize>(iov, 4, 12);
  store<usize>(iov, a + 200, 16); store<usize>(iov, 5, 20);
  const m = new msghdr();
  m.msg_iov = iov;
  m.msg_iovlen = 3;
  const n3 = check("recvmsg", recvmsg(fd, changetype<usize>(m), 0));
  console.log(`RECVMSG ${n3} truncated=${(m.msg_flags & MSG_TRUNC) != 0} parts=${text(a, 3)}|${text(a + 100, 4)}|${text(a + 200, 5)}`);
  console.log(`TRUNC ${check("recv", recv(fd, b, 4, MSG_TRUNC))} ${text(b, 4)}`);
  close(fd);
}

function stream(): void {
  const server = boundSocket(SOCK_STREAM);
  const c = <i32>check("accept", accept(server, 0, 0));
  const a = heap.alloc(4096);
  const b = heap.alloc(4096);
  const n1 = check("peek", recv(c, a, 5, MSG_PEEK | MSG_WAITALL));
  const n2 = check("read", recv(c, b, 5, 0));
  console.log(`PEEK ${n1} READ ${n2} same-data=${n1 == n2 && memory.compare(a, b, n1) == 0} ${text(b, 5)}`);
  const n3 = check("waitall", recv(c, a, 1000, MSG_WAITALL));
  let sum: u32 = 0;
  for (let i: isize = 0; i < n3; i++) sum = sum * 31 + load<u8>(a + i);
  console.log(`WAITALL ${n3} sum=${sum}`);
  const iov = heap.alloc(16);
  store<usize>(iov, a); store<usize>(iov, 2, 4);
  store<usize>(iov, a + 10, 8); store<usize>(iov, 100, 12);
  const n4 = check("readv", readv(c, iov, 2));
  console.log(`READV ${n4} ${text(a, 2)}|${text(a + 10, <usize>n4 - 2)}`);
  close(c);
  close(server);
}

function mmsg(): void {
  const fd = boundSocket(SOCK_DGRAM);
  const N = 64;
  const vec = heap.alloc(N * 32);
  const iovs = heap.alloc(N * 8);
  const bufs = heap.alloc(N * 128);
  const names = heap.alloc(N * 16);
  memory.fill(vec, 0, N * 32);
  for (let i = 0; i < N; i++) {
    store<usize>(iovs + i * 8, bufs + i * 128);
    store<usize>(iovs + i * 8, 128, 4);
    const h = changetype<mmsghdr>(vec + i * 32);
    h.msg_iov = iovs + i * 8;
    h.msg_iovlen = 1;
    h.msg_name = names + i * 16;
    h.msg_namelen = 16;
  }
  let got = 0;
  while (got < N) got += <i32>check("recvmmsg", recvmmsg(fd, vec + got * 32, N - got, 0, 0));
  let intact = true;
  for (let i = 0; i < N; i++) {
    const h = changetype<mmsghdr>(vec + i * 32);
    const first = load<u8>(bufs + i * 128);
    if (h.msg_len != <u32>first + 1) intact = false;
    for (let k: u32 = 0; k < h.msg_len; k++) if (load<u8>(bufs + i * 128 + k) != first) intact = false;
  }
  console.log(`RECVMMSG ${got} intact=${intact}`);
  // Everything back to the first datagram's sender.
  for (let i = 0; i < N; i++) {
    const h = changetype<mmsghdr>(vec + i * 32);
    store<usize>(iovs + i * 8, h.msg_len, 4);
    h.msg_name = names;
    h.msg_namelen = SIZE;
  }
  let sent = 0;
  while (sent < N) sent += <i32>check("sendmmsg", sendmmsg(fd, vec + sent * 32, N - sent, 0));
  console.log(`SENDMMSG ${sent}`);
  close(fd);
}

function connected(peerPort: u16): void {
  const fd = <i32>check("socket", socket(AF_INET, SOCK_DGRAM, 0));
  check("connect", connect(fd, changetype<usize>(loopback(peerPort)), SIZE));
  const a = new sockaddr_in();
  const len = heap.alloc(4);
  store<u32>(len, SIZE);
  check("getsockname", getsockname(fd, changetype<usize>(a), len));
  console.log(`PORT ${ntohs(a.sin_port)}`);
  const buf = heap.alloc(256);
  while (true) {
    const n = check("recv", recv(fd, buf, 256, 0));
    const s = text(buf, n);
    console.log(`GOT ${s}`);
    if (s == "end") break;
  }
  close(fd);
}

export function main(): i32 {
  const args = process.argv;
  const mode = args.length > 1 ? args[1] : "";
  if (mode == "peek-udp") peekUdp();
  else if (mode == "stream") stream();
  else if (mode == "mmsg") mmsg();
  else if (mode == "connected") connected(<u16>I32.parseInt(args[2]));
  else {
    console.log(`unknown mode ${mode}`);
    return 2;
  }
  return 0;
}

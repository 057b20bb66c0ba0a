// Integration probe for socket options and timeouts on a real host.
//   options              every ✅ option on TCP and UDP: set, read back (and the guest-answered ones)
//   dualstack N          dual-stack emulation: listen on :: with IPV6_V6ONLY 0, accept N clients, print their addresses
//   timeouts PORT        PORT: a peer that accepts and then neither reads nor writes.
//                        recv, accept, send (buffers full) and connect (backlog full) under
//                        SO_RCVTIMEO/SO_SNDTIMEO of 300 ms: each line gives the result and the elapsed ms
import {
  socket, bind, listen, accept, connect, send, recv, getsockopt, setsockopt, close, getsockname, fcntl, ioctl,
  AF_INET, AF_INET6, SOCK_STREAM, SOCK_DGRAM, SOCK_NONBLOCK, SOL_SOCKET, IPPROTO_IP, IPPROTO_IPV6, IPPROTO_TCP,
  SO_TYPE, SO_PROTOCOL, SO_DOMAIN, SO_ACCEPTCONN, SO_REUSEADDR, SO_KEEPALIVE, SO_RCVBUF, SO_SNDBUF, SO_RCVTIMEO, SO_SNDTIMEO,
  IP_TTL, IPV6_UNICAST_HOPS, IPV6_V6ONLY, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT, FIONREAD,
  sockaddr_in, htons, ntohs, htonl, INADDR_LOOPBACK, errno,
} from "as-posix-sockets";
import { now } from "as-posix-sockets/assembly/wasi/clocks/monotonic-clock";
import { asps_dual_stack } from "as-posix-sockets";

const SIZE: u32 = <u32>offsetof<sockaddr_in>();
const VAL = heap.alloc(16);
const LEN = heap.alloc(4);

function loopback(port: u16): usize {
  const a = new sockaddr_in();
  a.sin_family = <u16>AF_INET;
  a.sin_port = htons(port);
  a.sin_addr = htonl(INADDR_LOOPBACK);
  return changetype<usize>(a);
}

function get(fd: i32, level: i32, name: i32): string {
  store<u32>(LEN, 4);
  return getsockopt(fd, level, name, VAL, LEN) < 0 ? `E${errno}` : load<i32>(VAL).toString();
}

function set(fd: i32, level: i32, name: i32, v: i32): string {
  store<i32>(VAL, v);
  return setsockopt(fd, level, name, VAL, 4) < 0 ? `E${errno}` : "ok";
}

function options(): void {
  const t = socket(AF_INET, SOCK_STREAM, 0);
  const u = socket(AF_INET, SOCK_DGRAM, 0);
  const t6 = socket(AF_INET6, SOCK_STREAM, 0);
  console.log(`TYPE ${get(t, SOL_SOCKET, SO_TYPE)} ${get(u, SOL_SOCKET, SO_TYPE)} PROTOCOL ${get(t, SOL_SOCKET, SO_PROTOCOL)} ${get(u, SOL_SOCKET, SO_PROTOCOL)} DOMAIN ${get(t6, SOL_SOCKET, SO_DOMAIN)}`);
  console.log(`KEEPALIVE ${set(t, SOL_SOCKET, SO_KEEPALIVE, 1)} ${get(t, SOL_SOCKET, SO_KEEPALIVE)}`);
  console.log(`KEEPIDLE ${set(t, IPPROTO_TCP, TCP_KEEPIDLE, 30)} ${get(t, IPPROTO_TCP, TCP_KEEPIDLE)} KEEPINTVL ${set(t, IPPROTO_TCP, TCP_KEEPINTVL, 7)} ${get(t, IPPROTO_TCP, TCP_KEEPINTVL)} KEEPCNT ${set(t, IPPROTO_TCP, TCP_KEEPCNT, 4)} ${get(t, IPPROTO_TCP, TCP_KEEPCNT)}`);
  console.log(`TTL ${set(t, IPPROTO_IP, IP_TTL, 17)} ${get(t, IPPROTO_IP, IP_TTL)} ${set(u, IPPROTO_IP, IP_TTL, 18)} ${get(u, IPPROTO_IP, IP_TTL)} HOPS ${set(t6, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 19)} ${get(t6, IPPROTO_IPV6, IPV6_UNICAST_HOPS)}`);
  // Buffer sizes: the host may round; report whether the value read back is at least what was asked.
  set(t, SOL_SOCKET, SO_RCVBUF, 131072);
  set(u, SOL_SOCKET, SO_SNDBUF, 65536);
  console.log(`BUFFERS ${<i32>I32.parseInt(get(t, SOL_SOCKET, SO_RCVBUF)) >= 131072} ${<i32>I32.parseInt(get(u, SOL_SOCKET, SO_SNDBUF)) >= 65536} ZERO ${set(t, SOL_SOCKET, SO_SNDBUF, 0)}`);
  console.log(`V6ONLY ${get(t6, IPPROTO_IPV6, IPV6_V6ONLY)} ${set(t6, IPPROTO_IPV6, IPV6_V6ONLY, 0)} REUSEADDR ${get(t, SOL_SOCKET, SO_REUSEADDR)} ACCEPTCONN ${get(t, SOL_SOCKET, SO_ACCEPTCONN)} ${listen(t, 1)} ${get(t, SOL_SOCKET, SO_ACCEPTCONN)}`);
  close(t); close(u); close(t6);
}

function timeout(fd: i32, name: i32, ms: i64): void {
  store<i64>(VAL, ms / 1000);
  store<i64>(VAL, (ms % 1000) * 1000, 8);
  setsockopt(fd, SOL_SOCKET, name, VAL, 16);
}

function elapsedMs(since: u64): u64 {
  return (now() - since) / 1_000_000;
}

function report(what: string, r: isize, since: u64): void {
  console.log(`${what} ${r} ${r < 0 ? errno.toString() : "-"} ${elapsedMs(since)}`);
}

function timeouts(port: u16): void {
  // recv: the peer never writes.
  const c = socket(AF_INET, SOCK_STREAM, 0);
  connect(c, loopback(port), SIZE);
  timeout(c, SO_RCVTIMEO, 300);
  let t0 = now();
  report("RECV", recv(c, VAL, 16, 0), t0);
  // send: the peer never reads, so the buffers fill up and the wait for budget times out.
  timeout(c, SO_SNDTIMEO, 300);
  const big = heap.alloc(64 << 20);
  t0 = now();
  const sent = send(c, big, 64 << 20, 0);
  console.log(`SEND ${sent > 0 && sent < (64 << 20) ? "partial" : sent.toString()} ${sent < 0 ? errno.toString() : "-"} ${elapsedMs(t0)}`);
  // accept: nobody connects.
  const l = socket(AF_INET, SOCK_STREAM, 0);
  bind(l, loopback(0), SIZE);
  listen(l, 1);
  timeout(l, SO_RCVTIMEO, 300);
  t0 = now();
  report("ACCEPT", accept(l, 0, 0), t0);
  // connect: a listener with a full backlog that never accepts drops further SYNs.
  store<u32>(LEN, SIZE);
  const a = new sockaddr_in();
  getsockname(l, changetype<usize>(a), LEN);
  const lport = ntohs(a.sin_port);
  // Fill it: blocking connects bounded by 100 ms each (the host drives a connect only while someone waits on it).
  for (let i = 0; i < 8; i++) {
    const f = socket(AF_INET, SOCK_STREAM, 0);
    timeout(f, SO_SNDTIMEO, 100);
    connect(f, loopback(lport), SIZE);
  }
  const d = socket(AF_INET, SOCK_STREAM, 0);
  timeout(d, SO_SNDTIMEO, 300);
  t0 = now();
  report("CONNECT", connect(d, loopback(lport), SIZE), t0);
}

/** "::ffff:7f00:1" style: the segments in hex, zero runs not compressed except the leading five. */
function text6(sa: usize): string {
  let out = "";
  for (let i = 0; i < 8; i++) {
    const seg = bswap<u16>(load<u16>(sa + 8 + <usize>i * 2));
    out += (i > 0 ? ":" : "") + seg.toString(16);
  }
  return out;
}

function dualstack(clients: i32): void {
  asps_dual_stack(true);
  const fd = socket(AF_INET6, SOCK_STREAM, 0);
  console.log(`V6ONLY ${set(fd, IPPROTO_IPV6, IPV6_V6ONLY, 0)} ${get(fd, IPPROTO_IPV6, IPV6_V6ONLY)}`);
  const sa = heap.alloc(32);
  memory.fill(sa, 0, 32);
  store<u16>(sa, <u16>AF_INET6);
  if (bind(fd, sa, 28) < 0 || listen(fd, 8) < 0) {
    console.log(`LISTEN -1 ${errno}`);
    return;
  }
  store<u32>(LEN, 28);
  getsockname(fd, sa, LEN);
  console.log(`PORT ${bswap<u16>(load<u16>(sa, 2))}`);
  for (let i = 0; i < clients; i++) {
    store<u32>(LEN, 28);
    const c = accept(fd, sa, LEN);
    if (c < 0) {
      console.log(`ACCEPT -1 ${errno}`);
      return;
    }
    console.log(`PEER ${text6(sa)} len=${load<u32>(LEN)}`);
    const b = heap.alloc(8);
    store<u32>(b, 0x0a6b6f); // "ok\n"
    send(c, b, 3, 0);
    close(c);
  }
  close(fd);
}

export function main(): i32 {
  const args = process.argv;
  const mode = args.length > 1 ? args[1] : "";
  if (mode == "options") options();
  else if (mode == "timeouts") timeouts(<u16>I32.parseInt(args[2]));
  else if (mode == "dualstack") dualstack(I32.parseInt(args[2]));
  else {
    console.log(`unknown mode ${mode}`);
    return 2;
  }
  return 0;
}

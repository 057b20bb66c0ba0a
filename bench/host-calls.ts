// Host calls per POSIX operation, counted by the scripted fake host
// (tests/fake-host). bench/run.js instantiates this module against the fake,
// prepares each operation, zeroes the counters, calls one export and reads
// the counters back. Each export is one operation in its steady state
// (pollables already created, addresses cached where the library caches).
import { socket, bind, listen, accept, connect, send, recv, getsockname, sendto, recvfrom, sendmmsg, recvmmsg, mmsghdr } from "../include/sys/socket";
import { SOCK_DGRAM, MSG_WAITFORONE } from "../include/sys/socket";
import { UdpSocket } from "../assembly/net/udp";
import { poll, pollfd, POLLIN } from "../include/poll";
import { close } from "../include/unistd";
import { AF_INET, SOCK_STREAM, SOCK_NONBLOCK, MSG_DONTWAIT } from "../include/sys/socket";
import { sockaddr_in, INADDR_LOOPBACK } from "../include/netinet/in";
import { htons, htonl } from "../include/arpa/inet";
import { descriptor } from "../assembly/net/descriptors";
import { TcpSocket } from "../assembly/net/tcp";

export { cabi_realloc } from "../assembly/wasi/abi";

const ADDR = new sockaddr_in();
const SIZE: u32 = <u32>offsetof<sockaddr_in>();
const BUF = heap.alloc(256 * 1024);
const LEN = heap.alloc(4);

let listener: i32 = -1;
let client: i32 = -1;
let accepted: i32 = -1;

function loopback(port: u16): usize {
  ADDR.sin_family = <u16>AF_INET;
  ADDR.sin_port = htons(port);
  ADDR.sin_addr = htonl(INADDR_LOOPBACK);
  return changetype<usize>(ADDR);
}

function tcpOf(fd: i32): TcpSocket {
  return changetype<TcpSocket>(descriptor(fd)!.socket);
}

/** A listener on 127.0.0.1 and a connected client socket; returns the listener's host handle. */
export function prepare(): u32 {
  listener = socket(AF_INET, SOCK_STREAM, 0);
  bind(listener, loopback(0), SIZE);
  listen(listener, 16);
  client = socket(AF_INET, SOCK_STREAM, 0);
  connect(client, loopback(9000), SIZE);
  return tcpOf(listener).handle;
}

/** The host input stream of the connected client (for the bench to deliver bytes to). */
export function clientInput(): u32 {
  return tcpOf(client).input;
}

export function opSocket(): i32 {
  const fd = socket(AF_INET, SOCK_STREAM, 0);
  return fd;
}
export function opClose(fd: i32): i32 {
  return close(fd);
}
export function opConnect(fd: i32): i32 {
  return connect(fd, loopback(9000), SIZE);
}
export function opAccept(): i32 {
  accepted = accept(listener, 0, 0);
  return accepted;
}
export function opSend(n: u32): isize {
  return send(client, BUF, n, 0);
}
export function opRecv(n: u32): isize {
  return recv(client, BUF, n, 0);
}
export function opRecvWouldBlock(): isize {
  return recv(client, BUF, 64, MSG_DONTWAIT);
}
export function opGetsockname(): i32 {
  store<u32>(LEN, SIZE);
  return getsockname(listener, BUF, LEN);
}
export function nonblockingSocket(): i32 {
  return socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
}

// ---- UDP ------------------------------------------------------------------------
let udp: i32 = -1;
const BATCH = 64;
const VEC = heap.alloc(BATCH * 32);
const IOVS = heap.alloc(BATCH * 8);

/** A bound UDP socket and a 64-message vector of 100-byte datagrams to 127.0.0.1:7; returns the socket's host handle. */
export function prepareUdp(): u32 {
  udp = socket(AF_INET, SOCK_DGRAM, 0);
  bind(udp, loopback(0), SIZE);
  memory.fill(VEC, 0, BATCH * 32);
  for (let i = 0; i < BATCH; i++) {
    store<usize>(IOVS + i * 8, BUF + i * 100);
    store<usize>(IOVS + i * 8, 100, 4);
    const h = changetype<mmsghdr>(VEC + i * 32);
    h.msg_name = changetype<usize>(ADDR);
    h.msg_namelen = SIZE;
    h.msg_iov = IOVS + i * 8;
    h.msg_iovlen = 1;
  }
  return changetype<UdpSocket>(descriptor(udp)!.socket).handle;
}
export function opSendto(): isize {
  return sendto(udp, BUF, 100, 0, loopback(7), SIZE);
}
export function opRecvfrom(): isize {
  store<u32>(LEN, SIZE);
  return recvfrom(udp, BUF, 65536, 0, changetype<usize>(ADDR), LEN);
}
export function opSendmmsg(): i32 {
  loopback(7);
  return sendmmsg(udp, VEC, BATCH, 0);
}
export function opRecvmmsg(): i32 {
  return recvmmsg(udp, VEC, BATCH, MSG_WAITFORONE, 0);
}

// ---- poll over many idle connections, one active ------------------------------------
let pollFds: usize = 0;
let idle: i32[] = [];

/** Accepts `n` connections (the bench queues them on the listener first) and polls them once (pollables made). */
export function preparePoll(n: i32): void {
  idle = [];
  pollFds = heap.alloc(<usize>n * 8);
  for (let i = 0; i < n; i++) {
    const fd = accept(listener, 0, 0);
    idle.push(fd);
    const p = changetype<pollfd>(pollFds + <usize>i * 8);
    p.fd = fd;
    p.events = POLLIN;
  }
}
export function inputOfPolled(i: i32): u32 {
  return tcpOf(idle[i]).input;
}
export function opPoll(n: i32): i32 {
  return poll(pollFds, n, -1);
}
export function drainPolled(i: i32): isize {
  return recv(idle[i], BUF, 64, 0);
}
export function closePolled(): void {
  for (let i = 0; i < idle.length; i++) close(idle[i]);
  heap.free(pollFds);
}

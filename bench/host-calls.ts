// Host calls per POSIX operation, counted by the scripted fake host
// (tests/fake-host). bench/run.js instantiates this module against the fake,
// prepares each operation, zeroes the counters, calls one export and reads
// the counters back. Each export is one operation in its steady state
// (pollables already created, addresses cached where the library caches).
import { socket, bind, listen, accept, connect, send, recv, getsockname } from "../include/sys/socket";
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

// A TCP client written as it would be in C: connect to an IPv4 address,
// send a message, half-close, print everything the server sends back.
//
//   as-posix-sockets build examples/tcp-client.ts -o client.wasm
//   as-posix-sockets run client.wasm -- 127.0.0.1 7000 "hello"
// (Names instead of numeric addresses arrive with getaddrinfo.)
import {
  socket, connect, send, recv, shutdown, close,
  AF_INET, SOCK_STREAM, SHUT_WR, sockaddr_in, htons, errno, strerror,
} from "as-posix-sockets";

function die(what: string): i32 {
  console.error(`${what}: ${strerror(errno)}`);
  return 1;
}

/** a.b.c.d in network byte order, or -1. */
function parseIpv4(text: string): i64 {
  const parts = text.split(".");
  if (parts.length != 4) return -1;
  let addr: u32 = 0;
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    if (p.length == 0 || p.length > 3) return -1;
    for (let k = 0; k < p.length; k++) if (p.charCodeAt(k) < 48 || p.charCodeAt(k) > 57) return -1;
    const v = I32.parseInt(p);
    if (v > 255) return -1;
    addr |= (<u32>v) << (8 * i); // first octet at the lowest address
  }
  return addr;
}

export function main(): i32 {
  const args = process.argv;
  if (args.length < 4) {
    console.error("usage: tcp-client <ipv4> <port> <message>");
    return 2;
  }
  const ip = parseIpv4(args[1]);
  if (ip < 0) {
    console.error(`not an IPv4 address: ${args[1]}`);
    return 2;
  }
  const fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return die("socket");
  const addr = new sockaddr_in();
  addr.sin_family = <u16>AF_INET;
  addr.sin_port = htons(<u16>I32.parseInt(args[2]));
  addr.sin_addr = <u32>ip;
  if (connect(fd, changetype<usize>(addr), offsetof<sockaddr_in>()) < 0) return die("connect");

  const message = String.UTF8.encode(args[3]);
  if (send(fd, changetype<usize>(message), message.byteLength, 0) < 0) return die("send");
  if (shutdown(fd, SHUT_WR) < 0) return die("shutdown");

  const buf = heap.alloc(4096);
  let reply = "";
  while (true) {
    const n = recv(fd, buf, 4096, 0);
    if (n < 0) return die("recv");
    if (n == 0) break;
    reply += String.UTF8.decodeUnsafe(buf, n);
  }
  close(fd);
  console.log(`REPLY ${reply}`);
  return 0;
}

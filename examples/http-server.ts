// A small HTTP/1.1 server written as it would be in C: an event loop on
// poll() with non-blocking sockets serves GET and HEAD to curl and browsers,
// many connections at once (Connection: close).
//
//   as-posix-sockets build examples/http-server.ts -o http.wasm
//   as-posix-sockets run http.wasm -- 8080 [connections]   (port 0: any free port; 0: serve until stopped)
import {
  socket, bind, listen, accept4, recv, send, close, getsockname, getpeername, poll, fcntl,
  AF_INET, SOCK_STREAM, SOCK_NONBLOCK, POLLIN, F_SETFL, pollfd,
  sockaddr_in, htons, ntohs, htonl, INADDR_LOOPBACK, errno, strerror, EAGAIN, EMFILE, ENFILE,
} from "as-posix-sockets";

const MAX_REQUEST: i32 = 16384;
const MAX_CONNECTIONS: i32 = 1024;

/** A connection's request bytes so far. */
class Pending {
  buf: usize = heap.alloc(MAX_REQUEST);
  used: i32 = 0;
}

const fds = heap.alloc(<usize>MAX_CONNECTIONS * 8);
const pending = new Array<Pending | null>(MAX_CONNECTIONS);
let count = 0;
let served = 0;
let finished = 0;

function entry(i: i32): pollfd {
  return changetype<pollfd>(fds + <usize>i * 8);
}

function die(what: string): i32 {
  console.log(`${what}: ${strerror(errno)}`);
  return 1;
}

/** Sends all of `text`; false if the client went away. */
function sendAll(fd: i32, text: string): bool {
  const bytes = String.UTF8.encode(text);
  return send(fd, changetype<usize>(bytes), bytes.byteLength, 0) == bytes.byteLength;
}

function respond(fd: i32, status: string, body: string, headOnly: bool): void {
  const length = String.UTF8.byteLength(body);
  let head = `HTTP/1.1 ${status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${length}\r\nConnection: close\r\nServer: as-posix-sockets\r\n\r\n`;
  // A small response: back to blocking for the send, which then completes at once.
  fcntl(fd, F_SETFL, 0);
  if (sendAll(fd, head) && !headOnly) sendAll(fd, body);
}

function page(path: string, peer: string, number: i32): string {
  return `<!doctype html><html><head><title>as-posix-sockets</title></head><body>` +
    `<h1>Hello from WebAssembly</h1><p>This page was served through POSIX sockets on WASI Preview 2.</p>` +
    `<p>You asked for <code>${path}</code> from ${peer}; request #${number}.</p></body></html>\n`;
}

function peerOf(fd: i32): string {
  const a = new sockaddr_in();
  const len = memory.data(4);
  store<u32>(len, offsetof<sockaddr_in>());
  if (getpeername(fd, changetype<usize>(a), len) < 0) return "unknown";
  const ip = bswap<u32>(a.sin_addr);
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}:${ntohs(a.sin_port)}`;
}

/** Answers a complete request head. */
function answer(fd: i32, head: string): void {
  const line = head.substring(0, head.indexOf("\r\n") >= 0 ? head.indexOf("\r\n") : head.length);
  const parts = line.split(" ");
  const method = parts.length > 0 ? parts[0] : "";
  const path = parts.length > 1 ? parts[1] : "/";
  served++;
  if (method == "GET" || method == "HEAD") {
    respond(fd, "200 OK", page(path, peerOf(fd), served), method == "HEAD");
  } else {
    respond(fd, "405 Method Not Allowed", "<h1>405 Method Not Allowed</h1>\n", false);
  }
  console.log(`${method} ${path}`);
}

function finish(i: i32): void {
  close(entry(i).fd);
  heap.free(pending[i]!.buf);
  count--;
  entry(i).fd = entry(count).fd;
  entry(i).events = entry(count).events;
  pending[i] = pending[count];
  pending[count] = null;
  finished++;
  entry(0).events = POLLIN; // a slot is free: new connections are welcome again
}

/** Reads what arrived; answers and closes once the head ("\r\n\r\n") is complete. */
function onReadable(i: i32): void {
  const p = pending[i]!;
  const fd = entry(i).fd;
  const n = recv(fd, p.buf + p.used, MAX_REQUEST - p.used, 0);
  if (n < 0 && errno == EAGAIN) return;
  if (n <= 0) return finish(i);
  p.used += <i32>n;
  const text = String.UTF8.decodeUnsafe(p.buf, p.used);
  const end = text.indexOf("\r\n\r\n");
  if (end >= 0) answer(fd, text.substring(0, end));
  if (end >= 0 || p.used == MAX_REQUEST) finish(i);
}

export function main(): i32 {
  const args = process.argv;
  const port = args.length > 1 ? <u16>I32.parseInt(args[1]) : <u16>8080;
  const limit = args.length > 2 ? I32.parseInt(args[2]) : 0;

  const server = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (server < 0) return die("socket");
  const addr = new sockaddr_in();
  addr.sin_family = <u16>AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr = htonl(INADDR_LOOPBACK);
  if (bind(server, changetype<usize>(addr), offsetof<sockaddr_in>()) < 0) return die("bind");
  if (listen(server, 128) < 0) return die("listen");
  const len = memory.data(4);
  store<u32>(len, offsetof<sockaddr_in>());
  getsockname(server, changetype<usize>(addr), len);
  console.log(`PORT ${ntohs(addr.sin_port)}`);

  entry(0).fd = server;
  entry(0).events = POLLIN;
  pending[0] = new Pending();
  count = 1;
  while (limit == 0 || finished < limit) {
    if (poll(fds, count, -1) < 0) return die("poll");
    for (let i = count - 1; i >= 1; i--) if (entry(i).revents != 0) onReadable(i);
    if (entry(0).revents != 0) {
      while (count < MAX_CONNECTIONS) {
        const c = accept4(server, 0, 0, SOCK_NONBLOCK);
        if (c < 0) {
          // Out of descriptors: as when every slot is taken, wait for a connection to finish.
          if (errno == EMFILE || errno == ENFILE) entry(0).events = 0;
          break;
        }
        entry(count).fd = c;
        entry(count).events = POLLIN;
        entry(count).revents = 0;
        pending[count] = new Pending();
        count++;
      }
      // Every slot taken: stop watching the listener (it stays readable, and
      // poll would return at once forever: 100% CPU) until a connection finishes.
      if (count == MAX_CONNECTIONS) entry(0).events = 0;
    }
  }
  close(server);
  return 0;
}

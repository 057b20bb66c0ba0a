// A small HTTP/1.1 server written as it would be in C: it serves GET and HEAD
// to curl and browsers, one connection at a time (Connection: close).
//
//   as-posix-sockets build examples/http-server.ts -o http.wasm
//   as-posix-sockets run http.wasm -- 8080 [requests]   (port 0: any free port; requests 0: serve until stopped)
import {
  socket, bind, listen, accept, recv, send, close, getsockname, getpeername,
  AF_INET, SOCK_STREAM, sockaddr_in, htons, ntohs, htonl, INADDR_LOOPBACK, errno, strerror,
} from "as-posix-sockets";

const MAX_REQUEST: i32 = 16384;

function die(what: string): i32 {
  console.log(`${what}: ${strerror(errno)}`);
  return 1;
}

/** Sends all of `text`; false if the client went away. */
function sendAll(fd: i32, text: string): bool {
  const bytes = String.UTF8.encode(text);
  return send(fd, changetype<usize>(bytes), bytes.byteLength, 0) == bytes.byteLength;
}

/** Reads until the end of the request head ("\r\n\r\n"); the head, or null. */
function readHead(fd: i32, buf: usize): string | null {
  let used = 0;
  while (used < MAX_REQUEST) {
    const n = recv(fd, buf + used, MAX_REQUEST - used, 0);
    if (n <= 0) return null;
    used += <i32>n;
    const text = String.UTF8.decodeUnsafe(buf, used);
    const end = text.indexOf("\r\n\r\n");
    if (end >= 0) return text.substring(0, end);
  }
  return null;
}

function respond(fd: i32, status: string, body: string, headOnly: bool): void {
  const length = String.UTF8.byteLength(body);
  let head = `HTTP/1.1 ${status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${length}\r\nConnection: close\r\nServer: as-posix-sockets\r\n\r\n`;
  if (sendAll(fd, head) && !headOnly) sendAll(fd, body);
}

function page(path: string, peer: string, served: i32): string {
  return `<!doctype html><html><head><title>as-posix-sockets</title></head><body>` +
    `<h1>Hello from WebAssembly</h1><p>This page was served through POSIX sockets on WASI Preview 2.</p>` +
    `<p>You asked for <code>${path}</code> from ${peer}; request #${served}.</p></body></html>\n`;
}

function peerOf(fd: i32): string {
  const a = new sockaddr_in();
  const len = memory.data(4);
  store<u32>(len, offsetof<sockaddr_in>());
  if (getpeername(fd, changetype<usize>(a), len) < 0) return "unknown";
  const ip = bswap<u32>(a.sin_addr);
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}:${ntohs(a.sin_port)}`;
}

export function main(): i32 {
  const args = process.argv;
  const port = args.length > 1 ? <u16>I32.parseInt(args[1]) : <u16>8080;
  const limit = args.length > 2 ? I32.parseInt(args[2]) : 0;

  const server = socket(AF_INET, SOCK_STREAM, 0);
  if (server < 0) return die("socket");
  const addr = new sockaddr_in();
  addr.sin_family = <u16>AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr = htonl(INADDR_LOOPBACK);
  if (bind(server, changetype<usize>(addr), offsetof<sockaddr_in>()) < 0) return die("bind");
  if (listen(server, 64) < 0) return die("listen");
  const len = memory.data(4);
  store<u32>(len, offsetof<sockaddr_in>());
  getsockname(server, changetype<usize>(addr), len);
  console.log(`PORT ${ntohs(addr.sin_port)}`);

  const buf = heap.alloc(MAX_REQUEST);
  for (let served = 1; limit == 0 || served <= limit; served++) {
    const client = accept(server, 0, 0);
    if (client < 0) return die("accept");
    const head = readHead(client, buf);
    if (head !== null) {
      const line = head.substring(0, head.indexOf("\r\n") >= 0 ? head.indexOf("\r\n") : head.length);
      const parts = line.split(" ");
      const method = parts.length > 0 ? parts[0] : "";
      const path = parts.length > 1 ? parts[1] : "/";
      if (method == "GET" || method == "HEAD") {
        respond(client, "200 OK", page(path, peerOf(client), served), method == "HEAD");
      } else {
        respond(client, "405 Method Not Allowed", "<h1>405 Method Not Allowed</h1>\n", false);
      }
      console.log(`${method} ${path}`);
    }
    close(client);
  }
  close(server);
  return 0;
}

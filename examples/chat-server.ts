// A chat server on poll(): every line a client sends goes to every other
// client. Many clients at once, one thread, blocking-free: the pattern of
// most C networking code. A client that leaves (or resets) is reported with
// the poll bits that told.
//
//   as-posix-sockets build examples/chat-server.ts -o chat.wasm
//   as-posix-sockets run chat.wasm -- 7000 [clients]   (port 0: any free port; clients 0: serve until stopped)
import {
  socket, bind, listen, accept4, recv, send, close, getsockname, poll,
  AF_INET, SOCK_STREAM, SOCK_NONBLOCK, POLLIN, POLLERR, POLLHUP, POLLRDHUP, pollfd,
  sockaddr_in, htons, ntohs, htonl, INADDR_LOOPBACK, errno, strerror, EAGAIN,
} from "as-posix-sockets";

const MAX = 256;
const fds = heap.alloc(MAX * 8);
let count = 0;

function entry(i: i32): pollfd {
  return changetype<pollfd>(fds + <usize>i * 8);
}

function die(what: string): i32 {
  console.log(`${what}: ${strerror(errno)}`);
  return 1;
}

function bits(r: i32): string {
  let s = "";
  if ((r & POLLIN) != 0) s += "|POLLIN";
  if ((r & POLLRDHUP) != 0) s += "|POLLRDHUP";
  if ((r & POLLHUP) != 0) s += "|POLLHUP";
  if ((r & POLLERR) != 0) s += "|POLLERR";
  return s.length > 0 ? s.substring(1) : "0";
}

function broadcast(from: i32, buf: usize, n: usize): void {
  for (let i = 1; i < count; i++) {
    const fd = entry(i).fd;
    // Small messages: a blocking send finishes at once unless a client stopped reading.
    if (fd != from) send(fd, buf, n, 0);
  }
}

function remove(i: i32): void {
  close(entry(i).fd);
  count--;
  entry(i).fd = entry(count).fd;
  entry(i).events = entry(count).events;
}

export function main(): i32 {
  const args = process.argv;
  const port = args.length > 1 ? <u16>I32.parseInt(args[1]) : <u16>7000;
  const limit = args.length > 2 ? I32.parseInt(args[2]) : 0;

  const server = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (server < 0) return die("socket");
  const addr = new sockaddr_in();
  addr.sin_family = <u16>AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr = htonl(INADDR_LOOPBACK);
  const size = <u32>offsetof<sockaddr_in>();
  if (bind(server, changetype<usize>(addr), size) < 0) return die("bind");
  if (listen(server, 64) < 0) return die("listen");
  const len = memory.data(4);
  store<u32>(len, size);
  getsockname(server, changetype<usize>(addr), len);
  console.log(`PORT ${ntohs(addr.sin_port)}`);

  entry(0).fd = server;
  entry(0).events = POLLIN;
  count = 1;
  const buf = heap.alloc(4096);
  let left = 0;
  while (limit == 0 || left < limit) {
    if (poll(fds, count, -1) < 0) return die("poll");
    for (let i = count - 1; i >= 0; i--) {
      const r = <i32>entry(i).revents;
      if (r == 0) continue;
      if (i == 0) {
        while (count < MAX) {
          const c = accept4(server, 0, 0, SOCK_NONBLOCK);
          if (c < 0) break;
          entry(count).fd = c;
          entry(count).events = POLLIN | POLLRDHUP;
          count++;
          console.log(`JOIN ${count - 1}`);
        }
        continue;
      }
      const fd = entry(i).fd;
      const n = (r & POLLIN) != 0 ? recv(fd, buf, 4096, 0) : -1;
      if (n > 0) {
        broadcast(fd, buf, <usize>n);
      } else if (n < 0 && errno == EAGAIN && (r & (POLLHUP | POLLERR)) == 0) {
        continue;
      } else {
        console.log(`LEFT ${bits(r)}${n < 0 ? " " + strerror(errno) : ""}`);
        remove(i);
        left++;
      }
    }
  }
  console.log(`DONE ${left}`);
  close(server);
  return 0;
}

// An event-driven TCP echo server on epoll, the way a C server is written:
// non-blocking sockets, one epoll instance, level-triggered. Output a client
// cannot take yet waits in a per-client buffer (and the client's reads pause
// until it drains), so no byte is lost or reordered.
//
//   as-posix-sockets build examples/epoll-echo.ts -o epoll-echo.wasm
//   as-posix-sockets run epoll-echo.wasm -- 7000 [clients]   (port 0: any free port; clients 0: serve until stopped)
import {
  socket, bind, listen, accept4, recv, send, close, getsockname, epoll_create1, epoll_ctl, epoll_wait,
  AF_INET, SOCK_STREAM, SOCK_NONBLOCK, EPOLLIN, EPOLLOUT, EPOLLERR, EPOLLHUP, EPOLL_CTL_ADD, EPOLL_CTL_MOD,
  sockaddr_in, htons, ntohs, htonl, INADDR_LOOPBACK, errno, strerror, EAGAIN,
} from "as-posix-sockets";

const BUF_SIZE = 65536;
const MAX_EVENTS = 64;

class Client {
  /** Bytes received but not yet sent back: [start, end) of `pending`. */
  pending: usize = heap.alloc(BUF_SIZE);
  start: usize = 0;
  end: usize = 0;
}

const clients = new Map<i32, Client>();
const event = memory.data(16, 8);
let served = 0;

function die(what: string): i32 {
  console.log(`${what}: ${strerror(errno)}`);
  return 1;
}

function watch(ep: i32, op: i32, fd: i32, events: u32): void {
  store<u32>(event, events);
  store<u64>(event, <u64>fd, 8);
  epoll_ctl(ep, op, fd, event);
}

function drop(fd: i32): void {
  const c = clients.get(fd);
  heap.free(c.pending);
  clients.delete(fd);
  close(fd); // also leaves the epoll interest list
  served++;
}

/** Sends what is pending; true when all of it went out. */
function flush(fd: i32, c: Client): bool {
  while (c.start < c.end) {
    const n = send(fd, c.pending + c.start, c.end - c.start, 0);
    if (n < 0) return false;
    c.start += <usize>n;
  }
  c.start = c.end = 0;
  return true;
}

function onReadable(ep: i32, fd: i32): void {
  const c = clients.get(fd);
  const n = recv(fd, c.pending, BUF_SIZE, 0);
  if (n == 0 || (n < 0 && errno != EAGAIN)) return drop(fd); // EOF, or a reset
  if (n < 0) return;
  c.start = 0;
  c.end = <usize>n;
  if (!flush(fd, c)) {
    if (errno != EAGAIN) return drop(fd);
    watch(ep, EPOLL_CTL_MOD, fd, EPOLLOUT); // the client's window is full: wait for it, read nothing meanwhile
  }
}

function onWritable(ep: i32, fd: i32): void {
  const c = clients.get(fd);
  if (flush(fd, c)) watch(ep, EPOLL_CTL_MOD, fd, EPOLLIN);
  else if (errno != EAGAIN) drop(fd);
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
  if (listen(server, 128) < 0) return die("listen");
  const len = memory.data(4);
  store<u32>(len, size);
  getsockname(server, changetype<usize>(addr), len);
  const ep = epoll_create1(0);
  if (ep < 0) return die("epoll_create1");
  watch(ep, EPOLL_CTL_ADD, server, EPOLLIN);
  console.log(`PORT ${ntohs(addr.sin_port)}`);

  const events = heap.alloc(MAX_EVENTS * 16);
  while (limit == 0 || served < limit) {
    const n = epoll_wait(ep, events, MAX_EVENTS, -1);
    if (n < 0) return die("epoll_wait");
    for (let i = 0; i < n; i++) {
      const bits = load<u32>(events + <usize>i * 16);
      const fd = <i32>load<u64>(events + <usize>i * 16, 8);
      if (fd == server) {
        while (true) {
          const c = accept4(server, 0, 0, SOCK_NONBLOCK);
          if (c < 0) break;
          clients.set(c, new Client());
          watch(ep, EPOLL_CTL_ADD, c, EPOLLIN);
        }
      } else if (clients.has(fd)) {
        if ((bits & EPOLLOUT) != 0) onWritable(ep, fd);
        else if ((bits & (EPOLLIN | EPOLLERR | EPOLLHUP)) != 0) onReadable(ep, fd);
      }
    }
  }
  console.log(`SERVED ${served}`);
  close(ep);
  close(server);
  return 0;
}

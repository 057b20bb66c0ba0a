// Poll cost under a real runtime: N idle connections and one active; each
// round the active client sends one byte, poll() over the N server sides finds
// it, recv takes it. Prints the wall time per round for N = 1, 100, 1000.
import {
  socket, bind, listen, accept, connect, send, recv, poll, getsockname, close, epoll_create1, epoll_ctl, epoll_wait,
  AF_INET, SOCK_STREAM, POLLIN, EPOLLIN, EPOLL_CTL_ADD, pollfd, sockaddr_in, htonl, INADDR_LOOPBACK,
} from "as-posix-sockets";
import { now } from "as-posix-sockets/assembly/wasi/clocks/monotonic-clock";

const SIZE: u32 = <u32>offsetof<sockaddr_in>();

function measure(n: i32, rounds: i32): void {
  const l = socket(AF_INET, SOCK_STREAM, 0);
  const a = new sockaddr_in();
  a.sin_family = <u16>AF_INET;
  a.sin_addr = htonl(INADDR_LOOPBACK);
  bind(l, changetype<usize>(a), SIZE);
  listen(l, 1024);
  const len = memory.data(4);
  store<u32>(len, SIZE);
  getsockname(l, changetype<usize>(a), len);
  const clients = new Array<i32>(n);
  const servers = new Array<i32>(n);
  for (let i = 0; i < n; i++) {
    clients[i] = socket(AF_INET, SOCK_STREAM, 0);
    connect(clients[i], changetype<usize>(a), SIZE);
    servers[i] = accept(l, 0, 0);
  }
  const fds = heap.alloc(<usize>n * 8);
  for (let i = 0; i < n; i++) {
    const p = changetype<pollfd>(fds + <usize>i * 8);
    p.fd = servers[i];
    p.events = POLLIN;
  }
  const ep = epoll_create1(0);
  const ev = memory.data(16, 8);
  for (let i = 0; i < n; i++) {
    store<u32>(ev, EPOLLIN);
    store<u64>(ev, <u64>i, 8);
    epoll_ctl(ep, EPOLL_CTL_ADD, servers[i], ev);
  }
  const byte = memory.data(8);
  const events = heap.alloc(16 * 16);
  // Warm up (pollables are made on first use), then measure.
  for (let mode = 0; mode < 2; mode++) {
    for (let pass = 0; pass < 2; pass++) {
      const count = pass == 0 ? 10 : rounds;
      const t0 = now();
      for (let k = 0; k < count; k++) {
        const active = (k * 7919) % n;
        send(clients[active], byte, 1, 0);
        let got = 0;
        while (got == 0) {
          if (mode == 0) {
            poll(fds, n, -1);
            for (let i = 0; i < n; i++) {
              if (changetype<pollfd>(fds + <usize>i * 8).revents != 0) got += <i32>recv(servers[i], byte, 1, 0);
            }
          } else {
            const ready = epoll_wait(ep, events, 16, -1);
            for (let i = 0; i < ready; i++) got += <i32>recv(servers[<i32>load<u64>(events + <usize>i * 16, 8)], byte, 1, 0);
          }
        }
      }
      if (pass == 1) console.log(`${mode == 0 ? "POLL" : "EPOLL"} n=${n} ns=${(now() - t0) / <u64>count}`);
    }
  }
  for (let i = 0; i < n; i++) {
    close(clients[i]);
    close(servers[i]);
  }
  close(ep);
  close(l);
}

export function main(): i32 {
  measure(1, 2000);
  measure(100, 2000);
  measure(1000, 500);
  return 0;
}

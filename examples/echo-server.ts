// A TCP echo server written the way it would be in C: socket, bind, listen,
// accept, then recv/send until the client closes. One client at a time; a
// client that resets the connection is dropped and the next is served.
//
//   as-posix-sockets build examples/echo-server.ts -o echo.wasm
//   as-posix-sockets run echo.wasm -- 7000 [clients]     (port 0: any free port; clients 0: serve until stopped)
import {
  socket, bind, listen, accept, recv, send, close, getsockname,
  AF_INET, SOCK_STREAM, MSG_NOSIGNAL, sockaddr_in, htons, ntohs, htonl, INADDR_LOOPBACK,
  errno, strerror,
} from "as-posix-sockets";

function die(what: string): i32 {
  console.log(`${what}: ${strerror(errno)}`);
  return 1;
}

/** A client's failure: said, and the client dropped. */
function report(what: string): bool {
  console.log(`client ${what}: ${strerror(errno)}`);
  return true;
}

export function main(): i32 {
  const args = process.argv;
  const port = args.length > 1 ? <u16>I32.parseInt(args[1]) : <u16>7000;
  const clients = args.length > 2 ? I32.parseInt(args[2]) : 1;

  const server = socket(AF_INET, SOCK_STREAM, 0);
  if (server < 0) return die("socket");
  const addr = new sockaddr_in();
  addr.sin_family = <u16>AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr = htonl(INADDR_LOOPBACK);
  if (bind(server, changetype<usize>(addr), offsetof<sockaddr_in>()) < 0) return die("bind");
  if (listen(server, 16) < 0) return die("listen");
  const len = memory.data(4);
  store<u32>(len, offsetof<sockaddr_in>());
  if (getsockname(server, changetype<usize>(addr), len) < 0) return die("getsockname");
  console.log(`PORT ${ntohs(addr.sin_port)}`);

  const buf = heap.alloc(65536);
  for (let served = 0; clients == 0 || served < clients; served++) {
    const client = accept(server, 0, 0);
    if (client < 0) return die("accept");
    let total: u64 = 0;
    // A client that resets or goes away is dropped; the server goes on with the next.
    let lost = false;
    while (true) {
      const n = recv(client, buf, 65536, 0);
      if (n < 0) {
        lost = report("recv");
        break;
      }
      if (n == 0) break;
      if (send(client, buf, n, MSG_NOSIGNAL) != n) {
        lost = report("send");
        break;
      }
      total += n;
    }
    close(client);
    console.log(lost ? `DROPPED after ${total}` : `ECHOED ${total}`);
  }
  close(server);
  return 0;
}

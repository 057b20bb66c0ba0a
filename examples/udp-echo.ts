// A UDP echo server written the way it would be in C: socket, bind, then
// recvfrom/sendto, each datagram back to its sender.
//
//   as-posix-sockets build examples/udp-echo.ts -o udp-echo.wasm
//   as-posix-sockets run udp-echo.wasm -- 7000 [count]   (port 0: any free port; count 0: until stopped)
import {
  socket, bind, recvfrom, sendto, close, getsockname,
  AF_INET, SOCK_DGRAM, sockaddr_in, htons, ntohs, htonl, INADDR_LOOPBACK,
  errno, strerror,
} from "as-posix-sockets";

function die(what: string): i32 {
  console.log(`${what}: ${strerror(errno)}`);
  return 1;
}

export function main(): i32 {
  const args = process.argv;
  const port = args.length > 1 ? <u16>I32.parseInt(args[1]) : <u16>7000;
  const count = args.length > 2 ? I32.parseInt(args[2]) : 0;

  const fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return die("socket");
  const addr = new sockaddr_in();
  addr.sin_family = <u16>AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr = htonl(INADDR_LOOPBACK);
  const size = <u32>offsetof<sockaddr_in>();
  if (bind(fd, changetype<usize>(addr), size) < 0) return die("bind");
  const len = memory.data(4);
  store<u32>(len, size);
  if (getsockname(fd, changetype<usize>(addr), len) < 0) return die("getsockname");
  console.log(`PORT ${ntohs(addr.sin_port)}`);

  const buf = heap.alloc(65536);
  const peer = new sockaddr_in();
  for (let echoed = 0; count == 0 || echoed < count; echoed++) {
    store<u32>(len, size);
    const n = recvfrom(fd, buf, 65536, 0, changetype<usize>(peer), len);
    if (n < 0) return die("recvfrom");
    if (sendto(fd, buf, n, 0, changetype<usize>(peer), load<u32>(len)) < 0) return die("sendto");
  }
  console.log(`ECHOED ${count}`);
  close(fd);
  return 0;
}

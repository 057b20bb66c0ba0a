// Soak: connect/accept/close cycles against itself; prints the guest's
// memory and the descriptor numbers before and after, which must return to
// their baseline (no leaked memory, no leaked descriptor).
import {
  socket, bind, listen, accept, connect, close, getsockname, AF_INET, SOCK_STREAM, sockaddr_in, htonl, INADDR_LOOPBACK,
} from "as-posix-sockets";

export function main(): i32 {
  const cycles = process.argv.length > 1 ? I32.parseInt(process.argv[1]) : 100000;
  const l = socket(AF_INET, SOCK_STREAM, 0);
  const a = new sockaddr_in();
  a.sin_family = <u16>AF_INET;
  a.sin_addr = htonl(INADDR_LOOPBACK);
  const size = <u32>offsetof<sockaddr_in>();
  bind(l, changetype<usize>(a), size);
  listen(l, 128);
  const len = memory.data(4);
  store<u32>(len, size);
  getsockname(l, changetype<usize>(a), len);
  // Warm up (lazily made tables and pollables), then take the baseline.
  for (let i = 0; i < 100; i++) cycle(l, changetype<usize>(a), size);
  const pagesBefore = memory.size();
  const probe = socket(AF_INET, SOCK_STREAM, 0);
  close(probe);
  let failures = 0;
  for (let i = 0; i < cycles; i++) if (!cycle(l, changetype<usize>(a), size)) failures++;
  const after = socket(AF_INET, SOCK_STREAM, 0);
  close(after);
  console.log(`CYCLES ${cycles} failures=${failures} pages=${pagesBefore}->${memory.size()} next-fd=${probe}->${after}`);
  close(l);
  return failures == 0 && after == probe ? 0 : 1;
}

function cycle(l: i32, addr: usize, size: u32): bool {
  const c = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(c, addr, size) < 0) {
    close(c);
    return false;
  }
  const s = accept(l, 0, 0);
  close(c);
  return s >= 0 && close(s) == 0;
}

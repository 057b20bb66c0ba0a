// Integration probe for name resolution on a real host: prints one line per lookup.
import {
  getaddrinfo, freeaddrinfo, getnameinfo, gethostbyname, inet_ntop, addrinfo, hostent,
  AF_UNSPEC, AF_INET, AF_INET6, SOCK_STREAM, NI_NUMERICHOST, NI_NUMERICSERV, AI_NUMERICHOST,
} from "as-posix-sockets";

const KEEP: ArrayBuffer[] = [];
function cstr(s: string): usize {
  const b = String.UTF8.encode(s, true);
  KEEP.push(b);
  return changetype<usize>(b);
}

function strlen(p: usize): i32 {
  let n = 0;
  while (load<u8>(p + <usize>n) != 0) n++;
  return n;
}

const TEXT = heap.alloc(64);
const RES = heap.alloc(4);
const HINTS = changetype<addrinfo>(heap.alloc(32));

function lookup(node: string, service: string, family: i32, flags: i32): void {
  memory.fill(changetype<usize>(HINTS), 0, 32);
  HINTS.ai_family = family;
  HINTS.ai_socktype = SOCK_STREAM;
  HINTS.ai_flags = flags;
  const r = getaddrinfo(cstr(node), cstr(service), changetype<usize>(HINTS), RES);
  if (r != 0) {
    console.log(`LOOKUP ${node} EAI ${r}`);
    return;
  }
  const parts: string[] = [];
  for (let ai = load<usize>(RES); ai != 0; ai = changetype<addrinfo>(ai).ai_next) {
    const a = changetype<addrinfo>(ai);
    inet_ntop(a.ai_family, a.ai_addr + (a.ai_family == AF_INET ? 4 : 8), TEXT, 64);
    parts.push(String.UTF8.decodeUnsafe(TEXT, <usize>strlen(TEXT)) + " " + bswap<u16>(load<u16>(a.ai_addr, 2)).toString());
  }
  // Hosts differ in order and in whether ::1 is configured: print them sorted.
  parts.sort();
  console.log(`LOOKUP ${node} ${parts.join(", ")}`);
  freeaddrinfo(load<usize>(RES));
}

export function main(): i32 {
  lookup("localhost", "http", AF_INET, 0);
  lookup("127.0.0.1", "8080", AF_UNSPEC, 0);
  lookup("::1", "22", AF_UNSPEC, AI_NUMERICHOST);
  lookup("host:80", "80", AF_UNSPEC, 0);
  lookup("localhost", "80", AF_UNSPEC, AI_NUMERICHOST);
  const h = gethostbyname(cstr("localhost"));
  console.log(`HOSTENT ${h != 0 ? changetype<hostent>(h).h_length.toString() : "none"}`);
  const sa = heap.alloc(32);
  memory.fill(sa, 0, 32);
  store<u16>(sa, <u16>AF_INET);
  store<u16>(sa, bswap<u16>(80), 2);
  store<u32>(sa, 0x0100007f, 4);
  const host = heap.alloc(64);
  const serv = heap.alloc(32);
  const r = getnameinfo(sa, 16, host, 64, serv, 32, 0);
  console.log(`NAMEINFO ${r} ${String.UTF8.decodeUnsafe(host, <usize>strlen(host))} ${String.UTF8.decodeUnsafe(serv, <usize>strlen(serv))}`);
  return 0;
}

// Hostile input: 100,000 random POSIX calls (fixed seed) with random
// descriptors, lengths, flags, families and pointers — null, out of bounds,
// straddling the end of memory, overlapping — and a peer that connects and
// sends at random. After every call: no trap, and a failure set errno to a
// real errno value. At the end, closing every descriptor leaves no host
// handle alive. Sockets are non-blocking so a wait never depends on a peer.
import {
  socket, bind, listen, accept4, connect, send, recv, sendto, recvfrom, sendmsg, recvmsg, sendmmsg, recvmmsg,
  shutdown, getsockname, getpeername, getsockopt, setsockopt,
  AF_INET, AF_INET6, AF_UNSPEC, SOCK_STREAM, SOCK_DGRAM, SOCK_NONBLOCK, MSG_DONTWAIT, SOL_SOCKET,
} from "../../include/sys/socket";
import { close, dup, dup2, dup3, read, write } from "../../include/unistd";
import { readv, writev } from "../../include/sys/uio";
import { fcntl, O_NONBLOCK } from "../../include/fcntl";
import { ioctl, FIONBIO } from "../../include/sys/ioctl";
import { poll } from "../../include/poll";
import { epoll_create1, epoll_ctl, epoll_wait } from "../../include/sys/epoll";
import { getaddrinfo, freeaddrinfo, getnameinfo } from "../../include/netdb";
import { inet_pton, inet_ntop } from "../../include/arpa/inet";
import { IPPROTO_IP, IPPROTO_IPV6, IPPROTO_TCP } from "../../include/netinet/in";
import * as E from "../../include/errno";
import { descriptor } from "../../assembly/net/descriptors";
import { TcpSocket, TcpState } from "../../assembly/net/tcp";
import { fake_reset, fake_live_handles, fake_live_of, fake_queue_connection, fake_deliver } from "./fake-host";

// npm run fuzz compiles this with --use ASPS_FUZZ_CALLS=… and ASPS_FUZZ_SEED=… for a longer run.
// @ts-ignore: defined only by the long configuration
const CALLS: i32 = isDefined(ASPS_FUZZ_CALLS) ? ASPS_FUZZ_CALLS : 100_000;
let callIndex = 0;
/**
 * Set to print each call (index, op) while hunting a trap; as-pect reports a
 * trap without its cause (ASPS_FAKE_DEBUG=1 prints what the fake host threw).
 */
const TRACE = false;

// @ts-ignore: defined only by the long configuration
let seed: u32 = isDefined(ASPS_FUZZ_SEED) ? <u32>ASPS_FUZZ_SEED : 0x9e3779b9;
function next(): u32 {
  seed ^= seed << 13;
  seed ^= seed >> 17;
  seed ^= seed << 5;
  return seed;
}
function pick(n: i32): i32 { return <i32>(next() % <u32>n); }

/** The test's memory: 256 KiB, of which the first 64 KiB may be pointed into (see defuse). */
const BUF_SIZE: usize = 256 * 1024;
const BUF = heap.alloc(BUF_SIZE);
const MEM_END = (): usize => <usize>memory.size() << 16;

/** A pointer: valid, null, out of bounds (whole or straddling the end of the address space), or overlapping the valid one. */
function ptr(): usize {
  switch (pick(8)) {
    case 0: return 0;
    case 1: return 0xfffffff0;
    case 2: return 0xffffff00;
    case 3: return BUF + 1;
    case 4: return BUF + 4000;
    default: return BUF;
  }
}
function len(): usize {
  const lens: usize[] = [0, 1, 2, 8, 16, 28, 32, 4096, 0x7fffffff, 0xffffffff];
  return lens[pick(lens.length)];
}
const fds: i32[] = [];
/** A descriptor: usually one this run opened, sometimes stdio, closed, negative or absurd. */
function fd(): i32 {
  if (fds.length > 0 && pick(4) != 0) return fds[pick(fds.length)];
  const odd: i32[] = [-1, 1, 2, 3, 1023, 1024, 4242, 65535, 65536, 0x7fffffff, -0x80000000];
  return odd[pick(odd.length)];
}
/** A descriptor other than stdio: reading stdin would wait for the test runner, writing stdout would open its stream. */
function readableFd(): i32 {
  const f = fd();
  return f >= 0 && f <= 2 ? 4242 : f;
}
function flags(): i32 {
  return (<i32>next() & 0x4147) | MSG_DONTWAIT; // real MSG_* bits and junk, never blocking
}
/**
 * Keeps every word of BUF's first KiB from being a pointer into memory outside
 * BUF. The structures the calls read there (msghdr, iovec, mmsghdr) hold
 * pointers and lengths; one that lands on the program's own heap (or a range
 * that runs past BUF into it) would have the library write received bytes over
 * it — as a wild pointer does in C, which no layer can tell from a good one.
 * Out of memory (EFAULT) or inside BUF is the test.
 */
function defuse(): void {
  const end = MEM_END();
  for (let i: usize = 0; i < 1024; i += 4) {
    const w = load<u32>(BUF + i);
    // Inside the first 64 KiB, any base plus any such length stays inside BUF's 256 KiB.
    if (w != 0 && <usize>w < end && !(<usize>w >= BUF && <usize>w < BUF + 65536)) store<u32>(BUF + i, w | 0x80000000);
  }
}

/** Fills BUF with an address-like thing: a loopback sockaddr_in/in6, or random bytes. */
function scribble(): void {
  const kind = pick(4);
  memory.fill(BUF, 0, 64);
  if (kind == 0) {
    store<u16>(BUF, <u16>AF_INET);
    store<u16>(BUF, <u16>next(), 2);
    store<u32>(BUF, 0x0100007f, 4);
  } else if (kind == 1) {
    store<u16>(BUF, <u16>AF_INET6);
    store<u16>(BUF, <u16>next(), 2);
    store<u8>(BUF, 1, 23);
  } else if (kind == 2) {
    for (let i = 0; i < 64; i += 4) store<u32>(BUF + <usize>i, next());
  } else {
    // An iovec/msghdr-ish layout pointing back into BUF, with random lengths.
    store<usize>(BUF, BUF + 256);
    store<usize>(BUF, <usize>pick(300), 4);
    store<usize>(BUF, BUF + 16, 8);
    store<i32>(BUF, pick(4), 12);
  }
  defuse();
}

function track(r: i32): void {
  if (r >= 0 && !fds.includes(r)) fds.push(r);
}

/** A peer action on a random socket: a client connects to a listener, or bytes arrive on a connection. */
function peer(): void {
  const f = fd();
  const d = descriptor(f);
  if (d === null || !(d.socket instanceof TcpSocket)) return;
  const t = changetype<TcpSocket>(d.socket);
  if (t.state == TcpState.Listening) fake_queue_connection(t.handle);
  else if (t.state == TcpState.Connected && t.input != 0 && !t.peerClosed) fake_deliver(t.input, BUF, 64);
}

/** One random call; returns whether the errno rule held. */
function call(): bool {
  E.errno_set(0);
  let r: i64 = 0;
  scribble();
  const op = pick(32);
  if (TRACE) trace("op", 2, <f64>callIndex, <f64>op);
  switch (op) {
    case 0: case 1: {
      const families: i32[] = [AF_INET, AF_INET6, AF_UNSPEC, 99];
      const types: i32[] = [SOCK_STREAM, SOCK_DGRAM, 3, 0];
      const s = socket(families[pick(4)], types[pick(4)] | SOCK_NONBLOCK | (pick(2) << 13), pick(4) == 0 ? pick(20) : 0);
      track(s);
      r = s;
      break;
    }
    case 2: r = bind(fd(), ptr(), <u32>len()); break;
    case 3: r = listen(fd(), pick(300) - 10); break;
    case 4: { const a = accept4(fd(), ptr(), ptr(), SOCK_NONBLOCK | (pick(8) == 0 ? 0x10 : 0)); track(a); r = a; break; }
    case 5: r = connect(fd(), ptr(), <u32>len()); break;
    case 6: r = send(fd(), ptr(), len(), flags()); break;
    case 7: r = recv(readableFd(), ptr(), len(), flags()); break;
    case 8: r = sendto(fd(), ptr(), len(), flags(), ptr(), <u32>len()); break;
    case 9: r = recvfrom(readableFd(), ptr(), len(), flags(), ptr(), ptr()); break;
    case 10: r = sendmsg(fd(), ptr(), flags()); break;
    case 11: r = recvmsg(readableFd(), ptr(), flags()); break;
    case 12: r = sendmmsg(fd(), ptr(), <u32>pick(4), flags()); break;
    case 13: r = recvmmsg(readableFd(), ptr(), <u32>pick(4), flags(), 0); break;
    case 14: r = shutdown(fd(), pick(5)); break;
    case 15: r = getsockname(fd(), ptr(), ptr()); break;
    case 16: r = getpeername(fd(), ptr(), ptr()); break;
    case 17: {
      const levels: i32[] = [SOL_SOCKET, IPPROTO_IP, IPPROTO_IPV6, IPPROTO_TCP, 999];
      r = getsockopt(fd(), levels[pick(5)], pick(70), ptr(), ptr());
      break;
    }
    case 18: {
      const levels: i32[] = [SOL_SOCKET, IPPROTO_IP, IPPROTO_IPV6, IPPROTO_TCP, 999];
      r = setsockopt(fd(), levels[pick(5)], pick(70), ptr(), <u32>len());
      break;
    }
    case 19: {
      const cmd = pick(8);
      // F_SETFL keeps O_NONBLOCK: a blocking socket could wait for a peer that never comes.
      const f = fcntl(fd(), cmd, cmd == 4 ? (<i32>next() | O_NONBLOCK) : pick(2000) - 10);
      if (cmd == 5 || cmd == 6) track(f);
      r = f;
      break;
    }
    case 20: {
      const req = pick(4) == 0 ? <i32>next() : pick(3);
      if (req == FIONBIO) store<i32>(BUF, 1);
      r = ioctl(fd(), req, req == FIONBIO ? BUF : ptr());
      break;
    }
    case 21: { const f = fd(); if (pick(3) == 0) { r = close(f); } break; }
    case 22: { const d = dup(fd()); track(d); r = d; break; }
    case 23: { const d = dup2(fd(), fd()); track(d); r = d; break; }
    case 24: { const d = dup3(fd(), 3 + pick(100), pick(2) << 19); track(d); r = d; break; }
    case 25: {
      const n = pick(6);
      for (let i = 0; i < n; i++) {
        store<i32>(BUF + 1024 + <usize>i * 8, fd());
        store<i16>(BUF + 1024 + <usize>i * 8, <i16>next(), 4);
      }
      r = poll(pick(6) == 0 ? ptr() : BUF + 1024, <u32>(pick(8) == 0 ? 70000 : n), 0);
      break;
    }
    case 26: { const e = epoll_create1(pick(4) == 0 ? <i32>next() : 0); track(e); r = e; break; }
    case 27: r = epoll_ctl(fd(), pick(5), fd(), ptr()); break;
    case 28: r = epoll_wait(fd(), ptr(), pick(4) - 1, 0); break;
    // Never stdio: a write there would open the program's stdout stream (a handle, but no socket's).
    case 29: r = pick(2) == 0 ? readv(readableFd(), ptr(), pick(5) - 1) : writev(readableFd(), ptr(), pick(5) - 1); break;
    case 30: {
      // Name functions: return EAI codes or 0/1, never touch errno unless EAI_SYSTEM.
      const g = getaddrinfo(ptr(), pick(2) == 0 ? 0 : ptr(), pick(2) == 0 ? 0 : ptr(), BUF + 2048);
      if (g == 0) freeaddrinfo(load<usize>(BUF + 2048));
      const n = getnameinfo(ptr(), <u32>len(), BUF + 3000, <u32>pick(64), BUF + 3100, <u32>pick(32), pick(32));
      const p = inet_pton(pick(3), ptr(), BUF + 3200);
      inet_ntop(pick(3), ptr(), BUF + 3300, <u32>pick(64));
      return g <= 0 && g >= -12 && n <= 0 && n >= -12 && p >= -1 && p <= 1;
    }
    default: peer(); return true;
  }
  if (r == -1) return E.errno > 0 && E.errno <= 76;
  return r >= -1;
}

describe("hostile input", () => {
  it("100,000 random calls (more with npm run fuzz): no trap, a real errno on every failure, no handle left after closing all", () => {
    fake_reset();
    let bad = 0;
    for (let i = 0; i < CALLS; i++) {
      callIndex = i;
      if (!call()) bad++;
    }
    expect(bad).toBe(0, "calls that failed without a real errno");
    for (let f = 3; f < 70000; f++) close(f);
    const types: string[] = ["tcp-socket", "udp-socket", "input-stream", "output-stream", "pollable", "error", "resolve-address-stream", "incoming-datagram-stream", "outgoing-datagram-stream"];
    // On failure, which kinds were left.
    for (let i = 0; i < types.length; i++) if (fake_live_of(types[i]) > 0) trace(types[i], 1, <f64>fake_live_of(types[i]));
    expect(fake_live_handles()).toBe(0, "handles left after closing every descriptor");
  });
});

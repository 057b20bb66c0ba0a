// epoll against the fake host: the interest list, level and edge triggering,
// one-shot, data kept intact, closing removes, and Linux's errno values;
// interests kept by a dup, turns with a small maxevents, nested instances.
import { socket, bind, listen, accept, recv, send } from "../../include/sys/socket";
import { AF_INET, SOCK_STREAM, SOCK_NONBLOCK, MSG_DONTWAIT } from "../../include/sys/socket";
import {
  epoll_create, epoll_create1, epoll_ctl, epoll_wait, EPOLLIN, EPOLLOUT, EPOLLET, EPOLLONESHOT, EPOLLHUP, EPOLLRDHUP,
  EPOLLRDNORM, EPOLLWRNORM, EPOLL_CTL_ADD, EPOLL_CTL_MOD, EPOLL_CTL_DEL, EPOLL_CLOEXEC,
} from "../../include/sys/epoll";
import { poll, pollfd, POLLIN } from "../../include/poll";
import { close, read, dup } from "../../include/unistd";
import { fcntl, F_GETFD, FD_CLOEXEC } from "../../include/fcntl";
import { sockaddr_in, INADDR_LOOPBACK } from "../../include/netinet/in";
import { htonl } from "../../include/arpa/inet";
import * as E from "../../include/errno";
import { descriptor } from "../../assembly/net/descriptors";
import { TcpSocket } from "../../assembly/net/tcp";
import {
  fake_reset, fake_reset_calls, fake_calls, fake_live_handles, fake_queue_connection, fake_now, fake_would_block, fakeDeliverText,
} from "./fake-host";

const SIZE: u32 = <u32>offsetof<sockaddr_in>();
const EV = heap.alloc(16);
const OUT = heap.alloc(16 * 64);
const buf = heap.alloc(256);

function event(events: u32, data: u64): usize {
  store<u32>(EV, events);
  store<u64>(EV, data, 8);
  return EV;
}
function eventsAt(i: i32): u32 { return load<u32>(OUT + <usize>i * 16); }
function dataAt(i: i32): u64 { return load<u64>(OUT + <usize>i * 16, 8); }
function tcpOf(fd: i32): TcpSocket { return changetype<TcpSocket>(descriptor(fd)!.socket); }

let listener = -1;
function clients(n: i32): i32[] {
  listener = socket(AF_INET, SOCK_STREAM, 0);
  const a = new sockaddr_in();
  a.sin_family = <u16>AF_INET;
  a.sin_addr = htonl(INADDR_LOOPBACK);
  bind(listener, changetype<usize>(a), SIZE);
  listen(listener, 64);
  const out: i32[] = [];
  for (let i = 0; i < n; i++) {
    fake_queue_connection(tcpOf(listener).handle);
    out.push(accept(listener, 0, 0));
  }
  return out;
}

describe("epoll", () => {
  beforeEach(() => fake_reset());

  it("epoll_ctl's errno values and EPOLL_CLOEXEC", () => {
    expect(epoll_create(0)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(epoll_create1(0x7)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    const ep = epoll_create1(EPOLL_CLOEXEC);
    expect(fcntl(ep, F_GETFD)).toBe(FD_CLOEXEC);
    const c = clients(1)[0];
    expect(epoll_ctl(ep, EPOLL_CTL_ADD, c, event(EPOLLIN, 7))).toBe(0);
    expect(epoll_ctl(ep, EPOLL_CTL_ADD, c, event(EPOLLIN, 7))).toBe(-1);
    expect(E.errno).toBe(E.EEXIST);
    expect(epoll_ctl(ep, EPOLL_CTL_MOD, listener, event(EPOLLIN, 1))).toBe(-1);
    expect(E.errno).toBe(E.ENOENT);
    expect(epoll_ctl(ep, EPOLL_CTL_DEL, listener, 0)).toBe(-1);
    expect(E.errno).toBe(E.ENOENT);
    expect(epoll_ctl(ep, EPOLL_CTL_ADD, 4242, event(EPOLLIN, 1))).toBe(-1);
    expect(E.errno).toBe(E.EBADF);
    expect(epoll_ctl(ep, EPOLL_CTL_ADD, 1, event(EPOLLIN, 1))).toBe(-1);
    expect(E.errno).toBe(E.EPERM, "stdout, a WASI file: not watchable, as Linux refuses regular files");
    expect(epoll_ctl(ep, EPOLL_CTL_ADD, ep, event(EPOLLIN, 1))).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(epoll_ctl(c, EPOLL_CTL_ADD, listener, event(EPOLLIN, 1))).toBe(-1);
    expect(E.errno).toBe(E.EINVAL, "not an epoll descriptor");
    expect(epoll_ctl(ep, 99, listener, event(EPOLLIN, 1))).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(epoll_ctl(ep, EPOLL_CTL_ADD, listener, 0xfffffff8)).toBe(-1);
    expect(E.errno).toBe(E.EFAULT);
    expect(epoll_wait(ep, OUT, 0, 0)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(read(ep, buf, 8)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL, "read on an epoll descriptor");
    expect(recv(ep, buf, 8, 0)).toBe(-1);
    expect(E.errno).toBe(E.ENOTSOCK);
    close(c); close(listener); close(ep);
    expect(fake_live_handles()).toBe(0);
  });

  it("level-triggered: reported while ready, with the data intact; a listener too", () => {
    const cs = clients(3);
    const ep = epoll_create1(0);
    for (let i = 0; i < 3; i++) epoll_ctl(ep, EPOLL_CTL_ADD, cs[i], event(EPOLLIN, 0xabcdef0000000000 + <u64>i));
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, event(EPOLLIN, 99));
    expect(epoll_wait(ep, OUT, 64, 0)).toBe(0);
    fakeDeliverText(tcpOf(cs[1]).input, "hello");
    expect(epoll_wait(ep, OUT, 64, -1)).toBe(1);
    expect(eventsAt(0)).toBe(EPOLLIN);
    expect(dataAt(0)).toBe(0xabcdef0000000001);
    expect(epoll_wait(ep, OUT, 64, -1)).toBe(1, "still ready: reported again");
    expect(recv(cs[1], buf, 64, 0)).toBe(5);
    expect(epoll_wait(ep, OUT, 64, 0)).toBe(0);
    fake_queue_connection(tcpOf(listener).handle);
    expect(epoll_wait(ep, OUT, 64, -1)).toBe(1);
    expect(dataAt(0)).toBe(99);
    for (let i = 0; i < 3; i++) close(cs[i]);
    close(accept(listener, 0, 0));
    close(listener); close(ep);
    expect(fake_live_handles()).toBe(0);
  });

  it("EPOLLET reports an edge once, and again after the program met EAGAIN", () => {
    const c = clients(1)[0];
    const ep = epoll_create1(0);
    epoll_ctl(ep, EPOLL_CTL_ADD, c, event(EPOLLIN | EPOLLET, 5));
    fakeDeliverText(tcpOf(c).input, "abc");
    expect(epoll_wait(ep, OUT, 8, -1)).toBe(1);
    expect(epoll_wait(ep, OUT, 8, 0)).toBe(0, "the same edge is not news");
    expect(recv(c, buf, 64, MSG_DONTWAIT)).toBe(3);
    expect(recv(c, buf, 64, MSG_DONTWAIT)).toBe(-1, "drained: EAGAIN re-arms");
    fakeDeliverText(tcpOf(c).input, "more");
    expect(epoll_wait(ep, OUT, 8, -1)).toBe(1);
    expect(dataAt(0)).toBe(5);
    close(c); close(listener); close(ep);
  });

  it("EPOLLONESHOT disables after one report until EPOLL_CTL_MOD; closing a descriptor removes it", () => {
    const cs = clients(2);
    const ep = epoll_create1(0);
    epoll_ctl(ep, EPOLL_CTL_ADD, cs[0], event(EPOLLIN | EPOLLONESHOT, 1));
    epoll_ctl(ep, EPOLL_CTL_ADD, cs[1], event(EPOLLIN, 2));
    fakeDeliverText(tcpOf(cs[0]).input, "x");
    expect(epoll_wait(ep, OUT, 8, -1)).toBe(1);
    expect(epoll_wait(ep, OUT, 8, 0)).toBe(0, "disabled");
    expect(epoll_ctl(ep, EPOLL_CTL_MOD, cs[0], event(EPOLLIN | EPOLLONESHOT, 3))).toBe(0);
    expect(epoll_wait(ep, OUT, 8, -1)).toBe(1);
    expect(dataAt(0)).toBe(3);
    fakeDeliverText(tcpOf(cs[1]).input, "y");
    close(cs[1]);
    expect(epoll_wait(ep, OUT, 8, 0)).toBe(0, "the closed descriptor left the interest list");
    close(cs[0]); close(listener); close(ep);
    expect(fake_live_handles()).toBe(0);
  });

  it("maxevents bounds the report; a timeout returns 0 after the time; a steady wait is one host poll", () => {
    const cs = clients(4);
    const ep = epoll_create1(0);
    for (let i = 0; i < 4; i++) {
      epoll_ctl(ep, EPOLL_CTL_ADD, cs[i], event(EPOLLIN, <u64>i));
      fakeDeliverText(tcpOf(cs[i]).input, "z");
    }
    expect(epoll_wait(ep, OUT, 2, -1)).toBe(2);
    for (let i = 0; i < 4; i++) recv(cs[i], buf, 8, 0);
    const start = fake_now();
    expect(epoll_wait(ep, OUT, 8, 15)).toBe(0);
    expect(fake_now() - start).toBe(15_000_000);
    fakeDeliverText(tcpOf(cs[2]).input, "w");
    fake_reset_calls();
    expect(epoll_wait(ep, OUT, 8, -1)).toBe(1);
    expect(fake_calls("poll")).toBe(1);
    for (let i = 0; i < 4; i++) close(cs[i]);
    close(listener); close(ep);
    expect(fake_live_handles()).toBe(0);
  });

  it("EPOLLET: new data while the socket is undrained is a new edge; nothing new ends a timed wait at its deadline", () => {
    const c = clients(1)[0];
    const ep = epoll_create1(0);
    epoll_ctl(ep, EPOLL_CTL_ADD, c, event(EPOLLIN | EPOLLET, 5));
    fakeDeliverText(tcpOf(c).input, "abc");
    expect(epoll_wait(ep, OUT, 8, -1)).toBe(1);
    expect(epoll_wait(ep, OUT, 8, 0)).toBe(0, "the bytes reported are not news");
    const start = fake_now();
    expect(epoll_wait(ep, OUT, 8, 20)).toBe(0, "nothing new: the timeout ends the wait");
    expect(fake_now() - start).toBe(20_000_000, "at the deadline, not before, not after");
    fakeDeliverText(tcpOf(c).input, "de");
    expect(epoll_wait(ep, OUT, 8, -1)).toBe(1, "new bytes behind the unread ones");
    expect(eventsAt(0)).toBe(EPOLLIN);
    expect(epoll_wait(ep, OUT, 8, 0)).toBe(0);
    // Bytes that arrive while the wait waits (the fake host lets time pass for a would-block).
    fakeDeliverText(tcpOf(c).input, "fg");
    fake_would_block("[method]input-stream.read", 1);
    expect(epoll_wait(ep, OUT, 8, 1000)).toBe(1, "the input pollable fired with new bytes");
    expect(epoll_wait(ep, OUT, 8, 0)).toBe(0);
    expect(recv(c, buf, 64, MSG_DONTWAIT)).toBe(7, "every byte, in order");
    expect(String.UTF8.decodeUnsafe(buf, 7)).toBe("abcdefg");
    close(c); close(listener); close(ep);
    expect(fake_live_handles()).toBe(0);
  });

  it("EPOLLRDNORM and EPOLLWRNORM are reported when asked for, alone", () => {
    const c = clients(1)[0];
    const ep = epoll_create1(0);
    epoll_ctl(ep, EPOLL_CTL_ADD, c, event(EPOLLRDNORM | EPOLLWRNORM, 1));
    fakeDeliverText(tcpOf(c).input, "x");
    expect(epoll_wait(ep, OUT, 8, -1)).toBe(1);
    expect(eventsAt(0)).toBe(EPOLLRDNORM | EPOLLWRNORM);
    epoll_ctl(ep, EPOLL_CTL_MOD, c, event(EPOLLIN | EPOLLRDNORM, 1));
    expect(epoll_wait(ep, OUT, 8, -1)).toBe(1);
    expect(eventsAt(0)).toBe(EPOLLIN | EPOLLRDNORM);
    close(c); close(listener); close(ep);
  });

  it("an interest stays while a dup of its descriptor is open (keyed by socket and number), and leaves with the last", () => {
    const c = clients(1)[0];
    const ep = epoll_create1(0);
    epoll_ctl(ep, EPOLL_CTL_ADD, c, event(EPOLLIN, 41));
    fakeDeliverText(tcpOf(c).input, "x");
    const d = dup(c);
    close(c);
    expect(epoll_wait(ep, OUT, 8, 0)).toBe(1, "the socket is still open");
    expect(dataAt(0)).toBe(41);
    expect(epoll_ctl(ep, EPOLL_CTL_DEL, d, 0)).toBe(-1);
    expect(E.errno).toBe(E.ENOENT, "the interest was added under the other number");
    fake_queue_connection(tcpOf(listener).handle);
    const other = accept(listener, 0, 0);
    expect(other).toBe(c, "the number is free again");
    expect(epoll_ctl(ep, EPOLL_CTL_ADD, other, event(EPOLLOUT, 42))).toBe(0, "another socket: another interest");
    close(d);
    expect(epoll_wait(ep, OUT, 8, 0)).toBe(1, "the last close removed the first interest only");
    expect(dataAt(0)).toBe(42);
    close(other); close(listener); close(ep);
    expect(fake_live_handles()).toBe(0);
  });

  it("a small maxevents takes turns: successive waits report every ready interest", () => {
    const cs = clients(3);
    const ep = epoll_create1(0);
    for (let i = 0; i < 3; i++) epoll_ctl(ep, EPOLL_CTL_ADD, cs[i], event(EPOLLOUT, 1 << i));
    let seen: u64 = 0;
    expect(epoll_wait(ep, OUT, 2, 0)).toBe(2);
    seen |= dataAt(0) | dataAt(1);
    expect(epoll_wait(ep, OUT, 2, 0)).toBe(2);
    seen |= dataAt(0) | dataAt(1);
    expect(seen).toBe(7, "the third was not starved");
    expect(epoll_wait(ep, OUT, 1, 0)).toBe(1);
    for (let i = 0; i < 3; i++) close(cs[i]);
    close(listener); close(ep);
  });

  it("an epoll instance inside another, or in poll, is readable when an interest is ready; loops are ELOOP", () => {
    const c = clients(1)[0];
    const inner = epoll_create1(0);
    const outer = epoll_create1(0);
    epoll_ctl(inner, EPOLL_CTL_ADD, c, event(EPOLLIN, 61));
    expect(epoll_ctl(outer, EPOLL_CTL_ADD, inner, event(EPOLLIN, 62))).toBe(0);
    expect(epoll_wait(outer, OUT, 8, 0)).toBe(0);
    // Data that arrives while the outer instance waits (the fake host lets time pass for a would-block).
    fakeDeliverText(tcpOf(c).input, "x");
    fake_would_block("[method]input-stream.read", 1);
    expect(epoll_wait(outer, OUT, 8, 1000)).toBe(1, "woken through the inner instance's interest");
    expect(eventsAt(0)).toBe(EPOLLIN);
    expect(dataAt(0)).toBe(62);
    const p = changetype<pollfd>(heap.alloc(8));
    p.fd = inner;
    p.events = <i16>POLLIN;
    expect(poll(changetype<usize>(p), 1, 0)).toBe(1);
    expect(<i32>p.revents).toBe(POLLIN);
    expect(epoll_wait(inner, OUT, 8, 0)).toBe(1, "looking from outside took nothing from the inner instance");
    expect(dataAt(0)).toBe(61);
    expect(epoll_ctl(inner, EPOLL_CTL_ADD, outer, event(EPOLLIN, 63))).toBe(-1);
    expect(E.errno).toBe(E.ELOOP);
    const self = dup(inner);
    expect(epoll_ctl(inner, EPOLL_CTL_ADD, self, event(EPOLLIN, 64))).toBe(-1);
    expect(E.errno).toBe(E.EINVAL, "itself, through a dup");
    close(self);
    // Linux's EP_MAX_NESTS: a chain of instances longer than 5 is ELOOP too.
    const chain: i32[] = [outer];
    for (let i = 0; i < 3; i++) {
      const e = epoll_create1(0);
      expect(epoll_ctl(e, EPOLL_CTL_ADD, chain[chain.length - 1], event(EPOLLIN, 0))).toBe(0);
      chain.push(e);
    }
    const top = epoll_create1(0);
    expect(epoll_ctl(top, EPOLL_CTL_ADD, chain[chain.length - 1], event(EPOLLIN, 0))).toBe(-1);
    expect(E.errno).toBe(E.ELOOP);
    expect(epoll_wait(chain[chain.length - 1], OUT, 8, 0)).toBe(1, "readiness climbs the chain");
    close(top);
    for (let i = chain.length - 1; i > 0; i--) close(chain[i]);
    close(outer);
    expect(epoll_wait(inner, OUT, 8, 0)).toBe(1, "closing the outer instances leaves the inner one whole");
    close(inner); close(c); close(listener);
    expect(fake_live_handles()).toBe(0);
  });
});

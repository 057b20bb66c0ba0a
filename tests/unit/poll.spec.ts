// poll, select and the event-loop hook against the fake host: Linux's
// readiness rules per socket state, one host poll per call in steady state,
// timeouts through one timer, POLLNVAL, fd < 0, and no per-call allocation.
import { socket, bind, listen, accept, connect, send, recv, shutdown, sendto } from "../../include/sys/socket";
import { AF_INET, SOCK_STREAM, SOCK_DGRAM, SOCK_NONBLOCK, SHUT_WR, SOL_SOCKET, SO_ERROR, getsockopt } from "../../include/sys/socket";
import { poll, ppoll, pollfd, POLLIN, POLLOUT, POLLERR, POLLHUP, POLLNVAL, POLLRDHUP, POLLPRI } from "../../include/poll";
import { select, FD_ZERO, FD_SET, FD_ISSET, FD_CLR } from "../../include/sys/select";
import { close } from "../../include/unistd";
import { asps_pollable } from "../../include/asps";
import { sockaddr_in, INADDR_LOOPBACK } from "../../include/netinet/in";
import { htons, htonl } from "../../include/arpa/inet";
import * as E from "../../include/errno";
import { descriptor } from "../../assembly/net/descriptors";
import { TcpSocket } from "../../assembly/net/tcp";
import { UdpSocket } from "../../assembly/net/udp";
import { error_code } from "../../assembly/wasi/sockets/network";
import { hostAllocations } from "../../assembly/wasi/abi";
import {
  fake_reset, fake_reset_calls, fake_calls, fake_total_calls, fake_live_handles, fake_queue_connection, fake_now,
  fake_fail_next, fake_would_block, fake_close_input, fake_reset_peer, fake_queue_datagram, fakeDeliverText, fake_set_write_budget,
} from "./fake-host";

const SIZE: u32 = <u32>offsetof<sockaddr_in>();
const addr = new sockaddr_in();
const FDS = heap.alloc(8 * 1100);
const buf = heap.alloc(256);
const VAL = heap.alloc(16);

function loopback(port: u16): usize {
  addr.sin_family = <u16>AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr = htonl(INADDR_LOOPBACK);
  return changetype<usize>(addr);
}

function entry(i: i32): pollfd {
  return changetype<pollfd>(FDS + <usize>i * 8);
}

function want(i: i32, fd: i32, events: i32): void {
  entry(i).fd = fd;
  entry(i).events = <i16>events;
  entry(i).revents = <i16>0x5555;
}

function rev(i: i32): i32 {
  return <i32>entry(i).revents & 0xffff;
}

function tcpOf(fd: i32): TcpSocket {
  return changetype<TcpSocket>(descriptor(fd)!.socket);
}

let listener = -1;
function connectedPair(): i32 {
  listener = socket(AF_INET, SOCK_STREAM, 0);
  bind(listener, loopback(0), SIZE);
  listen(listener, 16);
  fake_queue_connection(tcpOf(listener).handle);
  return accept(listener, 0, 0);
}

describe("poll: readiness by state", () => {
  beforeEach(() => fake_reset());

  it("an unconnected TCP socket is POLLOUT|POLLHUP; a closed fd POLLNVAL; fd < 0 ignored; all without a host call", () => {
    const fd = socket(AF_INET, SOCK_STREAM, 0);
    const gone = socket(AF_INET, SOCK_STREAM, 0);
    close(gone);
    want(0, fd, POLLIN | POLLOUT);
    want(1, gone, POLLIN);
    want(2, -1, POLLIN);
    want(3, fd, 0);
    fake_reset_calls();
    expect(poll(FDS, 4, -1)).toBe(3);
    expect(rev(0)).toBe(POLLOUT | POLLHUP);
    expect(rev(1)).toBe(POLLNVAL);
    expect(rev(2)).toBe(0);
    expect(rev(3)).toBe(POLLHUP, "events = 0 still reports POLLHUP");
    expect(fake_total_calls()).toBe(0);
    close(fd);
  });

  it("a listener is readable when a connection waits", () => {
    const l = socket(AF_INET, SOCK_STREAM, 0);
    bind(l, loopback(0), SIZE);
    listen(l, 4);
    want(0, l, POLLIN);
    expect(poll(FDS, 1, 0)).toBe(0);
    expect(rev(0)).toBe(0);
    fake_queue_connection(tcpOf(l).handle);
    expect(poll(FDS, 1, -1)).toBe(1);
    expect(rev(0)).toBe(POLLIN);
    const c = accept(l, 0, 0);
    expect(c).toBeGreaterThan(l);
    close(c); close(l);
    expect(fake_live_handles()).toBe(0);
  });

  it("data makes a connection readable (and recv returns it); EOF is POLLIN|POLLRDHUP; both ways shut adds POLLHUP", () => {
    const c = connectedPair();
    want(0, c, POLLIN | POLLRDHUP);
    expect(poll(FDS, 1, 0)).toBe(0);
    fakeDeliverText(tcpOf(c).input, "ping");
    expect(poll(FDS, 1, -1)).toBe(1);
    expect(rev(0)).toBe(POLLIN);
    expect(recv(c, buf, 16, 0)).toBe(4, "the bytes poll read ahead are not lost");
    fake_close_input(tcpOf(c).input);
    expect(poll(FDS, 1, -1)).toBe(1);
    expect(rev(0)).toBe(POLLIN | POLLRDHUP);
    expect(shutdown(c, SHUT_WR)).toBe(0);
    expect(poll(FDS, 1, -1)).toBe(1);
    expect(rev(0) & POLLHUP).toBe(POLLHUP);
    close(c); close(listener);
  });

  it("a reset is POLLERR|POLLHUP (and readable), and recv then says ECONNRESET", () => {
    const c = connectedPair();
    want(0, c, POLLIN);
    fake_reset_peer(tcpOf(c).handle, error_code.connection_reset);
    expect(poll(FDS, 1, -1)).toBe(1);
    expect(rev(0) & (POLLERR | POLLHUP | POLLIN)).toBe(POLLERR | POLLHUP | POLLIN);
    expect(recv(c, buf, 16, 0)).toBe(-1);
    expect(E.errno).toBe(E.ECONNRESET);
    close(c); close(listener);
  });

  it("a non-blocking connect: not writable while connecting, POLLOUT when done, POLLERR with SO_ERROR when refused", () => {
    const a = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    fake_would_block("[method]tcp-socket.finish-connect", 3); // connect itself asks once
    expect(connect(a, loopback(9000), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EINPROGRESS);
    want(0, a, POLLOUT);
    expect(poll(FDS, 1, 0)).toBe(0, "not writable while connecting");
    expect(rev(0)).toBe(0);
    expect(poll(FDS, 1, -1)).toBe(1);
    expect(rev(0)).toBe(POLLOUT);
    expect(connect(a, loopback(9000), SIZE)).toBe(0, "Linux: the first connect after it finished reports 0");
    expect(connect(a, loopback(9000), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EISCONN);
    const b = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    fake_would_block("[method]tcp-socket.finish-connect", 2); // connect itself asks once
    connect(b, loopback(9000), SIZE);
    fake_fail_next("[method]tcp-socket.finish-connect", error_code.connection_refused, 1);
    want(0, b, POLLOUT);
    expect(poll(FDS, 1, -1)).toBe(1);
    expect(rev(0)).toBe(POLLOUT | POLLERR | POLLHUP);
    const len = heap.alloc(4);
    store<u32>(len, 4);
    expect(getsockopt(b, SOL_SOCKET, SO_ERROR, VAL, len)).toBe(0);
    expect(load<i32>(VAL)).toBe(E.ECONNREFUSED);
    close(a); close(b);
    expect(fake_live_handles()).toBe(0);
  });

  it("UDP: unbound is writable only; a datagram makes it readable; POLLPRI is never set", () => {
    const u = socket(AF_INET, SOCK_DGRAM, 0);
    want(0, u, POLLIN | POLLOUT | POLLPRI);
    expect(poll(FDS, 1, 0)).toBe(1);
    expect(rev(0)).toBe(POLLOUT);
    bind(u, loopback(0), SIZE);
    want(0, u, POLLIN);
    expect(poll(FDS, 1, 0)).toBe(0);
    const d = String.UTF8.encode("dgram");
    fake_queue_datagram(changetype<UdpSocket>(descriptor(u)!.socket).handle, changetype<usize>(d), 5, 1234);
    expect(poll(FDS, 1, -1)).toBe(1);
    expect(rev(0)).toBe(POLLIN);
    expect(recv(u, buf, 16, 0)).toBe(5);
    close(u);
    expect(fake_live_handles()).toBe(0);
  });
});

describe("poll: cost and time", () => {
  beforeEach(() => fake_reset());

  it("1000 idle sockets and one active: one host poll and one read, pollables made once, nothing allocated", () => {
    const l = socket(AF_INET, SOCK_STREAM, 0);
    bind(l, loopback(0), SIZE);
    listen(l, 1024);
    const fds: i32[] = [];
    for (let i = 0; i < 1000; i++) {
      fake_queue_connection(tcpOf(l).handle);
      fds.push(accept(l, 0, 0));
    }
    for (let i = 0; i < 1000; i++) want(i, fds[i], POLLIN);
    fakeDeliverText(tcpOf(fds[500]).input, "x");
    expect(poll(FDS, 1000, -1)).toBe(1, "first call subscribes");
    expect(rev(500)).toBe(POLLIN);
    expect(recv(fds[500], buf, 8, 0)).toBe(1);
    fakeDeliverText(tcpOf(fds[700]).input, "y");
    fake_reset_calls();
    expect(poll(FDS, 1000, -1)).toBe(1);
    expect(rev(700)).toBe(POLLIN);
    expect(fake_calls("poll")).toBe(1);
    expect(fake_total_calls()).toBe(2, "one poll, one read to confirm");
    expect(recv(fds[700], buf, 8, 0)).toBe(1, "takes the byte the confirming read held");
    // The listener as the active one: its confirmation needs no host call and no memory,
    // so a heap probe on either side of poll shows whether poll itself allocated.
    want(1000, l, POLLIN);
    fake_queue_connection(tcpOf(l).handle);
    expect(poll(FDS, 1001, -1)).toBe(1);
    fake_queue_connection(tcpOf(l).handle);
    const before = hostAllocations;
    const probe = heap.alloc(16);
    heap.free(probe);
    const ready = poll(FDS, 1001, -1);
    const again = heap.alloc(16);
    heap.free(again);
    expect(ready).toBe(1);
    expect(rev(1000)).toBe(POLLIN);
    expect(hostAllocations).toBe(before, "the ready list landed in the lent buffer");
    expect(again).toBe(probe, "and poll itself kept nothing");
    for (let i = 0; i < 1000; i++) close(fds[i]);
    close(accept(l, 0, 0));
    close(accept(l, 0, 0));
    close(l);
    expect(fake_live_handles()).toBe(0, "every cached pollable dropped");
  });

  it("only the direction that fired is confirmed: data arriving costs no check-write", () => {
    const c = connectedPair();
    fake_set_write_budget(tcpOf(c).output, 0); // output not ready
    want(0, c, POLLIN | POLLOUT);
    expect(poll(FDS, 1, 0)).toBe(0, "first call subscribes both pollables");
    fakeDeliverText(tcpOf(c).input, "in");
    fake_reset_calls();
    expect(poll(FDS, 1, -1)).toBe(1);
    expect(rev(0)).toBe(POLLIN);
    expect(fake_total_calls()).toBe(2, "one poll, one read");
    expect(fake_calls("[method]output-stream.check-write")).toBe(0);
    close(c); close(listener);
  });

  it("a timeout is one timer, made and dropped: 0 ready after the time passed", () => {
    const c = connectedPair();
    want(0, c, POLLIN);
    const start = fake_now();
    fake_reset_calls();
    expect(poll(FDS, 1, 25)).toBe(0);
    expect(fake_now() - start).toBe(25_000_000);
    expect(fake_calls("subscribe-instant")).toBe(1);
    expect(fake_calls("[resource-drop]pollable")).toBe(1);
    const ts = heap.alloc(16);
    store<i64>(ts, 0);
    store<i32>(ts, 5_000_000, 8);
    expect(ppoll(FDS, 1, ts, 0)).toBe(0);
    expect(fake_now() - start).toBe(30_000_000);
    store<i32>(ts, 1_000_000_000, 8);
    expect(ppoll(FDS, 1, ts, 0)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(poll(0xfffffff0, 4, 0)).toBe(-1);
    expect(E.errno).toBe(E.EFAULT);
    close(c); close(listener);
    expect(fake_live_handles()).toBe(0);
  });
});

describe("select and the event-loop hook", () => {
  beforeEach(() => fake_reset());

  it("select: readable and writable sets rewritten, EBADF for a closed fd, timeout left in *timeout", () => {
    const c = connectedPair();
    const r = heap.alloc(4100);
    const w = heap.alloc(4100);
    const x = heap.alloc(4100);
    FD_ZERO(r); FD_ZERO(w); FD_ZERO(x);
    FD_SET(c, r); FD_SET(c, w); FD_SET(c, x); FD_SET(listener, r);
    FD_SET(c, r);
    expect(load<u32>(r)).toBe(2, "FD_SET twice keeps one");
    expect(select(c + 1, r, w, x, 0)).toBe(1, "writable only");
    expect(FD_ISSET(c, w)).toBe(true);
    expect(FD_ISSET(c, r)).toBe(false);
    expect(FD_ISSET(listener, r)).toBe(false);
    expect(FD_ISSET(c, x)).toBe(false);
    fakeDeliverText(tcpOf(c).input, "z");
    FD_ZERO(r); FD_SET(c, r);
    const tv = heap.alloc(16);
    store<i64>(tv, 5);
    store<i64>(tv, 0, 8);
    expect(select(c + 1, r, 0, 0, tv)).toBe(1);
    expect(FD_ISSET(c, r)).toBe(true);
    expect(load<i64>(tv)).toBeLessThanOrEqual(5);
    FD_CLR(c, r);
    expect(FD_ISSET(c, r)).toBe(false);
    const gone = socket(AF_INET, SOCK_STREAM, 0);
    close(gone);
    FD_SET(gone, r);
    expect(select(gone + 1, r, 0, 0, tv)).toBe(-1);
    expect(E.errno).toBe(E.EBADF);
    expect(select(-1, 0, 0, 0, 0)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    close(c); close(listener);
  });

  it("select leaves the time not slept in *timeout: all of it when nothing waited (the fake clock stood still), none at the deadline", () => {
    const c = connectedPair();
    const w = heap.alloc(4100);
    const r = heap.alloc(4100);
    const tv = heap.alloc(16);
    FD_ZERO(w); FD_SET(c, w);
    store<i64>(tv, 2);
    store<i64>(tv, 2_500_000, 8);
    const start = fake_now();
    expect(select(c + 1, 0, w, 0, tv)).toBe(1, "a tv_usec of a second or more counts as seconds, as Linux takes it");
    expect(fake_now()).toBe(start, "no time passed");
    expect(load<i64>(tv)).toBe(4, "the whole timeout is left, in whole seconds");
    expect(load<i64>(tv, 8)).toBe(500_000);
    FD_ZERO(r); FD_SET(c, r);
    store<i64>(tv, 0);
    store<i64>(tv, 30_000, 8);
    expect(select(c + 1, r, 0, 0, tv)).toBe(0);
    expect(fake_now() - start).toBe(30_000_000, "returned at the deadline");
    expect(load<i64>(tv)).toBe(0);
    expect(load<i64>(tv, 8)).toBe(0, "nothing left");
    store<i64>(tv, 0);
    store<i64>(tv, -1, 8);
    expect(select(c + 1, r, 0, 0, tv)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL, "only a negative time is invalid");
    close(c); close(listener);
  });

  it("select reports a reset in readfds and writefds, never in exceptfds (Linux puts only POLLPRI there)", () => {
    const c = connectedPair();
    const r = heap.alloc(4100);
    const w = heap.alloc(4100);
    const x = heap.alloc(4100);
    FD_ZERO(r); FD_ZERO(w); FD_ZERO(x);
    FD_SET(c, r); FD_SET(c, x);
    const tv = heap.alloc(16);
    store<i64>(tv, 0);
    store<i64>(tv, 0, 8);
    expect(select(c + 1, r, 0, x, tv)).toBe(0, "nothing yet: no out-of-band data ever makes exceptfds");
    fake_reset_peer(tcpOf(c).handle, error_code.connection_reset);
    FD_ZERO(r); FD_ZERO(w); FD_ZERO(x);
    FD_SET(c, r); FD_SET(c, w); FD_SET(c, x);
    expect(select(c + 1, r, w, x, 0)).toBe(2);
    expect(FD_ISSET(c, r)).toBe(true);
    expect(FD_ISSET(c, w)).toBe(true);
    expect(FD_ISSET(c, x)).toBe(false, "an error is not an exceptional condition");
    close(c); close(listener);
  });

  it("asps_pollable hands out the socket's own cached pollable", () => {
    const c = connectedPair();
    const p = asps_pollable(c, POLLIN);
    expect(p).toBeGreaterThan(0);
    expect(asps_pollable(c, POLLIN)).toBe(p, "the same one each time");
    expect(asps_pollable(c, POLLOUT)).not.toBe(p);
    expect(asps_pollable(4242, POLLIN)).toBe(0);
    expect(E.errno).toBe(E.EBADF);
    close(c); close(listener);
    expect(fake_live_handles()).toBe(0);
  });
});

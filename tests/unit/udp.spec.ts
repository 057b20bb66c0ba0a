// POSIX UDP against the scripted fake host: implicit bind, connect and
// disconnect, sendto on a connected socket, truncation, peek, batches,
// budgets and errno paths.
import { socket, bind, connect, listen, accept, send, sendto, recv, recvfrom, sendmsg, recvmsg, sendmmsg, recvmmsg, getsockname, getpeername, shutdown } from "../../include/sys/socket";
import { AF_INET, AF_INET6, AF_UNSPEC, SOCK_DGRAM, SOCK_NONBLOCK, MSG_DONTWAIT, MSG_PEEK, MSG_TRUNC, MSG_WAITALL, MSG_WAITFORONE, MSG_OOB, SHUT_RD, SHUT_WR, SHUT_RDWR } from "../../include/sys/socket";
import { POLLIN, POLLOUT, POLLHUP, POLLRDHUP } from "../../include/poll";
import { timespec } from "../../assembly/defs/time";
import { msghdr, mmsghdr, iovec } from "../../include/sys/socket";
import { close, read } from "../../include/unistd";
import { readv, writev } from "../../include/sys/uio";
import { sockaddr_in, INADDR_LOOPBACK } from "../../include/netinet/in";
import { htons, htonl, ntohs } from "../../include/arpa/inet";
import * as E from "../../include/errno";
import { descriptor } from "../../assembly/net/descriptors";
import { UdpSocket } from "../../assembly/net/udp";
import { error_code } from "../../assembly/wasi/sockets/network";
import {
  fake_reset, fake_reset_calls, fake_live_handles, fake_calls, fake_total_calls, fake_fail_next, fake_would_block,
  fake_queue_datagram, fake_set_send_budget, fake_sent_count, fake_sent_datagram, fake_sent_port, fake_now,
} from "./fake-host";

const SIZE: u32 = <u32>offsetof<sockaddr_in>();
/** A flag bit neither Linux nor wasi-libc gives a meaning. */
const UNKNOWN_FLAG: i32 = 0x400000;
const addr = new sockaddr_in();
const from = new sockaddr_in();
const fromLen = heap.alloc(4);
const buf = heap.alloc(70000);

function loopback(port: u16): usize {
  addr.sin_family = <u16>AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr = htonl(INADDR_LOOPBACK);
  return changetype<usize>(addr);
}

function udpOf(fd: i32): UdpSocket {
  return changetype<UdpSocket>(descriptor(fd)!.socket);
}

function portOf(fd: i32): u16 {
  store<u32>(fromLen, SIZE);
  expect(getsockname(fd, changetype<usize>(from), fromLen)).toBe(0);
  return ntohs(from.sin_port);
}

function text(s: string): usize {
  const b = String.UTF8.encode(s);
  memory.copy(buf, changetype<usize>(b), b.byteLength);
  return buf;
}

function queue(fd: i32, s: string, port: u16): void {
  const b = String.UTF8.encode(s);
  fake_queue_datagram(udpOf(fd).handle, changetype<usize>(b), b.byteLength, port);
}

function sentText(stream: u32, i: i32): string {
  const out = heap.alloc(256);
  const n = fake_sent_datagram(stream, i, out, 256);
  const s = String.UTF8.decodeUnsafe(out, n);
  heap.free(out);
  return s;
}

function bound(flags: i32 = 0): i32 {
  const fd = socket(AF_INET, SOCK_DGRAM | flags, 0);
  expect(bind(fd, loopback(0), SIZE)).toBe(0);
  return fd;
}

describe("UDP: addressing", () => {
  beforeEach(() => fake_reset());

  it("the first sendto binds implicitly to an ephemeral port", () => {
    const fd = socket(AF_INET, SOCK_DGRAM, 0);
    expect(portOf(fd)).toBe(0, "unbound: port 0, as Linux");
    expect(sendto(fd, text("hi"), 2, 0, loopback(7), SIZE)).toBe(2);
    expect(fake_calls("[method]udp-socket.start-bind")).toBe(1);
    expect(portOf(fd)).toBeGreaterThan(0);
    const out = udpOf(fd).outgoing;
    expect(fake_sent_count(out)).toBe(1);
    expect(fake_sent_port(out, 0)).toBe(7);
    expect(sentText(out, 0)).toBe("hi");
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("send without a peer is EDESTADDRREQ; listen and accept are EOPNOTSUPP", () => {
    const fd = socket(AF_INET, SOCK_DGRAM, 0);
    expect(send(fd, buf, 1, 0)).toBe(-1);
    expect(E.errno).toBe(E.EDESTADDRREQ);
    expect(listen(fd, 1)).toBe(-1);
    expect(E.errno).toBe(E.EOPNOTSUPP);
    expect(accept(fd, 0, 0)).toBe(-1);
    expect(E.errno).toBe(E.EOPNOTSUPP);
    expect(getpeername(fd, changetype<usize>(from), fromLen)).toBe(-1);
    expect(E.errno).toBe(E.ENOTCONN);
    close(fd);
  });

  it("connect sets the peer, AF_UNSPEC dissolves it, and the local address survives both", () => {
    const fd = socket(AF_INET, SOCK_DGRAM, 0);
    expect(connect(fd, loopback(9001), SIZE)).toBe(0);
    const port = portOf(fd);
    expect(port).toBeGreaterThan(0, "connect bound implicitly");
    store<u32>(fromLen, SIZE);
    expect(getpeername(fd, changetype<usize>(from), fromLen)).toBe(0);
    expect(ntohs(from.sin_port)).toBe(9001);
    expect(send(fd, text("to peer"), 7, 0)).toBe(7);
    expect(fake_sent_port(udpOf(fd).outgoing, 0)).toBe(-1, "no address: the stream's peer");
    store<u16>(changetype<usize>(addr), <u16>AF_UNSPEC);
    expect(connect(fd, changetype<usize>(addr), SIZE)).toBe(0);
    expect(getpeername(fd, changetype<usize>(from), fromLen)).toBe(-1);
    expect(E.errno).toBe(E.ENOTCONN);
    expect(portOf(fd)).toBe(port);
    expect(connect(fd, loopback(9002), SIZE)).toBe(0);
    expect(portOf(fd)).toBe(port, "reconnect keeps the local address");
    close(fd);
    expect(fake_live_handles()).toBe(0, "every stream pair was dropped");
  });

  it("a connected socket only receives from its peer", () => {
    const fd = bound();
    expect(connect(fd, loopback(9001), SIZE)).toBe(0);
    queue(fd, "stranger", 9999);
    queue(fd, "peer", 9001);
    store<u32>(fromLen, SIZE);
    expect(recvfrom(fd, buf, 100, 0, changetype<usize>(from), fromLen)).toBe(4);
    expect(String.UTF8.decodeUnsafe(buf, 4)).toBe("peer");
    expect(recv(fd, buf, 100, MSG_DONTWAIT)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    close(fd);
  });

  it("sendto another address on a connected socket sends there, as Linux, and stays connected", () => {
    const fd = socket(AF_INET, SOCK_DGRAM, 0);
    expect(connect(fd, loopback(9001), SIZE)).toBe(0);
    expect(sendto(fd, text("aside"), 5, 0, loopback(9002), SIZE)).toBe(5);
    store<u32>(fromLen, SIZE);
    expect(getpeername(fd, changetype<usize>(from), fromLen)).toBe(0);
    expect(ntohs(from.sin_port)).toBe(9001);
    expect(sendto(fd, text("same"), 4, 0, loopback(9001), SIZE)).toBe(4, "the peer's own address: no detour");
    expect(fake_sent_count(udpOf(fd).outgoing)).toBe(1);
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("shutdown needs a peer; then reads return 0 and sends EPIPE", () => {
    const fd = bound();
    expect(shutdown(fd, SHUT_RD)).toBe(-1);
    expect(E.errno).toBe(E.ENOTCONN);
    expect(connect(fd, loopback(9001), SIZE)).toBe(0);
    expect(shutdown(fd, SHUT_RD)).toBe(0);
    expect(recv(fd, buf, 10, 0)).toBe(0);
    expect(shutdown(fd, SHUT_WR)).toBe(0);
    expect(send(fd, buf, 1, 0)).toBe(-1);
    expect(E.errno).toBe(E.EPIPE);
    close(fd);
  });

  it("shut down both ways: POLLHUP beside POLLIN|POLLRDHUP; a datagram the host is slow to hand over is still received", () => {
    const fd = bound();
    expect(connect(fd, loopback(9001), SIZE)).toBe(0);
    expect(shutdown(fd, SHUT_RDWR)).toBe(0);
    expect(udpOf(fd).readyNow()).toBe(POLLIN | POLLOUT | POLLHUP | POLLRDHUP);
    queue(fd, "late", 9001);
    // The host's first receive finds nothing yet (wasmtime's I/O task has not run): the grace wait lets it deliver.
    fake_would_block("[method]incoming-datagram-stream.receive", 1);
    expect(recv(fd, buf, 10, MSG_DONTWAIT)).toBe(4);
    expect(String.UTF8.decodeUnsafe(buf, 4)).toBe("late");
    expect(recv(fd, buf, 10, MSG_DONTWAIT)).toBe(-1, "nothing queued: EAGAIN, after the grace");
    expect(E.errno).toBe(E.EAGAIN);
    expect(recv(fd, buf, 10, 0)).toBe(0, "a blocking one: 0");
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("streams the host refused at bind: the bind stands, the next send reports it, the one after works", () => {
    const fd = socket(AF_INET, SOCK_DGRAM, 0);
    fake_fail_next("[method]udp-socket.stream", error_code.out_of_memory, 2);
    expect(bind(fd, loopback(0), SIZE)).toBe(0);
    expect(sendto(fd, text("x"), 1, 0, loopback(7), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.ENOMEM);
    expect(sendto(fd, text("x"), 1, 0, loopback(7), SIZE)).toBe(1);
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("a host bind failure is mapped; destinations of another family get Linux's errnos", () => {
    const fd = socket(AF_INET, SOCK_DGRAM, 0);
    fake_fail_next("[method]udp-socket.start-bind", error_code.address_in_use, 1);
    expect(bind(fd, loopback(53), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EADDRINUSE);
    const v6 = socket(AF_INET6, SOCK_DGRAM, 0);
    expect(sendto(v6, buf, 1, 0, loopback(7), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.ENETUNREACH, "udpv6_sendmsg: AF_INET on a v6-only socket");
    memory.fill(buf + 64, 0, 32);
    store<u16>(buf + 64, 12345);
    expect(sendto(v6, buf, 1, 0, buf + 64, 28)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL, "udpv6_sendmsg: an unknown family");
    expect(sendto(fd, buf, 1, 0, buf + 64, 28)).toBe(-1);
    expect(E.errno).toBe(E.EAFNOSUPPORT, "udp_sendmsg: another family on an IPv4 socket");
    close(fd);
    close(v6);
  });
});

describe("UDP: receiving", () => {
  beforeEach(() => fake_reset());

  it("recvfrom reports the source; MSG_TRUNC gives the real length", () => {
    const fd = bound();
    queue(fd, "hello world", 5353);
    store<u32>(fromLen, SIZE);
    expect(recvfrom(fd, buf, 5, 0, changetype<usize>(from), fromLen)).toBe(5, "truncated to the buffer");
    expect(ntohs(from.sin_port)).toBe(5353);
    expect(load<u32>(fromLen)).toBe(SIZE);
    queue(fd, "hello world", 5353);
    expect(recv(fd, buf, 5, MSG_TRUNC)).toBe(11, "MSG_TRUNC: the datagram's length");
    expect(String.UTF8.decodeUnsafe(buf, 5)).toBe("hello");
    queue(fd, "", 5353);
    expect(recv(fd, buf, 5, 0)).toBe(0, "an empty datagram");
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("MSG_PEEK holds one datagram with its source; recv then returns the same", () => {
    const fd = bound();
    queue(fd, "first", 1111);
    queue(fd, "second", 2222);
    store<u32>(fromLen, SIZE);
    expect(recvfrom(fd, buf, 100, MSG_PEEK, changetype<usize>(from), fromLen)).toBe(5);
    expect(ntohs(from.sin_port)).toBe(1111);
    expect(recv(fd, buf + 100, 100, MSG_PEEK)).toBe(5, "peeking again sees the same datagram");
    fake_reset_calls();
    store<u32>(fromLen, SIZE);
    expect(recvfrom(fd, buf + 200, 100, 0, changetype<usize>(from), fromLen)).toBe(5);
    expect(fake_total_calls()).toBe(0, "served from the held datagram");
    expect(String.UTF8.decodeUnsafe(buf + 200, 5)).toBe("first");
    expect(ntohs(from.sin_port)).toBe(1111);
    expect(recv(fd, buf, 100, 0)).toBe(6);
    expect(String.UTF8.decodeUnsafe(buf, 6)).toBe("second");
    queue(fd, "held at close", 1);
    expect(recv(fd, buf, 100, MSG_PEEK)).toBe(13);
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("recv on a never-bound socket waits as Linux (EAGAIN when non-blocking or at the timeout)", () => {
    const fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    expect(recv(fd, buf, 10, 0)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    const b = socket(AF_INET, SOCK_DGRAM, 0);
    udpOf(b).receiveTimeoutNs = 5_000_000;
    const before = fake_now();
    expect(recv(b, buf, 10, 0)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    expect(fake_now() - before).toBeGreaterThanOrEqual(5_000_000, "it waited out the timeout");
    close(fd);
    close(b);
    expect(fake_live_handles()).toBe(0, "the timer was dropped");
  });

  it("a blocking recv waits on the cached incoming pollable", () => {
    const fd = bound();
    queue(fd, "late", 1);
    fake_would_block("[method]incoming-datagram-stream.receive", 2);
    expect(recv(fd, buf, 10, 0)).toBe(4);
    queue(fd, "later", 1);
    fake_would_block("[method]incoming-datagram-stream.receive", 1);
    expect(recv(fd, buf, 10, 0)).toBe(5);
    expect(fake_calls("[method]incoming-datagram-stream.subscribe")).toBe(1);
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("a receive error of the host is mapped (connected UDP after the peer went away)", () => {
    const fd = bound();
    expect(connect(fd, loopback(9001), SIZE)).toBe(0);
    fake_fail_next("[method]incoming-datagram-stream.receive", error_code.connection_refused, 1);
    expect(recv(fd, buf, 10, 0)).toBe(-1);
    expect(E.errno).toBe(E.ECONNREFUSED);
    close(fd);
  });

  it("MSG_WAITALL is accepted and changes nothing; MSG_OOB is EOPNOTSUPP", () => {
    const fd = bound();
    queue(fd, "abc", 1);
    expect(recv(fd, buf, 100, MSG_WAITALL)).toBe(3);
    expect(recv(fd, buf, 100, MSG_OOB)).toBe(-1);
    expect(E.errno).toBe(E.EOPNOTSUPP);
    expect(sendto(fd, buf, 1, MSG_OOB, loopback(7), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EOPNOTSUPP);
    close(fd);
  });

  it("a flag bit that means nothing to UDP is ignored, as Linux ignores it; the refused ones send and consume nothing", () => {
    const fd = bound();
    expect(sendto(fd, text("xy"), 2, MSG_OOB, loopback(7), SIZE)).toBe(-1);
    expect(fake_sent_count(udpOf(fd).outgoing)).toBe(0);
    expect(sendto(fd, text("xy"), 2, UNKNOWN_FLAG, loopback(7), SIZE)).toBe(2);
    expect(fake_sent_count(udpOf(fd).outgoing)).toBe(1);
    queue(fd, "def", 1);
    expect(recv(fd, buf, 100, MSG_OOB)).toBe(-1);
    expect(recv(fd, buf, 100, UNKNOWN_FLAG | MSG_DONTWAIT)).toBe(3);
    close(fd);
  });
});

describe("UDP: sending", () => {
  beforeEach(() => fake_reset());

  it("a datagram above the IPv4 limit is EMSGSIZE without a host call", () => {
    const fd = bound();
    fake_reset_calls();
    expect(sendto(fd, buf, 65508, 0, loopback(7), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EMSGSIZE);
    expect(fake_total_calls()).toBe(0);
    expect(sendto(fd, buf, 65507, 0, loopback(7), SIZE)).toBe(65507);
    close(fd);
  });

  it("send with budget costs check-send + send", () => {
    const fd = bound();
    fake_reset_calls();
    expect(sendto(fd, buf, 10, 0, loopback(7), SIZE)).toBe(10);
    expect(fake_total_calls()).toBe(2);
    close(fd);
  });

  it("no budget: EAGAIN when non-blocking, a wait on the cached outgoing pollable otherwise", () => {
    const fd = bound();
    fake_would_block("[method]outgoing-datagram-stream.check-send", 1);
    expect(sendto(fd, buf, 10, MSG_DONTWAIT, loopback(7), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    fake_would_block("[method]outgoing-datagram-stream.check-send", 2);
    expect(sendto(fd, buf, 10, 0, loopback(7), SIZE)).toBe(10);
    expect(fake_calls("[method]outgoing-datagram-stream.subscribe")).toBe(1);
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });
});

// ---- message calls -------------------------------------------------------------------

const IOV = heap.alloc(3 * 8);
const MSG = new msghdr();

function threeIovecs(a: usize, al: usize, b: usize, bl: usize, c: usize, cl: usize): usize {
  store<usize>(IOV, a); store<usize>(IOV, al, 4);
  store<usize>(IOV, b, 8); store<usize>(IOV, bl, 12);
  store<usize>(IOV, c, 16); store<usize>(IOV, cl, 20);
  return IOV;
}

function message(name: usize, namelen: u32, iov: usize, iovlen: i32): usize {
  MSG.msg_name = name;
  MSG.msg_namelen = namelen;
  MSG.msg_iov = iov;
  MSG.msg_iovlen = iovlen;
  MSG.msg_control = 0;
  MSG.msg_controllen = 0;
  MSG.msg_flags = -1;
  return changetype<usize>(MSG);
}

describe("UDP: sendmsg, recvmsg, sendmmsg, recvmmsg", () => {
  beforeEach(() => fake_reset());

  it("recvmsg scatters one datagram over three iovecs and reports name, flags and no control data", () => {
    const fd = bound();
    queue(fd, "abcdefghij", 4242);
    const m = message(changetype<usize>(from), SIZE, threeIovecs(buf, 3, buf + 100, 3, buf + 200, 2), 3);
    MSG.msg_control = buf + 300;
    MSG.msg_controllen = 64;
    expect(recvmsg(fd, m, 0)).toBe(8);
    expect(String.UTF8.decodeUnsafe(buf, 3) + String.UTF8.decodeUnsafe(buf + 100, 3) + String.UTF8.decodeUnsafe(buf + 200, 2)).toBe("abcdefgh");
    expect(MSG.msg_flags).toBe(MSG_TRUNC, "two bytes did not fit");
    expect(MSG.msg_controllen).toBe(0);
    expect(ntohs(from.sin_port)).toBe(4242);
    close(fd);
  });

  it("sendmsg gathers three iovecs into one datagram; control data is EOPNOTSUPP", () => {
    const fd = bound();
    const a = String.UTF8.encode("one ");
    const b = String.UTF8.encode("two ");
    const c = String.UTF8.encode("three");
    const m = message(loopback(7), SIZE, threeIovecs(changetype<usize>(a), 4, changetype<usize>(b), 4, changetype<usize>(c), 5), 3);
    expect(sendmsg(fd, m, 0)).toBe(13);
    expect(sentText(udpOf(fd).outgoing, 0)).toBe("one two three");
    MSG.msg_control = buf;
    MSG.msg_controllen = 16;
    expect(sendmsg(fd, m, 0)).toBe(-1);
    expect(E.errno).toBe(E.EOPNOTSUPP);
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("iovec checks: a count over IOV_MAX is EMSGSIZE, a bad pointer EFAULT", () => {
    const fd = bound();
    expect(recvmsg(fd, message(0, 0, IOV, 1025), 0)).toBe(-1);
    expect(E.errno).toBe(E.EMSGSIZE);
    expect(recvmsg(fd, message(0, 0, threeIovecs(0xfffffff0, 64, buf, 1, buf, 1), 3), 0)).toBe(-1);
    expect(E.errno).toBe(E.EFAULT);
    expect(recvmsg(fd, 0xfffffff0, 0)).toBe(-1);
    expect(E.errno).toBe(E.EFAULT);
    close(fd);
  });

  it("sendmmsg of 64 datagrams: one check-send and one send", () => {
    const fd = bound();
    const vec = heap.alloc(64 * 32);
    const iovs = heap.alloc(64 * 8);
    memory.fill(vec, 0, 64 * 32);
    for (let i = 0; i < 64; i++) {
      store<u8>(buf + i, <u8>i);
      store<usize>(iovs + i * 8, buf + i);
      store<usize>(iovs + i * 8, 1, 4);
      const h = changetype<mmsghdr>(vec + i * 32);
      h.msg_name = loopback(7);
      h.msg_namelen = SIZE;
      h.msg_iov = iovs + i * 8;
      h.msg_iovlen = 1;
    }
    fake_reset_calls();
    expect(sendmmsg(fd, vec, 64, 0)).toBe(64);
    expect(fake_calls("[method]outgoing-datagram-stream.check-send")).toBe(1);
    expect(fake_calls("[method]outgoing-datagram-stream.send")).toBe(1);
    const out = udpOf(fd).outgoing;
    expect(fake_sent_count(out)).toBe(64);
    const one = heap.alloc(4);
    expect(fake_sent_datagram(out, 63, one, 4)).toBe(1);
    expect(load<u8>(one)).toBe(63);
    expect(changetype<mmsghdr>(vec + 63 * 32).msg_len).toBe(1);
    fake_set_send_budget(out, 10);
    expect(sendmmsg(fd, vec, 64, MSG_DONTWAIT)).toBe(10, "non-blocking: what the budget allows");
    expect(sendmmsg(fd, vec, 64, 0)).toBe(64, "blocking: all, in budget-sized batches");
    expect(fake_sent_count(out)).toBe(138);
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("recvmmsg takes what waits with one host receive (MSG_WAITFORONE), filling lengths, names and flags", () => {
    const fd = bound();
    for (let i = 0; i < 5; i++) queue(fd, "datagram " + i.toString(), <u16>(1000 + i));
    const vec = heap.alloc(8 * 32);
    const iovs = heap.alloc(8 * 8);
    const names = heap.alloc(8 * 16);
    memory.fill(vec, 0, 8 * 32);
    for (let i = 0; i < 8; i++) {
      store<usize>(iovs + i * 8, buf + i * 100);
      store<usize>(iovs + i * 8, i == 4 ? 4 : 100, 4);
      const h = changetype<mmsghdr>(vec + i * 32);
      h.msg_name = names + i * 16;
      h.msg_namelen = 16;
      h.msg_iov = iovs + i * 8;
      h.msg_iovlen = 1;
    }
    fake_reset_calls();
    expect(recvmmsg(fd, vec, 8, MSG_WAITFORONE, 0)).toBe(5);
    expect(fake_calls("[method]incoming-datagram-stream.receive")).toBe(2, "one that took five, one that found none");
    expect(changetype<mmsghdr>(vec + 2 * 32).msg_len).toBe(10);
    expect(String.UTF8.decodeUnsafe(buf + 200, 10)).toBe("datagram 2");
    expect(ntohs(load<u16>(names + 3 * 16, 2))).toBe(1003);
    expect(changetype<mmsghdr>(vec + 4 * 32).msg_flags).toBe(MSG_TRUNC);
    expect(changetype<mmsghdr>(vec + 4 * 32).msg_len).toBe(4);
    expect(recvmmsg(fd, vec, 8, MSG_DONTWAIT, 0)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });
  it("writev of empty iovecs sends nothing (Linux's vfs_writev stops there), sendmsg of them an empty datagram; read of 0 bytes consumes nothing", () => {
    const fd = bound();
    expect(connect(fd, loopback(7), SIZE)).toBe(0);
    const empty = threeIovecs(buf, 0, 0, 0, buf, 0);
    expect(writev(fd, empty, 3)).toBe(0);
    expect(fake_sent_count(udpOf(fd).outgoing)).toBe(0);
    expect(sendmsg(fd, message(0, 0, empty, 3), 0)).toBe(0);
    expect(fake_sent_count(udpOf(fd).outgoing)).toBe(1);
    queue(fd, "abc", 7);
    fake_reset_calls();
    expect(read(fd, buf, 0)).toBe(0);
    expect(readv(fd, empty, 3)).toBe(0);
    expect(fake_total_calls()).toBe(0, "sock_read_iter answers before the protocol looks");
    expect(recv(fd, buf, 10, MSG_DONTWAIT)).toBe(3, "still queued");
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("sendmmsg: a message that fails its checks ends the batch, and the ones before it are sent", () => {
    const fd = bound();
    const vec = mmsgVector(4, 3);
    for (let i = 0; i < 4; i++) {
      changetype<mmsghdr>(vec + i * 32).msg_name = loopback(7);
      changetype<mmsghdr>(vec + i * 32).msg_namelen = SIZE;
    }
    changetype<mmsghdr>(vec + 2 * 32).msg_name = 0; // no destination on an unconnected socket
    expect(sendmmsg(fd, vec, 4, 0)).toBe(2);
    expect(fake_sent_count(udpOf(fd).outgoing)).toBe(2, "Linux sent the two before the bad one");
    expect(changetype<mmsghdr>(vec + 32).msg_len).toBe(3);
    expect(sendmmsg(fd, vec + 2 * 32, 2, 0)).toBe(-1, "the bad one first: its error");
    expect(E.errno).toBe(E.EDESTADDRREQ);
    expect(fake_sent_count(udpOf(fd).outgoing)).toBe(2);
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("sendmsg reads a msg_namelen over 128 as 128 (sendto refuses it); a negative one is EINVAL", () => {
    const fd = bound();
    const m = message(loopback(7), 200, threeIovecs(text("hi"), 2, buf, 0, buf, 0), 1);
    expect(sendmsg(fd, m, 0)).toBe(2);
    expect(sendto(fd, buf, 2, 0, loopback(7), 200)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    MSG.msg_namelen = -1;
    expect(sendmsg(fd, m, 0)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(fake_sent_count(udpOf(fd).outgoing)).toBe(1);
    close(fd);
  });

  it("recvmmsg with MSG_PEEK gives every message the first datagram and consumes nothing", () => {
    const fd = bound();
    queue(fd, "ab", 1);
    queue(fd, "ABC", 1);
    const vec = mmsgVector(8, 16);
    expect(recvmmsg(fd, vec, 2, MSG_PEEK | MSG_DONTWAIT, 0)).toBe(2);
    expect(changetype<mmsghdr>(vec).msg_len).toBe(2);
    expect(changetype<mmsghdr>(vec + 32).msg_len).toBe(2);
    expect(String.UTF8.decodeUnsafe(buf + 16, 2)).toBe("ab");
    expect(recvmmsg(fd, vec, 8, MSG_DONTWAIT, 0)).toBe(2, "both still queued");
    expect(changetype<mmsghdr>(vec + 32).msg_len).toBe(3);
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("recvmmsg looks at its timeout only after a datagram: a zero one takes one, and the rest stay queued", () => {
    const fd = bound();
    for (let i = 0; i < 3; i++) queue(fd, "d" + i.toString(), 1);
    const vec = mmsgVector(8, 16);
    const ts = new timespec();
    fake_reset_calls();
    expect(recvmmsg(fd, vec, 8, 0, changetype<usize>(ts))).toBe(1);
    expect(fake_calls("[method]incoming-datagram-stream.receive")).toBe(1, "one host receive, for one datagram");
    expect(recvmmsg(fd, vec, 8, MSG_DONTWAIT, 0)).toBe(2);
    expect(String.UTF8.decodeUnsafe(buf + 16, 2)).toBe("d2");
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("recvmmsg after SHUT_RD: every message is recvmsg's 0, with no source; MSG_WAITFORONE stops after one", () => {
    const fd = bound();
    expect(connect(fd, loopback(9001), SIZE)).toBe(0);
    expect(shutdown(fd, SHUT_RD)).toBe(0);
    const vec = mmsgVector(3, 16);
    const names = heap.alloc(3 * 16);
    for (let i = 0; i < 3; i++) {
      changetype<mmsghdr>(vec + i * 32).msg_name = names + i * 16;
      changetype<mmsghdr>(vec + i * 32).msg_namelen = 16;
    }
    expect(recvmmsg(fd, vec, 3, 0, 0)).toBe(3);
    expect(changetype<mmsghdr>(vec + 2 * 32).msg_len).toBe(0);
    expect(changetype<mmsghdr>(vec).msg_namelen).toBe(0);
    expect(recvmmsg(fd, vec, 3, MSG_WAITFORONE, 0)).toBe(1);
    heap.free(names);
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });
});

/** `n` mmsghdrs, message i receiving into (or sending from) buf + i * size, `size` bytes; no names. */
function mmsgVector(n: i32, size: usize): usize {
  const vec = heap.alloc(<usize>n * 32);
  const iovs = heap.alloc(<usize>n * 8);
  memory.fill(vec, 0, <usize>n * 32);
  for (let i = 0; i < n; i++) {
    store<usize>(iovs + i * 8, buf + <usize>i * size);
    store<usize>(iovs + i * 8, size, 4);
    const h = changetype<mmsghdr>(vec + i * 32);
    h.msg_iov = iovs + i * 8;
    h.msg_iovlen = 1;
  }
  return vec;
}

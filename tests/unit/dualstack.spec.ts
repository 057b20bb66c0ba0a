// Dual-stack emulation (an extension, off by default) against the fake host:
// an AF_INET6 TCP socket with IPV6_V6ONLY = 0 listens on :: and 0.0.0.0 and
// connects to ::ffff:a.b.c.d over IPv4; IPv4 peers read as mapped addresses.
import { socket, bind, listen, accept, connect, getsockname, getpeername, getsockopt, setsockopt, sendto, recvfrom } from "../../include/sys/socket";
import { AF_INET6, SOCK_STREAM, SOCK_DGRAM, SOCK_NONBLOCK, SOL_SOCKET, SO_RCVTIMEO } from "../../include/sys/socket";
import { IPPROTO_IPV6, IPV6_V6ONLY } from "../../include/netinet/in";
import { close } from "../../include/unistd";
import { asps_dual_stack } from "../../include/asps";
import * as E from "../../include/errno";
import { descriptor } from "../../assembly/net/descriptors";
import { TcpSocket } from "../../assembly/net/tcp";
import { UdpSocket } from "../../assembly/net/udp";
import { fake_reset, fake_live_handles, fake_live_of, fake_calls, fake_queue_connection, fake_now, fake_queue_datagram, fake_sent_port, fake_sent_count } from "./fake-host";

const SA = heap.alloc(32);
const LEN = heap.alloc(4);
const VAL = heap.alloc(16);

/** A sockaddr_in6 for [segments]:port at SA. */
function in6(port: u16, s5: u16, s6: u16, s7: u16): usize {
  memory.fill(SA, 0, 32);
  store<u16>(SA, <u16>AF_INET6);
  store<u16>(SA, bswap<u16>(port), 2);
  store<u16>(SA + 18, bswap<u16>(s5));
  store<u16>(SA + 20, bswap<u16>(s6));
  store<u16>(SA + 22, bswap<u16>(s7));
  return SA;
}

/** The address at SA as text: its last three segments and the port. */
function shown(): string {
  const seg = (i: i32): string => bswap<u16>(load<u16>(SA + 8 + <usize>i * 2)).toString(16);
  let zeros = true;
  for (let i = 0; i < 5; i++) if (load<u16>(SA + 8 + <usize>i * 2) != 0) zeros = false;
  return (zeros ? "::" : "?") + seg(5) + ":" + seg(6) + ":" + seg(7) + " port " + bswap<u16>(load<u16>(SA, 2)).toString();
}

function setV6Only(fd: i32, v: i32): i32 {
  store<i32>(VAL, v);
  return setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, VAL, 4);
}

function v6Only(fd: i32): i32 {
  store<u32>(LEN, 4);
  getsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, VAL, LEN);
  return load<i32>(VAL);
}

function tcpOf(fd: i32): TcpSocket {
  return changetype<TcpSocket>(descriptor(fd)!.socket);
}

describe("dual-stack emulation", () => {
  beforeEach(() => {
    fake_reset();
    asps_dual_stack(false);
  });

  it("off (the default): IPV6_V6ONLY = 0 is EOPNOTSUPP and ::ffff:a.b.c.d is unreachable, as on a v6-only Linux socket", () => {
    const fd = socket(AF_INET6, SOCK_STREAM, 0);
    expect(setV6Only(fd, 0)).toBe(-1);
    expect(E.errno).toBe(E.EOPNOTSUPP);
    expect(connect(fd, in6(9000, 0xffff, 0x7f00, 0x0001), 28)).toBe(-1);
    expect(E.errno).toBe(E.ENETUNREACH);
    close(fd);
  });

  it("on: a :: listener also listens on 0.0.0.0 and accept serves both, IPv4 peers as ::ffff:a.b.c.d", () => {
    asps_dual_stack(true);
    const fd = socket(AF_INET6, SOCK_STREAM, 0);
    expect(v6Only(fd)).toBe(1, "v6-only until asked");
    expect(setV6Only(fd, 0)).toBe(0);
    expect(v6Only(fd)).toBe(0);
    expect(bind(fd, in6(0, 0, 0, 0), 28)).toBe(0);
    expect(setV6Only(fd, 1)).toBe(-1, "fixed once bound");
    expect(E.errno).toBe(E.EINVAL);
    expect(listen(fd, 8)).toBe(0);
    expect(fake_live_of("tcp-socket")).toBe(2, "the hidden IPv4 twin");
    store<u32>(LEN, 28);
    expect(getsockname(fd, SA, LEN)).toBe(0);
    const port = bswap<u16>(load<u16>(SA, 2));
    expect(port).toBeGreaterThan(0);
    const twin = tcpOf(fd).twin!;

    fake_queue_connection(twin.handle);
    store<u32>(LEN, 28);
    const c4 = accept(fd, SA, LEN);
    expect(c4).toBeGreaterThan(fd);
    expect(load<u32>(LEN)).toBe(32, "a sockaddr_in6");
    expect(shown().startsWith("::ffff:7f00:1")).toBe(true, shown());
    store<u32>(LEN, 28);
    expect(getsockname(c4, SA, LEN)).toBe(0);
    expect(shown()).toBe("::ffff:7f00:1 port " + port.toString());

    fake_queue_connection(tcpOf(fd).handle);
    store<u32>(LEN, 28);
    const c6 = accept(fd, SA, LEN);
    expect(c6).toBeGreaterThan(c4);
    expect(shown().startsWith("::0:0:1")).toBe(true, "an IPv6 peer stays IPv6: " + shown());

    close(c4); close(c6); close(fd);
    expect(fake_live_handles()).toBe(0, "the twin is released with its listener");
  });

  it("on: accept waits on both sockets, with the receive timeout, and EAGAIN when non-blocking", () => {
    asps_dual_stack(true);
    const fd = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, 0);
    setV6Only(fd, 0);
    expect(listen(fd, 8)).toBe(0, "the implicit bind to :: is dual too");
    expect(fake_live_of("tcp-socket")).toBe(2);
    expect(accept(fd, 0, 0)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    const b = socket(AF_INET6, SOCK_STREAM, 0);
    setV6Only(b, 0);
    listen(b, 8);
    store<i64>(VAL, 0);
    store<i64>(VAL, 4000, 8);
    setsockopt(b, SOL_SOCKET, SO_RCVTIMEO, VAL, 16);
    const before = fake_now();
    expect(accept(b, 0, 0)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    expect(fake_now() - before).toBe(4_000_000);
    close(fd); close(b);
    expect(fake_live_handles()).toBe(0);
  });

  it("on: connect to ::ffff:127.0.0.1 goes over IPv4 and names read as mapped addresses", () => {
    asps_dual_stack(true);
    const fd = socket(AF_INET6, SOCK_STREAM, 0);
    expect(setV6Only(fd, 0)).toBe(0);
    expect(connect(fd, in6(9000, 0xffff, 0x7f00, 0x0001), 28)).toBe(0);
    expect(fake_calls("create-tcp-socket")).toBe(2, "the IPv6 socket, then its IPv4 replacement");
    store<u32>(LEN, 28);
    expect(getpeername(fd, SA, LEN)).toBe(0);
    expect(shown()).toBe("::ffff:7f00:1 port 9000");
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("UDP: sendto ::ffff:127.0.0.1 goes over IPv4 once V6ONLY is 0; sources read as mapped; a v6-only socket gets ENETUNREACH", () => {
    const strict = socket(AF_INET6, SOCK_DGRAM, 0);
    expect(sendto(strict, VAL, 4, 0, in6(7, 0xffff, 0x7f00, 0x0001), 28)).toBe(-1);
    expect(E.errno).toBe(E.ENETUNREACH);
    asps_dual_stack(true);
    const fd = socket(AF_INET6, SOCK_DGRAM, 0);
    expect(setV6Only(fd, 0)).toBe(0);
    expect(sendto(fd, VAL, 4, 0, in6(7, 0xffff, 0x7f00, 0x0001), 28)).toBe(4);
    expect(fake_calls("create-udp-socket")).toBe(3, "two sockets, and the IPv4 replacement");
    const u = changetype<UdpSocket>(descriptor(fd)!.socket);
    expect(fake_sent_count(u.outgoing)).toBe(1);
    expect(fake_sent_port(u.outgoing, 0)).toBe(7);
    fake_queue_datagram(u.handle, VAL, 4, 5353);
    store<u32>(LEN, 28);
    expect(recvfrom(fd, VAL, 16, 0, SA, LEN)).toBe(4);
    expect(shown()).toBe("::ffff:7f00:1 port 5353");
    store<u32>(LEN, 28);
    expect(getsockname(fd, SA, LEN)).toBe(0);
    expect(load<u16>(SA)).toBe(<u16>AF_INET6, "names stay IPv6-shaped");
    expect(sendto(fd, VAL, 4, 0, in6(7, 0, 0, 1), 28)).toBe(-1, "::1 from an IPv4-backed socket");
    expect(E.errno).toBe(E.ENETUNREACH);
    close(fd); close(strict);
    expect(fake_live_handles()).toBe(0);
  });

  it("UDP: a connected mapped socket sends to its peer, steps aside to another mapped address, and reconnects", () => {
    asps_dual_stack(true);
    const fd = socket(AF_INET6, SOCK_DGRAM, 0);
    expect(setV6Only(fd, 0)).toBe(0);
    expect(connect(fd, in6(9001, 0xffff, 0x7f00, 0x0001), 28)).toBe(0);
    expect(sendto(fd, VAL, 4, 0, in6(9002, 0xffff, 0x7f00, 0x0001), 28)).toBe(4, "another mapped destination");
    expect(sendto(fd, VAL, 4, 0, in6(9001, 0xffff, 0x7f00, 0x0001), 28)).toBe(4, "the peer's own address");
    const u = changetype<UdpSocket>(descriptor(fd)!.socket);
    expect(fake_sent_count(u.outgoing)).toBe(1, "after stepping back, the peer's send went on the reconnected stream");
    store<u32>(LEN, 28);
    expect(getpeername(fd, SA, LEN)).toBe(0);
    expect(shown()).toBe("::ffff:7f00:1 port 9001");
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });
});

// Socket options, descriptor controls and timeouts against the fake host:
// every option of the table on TCP and UDP (default, set, read back, bad
// length, wrong type, wrong level), fcntl, dup, ioctl and the waits that
// SO_RCVTIMEO / SO_SNDTIMEO bound.
import { socket, bind, listen, accept, connect, send, recv, recvfrom, getsockopt, setsockopt, sockatmark } from "../../include/sys/socket";
import {
  AF_INET, AF_INET6, SOCK_STREAM, SOCK_DGRAM, SOCK_NONBLOCK, SOL_SOCKET, MSG_DONTWAIT,
  SO_TYPE, SO_PROTOCOL, SO_DOMAIN, SO_ERROR, SO_ACCEPTCONN, SO_REUSEADDR, SO_KEEPALIVE, SO_RCVBUF, SO_SNDBUF,
  SO_RCVTIMEO, SO_SNDTIMEO, SO_OOBINLINE, SO_NOSIGPIPE, SO_LINGER, SO_BROADCAST, SO_PEERCRED, SO_BINDTODEVICE, SO_REUSEPORT,
} from "../../include/sys/socket";
import {
  IPPROTO_IP, IPPROTO_IPV6, IPPROTO_TCP, IPPROTO_UDP, IP_TTL, IP_TOS, IP_HDRINCL, IPV6_UNICAST_HOPS, IPV6_V6ONLY,
  IPV6_HDRINCL, IPV6_TCLASS, sockaddr_in, INADDR_LOOPBACK,
} from "../../include/netinet/in";
import { TCP_NODELAY, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT, TCP_MAXSEG } from "../../include/netinet/tcp";
import { fcntl, F_GETFL, F_SETFL, F_GETFD, F_DUPFD, F_DUPFD_CLOEXEC, FD_CLOEXEC, O_NONBLOCK, O_APPEND, O_RDWR, O_CLOEXEC } from "../../include/fcntl";
import { ioctl, FIONREAD, FIONBIO, SIOCATMARK } from "../../include/sys/ioctl";
import { close, dup, dup2, dup3 } from "../../include/unistd";
import { asps_option_compatibility } from "../../include/asps";
import { htons, htonl } from "../../include/arpa/inet";
import * as E from "../../include/errno";
import { descriptor } from "../../assembly/net/descriptors";
import { TcpSocket } from "../../assembly/net/tcp";
import { UdpSocket } from "../../assembly/net/udp";
import { error_code } from "../../assembly/wasi/sockets/network";
import {
  fake_reset, fake_reset_calls, fake_total_calls, fake_live_handles, fake_fail_next, fake_would_block,
  fake_queue_connection, fake_queue_datagram, fake_set_write_budget, fake_now, fakeDeliverText,
} from "./fake-host";

const SIZE: u32 = <u32>offsetof<sockaddr_in>();
const addr = new sockaddr_in();
const VAL = heap.alloc(16);
const LEN = heap.alloc(4);
const buf = heap.alloc(256);

function loopback(port: u16): usize {
  addr.sin_family = <u16>AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr = htonl(INADDR_LOOPBACK);
  return changetype<usize>(addr);
}

/** getsockopt as an int; -1000 - errno on failure. */
function getInt(fd: i32, level: i32, name: i32): i32 {
  store<u32>(LEN, 4);
  store<i32>(VAL, 0x55555555);
  if (getsockopt(fd, level, name, VAL, LEN) < 0) return -1000 - E.errno;
  return load<i32>(VAL);
}

/** setsockopt of an int; 0, or -1000 - errno. */
function setInt(fd: i32, level: i32, name: i32, v: i32): i32 {
  store<i32>(VAL, v);
  return setsockopt(fd, level, name, VAL, 4) < 0 ? -1000 - E.errno : 0;
}

function fails(errno: i32): i32 {
  return -1000 - errno;
}

function setTimeval(fd: i32, name: i32, sec: i64, usec: i64): i32 {
  store<i64>(VAL, sec);
  store<i64>(VAL, usec, 8);
  return setsockopt(fd, SOL_SOCKET, name, VAL, 16) < 0 ? -1000 - E.errno : 0;
}

function tcpFd(family: i32 = AF_INET): i32 { return socket(family, SOCK_STREAM, 0); }
function udpFd(family: i32 = AF_INET): i32 { return socket(family, SOCK_DGRAM, 0); }

describe("options the host keeps: default, set, read back", () => {
  beforeEach(() => fake_reset());

  it("SO_KEEPALIVE and TCP_KEEPIDLE/KEEPINTVL/KEEPCNT (seconds ↔ duration) on TCP", () => {
    const fd = tcpFd();
    expect(getInt(fd, SOL_SOCKET, SO_KEEPALIVE)).toBe(0);
    expect(setInt(fd, SOL_SOCKET, SO_KEEPALIVE, 1)).toBe(0);
    expect(getInt(fd, SOL_SOCKET, SO_KEEPALIVE)).toBe(1);
    expect(getInt(fd, IPPROTO_TCP, TCP_KEEPIDLE)).toBeGreaterThan(0, "the host's default");
    expect(setInt(fd, IPPROTO_TCP, TCP_KEEPIDLE, 30)).toBe(0);
    expect(getInt(fd, IPPROTO_TCP, TCP_KEEPIDLE)).toBe(30);
    expect(setInt(fd, IPPROTO_TCP, TCP_KEEPINTVL, 5)).toBe(0);
    expect(getInt(fd, IPPROTO_TCP, TCP_KEEPINTVL)).toBe(5);
    expect(setInt(fd, IPPROTO_TCP, TCP_KEEPCNT, 4)).toBe(0);
    expect(getInt(fd, IPPROTO_TCP, TCP_KEEPCNT)).toBe(4);
    expect(setInt(fd, IPPROTO_TCP, TCP_KEEPIDLE, 0)).toBe(fails(E.EINVAL));
    expect(setInt(fd, IPPROTO_TCP, TCP_KEEPINTVL, 32768)).toBe(fails(E.EINVAL));
    expect(setInt(fd, IPPROTO_TCP, TCP_KEEPCNT, 128)).toBe(fails(E.EINVAL));
    close(fd);
  });

  it("SO_RCVBUF and SO_SNDBUF on TCP and UDP read back doubled, as Linux; 0 clamps instead of failing", () => {
    const fds: i32[] = [tcpFd(), udpFd()];
    for (let i = 0; i < 2; i++) {
      const fd = fds[i];
      expect(getInt(fd, SOL_SOCKET, SO_RCVBUF)).toBeGreaterThan(0);
      expect(setInt(fd, SOL_SOCKET, SO_RCVBUF, 65536)).toBe(0);
      expect(getInt(fd, SOL_SOCKET, SO_RCVBUF)).toBe(131072, "the host reports what was set; Linux twice that");
      expect(setInt(fd, SOL_SOCKET, SO_SNDBUF, 32768)).toBe(0);
      expect(getInt(fd, SOL_SOCKET, SO_SNDBUF)).toBe(65536);
      expect(setInt(fd, SOL_SOCKET, SO_SNDBUF, 0)).toBe(0, "Linux clamps; so does this");
      expect(getInt(fd, SOL_SOCKET, SO_SNDBUF)).toBeGreaterThan(0);
      expect(setInt(fd, SOL_SOCKET, SO_RCVBUF, -5)).toBe(0);
      close(fd);
    }
  });

  it("IP_TTL and IPV6_UNICAST_HOPS: the hop limit, with Linux's ranges and -1 for the default", () => {
    const fds: i32[] = [tcpFd(), udpFd()];
    for (let i = 0; i < 2; i++) {
      const fd = fds[i];
      expect(setInt(fd, IPPROTO_IP, IP_TTL, 10)).toBe(0);
      expect(getInt(fd, IPPROTO_IP, IP_TTL)).toBe(10);
      expect(setInt(fd, IPPROTO_IP, IP_TTL, -1)).toBe(0);
      expect(getInt(fd, IPPROTO_IP, IP_TTL)).toBe(64);
      expect(setInt(fd, IPPROTO_IP, IP_TTL, 0)).toBe(fails(E.EINVAL));
      expect(setInt(fd, IPPROTO_IP, IP_TTL, 256)).toBe(fails(E.EINVAL));
      expect(getInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS)).toBe(fails(E.EOPNOTSUPP), "an IPv6 level on an IPv4 socket (Linux's ip_getsockopt)");
      close(fd);
    }
    const v6: i32[] = [tcpFd(AF_INET6), udpFd(AF_INET6)];
    for (let i = 0; i < 2; i++) {
      const fd = v6[i];
      expect(setInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 20)).toBe(0);
      expect(getInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS)).toBe(20);
      expect(setInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 300)).toBe(fails(E.EINVAL));
      expect(setInt(fd, IPPROTO_IP, IP_TTL, 33)).toBe(0, "Linux takes IP_TTL on an IPv6 socket");
      expect(getInt(fd, IPPROTO_IP, IP_TTL)).toBe(33);
      expect(getInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS)).toBe(20, "and it leaves the IPv6 hop limit alone");
      close(fd);
    }
  });

  it("a host failure of a setter is mapped (not-supported → ENOPROTOOPT)", () => {
    const fd = tcpFd();
    fake_fail_next("[method]tcp-socket.set-keep-alive-enabled", error_code.not_supported, 1);
    expect(setInt(fd, SOL_SOCKET, SO_KEEPALIVE, 1)).toBe(fails(E.ENOPROTOOPT));
    fake_fail_next("[method]tcp-socket.receive-buffer-size", error_code.invalid_state, 1);
    expect(getInt(fd, SOL_SOCKET, SO_RCVBUF)).toBe(fails(E.EINVAL));
    close(fd);
  });
});

describe("options the guest answers", () => {
  beforeEach(() => fake_reset());

  it("SO_TYPE, SO_PROTOCOL, SO_DOMAIN, SO_ACCEPTCONN and SO_REUSEADDR (TCP) cost no host call", () => {
    const t = tcpFd(AF_INET6);
    const u = udpFd();
    fake_reset_calls();
    expect(getInt(t, SOL_SOCKET, SO_TYPE)).toBe(SOCK_STREAM);
    expect(getInt(u, SOL_SOCKET, SO_TYPE)).toBe(SOCK_DGRAM);
    expect(getInt(t, SOL_SOCKET, SO_PROTOCOL)).toBe(IPPROTO_TCP);
    expect(getInt(u, SOL_SOCKET, SO_PROTOCOL)).toBe(IPPROTO_UDP);
    expect(getInt(t, SOL_SOCKET, SO_DOMAIN)).toBe(AF_INET6);
    expect(getInt(u, SOL_SOCKET, SO_DOMAIN)).toBe(AF_INET);
    expect(getInt(t, SOL_SOCKET, SO_ACCEPTCONN)).toBe(0);
    expect(getInt(u, SOL_SOCKET, SO_ACCEPTCONN)).toBe(0);
    expect(getInt(t, SOL_SOCKET, SO_REUSEADDR)).toBe(1, "always on for TCP");
    expect(setInt(t, SOL_SOCKET, SO_REUSEADDR, 1)).toBe(0);
    expect(getInt(t, IPPROTO_IPV6, IPV6_V6ONLY)).toBe(1);
    expect(getInt(t, SOL_SOCKET, SO_NOSIGPIPE)).toBe(1);
    expect(getInt(t, SOL_SOCKET, SO_OOBINLINE)).toBe(0);
    expect(fake_total_calls()).toBe(0);
    expect(setInt(t, SOL_SOCKET, SO_TYPE, SOCK_DGRAM)).toBe(fails(E.ENOPROTOOPT), "read-only");
    expect(setInt(t, SOL_SOCKET, SO_ACCEPTCONN, 1)).toBe(fails(E.ENOPROTOOPT));
    const l = tcpFd();
    listen(l, 4);
    expect(getInt(l, SOL_SOCKET, SO_ACCEPTCONN)).toBe(1);
    close(t); close(u); close(l);
  });

  it("IPV6_V6ONLY reads 1, setting 1 succeeds, setting 0 is EOPNOTSUPP; SO_OOBINLINE and SO_NOSIGPIPE as the spec says", () => {
    const fd = udpFd(AF_INET6);
    expect(setInt(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1)).toBe(0);
    expect(setInt(fd, IPPROTO_IPV6, IPV6_V6ONLY, 0)).toBe(fails(E.EOPNOTSUPP));
    expect(getInt(fd, IPPROTO_IPV6, IPV6_V6ONLY)).toBe(1);
    const v4 = tcpFd();
    expect(getInt(v4, IPPROTO_IPV6, IPV6_V6ONLY)).toBe(fails(E.EOPNOTSUPP), "an IPv6 level on an IPv4 socket");
    expect(setInt(v4, SOL_SOCKET, SO_OOBINLINE, 0)).toBe(0);
    expect(setInt(v4, SOL_SOCKET, SO_OOBINLINE, 1)).toBe(fails(E.EOPNOTSUPP), "there is no out-of-band data to inline");
    expect(setInt(v4, SOL_SOCKET, SO_NOSIGPIPE, 1)).toBe(0);
    expect(setInt(v4, SOL_SOCKET, SO_NOSIGPIPE, 0)).toBe(fails(E.EOPNOTSUPP), "WASI cannot raise SIGPIPE");
    close(fd); close(v4);
  });

  it("SO_ERROR: 0 while connecting, the failure of a non-blocking connect once, then 0", () => {
    const fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    fake_would_block("[method]tcp-socket.finish-connect", 2); // connect itself asks once
    expect(connect(fd, loopback(9000), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EINPROGRESS);
    expect(getInt(fd, SOL_SOCKET, SO_ERROR)).toBe(0, "still connecting");
    fake_fail_next("[method]tcp-socket.finish-connect", error_code.connection_refused, 1);
    expect(getInt(fd, SOL_SOCKET, SO_ERROR)).toBe(E.ECONNREFUSED);
    expect(getInt(fd, SOL_SOCKET, SO_ERROR)).toBe(0, "cleared by reading");
    expect(getInt(udpFd(), SOL_SOCKET, SO_ERROR)).toBe(0);
    close(fd);
  });

  it("a failure reported by connect is not reported again by SO_ERROR", () => {
    const fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    fake_would_block("[method]tcp-socket.finish-connect", 2); // connect itself asks once
    connect(fd, loopback(9000), SIZE);
    fake_fail_next("[method]tcp-socket.finish-connect", error_code.connection_refused, 1);
    expect(connect(fd, loopback(9000), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.ECONNREFUSED);
    expect(getInt(fd, SOL_SOCKET, SO_ERROR)).toBe(0);
    close(fd);
  });
});

describe("option arguments: lengths, pointers, types and levels", () => {
  beforeEach(() => fake_reset());

  it("a short get buffer truncates and reports the length written; a short set is EINVAL", () => {
    const fd = tcpFd();
    store<u32>(LEN, 2);
    store<u32>(VAL, 0xffffffff);
    expect(getsockopt(fd, SOL_SOCKET, SO_TYPE, VAL, LEN)).toBe(0);
    expect(load<u32>(LEN)).toBe(2);
    expect(load<u32>(VAL)).toBe(0xffff0006, "two bytes of SOCK_STREAM, the rest untouched");
    store<u32>(LEN, 64);
    expect(getsockopt(fd, SOL_SOCKET, SO_TYPE, VAL, LEN)).toBe(0);
    expect(load<u32>(LEN)).toBe(4);
    store<i32>(LEN, -1);
    expect(getsockopt(fd, SOL_SOCKET, SO_TYPE, VAL, LEN)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, VAL, 2)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, VAL, 8)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL, "a timeval is 16 bytes");
    close(fd);
  });

  it("bad pointers are EFAULT, never a trap", () => {
    const fd = tcpFd();
    expect(getsockopt(fd, SOL_SOCKET, SO_TYPE, VAL, 0xfffffffc)).toBe(-1);
    expect(E.errno).toBe(E.EFAULT);
    store<u32>(LEN, 4);
    expect(getsockopt(fd, SOL_SOCKET, SO_TYPE, 0xfffffffe, LEN)).toBe(-1);
    expect(E.errno).toBe(E.EFAULT);
    expect(setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, 0, 4)).toBe(-1);
    expect(E.errno).toBe(E.EFAULT);
    close(fd);
  });

  it("wrong socket type, unknown level or name, and out-of-scope options are ENOPROTOOPT (EOPNOTSUPP for a get at a level IPv4 lacks)", () => {
    const t = tcpFd();
    const u = udpFd();
    expect(getInt(u, IPPROTO_TCP, TCP_KEEPIDLE)).toBe(fails(E.EOPNOTSUPP), "ip_getsockopt: not its level");
    expect(setInt(u, IPPROTO_TCP, TCP_KEEPIDLE, 5)).toBe(fails(E.ENOPROTOOPT), "ip_setsockopt: not its level");
    expect(getInt(u, SOL_SOCKET, SO_KEEPALIVE)).toBe(0, "Linux keeps the flag on UDP too");
    expect(getInt(t, 999, SO_TYPE)).toBe(fails(E.EOPNOTSUPP));
    expect(getInt(tcpFd(AF_INET6), 999, SO_TYPE)).toBe(fails(E.ENOPROTOOPT), "ipv6_getsockopt");
    expect(getInt(t, SOL_SOCKET, 12345)).toBe(fails(E.ENOPROTOOPT));
    expect(getInt(t, IPPROTO_IP, IP_HDRINCL)).toBe(fails(E.ENOPROTOOPT));
    expect(getInt(tcpFd(AF_INET6), IPPROTO_IPV6, IPV6_HDRINCL)).toBe(fails(E.ENOPROTOOPT));
    expect(getInt(t, SOL_SOCKET, SO_PEERCRED)).toBe(fails(E.ENOPROTOOPT));
    expect(setInt(t, SOL_SOCKET, SO_BINDTODEVICE, 0)).toBe(fails(E.ENOPROTOOPT));
    expect(setInt(t, SOL_SOCKET, SO_REUSEPORT, 1)).toBe(fails(E.ENOPROTOOPT));
    expect(getInt(t, IPPROTO_TCP, TCP_MAXSEG)).toBe(fails(E.ENOPROTOOPT));
    close(t); close(u);
  });

  it("compatibility mode off (the default): TCP_NODELAY, SO_LINGER, SO_BROADCAST, UDP SO_REUSEADDR, IP_TOS are ENOPROTOOPT", () => {
    const t = tcpFd();
    const u = udpFd();
    expect(setInt(t, IPPROTO_TCP, TCP_NODELAY, 1)).toBe(fails(E.ENOPROTOOPT));
    expect(getInt(t, SOL_SOCKET, SO_LINGER)).toBe(fails(E.ENOPROTOOPT));
    expect(setInt(u, SOL_SOCKET, SO_BROADCAST, 0)).toBe(fails(E.ENOPROTOOPT));
    expect(setInt(u, SOL_SOCKET, SO_REUSEADDR, 1)).toBe(fails(E.ENOPROTOOPT));
    expect(setInt(u, IPPROTO_IP, IP_TOS, 0x10)).toBe(fails(E.ENOPROTOOPT));
    close(t); close(u);
  });

  it("compatibility mode on: the harmless ones are stored and read back, the rest still refused", () => {
    asps_option_compatibility(true);
    const t = tcpFd();
    const u = udpFd(AF_INET6);
    expect(getInt(t, IPPROTO_TCP, TCP_NODELAY)).toBe(0);
    expect(setInt(t, IPPROTO_TCP, TCP_NODELAY, 1)).toBe(0);
    expect(getInt(t, IPPROTO_TCP, TCP_NODELAY)).toBe(1);
    store<i32>(VAL, 0); store<i32>(VAL, 7, 4);
    expect(setsockopt(t, SOL_SOCKET, SO_LINGER, VAL, 8)).toBe(0, "l_onoff = 0");
    store<u32>(LEN, 8);
    store<i64>(VAL, 0);
    expect(getsockopt(t, SOL_SOCKET, SO_LINGER, VAL, LEN)).toBe(0);
    expect(load<i32>(VAL, 4)).toBe(7);
    store<i32>(VAL, 1);
    expect(setsockopt(t, SOL_SOCKET, SO_LINGER, VAL, 8)).toBe(-1, "lingering is not offered");
    expect(E.errno).toBe(E.ENOPROTOOPT);
    expect(setInt(u, SOL_SOCKET, SO_BROADCAST, 0)).toBe(0);
    expect(setInt(u, SOL_SOCKET, SO_BROADCAST, 1)).toBe(fails(E.ENOPROTOOPT));
    expect(setInt(u, SOL_SOCKET, SO_REUSEADDR, 1)).toBe(0);
    expect(getInt(u, SOL_SOCKET, SO_REUSEADDR)).toBe(1);
    expect(setInt(u, IPPROTO_IPV6, IPV6_TCLASS, 0x20)).toBe(0);
    expect(getInt(u, IPPROTO_IPV6, IPV6_TCLASS)).toBe(0x20);
    asps_option_compatibility(false);
    expect(getInt(t, IPPROTO_TCP, TCP_NODELAY)).toBe(fails(E.ENOPROTOOPT), "strict again");
    close(t); close(u);
  });
});

describe("timeouts", () => {
  beforeEach(() => fake_reset());

  it("SO_RCVTIMEO bounds a blocking recv and accept; SO_SNDTIMEO a send waiting for budget; timers are dropped", () => {
    const l = tcpFd();
    bind(l, loopback(0), SIZE);
    listen(l, 4);
    expect(setTimeval(l, SO_RCVTIMEO, 0, 5000)).toBe(0);
    store<u32>(LEN, 16);
    expect(getsockopt(l, SOL_SOCKET, SO_RCVTIMEO, VAL, LEN)).toBe(0);
    expect(load<i64>(VAL)).toBe(0);
    expect(load<i64>(VAL, 8)).toBe(5000);
    let before = fake_now();
    expect(accept(l, 0, 0)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    expect(fake_now() - before).toBe(5_000_000);

    fake_queue_connection(changetype<TcpSocket>(descriptor(l)!.socket).handle);
    const c = accept(l, 0, 0);
    expect(setTimeval(c, SO_RCVTIMEO, 1, 500000)).toBe(0);
    before = fake_now();
    expect(recv(c, buf, 10, 0)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    expect(fake_now() - before).toBe(1_500_000_000);

    fake_set_write_budget(changetype<TcpSocket>(descriptor(c)!.socket).output, 0);
    expect(setTimeval(c, SO_SNDTIMEO, 0, 2000)).toBe(0);
    before = fake_now();
    expect(send(c, buf, 10, 0)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    expect(fake_now() - before).toBe(2_000_000);
    expect(setTimeval(c, SO_SNDTIMEO, 0, 1_000_000)).toBe(fails(E.EDOM));
    close(c);
    close(l);
    expect(fake_live_handles()).toBe(0, "every timer pollable was dropped");
  });

  it("a timeout of {0, 0} means none; UDP recv honours SO_RCVTIMEO", () => {
    const u = udpFd();
    bind(u, loopback(0), SIZE);
    expect(setTimeval(u, SO_RCVTIMEO, 0, 3000)).toBe(0);
    const before = fake_now();
    expect(recvfrom(u, buf, 10, 0, 0, 0)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    expect(fake_now() - before).toBe(3_000_000);
    expect(setTimeval(u, SO_RCVTIMEO, 0, 0)).toBe(0);
    store<u32>(LEN, 16);
    getsockopt(u, SOL_SOCKET, SO_RCVTIMEO, VAL, LEN);
    expect(load<i64>(VAL) + load<i64>(VAL, 8)).toBe(0);
    close(u);
    expect(fake_live_handles()).toBe(0);
  });
});

describe("fcntl, dup and ioctl", () => {
  beforeEach(() => fake_reset());

  it("dup shares the socket and its O_NONBLOCK; the socket closes with its last descriptor", () => {
    const fd = tcpFd();
    const copy = dup(fd);
    expect(copy).toBeGreaterThan(fd);
    expect(fcntl(copy, F_SETFL, O_NONBLOCK | O_APPEND)).toBe(0);
    expect(fcntl(fd, F_GETFL)).toBe(O_RDWR | O_NONBLOCK | O_APPEND, "one open file description");
    expect(close(fd)).toBe(0);
    expect(fake_live_handles()).toBe(1, "still open through the copy");
    expect(getInt(copy, SOL_SOCKET, SO_TYPE)).toBe(SOCK_STREAM);
    expect(close(copy)).toBe(0);
    expect(fake_live_handles()).toBe(0);
  });

  it("dup2 replaces an open descriptor, dup3 takes O_CLOEXEC, F_DUPFD finds the lowest number at or above its argument", () => {
    const a = tcpFd();
    const b = udpFd();
    expect(dup2(a, b)).toBe(b);
    expect(getInt(b, SOL_SOCKET, SO_TYPE)).toBe(SOCK_STREAM, "b now names a's socket");
    expect(fake_live_handles()).toBe(1, "the UDP socket b held was closed");
    expect(dup2(a, a)).toBe(a);
    expect(dup3(a, a, 0)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(dup3(a, 200, 0x7)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(dup3(a, 200, O_CLOEXEC)).toBe(200);
    expect(fcntl(200, F_GETFD)).toBe(FD_CLOEXEC);
    expect(fcntl(a, F_DUPFD, 100)).toBe(100);
    const c = fcntl(a, F_DUPFD_CLOEXEC, 100);
    expect(c).toBe(101);
    expect(fcntl(c, F_GETFD)).toBe(FD_CLOEXEC);
    expect(fcntl(a, F_DUPFD, -1)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(dup(4242)).toBe(-1);
    expect(E.errno).toBe(E.EBADF);
    const all: i32[] = [a, b, 200, 100, c];
    for (let i = 0; i < all.length; i++) expect(close(all[i])).toBe(0);
    expect(fake_live_handles()).toBe(0);
  });

  it("FIONREAD counts bytes (TCP) or the next datagram (UDP); FIONBIO sets O_NONBLOCK; SIOCATMARK and sockatmark are EINVAL", () => {
    const l = tcpFd();
    bind(l, loopback(0), SIZE);
    listen(l, 4);
    expect(ioctl(l, FIONREAD, VAL)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL, "a listening socket");
    fake_queue_connection(changetype<TcpSocket>(descriptor(l)!.socket).handle);
    const c = accept(l, 0, 0);
    expect(ioctl(c, FIONREAD, VAL)).toBe(0);
    expect(load<i32>(VAL)).toBe(0);
    fakeDeliverText(changetype<TcpSocket>(descriptor(c)!.socket).input, "0123456789");
    expect(ioctl(c, FIONREAD, VAL)).toBe(0);
    expect(load<i32>(VAL)).toBe(10);
    expect(recv(c, buf, 100, 0)).toBe(10, "the counted bytes are not lost");
    expect(String.UTF8.decodeUnsafe(buf, 10)).toBe("0123456789");

    const u = udpFd();
    bind(u, loopback(0), SIZE);
    const seven = String.UTF8.encode("seven!!");
    fake_queue_datagram(changetype<UdpSocket>(descriptor(u)!.socket).handle, changetype<usize>(seven), 7, 1);
    fake_queue_datagram(changetype<UdpSocket>(descriptor(u)!.socket).handle, changetype<usize>(seven), 3, 1);
    expect(ioctl(u, FIONREAD, VAL)).toBe(0);
    expect(load<i32>(VAL)).toBe(7);
    expect(recv(u, buf, 100, 0)).toBe(7);
    expect(ioctl(u, FIONREAD, VAL)).toBe(0);
    expect(load<i32>(VAL)).toBe(3);

    store<i32>(VAL, 1);
    expect(ioctl(c, FIONBIO, VAL)).toBe(0);
    expect(fcntl(c, F_GETFL) & O_NONBLOCK).toBe(O_NONBLOCK);
    expect(recv(c, buf, 10, 0)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    expect(ioctl(c, SIOCATMARK, VAL)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(sockatmark(c)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(ioctl(c, 0x5401, VAL)).toBe(-1);
    expect(E.errno).toBe(E.ENOTTY);
    expect(ioctl(c, FIONREAD, 0)).toBe(-1);
    expect(E.errno).toBe(E.EFAULT);
    expect(ioctl(1, FIONBIO, VAL)).toBe(-1);
    expect(E.errno).toBe(E.ENOTTY, "stdout is no socket");
    expect(ioctl(4242, FIONBIO, VAL)).toBe(-1);
    expect(E.errno).toBe(E.EBADF);
    close(c); close(l); close(u);
    expect(fake_live_handles()).toBe(0);
  });

  it("SIOCATMARK and sockatmark on UDP are ENOTTY: Linux has the request for TCP only", () => {
    const u = udpFd();
    store<i32>(VAL, -7);
    expect(ioctl(u, SIOCATMARK, VAL)).toBe(-1);
    expect(E.errno).toBe(E.ENOTTY);
    expect(load<i32>(VAL)).toBe(-7, "nothing written");
    expect(sockatmark(u)).toBe(-1);
    expect(E.errno).toBe(E.ENOTTY);
    close(u);
  });
});

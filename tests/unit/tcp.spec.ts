// The POSIX TCP functions against the scripted fake host: errno paths,
// injected host failures, partial writes, host calls per operation, and
// handles released on close.
import { socket, bind, listen, accept, accept4, connect, send, recv, shutdown, getsockname } from "../../include/sys/socket";
import { close, read, write } from "../../include/unistd";
import { fcntl, F_GETFL, F_SETFL, F_GETFD, F_SETFD, FD_CLOEXEC, O_NONBLOCK } from "../../include/fcntl";
import { SOCK_CLOEXEC } from "../../include/sys/socket";
import { AF_INET, SOCK_STREAM, SOCK_NONBLOCK, MSG_DONTWAIT, MSG_PEEK, MSG_OOB, SHUT_WR } from "../../include/sys/socket";
import { MSG_TRUNC, MSG_EOR, MSG_CMSG_CLOEXEC, MSG_DONTROUTE, MSG_NOSIGNAL } from "../../include/sys/socket";
import { sockaddr_in, INADDR_LOOPBACK } from "../../include/netinet/in";
import { htons, htonl } from "../../include/arpa/inet";
import * as E from "../../include/errno";
import { descriptor } from "../../assembly/net/descriptors";
import { TcpSocket } from "../../assembly/net/tcp";
import { error_code } from "../../assembly/wasi/sockets/network";
import { hostAllocations } from "../../assembly/wasi/abi";
import {
  fake_reset, fake_live_handles, fake_calls, fake_total_calls, fake_fail_next, fake_fail_stream_next,
  fake_would_block, fake_queue_connection, fake_deliver, fake_close_input, fake_written, fake_set_write_budget, fake_set_write_space, fake_reset_calls,
} from "./fake-host";

const SIZE = offsetof<sockaddr_in>();
const addr = new sockaddr_in();
const buf = heap.alloc(256);

function loopback(port: u16): usize {
  addr.sin_family = <u16>AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr = htonl(INADDR_LOOPBACK);
  return changetype<usize>(addr);
}

/** A listening socket with one queued client; returns the listener fd. */
function listening(): i32 {
  const fd = socket(AF_INET, SOCK_STREAM, 0);
  expect(bind(fd, loopback(0), SIZE)).toBe(0);
  expect(listen(fd, 8)).toBe(0);
  return fd;
}

function hostHandle(fd: i32): u32 {
  return changetype<TcpSocket>(descriptor(fd)!.socket).handle;
}

function streamsOf(fd: i32): TcpSocket {
  return changetype<TcpSocket>(descriptor(fd)!.socket);
}

/** A connected pair's server side: listener and accepted fds in `fds`. */
let server: i32 = -1;
function acceptedClient(): i32 {
  server = listening();
  fake_queue_connection(hostHandle(server));
  const c = accept(server, 0, 0);
  expect(c).toBeGreaterThanOrEqual(0);
  return c;
}

function closeAll(fds: i32[]): void {
  for (let i = 0; i < fds.length; i++) close(fds[i]);
}

describe("socket and descriptors", () => {
  beforeEach(() => fake_reset());

  it("hands out the lowest free descriptor and reuses closed ones", () => {
    const a = socket(AF_INET, SOCK_STREAM, 0);
    const b = socket(AF_INET, SOCK_STREAM, 0);
    expect(b).toBe(a + 1);
    expect(close(a)).toBe(0);
    expect(socket(AF_INET, SOCK_STREAM, 0)).toBe(a);
    closeAll([a, b]);
    expect(fake_live_handles()).toBe(0, "every host handle released");
  });

  it("a host failure at create is reported and no descriptor is used", () => {
    fake_fail_next("create-tcp-socket", error_code.new_socket_limit, 1);
    expect(socket(AF_INET, SOCK_STREAM, 0)).toBe(-1);
    expect(E.errno).toBe(E.EMFILE);
    fake_fail_next("create-tcp-socket", error_code.access_denied, 1);
    expect(socket(AF_INET, SOCK_STREAM, 0)).toBe(-1);
    expect(E.errno).toBe(E.EACCES);
  });

  it("SOCK_NONBLOCK and fcntl share one O_NONBLOCK flag", () => {
    const fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    expect(fcntl(fd, F_GETFL) & O_NONBLOCK).toBe(O_NONBLOCK);
    expect(fcntl(fd, F_SETFL, 0)).toBe(0);
    expect(fcntl(fd, F_GETFL) & O_NONBLOCK).toBe(0);
    expect(fcntl(fd, 999)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    close(fd);
  });

  it("FD_CLOEXEC follows SOCK_CLOEXEC and F_SETFD, per descriptor", () => {
    const fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    expect(fcntl(fd, F_GETFD)).toBe(FD_CLOEXEC);
    expect(fcntl(fd, F_SETFD, 0)).toBe(0);
    expect(fcntl(fd, F_GETFD)).toBe(0);
    expect(fcntl(fd, F_SETFD, FD_CLOEXEC)).toBe(0);
    expect(fcntl(fd, F_GETFD)).toBe(FD_CLOEXEC);
    close(fd);
  });

  it("unknown descriptors are EBADF, stdio is ENOTSOCK", () => {
    expect(send(4242, buf, 1, 0)).toBe(-1);
    expect(E.errno).toBe(E.EBADF);
    expect(recv(0, buf, 1, 0)).toBe(-1);
    expect(E.errno).toBe(E.ENOTSOCK);
  });
});

describe("bind, listen, accept", () => {
  beforeEach(() => fake_reset());

  it("maps each bind failure of the host", () => {
    const fd = socket(AF_INET, SOCK_STREAM, 0);
    fake_fail_next("[method]tcp-socket.start-bind", error_code.address_in_use, 1);
    expect(bind(fd, loopback(80), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EADDRINUSE);
    fake_fail_next("[method]tcp-socket.start-bind", error_code.address_not_bindable, 1);
    expect(bind(fd, loopback(80), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EADDRNOTAVAIL);
    fake_fail_next("[method]tcp-socket.start-bind", error_code.access_denied, 1);
    expect(bind(fd, loopback(80), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EACCES);
    expect(bind(fd, loopback(80), SIZE)).toBe(0);
    expect(bind(fd, loopback(81), SIZE)).toBe(-1, "bound already");
    expect(E.errno).toBe(E.EINVAL);
    close(fd);
  });

  it("a bad address pointer is EFAULT, never a trap", () => {
    const fd = socket(AF_INET, SOCK_STREAM, 0);
    expect(bind(fd, 0xfffffff0, SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EFAULT);
    expect(connect(fd, 0, SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EFAULT);
    expect(send(fd, 0xffffff00, 0x1000, 0)).toBe(-1);
    expect(E.errno).toBe(E.EFAULT);
    close(fd);
  });

  it("listen binds implicitly; accept would-block is EAGAIN when non-blocking", () => {
    const fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    expect(listen(fd, 0)).toBe(0);
    expect(fake_calls("[method]tcp-socket.start-bind")).toBe(1, "implicit bind");
    expect(accept(fd, 0, 0)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    fake_queue_connection(hostHandle(fd));
    const c = accept4(fd, 0, 0, SOCK_NONBLOCK);
    expect(c).toBeGreaterThan(fd);
    expect(fcntl(c, F_GETFL) & O_NONBLOCK).toBe(O_NONBLOCK);
    expect(accept4(fd, 0, 0, 0x10)).toBe(-1, "unknown accept4 flag");
    expect(E.errno).toBe(E.EINVAL);
    closeAll([c, fd]);
    expect(fake_live_handles()).toBe(0);
  });

  it("a blocking accept waits on the listener's pollable, created once", () => {
    const fd = listening();
    fake_queue_connection(hostHandle(fd));
    fake_would_block("[method]tcp-socket.accept", 3);
    const c = accept(fd, 0, 0);
    expect(c).toBeGreaterThan(fd);
    expect(fake_calls("[method]tcp-socket.subscribe")).toBe(1);
    fake_queue_connection(hostHandle(fd));
    fake_would_block("[method]tcp-socket.accept", 1);
    const d = accept(fd, 0, 0);
    expect(d).toBeGreaterThan(c);
    expect(fake_calls("[method]tcp-socket.subscribe")).toBe(1, "the pollable is reused");
    closeAll([c, d, fd]);
    expect(fake_live_handles()).toBe(0, "the cached pollable is dropped before the socket");
  });

  it("accept on a socket that is not listening is EINVAL; accept's host failure is mapped", () => {
    const fd = socket(AF_INET, SOCK_STREAM, 0);
    expect(accept(fd, 0, 0)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    close(fd);
    const l = listening();
    fake_fail_next("[method]tcp-socket.accept", error_code.connection_aborted, 1);
    expect(accept(l, 0, 0)).toBe(-1);
    expect(E.errno).toBe(E.ECONNABORTED);
    close(l);
  });

  it("getsockname answers from a cache after the first host call", () => {
    const fd = listening();
    const len = heap.alloc(4);
    store<u32>(len, SIZE);
    expect(getsockname(fd, buf, len)).toBe(0);
    expect(getsockname(fd, buf, len)).toBe(0);
    expect(fake_calls("[method]tcp-socket.local-address")).toBe(1);
    close(fd);
  });
});

describe("send and recv", () => {
  beforeEach(() => fake_reset());

  it("recv returns delivered bytes with one host read, 0 at EOF", () => {
    const c = acceptedClient();
    const input = streamsOf(c).input;
    const hello = String.UTF8.encode("hello");
    fake_deliver(input, changetype<usize>(hello), 5);
    const before = fake_total_calls();
    expect(recv(c, buf, 100, 0)).toBe(5);
    expect(fake_total_calls() - before).toBe(1, "one read");
    expect(String.UTF8.decodeUnsafe(buf, 5)).toBe("hello");
    fake_close_input(input);
    expect(recv(c, buf, 100, 0)).toBe(0);
    expect(read(c, buf, 100)).toBe(0, "and stays at EOF");
    closeAll([c, server]);
  });

  it("recv lands the host's bytes straight in the caller's buffer: no allocation, no copy", () => {
    const c = acceptedClient();
    const input = streamsOf(c).input;
    const data = String.UTF8.encode("zero-copy");
    fake_deliver(input, changetype<usize>(data), 9);
    const before = hostAllocations;
    expect(recv(c, buf + 3, 100, 0)).toBe(9);
    expect(hostAllocations).toBe(before, "cabi_realloc gave the host the caller's buffer");
    expect(String.UTF8.decodeUnsafe(buf + 3, 9)).toBe("zero-copy");
    closeAll([c, server]);
  });

  it("recv would-block: EAGAIN with MSG_DONTWAIT, a wait on the cached input pollable otherwise", () => {
    const c = acceptedClient();
    expect(recv(c, buf, 10, MSG_DONTWAIT)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    const x = String.UTF8.encode("x");
    fake_deliver(streamsOf(c).input, changetype<usize>(x), 1);
    fake_would_block("[method]input-stream.read", 2);
    expect(recv(c, buf, 10, 0)).toBe(1);
    expect(fake_calls("[method]input-stream.subscribe")).toBe(1);
    closeAll([c, server]);
    expect(fake_live_handles()).toBe(0);
  });

  it("flags without a WASI counterpart are EOPNOTSUPP, and nothing is sent or consumed", () => {
    const c = acceptedClient();
    const input = streamsOf(c).input;
    const x = String.UTF8.encode("x");
    fake_deliver(input, changetype<usize>(x), 1);
    const refusedOnRecv: i32[] = [MSG_OOB, MSG_TRUNC, MSG_EOR, MSG_CMSG_CLOEXEC];
    for (let i = 0; i < refusedOnRecv.length; i++) {
      expect(recv(c, buf, 10, refusedOnRecv[i])).toBe(-1);
      expect(E.errno).toBe(E.EOPNOTSUPP);
    }
    const refusedOnSend: i32[] = [MSG_OOB, MSG_DONTROUTE, MSG_EOR];
    for (let i = 0; i < refusedOnSend.length; i++) {
      expect(send(c, buf, 10, refusedOnSend[i])).toBe(-1);
      expect(E.errno).toBe(E.EOPNOTSUPP);
    }
    expect(fake_written(streamsOf(c).output, 0, 0)).toBe(0, "nothing sent");
    expect(recv(c, buf, 10, 0)).toBe(1, "nothing consumed");
    closeAll([c, server]);
  });

  it("MSG_NOSIGNAL is accepted: a send after shutdown is EPIPE and the program goes on", () => {
    const c = acceptedClient();
    expect(send(c, buf, 4, MSG_NOSIGNAL)).toBe(4);
    expect(shutdown(c, SHUT_WR)).toBe(0);
    expect(send(c, buf, 4, MSG_NOSIGNAL | MSG_DONTWAIT)).toBe(-1);
    expect(E.errno).toBe(E.EPIPE);
    closeAll([c, server]);
  });

  it("send with budget costs check-write + write and never flushes", () => {
    const c = acceptedClient();
    const before = fake_total_calls();
    expect(send(c, buf, 100, 0)).toBe(100);
    expect(fake_total_calls() - before).toBe(2);
    expect(fake_calls("[method]output-stream.blocking-flush")).toBe(0);
    expect(fake_calls("[method]output-stream.flush")).toBe(0);
    closeAll([c, server]);
  });

  it("a small budget: non-blocking send is partial, blocking send writes everything", () => {
    const c = acceptedClient();
    const out = streamsOf(c).output;
    fake_set_write_budget(out, 3);
    fake_set_write_space(out, 3);
    for (let i = 0; i < 10; i++) store<u8>(buf + i, 48 + i);
    expect(send(c, buf, 10, MSG_DONTWAIT)).toBe(3, "partial");
    expect(send(c, buf + 3, 7, 0)).toBe(7, "in three writes");
    const seen = heap.alloc(16);
    expect(fake_written(out, seen, 16)).toBe(10);
    expect(String.UTF8.decodeUnsafe(seen, 10)).toBe("0123456789");
    closeAll([c, server]);
  });

  it("close returns at once while a write is still on its way; the host socket goes when the output drains", () => {
    const c = acceptedClient();
    const out = streamsOf(c).output;
    fake_set_write_budget(out, 6);
    fake_set_write_space(out, 6);
    expect(send(c, buf, 10, MSG_DONTWAIT)).toBe(6);
    fake_reset_calls();
    expect(close(c)).toBe(0, "no blocking flush, no drop that would wait for the peer");
    expect(fake_calls("[method]output-stream.blocking-flush")).toBe(0);
    expect(fake_calls("[resource-drop]output-stream")).toBe(0, "the socket lingers");
    expect(fake_calls("[method]pollable.ready")).toBe(1, "one look at its output");
    const other = socket(AF_INET, SOCK_STREAM, 0);
    expect(fake_calls("[resource-drop]output-stream")).toBe(0, "still lingering: the peer has read nothing");
    fake_set_write_space(out, 64);
    close(other);
    expect(fake_calls("[resource-drop]output-stream")).toBe(1, "released once the output drained");
    closeAll([server]);
    expect(fake_live_handles()).toBe(0);
  });

  it("a zero budget: EAGAIN when non-blocking", () => {
    const c = acceptedClient();
    fake_would_block("[method]output-stream.check-write", 1);
    expect(send(c, buf, 10, MSG_DONTWAIT)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    closeAll([c, server]);
  });

  it("a failed stream is ECONNRESET without network-error-code, and the error is dropped", () => {
    let c = acceptedClient();
    fake_fail_stream_next("[method]input-stream.read", false, error_code.connection_reset, 1);
    expect(recv(c, buf, 10, 0)).toBe(-1);
    expect(E.errno).toBe(E.ECONNRESET);
    expect(recv(c, buf, 10, 0)).toBe(0, "Linux: a reset is reported once, then reads see the end");
    expect(send(c, buf, 10, 0)).toBe(-1);
    expect(E.errno).toBe(E.EPIPE, "and writes a broken pipe");
    closeAll([c, server]);
    c = acceptedClient();
    fake_fail_stream_next("[method]output-stream.check-write", false, error_code.connection_reset, 1);
    expect(send(c, buf, 10, 0)).toBe(-1);
    expect(E.errno).toBe(E.ECONNRESET);
    expect(send(c, buf, 10, 0)).toBe(-1);
    expect(E.errno).toBe(E.EPIPE);
    closeAll([c, server]);
    c = acceptedClient();
    fake_fail_stream_next("[method]output-stream.check-write", true, 0, 1);
    expect(write(c, buf, 10)).toBe(-1);
    expect(E.errno).toBe(E.EPIPE, "a closed output stream is a broken pipe");
    closeAll([c, server]);
    expect(fake_live_handles()).toBe(0, "error resources dropped too");
  });

  it("after shutdown(SHUT_WR) send is EPIPE; shutdown of an unconnected socket is ENOTCONN", () => {
    const c = acceptedClient();
    expect(shutdown(c, SHUT_WR)).toBe(0);
    expect(send(c, buf, 1, 0)).toBe(-1);
    expect(E.errno).toBe(E.EPIPE);
    expect(shutdown(c, 9)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(shutdown(server, SHUT_WR)).toBe(0, "Linux: SHUT_WR on a listener changes nothing");
    const unbound = socket(AF_INET, SOCK_STREAM, 0);
    expect(shutdown(unbound, SHUT_WR)).toBe(-1);
    expect(E.errno).toBe(E.ENOTCONN);
    expect(send(unbound, buf, 1, 0)).toBe(-1);
    expect(E.errno).toBe(E.EPIPE, "the shutdown was recorded all the same (Linux)");
    closeAll([c, server, unbound]);
  });

  it("shutdown(SHUT_WR) flushes written bytes once before the host shutdown, and not when nothing is pending", () => {
    const c = acceptedClient();
    expect(send(c, buf, 10, 0)).toBe(10);
    expect(shutdown(c, SHUT_WR)).toBe(0);
    expect(fake_calls("[method]output-stream.blocking-flush")).toBe(1);
    expect(fake_calls("[method]tcp-socket.shutdown")).toBe(1);
    close(c);
    expect(fake_calls("[method]output-stream.blocking-flush")).toBe(1, "close has nothing left to flush");
    const d = acceptedClient();
    expect(shutdown(d, SHUT_WR)).toBe(0);
    expect(fake_calls("[method]output-stream.blocking-flush")).toBe(1, "no write, no flush");
    closeAll([d, server]);
  });

  it("send on an unconnected socket is EPIPE, recv ENOTCONN (Linux)", () => {
    const fd = socket(AF_INET, SOCK_STREAM, 0);
    expect(send(fd, buf, 1, 0)).toBe(-1);
    expect(E.errno).toBe(E.EPIPE);
    expect(recv(fd, buf, 1, 0)).toBe(-1);
    expect(E.errno).toBe(E.ENOTCONN);
    close(fd);
  });
});

describe("connect", () => {
  beforeEach(() => fake_reset());

  it("non-blocking: EINPROGRESS, EALREADY, then 0, then EISCONN", () => {
    const fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    fake_would_block("[method]tcp-socket.finish-connect", 2); // connect itself asks once
    fake_reset_calls();
    expect(connect(fd, loopback(9000), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EINPROGRESS);
    expect(fake_calls("[method]tcp-socket.finish-connect")).toBe(1, "started at once, as Linux sends the SYN (wasmtime waits to be asked)");
    expect(connect(fd, loopback(9000), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EALREADY);
    expect(connect(fd, loopback(9000), SIZE)).toBe(0);
    expect(connect(fd, loopback(9000), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EISCONN);
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("getsockname answers while connecting from the bind connect made first, and asks the host once connected", () => {
    const fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    fake_would_block("[method]tcp-socket.finish-connect", 2); // connect itself asks once
    expect(connect(fd, loopback(9000), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EINPROGRESS);
    expect(fake_calls("[method]tcp-socket.start-bind")).toBe(1, "bound (to loopback) before connecting");
    const len = heap.alloc(4);
    store<u32>(len, SIZE);
    expect(getsockname(fd, buf, len)).toBe(0);
    expect(getsockname(fd, buf, len)).toBe(0);
    expect(load<u32>(buf, 4)).toBe(htonl(INADDR_LOOPBACK), "the address it is bound to");
    expect(fake_calls("[method]tcp-socket.local-address")).toBe(1, "learnt at the bind, not asked while connecting");
    expect(connect(fd, loopback(9000), SIZE)).toBe(-1, "the scripted would-block: still connecting");
    expect(E.errno).toBe(E.EALREADY);
    expect(connect(fd, loopback(9000), SIZE)).toBe(0);
    expect(getsockname(fd, buf, len)).toBe(0);
    expect(getsockname(fd, buf, len)).toBe(0);
    expect(fake_calls("[method]tcp-socket.local-address")).toBe(2, "asked once connected, then cached");
    close(fd);
    expect(fake_live_handles()).toBe(0);
  });

  it("a refused connect is ECONNREFUSED and the socket may connect again", () => {
    const fd = socket(AF_INET, SOCK_STREAM, 0);
    fake_fail_next("[method]tcp-socket.finish-connect", error_code.connection_refused, 1);
    expect(connect(fd, loopback(9000), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.ECONNREFUSED);
    expect(connect(fd, loopback(9000), SIZE)).toBe(0, "a fresh host socket behind the same fd");
    expect(fake_calls("create-tcp-socket")).toBe(2);
    close(fd);
    expect(fake_live_handles()).toBe(0, "the spent host socket was released");
  });

  it("maps unreachable and timeout", () => {
    const fd = socket(AF_INET, SOCK_STREAM, 0);
    fake_fail_next("[method]tcp-socket.finish-connect", error_code.remote_unreachable, 1);
    expect(connect(fd, loopback(9000), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.EHOSTUNREACH);
    fake_fail_next("[method]tcp-socket.finish-connect", error_code.timeout, 1);
    expect(connect(fd, loopback(9000), SIZE)).toBe(-1);
    expect(E.errno).toBe(E.ETIMEDOUT);
    close(fd);
  });
});

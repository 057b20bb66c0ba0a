// TCP through the message calls and flags: MSG_PEEK's read-ahead buffer,
// MSG_WAITALL, readv/writev/sendmsg/recvmsg over several iovecs, recvfrom's
// empty source, and an error met after some bytes were returned.
import { socket, bind, listen, accept, send, sendto, recv, recvfrom, sendmsg, recvmsg } from "../../include/sys/socket";
import { AF_INET, SOCK_STREAM, MSG_DONTWAIT, MSG_PEEK, MSG_WAITALL, MSG_TRUNC, msghdr } from "../../include/sys/socket";
import { readv, writev } from "../../include/sys/uio";
import { close, read } from "../../include/unistd";
import { sockaddr_in, INADDR_LOOPBACK } from "../../include/netinet/in";
import { htons, htonl } from "../../include/arpa/inet";
import * as E from "../../include/errno";
import { descriptor } from "../../assembly/net/descriptors";
import { TcpSocket } from "../../assembly/net/tcp";
import { error_code } from "../../assembly/wasi/sockets/network";
import {
  fake_reset, fake_reset_calls, fake_live_handles, fake_total_calls, fake_queue_connection, fake_would_block,
  fake_fail_stream_next, fake_close_input, fakeDeliverText, fakeWrittenText, fake_set_write_budget, fake_set_write_space, fake_calls,
} from "./fake-host";

const SIZE: u32 = <u32>offsetof<sockaddr_in>();
const addr = new sockaddr_in();
const buf = heap.alloc(1024);
const IOV = heap.alloc(3 * 8);
let server: i32 = -1;

function tcpOf(fd: i32): TcpSocket {
  return changetype<TcpSocket>(descriptor(fd)!.socket);
}

function accepted(): i32 {
  server = socket(AF_INET, SOCK_STREAM, 0);
  addr.sin_family = <u16>AF_INET;
  addr.sin_port = 0;
  addr.sin_addr = htonl(INADDR_LOOPBACK);
  bind(server, changetype<usize>(addr), SIZE);
  listen(server, 4);
  fake_queue_connection(tcpOf(server).handle);
  return accept(server, 0, 0);
}

function done(fd: i32): void {
  close(fd);
  close(server);
  expect(fake_live_handles()).toBe(0, "nothing leaked, the read-ahead buffer included");
}

function iovecs(a: usize, al: usize, b: usize, bl: usize, c: usize, cl: usize): usize {
  store<usize>(IOV, a); store<usize>(IOV, al, 4);
  store<usize>(IOV, b, 8); store<usize>(IOV, bl, 12);
  store<usize>(IOV, c, 16); store<usize>(IOV, cl, 20);
  return IOV;
}

function str(p: usize, n: isize): string {
  return String.UTF8.decodeUnsafe(p, <usize>n);
}

describe("TCP: MSG_PEEK", () => {
  beforeEach(() => fake_reset());

  it("peek then recv return the same bytes; the second read costs no host call", () => {
    const c = accepted();
    fakeDeliverText(tcpOf(c).input, "hello world");
    expect(recv(c, buf, 5, MSG_PEEK)).toBe(5);
    expect(str(buf, 5)).toBe("hello");
    expect(tcpOf(c).buffered).toBe(5);
    fake_reset_calls();
    expect(recv(c, buf + 100, 5, 0)).toBe(5);
    expect(fake_total_calls()).toBe(0);
    expect(str(buf + 100, 5)).toBe("hello");
    expect(recv(c, buf, 100, 0)).toBe(6);
    expect(str(buf, 6)).toBe(" world");
    done(c);
  });

  it("a peek asking for more reads ahead and keeps everything; recv drains the buffer first", () => {
    const c = accepted();
    fakeDeliverText(tcpOf(c).input, "abcdef", 3);
    expect(recv(c, buf, 2, MSG_PEEK)).toBe(2);
    expect(recv(c, buf, 6, MSG_PEEK | MSG_WAITALL)).toBe(6, "WAITALL peek reads the second chunk too");
    expect(str(buf, 6)).toBe("abcdef");
    expect(recv(c, buf, 4, 0)).toBe(4);
    expect(str(buf, 4)).toBe("abcd");
    expect(recv(c, buf, 4, MSG_PEEK)).toBe(2);
    expect(recv(c, buf, 4, 0)).toBe(2);
    expect(str(buf, 2)).toBe("ef");
    expect(recv(c, buf, 4, MSG_DONTWAIT | MSG_PEEK)).toBe(-1);
    expect(E.errno).toBe(E.EAGAIN);
    fakeDeliverText(tcpOf(c).input, "held at close");
    expect(recv(c, buf, 4, MSG_PEEK)).toBe(4);
    done(c);
  });

  it("peek at EOF returns 0, after the buffered bytes", () => {
    const c = accepted();
    fakeDeliverText(tcpOf(c).input, "xy");
    fake_close_input(tcpOf(c).input);
    expect(recv(c, buf, 10, MSG_PEEK | MSG_WAITALL)).toBe(2, "EOF ends the wait");
    expect(recv(c, buf, 10, 0)).toBe(2);
    expect(recv(c, buf, 10, MSG_PEEK)).toBe(0);
    expect(recv(c, buf, 10, 0)).toBe(0);
    done(c);
  });
});

describe("TCP: MSG_WAITALL and errors after data", () => {
  beforeEach(() => fake_reset());

  it("MSG_WAITALL collects chunks until the buffer is full, waiting between them", () => {
    const c = accepted();
    fakeDeliverText(tcpOf(c).input, "0123456789", 3);
    expect(recv(c, buf, 10, 0)).toBe(3, "without WAITALL: one chunk");
    fakeDeliverText(tcpOf(c).input, "abcdefghij", 4);
    fake_would_block("[method]input-stream.read", 1);
    expect(recv(c, buf, 17, MSG_WAITALL)).toBe(17);
    expect(str(buf, 17)).toBe("3456789abcdefghij");
    done(c);
  });

  it("MSG_WAITALL stops at EOF with what arrived", () => {
    const c = accepted();
    fakeDeliverText(tcpOf(c).input, "short");
    fake_close_input(tcpOf(c).input);
    expect(recv(c, buf, 100, MSG_WAITALL)).toBe(5);
    expect(recv(c, buf, 100, MSG_WAITALL)).toBe(0);
    done(c);
  });

  it("a failure after some bytes: the bytes now, ECONNRESET on the next call", () => {
    const c = accepted();
    fakeDeliverText(tcpOf(c).input, "abc");
    expect(recv(c, buf, 3, MSG_PEEK)).toBe(3, "read ahead, so the next read of the stream is the failing one");
    fake_fail_stream_next("[method]input-stream.read", false, error_code.connection_reset, 1);
    expect(recv(c, buf, 10, MSG_WAITALL)).toBe(3);
    expect(str(buf, 3)).toBe("abc");
    expect(recv(c, buf, 10, 0)).toBe(-1);
    expect(E.errno).toBe(E.ECONNRESET);
    expect(recv(c, buf, 10, 0)).toBe(0, "then the stream is closed");
    done(c);
  });

  it("MSG_TRUNC is EOPNOTSUPP on TCP; recvfrom reports no source (addrlen 0)", () => {
    const c = accepted();
    expect(recv(c, buf, 10, MSG_TRUNC)).toBe(-1);
    expect(E.errno).toBe(E.EOPNOTSUPP);
    fakeDeliverText(tcpOf(c).input, "q");
    const len = heap.alloc(4);
    store<u32>(len, 16);
    expect(recvfrom(c, buf, 10, 0, buf + 500, len)).toBe(1);
    expect(load<u32>(len)).toBe(0);
    expect(sendto(c, buf, 1, 0, changetype<usize>(addr), SIZE)).toBe(1, "Linux ignores a TCP destination");
    done(c);
  });
});

describe("TCP: scatter/gather", () => {
  beforeEach(() => fake_reset());

  it("read and readv of 0 bytes are 0 at once, without a host call (sock_read_iter); recv of 0 bytes looks", () => {
    const c = accepted();
    fake_reset_calls();
    expect(read(c, buf, 0)).toBe(0, "nothing waits, and no wait either");
    expect(readv(c, iovecs(buf, 0, 0, 0, buf, 0), 3)).toBe(0);
    expect(writev(c, iovecs(buf, 0, 0, 0, buf, 0), 3)).toBe(0);
    expect(fake_total_calls()).toBe(0);
    expect(recv(c, buf, 0, MSG_DONTWAIT)).toBe(-1, "recv does look, as Linux's");
    expect(E.errno).toBe(E.EAGAIN);
    fakeDeliverText(tcpOf(c).input, "abc");
    expect(read(c, buf, 0)).toBe(0);
    expect(recv(c, buf, 10, 0)).toBe(3, "nothing consumed");
    done(c);
  });

  it("writev gathers the iovecs a permit spans into one write: one check-write, one write (a host permit ends with a write)", () => {
    const c = accepted();
    const a = String.UTF8.encode("GET ");
    const b = String.UTF8.encode("/ HTTP/1.1");
    const d = String.UTF8.encode("\r\n");
    fake_reset_calls();
    expect(writev(c, iovecs(changetype<usize>(a), 4, changetype<usize>(b), 10, changetype<usize>(d), 2), 3)).toBe(16);
    expect(fake_total_calls()).toBe(2);
    expect(fake_calls("[method]output-stream.write")).toBe(1);
    expect(fakeWrittenText(tcpOf(c).output)).toBe("GET / HTTP/1.1\r\n");
    done(c);
  });

  it("a budget smaller than the gather: non-blocking sendmsg is partial across segments", () => {
    const c = accepted();
    fake_set_write_budget(tcpOf(c).output, 6);
    fake_set_write_space(tcpOf(c).output, 6);
    const a = String.UTF8.encode("abcd");
    const b = String.UTF8.encode("efgh");
    const m = new msghdr();
    m.msg_iov = iovecs(changetype<usize>(a), 4, changetype<usize>(b), 4, 0, 0);
    m.msg_iovlen = 3;
    expect(sendmsg(c, changetype<usize>(m), MSG_DONTWAIT)).toBe(6);
    expect(fakeWrittenText(tcpOf(c).output)).toBe("abcdef");
    fake_set_write_space(tcpOf(c).output, 64); // the peer reads: nothing lingers at close
    done(c);
  });

  it("readv and recvmsg scatter one read over three iovecs", () => {
    const c = accepted();
    fakeDeliverText(tcpOf(c).input, "abcdefgh");
    expect(readv(c, iovecs(buf, 2, buf + 10, 3, buf + 20, 10), 3)).toBe(8);
    expect(str(buf, 2) + str(buf + 10, 3) + str(buf + 20, 3)).toBe("abcdefgh");
    fakeDeliverText(tcpOf(c).input, "ijklmnop");
    const m = new msghdr();
    m.msg_iov = iovecs(buf, 4, buf + 10, 0, buf + 20, 4);
    m.msg_iovlen = 3;
    m.msg_flags = -1;
    expect(recvmsg(c, changetype<usize>(m), MSG_WAITALL)).toBe(8);
    expect(str(buf, 4) + str(buf + 20, 4)).toBe("ijklmnop");
    expect(m.msg_flags).toBe(0);
    expect(readv(c, IOV, -1)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    expect(writev(c, IOV, 1025)).toBe(-1);
    expect(E.errno).toBe(E.EINVAL);
    done(c);
  });
});

// Fault injection, generated: every POSIX TCP and UDP call is run once cleanly to learn
// which fallible host imports it makes (the fake host counts calls), then once
// per (import × error-code) with that import failing. Each time:
//   - no trap (a trap ends the run);
//   - the call fails with the errno Linux would give for the cause, or succeeds
//     where a blocking call rightly waits out a would-block;
//   - the descriptor stays usable: the same call, retried, succeeds or gives
//     one of the errnos its state allows;
//   - closing everything leaves no host handle alive.
// Stream faults (closed, or last-operation-failed with or without a
// network-error-code) are driven the same way for recv, send and shutdown.
// tests/unit/faults.spec.ts runs this in the default build and
// tests/unit/nec/faults.spec.ts in the network-error-code build.
import { socket, bind, listen, accept, connect, send, recv, shutdown, getsockname, getpeername, sendto, recvfrom } from "../../include/sys/socket";
import { AF_INET, SOCK_STREAM, SOCK_DGRAM, SHUT_RDWR, SHUT_WR, SOL_SOCKET, SO_RCVBUF, SO_KEEPALIVE, getsockopt, setsockopt } from "../../include/sys/socket";
import { IPPROTO_IP, IPPROTO_TCP, IP_TTL } from "../../include/netinet/in";
import { TCP_KEEPIDLE } from "../../include/netinet/tcp";
import { close } from "../../include/unistd";
import { sockaddr_in, INADDR_LOOPBACK } from "../../include/netinet/in";
import { htons, htonl } from "../../include/arpa/inet";
import * as E from "../../include/errno";
import { descriptor } from "../../assembly/net/descriptors";
import { TcpSocket } from "../../assembly/net/tcp";
import { UdpSocket } from "../../assembly/net/udp";
import { error_code } from "../../assembly/wasi/sockets/network";
import {
  fake_reset, fake_reset_calls, fake_calls, fake_live_handles, fake_fail_next, fake_fail_stream_next,
  fake_queue_connection, fake_deliver, fake_queue_datagram,
} from "./fake-host";

const SIZE = offsetof<sockaddr_in>();
const ADDR = new sockaddr_in();
const BUF = heap.alloc(256);
const LEN = heap.alloc(4);
const OK = 0;

/** What Linux says for a host error-code at a call of this kind. */
enum Kind { Create, Bind, Listen, Accept, Connect, Name, Shutdown, Send, Receive, Option }

/** Every fallible (result<_, error-code>) import a TCP call can make, and its kind. */
const IMPORTS: string[] = [
  "create-tcp-socket",
  "[method]tcp-socket.start-bind", "[method]tcp-socket.finish-bind",
  "[method]tcp-socket.set-listen-backlog-size", "[method]tcp-socket.start-listen", "[method]tcp-socket.finish-listen",
  "[method]tcp-socket.accept",
  "[method]tcp-socket.start-connect", "[method]tcp-socket.finish-connect",
  "[method]tcp-socket.local-address", "[method]tcp-socket.remote-address",
  "[method]tcp-socket.shutdown",
  "create-udp-socket",
  "[method]udp-socket.start-bind", "[method]udp-socket.finish-bind", "[method]udp-socket.stream",
  "[method]udp-socket.local-address",
  "[method]incoming-datagram-stream.receive",
  "[method]outgoing-datagram-stream.check-send", "[method]outgoing-datagram-stream.send",
  "[method]tcp-socket.receive-buffer-size", "[method]tcp-socket.set-keep-alive-enabled",
  "[method]tcp-socket.keep-alive-idle-time", "[method]udp-socket.set-unicast-hop-limit",
];
const KINDS: Kind[] = [
  Kind.Create, Kind.Bind, Kind.Bind, Kind.Listen, Kind.Listen, Kind.Listen, Kind.Accept,
  Kind.Connect, Kind.Connect, Kind.Name, Kind.Name, Kind.Shutdown,
  Kind.Create, Kind.Bind, Kind.Bind, Kind.Connect, Kind.Name, Kind.Receive, Kind.Send, Kind.Send,
  Kind.Option, Kind.Option, Kind.Option, Kind.Option,
];
const LAST_CODE: u8 = error_code.permanent_resolver_failure;

/** The oracle: Linux's errno for a host error-code (would-block is decided by the caller). */
function linuxErrno(code: u8, kind: Kind): i32 {
  if (code == error_code.access_denied) return E.EACCES;
  if (code == error_code.not_supported) return kind == Kind.Option ? E.ENOPROTOOPT : E.EOPNOTSUPP;
  if (code == error_code.invalid_argument) return E.EINVAL;
  if (code == error_code.out_of_memory) return E.ENOMEM;
  if (code == error_code.timeout) return E.ETIMEDOUT;
  if (code == error_code.concurrency_conflict || code == error_code.not_in_progress) return kind == Kind.Connect ? E.EALREADY : E.EINVAL;
  if (code == error_code.invalid_state) {
    if (kind == Kind.Connect) return E.EISCONN;
    if (kind == Kind.Name || kind == Kind.Shutdown || kind == Kind.Send || kind == Kind.Receive) return E.ENOTCONN;
    return E.EINVAL;
  }
  if (code == error_code.new_socket_limit) return E.EMFILE;
  if (code == error_code.address_not_bindable) return E.EADDRNOTAVAIL;
  if (code == error_code.address_in_use) return E.EADDRINUSE;
  if (code == error_code.remote_unreachable) return E.EHOSTUNREACH;
  if (code == error_code.connection_refused) return E.ECONNREFUSED;
  if (code == error_code.connection_reset) return E.ECONNRESET;
  if (code == error_code.connection_aborted) return E.ECONNABORTED;
  if (code == error_code.datagram_too_large) return E.EMSGSIZE;
  if (code == error_code.would_block) return E.EAGAIN; // only reachable through a stream error's code
  // unknown where a descriptor is made: the descriptor limit (wasmtime 49 says unknown for EMFILE)
  if (code == error_code.unknown && (kind == Kind.Create || kind == Kind.Accept)) return E.EMFILE;
  return E.EIO; // unknown elsewhere, and resolver codes that have no meaning on a socket call
}

/** would-block from a finish-* or accept is waited out by a blocking call; elsewhere it is EAGAIN (EINPROGRESS for connect). */
function expectedFor(code: u8, name: string, kind: Kind): i32 {
  if (code != error_code.would_block) return linuxErrno(code, kind);
  if (name.includes("finish-") || name.endsWith(".accept")) return OK;
  return kind == Kind.Connect ? E.EINPROGRESS : E.EAGAIN;
}

function loopback(port: u16): usize {
  ADDR.sin_family = <u16>AF_INET;
  ADDR.sin_port = htons(port);
  ADDR.sin_addr = htonl(INADDR_LOOPBACK);
  return changetype<usize>(ADDR);
}

function handleOf(fd: i32): TcpSocket {
  return changetype<TcpSocket>(descriptor(fd)!.socket);
}

// The descriptors a scenario works on (AssemblyScript closures cannot capture locals).
let fd: i32 = -1;
let peer: i32 = -1;

function openSocket(): void {
  fd = socket(AF_INET, SOCK_STREAM, 0);
}
function openBound(): void {
  openSocket();
  assert(bind(fd, loopback(0), <u32>SIZE) == 0);
}
function openListening(): void {
  openBound();
  assert(listen(fd, 8) == 0);
  // Two clients: one for the faulted call, one for the retry.
  fake_queue_connection(handleOf(fd).handle);
  fake_queue_connection(handleOf(fd).handle);
}
function openConnected(): void {
  openListening();
  peer = fd;
  fd = accept(peer, 0, 0);
  assert(fd >= 0);
}
function openConnectedWithData(): void {
  openConnected();
  fake_deliver(handleOf(fd).input, BUF, 64);
}
function openUdp(): void {
  fd = socket(AF_INET, SOCK_DGRAM, 0);
}
function openUdpBound(): void {
  openUdp();
  assert(bind(fd, loopback(0), <u32>SIZE) == 0);
}
function openUdpWithDatagrams(): void {
  openUdpBound();
  // Two datagrams: one for the faulted call, one for the retry.
  fake_queue_datagram(changetype<UdpSocket>(descriptor(fd)!.socket).handle, BUF, 8, 5353);
  fake_queue_datagram(changetype<UdpSocket>(descriptor(fd)!.socket).handle, BUF, 8, 5353);
}
function closeAll(): void {
  if (fd >= 0) close(fd);
  if (peer >= 0) close(peer);
  fd = peer = -1;
}

/** One POSIX call on `fd`, returning its result (-1 with errno on failure). */
class Scenario {
  constructor(
    public name: string,
    public setup: () => void,
    public call: () => i32,
    /** errnos a retry may give after a fault, besides success. */
    public retryMay: i32[] = [],
    /** Imports whose failure the call rightly absorbs (retried later, or reported by the next call). */
    public absorbs: string[] = [],
  ) {}
}

function lenOf(): usize {
  store<u32>(LEN, SIZE);
  return LEN;
}

const STREAM = "[method]udp-socket.stream";
const LOCAL = "[method]tcp-socket.local-address";

const SCENARIOS: Scenario[] = [
  new Scenario("socket", () => {}, (): i32 => (fd = socket(AF_INET, SOCK_STREAM, 0)) >= 0 ? 0 : -1),
  // A bind whose finish step failed leaves the host socket mid-bind: the retry is EINVAL, as a second bind.
  // The address a bind got is learnt at once (local-address); if the host cannot say, getsockname asks later.
  new Scenario("bind", openSocket, (): i32 => bind(fd, loopback(0), <u32>SIZE), [E.EINVAL], [LOCAL]),
  new Scenario("listen (bound)", openBound, (): i32 => listen(fd, 8), [E.EINVAL]),
  new Scenario("listen (implicit bind)", openSocket, (): i32 => listen(fd, 8), [E.EINVAL], [LOCAL]),
  new Scenario("accept with address", openListening, (): i32 => {
    const c = accept(fd, BUF, lenOf());
    if (c < 0) return -1;
    close(c);
    return 0;
  }),
  // connect binds first (so getsockname can answer while it connects).
  new Scenario("connect (blocking)", openSocket, (): i32 => connect(fd, loopback(9000), <u32>SIZE), [E.EISCONN], [LOCAL]),
  new Scenario("getsockname", openConnected, (): i32 => getsockname(fd, BUF, lenOf())),
  new Scenario("getpeername", openConnected, (): i32 => getpeername(fd, BUF, lenOf())),
  new Scenario("shutdown", openConnected, (): i32 => shutdown(fd, SHUT_RDWR)),
  new Scenario("UDP socket", () => {}, (): i32 => (fd = socket(AF_INET, SOCK_DGRAM, 0)) >= 0 ? 0 : -1),
  // A bound socket whose streams the host refused is still bound: the next send or receive asks again.
  new Scenario("UDP bind", openUdp, (): i32 => bind(fd, loopback(0), <u32>SIZE), [E.EINVAL], [STREAM]),
  new Scenario("UDP sendto (implicit bind)", openUdp, (): i32 => <i32>sendto(fd, BUF, 10, 0, loopback(7), <u32>SIZE) == 10 ? 0 : -1, [E.EINVAL], [STREAM]),
  new Scenario("UDP connect", openUdpBound, (): i32 => connect(fd, loopback(9001), <u32>SIZE)),
  new Scenario("UDP recvfrom", openUdpWithDatagrams, (): i32 => <i32>recvfrom(fd, BUF, 64, 0, BUF + 128, lenOf()) == 8 ? 0 : -1),
  new Scenario("UDP getsockname", openUdpBound, (): i32 => getsockname(fd, BUF, lenOf())),
  new Scenario("getsockopt SO_RCVBUF", openSocket, (): i32 => getsockopt(fd, SOL_SOCKET, SO_RCVBUF, BUF, lenOf())),
  new Scenario("getsockopt TCP_KEEPIDLE", openSocket, (): i32 => getsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, BUF, lenOf())),
  new Scenario("setsockopt SO_KEEPALIVE", openSocket, (): i32 => { store<i32>(BUF, 1); return setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, BUF, 4); }),
  new Scenario("setsockopt IP_TTL (UDP)", openUdp, (): i32 => { store<i32>(BUF, 9); return setsockopt(fd, IPPROTO_IP, IP_TTL, BUF, 4); }),
];

/** Runs `s` once cleanly; the fallible imports it made, as indices into IMPORTS. */
function importsMadeBy(s: Scenario): i32[] {
  fake_reset();
  s.setup();
  fake_reset_calls();
  assert(s.call() == 0, s.name + " must succeed without faults");
  const made: i32[] = [];
  for (let i = 0; i < IMPORTS.length; i++) if (fake_calls(IMPORTS[i]) > 0) made.push(i);
  closeAll();
  return made;
}

function outcome(result: i32): i32 {
  return result == 0 ? OK : E.errno;
}

let nextScenario = 0;

/** Runs the next scenario under every fault its clean run makes possible. */
function faultNextScenario(): void {
  const s = SCENARIOS[nextScenario++];
  const made = importsMadeBy(s);
  expect(made.length).toBeGreaterThan(0, s.name + " makes a fallible host call");
  for (let j = 0; j < made.length; j++) {
    const name = IMPORTS[made[j]];
    const kind = KINDS[made[j]];
    for (let code: u8 = 0; code <= LAST_CODE; code++) {
      const what = s.name + " with " + name + " failing with error-code " + code.toString();
      fake_reset();
      s.setup();
      fake_fail_next(name, code, 1);
      const got = outcome(s.call());
      expect(got).toBe(s.absorbs.includes(name) ? OK : expectedFor(code, name, kind), what + ": errno");
      const retry = outcome(s.call());
      const usable = retry == OK || s.retryMay.includes(retry) || (got == OK && retry != E.EIO);
      expect(usable).toBe(true, what + ": the retry gave errno " + retry.toString());
      closeAll();
      expect(fake_live_handles()).toBe(0, what + ": handles leaked");
    }
  }
}

// ---- stream faults ---------------------------------------------------------------------

const STREAM_IMPORTS: string[] = [
  "[method]input-stream.read", "[method]output-stream.check-write",
  "[method]output-stream.write", "[method]output-stream.blocking-flush",
];
const NO_CODE = -1;

/** A data call whose stream fails: what it answers when the stream is `closed`, and for a failure. */
class StreamScenario {
  constructor(
    public name: string,
    public setup: () => void,
    public call: () => i32,
    public kind: Kind,
    public whenClosed: i32,
    /** Whether a failed stream is reported (shutdown's flush failure is not: the FIN goes out regardless). */
    public reportsFailure: bool,
    public retryMay: i32[],
  ) {}
}

function openConnectedWithPendingWrite(): void {
  openConnected();
  assert(send(fd, BUF, 1, 0) == 1);
}

const STREAM_SCENARIOS: StreamScenario[] = [
  new StreamScenario("recv", openConnectedWithData, (): i32 => <i32>recv(fd, BUF, 64, 0) >= 0 ? 0 : -1,
    Kind.Receive, OK, true, [E.ECONNRESET]),
  new StreamScenario("send", openConnected, (): i32 => <i32>send(fd, BUF, 64, 0) == 64 ? 0 : -1,
    Kind.Send, E.EPIPE, true, [E.EPIPE, E.ECONNRESET]),
  new StreamScenario("shutdown after a write", openConnectedWithPendingWrite, (): i32 => shutdown(fd, SHUT_WR),
    Kind.Shutdown, OK, false, []),
];

/** What a failed stream operation carrying `code` (NO_CODE: none) must give. */
function streamFailureErrno(s: StreamScenario, code: i32): i32 {
  if (!s.reportsFailure) return OK;
  // @ts-ignore: defined only in the build that opts in to network-error-code
  if (isDefined(ASPS_NETWORK_ERROR_CODE) && code != NO_CODE) return linuxErrno(<u8>code, s.kind);
  // Without an explanation a TCP stream only fails when the connection was reset.
  return E.ECONNRESET;
}

let nextStreamScenario = 0;

function streamFaultNextScenario(): void {
  const s = STREAM_SCENARIOS[nextStreamScenario++];
  fake_reset();
  s.setup();
  fake_reset_calls();
  expect(s.call()).toBe(0, s.name + " must succeed without faults");
  const made: string[] = [];
  for (let i = 0; i < STREAM_IMPORTS.length; i++) if (fake_calls(STREAM_IMPORTS[i]) > 0) made.push(STREAM_IMPORTS[i]);
  closeAll();
  expect(made.length).toBeGreaterThan(0, s.name + " makes a stream call");
  for (let j = 0; j < made.length; j++) {
    // -2: closed; -1: failed without a code; 0..: failed with that error-code.
    for (let variant = -2; variant <= <i32>LAST_CODE; variant++) {
      const what = s.name + " with " + made[j] + (variant == -2 ? " closed" : " failing with code " + variant.toString());
      fake_reset();
      s.setup();
      fake_fail_stream_next(made[j], variant == -2, variant == -2 ? NO_CODE : variant, 1);
      const got = outcome(s.call());
      expect(got).toBe(variant == -2 ? s.whenClosed : streamFailureErrno(s, variant), what + ": errno");
      const retry = outcome(s.call());
      expect(retry == OK || s.retryMay.includes(retry)).toBe(true, what + ": the retry gave errno " + retry.toString());
      closeAll();
      expect(fake_live_handles()).toBe(0, what + ": handles leaked (error resources included)");
    }
  }
}

export function hostCallFaults(): void {
  describe("fault injection: every error-code at every host call of every TCP and UDP call", () => {
    nextScenario = 0;
    for (let i = 0; i < SCENARIOS.length; i++) it(SCENARIOS[i].name, faultNextScenario);
  });
  describe("fault injection: every stream failure at every stream call of recv, send and shutdown", () => {
    nextStreamScenario = 0;
    for (let i = 0; i < STREAM_SCENARIOS.length; i++) it(STREAM_SCENARIOS[i].name, streamFaultNextScenario);
  });
}

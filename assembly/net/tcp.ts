// A TCP socket: its wasi:sockets handle, streams and cached pollables, and a
// state machine mirroring the host's, so that most wrong-state calls are
// answered in the guest with Linux's errno and no host call.
import { RET, isOk, errorCodeAt, freeList, lendNextList, endLending, PAYLOAD_1, PAYLOAD_4, PAYLOAD_8 } from "../wasi/abi";
import { IpSocketAddress } from "../wasi/address";
import { error_code, networkErrorCode } from "../wasi/sockets/network";
import { error_drop } from "../wasi/io/error";
import { pollable_drop } from "../wasi/io/poll";
import * as tcp from "../wasi/sockets/tcp";
import * as streams from "../wasi/io/streams";
import { create_tcp_socket } from "../wasi/sockets/tcp-create-socket";
import * as E from "../defs/errno";
import { AF_INET, AF_INET6, SOCK_STREAM, SHUT_RD, SHUT_WR, SOMAXCONN, MSG_DONTWAIT, MSG_PEEK, MSG_WAITALL } from "../defs/socket";
import { Socket, failWith, setReceived, lastError } from "./socket";
import { PollSet } from "./pollset";
import { POLLIN, POLLOUT, POLLERR, POLLHUP, POLLRDHUP } from "../defs/poll";
import { IoList, within } from "./iolist";
import { theNetwork } from "./network";
import { waitFor, waitForEither, deadlineAfter, FOREVER } from "./wait";
import { setWildcard, isUnspecified, isV4Mapped, unmapV4, mapV4 } from "./addresses";
import { Op, errnoFor } from "./errors";

export enum TcpState { Unbound, Bound, Listening, Connecting, Connected, Failed }

/** Creates a host TCP socket for AF_INET/AF_INET6; null with lastError on failure. */
export function openTcp(family: i32): TcpSocket | null {
  const handle = createHandle(family);
  if (handle < 0) return failWith<TcpSocket | null>(<i32>-handle);
  return new TcpSocket(family, <u32>handle, TcpState.Unbound);
}

/** A new host socket handle, or a negative errno. */
function createHandle(family: i32): i64 {
  create_tcp_socket(family == AF_INET ? 0 : 1, RET);
  if (!isOk()) return -<i64>errnoFor(errorCodeAt(PAYLOAD_4), Op.Create);
  return <i64>load<u32>(RET, PAYLOAD_4);
}

export class TcpSocket extends Socket {
  input: u32 = 0;
  output: u32 = 0;
  private socketPollable: u32 = 0;
  private inputPollable: u32 = 0;
  private outputPollable: u32 = 0;
  /** The error of a connect that failed while nobody was waiting (SO_ERROR). */
  pendingError: i32 = 0;
  readShut: bool = false;
  writeShut: bool = false;
  /** A stream failed (reset, or an error the host named): poll reports POLLERR|POLLHUP. */
  broken: bool = false;
  /** The peer finished sending: reads return 0 from now on. */
  peerClosed: bool = false;
  /** Read-ahead bytes (MSG_PEEK): [heldStart, heldEnd) of the heap block at heldPtr. */
  private heldPtr: usize = 0;
  private heldStart: usize = 0;
  private heldEnd: usize = 0;
  /** Where readSome left its bytes. */
  private readPtr: usize = 0;
  /** An error met after some bytes were already returned: the next receive reports it. */
  private pendingReceiveError: i32 = 0;
  /** Bytes written since the last flush; close flushes them so nothing is lost. */
  private unflushed: bool = false;
  private local: IpSocketAddress | null = null;
  /** IPV6_V6ONLY (AF_INET6 only). Cleared only under dual-stack emulation. */
  v6only: bool = true;
  /** An AF_INET6 socket whose host socket is IPv4 (dual-stack emulation): addresses read as ::ffff:a.b.c.d. */
  mapped: bool = false;
  /** A dual-stack listener's hidden IPv4 twin, bound to 0.0.0.0 on the same port. */
  twin: TcpSocket | null = null;

  constructor(family: i32, public handle: u32, public state: TcpState) {
    super(family, SOCK_STREAM);
  }

  // ---- pollables: created once, reused by every wait ------------------------
  private get onSocket(): u32 {
    if (this.socketPollable == 0) this.socketPollable = tcp.tcp_socket_subscribe(this.handle);
    return this.socketPollable;
  }
  private get onInput(): u32 {
    if (this.inputPollable == 0) this.inputPollable = streams.input_stream_subscribe(this.input);
    return this.inputPollable;
  }
  private get onOutput(): u32 {
    if (this.outputPollable == 0) this.outputPollable = streams.output_stream_subscribe(this.output);
    return this.outputPollable;
  }

  // ---- bind / listen / accept ---------------------------------------------
  bind(addr: IpSocketAddress): i32 {
    if (this.state != TcpState.Unbound) return -E.EINVAL;
    if (!this.v6only && isUnspecified(addr)) return this.bindDual(addr);
    return this.bindHost(addr);
  }

  /**
   * Dual-stack bind to [::]:port: the IPv6 socket, then a hidden IPv4 socket on
   * 0.0.0.0 and the same port. Port 0 retries with a new ephemeral port when
   * the one IPv6 got is taken on IPv4, as a kernel picks one free on both.
   */
  private bindDual(addr: IpSocketAddress): i32 {
    for (let attempt = 0; attempt < 8; attempt++) {
      let err = this.bindHost(addr);
      if (err < 0) return err;
      tcp.tcp_socket_local_address(this.handle, RET);
      const port = isOk() ? load<u16>(RET, PAYLOAD_4 + 4) : 0;
      const twin = openTcp(AF_INET);
      if (twin === null) err = -lastError;
      else {
        SCRATCH.setIpv4(0, 0, 0, 0, port);
        err = twin.bindHost(SCRATCH);
        if (err == 0) {
          this.twin = twin;
          return 0;
        }
        twin.release();
      }
      // Undo the IPv6 bind: a WASI socket cannot be unbound, so take a fresh one.
      const fresh = this.replaceHandle();
      if (fresh < 0) return fresh;
      if (err != -E.EADDRINUSE || addr.port != 0) return err;
    }
    return -E.EADDRINUSE;
  }

  private bindHost(addr: IpSocketAddress): i32 {
    tcp.tcp_socket_start_bind_address(this.handle, theNetwork(), addr, RET);
    if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_1), Op.Bind);
    while (true) {
      tcp.tcp_socket_finish_bind(this.handle, RET);
      if (isOk()) break;
      const code = errorCodeAt(PAYLOAD_1);
      if (code != error_code.would_block) return -errnoFor(code, Op.Bind);
      waitFor(this.onSocket, FOREVER);
    }
    this.state = TcpState.Bound;
    return 0;
  }

  /** Listens, binding to the wildcard address first if unbound (as POSIX does); again only updates the backlog. */
  listen(backlog: i32): i32 {
    if (this.state == TcpState.Connecting || this.state == TcpState.Connected || this.state == TcpState.Failed) return -E.EINVAL;
    if (this.state == TcpState.Unbound) {
      setWildcard(SCRATCH, this.family);
      const err = this.bind(SCRATCH);
      if (err < 0) return err;
    }
    // Linux: a negative backlog means the maximum; the host refuses 0.
    const size = backlog < 0 || backlog > SOMAXCONN ? SOMAXCONN : max(backlog, 1);
    tcp.tcp_socket_set_listen_backlog_size(this.handle, <u64>size, RET);
    if (!isOk()) {
      const code = errorCodeAt(PAYLOAD_1);
      // Hosts that cannot resize a listening socket's backlog keep the old one.
      if (!(this.state == TcpState.Listening && code == error_code.not_supported)) return -errnoFor(code, Op.Listen);
    }
    if (this.state == TcpState.Listening) return 0;
    tcp.tcp_socket_start_listen(this.handle, RET);
    if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_1), Op.Listen);
    while (true) {
      tcp.tcp_socket_finish_listen(this.handle, RET);
      if (isOk()) break;
      const code = errorCodeAt(PAYLOAD_1);
      if (code != error_code.would_block) return -errnoFor(code, Op.Listen);
      waitFor(this.onSocket, FOREVER);
    }
    this.state = TcpState.Listening;
    const twin = this.twin;
    return twin !== null ? twin.listen(backlog) : 0;
  }

  /** The next connection (its peer's address in `peer` when given); null with lastError. */
  accept(peer: IpSocketAddress | null): TcpSocket | null {
    if (this.state != TcpState.Listening) return failWith<TcpSocket | null>(E.EINVAL);
    const deadline = deadlineAfter(this.receiveTimeoutNs);
    const twin = this.twin;
    let conn: TcpSocket | null = null;
    while (true) {
      conn = this.acceptOnce(this.family);
      if (conn === null && lastError == E.EAGAIN && twin !== null) {
        conn = twin.acceptOnce(this.family);
        if (conn !== null) conn.mapped = true;
      }
      if (conn !== null) break;
      if (lastError != E.EAGAIN || this.nonblocking) return null;
      const ready = twin === null ? waitFor(this.onSocket, deadline) : waitForEither(this.onSocket, twin.onSocket, deadline);
      if (!ready) return failWith<TcpSocket | null>(E.EAGAIN);
    }
    const accepted = conn!;
    if (peer !== null) {
      const err = accepted.remoteAddress(peer);
      if (err < 0) {
        accepted.release();
        return failWith<TcpSocket | null>(-err);
      }
    }
    return accepted;
  }

  /** One accept: the connection (for an fd of `family`), or null with lastError (EAGAIN when none waits). */
  private acceptOnce(family: i32): TcpSocket | null {
    tcp.tcp_socket_accept(this.handle, RET);
    if (!isOk()) {
      const code = errorCodeAt(PAYLOAD_4);
      return failWith<TcpSocket | null>(code == error_code.would_block ? E.EAGAIN : errnoFor(code, Op.Accept));
    }
    const conn = new TcpSocket(family, load<u32>(RET, 4), TcpState.Connected);
    conn.input = load<u32>(RET, 8);
    conn.output = load<u32>(RET, 12);
    return conn;
  }

  // ---- connect --------------------------------------------------------------
  connect(addr: IpSocketAddress): i32 {
    switch (this.state) {
      case TcpState.Connected:
      case TcpState.Listening: return -E.EISCONN;
      case TcpState.Connecting: return this.nonblocking ? this.pollConnect() : this.finishConnect(deadlineAfter(this.sendTimeoutNs));
      case TcpState.Failed: {
        // Linux lets a socket whose connect failed try again; the host socket is spent.
        const err = this.replaceHandle();
        if (err < 0) return err;
        break;
      }
      default: break;
    }
    if (this.family == AF_INET6 && isV4Mapped(addr)) {
      // Linux: a v6-only socket cannot reach an IPv4-mapped address.
      if (this.v6only || this.state != TcpState.Unbound) return -E.ENETUNREACH;
      const err = this.becomeIpv4();
      if (err < 0) return err;
      unmapV4(addr);
    }
    tcp.tcp_socket_start_connect_address(this.handle, theNetwork(), addr, RET);
    if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_1), Op.Connect);
    this.state = TcpState.Connecting;
    if (this.nonblocking) return -E.EINPROGRESS;
    return this.finishConnect(deadlineAfter(this.sendTimeoutNs));
  }

  /** A non-blocking connect called again: done (0 or its error), or still EALREADY. */
  private pollConnect(): i32 {
    const err = this.finishAndReport();
    return err == -E.EINPROGRESS ? -E.EALREADY : err;
  }

  private finishConnect(deadline: u64): i32 {
    while (true) {
      const err = this.finishAndReport();
      if (err != -E.EINPROGRESS) return err;
      // Linux: a connect that times out (SO_SNDTIMEO) reports EINPROGRESS and keeps going.
      if (!waitFor(this.onSocket, deadline)) return -E.EINPROGRESS;
    }
  }

  /** One finish-connect: 0 connected, -EINPROGRESS not yet, or the failure. */
  tryFinishConnect(): i32 {
    tcp.tcp_socket_finish_connect(this.handle, RET);
    if (isOk()) {
      this.input = load<u32>(RET, 4);
      this.output = load<u32>(RET, 8);
      this.state = TcpState.Connected;
      return 0;
    }
    const code = errorCodeAt(PAYLOAD_4);
    if (code == error_code.would_block) return -E.EINPROGRESS;
    this.state = TcpState.Failed;
    // Pending until someone reports it: the connect or data call that met it, or SO_ERROR.
    this.pendingError = errnoFor(code, Op.Connect);
    return -this.pendingError;
  }

  /** A finish-connect whose failure the caller reports (so SO_ERROR will not report it again). */
  private finishAndReport(): i32 {
    const r = this.tryFinishConnect();
    if (r < 0 && r != -E.EINPROGRESS) this.pendingError = 0;
    return r;
  }

  /** SO_ERROR (Linux): 0 while connecting, the failure once, then 0. */
  takeError(): i32 {
    if (this.state == TcpState.Connecting) this.tryFinishConnect();
    const e = this.pendingError;
    this.pendingError = 0;
    return e;
  }

  private replaceHandle(): i32 {
    const handle = createHandle(this.family);
    if (handle < 0) return <i32>handle;
    this.release();
    this.handle = <u32>handle;
    this.state = TcpState.Unbound;
    this.pendingError = 0;
    this.mapped = false;
    return 0;
  }

  /** Dual-stack connect to ::ffff:a.b.c.d: the (unbound) host socket is swapped for an IPv4 one. */
  private becomeIpv4(): i32 {
    const handle = createHandle(AF_INET);
    if (handle < 0) return <i32>handle;
    this.release();
    this.handle = <u32>handle;
    this.mapped = true;
    return 0;
  }

  // ---- data -------------------------------------------------------------------
  send(data: IoList, dest: IpSocketAddress | null, flags: i32): isize {
    // Linux ignores a destination on a TCP send.
    const dontWait = (flags & MSG_DONTWAIT) != 0;
    const ready = this.requireConnected(dontWait);
    if (ready < 0) return ready;
    if (this.writeShut) return -E.EPIPE;
    if (data.total == 0) return 0;
    const nonblocking = dontWait || this.nonblocking;
    const deadline = nonblocking ? FOREVER : deadlineAfter(this.sendTimeoutNs);
    let sent: usize = 0;
    let seg = 0;
    let at: usize = 0; // bytes of segment `seg` already sent
    // A blocking send returns when everything is written (Linux, for TCP).
    while (sent < data.total) {
      streams.output_stream_check_write(this.output, RET);
      if (!isOk()) return sent > 0 ? <isize>sent : this.streamFailure(PAYLOAD_8, Op.Send);
      let budget = load<u64>(RET, PAYLOAD_8);
      if (budget == 0) {
        if (nonblocking || !waitFor(this.onOutput, deadline)) return sent > 0 ? <isize>sent : -E.EAGAIN;
        continue;
      }
      // One check-write, then one write per segment the budget reaches.
      while (budget > 0 && sent < data.total) {
        while (at == data.lenAt(seg)) {
          seg++;
          at = 0;
        }
        const n = <usize>min<u64>(budget, <u64>(data.lenAt(seg) - at));
        streams.output_stream_write(this.output, data.ptrAt(seg) + at, <u32>n, RET);
        if (!isOk()) return sent > 0 ? <isize>sent : this.streamFailure(PAYLOAD_4, Op.Send);
        this.unflushed = true;
        at += n;
        sent += n;
        budget -= n;
      }
      // Non-blocking: what fits now is the answer (a partial write is POSIX).
      if (nonblocking) break;
    }
    return <isize>sent;
  }

  receive(data: IoList, flags: i32, from: IpSocketAddress | null): isize {
    setReceived(0, false); // a stream socket reports no source address
    const dontWait = (flags & MSG_DONTWAIT) != 0;
    const ready = this.requireConnected(dontWait);
    if (ready < 0) return ready;
    if (data.total == 0) return 0;
    const nonblocking = dontWait || this.nonblocking;
    const deadline = nonblocking ? FOREVER : deadlineAfter(this.receiveTimeoutNs);
    const waitAll = (flags & MSG_WAITALL) != 0;
    return (flags & MSG_PEEK) != 0
      ? this.peek(data, waitAll, nonblocking, deadline)
      : this.take(data, waitAll, nonblocking, deadline);
  }

  pending(): isize {
    if (this.state == TcpState.Listening) return -E.EINVAL; // Linux
    if (this.state != TcpState.Connected) return 0;
    if (this.pendingReceiveError == 0) {
      const n = this.readSome(65536);
      if (n > 0) this.hold(this.readPtr, n);
      else if (n < 0) this.pendingReceiveError = <i32>-n; // the next recv reports it
    }
    return <isize>this.buffered;
  }

  /** Bytes a peek read ahead: the next receive returns them first. */
  get buffered(): usize {
    return this.heldEnd - this.heldStart;
  }

  /** Receives: buffered bytes first, then reads until something arrived (or, with MSG_WAITALL, everything). */
  private take(data: IoList, waitAll: bool, nonblocking: bool, deadline: u64): isize {
    if (this.buffered == 0 && this.pendingReceiveError != 0) return -this.takePendingError();
    let got = this.drainHeld(data);
    while (got < data.total) {
      if (got > 0 && !waitAll) break;
      // When the rest fits in one segment, the host writes straight into it:
      // cabi_realloc hands out the caller's buffer, so nothing is copied or allocated.
      const seg = data.segmentOf(got);
      const dst = data.ptrAt(seg) + within;
      const direct = data.total - got <= data.lenAt(seg) - within;
      if (direct) lendNextList(dst, data.total - got);
      const n = this.readSome(data.total - got);
      if (direct) endLending();
      if (n < 0) {
        if (got == 0) return n;
        this.pendingReceiveError = <i32>-n; // reported by the next call, after these bytes
        break;
      }
      if (n > 0) {
        if (this.readPtr != dst) {
          data.scatter(got, this.readPtr, n);
          freeList(this.readPtr);
        }
        got += n;
        continue;
      }
      if (this.peerClosed || this.readShut) break;
      if (nonblocking || !waitFor(this.onInput, deadline)) {
        if (got == 0) return -E.EAGAIN;
        break;
      }
    }
    return <isize>got;
  }

  /** MSG_PEEK: reads ahead into the socket's buffer and copies without consuming. */
  private peek(data: IoList, waitAll: bool, nonblocking: bool, deadline: u64): isize {
    if (this.buffered == 0 && this.pendingReceiveError != 0) return -this.takePendingError();
    while (true) {
      const have = this.buffered;
      if (have >= data.total || (have > 0 && !waitAll)) break;
      const n = this.readSome(data.total - have);
      if (n < 0) {
        if (have == 0) return n;
        this.pendingReceiveError = <i32>-n;
        break;
      }
      if (n > 0) {
        this.hold(this.readPtr, n);
        continue;
      }
      if (this.peerClosed || this.readShut) break;
      if (nonblocking || !waitFor(this.onInput, deadline)) {
        if (have == 0) return -E.EAGAIN;
        break;
      }
    }
    const k = min(this.buffered, data.total);
    data.scatter(0, this.heldPtr + this.heldStart, k);
    return <isize>k;
  }

  /**
   * One non-blocking read of at most `max` bytes: the count (the bytes are at
   * readPtr, the caller frees them), 0 when nothing waits or at EOF
   * (peerClosed says which), or -errno.
   */
  private readSome(max: usize): isize {
    if (this.readShut || this.peerClosed) return 0;
    streams.input_stream_read(this.input, <u64>max, RET);
    if (!isOk()) {
      if (load<u8>(RET, PAYLOAD_4) == streams.stream_error.closed) {
        this.peerClosed = true;
        return 0;
      }
      return this.streamFailure(PAYLOAD_4, Op.Receive);
    }
    this.readPtr = load<usize>(RET, 4);
    return <isize>load<u32>(RET, 8);
  }

  /** Appends `n` bytes at `ptr` (a host list, now owned) to the read-ahead buffer. */
  private hold(ptr: usize, n: usize): void {
    const have = this.buffered;
    if (have == 0) {
      freeList(this.heldPtr);
      this.heldPtr = ptr;
      this.heldStart = 0;
      this.heldEnd = n;
      return;
    }
    const joined = heap.alloc(have + n);
    memory.copy(joined, this.heldPtr + this.heldStart, have);
    memory.copy(joined + have, ptr, n);
    freeList(ptr);
    freeList(this.heldPtr);
    this.heldPtr = joined;
    this.heldStart = 0;
    this.heldEnd = have + n;
  }

  /** Moves buffered bytes into `data`; returns how many. */
  private drainHeld(data: IoList): usize {
    const k = min(this.buffered, data.total);
    if (k == 0) return 0;
    data.scatter(0, this.heldPtr + this.heldStart, k);
    this.heldStart += k;
    if (this.heldStart == this.heldEnd) this.dropHeld();
    return k;
  }

  private dropHeld(): void {
    freeList(this.heldPtr);
    this.heldPtr = 0;
    this.heldStart = this.heldEnd = 0;
  }

  private takePendingError(): i32 {
    const e = this.pendingReceiveError;
    this.pendingReceiveError = 0;
    return e;
  }

  /** Data calls need a connection; a blocking call on a connecting socket waits for it. */
  private requireConnected(dontWait: bool): i32 {
    if (this.state == TcpState.Connected) return 0;
    if (this.state != TcpState.Connecting) return -E.ENOTCONN;
    if (dontWait || this.nonblocking) {
      const err = this.finishAndReport();
      return err == -E.EINPROGRESS ? -E.EAGAIN : err;
    }
    return this.finishConnect(FOREVER);
  }

  /**
   * A stream call failed: `closed` (at `at`) means the connection is gone for
   * writing (EPIPE); a failure carries an error the host may explain
   * (network-error-code, where the build enabled it). Without an explanation
   * a TCP stream only fails when the peer reset the connection.
   */
  private streamFailure(at: usize, op: Op): i32 {
    if (load<u8>(RET + at) == streams.stream_error.closed) return op == Op.Send ? -E.EPIPE : 0;
    this.broken = true;
    const err = load<u32>(RET + at + 4);
    const code = networkErrorCode(err);
    error_drop(err);
    return code >= 0 ? -errnoFor(<u8>code, op) : -E.ECONNRESET;
  }

  shutdown(how: i32): i32 {
    if (this.state != TcpState.Connected) return -E.ENOTCONN;
    const type = how == SHUT_RD ? tcp.shutdown_type.receive : how == SHUT_WR ? tcp.shutdown_type.send : tcp.shutdown_type.both;
    // Written bytes go out before the FIN.
    if (how != SHUT_RD) this.flushWritten();
    // preview2-shim 0.26.1 (jco) ignores the type and destroys the connection;
    // wasmtime half-closes as WASI specifies, and dropping a stream does not
    // (no FIN), so the host call is the only portable-by-spec choice.
    tcp.tcp_socket_shutdown(this.handle, type, RET);
    if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_1), Op.Shutdown);
    if (how != SHUT_WR) this.readShut = true;
    if (how != SHUT_RD) this.writeShut = true;
    return 0;
  }

  // ---- readiness ----------------------------------------------------------------
  readyNow(): i32 {
    switch (this.state) {
      // Linux: a socket that is neither connected nor listening is writable and hung up.
      case TcpState.Unbound:
      case TcpState.Bound: return POLLOUT | POLLHUP;
      case TcpState.Failed: return POLLOUT | POLLHUP | (this.pendingError != 0 ? POLLERR : 0);
      case TcpState.Connected: return this.connectedReadiness();
      default: return 0; // listening, connecting: the host knows
    }
  }

  private connectedReadiness(): i32 {
    let r = 0;
    if (this.buffered > 0) r |= POLLIN;
    if (this.peerClosed || this.readShut) r |= POLLIN | POLLRDHUP;
    if (this.writeShut) r |= POLLOUT;
    if ((this.peerClosed || this.readShut) && this.writeShut) r |= POLLHUP;
    if (this.broken) r |= POLLIN | POLLOUT | POLLERR | POLLHUP;
    return r;
  }

  addPollables(events: i32, set: PollSet, owner: i32): void {
    if (this.state == TcpState.Listening) {
      if ((events & POLLIN) == 0) return;
      set.add(this.onSocket, owner, POLLIN);
      const twin = this.twin;
      if (twin !== null) set.add(twin.onSocket, owner, POLLIN);
    } else if (this.state == TcpState.Connecting) {
      set.add(this.onSocket, owner, POLLIN | POLLOUT); // the connect's end answers both
    } else if (this.state == TcpState.Connected) {
      if ((events & (POLLIN | POLLRDHUP)) != 0 && !this.peerClosed && !this.readShut) set.add(this.onInput, owner, POLLIN | POLLRDHUP);
      if ((events & POLLOUT) != 0 && !this.writeShut) set.add(this.onOutput, owner, POLLOUT);
    }
  }

  confirm(events: i32): i32 {
    if (this.state == TcpState.Listening) return POLLIN;
    if (this.state == TcpState.Connecting) {
      const r = this.tryFinishConnect();
      if (r == -E.EINPROGRESS) return 0;
      // Connected: writable. Failed: SO_ERROR holds the error until it is read.
      return r == 0 ? POLLOUT : POLLOUT | POLLERR | POLLHUP;
    }
    if (this.state != TcpState.Connected) return this.readyNow();
    if ((events & (POLLIN | POLLRDHUP)) != 0 && this.buffered == 0 && this.pendingReceiveError == 0) {
      // Read ahead: data, EOF and a reset all look alike to the pollable.
      const n = this.readSome(65536);
      if (n > 0) this.hold(this.readPtr, n);
      else if (n < 0) this.pendingReceiveError = <i32>-n;
    }
    let r = this.connectedReadiness();
    if ((events & POLLOUT) != 0 && !this.writeShut && !this.broken) {
      streams.output_stream_check_write(this.output, RET);
      if (!isOk()) {
        if (this.streamFailure(PAYLOAD_8, Op.Send) == -E.EPIPE) r |= POLLOUT | POLLHUP;
        else r |= this.connectedReadiness();
      } else if (load<u64>(RET, PAYLOAD_8) > 0) r |= POLLOUT;
    }
    return r;
  }

  /** The pollable an event loop waits on for `events` (the listener's own; a connection's input or output). */
  pollableFor(events: i32): u32 {
    if (this.state == TcpState.Connected) return (events & POLLOUT) != 0 ? this.onOutput : this.onInput;
    return this.onSocket;
  }

  // ---- names ---------------------------------------------------------------
  localAddress(out: IpSocketAddress): i32 {
    if (this.state == TcpState.Unbound) {
      setWildcard(out, this.family);
      return 0;
    }
    const cached = this.local;
    if (cached !== null) {
      out.copyFrom(cached);
      return 0;
    }
    tcp.tcp_socket_local_address(this.handle, RET);
    if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_4), Op.Name);
    out.readFrom(RET + PAYLOAD_4);
    if (this.mapped) mapV4(out);
    // Fixed once bound (a connect may still change an unbound socket's
    // address); the copy is freed by release().
    if (this.state != TcpState.Connecting && this.state != TcpState.Failed) {
      const keep = new IpSocketAddress();
      keep.copyFrom(out);
      this.local = keep;
    }
    return 0;
  }

  remoteAddress(out: IpSocketAddress): i32 {
    if (this.state != TcpState.Connected) return -E.ENOTCONN;
    tcp.tcp_socket_remote_address(this.handle, RET);
    if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_4), Op.Name);
    out.readFrom(RET + PAYLOAD_4);
    if (this.mapped) mapV4(out);
    return 0;
  }

  // ---- release ---------------------------------------------------------------
  /** Hands what was written to the network (one blocking flush, only when something is pending). */
  private flushWritten(): void {
    if (!this.unflushed) return;
    streams.output_stream_blocking_flush(this.output, RET);
    this.unflushed = false;
    // A failed flush is the connection's business, reported by the next call that
    // can report it; its error resource is ours to drop.
    if (!isOk() && load<u8>(RET, PAYLOAD_4) == streams.stream_error.last_operation_failed) error_drop(load<u32>(RET, PAYLOAD_4 + 4));
  }

  release(): void {
    this.flushWritten();
    if (this.inputPollable != 0) pollable_drop(this.inputPollable);
    if (this.outputPollable != 0) pollable_drop(this.outputPollable);
    if (this.socketPollable != 0) pollable_drop(this.socketPollable);
    this.inputPollable = this.outputPollable = this.socketPollable = 0;
    if (this.input != 0) streams.input_stream_drop(this.input);
    if (this.output != 0) streams.output_stream_drop(this.output);
    this.input = this.output = 0;
    tcp.tcp_socket_drop(this.handle);
    this.dropHeld();
    const twin = this.twin;
    if (twin !== null) {
      twin.release();
      this.twin = null;
    }
    const local = this.local;
    if (local !== null) {
      heap.free(changetype<usize>(local));
      this.local = null;
    }
  }
}

// Unmanaged: allocated once, reused by the implicit bind of listen.
const SCRATCH = new IpSocketAddress();

// A TCP socket: its wasi:sockets handle, streams and cached pollables, and a
// state machine mirroring the host's, so that most wrong-state calls are
// answered in the guest with Linux's errno and no host call.
import { RET, isOk, errorCodeAt, freeList, lendNextList, endLending, PAYLOAD_1, PAYLOAD_4, PAYLOAD_8 } from "../wasi/abi";
import { IpSocketAddress } from "../wasi/address";
import { error_code, networkErrorCode } from "../wasi/sockets/network";
import { error_drop } from "../wasi/io/error";
import { pollable_drop, pollable_ready } from "../wasi/io/poll";
import * as tcp from "../wasi/sockets/tcp";
import * as streams from "../wasi/io/streams";
import { create_tcp_socket } from "../wasi/sockets/tcp-create-socket";
import * as E from "../defs/errno";
import { AF_INET, AF_INET6, SOCK_STREAM, SHUT_RD, SHUT_WR, MSG_DONTWAIT, MSG_PEEK, MSG_WAITALL } from "../defs/socket";
import { Socket, failWith, setReceived, lastError, reapplyOptions } from "./socket";
import { PollSet } from "./pollset";
import { POLLIN, POLLOUT, POLLERR, POLLHUP, POLLRDHUP } from "../defs/poll";
import { IoList, within, single } from "./iolist";
import { theNetwork } from "./network";
import { waitFor, waitForEither, deadlineAfter, FOREVER } from "./wait";
import { setWildcard, setLoopback, isUnspecified, isLoopback, isGroupAddress, isV4Mapped, unmapV4, mapV4, copyOf } from "./addresses";
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
  /**
   * Linux's sk_err: the connection's pending error (a connect that failed, a
   * reset), reported once by the next call that reports errors — SO_ERROR,
   * recv (after the bytes that came before it), send, or connect.
   */
  pendingError: i32 = 0;
  /** The connection failed (a reset, or an error the host named): reads then return 0, writes EPIPE. */
  broken: bool = false;
  /** A connect answered EINPROGRESS (or timed out) and connect() has not reported how it ended (Linux's SS_CONNECTING). */
  private connectUnreported: bool = false;
  /**
   * The program's shutdowns (Linux's sk_shutdown), kept in every state until
   * the socket starts afresh: reads no longer wait (they take what is there,
   * then 0), writes are EPIPE. A failed connect sets both, as Linux's tcp_done.
   */
  readShut: bool = false;
  writeShut: bool = false;
  /** The peer finished sending: reads return 0 from now on. */
  peerClosed: bool = false;
  /** Written to after the peer closed: its kernel answers with a reset, which only asking the host reveals. */
  private wroteAfterPeerClosed: bool = false;
  /** Read-ahead bytes (MSG_PEEK): [heldStart, heldEnd) of the heap block at heldPtr. */
  private heldPtr: usize = 0;
  private heldStart: usize = 0;
  private heldEnd: usize = 0;
  /** Where readSome left its bytes. */
  private readPtr: usize = 0;
  /** Bytes written since the output was last known idle; close waits for them (lingering) rather than block. */
  private unflushed: bool = false;
  /**
   * Where the socket is bound, known from its bind (the program's, or the one
   * a connect makes first, since a connecting socket's address cannot be asked
   * of every host); null while unbound or not yet asked after a connect.
   */
  private local: IpSocketAddress | null = null;
  /** Bound by the program: a connect retried after a failure keeps the address, as Linux keeps the binding... */
  private boundByProgram: bool = false;
  /** ...and the port, if the program named one (Linux releases a port it picked, SOCK_BINDPORT_LOCK). */
  private portByProgram: bool = false;
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
    const err = !this.v6only && isUnspecified(addr) ? this.bindDual(addr) : this.bindHost(addr);
    if (err == 0) {
      this.boundByProgram = !isUnspecified(addr) || addr.port != 0;
      this.portByProgram = addr.port != 0;
    }
    return err;
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
      const port = this.local !== null ? this.local!.port : 0;
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

  /** Binds the host socket and learns the address it got (its port, when 0 was asked). */
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
    this.learnLocal();
    return 0;
  }

  /** Asks the host where the socket is bound (kept in `local`): 0, or the host's error as -errno (`local` left alone). */
  private learnLocal(): i32 {
    tcp.tcp_socket_local_address(this.handle, RET);
    if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_4), Op.Name);
    let local = this.local;
    if (local === null) this.local = local = new IpSocketAddress();
    local.readFrom(RET + PAYLOAD_4);
    if (this.mapped) mapV4(local);
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
    // Linux clamps the backlog to net.core.somaxconn (4096 by default; a negative one means that); the host refuses 0.
    const size = backlog < 0 || backlog > LISTEN_BACKLOG_LIMIT ? LISTEN_BACKLOG_LIMIT : max(backlog, 1);
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
      case TcpState.Connected: {
        // Linux: the first connect() after a non-blocking connect completed reports 0.
        if (!this.connectUnreported) return -E.EISCONN;
        this.connectUnreported = false;
        return 0;
      }
      case TcpState.Listening: return -E.EISCONN;
      case TcpState.Connecting: return this.awaitConnect(true);
      case TcpState.Failed: {
        if (this.connectUnreported) {
          // The outcome of the connect in progress: its error, or ECONNABORTED once SO_ERROR took it.
          this.connectUnreported = false;
          return this.pendingError != 0 ? this.reportError() : -E.ECONNABORTED;
        }
        // Linux lets a socket whose connect failed try again; the host socket is spent.
        const err = this.replaceForRetry();
        if (err < 0) return err;
        break;
      }
      default: break;
    }
    const dest = this.destination(addr);
    if (dest != 0) return dest;
    if (this.state == TcpState.Unbound) {
      const err = this.bindForConnect(addr);
      if (err < 0) {
        this.replaceForRetry(); // a host socket stuck mid-bind is no use to the next connect
        return err;
      }
    }
    tcp.tcp_socket_start_connect_address(this.handle, theNetwork(), addr, RET);
    if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_1), Op.Connect);
    this.state = TcpState.Connecting;
    this.connectUnreported = true;
    return this.awaitConnect(false);
  }

  /**
   * What Linux decides about a destination before any packet leaves, made
   * ready for the host: 0 to go on (`addr` may be rewritten), or the
   * connect's result. 0.0.0.0 and :: mean this host (Linux connects to
   * loopback); a multicast or broadcast address has no route for TCP; port 0
   * is refused (the host would call it an invalid argument).
   */
  private destination(addr: IpSocketAddress): i32 {
    if (this.family == AF_INET6 && isV4Mapped(addr)) {
      // Linux: a v6-only socket cannot reach an IPv4-mapped address.
      if (this.v6only || this.state != TcpState.Unbound) return -E.ENETUNREACH;
      const err = this.becomeIpv4();
      if (err < 0) return err;
      unmapV4(addr);
    }
    if (isUnspecified(addr)) setLoopback(addr, addr.family == 0 ? AF_INET : AF_INET6, addr.port);
    if (isGroupAddress(addr)) return -E.ENETUNREACH;
    if (addr.port == 0) return this.refuseInGuest(E.ECONNREFUSED);
    return 0;
  }

  /** A connect that fails before reaching the host, reported as Linux reports a refusal. */
  private refuseInGuest(errno: i32): i32 {
    this.state = TcpState.Failed;
    if (!this.nonblocking) return -errno;
    this.pendingError = errno;
    this.connectUnreported = true;
    return -E.EINPROGRESS;
  }

  /**
   * POSIX binds an unbound socket when it connects; doing it before the host
   * connects lets getsockname answer while connecting (the host cannot). A
   * loopback destination is reached from loopback, anything else from the
   * wildcard address (the host picks the source once connected).
   */
  private bindForConnect(dest: IpSocketAddress): i32 {
    const family = dest.family == 0 ? AF_INET : AF_INET6;
    if (isLoopback(dest)) setLoopback(SCRATCH, family, 0);
    else setWildcard(SCRATCH, family);
    return this.bindHost(SCRATCH);
  }

  /**
   * The connect in progress: non-blocking, done or EALREADY (EINPROGRESS the
   * first time); blocking, waits up to SO_SNDTIMEO, then EINPROGRESS the first
   * time and EALREADY after (Linux: the connect goes on).
   */
  private awaitConnect(again: bool): i32 {
    if (this.nonblocking && !again) {
      // Linux's connect sends the SYN before it returns; a host may not start until asked (wasmtime's
      // connect is a future only finish-connect or a pollable polls), so ask once. EINPROGRESS even when done.
      this.tryFinishConnect();
      return -E.EINPROGRESS;
    }
    const deadline = this.nonblocking ? 0 : deadlineAfter(this.sendTimeoutNs);
    const r = this.nonblocking ? this.tryFinishConnect() : this.waitConnected(deadline);
    if (r == -E.EINPROGRESS) return again ? -E.EALREADY : -E.EINPROGRESS;
    this.connectUnreported = false;
    return r < 0 ? this.reportError() : 0;
  }

  /** Waits for the connect in progress until `deadline`: 0, -EINPROGRESS at the deadline, or the failure (pending). */
  private waitConnected(deadline: u64): i32 {
    while (true) {
      const r = this.tryFinishConnect();
      if (r != -E.EINPROGRESS) return r;
      if (!waitFor(this.onSocket, deadline)) return -E.EINPROGRESS;
    }
  }

  /** One finish-connect: 0 connected, -EINPROGRESS not yet, or the failure (left pending for whoever reports it). */
  tryFinishConnect(): i32 {
    if (this.state != TcpState.Connecting) return this.state == TcpState.Connected ? 0 : -this.pendingError;
    tcp.tcp_socket_finish_connect(this.handle, RET);
    if (isOk()) {
      this.input = load<u32>(RET, 4);
      this.output = load<u32>(RET, 8);
      this.state = TcpState.Connected;
      this.forgetLocal(); // the host knows the source address now: ask it when asked
      return 0;
    }
    const code = errorCodeAt(PAYLOAD_4);
    if (code == error_code.would_block) return -E.EINPROGRESS;
    this.state = TcpState.Failed;
    this.pendingError = errnoFor(code, Op.Connect);
    this.readShut = this.writeShut = true; // Linux's tcp_done
    // Linux keeps an implicit binding's port and forgets its address.
    const local = this.local;
    if (local !== null && !this.boundByProgram) {
      const port = local.port;
      setWildcard(local, local.family == 0 ? AF_INET : AF_INET6);
      local.port = port;
    }
    return -this.pendingError;
  }

  /** Reports the pending error once: -errno, and it is gone. */
  private reportError(): i32 {
    const e = this.pendingError;
    this.pendingError = 0;
    return -e;
  }

  /** SO_ERROR (Linux): the pending error once, then 0; a connection is looked at first (a reset it has not seen yet). */
  takeError(): i32 {
    if (this.state == TcpState.Connecting) this.tryFinishConnect();
    else if (this.state == TcpState.Connected && this.pendingError == 0 && !this.broken) {
      this.noticeReset();
      if (!this.broken) this.readAhead();
    }
    return -this.reportError();
  }

  /**
   * A fresh host socket for a connect retried after a failure, with the
   * options and the binding the program set: its address, and its port if it
   * named one (a port the kernel picked goes back, as Linux's does after a
   * failed connect; `keepAnyPort` keeps it all the same, as a listener or a
   * connection that starts afresh still shows it).
   */
  private replaceForRetry(keepAnyPort: bool = false): i32 {
    const portByProgram = this.portByProgram;
    const keep = this.boundByProgram && this.local !== null ? copyOf(this.local!) : null;
    let err = this.replaceHandle();
    if (err == 0) reapplyOptions(this);
    if (err == 0 && keep !== null) {
      if (this.mapped) unmapV4(keep);
      if (!portByProgram && !keepAnyPort) keep.port = 0;
      err = this.bindHost(keep);
      if (err == 0) {
        this.boundByProgram = true;
        this.portByProgram = portByProgram;
      }
    }
    if (keep !== null) heap.free(changetype<usize>(keep));
    return err;
  }

  /**
   * connect(AF_UNSPEC) (Linux's tcp_disconnect): a connection or a listener
   * ends and the socket can be used again; bound by the program, it stays
   * bound, and an implicit binding's port still shows in getsockname.
   */
  disconnect(): i32 {
    if (this.state == TcpState.Unbound || this.state == TcpState.Bound) return 0;
    return this.startAfresh();
  }

  /**
   * A fresh host socket in place of a listener, a connection or a connect in
   * progress (Linux's tcp_disconnect: a listener's queued connections are
   * reset). Bound by the program, the socket stays bound; an implicit
   * binding's port still shows in getsockname until it binds anew.
   */
  private startAfresh(): i32 {
    if (!this.boundByProgram && this.local === null && this.state == TcpState.Connected) this.learnLocal();
    const shown = !this.boundByProgram && this.local !== null ? this.local!.port : <u16>0;
    const err = this.replaceForRetry(true);
    if (err < 0) return err;
    if (shown != 0 && this.local === null) {
      const local = new IpSocketAddress();
      setWildcard(local, this.family);
      local.port = shown;
      this.local = local;
    }
    return 0;
  }

  /**
   * The connection ends now, with `errno` pending: Linux aborts a connect that
   * is shut down (tcp_disconnect: no direction stays shut), and resets a
   * connection late data reaches after SHUT_RDWR (tcp_done: both are).
   */
  private abort(errno: i32, done: bool): i32 {
    const err = this.startAfresh();
    this.state = TcpState.Failed;
    this.pendingError = errno;
    this.readShut = this.writeShut = done;
    return err;
  }

  /** A new host socket in place of this one: every connection state starts afresh. */
  private replaceHandle(): i32 {
    const handle = createHandle(this.family);
    if (handle < 0) return <i32>handle;
    this.release();
    this.handle = <u32>handle;
    this.state = TcpState.Unbound;
    this.pendingError = 0;
    this.broken = false;
    this.connectUnreported = false;
    this.readShut = this.writeShut = this.peerClosed = false;
    this.wroteAfterPeerClosed = false;
    this.mapped = false;
    this.boundByProgram = this.portByProgram = false;
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
    const nonblocking = (flags & MSG_DONTWAIT) != 0 || this.nonblocking;
    const deadline = nonblocking ? FOREVER : deadlineAfter(this.sendTimeoutNs);
    const ready = this.requireConnected(nonblocking, deadline, true);
    if (ready != 0) return ready < 0 ? ready : -E.EPIPE;
    if (this.broken) return this.pendingError != 0 ? this.reportError() : -E.EPIPE;
    if (this.writeShut) return -E.EPIPE;
    if (data.total == 0) return 0;
    if (this.peerClosed) this.wroteAfterPeerClosed = true;
    let sent: usize = 0;
    let seg = 0;
    let at: usize = 0; // bytes of segment `seg` already sent
    // A blocking send returns when everything is written (Linux, for TCP); a
    // non-blocking one writes what the host takes now (a partial write is POSIX).
    while (sent < data.total) {
      streams.output_stream_check_write(this.output, RET);
      if (!isOk()) return sent > 0 ? <isize>sent : this.writeFailure(PAYLOAD_8);
      const budget = load<u64>(RET, PAYLOAD_8);
      if (budget == 0) {
        if (nonblocking || !waitFor(this.onOutput, deadline)) return sent > 0 ? <isize>sent : -E.EAGAIN;
        continue;
      }
      // One write per check-write: the host ends a permit with the first write.
      while (at == data.lenAt(seg)) {
        seg++;
        at = 0;
      }
      const n = <usize>min<u64>(budget, <u64>(data.total - sent));
      const spans = n > data.lenAt(seg) - at; // the permit reaches into later segments: gather them
      const from = spans ? gather(data, seg, at, n) : data.ptrAt(seg) + at;
      streams.output_stream_write(this.output, from, <u32>n, RET);
      if (spans) heap.free(from);
      if (!isOk()) return sent > 0 ? <isize>sent : this.writeFailure(PAYLOAD_4);
      this.unflushed = true;
      sent += n;
      let left = n;
      while (left > 0) {
        const k = min(left, data.lenAt(seg) - at);
        at += k;
        left -= k;
        if (left > 0) {
          seg++;
          at = 0;
        }
      }
    }
    return <isize>sent;
  }

  receive(data: IoList, flags: i32, from: IpSocketAddress | null): isize {
    setReceived(0, false); // a stream socket reports no source address
    const nonblocking = (flags & MSG_DONTWAIT) != 0 || this.nonblocking;
    const deadline = nonblocking ? FOREVER : deadlineAfter(this.receiveTimeoutNs);
    const ready = this.requireConnected(nonblocking, deadline, false);
    if (ready != 0) return ready < 0 ? ready : 0;
    // Linux: a zero-length recv waits as any recv does, then returns 0 and consumes nothing.
    if (data.total == 0) {
      const r = this.peek(single(PROBE, 1), false, nonblocking, deadline);
      return r < 0 ? r : 0;
    }
    const waitAll = (flags & MSG_WAITALL) != 0;
    return (flags & MSG_PEEK) != 0
      ? this.peek(data, waitAll, nonblocking, deadline)
      : this.take(data, waitAll, nonblocking, deadline);
  }

  pending(): isize {
    if (this.state == TcpState.Listening) return -E.EINVAL; // Linux
    if (this.state != TcpState.Connected) return 0;
    if (this.buffered == 0) this.readAhead();
    return <isize>this.buffered;
  }

  /** Bytes a peek read ahead: the next receive returns them first. */
  get buffered(): usize {
    return this.heldEnd - this.heldStart;
  }

  /** Receives: buffered bytes first, then what the host has, waiting until something arrived (or, with MSG_WAITALL, everything). */
  private take(data: IoList, waitAll: bool, nonblocking: bool, deadline: u64): isize {
    // After the peer's FIN reads end there, before any error (Linux's SOCK_DONE).
    if (this.buffered == 0 && this.broken && !this.peerClosed) return this.pendingError != 0 ? <isize>this.reportError() : 0;
    let got = this.drainHeld(data);
    // Bytes may have arrived behind the buffered ones: one read looks (Linux returns all that has arrived).
    let lookedAfterDrain = got == 0;
    while (got < data.total) {
      if (got > 0 && !waitAll && lookedAfterDrain) break;
      lookedAfterDrain = true;
      // When the rest fits in one segment, the host writes straight into it:
      // cabi_realloc hands out the caller's buffer, so nothing is copied or allocated.
      const seg = data.segmentOf(got);
      const dst = data.ptrAt(seg) + within;
      const direct = data.total - got <= data.lenAt(seg) - within;
      if (direct) lendNextList(dst, data.total - got);
      const n = this.readSome(data.total - got);
      if (direct) endLending();
      if (n < 0) {
        if (got == 0) return this.reportError();
        break; // the error waits behind these bytes (pendingError)
      }
      if (n > 0) {
        if (this.readPtr != dst) {
          data.scatter(got, this.readPtr, n);
          freeList(this.readPtr);
        }
        got += n;
        continue;
      }
      if (got > 0 && !waitAll) break;
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
    if (this.buffered == 0 && this.broken && !this.peerClosed) return this.pendingError != 0 ? <isize>this.reportError() : 0;
    while (true) {
      const have = this.buffered;
      if (have >= data.total) break;
      const n = this.readSome(data.total - have);
      if (n < 0) {
        if (have == 0) return this.reportError();
        break;
      }
      if (n > 0) {
        this.hold(this.readPtr, n);
        continue;
      }
      if (have > 0 && !waitAll) break;
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

  /** One non-blocking read into the read-ahead buffer (FIONREAD, poll, SO_ERROR): data, EOF or a reset is then known. */
  private readAhead(): void {
    const n = this.readSome(65536);
    if (n > 0) this.hold(this.readPtr, n);
  }

  /**
   * One non-blocking read of at most `max` bytes: the count (the bytes are at
   * readPtr, the caller frees them), 0 when nothing waits or at EOF
   * (peerClosed says which), or -errno (the connection is then broken and the
   * error pending).
   */
  private readSome(max: usize): isize {
    if (this.peerClosed || this.broken) return 0;
    // Shut down both ways, the socket only looks (one byte) for data that should not come.
    const late = this.readShut && this.writeShut;
    streams.input_stream_read(this.input, late ? 1 : <u64>max, RET);
    if (!isOk()) {
      if (load<u8>(RET, PAYLOAD_4) == streams.stream_error.closed) {
        this.peerClosed = true;
        return 0;
      }
      return this.streamFailure(PAYLOAD_4, Op.Receive);
    }
    this.readPtr = load<usize>(RET, 4);
    const n = <isize>load<u32>(RET, 8);
    if (late && n > 0) {
      // Linux resets a connection data reaches after SHUT_RDWR (the rest of it, unread, makes the close a reset here too).
      freeList(this.readPtr);
      this.abort(E.ECONNRESET, true);
      return -E.ECONNRESET;
    }
    return n;
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

  /**
   * Data calls need a connection: 0 when there is one, 1 when the call
   * answers as at the end of the stream (recv 0, send EPIPE), or -errno. A
   * connect in progress is waited for up to the call's own deadline (EAGAIN
   * when non-blocking or at the deadline); a socket whose connect failed
   * reports that error once. Otherwise, as Linux: send EPIPE; recv 0 after a
   * shutdown for reading, else ENOTCONN.
   */
  private requireConnected(nonblocking: bool, deadline: u64, sending: bool): i32 {
    if (this.state == TcpState.Connected) return 0;
    if (this.state == TcpState.Connecting) {
      const r = nonblocking ? this.tryFinishConnect() : this.waitConnected(deadline);
      if (r == -E.EINPROGRESS) return -E.EAGAIN;
      if (r == 0) return 0;
    }
    if (this.state == TcpState.Failed && this.pendingError != 0) return this.reportError();
    return sending || this.readShut ? 1 : -E.ENOTCONN;
  }

  /**
   * A read failed: the connection is broken and the error pending. Without
   * network-error-code to explain it, a TCP stream only fails when the peer
   * reset the connection.
   */
  private streamFailure(at: usize, op: Op): i32 {
    const err = load<u32>(RET + at + 4);
    const code = networkErrorCode(err);
    error_drop(err);
    this.broken = true;
    this.pendingError = code >= 0 ? errnoFor(<u8>code, op) : E.ECONNRESET;
    return -this.pendingError;
  }

  /**
   * check-write or write failed (the result at `at`). `closed` is EPIPE unless
   * the connection was reset, which the input stream tells (Linux reports
   * the reset to the first send after it).
   */
  private writeFailure(at: usize): i32 {
    if (load<u8>(RET + at) != streams.stream_error.closed) {
      this.streamFailure(at, Op.Send);
      return this.reportError();
    }
    if (this.peerClosed) {
      // The peer closed and then reset the connection this write ran into: that is its report (Linux's EPIPE).
      this.broken = true;
      this.wroteAfterPeerClosed = false;
      this.pendingError = 0;
      return -E.EPIPE;
    }
    if (!this.writeShut) this.readAhead();
    return this.broken && this.pendingError != 0 ? this.reportError() : -E.EPIPE;
  }

  /**
   * Linux's inet_shutdown, state by state: a listener stops listening (SHUT_RD
   * or SHUT_RDWR; SHUT_WR changes nothing); a connect in progress is aborted;
   * a connection shuts down its directions, unless it is over already (reset,
   * or both sides closed: ENOTCONN). A socket with no connection records the
   * directions and says ENOTCONN.
   */
  shutdown(how: i32): i32 {
    switch (this.state) {
      case TcpState.Listening: return how == SHUT_WR ? 0 : this.startAfresh();
      case TcpState.Connecting: return this.abort(E.ECONNRESET, false);
      case TcpState.Connected: {
        const over = this.over();
        if (over == 0) break;
        if (over != -E.ENOTCONN) return over;
      }
      default: {
        this.recordShutdown(how);
        return -E.ENOTCONN;
      }
    }
    this.recordShutdown(how);
    if (how == SHUT_RD) return 0; // Linux goes on receiving: only the program stops waiting
    // Written bytes go out before the FIN (the host keeps a write in progress
    // until it is done; preview2-shim's shutdown needs them flushed first).
    if (this.outputIdle()) this.flushWritten();
    // preview2-shim 0.26.1 (jco) ignores the type and destroys the connection;
    // wasmtime half-closes as WASI specifies, and dropping a stream does not
    // (no FIN), so the host call is the only portable-by-spec choice.
    tcp.tcp_socket_shutdown(this.handle, tcp.shutdown_type.send, RET);
    if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_1), Op.Shutdown);
    return 0;
  }

  private recordShutdown(how: i32): void {
    if (how != SHUT_WR) this.readShut = true;
    if (how != SHUT_RD) this.writeShut = true;
  }

  /**
   * Whether the connection is over in the kernel (Linux's TCP_CLOSE: reset,
   * or closed both ways), which getpeername tells (invalid-state): -ENOTCONN
   * if so, 0 if not, or the host's other error.
   */
  private over(): i32 {
    if (this.broken) return -E.ENOTCONN;
    tcp.tcp_socket_remote_address(this.handle, RET);
    if (isOk()) return 0;
    const code = errorCodeAt(PAYLOAD_4);
    return code == error_code.invalid_state ? -E.ENOTCONN : -errnoFor(code, Op.Shutdown);
  }

  /**
   * A reset that followed a write to a closed peer: asked once the program
   * looks (poll, SO_ERROR). After its own FIN the connection ends without
   * one, so only a socket still sending asks.
   */
  private noticeReset(): void {
    if (!this.wroteAfterPeerClosed || this.broken || this.writeShut) return;
    tcp.tcp_socket_remote_address(this.handle, RET);
    if (isOk() || errorCodeAt(PAYLOAD_4) != error_code.invalid_state) return;
    this.wroteAfterPeerClosed = false;
    this.broken = true;
    this.pendingError = E.EPIPE; // Linux's tcp_reset in CLOSE_WAIT
  }

  // ---- readiness ----------------------------------------------------------------
  readyNow(): i32 {
    switch (this.state) {
      // Linux: a socket that is neither connected nor listening is writable and hung up.
      case TcpState.Unbound:
      case TcpState.Bound:
      case TcpState.Failed: {
        let r = POLLOUT | POLLHUP;
        if (this.readShut) r |= POLLIN | POLLRDHUP;
        if (this.pendingError != 0) r |= POLLERR;
        return r;
      }
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
    if (this.broken) r |= POLLIN | POLLOUT | POLLHUP | POLLRDHUP | (this.pendingError != 0 ? POLLERR : 0);
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
    } else if (this.state == TcpState.Connected && !this.broken) {
      // Shut down for reading, the input still tells of data (kept, or a reset after SHUT_RDWR).
      const watchInput = (events & (POLLIN | POLLRDHUP)) != 0 || this.readShut;
      if (watchInput && !this.peerClosed) set.add(this.onInput, owner, POLLIN | POLLRDHUP);
      // A reset after writing to a closed peer shows on no pollable: the output's readiness brings confirm to ask.
      if (((events & POLLOUT) != 0 && !this.writeShut) || this.wroteAfterPeerClosed) set.add(this.onOutput, owner, POLLOUT);
    }
  }

  confirm(events: i32): i32 {
    if (this.state == TcpState.Listening) return POLLIN;
    if (this.state == TcpState.Connecting) {
      const r = this.tryFinishConnect();
      if (r == -E.EINPROGRESS) return 0;
      // Connected: writable. Failed: SO_ERROR holds the error until it is read.
      return r == 0 ? POLLOUT : this.readyNow();
    }
    if (this.state != TcpState.Connected) return this.readyNow();
    this.noticeReset();
    // Read ahead: data, EOF and a reset all look alike to the pollable (watched after a shutdown for reading too).
    if (((events & (POLLIN | POLLRDHUP)) != 0 || this.readShut) && this.buffered == 0) this.readAhead();
    if (this.state != TcpState.Connected) return this.readyNow(); // late data reset it
    let r = this.connectedReadiness();
    if ((events & POLLOUT) != 0 && !this.writeShut && !this.broken) {
      streams.output_stream_check_write(this.output, RET);
      if (!isOk()) {
        if (this.writeFailure(PAYLOAD_8) == -E.EPIPE) r |= POLLOUT | POLLHUP;
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
    const known = this.local;
    if (known !== null) {
      out.copyFrom(known);
      return 0;
    }
    if (this.state == TcpState.Unbound || this.state == TcpState.Failed || this.state == TcpState.Connecting) {
      setWildcard(out, this.family);
      return 0;
    }
    const err = this.learnLocal();
    if (err < 0) return err;
    out.copyFrom(this.local!);
    return 0;
  }

  /** The cached local address no longer holds (the host chose a source address): ask again when asked. */
  private forgetLocal(): void {
    const local = this.local;
    if (local !== null) heap.free(changetype<usize>(local));
    this.local = null;
  }

  remoteAddress(out: IpSocketAddress): i32 {
    if (this.state != TcpState.Connected || this.broken) return -E.ENOTCONN;
    tcp.tcp_socket_remote_address(this.handle, RET);
    if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_4), Op.Name);
    out.readFrom(RET + PAYLOAD_4);
    if (this.mapped) mapV4(out);
    return 0;
  }

  // ---- release ---------------------------------------------------------------
  /** Whether the output has nothing on its way: then dropping it cannot block (the host waits for a write in progress). */
  private outputIdle(): bool {
    return !this.unflushed || this.output == 0 || this.broken || pollable_ready(this.onOutput);
  }

  /** Hands what was written to the network (one blocking flush, only when something is pending). */
  private flushWritten(): void {
    if (!this.unflushed) return;
    streams.output_stream_blocking_flush(this.output, RET);
    this.unflushed = false;
    // A failed flush is the connection's business, reported by the next call that
    // can report it; its error resource is ours to drop.
    if (!isOk() && load<u8>(RET, PAYLOAD_4) == streams.stream_error.last_operation_failed) error_drop(load<u32>(RET, PAYLOAD_4 + 4));
  }

  /** Linux's close returns at once while the kernel goes on sending; here the socket lingers until its last write is out. */
  lingers(): bool {
    return !this.outputIdle();
  }

  release(): void {
    if (this.inputPollable != 0) pollable_drop(this.inputPollable);
    if (this.outputPollable != 0) pollable_drop(this.outputPollable);
    if (this.socketPollable != 0) pollable_drop(this.socketPollable);
    this.inputPollable = this.outputPollable = this.socketPollable = 0;
    if (this.input != 0) streams.input_stream_drop(this.input);
    if (this.output != 0) streams.output_stream_drop(this.output);
    this.input = this.output = 0;
    this.unflushed = false;
    tcp.tcp_socket_drop(this.handle);
    this.dropHeld();
    const twin = this.twin;
    if (twin !== null) {
      twin.release();
      this.twin = null;
    }
    this.forgetLocal();
  }
}

/** Linux's default net.core.somaxconn since 5.4 (SOMAXCONN, the header's constant, stays wasi-libc's 128). */
const LISTEN_BACKLOG_LIMIT: i32 = 4096;

// Unmanaged: allocated once, reused by the implicit binds of listen and connect.
const SCRATCH = new IpSocketAddress();
/** The byte a zero-length recv peeks into while it waits. */
const PROBE: usize = memory.data(1);
/** The `n` bytes starting `at` bytes into segment `seg` of `data`, copied into one new heap block (the caller frees it). */
function gather(data: IoList, seg: i32, at: usize, n: usize): usize {
  const block = heap.alloc(n);
  let dst = block;
  let left = n;
  while (left > 0) {
    const k = min(left, data.lenAt(seg) - at);
    if (k > 0) memory.copy(dst, data.ptrAt(seg) + at, k);
    dst += k;
    left -= k;
    seg++;
    at = 0;
  }
  return block;
}

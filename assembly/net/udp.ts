// A UDP socket: its wasi:sockets handle, the datagram stream pair that
// `stream` returns (re-made on every connect and disconnect), cached
// pollables, and a held datagram for MSG_PEEK.
//
// POSIX binds a UDP socket implicitly on its first sendto or connect; WASI
// needs an explicit bind before `stream`, so the socket does it (wildcard
// address, ephemeral port). A receive on a never-bound socket waits, as on
// Linux, since nothing can arrive.
import { RET, isOk, errorCodeAt, freeList, PAYLOAD_1, PAYLOAD_4, PAYLOAD_8 } from "../wasi/abi";
import { IpSocketAddress, ip_address_family } from "../wasi/address";
import { error_code } from "../wasi/sockets/network";
import { pollable_drop } from "../wasi/io/poll";
import * as udp from "../wasi/sockets/udp";
import { create_udp_socket } from "../wasi/sockets/udp-create-socket";
import * as E from "../defs/errno";
import { AF_INET, AF_INET6, SOCK_DGRAM, SHUT_RD, SHUT_WR, MSG_DONTWAIT, MSG_PEEK, MSG_TRUNC } from "../defs/socket";
import { Socket, failWith, setReceived, receivedFlags, receivedFrom, reapplyOptions } from "./socket";
import { PollSet } from "./pollset";
import { POLLIN, POLLOUT, POLLERR, POLLHUP, POLLRDHUP } from "../defs/poll";
import { IoList } from "./iolist";
import { theNetwork } from "./network";
import { waitFor, deadlineAfter, sleepUntil, FOREVER } from "./wait";
import { now } from "../wasi/clocks/monotonic-clock";
import { setWildcard, setLoopback, copyOf, isUnspecified, isV4Mapped, unmapV4, mapV4 } from "./addresses";
import { Op, errnoFor } from "./errors";

/** How long a receive on a socket shut down for reading lets the host deliver what has arrived (see receiveRecords). */
const SHUTDOWN_GRACE_NS: u64 = 10_000_000;

/** The largest UDP payload: 65535 minus the IPv4 (20) or IPv6 (0: no header checksum rule, 8 UDP) headers. */
const MAX_PAYLOAD_V4: usize = 65507;
const MAX_PAYLOAD_V6: usize = 65527;

export enum UdpState { Unbound, Bound, Connected }

/** Creates a host UDP socket for AF_INET/AF_INET6; null with lastError on failure. */
export function openUdp(family: i32): UdpSocket | null {
  create_udp_socket(family == AF_INET ? ip_address_family.ipv4 : ip_address_family.ipv6, RET);
  if (!isOk()) return failWith<UdpSocket | null>(errnoFor(errorCodeAt(PAYLOAD_4), Op.Create));
  return new UdpSocket(family, load<u32>(RET, PAYLOAD_4));
}

export class UdpSocket extends Socket {
  state: UdpState = UdpState.Unbound;
  incoming: u32 = 0;
  outgoing: u32 = 0;
  private incomingPollable: u32 = 0;
  private outgoingPollable: u32 = 0;
  /** The connected peer (unmanaged copy), or null. */
  private peer: IpSocketAddress | null = null;
  readShut: bool = false;
  writeShut: bool = false;
  /** A datagram MSG_PEEK read ahead: its bytes (owned) and source. */
  private held: bool = false;
  private heldData: usize = 0;
  private heldLength: usize = 0;
  private heldFrom: IpSocketAddress = new IpSocketAddress();
  /** IPV6_V6ONLY (AF_INET6 only); cleared only under dual-stack emulation. */
  v6only: bool = true;
  /** An AF_INET6 socket whose host socket is IPv4 (dual-stack emulation): addresses read as ::ffff:a.b.c.d. */
  mapped: bool = false;
  /** Linux's sk_err: an error the host reported for an earlier datagram (an ICMP refusal), reported once by the next receive, send or SO_ERROR. */
  private asyncError: i32 = 0;
  /**
   * The port is bound by number (the program's bind, or a re-bind to the one
   * the host picked): the kernel then keeps it when the socket steps out of
   * an association, which it does not for a port it chose itself.
   */
  private portPinned: bool = false;

  constructor(family: i32, public handle: u32) {
    super(family, SOCK_DGRAM);
  }

  private get onIncoming(): u32 {
    if (this.incomingPollable == 0) this.incomingPollable = udp.incoming_datagram_stream_subscribe(this.incoming);
    return this.incomingPollable;
  }
  private get onOutgoing(): u32 {
    if (this.outgoingPollable == 0) this.outgoingPollable = udp.outgoing_datagram_stream_subscribe(this.outgoing);
    return this.outgoingPollable;
  }

  // ---- addressing ------------------------------------------------------------
  bind(addr: IpSocketAddress): i32 {
    if (this.state != UdpState.Unbound) return -E.EINVAL;
    const err = this.bindHost(addr);
    if (err == 0 && addr.port != 0) this.portPinned = true;
    return err;
  }

  private bindHost(addr: IpSocketAddress): i32 {
    udp.udp_socket_start_bind_address(this.handle, theNetwork(), addr, RET);
    if (!isOk()) return this.bindFailed(errorCodeAt(PAYLOAD_1));
    while (true) {
      udp.udp_socket_finish_bind(this.handle, RET);
      if (isOk()) break;
      const code = errorCodeAt(PAYLOAD_1);
      if (code != error_code.would_block) return this.bindFailed(code);
      this.waitForSocket();
    }
    this.state = UdpState.Bound;
    // The streams now, so datagrams can be received; if the host refuses them
    // the bind still happened, and the next send or receive asks again and reports it.
    this.openStreams(null);
    return 0;
  }

  /**
   * A failed bind leaves a Linux socket as it was: some hosts (preview2-shim)
   * close theirs, so the socket gets a fresh one, with the options the program set.
   */
  private bindFailed(code: u8): i32 {
    const err = -errnoFor(code, Op.Bind);
    const fresh = this.freshHandle(this.mapped ? AF_INET : this.family);
    if (fresh == 0) reapplyOptions(this);
    return err;
  }

  /** Replaces the host socket with a new, unbound one of `family`: 0 or -errno (the old one stays). */
  private freshHandle(family: i32): i32 {
    create_udp_socket(family == AF_INET ? ip_address_family.ipv4 : ip_address_family.ipv6, RET);
    if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_4), Op.Create);
    this.dropStreams();
    udp.udp_socket_drop(this.handle);
    this.handle = load<u32>(RET, PAYLOAD_4);
    this.state = UdpState.Unbound;
    return 0;
  }

  /** Waits on a pollable for the socket itself (finish-bind), made and dropped for this rare wait. */
  private waitForSocket(): void {
    const p = udp.udp_socket_subscribe(this.handle);
    waitFor(p, FOREVER);
    pollable_drop(p);
  }

  /**
   * POSIX's implicit bind: before a first send or connect looks at anything
   * else (Linux's autobind). A dual-stack socket (emulated) waits for its
   * destination instead: an IPv4 one makes it IPv4 underneath.
   */
  bindImplicitly(): i32 {
    return this.family == AF_INET6 && !this.v6only ? 0 : this.bindWildcard();
  }

  private bindWildcard(): i32 {
    if (this.state != UdpState.Unbound) return 0;
    setWildcard(SCRATCH, this.mapped ? AF_INET : this.family);
    return this.bindHost(SCRATCH);
  }

  /**
   * Binds again by number to the port the host picked, so that stepping out
   * of the association (a sendto elsewhere, a second connect) keeps it, as a
   * Linux socket keeps its port. The old host socket goes first (it holds
   * the port); should another take the port meanwhile, a new one is picked.
   */
  private pinPort(): i32 {
    if (this.portPinned || this.state == UdpState.Unbound) return 0;
    udp.udp_socket_local_address(this.handle, RET);
    if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_4), Op.Name);
    const local = new IpSocketAddress();
    local.readFrom(RET + PAYLOAD_4);
    let err = this.freshHandle(local.family == ip_address_family.ipv4 ? AF_INET : AF_INET6);
    if (err == 0) {
      reapplyOptions(this);
      // A host may release the old socket's port a moment later (preview2-shim closes it asynchronously).
      for (let attempt = 0; attempt < 20; attempt++) {
        err = this.bindHost(local);
        if (err != -E.EADDRINUSE) break;
        sleepUntil(now() + 1_000_000);
      }
      if (err < 0) {
        local.port = 0;
        err = this.bindHost(local);
      } else this.portPinned = true;
    }
    heap.free(changetype<usize>(local));
    const peer = this.peer;
    if (err == 0 && peer !== null) {
      err = this.openStreams(peer); // back into the association it had
      if (err == 0) this.state = UdpState.Connected;
    }
    return err;
  }

  /** Sets the peer: only its datagrams arrive, and send needs no address. */
  connect(addr: IpSocketAddress): i32 {
    const reach = this.toHost(addr);
    if (reach < 0) return reach;
    const bound = this.bindWildcard();
    if (bound < 0) return bound;
    const peer = this.peer;
    if (peer !== null) {
      if (addr.equals(peer) && this.incoming != 0) return 0; // already its peer: nothing changes
      const pinned = this.pinPort();
      if (pinned < 0) return pinned;
    }
    // On failure the previous association stands (as Linux leaves it); its
    // streams are re-made by the next send or receive.
    const err = this.openStreams(addr);
    if (err < 0) return err;
    this.setPeer(addr);
    this.state = UdpState.Connected;
    return 0;
  }

  /** connect(AF_UNSPEC): forget the peer; the local address stays. */
  disconnect(): i32 {
    if (this.state != UdpState.Connected) return 0;
    const err = this.openStreams(null);
    if (err < 0) return err;
    this.setPeer(null);
    this.state = UdpState.Bound;
    return 0;
  }

  private setPeer(addr: IpSocketAddress | null): void {
    const old = this.peer;
    this.peer = addr === null ? null : copyOf(addr);
    if (old !== null) heap.free(changetype<usize>(old));
  }

  /** Makes the stream pair for the current association if there is none (after bind, or a failed re-association). */
  private ensureStreams(): i32 {
    return this.incoming != 0 ? 0 : this.openStreams(this.peer);
  }

  /** Replaces the stream pair (dropping the old one and its pollables first, as WASI requires). */
  private openStreams(remote: IpSocketAddress | null): i32 {
    this.dropStreams();
    udp.udp_socket_stream_address(this.handle, remote, RET);
    if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_4), Op.Connect);
    this.incoming = load<u32>(RET, 4);
    this.outgoing = load<u32>(RET, 8);
    return 0;
  }

  private dropStreams(): void {
    if (this.incomingPollable != 0) pollable_drop(this.incomingPollable);
    if (this.outgoingPollable != 0) pollable_drop(this.outgoingPollable);
    this.incomingPollable = this.outgoingPollable = 0;
    if (this.incoming != 0) udp.incoming_datagram_stream_drop(this.incoming);
    if (this.outgoing != 0) udp.outgoing_datagram_stream_drop(this.outgoing);
    this.incoming = this.outgoing = 0;
  }

  localAddress(out: IpSocketAddress): i32 {
    if (this.state == UdpState.Unbound) {
      setWildcard(out, this.family);
      return 0;
    }
    udp.udp_socket_local_address(this.handle, RET);
    if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_4), Op.Name);
    out.readFrom(RET + PAYLOAD_4);
    if (this.mapped) mapV4(out);
    return 0;
  }

  remoteAddress(out: IpSocketAddress): i32 {
    const peer = this.peer;
    if (peer === null) return -E.ENOTCONN;
    out.copyFrom(peer);
    if (this.mapped) mapV4(out);
    return 0;
  }

  /**
   * Linux records the shutdown even on a socket with no peer (then answers
   * ENOTCONN): sends then fail with EPIPE; receives still take what is queued,
   * and return 0 instead of waiting.
   */
  shutdown(how: i32): i32 {
    if (how != SHUT_WR) this.readShut = true;
    if (how != SHUT_RD) this.writeShut = true;
    return this.state == UdpState.Connected ? 0 : -E.ENOTCONN;
  }

  // ---- sending -----------------------------------------------------------------
  send(data: IoList, dest: IpSocketAddress | null, flags: i32): isize {
    const ready = this.checkSend(data.total, dest);
    if (ready < 0) return ready;
    const peer = this.peer;
    // A destination on a connected socket: Linux sends there. The host only
    // sends a connected stream's datagrams to its peer, so step out and back.
    if (dest !== null && peer !== null && !dest.equals(peer)) return this.sendAside(data, dest, flags);
    writeRecord(RECORD, data, peer !== null ? null : dest);
    const sent = this.sendRecords(RECORD, 1, this.nonblockingFor(flags), deadlineAfter(this.sendTimeoutNs));
    freeGathered(RECORD, data);
    return sent < 0 ? sent : <isize>data.total;
  }

  /**
   * Sends `count` datagrams (sendmmsg); the count sent, or -errno when none
   * was. A message that fails its checks ends the batch, and the ones before
   * it are sent (Linux's sendmmsg stops at the failing message and returns
   * the count so far).
   */
  sendMany(datas: IoList[], dests: Array<IpSocketAddress | null>, count: i32, flags: i32): isize {
    let n = 0;
    for (; n < count; n++) {
      const ready = this.checkSend(datas[n].total, dests[n]);
      if (ready < 0) {
        if (n == 0) return ready;
        break;
      }
      const dest = dests[n];
      const peer = this.peer;
      if (dest !== null && peer !== null && !dest.equals(peer)) return this.sendOneByOne(datas, dests, count, flags);
    }
    const records = heap.alloc(<usize>n * udp.OUTGOING_DATAGRAM_SIZE);
    const connected = this.peer !== null;
    for (let i = 0; i < n; i++) writeRecord(records + <usize>i * udp.OUTGOING_DATAGRAM_SIZE, datas[i], connected ? null : dests[i]);
    const sent = this.sendRecords(records, n, this.nonblockingFor(flags), deadlineAfter(this.sendTimeoutNs));
    for (let i = 0; i < n; i++) freeGathered(records + <usize>i * udp.OUTGOING_DATAGRAM_SIZE, datas[i]);
    heap.free(records);
    return sent;
  }

  private sendOneByOne(datas: IoList[], dests: Array<IpSocketAddress | null>, count: i32, flags: i32): isize {
    for (let i = 0; i < count; i++) {
      const r = this.send(datas[i], dests[i], flags);
      if (r < 0) return i > 0 ? <isize>i : r;
    }
    return <isize>count;
  }

  /**
   * Checks shared by every send, in the order of Linux's udp_sendmsg: bound
   * first (implicitly), then the destination, then the size, then an error
   * pending from an earlier datagram, then a shutdown.
   */
  private checkSend(total: usize, dest: IpSocketAddress | null): i32 {
    const bound = this.bindImplicitly();
    if (bound < 0) return bound;
    if (dest !== null) {
      const reach = this.toHost(dest);
      if (reach < 0) return reach;
    } else if (this.peer === null) return -E.EDESTADDRREQ;
    const now = this.bindWildcard(); // a dual-stack socket, now that the destination is known
    if (now < 0) return now;
    if (total > (this.family == AF_INET || this.mapped ? MAX_PAYLOAD_V4 : MAX_PAYLOAD_V6)) return -E.EMSGSIZE;
    if (this.asyncError != 0) return -this.takeError();
    if (this.writeShut) return -E.EPIPE;
    return this.ensureStreams();
  }

  /**
   * Prepares a destination for the host socket: 0.0.0.0 and :: mean this host
   * (Linux sends to loopback); ::ffff:a.b.c.d needs dual-stack emulation
   * (then an unbound socket becomes IPv4 underneath and the address is
   * unmapped in place); a v6-only socket cannot reach it (ENETUNREACH, as
   * Linux), nor can an IPv4-backed socket reach a real IPv6 address. An
   * address already unmapped (the peer kept, a destination passed on by
   * sendAside or sendMany) is ready as it is.
   */
  private toHost(addr: IpSocketAddress): i32 {
    if (isUnspecified(addr)) setLoopback(addr, addr.family == ip_address_family.ipv4 ? AF_INET : AF_INET6, addr.port);
    if (this.family != AF_INET6 || (this.mapped && addr.family == ip_address_family.ipv4)) return 0;
    if (!isV4Mapped(addr)) return this.mapped ? -E.ENETUNREACH : 0;
    if (this.v6only) return -E.ENETUNREACH;
    if (!this.mapped) {
      if (this.state != UdpState.Unbound) return -E.ENETUNREACH;
      create_udp_socket(ip_address_family.ipv4, RET);
      if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_4), Op.Create);
      udp.udp_socket_drop(this.handle);
      this.handle = load<u32>(RET, PAYLOAD_4);
      this.mapped = true;
    }
    unmapV4(addr);
    return 0;
  }

  private sendAside(data: IoList, dest: IpSocketAddress, flags: i32): isize {
    const pinned = this.pinPort();
    if (pinned < 0) return pinned;
    const peer = copyOf(this.peer!);
    let result = <isize>this.disconnect();
    if (result == 0) {
      result = this.send(data, dest, flags);
      const back = this.connect(peer);
      if (back < 0 && result >= 0) result = back;
    }
    heap.free(changetype<usize>(peer));
    return result;
  }

  /** check-send, wait if it allows none, send: the datagrams sent, or -errno when none was. */
  private sendRecords(records: usize, count: i32, nonblocking: bool, deadline: u64): isize {
    let sent = 0;
    while (sent < count) {
      udp.outgoing_datagram_stream_check_send(this.outgoing, RET);
      if (!isOk()) return sent > 0 ? <isize>sent : -errnoFor(errorCodeAt(PAYLOAD_8), Op.Send);
      const allowed = load<u64>(RET, PAYLOAD_8);
      if (allowed == 0) {
        if (nonblocking || !waitFor(this.onOutgoing, deadline)) return sent > 0 ? <isize>sent : -E.EAGAIN;
        continue;
      }
      // Never more than check-send allowed: the host traps the guest otherwise.
      const n = <i32>min<u64>(allowed, <u64>(count - sent));
      udp.outgoing_datagram_stream_send(this.outgoing, records + <usize>sent * udp.OUTGOING_DATAGRAM_SIZE, <u32>n, RET);
      if (!isOk()) return sent > 0 ? <isize>sent : -errnoFor(errorCodeAt(PAYLOAD_8), Op.Send);
      sent += <i32>load<u64>(RET, PAYLOAD_8);
      if (nonblocking) break;
    }
    return <isize>sent;
  }

  private nonblockingFor(flags: i32): bool {
    return this.nonblocking || (flags & MSG_DONTWAIT) != 0;
  }

  // ---- readiness ----------------------------------------------------------------
  readyNow(): i32 {
    let r = 0;
    // Linux: a UDP socket is writable whenever its send buffer has room; an unbound one is never readable.
    if (this.state == UdpState.Unbound || this.writeShut) r |= POLLOUT;
    if (this.held) r |= POLLIN;
    if (this.readShut) r |= POLLIN | POLLRDHUP;
    if (this.readShut && this.writeShut) r |= POLLHUP; // datagram_poll: shut down both ways
    if (this.asyncError != 0) r |= POLLERR;
    return r;
  }

  addPollables(events: i32, set: PollSet, owner: i32): void {
    if (this.state == UdpState.Unbound || this.ensureStreams() < 0) return;
    if ((events & POLLIN) != 0 && !this.readShut) set.add(this.onIncoming, owner, POLLIN);
    if ((events & POLLOUT) != 0 && !this.writeShut) set.add(this.onOutgoing, owner, POLLOUT);
  }

  confirm(events: i32): i32 {
    if ((events & POLLIN) != 0) this.pending(); // holds the next datagram, or records its error
    let r = this.readyNow();
    if ((events & POLLOUT) != 0 && this.state != UdpState.Unbound && !this.writeShut) {
      udp.outgoing_datagram_stream_check_send(this.outgoing, RET);
      if (!isOk() || load<u64>(RET, PAYLOAD_8) > 0) r |= POLLOUT;
    }
    return r;
  }

  /** The pollable an event loop waits on for `events`; 0 before the socket has streams. */
  pollableFor(events: i32): u32 {
    if (this.state == UdpState.Unbound || this.ensureStreams() < 0) return 0;
    return (events & POLLOUT) != 0 ? this.onOutgoing : this.onIncoming;
  }

  // ---- receiving -----------------------------------------------------------------
  pending(): isize {
    if (!this.held && this.state != UdpState.Unbound && this.asyncError == 0) {
      const got = this.receiveRecords(1, true, FOREVER, false);
      if (got > 0) {
        const list = load<usize>(RET, 4);
        this.hold(list);
        freeList(list);
      } else if (got < 0 && got != -E.EAGAIN) {
        this.asyncError = <i32>-got; // the next recv (or SO_ERROR) reports it
      }
    }
    return this.held ? <isize>this.heldLength : 0;
  }

  /** SO_ERROR: an error the host reported (a refusal: only a connected socket hears of one), after a look for it. */
  takeError(): i32 {
    if (this.asyncError == 0 && !this.held && this.state == UdpState.Connected) this.pending();
    const e = this.asyncError;
    this.asyncError = 0;
    return e;
  }

  receive(data: IoList, flags: i32, from: IpSocketAddress | null): isize {
    setReceived(0, false);
    if (!this.held && this.asyncError != 0) return -this.takeError();
    if (!this.held) {
      const got = this.receiveRecords(1, this.nonblockingFor(flags), deadlineAfter(this.receiveTimeoutNs), true);
      if (got <= 0) return got; // 0: shut down for reading, nothing queued
      const list = load<usize>(RET, 4);
      this.hold(list);
      freeList(list);
    }
    const length = this.heldLength;
    const k = min(length, data.total);
    data.scatter(0, this.heldData, k);
    if (from !== null) {
      from.copyFrom(this.heldFrom);
      if (this.mapped) mapV4(from);
    }
    setReceived(length > data.total ? MSG_TRUNC : 0, true);
    if ((flags & MSG_PEEK) == 0) this.dropHeld();
    // MSG_TRUNC asks for the datagram's real length.
    return <isize>((flags & MSG_TRUNC) != 0 ? length : k);
  }

  /**
   * One step of recvmmsg, whose loop (Linux's) posix/mmsg.ts runs: fills
   * `slots` (and `datas`) from `first` with up to `max` messages and returns
   * how many, or -errno. A held datagram, a pending error or a peek takes one
   * message the way recv does (a peek gives every message the same first
   * datagram and consumes nothing, as Linux's repeated MSG_PEEK recvmsg);
   * otherwise one host receive takes what waits, after a wait unless
   * MSG_DONTWAIT. An error after earlier messages is left for the next call,
   * as Linux leaves it in sk_err.
   */
  receiveMany(datas: IoList[], slots: Received[], first: i32, max: i32, flags: i32): isize {
    const n = this.held || this.asyncError != 0 || (flags & MSG_PEEK) != 0
      ? this.receiveOne(datas[first], slots[first], flags)
      : this.receiveBatch(datas, slots, first, max, flags);
    if (n < 0 && first > 0 && n != -E.EAGAIN) this.asyncError = <i32>-n;
    return n;
  }

  private receiveOne(data: IoList, slot: Received, flags: i32): isize {
    const r = this.receive(data, flags, slot.from);
    if (r < 0) return r;
    slot.set(<i32>r, receivedFlags, receivedFrom);
    return 1;
  }

  private receiveBatch(datas: IoList[], slots: Received[], first: i32, max: i32, flags: i32): isize {
    // Only the first message gives the host a moment after a shutdown (see receiveRecords): the call's later looks come after it.
    const n = this.receiveRecords(max, this.nonblockingFor(flags), deadlineAfter(this.receiveTimeoutNs), first == 0);
    if (n < 0) return n;
    if (n == 0) {
      slots[first].set(0, 0, false); // shut down for reading, nothing queued: recvmsg's 0, which recvmmsg counts
      return 1;
    }
    const list = load<usize>(RET, 4);
    for (let i = 0; i < <i32>n; i++) {
      const rec = list + <usize>i * udp.INCOMING_DATAGRAM_SIZE;
      const ptr = load<usize>(rec);
      const length = <usize>load<u32>(rec, 4);
      const data = datas[first + i];
      const k = min(length, data.total);
      data.scatter(0, ptr, k);
      const slot = slots[first + i];
      slot.from.readFrom(rec + 8);
      if (this.mapped) mapV4(slot.from);
      slot.set(<i32>((flags & MSG_TRUNC) != 0 ? length : k), length > data.total ? MSG_TRUNC : 0, true);
      freeList(ptr);
    }
    freeList(list);
    return n;
  }

  /**
   * Waits for datagrams and takes up to `max` with one host call: the count
   * (the list is left at RET+4, the caller frees it), 0 when the socket is
   * shut down for reading and nothing is queued (Linux returns 0 rather than
   * wait; a non-blocking call says EAGAIN), or -errno.
   *
   * Linux's queue is filled by the sender's call; a host's only once its own
   * I/O has run (wasmtime's task, tens of microseconds after the datagram
   * reached the kernel). A poll is what lets it run, but a socket shut down
   * for reading is readable at once, so no poll waits: with `grace` the host
   * gets SHUTDOWN_GRACE_NS to deliver what has arrived before the call says
   * nothing is queued.
   */
  private receiveRecords(max: i32, nonblocking: bool, deadline: u64, grace: bool): isize {
    if (this.state == UdpState.Unbound) {
      // Nothing can arrive before a bind; Linux waits all the same.
      if (nonblocking) return -E.EAGAIN;
      if (this.readShut) return 0;
      sleepUntil(deadline);
      return -E.EAGAIN;
    }
    const err = this.ensureStreams();
    if (err < 0) return err;
    while (true) {
      udp.incoming_datagram_stream_receive(this.incoming, <u64>max, RET);
      if (!isOk()) return -errnoFor(errorCodeAt(PAYLOAD_4), Op.Receive);
      const n = load<u32>(RET, 8);
      if (n > 0) return <isize>n;
      freeList(load<usize>(RET, 4));
      if (this.readShut) {
        if (grace) {
          grace = false;
          if (waitFor(this.onIncoming, now() + SHUTDOWN_GRACE_NS)) continue;
        }
        return nonblocking ? -E.EAGAIN : 0;
      }
      if (nonblocking) return -E.EAGAIN;
      // A host may keep the pollable ready with nothing to receive (preview2-shim after an error): the deadline still holds.
      if (!waitFor(this.onIncoming, deadline) || (deadline != FOREVER && now() >= deadline)) return -E.EAGAIN;
    }
  }

  /** Keeps the first datagram of a received list (its bytes and source). */
  private hold(list: usize): void {
    this.heldData = load<usize>(list);
    this.heldLength = <usize>load<u32>(list, 4);
    this.heldFrom.readFrom(list + 8);
    this.held = true;
  }

  private dropHeld(): void {
    if (this.held) freeList(this.heldData);
    this.held = false;
    this.heldData = 0;
    this.heldLength = 0;
  }

  release(): void {
    this.dropStreams();
    udp.udp_socket_drop(this.handle);
    this.dropHeld();
    heap.free(changetype<usize>(this.heldFrom));
    this.setPeer(null);
  }
}

/** What recvmmsg reports of one message: msg_len, msg_flags and, when `sourced`, the source in `from`. */
export class Received {
  length: i32 = 0;
  flags: i32 = 0;
  sourced: bool = false;
  /** Unmanaged: free with release(). */
  from: IpSocketAddress = new IpSocketAddress();

  set(length: i32, flags: i32, sourced: bool): void {
    this.length = length;
    this.flags = flags;
    this.sourced = sourced;
  }

  release(): void {
    heap.free(changetype<usize>(this.from));
  }
}

// ---- outgoing-datagram records ---------------------------------------------------------

/** One record for single sends (44 bytes, 4-aligned). */
const RECORD: usize = memory.data(<i32>udp.OUTGOING_DATAGRAM_SIZE, 4);
// Unmanaged: the implicit bind's wildcard address.
const SCRATCH = new IpSocketAddress();

/** Fills an outgoing-datagram record; a payload spread over several segments is gathered into a heap copy. */
function writeRecord(at: usize, data: IoList, dest: IpSocketAddress | null): void {
  let payload: usize;
  // An empty datagram: its base may be anything the caller passed; the host would bounds-check it.
  if (data.total == 0) payload = at;
  else if (data.count == 1) payload = data.ptrAt(0);
  else {
    payload = heap.alloc(max<usize>(data.total, 1));
    data.gather(payload);
  }
  store<usize>(at, payload);
  store<u32>(at, <u32>data.total, 4);
  if (dest === null) {
    memory.fill(at + 8, 0, 36);
  } else {
    store<u8>(at, 1, 8);
    dest.writeTo(at + 12);
  }
}

/** Frees what writeRecord gathered. */
function freeGathered(at: usize, data: IoList): void {
  if (data.total > 0 && data.count != 1) heap.free(load<usize>(at));
}

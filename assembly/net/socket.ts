// What every socket object shares: family, type, flags, timeouts, and the
// number of descriptors that refer to it (dup shares one object; the host
// resources are released when the last descriptor closes).
//
// Methods of the socket objects return a count or 0 on success and a
// negative errno on failure (the kernel's convention); the POSIX layer turns
// that into -1 and errno. Functions that return an object return null and
// leave the errno in `lastError`.
import { IpSocketAddress } from "../wasi/address";
import { IoList } from "./iolist";
import { PollSet } from "./pollset";

/** The errno of the last object-returning net call that returned null. */
export let lastError: i32 = 0;

/** Records `errno` in lastError and returns null (as a T, which must be nullable). */
export function failWith<T>(errno: i32): T {
  lastError = errno;
  return changetype<T>(0);
}

/** Set by every receive: msg_flags bits to report (MSG_TRUNC), and whether `from` was filled in. */
export let receivedFlags: i32 = 0;
export let receivedFrom: bool = false;

export function setReceived(flags: i32, from: bool): void {
  receivedFlags = flags;
  receivedFrom = from;
}

/** Sets every option the program set on `s` again (its host socket was replaced); installed by the option table. */
export let reapplyOptions: (s: Socket) => void = (s: Socket): void => {};

export function setOptionReplay(replay: (s: Socket) => void): void {
  reapplyOptions = replay;
}

export abstract class Socket {
  /** Descriptors referring to this socket. */
  refs: i32 = 1;
  /** O_NONBLOCK: an open-file-description flag, shared by dup'ed descriptors. */
  nonblocking: bool = false;
  /** SO_RCVTIMEO / SO_SNDTIMEO in nanoseconds; 0 is no timeout. */
  receiveTimeoutNs: u64 = 0;
  sendTimeoutNs: u64 = 0;

  /** Calls on this socket that met EAGAIN: an EPOLLET interest re-arms when it changes. */
  wouldBlocks: u32 = 0;
  /** O_APPEND and other status flags F_SETFL may set and F_GETFL reports (O_NONBLOCK lives in `nonblocking`). */
  statusFlags: i32 = 0;
  /** Option values the guest keeps (compatibility-mode options, IP_TTL of an IPv6 socket). */
  private kept: Map<i32, i64> | null = null;
  /** Every option the program set ((level << 32 | name) → value): what a replaced host socket gets again. */
  setOptions: Map<i64, i64> | null = null;

  /** `family` is AF_INET or AF_INET6, `type` SOCK_STREAM or SOCK_DGRAM. */
  constructor(public readonly family: i32, public readonly type: i32) {}

  stored(level: i32, name: i32, otherwise: i64): i64 {
    const kept = this.kept;
    const key = (level << 16) ^ name;
    return kept !== null && kept.has(key) ? kept.get(key) : otherwise;
  }

  store(level: i32, name: i32, value: i64): void {
    let kept = this.kept;
    if (kept === null) this.kept = kept = new Map<i32, i64>();
    kept.set((level << 16) ^ name, value);
  }

  /** Records an option the program set (setsockopt), so a replaced host socket can have it again. */
  remember(level: i32, name: i32, value: i64): void {
    let set = this.setOptions;
    if (set === null) this.setOptions = set = new Map<i64, i64>();
    set.set((<i64>level << 32) | <i64><u32>name, value);
  }

  /** Whether closing must wait (without blocking the program) for writes still on their way; see net/linger.ts. */
  lingers(): bool {
    return false;
  }

  /** SO_ERROR: the pending asynchronous error, cleared by reading it. */
  takeError(): i32 {
    return 0;
  }

  abstract bind(addr: IpSocketAddress): i32;
  /** The bind a datagram socket gets before its first send or connect (Linux's autobind); 0 when bound or not a datagram socket. */
  bindImplicitly(): i32 {
    return 0;
  }
  abstract connect(addr: IpSocketAddress): i32;
  /** connect() with AF_UNSPEC: dissolves the association (UDP) or ends the connection (TCP). */
  abstract disconnect(): i32;
  /**
   * Sends the bytes of `data` (to `dest` where the type allows one); `flags`
   * are MSG_* bits the POSIX layer has already checked. A count or -errno.
   */
  abstract send(data: IoList, dest: IpSocketAddress | null, flags: i32): isize;
  /**
   * Receives into `data`, honouring MSG_PEEK, MSG_WAITALL, MSG_TRUNC and
   * MSG_DONTWAIT in `flags`; fills `from` when the type knows the source, and
   * reports through setReceived. A count or -errno.
   */
  abstract receive(data: IoList, flags: i32, from: IpSocketAddress | null): isize;
  abstract localAddress(out: IpSocketAddress): i32;
  abstract remoteAddress(out: IpSocketAddress): i32;
  abstract shutdown(how: i32): i32;
  // ---- readiness (poll, select, epoll) ------------------------------------------
  /** POLL* bits the guest already knows, without a host call (0: ask the host). */
  abstract readyNow(): i32;
  /** Adds the pollables that signal a change for `events` (POLLIN/POLLOUT interest) to `set`, for entry `owner`. */
  abstract addPollables(events: i32, set: PollSet, owner: i32): void;
  /** Pollables of this socket fired for `events` (their directions only): the POLL* bits, found with non-blocking host calls. */
  abstract confirm(events: i32): i32;

  /** The pollable an event loop waits on for `events` (owned by the socket; 0 when there is none yet). */
  abstract pollableFor(events: i32): u32;

  /** FIONREAD: bytes (TCP) or the next datagram's size (UDP) available now, after one non-blocking look; or -errno. */
  abstract pending(): isize;
  /** Releases every host resource: pollables, then streams, then the socket. */
  abstract release(): void;
}

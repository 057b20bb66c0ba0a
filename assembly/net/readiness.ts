// The readiness core behind poll, select and epoll: which entries are ready,
// waiting on wasi:io/poll.poll when none is. Each socket first says what it
// knows without a host call (readyNow) and names the pollables that signal a
// change (cached per socket); one host poll waits on all of them (plus one
// timer when there is a timeout); the sockets whose pollables fired confirm
// with non-blocking host calls (confirm). Buffers are reused between calls.
//
// An entry may carry readiness already reported (EPOLLET's edge): it is news,
// and makes the wait return, only when new bits appear or new input arrived.
// Its input is counted by reading on (non-blocking), so the wait keeps the
// input pollable of a socket whose buffered bytes the program has not read
// yet: a firing that brings bytes is the next edge, one that brings none has
// cleared the host's readiness (the read met would-block) and waits on.
// Every other direction already reported is not waited on: its pollable
// would fire again at once with nothing new.
import { poll, pollable_drop } from "../wasi/io/poll";
import { subscribe_instant, subscribe_duration, now } from "../wasi/clocks/monotonic-clock";
import { RET, freeList, lendNextList, endLending } from "../wasi/abi";
import { POLLIN, POLLERR, POLLHUP, POLLRDHUP } from "../defs/poll";
import { SOCK_STREAM, MSG_PEEK, MSG_DONTWAIT } from "../defs/socket";
import { PollSet } from "./pollset";
import { Socket } from "./socket";
import { IoList } from "./iolist";
import { sleepUntil, FOREVER } from "./wait";

const SETTLED = 1;
const NEWS = 2;

/**
 * The entries of one call: fd, socket, events, readiness already reported
 * (`old`) and revents; `settled` entries were answered by the caller. Each
 * caller that may run inside another's wait (an epoll instance) owns one.
 */
export class PollRequest {
  count: i32 = 0;
  private capacity: i32 = 0;
  private fds: usize = 0;
  private sockets: usize = 0;
  private events: usize = 0;
  private olds: usize = 0;
  private revents: usize = 0;
  /** Input bytes counted when the entry's reported input was looked at (-1: not counted). */
  private counts: usize = 0;
  /** SETTLED: answered by the caller; NEWS: ready, and not only with what was reported. */
  private marks: usize = 0;
  /** The POLL* directions whose pollables fired in the last wait (0: none). */
  private firedEvents: usize = 0;

  /** Makes room for `n` entries (buffers only grow) and clears them. */
  reset(n: i32): void {
    if (n > this.capacity) {
      const bytes = <usize>n << 2;
      this.fds = grow(this.fds, bytes);
      this.sockets = grow(this.sockets, bytes);
      this.events = grow(this.events, bytes);
      this.olds = grow(this.olds, bytes);
      this.revents = grow(this.revents, bytes);
      this.counts = grow(this.counts, bytes);
      this.marks = grow(this.marks, bytes);
      this.firedEvents = grow(this.firedEvents, bytes);
      this.capacity = n;
    }
    this.count = n;
    if (n > 0) {
      memory.fill(this.marks, 0, <usize>n << 2);
      memory.fill(this.firedEvents, 0, <usize>n << 2);
    }
  }

  /**
   * An entry for `socket` (which `fd` named when it was registered), waited
   * on for `events`; `old` is readiness already reported, not news again.
   * The socket stays referenced by its caller (descriptor table, interest).
   */
  set(i: i32, fd: i32, socket: Socket, events: i32, old: i32 = 0): void {
    const at = <usize>i << 2;
    store<i32>(this.fds + at, fd);
    store<usize>(this.sockets + at, changetype<usize>(socket));
    store<i32>(this.events + at, events);
    store<i32>(this.olds + at, old);
    store<i32>(this.revents + at, 0);
    store<i32>(this.counts + at, -1);
    store<i32>(this.marks + at, 0);
  }

  /** An entry the caller answered itself (fd < 0, a closed or non-socket descriptor). */
  settle(i: i32, fd: i32, revents: i32): void {
    const at = <usize>i << 2;
    store<i32>(this.fds + at, fd);
    store<usize>(this.sockets + at, 0);
    store<i32>(this.events + at, 0);
    store<i32>(this.revents + at, revents);
    store<i32>(this.marks + at, SETTLED | (revents != 0 ? NEWS : 0));
  }

  fdAt(i: i32): i32 { return load<i32>(this.fds + (<usize>i << 2)); }
  socketAt(i: i32): Socket { return changetype<Socket>(load<usize>(this.sockets + (<usize>i << 2))); }
  eventsAt(i: i32): i32 { return load<i32>(this.events + (<usize>i << 2)); }
  oldAt(i: i32): i32 { return load<i32>(this.olds + (<usize>i << 2)); }
  reventsAt(i: i32): i32 { return load<i32>(this.revents + (<usize>i << 2)); }
  setRevents(i: i32, r: i32): void { store<i32>(this.revents + (<usize>i << 2), r); }
  countAt(i: i32): i32 { return load<i32>(this.counts + (<usize>i << 2)); }
  setCount(i: i32, n: i32): void { store<i32>(this.counts + (<usize>i << 2), n); }
  settled(i: i32): bool { return (load<i32>(this.marks + (<usize>i << 2)) & SETTLED) != 0; }
  /** Whether the entry is ready with something not reported before: what the wait returns for. */
  news(i: i32): bool { return (load<i32>(this.marks + (<usize>i << 2)) & NEWS) != 0; }
  markNews(i: i32): void {
    const at = this.marks + (<usize>i << 2);
    store<i32>(at, load<i32>(at) | NEWS);
  }
  /** The directions whose pollables fired; taking them clears them. */
  takeFired(i: i32): i32 {
    const at = this.firedEvents + (<usize>i << 2);
    const e = load<i32>(at);
    store<i32>(at, 0);
    return e;
  }
  markFired(i: i32, events: i32): void {
    const at = this.firedEvents + (<usize>i << 2);
    store<i32>(at, load<i32>(at) | events);
  }
}

/** poll's and select's entries and pollables (an epoll instance has its own). */
export const REQUEST = new PollRequest();
export const SET = new PollSet();
/** Where the host writes the indices of ready pollables (lent to cabi_realloc; never in use across a nested look). */
let readyBuffer: usize = 0;
let readyCapacity: i32 = 0;

/** Waits longer than this (about 136 years) are waits without a limit in all but name. */
const LONGEST_SECONDS: i64 = 1 << 32;

/**
 * `sec` seconds and `part` units of `unit` ns (both ≥ 0; `part` may hold
 * whole seconds, as select's tv_usec may) as a timeout in nanoseconds,
 * saturating instead of overflowing.
 */
export function nanoseconds(sec: i64, part: i64, unit: i64): i64 {
  const perSecond = 1_000_000_000 / unit;
  if (sec >= LONGEST_SECONDS) return LONGEST_SECONDS * 1_000_000_000;
  const whole = sec + part / perSecond;
  if (whole >= LONGEST_SECONDS) return LONGEST_SECONDS * 1_000_000_000;
  return whole * 1_000_000_000 + (part % perSecond) * unit;
}

/** Errors and hang-ups are reported whether asked for or not. */
function maskFor(events: i32): i32 {
  return events | POLLERR | POLLHUP;
}

/**
 * Fills `req`'s revents and returns how many entries have news, waiting up
 * to `timeoutNs` (negative: no limit; 0: just look) for the first. The
 * deadline is fixed once: every round waits only for the time left.
 */
export function waitReady(req: PollRequest, set: PollSet, timeoutNs: i64): i32 {
  const deadline: u64 = timeoutNs < 0 ? FOREVER : now() + <u64>timeoutNs;
  while (true) {
    const known = collect(req, set);
    if (set.count == 0) {
      if (known > 0 || timeoutNs == 0) return known;
      sleepUntil(deadline);
      return 0;
    }
    const lookOnly = known > 0 || timeoutNs == 0 || (deadline != FOREVER && now() >= deadline);
    const timedOut = waitOnSet(req, set, lookOnly, deadline);
    const ready = confirmFired(req);
    if (ready > 0 || timedOut || lookOnly) return ready;
    // A pollable fired but its socket found nothing new (an empty read): wait again.
  }
}

/** Asks every socket entry what it knows and which pollables to wait on; returns the entries with news already. */
function collect(req: PollRequest, set: PollSet): i32 {
  set.reset();
  let known = 0;
  for (let i = 0; i < req.count; i++) {
    if (req.settled(i)) {
      if (req.news(i)) known++;
      continue;
    }
    const sock = req.socketAt(i);
    const events = req.eventsAt(i);
    const old = req.oldAt(i);
    // Counting reads on: the readiness is asked for after it (EOF or a reset may have come with the bytes).
    const grew = (old & POLLIN) != 0 && inputGrew(req, i, sock);
    const r = sock.readyNow() & maskFor(events);
    req.setRevents(i, r);
    if (grew || (r & ~old) != 0) {
      req.markNews(i);
      known++;
    }
    // Not reported yet and not known: wait for it (POLLOUT beside buffered input, for one).
    let watch = events & ~old & ~r;
    // Reported input again, when counting can tell a firing's new bytes: a stream reads on, a datagram socket holds one.
    const counted = req.countAt(i);
    if (counted == 0 || (counted > 0 && sock.type == SOCK_STREAM)) watch |= events & (POLLIN | POLLRDHUP);
    sock.addPollables(watch, set, i);
  }
  return known;
}

/** For an entry whose input was reported: counts the input now (see countInput); true when it grew past what was held. */
function inputGrew(req: PollRequest, i: i32, sock: Socket): bool {
  const held = (sock.readyNow() & POLLIN) != 0 ? <i32>sock.pending() : 0;
  const n = countInput(sock);
  req.setCount(i, n);
  return n > held;
}

/** One host poll over the set (and a timer): marks the entries whose pollables fired; true when the timer did. */
function waitOnSet(req: PollRequest, set: PollSet, lookOnly: bool, deadline: u64): bool {
  let timer: u32 = 0;
  if (lookOnly) timer = subscribe_duration(0);
  else if (deadline != FOREVER) timer = subscribe_instant(deadline);
  set.ensureTimerSlot();
  const n = set.count;
  if (timer != 0) store<u32>(set.handles + (<usize>n << 2), timer);
  const total = n + (timer != 0 ? 1 : 0);
  if (total > readyCapacity) {
    readyBuffer = grow(readyBuffer, <usize>total << 2);
    readyCapacity = total;
  }
  lendNextList(readyBuffer, <usize>readyCapacity << 2);
  poll(set.handles, <u32>total, RET);
  endLending();
  const list = load<usize>(RET);
  const count = load<u32>(RET, 4);
  let timedOut = false;
  for (let k: u32 = 0; k < count; k++) {
    const index = <i32>load<u32>(list + (<usize>k << 2));
    if (index == n) timedOut = true;
    else req.markFired(set.ownerAt(index), set.signalsAt(index));
  }
  if (list != readyBuffer) freeList(list);
  if (timer != 0) pollable_drop(timer);
  return timedOut;
}

/** Lets each socket whose pollable fired confirm that direction; returns the entries with news. */
function confirmFired(req: PollRequest): i32 {
  let ready = 0;
  for (let i = 0; i < req.count; i++) {
    const fired = req.takeFired(i);
    if (fired != 0) confirmOne(req, i, fired);
    if (req.news(i)) ready++;
  }
  return ready;
}

function confirmOne(req: PollRequest, i: i32, fired: i32): void {
  const events = req.eventsAt(i);
  const sock = req.socketAt(i);
  // Only the directions that fired are confirmed: no read when only the output pollable did.
  const r = req.reventsAt(i) | (sock.confirm(events & fired) & maskFor(events));
  req.setRevents(i, r);
  let grew = false;
  const counted = req.countAt(i);
  if (counted >= 0 && (fired & (POLLIN | POLLRDHUP)) != 0) {
    const n = countInput(sock);
    grew = n > counted;
    req.setCount(i, n);
  }
  if (grew || (r & ~req.oldAt(i)) != 0) req.markNews(i);
}

// A peek that asks for more than the socket holds reads on into its buffer; a
// list of no segments takes none of the bytes (peek copies into segments only).
const READ_ON = new IoList(0, 0, 0);
const READ_ON_BYTES: usize = 65536;

/**
 * The input a socket holds now, after non-blocking reads (FIONREAD, then, for
 * a stream, a peek past the held bytes for what arrived behind them); -errno
 * when its input cannot be counted (a listener, an epoll instance).
 */
function countInput(sock: Socket): i32 {
  const n = sock.pending();
  if (n <= 0 || sock.type != SOCK_STREAM) return <i32>n;
  READ_ON.total = <usize>n + READ_ON_BYTES;
  const k = sock.receive(READ_ON, MSG_PEEK | MSG_DONTWAIT, null);
  return k < 0 ? <i32>n : <i32>k;
}

/** heap.realloc that also takes a null pointer (heap.realloc does not). */
function grow(ptr: usize, size: usize): usize {
  return ptr == 0 ? heap.alloc(size) : heap.realloc(ptr, size);
}

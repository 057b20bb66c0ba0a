// The readiness core behind poll, select and epoll: which entries are ready,
// waiting on wasi:io/poll.poll when none is. Each socket first says what it
// knows without a host call (readyNow) and names the pollables that signal a
// change (cached per socket); one host poll waits on all of them (plus one
// timer when there is a timeout); the sockets whose pollables fired confirm
// with non-blocking host calls (confirm). Buffers are reused between calls.
import { poll, pollable_drop } from "../wasi/io/poll";
import { subscribe_instant, subscribe_duration, now } from "../wasi/clocks/monotonic-clock";
import { RET, freeList, lendNextList, endLending } from "../wasi/abi";
import { POLLERR, POLLHUP } from "../defs/poll";
import { PollSet } from "./pollset";
import { descriptor } from "./descriptors";
import { sleepUntil, FOREVER } from "./wait";

/** The entries of one call: fd, events and revents as i32s; `settled` entries were answered by the caller. */
export class PollRequest {
  count: i32 = 0;
  private capacity: i32 = 0;
  private fds: usize = 0;
  private events: usize = 0;
  private revents: usize = 0;
  /** Bit 0: settled by the caller. */
  private marks: usize = 0;
  /** The POLL* directions whose pollables fired in the last wait (0: none). */
  private firedEvents: usize = 0;

  /** Makes room for `n` entries (buffers only grow) and clears them. */
  reset(n: i32): void {
    if (n > this.capacity) {
      const bytes = <usize>n << 2;
      this.fds = grow(this.fds, bytes);
      this.events = grow(this.events, bytes);
      this.revents = grow(this.revents, bytes);
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

  /** An entry for a socket descriptor, waited on. */
  set(i: i32, fd: i32, events: i32): void {
    store<i32>(this.fds + (<usize>i << 2), fd);
    store<i32>(this.events + (<usize>i << 2), events);
    store<i32>(this.revents + (<usize>i << 2), 0);
  }

  /** An entry the caller answered itself (fd < 0, a closed or non-socket descriptor). */
  settle(i: i32, fd: i32, revents: i32): void {
    this.set(i, fd, 0);
    store<i32>(this.revents + (<usize>i << 2), revents);
    store<i32>(this.marks + (<usize>i << 2), 1);
  }

  fdAt(i: i32): i32 { return load<i32>(this.fds + (<usize>i << 2)); }
  eventsAt(i: i32): i32 { return load<i32>(this.events + (<usize>i << 2)); }
  reventsAt(i: i32): i32 { return load<i32>(this.revents + (<usize>i << 2)); }
  setRevents(i: i32, r: i32): void { store<i32>(this.revents + (<usize>i << 2), r); }
  settled(i: i32): bool { return (load<i32>(this.marks + (<usize>i << 2)) & 1) != 0; }
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

export const REQUEST = new PollRequest();
const SET = new PollSet();
/** Where the host writes the indices of ready pollables (lent to cabi_realloc). */
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
 * Fills REQUEST's revents and returns how many entries are ready, waiting up
 * to `timeoutNs` (negative: no limit; 0: just look) for the first.
 */
export function waitReady(timeoutNs: i64): i32 {
  const deadline: u64 = timeoutNs < 0 ? FOREVER : now() + <u64>timeoutNs;
  while (true) {
    const known = collect();
    if (SET.count == 0) {
      if (known > 0 || timeoutNs == 0) return known;
      sleepUntil(deadline);
      return 0;
    }
    const lookOnly = known > 0 || timeoutNs == 0 || (deadline != FOREVER && now() >= deadline);
    const timedOut = waitOnSet(lookOnly, deadline);
    const ready = confirmFired();
    if (ready > 0 || timedOut || lookOnly) return ready;
    // A pollable fired but its socket found nothing to report (an empty read): wait again.
  }
}

/** Asks every socket entry what it knows and which pollables to wait on; returns the entries already ready. */
function collect(): i32 {
  SET.reset();
  let known = 0;
  for (let i = 0; i < REQUEST.count; i++) {
    if (REQUEST.settled(i)) {
      if (REQUEST.reventsAt(i) != 0) known++;
      continue;
    }
    const sock = descriptor(REQUEST.fdAt(i))!.socket;
    const events = REQUEST.eventsAt(i);
    const r = sock.readyNow() & maskFor(events);
    REQUEST.setRevents(i, r);
    if (r != 0) known++;
    // What is not known yet may still be: POLLOUT beside buffered input, for one.
    sock.addPollables(events & ~r, SET, i);
  }
  return known;
}

/** One host poll over the set (and a timer): marks the entries whose pollables fired; true when the timer did. */
function waitOnSet(lookOnly: bool, deadline: u64): bool {
  let timer: u32 = 0;
  if (lookOnly) timer = subscribe_duration(0);
  else if (deadline != FOREVER) timer = subscribe_instant(deadline);
  SET.ensureTimerSlot();
  const n = SET.count;
  if (timer != 0) store<u32>(SET.handles + (<usize>n << 2), timer);
  const total = n + (timer != 0 ? 1 : 0);
  if (total > readyCapacity) {
    readyBuffer = grow(readyBuffer, <usize>total << 2);
    readyCapacity = total;
  }
  lendNextList(readyBuffer, <usize>readyCapacity << 2);
  poll(SET.handles, <u32>total, RET);
  endLending();
  const list = load<usize>(RET);
  const count = load<u32>(RET, 4);
  let timedOut = false;
  for (let k: u32 = 0; k < count; k++) {
    const index = <i32>load<u32>(list + (<usize>k << 2));
    if (index == n) timedOut = true;
    else REQUEST.markFired(SET.ownerAt(index), SET.signalsAt(index));
  }
  if (list != readyBuffer) freeList(list);
  if (timer != 0) pollable_drop(timer);
  return timedOut;
}

/** Lets each socket whose pollable fired confirm that direction; returns the entries ready. */
function confirmFired(): i32 {
  let ready = 0;
  for (let i = 0; i < REQUEST.count; i++) {
    const fired = REQUEST.takeFired(i);
    if (fired != 0) {
      const events = REQUEST.eventsAt(i);
      const sock = descriptor(REQUEST.fdAt(i))!.socket;
      // Only the directions that fired are confirmed: no read when only the output pollable did.
      REQUEST.setRevents(i, REQUEST.reventsAt(i) | (sock.confirm(events & fired) & maskFor(events)));
    }
    if (REQUEST.reventsAt(i) != 0) ready++;
  }
  return ready;
}

/** heap.realloc that also takes a null pointer (heap.realloc does not). */
function grow(ptr: usize, size: usize): usize {
  return ptr == 0 ? heap.alloc(size) : heap.realloc(ptr, size);
}

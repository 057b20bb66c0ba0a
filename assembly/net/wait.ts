// The one wait primitive every blocking call goes through, so timeouts live
// in one place: block on the pollable, or race it against a timer that is
// created for this wait and dropped after it.
import { pollable_block, poll, pollable_drop } from "../wasi/io/poll";
import { subscribe_instant, subscribe_duration, now } from "../wasi/clocks/monotonic-clock";
import { RET, freeList } from "../wasi/abi";

/** No deadline: wait as long as it takes. */
export const FOREVER: u64 = 0;

// Up to three borrowed handles for poll: one or two pollables and the timer.
const PAIR: usize = memory.data(12, 4);

/** The absolute deadline `timeoutNs` from now, or FOREVER when the timeout is 0 (POSIX: no timeout). */
export function deadlineAfter(timeoutNs: u64): u64 {
  return timeoutNs == 0 ? FOREVER : now() + timeoutNs;
}

/** Waits until `p` is ready (true) or the deadline passes (false). */
export function waitFor(p: u32, deadline: u64): bool {
  if (deadline == FOREVER) {
    pollable_block(p);
    return true;
  }
  const timer = subscribe_instant(deadline);
  store<u32>(PAIR, p);
  store<u32>(PAIR, timer, 4);
  poll(PAIR, 2, RET);
  const list = load<usize>(RET);
  const count = load<u32>(RET, 4);
  let ready = false;
  for (let i: u32 = 0; i < count; i++) if (load<u32>(list + (<usize>i << 2)) == 0) ready = true;
  freeList(list);
  pollable_drop(timer);
  return ready;
}

/** Waits until the deadline with nothing to wait for (Linux's recv on an unbound UDP socket); FOREVER never returns. */
export function sleepUntil(deadline: u64): void {
  while (deadline == FOREVER) {
    const hour = subscribe_duration(3_600_000_000_000);
    pollable_block(hour);
    pollable_drop(hour);
  }
  const timer = subscribe_instant(deadline);
  pollable_block(timer);
  pollable_drop(timer);
}

/** Waits until `a` or `b` is ready (true) or the deadline passes (false): a dual-stack listener's two sockets. */
export function waitForEither(a: u32, b: u32, deadline: u64): bool {
  store<u32>(PAIR, a);
  store<u32>(PAIR, b, 4);
  const timer = deadline == FOREVER ? 0 : subscribe_instant(deadline);
  if (timer != 0) store<u32>(PAIR, timer, 8);
  poll(PAIR, timer != 0 ? 3 : 2, RET);
  const list = load<usize>(RET);
  const count = load<u32>(RET, 4);
  let ready = false;
  for (let i: u32 = 0; i < count; i++) if (load<u32>(list + (<usize>i << 2)) < 2) ready = true;
  freeList(list);
  if (timer != 0) pollable_drop(timer);
  return ready;
}

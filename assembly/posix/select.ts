// select(2), pselect(2) and the fd_set functions, on the readiness core.
// wasi-libc's fd_set is a count and a list of descriptors (socket numbers may
// be far above FD_SETSIZE in this ABI), so these functions work on that list.
// Linux's rules: a closed descriptor in any set is EBADF; errors and hang-ups
// make a descriptor readable (and an error writable); exceptfds report only
// POLLPRI, which is never set: no out-of-band data exists.
import { POLLIN, POLLOUT, POLLERR, POLLHUP, POLLPRI, FD_SETSIZE, FD_SET_SIZE } from "../defs/poll";
import { timeval, timespec, TIMEVAL_SIZE, TIMESPEC_SIZE } from "../defs/time";
import { EBADF, EFAULT, EINVAL } from "../defs/errno";
import { descriptor, FIRST_SOCKET_FD } from "../net/descriptors";
import { FD_LIMIT } from "../net/fdtable";
import { REQUEST, SET, waitReady, nanoseconds } from "../net/readiness";
import { now } from "../wasi/clocks/monotonic-clock";
import { fail } from "./errno";
import { validObject } from "./memory";
import { isOpenFile } from "./files";

// ---- fd_set ------------------------------------------------------------------------------

function countOf(set: usize): i32 { return <i32>load<u32>(set); }
function fdAt(set: usize, i: i32): i32 { return load<i32>(set + 4 + (<usize>i << 2)); }

export function FD_ZERO(set: usize): void {
  store<u32>(set, 0);
}

export function FD_SET(fd: i32, set: usize): void {
  const n = countOf(set);
  for (let i = 0; i < n; i++) if (fdAt(set, i) == fd) return;
  if (n >= FD_SETSIZE) return; // full: as wasi-libc, silently
  store<i32>(set + 4 + (<usize>n << 2), fd);
  store<u32>(set, n + 1);
}

export function FD_CLR(fd: i32, set: usize): void {
  const n = countOf(set);
  for (let i = 0; i < n; i++) {
    if (fdAt(set, i) != fd) continue;
    store<i32>(set + 4 + (<usize>i << 2), fdAt(set, n - 1));
    store<u32>(set, n - 1);
    return;
  }
}

export function FD_ISSET(fd: i32, set: usize): bool {
  const n = countOf(set);
  for (let i = 0; i < n; i++) if (fdAt(set, i) == fd) return true;
  return false;
}

// ---- select ------------------------------------------------------------------------------

/**
 * int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, struct timeval *timeout);
 * `select(nfds: i32, readfds: usize, writefds: usize, exceptfds: usize, timeout: usize): i32` — the sets
 * rewritten with the descriptors below nfds that are ready, and their count; waits up to *timeout (null: no limit;
 * a tv_usec of a second or more counts as seconds, as Linux takes it) and leaves the time not slept there.
 * Errors: EBADF (a closed descriptor in a set), EINVAL (nfds, a negative time), EFAULT (a set, timeout).
 */
export function select(nfds: i32, readfds: usize, writefds: usize, exceptfds: usize, timeout: usize): i32 {
  let ns: i64 = -1;
  if (timeout != 0) {
    if (!validObject(timeout, TIMEVAL_SIZE)) return fail(EFAULT);
    const t = changetype<timeval>(timeout);
    if (t.tv_sec < 0 || t.tv_usec < 0) return fail(EINVAL);
    ns = nanoseconds(t.tv_sec, t.tv_usec, 1000);
  }
  const started = now();
  const r = selectFor(nfds, readfds, writefds, exceptfds, ns);
  if (ns > 0) {
    // Linux leaves the time not slept in *timeout, whatever the result.
    const left = max<i64>(ns - <i64>(now() - started), 0);
    const t = changetype<timeval>(timeout);
    t.tv_sec = left / 1_000_000_000;
    t.tv_usec = (left % 1_000_000_000) / 1000;
  }
  return r;
}

/**
 * int pselect(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, const struct timespec *timeout,
 *             const sigset_t *sigmask);
 * `pselect(nfds: i32, readfds: usize, writefds: usize, exceptfds: usize, timeout: usize, sigmask: usize): i32` —
 * select with a timespec, left as it was (glibc's pselect hides the kernel's update). Errors: as select, and
 * EINVAL for a tv_nsec of a second or more.
 */
export function pselect(nfds: i32, readfds: usize, writefds: usize, exceptfds: usize, timeout: usize, sigmask: usize): i32 {
  let ns: i64 = -1;
  if (timeout != 0) {
    if (!validObject(timeout, TIMESPEC_SIZE)) return fail(EFAULT);
    const t = changetype<timespec>(timeout);
    if (t.tv_sec < 0 || t.tv_nsec < 0 || t.tv_nsec >= 1_000_000_000) return fail(EINVAL);
    ns = nanoseconds(t.tv_sec, t.tv_nsec, 1);
  }
  return selectFor(nfds, readfds, writefds, exceptfds, ns); // WASI has no signals: the mask changes nothing
}

function selectFor(nfds: i32, readfds: usize, writefds: usize, exceptfds: usize, ns: i64): i32 {
  if (nfds < 0 || nfds > FD_LIMIT) return fail(EINVAL);
  const sets: usize[] = [readfds, writefds, exceptfds];
  let total = 0;
  for (let k = 0; k < 3; k++) {
    const set = sets[k];
    if (set == 0) continue;
    if (!validObject(set, 4) || !validObject(set, 4 + (<usize>min(countOf(set), FD_SETSIZE) << 2))) return fail(EFAULT);
    total += min(countOf(set), FD_SETSIZE);
  }
  // One entry per descriptor below nfds; its events say which sets it is in (POLLIN, POLLOUT, POLLPRI).
  REQUEST.reset(total);
  let entries = 0;
  for (let k = 0; k < 3; k++) {
    const set = sets[k];
    if (set == 0) continue;
    const n = min(countOf(set), FD_SETSIZE);
    for (let i = 0; i < n; i++) {
      const fd = fdAt(set, i);
      if (fd < 0 || fd >= nfds) continue;
      let e = 0;
      while (e < entries && REQUEST.fdAt(e) != fd) e++;
      const d = descriptor(fd);
      const fresh = e == entries;
      if (fresh) {
        if (d === null && !(fd < FIRST_SOCKET_FD && isOpenFile(fd))) return fail(EBADF);
        entries++;
      }
      const events = (fresh ? 0 : setsOf(e)) | (k == 0 ? POLLIN : k == 1 ? POLLOUT : POLLPRI);
      // A file of the WASI file API is always ready.
      if (d === null) REQUEST.settle(e, fd, events & (POLLIN | POLLOUT));
      else REQUEST.set(e, fd, d.socket, events);
    }
  }
  REQUEST.count = entries;
  waitReady(REQUEST, SET, ns);
  // Rewrite the sets with what is ready.
  for (let k = 0; k < 3; k++) if (sets[k] != 0) FD_ZERO(sets[k]);
  let count = 0;
  for (let e = 0; e < entries; e++) {
    const fd = REQUEST.fdAt(e);
    const r = REQUEST.reventsAt(e);
    if (readfds != 0 && wasIn(e, POLLIN) && (r & (POLLIN | POLLHUP | POLLERR)) != 0) { FD_SET(fd, readfds); count++; }
    if (writefds != 0 && wasIn(e, POLLOUT) && (r & (POLLOUT | POLLERR)) != 0) { FD_SET(fd, writefds); count++; }
    if (exceptfds != 0 && wasIn(e, POLLPRI) && (r & POLLPRI) != 0) { FD_SET(fd, exceptfds); count++; }
  }
  return count;
}

/** The sets entry `e` is in (a settled entry keeps them in revents' place: see settle). */
function setsOf(e: i32): i32 {
  return REQUEST.settled(e) ? REQUEST.reventsAt(e) : REQUEST.eventsAt(e);
}

/** Whether entry `e` asked for `bit`. */
function wasIn(e: i32, bit: i32): bool {
  return (setsOf(e) & bit) != 0;
}

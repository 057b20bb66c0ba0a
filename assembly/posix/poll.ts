// poll(2), ppoll(2) on the readiness core (net/readiness.ts). A closed
// descriptor is POLLNVAL, fd < 0 is ignored, and POLLERR/POLLHUP/POLLNVAL are
// reported even when not asked for. Descriptors of the WASI file API are
// always ready for what they were asked (POSIX: regular files never block).
import { POLLIN, POLLOUT, POLLNVAL, POLLFD_SIZE, pollfd } from "../defs/poll";
import { timespec, TIMESPEC_SIZE } from "../defs/time";
import { EFAULT, EINVAL } from "../defs/errno";
import { descriptor, FIRST_SOCKET_FD } from "../net/descriptors";
import { FD_LIMIT } from "../net/fdtable";
import { REQUEST, SET, waitReady, nanoseconds } from "../net/readiness";
import { fail } from "./errno";
import { inMemory, validObject } from "./memory";
import { isOpenFile } from "./files";

/**
 * int poll(struct pollfd *fds, nfds_t nfds, int timeout);
 * `poll(fds: usize, nfds: u32, timeout: i32): i32` — the entries ready, their revents filled in, waiting up to
 * `timeout` ms (negative: no limit, 0: just look); 0 at the timeout. Errors: EINVAL (nfds above the descriptor
 * limit), EFAULT (fds).
 */
export function poll(fds: usize, nfds: u32, timeout: i32): i32 {
  return pollFor(fds, nfds, timeout < 0 ? -1 : <i64>timeout * 1_000_000);
}

/**
 * int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *tmo_p, const sigset_t *sigmask);
 * `ppoll(fds: usize, nfds: u32, tmo: usize, sigmask: usize): i32` — poll with a timespec (null: no limit).
 * Errors: as poll, and EFAULT (tmo), EINVAL (a negative time or tv_nsec of a second or more).
 */
export function ppoll(fds: usize, nfds: u32, tmo: usize, sigmask: usize): i32 {
  // WASI has no signals: the mask changes nothing.
  if (tmo == 0) return pollFor(fds, nfds, -1);
  if (!validObject(tmo, TIMESPEC_SIZE)) return fail(EFAULT);
  const t = changetype<timespec>(tmo);
  if (t.tv_sec < 0 || t.tv_nsec < 0 || t.tv_nsec >= 1_000_000_000) return fail(EINVAL);
  return pollFor(fds, nfds, nanoseconds(t.tv_sec, <i64>t.tv_nsec, 1));
}

function pollFor(fds: usize, nfds: u32, timeoutNs: i64): i32 {
  if (nfds > <u32>FD_LIMIT) return fail(EINVAL);
  if (nfds > 0 && (fds == 0 || !inMemory(fds, <usize>nfds * POLLFD_SIZE))) return fail(EFAULT);
  const n = <i32>nfds;
  REQUEST.reset(n);
  for (let i = 0; i < n; i++) {
    const p = changetype<pollfd>(fds + <usize>i * POLLFD_SIZE);
    const events = <i32>p.events & 0xffff;
    const d = descriptor(p.fd); // null for fd < 0 too
    if (p.fd < 0) REQUEST.settle(i, p.fd, 0);
    else if (d !== null) REQUEST.set(i, p.fd, d.socket, events);
    else if (p.fd < FIRST_SOCKET_FD && isOpenFile(p.fd)) REQUEST.settle(i, p.fd, events & (POLLIN | POLLOUT));
    else REQUEST.settle(i, p.fd, POLLNVAL);
  }
  const ready = waitReady(REQUEST, SET, timeoutNs);
  for (let i = 0; i < n; i++) changetype<pollfd>(fds + <usize>i * POLLFD_SIZE).revents = <i16>REQUEST.reventsAt(i);
  return ready;
}

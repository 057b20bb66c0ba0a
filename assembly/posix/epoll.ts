// epoll_create(2), epoll_create1(2), epoll_ctl(2), epoll_wait(2), epoll_pwait(2).
import { EPOLL_CTL_ADD, EPOLL_CTL_DEL, EPOLL_CTL_MOD, EPOLL_CLOEXEC, EPOLL_EVENT_SIZE } from "../defs/poll";
import { EBADF, EFAULT, EINVAL, EMFILE, EPERM } from "../defs/errno";
import { descriptor, install, FIRST_SOCKET_FD } from "../net/descriptors";
import { Epoll } from "../net/epoll";
import { fail } from "./errno";
import { inMemory, validObject } from "./memory";
import { isOpenFile } from "./files";

export function epoll_create(size: i32): i32 {
  if (size <= 0) return fail(EINVAL);
  return epoll_create1(0);
}

export function epoll_create1(flags: i32): i32 {
  if ((flags & ~EPOLL_CLOEXEC) != 0) return fail(EINVAL);
  const ep = new Epoll();
  const fd = install(ep, (flags & EPOLL_CLOEXEC) != 0);
  if (fd < 0) {
    ep.release();
    return fail(EMFILE);
  }
  return fd;
}

function epollOf(epfd: i32): Epoll | null {
  const d = descriptor(epfd);
  if (d === null) {
    fail(EBADF);
    return null;
  }
  if (!(d.socket instanceof Epoll)) {
    fail(EINVAL);
    return null;
  }
  return changetype<Epoll>(d.socket);
}

/**
 * int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);
 * `epoll_ctl(epfd: i32, op: i32, fd: i32, event: usize): i32` — EPOLL_CTL_ADD, _MOD or _DEL of the interest in the
 * socket `fd` names (kept until DEL or the socket's last descriptor closes); `fd` may be another epoll instance.
 * Errors: EBADF (epfd, fd), EINVAL (epfd not an epoll instance, fd the instance itself, op), EPERM (a file of the WASI file
 * API), EFAULT (event), EEXIST (ADD twice), ENOENT (MOD or DEL of no interest), ELOOP (instances watching each
 * other, or a chain deeper than Linux's 5).
 */
export function epoll_ctl(epfd: i32, op: i32, fd: i32, event: usize): i32 {
  const ep = epollOf(epfd);
  if (ep === null) return -1;
  const d = descriptor(fd);
  if (d === null) return fail(fd >= 0 && fd < FIRST_SOCKET_FD && isOpenFile(fd) ? EPERM : EBADF);
  // Linux: an epoll may not watch itself, by any of its descriptors; files of the WASI file API cannot be
  // watched (EPERM, as regular files).
  if (d.socket === ep) return fail(EINVAL);
  if (op == EPOLL_CTL_DEL) return result(ep.remove(fd, d.socket));
  if (op != EPOLL_CTL_ADD && op != EPOLL_CTL_MOD) return fail(EINVAL);
  if (!validObject(event, EPOLL_EVENT_SIZE)) return fail(EFAULT);
  const events = load<u32>(event);
  const data = load<u64>(event, 8);
  return result(op == EPOLL_CTL_ADD ? ep.add(fd, d.socket, events, data) : ep.modify(fd, d.socket, events, data));
}

function result(r: i32): i32 {
  return r < 0 ? fail(-r) : 0;
}

/**
 * int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout);
 * `epoll_wait(epfd: i32, events: usize, maxevents: i32, timeout: i32): i32` — up to maxevents ready interests
 * (the ones past it are reported first by the next call), waiting up to `timeout` ms (-1: no limit, 0: just look);
 * 0 at the timeout. Errors: EBADF (epfd), EINVAL (epfd not an epoll instance, maxevents <= 0), EFAULT (events).
 */
export function epoll_wait(epfd: i32, events: usize, maxevents: i32, timeout: i32): i32 {
  const ep = epollOf(epfd);
  if (ep === null) return -1;
  if (maxevents <= 0) return fail(EINVAL);
  if (events == 0 || !inMemory(events, <usize>maxevents * EPOLL_EVENT_SIZE)) return fail(EFAULT);
  return ep.wait(events, maxevents, timeout < 0 ? -1 : <i64>timeout * 1_000_000);
}

export function epoll_pwait(epfd: i32, events: usize, maxevents: i32, timeout: i32, sigmask: usize): i32 {
  return epoll_wait(epfd, events, maxevents, timeout); // WASI has no signals: the mask changes nothing
}

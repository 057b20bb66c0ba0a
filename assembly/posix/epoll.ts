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

export function epoll_ctl(epfd: i32, op: i32, fd: i32, event: usize): i32 {
  const ep = epollOf(epfd);
  if (ep === null) return -1;
  const d = descriptor(fd);
  if (d === null) return fail(fd >= 0 && fd < FIRST_SOCKET_FD && isOpenFile(fd) ? EPERM : EBADF);
  // Linux: an epoll may not watch itself; files of the WASI file API cannot be watched (EPERM, as regular files).
  if (fd == epfd) return fail(EINVAL);
  if (d.socket instanceof Epoll) return fail(EPERM);
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

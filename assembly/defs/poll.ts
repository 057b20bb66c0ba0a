// <poll.h>, <sys/select.h> and <sys/epoll.h> values (wasi-libc where it has them, Linux/musl otherwise).

export const POLLIN: i16 = 0x1;
export const POLLRDNORM: i16 = 0x1;
export const POLLOUT: i16 = 0x2;
export const POLLWRNORM: i16 = 0x2;
export const POLLPRI: i16 = 0x200;
export const POLLERR: i16 = 0x1000;
export const POLLHUP: i16 = 0x2000;
export const POLLNVAL: i16 = 0x4000;
/** No wasi-libc value: one that collides with none of the above (and fits a positive short). Reported only when asked for. */
export const POLLRDHUP: i16 = 0x800;

export type nfds_t = u32;

/** struct pollfd: fd @0, events @4, revents @6 (8 bytes). */
@unmanaged
export class pollfd {
  fd: i32;
  events: i16;
  revents: i16;
}
export const POLLFD_SIZE: usize = 8;

/** wasi-libc's fd_set: a count and a list of descriptors (not a bit mask), FD_SETSIZE of them. */
export const FD_SETSIZE: i32 = 1024;
@unmanaged
export class fd_set {
  __nfds: usize;
}
export const FD_SET_SIZE: usize = 4 + 4 * 1024;

// <sys/epoll.h> (Linux/musl values).
export const EPOLLIN: u32 = 0x1;
export const EPOLLPRI: u32 = 0x2;
export const EPOLLOUT: u32 = 0x4;
export const EPOLLERR: u32 = 0x8;
export const EPOLLHUP: u32 = 0x10;
export const EPOLLRDNORM: u32 = 0x40;
export const EPOLLWRNORM: u32 = 0x100;
export const EPOLLRDHUP: u32 = 0x2000;
export const EPOLLONESHOT: u32 = 1 << 30;
export const EPOLLET: u32 = 1 << 31;
export const EPOLL_CTL_ADD: i32 = 1;
export const EPOLL_CTL_DEL: i32 = 2;
export const EPOLL_CTL_MOD: i32 = 3;
/** musl's EPOLL_CLOEXEC (= O_CLOEXEC). */
export const EPOLL_CLOEXEC: i32 = 0x80000;

/** struct epoll_event: events u32 @0, data u64 @8 (natural alignment on wasm32: 16 bytes). */
@unmanaged
export class epoll_event {
  events: u32;
  __pad: u32;
  data: u64;
}
export const EPOLL_EVENT_SIZE: usize = 16;

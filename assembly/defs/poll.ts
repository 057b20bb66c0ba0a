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

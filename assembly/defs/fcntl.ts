// <fcntl.h> and <sys/ioctl.h> values of wasi-libc for wasm32-wasip2.
export const F_GETFD: i32 = 1;
export const F_SETFD: i32 = 2;
export const F_GETFL: i32 = 3;
export const F_SETFL: i32 = 4;
export const F_DUPFD: i32 = 5;
export const F_DUPFD_CLOEXEC: i32 = 6;
export const FD_CLOEXEC: i32 = 1;
export const O_APPEND: i32 = 0x1;
export const O_NONBLOCK: i32 = 0x4;
export const O_RDWR: i32 = 0x14000000;
export const FIONREAD: i32 = 1;
export const FIONBIO: i32 = 2;
/** musl's O_CLOEXEC (dup3, accept4 take it): WASI has no exec, the flag is recorded only. */
export const O_CLOEXEC: i32 = 0x80000;
/** Linux's SIOCATMARK: out-of-band data is not supported (sockatmark, SIOCATMARK → EINVAL). */
export const SIOCATMARK: i32 = 0x8905;

// <time.h> / <sys/time.h> structs with wasi-libc's wasm32 layout (time_t is 64-bit).

/** struct timespec: tv_sec i64 @0, tv_nsec i32 @8 (long); 16 bytes. */
@unmanaged
export class timespec {
  tv_sec: i64;
  tv_nsec: i32;
  __pad: i32;
}

/** struct timeval: tv_sec i64 @0, tv_usec i64 @8 (suseconds_t is 64-bit); 16 bytes. */
@unmanaged
export class timeval {
  tv_sec: i64;
  tv_usec: i64;
}

export const TIMESPEC_SIZE: usize = 16;
export const TIMEVAL_SIZE: usize = 16;

// wasi_snapshot_preview1: the four file-API calls the POSIX layer passes
// non-socket descriptors to in the shim style (where the preview1 command
// adapter provides them). Only compiled in, and so only imported, in that
// style. Each returns a preview1 errno, whose numbering is wasi-libc's.

/** Reads into `iovsLen` iovecs at `iovs`; the count goes to `nread`. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_read")
export declare function fd_read(fd: i32, iovs: usize, iovsLen: usize, nread: usize): u16;

/** Writes `iovsLen` iovecs at `iovs`; the count goes to `nwritten`. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_write")
export declare function fd_write(fd: i32, iovs: usize, iovsLen: usize, nwritten: usize): u16;

/** Closes a file descriptor. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_close")
export declare function fd_close(fd: i32): u16;

/** Writes the 24-byte fdstat of `fd` to `buf`; fails with EBADF for a closed descriptor. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_fdstat_get")
export declare function fd_fdstat_get(fd: i32, buf: usize): u16;

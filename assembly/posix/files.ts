// Descriptors below the socket range belong to the WASI file API: read,
// write and close pass through to it. In the shim style that is preview1
// (through wasi-shim's adapter); in the p2 style only stdio exists.
import { get_stdin } from "../wasi/cli/stdin";
import { get_stdout } from "../wasi/cli/stdout";
import { get_stderr } from "../wasi/cli/stderr";
import * as streams from "../wasi/io/streams";
import { RET, isOk, freeList } from "../wasi/abi";
import { fd_read, fd_write, fd_close, fd_fdstat_get } from "../wasi/preview1";
import { EBADF, EIO, EPIPE } from "../defs/errno";

// Scratch for preview1 calls: an iovec, a result count, an fdstat (24 bytes).
const SCRATCH: usize = memory.data(32, 8);
// The p2 style's stdio streams, taken on first use (each get-* makes a new handle).
let stdio: StaticArray<u32> = [0, 0, 0];

export function isOpenFile(fd: i32): bool {
  // @ts-ignore: isDefined
  if (isDefined(ASC_WASI)) return fd_fdstat_get(fd, SCRATCH) == 0;
  return fd >= 0 && fd <= 2;
}

/** read(2) on a file descriptor: a count, or a negative errno. */
export function readFile(fd: i32, buf: usize, len: usize): isize {
  // @ts-ignore: isDefined
  if (isDefined(ASC_WASI)) {
    store<usize>(SCRATCH, buf);
    store<usize>(SCRATCH, len, sizeof<usize>());
    const err = fd_read(fd, SCRATCH, 1, SCRATCH + 16);
    return err == 0 ? <isize>load<usize>(SCRATCH, 16) : -<isize>err;
  }
  if (fd != 0) return -EBADF;
  streams.input_stream_blocking_read(stdioStream(0), <u64>len, RET);
  if (!isOk()) return load<u8>(RET, 4) == streams.stream_error.closed ? 0 : -EIO;
  const data = load<usize>(RET, 4);
  const n = load<u32>(RET, 8);
  if (n > 0) memory.copy(buf, data, n);
  freeList(data);
  return n;
}

/** write(2) on a file descriptor: a count, or a negative errno. */
export function writeFile(fd: i32, buf: usize, len: usize): isize {
  // @ts-ignore: isDefined
  if (isDefined(ASC_WASI)) {
    store<usize>(SCRATCH, buf);
    store<usize>(SCRATCH, len, sizeof<usize>());
    const err = fd_write(fd, SCRATCH, 1, SCRATCH + 16);
    return err == 0 ? <isize>load<usize>(SCRATCH, 16) : -<isize>err;
  }
  if (fd != 1 && fd != 2) return -EBADF;
  const stream = stdioStream(fd);
  let done: usize = 0;
  while (done < len) {
    // The spec caps blocking-write-and-flush at 4096 bytes a call.
    const n = min<usize>(len - done, 4096);
    streams.output_stream_blocking_write_and_flush(stream, buf + done, <u32>n, RET);
    if (!isOk()) return done > 0 ? <isize>done : -EPIPE;
    done += n;
  }
  return <isize>done;
}

/** close(2) on a file descriptor: 0, or a negative errno. */
export function closeFile(fd: i32): i32 {
  // @ts-ignore: isDefined
  if (isDefined(ASC_WASI)) return -<i32>fd_close(fd);
  return fd >= 0 && fd <= 2 ? 0 : -EBADF;
}

function stdioStream(fd: i32): u32 {
  let h = unchecked(stdio[fd]);
  if (h == 0) {
    h = fd == 0 ? get_stdin() : fd == 1 ? get_stdout() : get_stderr();
    unchecked((stdio[fd] = h));
  }
  return h;
}

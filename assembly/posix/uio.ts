// readv(2), writev(2): every iovec, on sockets and on the WASI file API's descriptors.
import { EINVAL } from "../defs/errno";
import { descriptor } from "../net/descriptors";
import { IoList } from "../net/iolist";
import { posixResult, socketResult } from "./errno";
import { readIoList } from "./iovec";
import { readFile, writeFile } from "./files";
import { readSocket } from "./recv";

/**
 * ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
 * `readv(fd: i32, iov: usize, iovcnt: i32): isize` — one receive scattered over the iovecs; iovecs holding
 * 0 bytes in all are 0 at once (nothing consumed, no wait). Errors: EINVAL (iovcnt outside 0..1024, a total
 * over ssize_t), EFAULT, EBADF, and recv's.
 */
export function readv(fd: i32, iov: usize, iovcnt: i32): isize {
  const list = readIoList(iov, iovcnt, EINVAL);
  if (list === null) return -1;
  const d = descriptor(fd);
  if (d !== null) return readSocket(d.socket, list);
  return posixResult(eachSegment(fd, list, false));
}

/**
 * ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
 * `writev(fd: i32, iov: usize, iovcnt: i32): isize` — one send gathered from the iovecs. Iovecs holding
 * 0 bytes in all are 0 at once and send nothing (Linux's vfs_writev stops there, so no empty datagram,
 * where sendmsg sends one). Errors: EINVAL (iovcnt outside 0..1024, a total over ssize_t), EFAULT, EBADF,
 * and send's.
 */
export function writev(fd: i32, iov: usize, iovcnt: i32): isize {
  const list = readIoList(iov, iovcnt, EINVAL);
  if (list === null) return -1;
  const d = descriptor(fd);
  if (d !== null) return list.total == 0 ? 0 : socketResult(d.socket, d.socket.send(list, null, 0));
  return posixResult(eachSegment(fd, list, true));
}

/** A file: segment by segment until one comes back short (or fails after some bytes moved). */
function eachSegment(fd: i32, list: IoList, writing: bool): isize {
  let done: isize = 0;
  for (let i = 0; i < list.count; i++) {
    const len = list.lenAt(i);
    if (len == 0) continue;
    const r = writing ? writeFile(fd, list.ptrAt(i), len) : readFile(fd, list.ptrAt(i), len);
    if (r < 0) return done > 0 ? done : r;
    done += r;
    if (<usize>r < len) break;
  }
  return done;
}

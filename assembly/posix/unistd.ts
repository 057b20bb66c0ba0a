// read(2), write(2), close(2): sockets here, other descriptors to the WASI file API.
import { EFAULT } from "../defs/errno";
import { descriptor, uninstall } from "../net/descriptors";
import { single } from "../net/iolist";
import { posixResult } from "./errno";
import { fail } from "./errno";
import { inMemory } from "./memory";
import { readFile, writeFile, closeFile } from "./files";
import { sendOn } from "./send";
import { readSocket } from "./recv";

/**
 * ssize_t read(int fd, void *buf, size_t len);
 * `read(fd: i32, buf: usize, len: usize): isize` — on a socket, recv without flags, except that 0 bytes asked
 * is 0 at once (nothing consumed, no wait: Linux's sock_read_iter). Errors: EBADF, EFAULT, and recv's.
 */
export function read(fd: i32, buf: usize, len: usize): isize {
  if (!inMemory(buf, len)) return fail(EFAULT);
  const d = descriptor(fd);
  return d === null ? posixResult(readFile(fd, buf, len)) : readSocket(d.socket, single(buf, len));
}

/**
 * ssize_t write(int fd, const void *buf, size_t len);
 * `write(fd: i32, buf: usize, len: usize): isize` — on a socket, send without flags (0 bytes on UDP is an
 * empty datagram, as Linux). Errors: EBADF, EFAULT, and send's.
 */
export function write(fd: i32, buf: usize, len: usize): isize {
  if (!inMemory(buf, len)) return fail(EFAULT);
  const d = descriptor(fd);
  return d === null ? posixResult(writeFile(fd, buf, len)) : sendOn(d.socket, buf, len);
}

/**
 * int close(int fd);
 * `close(fd: i32): i32` — a socket's host resources go with its last descriptor. Errors: EBADF.
 */
export function close(fd: i32): i32 {
  if (uninstall(fd)) return 0;
  return <i32>posixResult(closeFile(fd));
}

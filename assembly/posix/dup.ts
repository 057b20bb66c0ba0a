// dup(2), dup2(2), dup3(2) for socket descriptors: the new number shares the
// socket (and its O_NONBLOCK, which belongs to the open file description, as
// POSIX says); the socket closes with its last descriptor. Numbers below the
// socket range belong to the WASI file API, which has no dup: EBADF there.
import { O_CLOEXEC } from "../defs/fcntl";
import { EBADF, EINVAL, EMFILE } from "../defs/errno";
import { install, installAt, uninstall, descriptor, FIRST_SOCKET_FD } from "../net/descriptors";
import { FD_LIMIT } from "../net/fdtable";
import { descriptorOf } from "./fd";
import { fail } from "./errno";

export function dup(fd: i32): i32 {
  return duplicate(fd, 0, false);
}

/** F_DUPFD / F_DUPFD_CLOEXEC: the lowest free number ≥ `min`. */
export function duplicate(fd: i32, min: i32, cloexec: bool): i32 {
  const d = descriptorOf(fd);
  if (d === null) return -1;
  if (min < 0 || min >= FD_LIMIT) return fail(EINVAL);
  const copy = install(d.socket, cloexec, min);
  if (copy < 0) return fail(EMFILE);
  d.socket.refs++;
  return copy;
}

export function dup2(oldfd: i32, newfd: i32): i32 {
  if (oldfd == newfd) return descriptorOf(oldfd) === null ? -1 : newfd;
  return dup3(oldfd, newfd, 0);
}

export function dup3(oldfd: i32, newfd: i32, flags: i32): i32 {
  if ((flags & ~O_CLOEXEC) != 0 || oldfd == newfd) return fail(EINVAL);
  const d = descriptorOf(oldfd);
  if (d === null) return -1;
  if (newfd < FIRST_SOCKET_FD || newfd >= FD_LIMIT) return fail(EBADF);
  // Closing what newfd held first, silently, as dup2 does.
  if (descriptor(newfd) !== null) uninstall(newfd);
  if (installAt(newfd, d.socket, (flags & O_CLOEXEC) != 0) < 0) return fail(EBADF);
  d.socket.refs++;
  return newfd;
}

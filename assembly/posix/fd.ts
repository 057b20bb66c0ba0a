// From a descriptor number to the socket behind it, with POSIX's errno for
// numbers that are not open (EBADF) or not sockets (ENOTSOCK).
import { descriptor, Descriptor, FIRST_SOCKET_FD } from "../net/descriptors";
import { Socket } from "../net/socket";
import { EBADF, ENOTSOCK } from "../defs/errno";
import { errno_set } from "./errno";
import { isOpenFile } from "./files";

export function descriptorOf(fd: i32): Descriptor | null {
  const d = descriptor(fd);
  if (d === null) errno_set(fd >= 0 && fd < FIRST_SOCKET_FD && isOpenFile(fd) ? ENOTSOCK : EBADF);
  return d;
}

export function socketOf(fd: i32): Socket | null {
  const d = descriptorOf(fd);
  if (d === null) return null;
  // An epoll descriptor is not a socket.
  if (d.socket.type == 0) {
    errno_set(ENOTSOCK);
    return null;
  }
  return d.socket;
}

// ioctl(2) and sockatmark(3) on sockets: FIONBIO, FIONREAD; SIOCATMARK and
// sockatmark are EINVAL on TCP (no out-of-band data exists, see the spec's OOB
// note) and ENOTTY on UDP (Linux has the request for TCP only); any other
// request is ENOTTY, as is any request on a non-socket descriptor.
import { FIONBIO, FIONREAD, SIOCATMARK } from "../defs/fcntl";
import { SOCK_STREAM } from "../defs/socket";
import { EFAULT, EINVAL, ENOTTY, EBADF } from "../defs/errno";
import { descriptor, FIRST_SOCKET_FD } from "../net/descriptors";
import { Socket } from "../net/socket";
import { fail, posixResult } from "./errno";
import { validObject } from "./memory";
import { isOpenFile } from "./files";

/**
 * int ioctl(int fd, unsigned long request, ...);
 * `ioctl(fd: i32, request: i32, argp: usize = 0): i32` — FIONBIO (sets O_NONBLOCK from *argp), FIONREAD (bytes
 * or the next datagram's size into *argp), SIOCATMARK. Errors: EBADF, EFAULT, EINVAL (SIOCATMARK on TCP,
 * FIONREAD on a listener), ENOTTY (another request, SIOCATMARK on UDP, a non-socket descriptor).
 */
export function ioctl(fd: i32, request: i32, argp: usize = 0): i32 {
  const sock = socketOrTty(fd);
  if (sock === null) return -1;
  switch (request) {
    case FIONBIO: {
      if (!validObject(argp, 4)) return fail(EFAULT);
      sock.nonblocking = load<i32>(argp) != 0;
      return 0;
    }
    case FIONREAD: {
      if (!validObject(argp, 4)) return fail(EFAULT);
      const n = sock.pending();
      if (n < 0) return <i32>posixResult(n);
      store<i32>(argp, <i32>min<isize>(n, 0x7fffffff));
      return 0;
    }
    case SIOCATMARK: return atMark(sock);
    default: return fail(ENOTTY);
  }
}

/**
 * int sockatmark(int fd);
 * `sockatmark(fd: i32): i32` — ioctl(fd, SIOCATMARK), as glibc's. Errors: EBADF, EINVAL (TCP: no
 * out-of-band data exists), ENOTTY (UDP, a non-socket descriptor).
 */
export function sockatmark(fd: i32): i32 {
  const sock = socketOrTty(fd);
  return sock === null ? -1 : atMark(sock);
}

/** SIOCATMARK: tcp_ioctl's request, which udp_ioctl does not know (ENOTTY). */
function atMark(sock: Socket): i32 {
  return fail(sock.type == SOCK_STREAM ? EINVAL : ENOTTY);
}

/** The socket behind `fd`; null with EBADF (not open) or ENOTTY (a file: no socket requests apply). */
function socketOrTty(fd: i32): Socket | null {
  const d = descriptor(fd);
  if (d !== null) return d.socket;
  fail(fd >= 0 && fd < FIRST_SOCKET_FD && isOpenFile(fd) ? ENOTTY : EBADF);
  return null;
}

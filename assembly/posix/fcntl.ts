// fcntl(2) on sockets: status flags (O_NONBLOCK, O_APPEND), descriptor flags
// (FD_CLOEXEC) and duplication (F_DUPFD, F_DUPFD_CLOEXEC).
import { F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_DUPFD, F_DUPFD_CLOEXEC, FD_CLOEXEC, O_NONBLOCK, O_APPEND, O_RDWR } from "../defs/fcntl";
import { EINVAL } from "../defs/errno";
import { descriptorOf } from "./fd";
import { fail } from "./errno";
import { duplicate } from "./dup";

/** The status flags F_SETFL can change on a socket (Linux also takes O_ASYNC, O_DIRECT, O_NOATIME: not in this ABI). */
const SETTABLE = O_APPEND;

export function fcntl(fd: i32, cmd: i32, arg: i32 = 0): i32 {
  const d = descriptorOf(fd);
  if (d === null) return -1;
  const sock = d.socket;
  switch (cmd) {
    case F_GETFL: return O_RDWR | sock.statusFlags | (sock.nonblocking ? O_NONBLOCK : 0);
    case F_SETFL: {
      // The access mode and creation flags are ignored, as Linux does.
      sock.nonblocking = (arg & O_NONBLOCK) != 0;
      sock.statusFlags = arg & SETTABLE;
      return 0;
    }
    case F_GETFD: return d.cloexec ? FD_CLOEXEC : 0;
    case F_SETFD: {
      d.cloexec = (arg & FD_CLOEXEC) != 0;
      return 0;
    }
    case F_DUPFD: return duplicate(fd, arg, false);
    case F_DUPFD_CLOEXEC: return duplicate(fd, arg, true);
    default: return fail(EINVAL);
  }
}

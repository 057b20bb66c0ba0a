// fcntl(2) on sockets: the status flags (O_NONBLOCK) and descriptor flags (FD_CLOEXEC).
import { F_GETFD, F_SETFD, F_GETFL, F_SETFL, FD_CLOEXEC, O_NONBLOCK, O_RDWR } from "../defs/fcntl";
import { EINVAL } from "../defs/errno";
import { descriptorOf } from "./fd";
import { fail } from "./errno";

export function fcntl(fd: i32, cmd: i32, arg: i32 = 0): i32 {
  const d = descriptorOf(fd);
  if (d === null) return -1;
  switch (cmd) {
    case F_GETFL: return O_RDWR | (d.socket.nonblocking ? O_NONBLOCK : 0);
    case F_SETFL: {
      // Other status flags cannot be changed on a socket and are ignored, as Linux does.
      d.socket.nonblocking = (arg & O_NONBLOCK) != 0;
      return 0;
    }
    case F_GETFD: return d.cloexec ? FD_CLOEXEC : 0;
    case F_SETFD: {
      d.cloexec = (arg & FD_CLOEXEC) != 0;
      return 0;
    }
    default: return fail(EINVAL);
  }
}

// <poll.h>
export {
  POLLIN, POLLRDNORM, POLLOUT, POLLWRNORM, POLLPRI, POLLERR, POLLHUP, POLLNVAL, POLLRDHUP, nfds_t, pollfd,
} from "../assembly/defs/poll";
export { poll, ppoll } from "../assembly/posix/poll";

// <sys/epoll.h>
export {
  EPOLLIN, EPOLLPRI, EPOLLOUT, EPOLLERR, EPOLLHUP, EPOLLRDNORM, EPOLLWRNORM, EPOLLRDHUP, EPOLLONESHOT, EPOLLET,
  EPOLL_CTL_ADD, EPOLL_CTL_DEL, EPOLL_CTL_MOD, EPOLL_CLOEXEC, epoll_event,
} from "../../assembly/defs/poll";
export { epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait } from "../../assembly/posix/epoll";

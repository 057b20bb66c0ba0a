// <fcntl.h>
export { F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_DUPFD, F_DUPFD_CLOEXEC, FD_CLOEXEC, O_APPEND, O_NONBLOCK, O_RDWR, O_CLOEXEC } from "../assembly/defs/fcntl";
export { fcntl } from "../assembly/posix/fcntl";

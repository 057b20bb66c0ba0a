// <sys/select.h>
export { FD_SETSIZE, fd_set } from "../../assembly/defs/poll";
export { select, pselect, FD_ZERO, FD_SET, FD_CLR, FD_ISSET } from "../../assembly/posix/select";

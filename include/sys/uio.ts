// <sys/uio.h>
export { iovec, IOV_MAX } from "../../assembly/defs/socket";
export { readv, writev } from "../../assembly/posix/uio";

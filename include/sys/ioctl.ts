// <sys/ioctl.h>
export { FIONREAD, FIONBIO, SIOCATMARK } from "../../assembly/defs/fcntl";
export { ioctl } from "../../assembly/posix/ioctl";

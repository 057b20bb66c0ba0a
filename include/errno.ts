// <errno.h>
export * from "../assembly/posix/defs/errno";
export { errno, strerror } from "../assembly/posix/errno";

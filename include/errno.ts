// <errno.h>
export * from "../assembly/defs/errno";
export { errno, strerror } from "../assembly/posix/errno";

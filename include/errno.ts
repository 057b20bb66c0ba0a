// <errno.h>
export * from "../assembly/posix/defs/errno";

// <errno.h>
export * from "../assembly/defs/errno";
/** `errno` reads the last error; AssemblyScript cannot assign an imported variable, so `errno_set(0)` stands for C's `errno = 0`. */
export { errno, errno_set, strerror } from "../assembly/posix/errno";

// <unistd.h>
export { read, write, close } from "../assembly/posix/unistd";
export { dup, dup2, dup3 } from "../assembly/posix/dup";

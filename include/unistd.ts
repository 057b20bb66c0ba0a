// <unistd.h>
export { read, write, close } from "../assembly/posix/unistd";

// Compiled as a second entry file into every program by the build tool: the
// host calls cabi_realloc to place returned lists and strings in guest memory.
export { cabi_realloc } from "as-posix-sockets/assembly/wasi/abi";

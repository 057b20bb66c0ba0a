// as-posix-sockets: the BSD socket API on WASI Preview 2 wasi:sockets.
// The package root re-exports every header under include/.
export * from "./include/sys/socket";
export { readv, writev, IOV_MAX } from "./include/sys/uio";
export * from "./include/time";
export * from "./include/netinet/in";
export * from "./include/netinet/tcp";
export * from "./include/arpa/inet";
export * from "./include/netdb";
export * from "./include/unistd";
export * from "./include/fcntl";
export * from "./include/sys/ioctl";
export * from "./include/poll";
export * from "./include/sys/select";
export * from "./include/sys/epoll";
export * from "./include/sys/time";
export * from "./include/asps";
export * from "./include/errno";

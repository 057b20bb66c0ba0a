// The process's socket descriptors. Numbers start above those the WASI file
// API uses: in the p2 style only stdio (0-2) exists; in the shim style the
// preview1 adapter hands out small dense numbers for stdio, preopens and
// files, so sockets start at 1024 and can never collide with them.
import { FdTable } from "./fdtable";
import { Socket } from "./socket";
import { retire } from "./linger";

// @ts-ignore: isDefined
export const FIRST_SOCKET_FD: i32 = isDefined(ASC_WASI) ? 1024 : 3;

export class Descriptor {
  constructor(public socket: Socket, public cloexec: bool) {}
}

const table = new FdTable<Descriptor>(FIRST_SOCKET_FD);

/** A new descriptor for `socket` (the lowest free number ≥ `min`), or -1 when the table is full. */
export function install(socket: Socket, cloexec: bool, min: i32 = 0): i32 {
  return table.allocate(new Descriptor(socket, cloexec), min);
}

/** A descriptor for `socket` at exactly `fd` (free, and in the socket range), or -1. */
export function installAt(fd: i32, socket: Socket, cloexec: bool): i32 {
  return table.allocateAt(fd, new Descriptor(socket, cloexec));
}

export function descriptor(fd: i32): Descriptor | null {
  return table.get(fd);
}

/**
 * Called with a socket whose last descriptor closed (epoll instances forget
 * it): Linux keys an interest by the open file, which a dup keeps open.
 */
const closeListeners: Array<(socket: Socket) => void> = [];

export function onClose(listener: (socket: Socket) => void): void {
  closeListeners.push(listener);
}

/** Closes a socket descriptor; the socket's host resources go with its last descriptor. */
export function uninstall(fd: i32): bool {
  const d = table.release(fd);
  if (d === null) return false;
  if (--d.socket.refs == 0) {
    for (let i = 0; i < closeListeners.length; i++) closeListeners[i](d.socket);
    retire(d.socket);
  }
  return true;
}

// read(2), write(2), close(2): sockets here, other descriptors to the WASI file API.
import { EFAULT } from "../defs/errno";
import { descriptor, uninstall } from "../net/descriptors";
import { posixResult } from "./errno";
import { fail } from "./errno";
import { inMemory } from "./memory";
import { readFile, writeFile, closeFile } from "./files";
import { sendOn } from "./send";
import { receiveOn } from "./recv";

export function read(fd: i32, buf: usize, len: usize): isize {
  if (!inMemory(buf, len)) return fail(EFAULT);
  const d = descriptor(fd);
  return d === null ? posixResult(readFile(fd, buf, len)) : receiveOn(d.socket, buf, len);
}

export function write(fd: i32, buf: usize, len: usize): isize {
  if (!inMemory(buf, len)) return fail(EFAULT);
  const d = descriptor(fd);
  return d === null ? posixResult(writeFile(fd, buf, len)) : sendOn(d.socket, buf, len);
}

export function close(fd: i32): i32 {
  if (uninstall(fd)) return 0;
  return <i32>posixResult(closeFile(fd));
}

// iovec arrays from the caller: checked once (count, memory, total) and
// turned into the net layer's IoList.
import { IOV_MAX } from "../defs/socket";
import { EFAULT, EINVAL } from "../defs/errno";
import { IoList, IOVEC_SIZE } from "../net/iolist";
import { inMemory } from "./memory";
import { errno_set } from "./errno";

/** The largest byte count a call may move (ssize_t). */
const MAX_TOTAL: usize = 0x7fffffff;

/**
 * The list of `count` iovecs at `iov`, or null with errno set: `tooMany`
 * (EMSGSIZE for the message calls, EINVAL for readv/writev, as Linux) for a
 * count outside 0..IOV_MAX, EFAULT for memory outside the module, EINVAL when
 * the total overflows ssize_t.
 */
export function readIoList(iov: usize, count: i32, tooMany: i32): IoList | null {
  if (count < 0 || count > IOV_MAX) return failed(tooMany);
  if (!inMemory(iov, <usize>count * IOVEC_SIZE) || (count > 0 && iov == 0)) return failed(EFAULT);
  const list = new IoList(iov, count, 0);
  let total: usize = 0;
  for (let i = 0; i < count; i++) {
    const len = list.lenAt(i);
    if (!inMemory(list.ptrAt(i), len)) return failed(EFAULT);
    total += len;
    if (total > MAX_TOTAL) return failed(EINVAL);
  }
  list.total = total;
  return list;
}

function failed(code: i32): IoList | null {
  errno_set(code);
  return null;
}

// The bytes of one send or receive: a list of (pointer, length) segments laid
// out as C's iovec array. Every data call — send, write, sendto, sendmsg,
// writev, recv and the rest — hands the socket one of these, so there is one
// send path and one receive path per socket type. The POSIX layer checks that
// every segment lies in memory before it builds the list.

/** Bytes of one iovec on wasm32: iov_base u32 @0, iov_len u32 @4. */
export const IOVEC_SIZE: usize = 8;

export class IoList {
  /** `base` points to `count` iovecs; `total` is the sum of their lengths. */
  constructor(public base: usize, public count: i32, public total: usize) {}

  ptrAt(i: i32): usize {
    return load<usize>(this.base + <usize>i * IOVEC_SIZE);
  }
  lenAt(i: i32): usize {
    return load<usize>(this.base + <usize>i * IOVEC_SIZE, 4);
  }

  /** Copies `n` bytes from `src` into the segments, starting `offset` bytes in. */
  scatter(offset: usize, src: usize, n: usize): void {
    let skip = offset;
    for (let i = 0; i < this.count && n > 0; i++) {
      const len = this.lenAt(i);
      if (skip >= len) {
        skip -= len;
        continue;
      }
      const k = min(len - skip, n);
      memory.copy(this.ptrAt(i) + skip, src, k);
      src += k;
      n -= k;
      skip = 0;
    }
  }

  /** Copies every segment, in order, to `dst` (which has room for `total` bytes). */
  gather(dst: usize): void {
    for (let i = 0; i < this.count; i++) {
      const len = this.lenAt(i);
      // An empty segment's base may be anything (Linux never reads it); wasm would bounds-check it.
      if (len > 0) memory.copy(dst, this.ptrAt(i), len);
      dst += len;
    }
  }

  /** The index of the segment holding byte `offset`, and that byte's position in it (via `within`). */
  segmentOf(offset: usize): i32 {
    let i = 0;
    while (i < this.count && offset >= this.lenAt(i)) offset -= this.lenAt(i++);
    within = offset;
    return i;
  }
}

/** Set by segmentOf: the offset inside the segment it returned. */
export let within: usize = 0;

// The list for calls that take one buffer (send, recv, read, write...): one iovec, reused.
const ONE: usize = memory.data(<i32>IOVEC_SIZE, 4);
const SINGLE = new IoList(ONE, 1, 0);

/** The one-segment list for (buf, len); valid until the next call. */
export function single(buf: usize, len: usize): IoList {
  store<usize>(ONE, buf);
  store<usize>(ONE, len, 4);
  SINGLE.total = len;
  return SINGLE;
}

// The descriptor table: small integers → entries, O(1) lookup, and the
// lowest free number (POSIX requires it) found without scanning the table:
// freed numbers wait in a min-heap; numbers above the high-water mark have
// never been used.
//
// The heap is allowed to hold stale numbers (a freed number later taken
// explicitly by dup2); `allocate` skips them, so every operation stays
// O(log n).

/** Linux's default RLIMIT_NOFILE soft limit: the table refuses to grow past it (EMFILE). */
export const FD_LIMIT: i32 = 1024 * 64;

export class FdTable<T> {
  private slots: Array<T | null> = [];
  private freeHeap: Array<i32> = [];
  private used: i32 = 0;

  /** `base` is the first number this table hands out (numbers below it belong to stdio or the WASI file API). */
  constructor(public readonly base: i32, public readonly limit: i32 = FD_LIMIT) {}

  get size(): i32 {
    return this.used;
  }

  get(fd: i32): T | null {
    const i = fd - this.base;
    if (i < 0 || i >= this.slots.length) return null;
    return unchecked(this.slots[i]);
  }

  /** Stores `entry` under the lowest free number ≥ `minFd` (and ≥ base); -1 when the limit is reached. */
  allocate(entry: T, minFd: i32 = 0): i32 {
    const low = max(minFd, this.base) - this.base;
    if (low == 0) {
      // The common case: lowest free overall.
      while (this.freeHeap.length > 0) {
        const i = this.popMin();
        if (i < this.slots.length && unchecked(this.slots[i]) === null) return this.place(i, entry);
      }
      return this.place(this.slots.length, entry);
    }
    // F_DUPFD with a floor: the first free slot at or above it.
    for (let i = low; i < this.slots.length; i++) {
      if (unchecked(this.slots[i]) === null) return this.place(i, entry);
    }
    return this.place(max(low, this.slots.length), entry);
  }

  /** Stores `entry` under exactly `fd` (dup2). The caller closes what was there first. */
  allocateAt(fd: i32, entry: T): i32 {
    const i = fd - this.base;
    if (i < 0) return -1;
    return this.place(i, entry);
  }

  /** Frees `fd`; returns what it held (null if it was free). */
  release(fd: i32): T | null {
    const i = fd - this.base;
    if (i < 0 || i >= this.slots.length) return null;
    const entry = unchecked(this.slots[i]);
    if (entry === null) return null;
    unchecked((this.slots[i] = null));
    this.used--;
    this.pushFree(i);
    return entry;
  }

  private place(i: i32, entry: T): i32 {
    if (i + this.base >= this.limit) return -1;
    // Numbers skipped over (dup2 far above the mark) become free numbers.
    for (let j = this.slots.length; j < i; j++) {
      this.slots.push(null);
      this.pushFree(j);
    }
    if (i == this.slots.length) this.slots.push(entry);
    else unchecked((this.slots[i] = entry));
    this.used++;
    return i + this.base;
  }

  private pushFree(i: i32): void {
    const heap = this.freeHeap;
    heap.push(i);
    let k = heap.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (unchecked(heap[parent]) <= i) break;
      unchecked((heap[k] = heap[parent]));
      k = parent;
    }
    unchecked((heap[k] = i));
  }

  private popMin(): i32 {
    const heap = this.freeHeap;
    const top = unchecked(heap[0]);
    const last = heap.pop();
    const n = heap.length;
    if (n > 0) {
      let k = 0;
      while (true) {
        let child = 2 * k + 1;
        if (child >= n) break;
        if (child + 1 < n && unchecked(heap[child + 1]) < unchecked(heap[child])) child++;
        if (unchecked(heap[child]) >= last) break;
        unchecked((heap[k] = heap[child]));
        k = child;
      }
      unchecked((heap[k] = last));
    }
    return top;
  }
}

// The pollables one poll() waits on, and which entry each belongs to. One
// set is reused by every call (its buffers only grow), so a steady-state
// poll allocates nothing.

export class PollSet {
  /** u32 pollable handles, as wasi:io/poll.poll takes them. */
  handles: usize = 0;
  /** i32 entry index for each handle. */
  owners: usize = 0;
  /** i32 POLL* interest each handle signals (so a fired pollable is confirmed for its own direction only). */
  signals: usize = 0;
  count: i32 = 0;
  private capacity: i32 = 0;

  reset(): void {
    this.count = 0;
  }

  /** `handle` signals a change in `events` (POLLIN, POLLOUT or both) of entry `owner`. */
  add(handle: u32, owner: i32, events: i32): void {
    if (this.count == this.capacity) this.grow();
    store<u32>(this.handles + (<usize>this.count << 2), handle);
    store<i32>(this.owners + (<usize>this.count << 2), owner);
    store<i32>(this.signals + (<usize>this.count << 2), events);
    this.count++;
  }

  handleAt(i: i32): u32 {
    return load<u32>(this.handles + (<usize>i << 2));
  }

  ownerAt(i: i32): i32 {
    return load<i32>(this.owners + (<usize>i << 2));
  }

  signalsAt(i: i32): i32 {
    return load<i32>(this.signals + (<usize>i << 2));
  }

  /** Every handle of `other`, for entry `owner`, each signalling `events` (a nested epoll instance's pollables). */
  addAll(other: PollSet, owner: i32, events: i32): void {
    for (let i = 0; i < other.count; i++) this.add(other.handleAt(i), owner, events);
  }

  private grow(): void {
    // One spare slot: the timer goes after the last pollable.
    const capacity = max(16, this.capacity * 2);
    this.handles = grow(this.handles, <usize>(capacity + 1) << 2);
    this.owners = grow(this.owners, <usize>capacity << 2);
    this.signals = grow(this.signals, <usize>capacity << 2);
    this.capacity = capacity;
  }

  /** Room for the timer after the pollables (grow keeps one spare slot). */
  ensureTimerSlot(): void {
    if (this.capacity == 0) this.grow();
  }
}

/** heap.realloc that also takes a null pointer (heap.realloc does not). */
function grow(ptr: usize, size: usize): usize {
  return ptr == 0 ? heap.alloc(size) : heap.realloc(ptr, size);
}

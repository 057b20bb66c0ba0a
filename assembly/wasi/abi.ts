// Canonical-ABI helpers shared by every binding.
//
// Calls with more than one flat result write it to a return area the guest
// passes as the last argument. The library is single-threaded and the host
// never calls back into the guest during an import (except cabi_realloc,
// which does not use it), so one static area serves every call: read what
// you need from RET before the next host call.

/** The shared return area: 64 bytes, 8-aligned (the largest result is 36 bytes). */
export const RET: usize = memory.data(64, 8);

/**
 * Called by the host to place returned lists and strings in guest memory.
 * Unmanaged heap memory: the GC never moves or frees it; whoever receives a
 * host-allocated list frees it with `heap.free` (see `freeList`).
 * heap.alloc aligns to 16 bytes, more than any canonical-ABI type needs.
 */
export function cabi_realloc(oldPtr: usize, oldSize: usize, align: usize, newSize: usize): usize {
  // An empty list gets a shared, never-freed address: a would-block read
  // returns one each time, and a heap block per empty read would add up.
  if (newSize == 0) return EMPTY_LIST;
  if (oldPtr == 0 && lent != 0 && newSize <= lentSize) {
    const p = lent;
    lent = 0;
    return p;
  }
  hostAllocations++;
  if (oldPtr == 0 || oldPtr == EMPTY_LIST) return heap.alloc(newSize);
  return heap.realloc(oldPtr, newSize);
}

/** Heap blocks cabi_realloc has handed the host (for tests and benchmarks: calls that should allocate nothing). */
export let hostAllocations: u32 = 0;

// A buffer the caller lends for the next list the host returns, so a call
// made again and again (poll) allocates nothing: the list lands in the
// caller's buffer when it fits.
let lent: usize = 0;
let lentSize: usize = 0;

/** The next list the host returns goes to `ptr` if it fits in `size` bytes (until endLending). */
export function lendNextList(ptr: usize, size: usize): void {
  lent = ptr;
  lentSize = size;
}

/** Takes the loan back (the host may not have used it). */
export function endLending(): void {
  lent = 0;
}

/** Where every empty list the host returns points (16-aligned: any element type fits). */
const EMPTY_LIST: usize = memory.data(16, 16);

/** Frees a list the host allocated through cabi_realloc (a no-op for an empty list). */
// @ts-ignore: decorator
@inline export function freeList(ptr: usize): void {
  if (ptr != 0 && ptr != EMPTY_LIST) heap.free(ptr);
}

// result<T, E>: the tag is the first byte (0 = ok, 1 = err); the payload
// follows at the alignment of the widest case. These name the offsets.

/** Whether the result in `ret` is ok. */
// @ts-ignore: decorator
@inline export function isOk(ret: usize = RET): bool {
  return load<u8>(ret) == 0;
}

/** Payload offset of result<_, error-code>, result<bool|u8, error-code>. */
export const PAYLOAD_1: usize = 1;
/** Payload offset of results whose widest case is 4-aligned (handles, u32, addresses, lists). */
export const PAYLOAD_4: usize = 4;
/** Payload offset of results whose widest case is 8-aligned (u64). */
export const PAYLOAD_8: usize = 8;

/** The error-code of a failed result whose payload starts at `offset`. */
// @ts-ignore: decorator
@inline export function errorCodeAt(offset: usize, ret: usize = RET): u8 {
  return load<u8>(ret + offset);
}

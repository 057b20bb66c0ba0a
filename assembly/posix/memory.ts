// Guest-memory checks: a pointer range outside linear memory is EFAULT, never
// a trap, as the kernel answers a bad user pointer.

/** Whether [ptr, ptr+len) lies inside linear memory (len 0 is always fine). */
export function inMemory(ptr: usize, len: usize): bool {
  if (len == 0) return true;
  const end = ptr + len;
  if (end < ptr) return false; // wrapped around
  return end <= (<usize>memory.size() << 16);
}

/** Whether a non-null pointer to a `size`-byte object lies inside memory. */
export function validObject(ptr: usize, size: usize): bool {
  return ptr != 0 && inMemory(ptr, size);
}

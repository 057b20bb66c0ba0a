// wasi:io/poll@0.2.0
//
// resource pollable: a readiness event (socket connected, bytes available,
// timer expired). Every blocking POSIX call waits on one of these.

export type pollable = u32;

/**
 * Whether the event has happened; never blocks.
 * WIT: `[method]pollable.ready: func() -> bool`
 */
// @ts-ignore: decorator
@external("wasi:io/poll@0.2.0", "[method]pollable.ready")
export declare function pollable_ready(self: pollable): bool;

/**
 * Blocks until the event has happened.
 * WIT: `[method]pollable.block: func()`
 */
// @ts-ignore: decorator
@external("wasi:io/poll@0.2.0", "[method]pollable.block")
export declare function pollable_block(self: pollable): void;

/**
 * Blocks until at least one of `in` is ready; returns the indices of the ready ones.
 * WIT: `poll: func(in: list<borrow<pollable>>) -> list<u32>`
 * `list`/`len`: an array of u32 handles. Writes the result list to `ret`:
 * @0 ptr, @4 count (u32 elements, allocated with cabi_realloc; free it).
 * The host traps on an empty list.
 */
// @ts-ignore: decorator
@external("wasi:io/poll@0.2.0", "poll")
export declare function poll(list: usize, len: u32, ret: usize): void;

/** Drops a pollable. Drop pollables before the resource they watch. */
// @ts-ignore: decorator
@external("wasi:io/poll@0.2.0", "[resource-drop]pollable")
export declare function pollable_drop(self: pollable): void;

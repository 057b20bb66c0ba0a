// wasi:io/streams@0.2.0
//
// A TCP connection's bytes flow through an input-stream and an
// output-stream. Every operation returns result<T, stream-error>, where
//   stream-error = variant { last-operation-failed(own<error>), closed }.
// Layouts written to `ret` (tag @0: 0 ok, 1 err):
//   result<list<u8>, stream-error>: ok: @4 ptr, @8 len | err: @4 case (0 failed, 1 closed), @8 error handle
//   result<u64, stream-error>:      ok: @8 u64         | err: @8 case, @12 error handle
//   result<_, stream-error>:        err: @4 case, @8 error handle

import { pollable } from "./poll";

export type input_stream = u32;
export type output_stream = u32;

/** stream-error cases. */
export namespace stream_error {
  export const last_operation_failed: u8 = 0;
  export const closed: u8 = 1;
}

/**
 * Reads up to `len` bytes without blocking; an empty list means none are available yet.
 * WIT: `[method]input-stream.read: func(len: u64) -> result<list<u8>, stream-error>`
 * The list is allocated with cabi_realloc: free it.
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]input-stream.read")
export declare function input_stream_read(self: input_stream, len: u64, ret: usize): void;

/**
 * Reads up to `len` bytes, blocking until at least one is available or the stream ends.
 * WIT: `[method]input-stream.blocking-read: func(len: u64) -> result<list<u8>, stream-error>`
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]input-stream.blocking-read")
export declare function input_stream_blocking_read(self: input_stream, len: u64, ret: usize): void;

/**
 * Skips up to `len` bytes without blocking; returns how many were skipped.
 * WIT: `[method]input-stream.skip: func(len: u64) -> result<u64, stream-error>`
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]input-stream.skip")
export declare function input_stream_skip(self: input_stream, len: u64, ret: usize): void;

/**
 * Skips up to `len` bytes, blocking until at least one is available or the stream ends.
 * WIT: `[method]input-stream.blocking-skip: func(len: u64) -> result<u64, stream-error>`
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]input-stream.blocking-skip")
export declare function input_stream_blocking_skip(self: input_stream, len: u64, ret: usize): void;

/**
 * A pollable that is ready when bytes are available or the stream has ended.
 * WIT: `[method]input-stream.subscribe: func() -> pollable`
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]input-stream.subscribe")
export declare function input_stream_subscribe(self: input_stream): pollable;

/** Drops an input-stream (after its pollables). */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[resource-drop]input-stream")
export declare function input_stream_drop(self: input_stream): void;

/**
 * How many bytes `write` accepts now (0: wait on the stream's pollable).
 * WIT: `[method]output-stream.check-write: func() -> result<u64, stream-error>`
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]output-stream.check-write")
export declare function output_stream_check_write(self: output_stream, ret: usize): void;

/**
 * Writes bytes without blocking; at most what check-write last allowed (more traps).
 * WIT: `[method]output-stream.write: func(contents: list<u8>) -> result<_, stream-error>`
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]output-stream.write")
export declare function output_stream_write(self: output_stream, ptr: usize, len: u32, ret: usize): void;

/**
 * Writes up to 4096 bytes and blocks until they are flushed.
 * WIT: `[method]output-stream.blocking-write-and-flush: func(contents: list<u8>) -> result<_, stream-error>`
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]output-stream.blocking-write-and-flush")
export declare function output_stream_blocking_write_and_flush(self: output_stream, ptr: usize, len: u32, ret: usize): void;

/**
 * Starts flushing what was written; completion shows as check-write's budget returning.
 * WIT: `[method]output-stream.flush: func() -> result<_, stream-error>`
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]output-stream.flush")
export declare function output_stream_flush(self: output_stream, ret: usize): void;

/**
 * Flushes and blocks until everything written has been handed to the network.
 * WIT: `[method]output-stream.blocking-flush: func() -> result<_, stream-error>`
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]output-stream.blocking-flush")
export declare function output_stream_blocking_flush(self: output_stream, ret: usize): void;

/**
 * A pollable that is ready when check-write would return a non-zero budget or an error.
 * WIT: `[method]output-stream.subscribe: func() -> pollable`
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]output-stream.subscribe")
export declare function output_stream_subscribe(self: output_stream): pollable;

/**
 * Writes `len` zero bytes without blocking (within the check-write budget).
 * WIT: `[method]output-stream.write-zeroes: func(len: u64) -> result<_, stream-error>`
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]output-stream.write-zeroes")
export declare function output_stream_write_zeroes(self: output_stream, len: u64, ret: usize): void;

/**
 * Writes up to 4096 zero bytes and blocks until they are flushed.
 * WIT: `[method]output-stream.blocking-write-zeroes-and-flush: func(len: u64) -> result<_, stream-error>`
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]output-stream.blocking-write-zeroes-and-flush")
export declare function output_stream_blocking_write_zeroes_and_flush(self: output_stream, len: u64, ret: usize): void;

/**
 * Moves up to `len` bytes from `src` to this stream without blocking; returns how many moved.
 * WIT: `[method]output-stream.splice: func(src: borrow<input-stream>, len: u64) -> result<u64, stream-error>`
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]output-stream.splice")
export declare function output_stream_splice(self: output_stream, src: input_stream, len: u64, ret: usize): void;

/**
 * Like splice, blocking until at least one byte moved or `src` ended.
 * WIT: `[method]output-stream.blocking-splice: func(src: borrow<input-stream>, len: u64) -> result<u64, stream-error>`
 */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[method]output-stream.blocking-splice")
export declare function output_stream_blocking_splice(self: output_stream, src: input_stream, len: u64, ret: usize): void;

/** Drops an output-stream (after its pollables). */
// @ts-ignore: decorator
@external("wasi:io/streams@0.2.0", "[resource-drop]output-stream")
export declare function output_stream_drop(self: output_stream): void;

// The fake host's script API (tests/fake-host/host.js), for specs.
// `field` names an import, e.g. "[method]tcp-socket.accept".

// @ts-ignore: decorator
@external("fake-host", "reset") export declare function fake_reset(): void;
/** Live resources of every type. */
// @ts-ignore: decorator
@external("fake-host", "live_handles") export declare function fake_live_handles(): i32;
/** Live resources of one type ("tcp-socket", "pollable", "input-stream", …). */
// @ts-ignore: decorator
@external("fake-host", "live_of") export declare function fake_live_of(type: string): i32;
/** Calls made to one import since the last reset. */
// @ts-ignore: decorator
@external("fake-host", "calls") export declare function fake_calls(field: string): i32;
/** Calls made to all imports since the last reset. */
// @ts-ignore: decorator
@external("fake-host", "total_calls") export declare function fake_total_calls(): i32;
/** The next `n` calls of `field` fail with error-code `code`. */
// @ts-ignore: decorator
@external("fake-host", "fail_next") export declare function fake_fail_next(field: string, code: i32, n: i32): void;
/** The next `n` calls of stream function `field` fail: closed, or last-operation-failed with network error-code `code`. */
// @ts-ignore: decorator
@external("fake-host", "fail_stream_next") export declare function fake_fail_stream_next(field: string, closed: bool, code: i32, n: i32): void;
/** The next `n` calls of `field` report would-block; blocking on the matching pollable lets them pass. */
// @ts-ignore: decorator
@external("fake-host", "would_block") export declare function fake_would_block(field: string, n: i32): void;
/** A client connects to the listening socket. */
// @ts-ignore: decorator
@external("fake-host", "queue_connection") export declare function fake_queue_connection(listener: u32): void;
/** Bytes arrive on an input-stream as one chunk. */
// @ts-ignore: decorator
@external("fake-host", "deliver") export declare function fake_deliver(stream: u32, ptr: usize, len: u32): void;
/** The peer finished sending: once the chunks are read, reads report closed. */
// @ts-ignore: decorator
@external("fake-host", "close_input") export declare function fake_close_input(stream: u32): void;
/** Copies up to `cap` written bytes of an output-stream to `ptr`; returns the total written. */
// @ts-ignore: decorator
@external("fake-host", "written") export declare function fake_written(stream: u32, ptr: usize, cap: u32): u32;
/** check-write's budget for an output-stream. */
// @ts-ignore: decorator
@external("fake-host", "set_write_budget") export declare function fake_set_write_budget(stream: u32, n: u32): void;
/** A datagram from 127.0.0.1:`port` arrives on an incoming-datagram-stream. */
// @ts-ignore: decorator
@external("fake-host", "queue_datagram") export declare function fake_queue_datagram(incoming: u32, ptr: usize, len: u32, port: u16): void;
/** The fake monotonic clock, in nanoseconds. */
// @ts-ignore: decorator
@external("fake-host", "now") export declare function fake_now(): u64;

// The fake host's script API (tests/fake-host/host.js), for specs.
//
// `field` names a lowered import exactly as the core module imports it, e.g.
// "[method]tcp-socket.accept", "create-tcp-socket", "[resource-drop]pollable".
// A name no import has makes the call throw (the spec fails), so typos show.
// Handles are the raw wasi handles (u32) the bindings return.
// Every script is forgotten by fake_reset(); call it in beforeEach.

// ---- state and counters ---------------------------------------------------------

/** Forgets every resource except networks, every script and counter; the clock restarts. */
// @ts-ignore: decorator
@external("fake-host", "reset") export declare function fake_reset(): void;
/** Zeroes the per-import call counters only. */
// @ts-ignore: decorator
@external("fake-host", "reset_calls") export declare function fake_reset_calls(): void;
/** Live resources of every type except network (the library keeps one for the whole program). */
// @ts-ignore: decorator
@external("fake-host", "live_handles") export declare function fake_live_handles(): i32;
/** Live resources of one type: "tcp-socket", "udp-socket", "input-stream", "output-stream", "pollable", "error", "network", "resolve-address-stream", "incoming-datagram-stream", "outgoing-datagram-stream". */
// @ts-ignore: decorator
@external("fake-host", "live_of") export declare function fake_live_of(type: string): i32;
/** Whether a handle is live. */
// @ts-ignore: decorator
@external("fake-host", "is_live") export declare function fake_is_live(handle: u32): bool;
/** Calls made to one import since the last reset / reset_calls. */
// @ts-ignore: decorator
@external("fake-host", "calls") export declare function fake_calls(field: string): i32;
/** Calls made to all wasi imports since the last reset / reset_calls. */
// @ts-ignore: decorator
@external("fake-host", "total_calls") export declare function fake_total_calls(): i32;

// ---- failures and would-block -------------------------------------------------------

/** The next `n` calls of `field` (any import returning result<_, error-code>) fail with error-code `code`. A failed finish-connect (other than would-block) leaves the socket closed, as wasmtime does. */
// @ts-ignore: decorator
@external("fake-host", "fail_next") export declare function fake_fail_next(field: string, code: i32, n: i32): void;
/** The next `n` calls of stream function `field` fail: `closed`, or last-operation-failed with an error resource whose network-error-code is `code` (-1: none). The stream reports closed afterwards. */
// @ts-ignore: decorator
@external("fake-host", "fail_stream_next") export declare function fake_fail_stream_next(field: string, closed: bool, code: i32, n: i32): void;
/**
 * The next `n` calls of `field` report would-block: finish-bind/-listen/-connect, accept and
 * resolve-next-address fail with would-block; read and skip return nothing; check-write and
 * check-send permit 0; receive returns no datagram. The matching pollable is not ready while
 * some are left; pollable.block (or poll) on it uses them all up ("time passes").
 */
// @ts-ignore: decorator
@external("fake-host", "would_block") export declare function fake_would_block(field: string, n: i32): void;

/** `field` reports would-block until the next reset, and its pollable never becomes ready: only a timer ends a wait on it. */
// @ts-ignore: decorator
@external("fake-host", "stall") export declare function fake_stall(field: string): void;

// ---- TCP peers ---------------------------------------------------------------------

/** A client from 127.0.0.1 (or ::1) and a fresh port connects to the listening socket. */
// @ts-ignore: decorator
@external("fake-host", "queue_connection") export declare function fake_queue_connection(listener: u32): void;
/** A client from 127.0.0.1 (or ::1) and `port` connects to the listening socket. */
// @ts-ignore: decorator
@external("fake-host", "queue_connection_from") export declare function fake_queue_connection_from(listener: u32, port: u16): void;
/** The input (which = 0) or output (1) stream of a TCP socket, incoming (0) or outgoing (1) of a UDP socket; 0 if none. */
// @ts-ignore: decorator
@external("fake-host", "stream_of") export declare function fake_stream_of(socket: u32, which: i32): u32;
/** Bytes arrive on an input-stream as one chunk (one read returns at most one chunk). */
// @ts-ignore: decorator
@external("fake-host", "deliver") export declare function fake_deliver(stream: u32, ptr: usize, len: u32): void;
/** Bytes arrive on an input-stream in chunks of `chunk` bytes. */
// @ts-ignore: decorator
@external("fake-host", "deliver_chunks") export declare function fake_deliver_chunks(stream: u32, ptr: usize, len: u32, chunk: u32): void;
/** The peer finished sending: once the delivered chunks are read, reads report closed. */
// @ts-ignore: decorator
@external("fake-host", "close_input") export declare function fake_close_input(stream: u32): void;
/** The connection is reset: unread input is lost; the next operation on each stream fails with last-operation-failed(`code`), then closed. */
// @ts-ignore: decorator
@external("fake-host", "reset_peer") export declare function fake_reset_peer(socket: u32, code: i32): void;
/** Copies up to `cap` bytes written to an output-stream (also after its drop) to `ptr`; returns the total written. */
// @ts-ignore: decorator
@external("fake-host", "written") export declare function fake_written(stream: u32, ptr: usize, cap: u32): u32;
/** What check-write permits on an output-stream from now on (default 65536). */
// @ts-ignore: decorator
@external("fake-host", "set_write_budget") export declare function fake_set_write_budget(stream: u32, n: u32): void;
/** The peer takes `n` bytes, then nothing until the program waits on the stream (it drains meanwhile). */
@external("fake-host", "set_write_space") export declare function fake_set_write_space(stream: u32, n: u32): void;

// ---- UDP -----------------------------------------------------------------------------

/** A datagram from 127.0.0.1 (or ::1):`port` arrives; `handle` is the UDP socket or its incoming stream. */
// @ts-ignore: decorator
@external("fake-host", "queue_datagram") export declare function fake_queue_datagram(handle: u32, ptr: usize, len: u32, port: u16): void;
/** What check-send permits on an outgoing-datagram-stream from now on (default 64). */
// @ts-ignore: decorator
@external("fake-host", "set_send_budget") export declare function fake_set_send_budget(stream: u32, n: u32): void;
/** Datagrams sent on an outgoing-datagram-stream (also after its drop). */
// @ts-ignore: decorator
@external("fake-host", "sent_count") export declare function fake_sent_count(stream: u32): i32;
/** Copies up to `cap` bytes of sent datagram `i` to `ptr`; returns its length, -1 if there is none. */
// @ts-ignore: decorator
@external("fake-host", "sent_datagram") export declare function fake_sent_datagram(stream: u32, i: i32, ptr: usize, cap: u32): i32;
/** The port sent datagram `i` was addressed to; -1 when it was sent without an address (or does not exist). */
// @ts-ignore: decorator
@external("fake-host", "sent_port") export declare function fake_sent_port(stream: u32, i: i32): i32;

// ---- name lookup and clock ---------------------------------------------------------

/** `name` also resolves to a.b.c.d ("localhost" resolves to 127.0.0.1 and ::1; literals to themselves). */
// @ts-ignore: decorator
@external("fake-host", "add_host_v4") export declare function fake_add_host_v4(name: string, a: u8, b: u8, c: u8, d: u8): void;
/** The fake monotonic clock, in nanoseconds. */
// @ts-ignore: decorator
@external("fake-host", "now") export declare function fake_now(): u64;
/** Moves the fake monotonic clock forward. */
// @ts-ignore: decorator
@external("fake-host", "advance_clock") export declare function fake_advance_clock(ns: u64): void;

// ---- conveniences ------------------------------------------------------------------

/** Delivers the UTF-8 bytes of `text` to an input-stream, in chunks of `chunk` bytes (0: one chunk). */
export function fakeDeliverText(stream: u32, text: string, chunk: u32 = 0): void {
  const data = String.UTF8.encode(text);
  if (chunk == 0) fake_deliver(stream, changetype<usize>(data), data.byteLength);
  else fake_deliver_chunks(stream, changetype<usize>(data), data.byteLength, chunk);
}

/** Everything written to an output-stream so far, decoded as UTF-8. */
export function fakeWrittenText(stream: u32): string {
  const total = fake_written(stream, 0, 0);
  const buf = new ArrayBuffer(total);
  fake_written(stream, changetype<usize>(buf), total);
  return String.UTF8.decode(buf);
}

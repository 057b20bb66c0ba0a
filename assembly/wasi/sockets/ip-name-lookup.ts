// wasi:sockets/ip-name-lookup@0.2.0

import { network } from "./network";
import { pollable } from "../io/poll";

export type resolve_address_stream = u32;

/**
 * Starts resolving `name` (UTF-8, `ptr`/`len`) to IP addresses.
 * WIT: `resolve-addresses: func(network: borrow<network>, name: string) -> result<resolve-address-stream, error-code>`
 * Writes to `ret`: @0 tag; ok: @4 stream handle; err: @4 error-code.
 */
// @ts-ignore: decorator
@external("wasi:sockets/ip-name-lookup@0.2.0", "resolve-addresses")
export declare function resolve_addresses(net: network, ptr: usize, len: u32, ret: usize): void;

/**
 * The next address, none when the lookup is exhausted, or would-block while it is pending.
 * WIT: `[method]resolve-address-stream.resolve-next-address: func() -> result<option<ip-address>, error-code>`
 * Writes to `ret`: @0 tag; ok: @2 option tag (1 = some), @4 ip-address (see address.ts); err: @2 error-code.
 */
// @ts-ignore: decorator
@external("wasi:sockets/ip-name-lookup@0.2.0", "[method]resolve-address-stream.resolve-next-address")
export declare function resolve_address_stream_resolve_next_address(self: resolve_address_stream, ret: usize): void;

/**
 * A pollable that is ready when resolve-next-address will not return would-block.
 * WIT: `[method]resolve-address-stream.subscribe: func() -> pollable`
 */
// @ts-ignore: decorator
@external("wasi:sockets/ip-name-lookup@0.2.0", "[method]resolve-address-stream.subscribe")
export declare function resolve_address_stream_subscribe(self: resolve_address_stream): pollable;

/** Drops a resolve-address-stream (after its pollables). */
// @ts-ignore: decorator
@external("wasi:sockets/ip-name-lookup@0.2.0", "[resource-drop]resolve-address-stream")
export declare function resolve_address_stream_drop(self: resolve_address_stream): void;

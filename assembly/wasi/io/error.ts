// wasi:io/error@0.2.0
//
// resource error: an opaque error a stream operation reported. Sockets can
// turn it into an error-code with wasi:sockets/network.network-error-code.

export type error = u32;

/**
 * A human-readable description, for debugging only (not stable across hosts).
 * WIT: `to-debug-string: func() -> string`
 * Writes a string to `ret`: @0 ptr, @4 byte length (UTF-8, allocated with cabi_realloc; free it).
 */
// @ts-ignore: decorator
@external("wasi:io/error@0.2.0", "[method]error.to-debug-string")
export declare function error_to_debug_string(self: error, ret: usize): void;

/** Drops an error handle. */
// @ts-ignore: decorator
@external("wasi:io/error@0.2.0", "[resource-drop]error")
export declare function error_drop(self: error): void;

// wasi:cli/environment@0.2.0

/**
 * Environment variables as (name, value) pairs.
 * WIT: `get-environment: func() -> list<tuple<string, string>>`
 * Writes to `ret`: @0 list ptr, @4 count; each element is 16 bytes:
 * @0 name ptr, @4 name len, @8 value ptr, @12 value len (all allocated with cabi_realloc).
 */
// @ts-ignore: decorator
@external("wasi:cli/environment@0.2.0", "get-environment")
export declare function get_environment(ret: usize): void;

/**
 * The program's arguments, the program name first.
 * WIT: `get-arguments: func() -> list<string>`
 * Writes to `ret`: @0 list ptr, @4 count; each element is 8 bytes: @0 ptr, @4 len (UTF-8).
 */
// @ts-ignore: decorator
@external("wasi:cli/environment@0.2.0", "get-arguments")
export declare function get_arguments(ret: usize): void;

/**
 * The initial working directory, if any.
 * WIT: `initial-cwd: func() -> option<string>`
 * Writes to `ret`: @0 tag (1 = some), @4 ptr, @8 len.
 */
// @ts-ignore: decorator
@external("wasi:cli/environment@0.2.0", "initial-cwd")
export declare function initial_cwd(ret: usize): void;

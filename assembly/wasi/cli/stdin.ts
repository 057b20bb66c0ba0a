// wasi:cli/stdin@0.2.0

/**
 * The program's stdin, as an input-stream (a new handle each call: keep one).
 * WIT: `get-stdin: func() -> input-stream`
 */
// @ts-ignore: decorator
@external("wasi:cli/stdin@0.2.0", "get-stdin")
export declare function get_stdin(): u32;

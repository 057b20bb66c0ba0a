// wasi:cli/stderr@0.2.0

/**
 * The program's stderr, as an output-stream (a new handle each call: keep one).
 * WIT: `get-stderr: func() -> output-stream`
 */
// @ts-ignore: decorator
@external("wasi:cli/stderr@0.2.0", "get-stderr")
export declare function get_stderr(): u32;

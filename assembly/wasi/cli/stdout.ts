// wasi:cli/stdout@0.2.0

/**
 * The program's stdout, as an output-stream (a new handle each call: keep one).
 * WIT: `get-stdout: func() -> output-stream`
 */
// @ts-ignore: decorator
@external("wasi:cli/stdout@0.2.0", "get-stdout")
export declare function get_stdout(): u32;

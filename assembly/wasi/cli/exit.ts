// wasi:cli/exit@0.2.0

/**
 * Ends the program: status 0 is result ok (success), 1 is err (failure). Does not return.
 * WIT: `exit: func(status: result)`
 */
// @ts-ignore: decorator
@external("wasi:cli/exit@0.2.0", "exit")
export declare function exit(status: i32): void;

// wasi:clocks/monotonic-clock@0.2.0
//
// Nanoseconds on a clock that never goes back; the base of every timeout.

import { pollable } from "../io/poll";

export type instant = u64;
export type duration = u64;

/**
 * The current instant, in nanoseconds.
 * WIT: `now: func() -> instant`
 */
// @ts-ignore: decorator
@external("wasi:clocks/monotonic-clock@0.2.0", "now")
export declare function now(): instant;

/**
 * The clock's resolution, in nanoseconds.
 * WIT: `resolution: func() -> duration`
 */
// @ts-ignore: decorator
@external("wasi:clocks/monotonic-clock@0.2.0", "resolution")
export declare function resolution(): duration;

/**
 * A pollable that is ready at instant `when` (or now, if it has passed).
 * WIT: `subscribe-instant: func(when: instant) -> pollable`
 */
// @ts-ignore: decorator
@external("wasi:clocks/monotonic-clock@0.2.0", "subscribe-instant")
export declare function subscribe_instant(when: instant): pollable;

/**
 * A pollable that is ready `when` nanoseconds from now.
 * WIT: `subscribe-duration: func(when: duration) -> pollable`
 */
// @ts-ignore: decorator
@external("wasi:clocks/monotonic-clock@0.2.0", "subscribe-duration")
export declare function subscribe_duration(when: duration): pollable;

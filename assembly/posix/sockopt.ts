// getsockopt(2), setsockopt(2): argument checks and value (de)serialization
// around the option table (net/options.ts), with Linux's answers: an option
// the socket lacks is ENOPROTOOPT, a set with a short optlen EINVAL, a get
// into a short buffer truncates and reports the length written.
import { EFAULT, EINVAL, EDOM } from "../defs/errno";
import { TIMEVAL_SIZE } from "../defs/time";
import { findOption, missingOption, Shape } from "../net/options";
import { IPPROTO_IP } from "../defs/in";
import { socketOf } from "./fd";
import { fail } from "./errno";
import { inMemory, validObject } from "./memory";

const NS_PER_S: i64 = 1_000_000_000;
const NS_PER_US: i64 = 1_000;
/** The longest timeout (seconds) that nanoseconds in an i64 can hold. */
const MAX_TIMEOUT_S: i64 = 9_223_372_035;
/** Serialized values: an int, a timeval (16 bytes), a linger (8). */
const VALUE: usize = memory.data(16, 8);

function sizeOf(shape: Shape): u32 {
  return shape == Shape.Timeval ? <u32>TIMEVAL_SIZE : shape == Shape.Linger ? 8 : 4;
}

export function getsockopt(fd: i32, level: i32, name: i32, optval: usize, optlen: usize): i32 {
  const sock = socketOf(fd);
  if (sock === null) return -1;
  if (!validObject(optlen, 4)) return fail(EFAULT);
  const len = <i32>load<u32>(optlen);
  if (len < 0) return fail(EINVAL);
  const option = findOption(sock, level, name);
  if (option === null) return fail(missingOption(sock, level, true));
  const value = option.get(sock);
  if (value < 0) return fail(<i32>-value);
  let size = sizeOf(option.shape);
  serialize(option.shape, value);
  // Linux hands an IP-level int to a buffer shorter than an int as one byte, when it fits one (do_ip_getsockopt).
  if (level == IPPROTO_IP && option.shape == Shape.Int && len > 0 && len < 4 && value >= 0 && value <= 255) {
    store<u8>(VALUE, <u8>value);
    size = 1;
  }
  const n = min<u32>(<u32>len, size);
  if (!inMemory(optval, n) || (n > 0 && optval == 0)) return fail(EFAULT);
  if (n > 0) memory.copy(optval, VALUE, n); // a zero-length copy still bounds-checks optval
  store<u32>(optlen, n);
  return 0;
}

export function setsockopt(fd: i32, level: i32, name: i32, optval: usize, optlen: u32): i32 {
  const sock = socketOf(fd);
  if (sock === null) return -1;
  const option = findOption(sock, level, name);
  if (option === null) return fail(missingOption(sock, level, false));
  // Linux takes an IP-level int from a shorter optval as one byte (do_ip_setsockopt).
  const byte = level == IPPROTO_IP && option.shape == Shape.Int && optlen >= 1 && optlen < 4;
  const size: u32 = byte ? 1 : sizeOf(option.shape);
  if (optlen < size) return fail(EINVAL);
  if (!validObject(optval, size)) return fail(EFAULT);
  if (option.shape == Shape.Timeval && !validTimeval(optval)) return fail(EDOM);
  const value = byte ? <i64>load<u8>(optval) : deserialize(option.shape, optval);
  const err = option.set(sock, value);
  if (err < 0) return fail(-err);
  sock.remember(level, name, value);
  return 0;
}

function serialize(shape: Shape, value: i64): void {
  memory.fill(VALUE, 0, 16);
  if (shape == Shape.Timeval) {
    store<i64>(VALUE, value / NS_PER_S);
    store<i64>(VALUE, (value % NS_PER_S) / NS_PER_US, 8);
  } else if (shape == Shape.Linger) {
    store<i32>(VALUE, <i32>(value & 0xffffffff));
    store<i32>(VALUE, <i32>(value >> 32), 4);
  } else {
    store<i32>(VALUE, <i32>value);
  }
}

/** Linux refuses a tv_usec outside [0, 1e6) with EDOM. */
function validTimeval(optval: usize): bool {
  const usec = load<i64>(optval, 8);
  return usec >= 0 && usec < 1_000_000;
}

/** The value at `optval` as the table takes it (ints may be negative: IP_TTL -1 means the default). */
function deserialize(shape: Shape, optval: usize): i64 {
  if (shape == Shape.Timeval) {
    const sec = load<i64>(optval);
    const usec = load<i64>(optval, 8);
    if (sec < 0) return 1; // Linux stores 0 jiffies: every wait times out at once
    // A timeout too long to count in nanoseconds is as good as none at all.
    if (sec > MAX_TIMEOUT_S) return 0;
    const ns = sec * NS_PER_S + usec * NS_PER_US;
    return ns;
  }
  if (shape == Shape.Linger) {
    return (<i64>load<i32>(optval, 4) << 32) | (<i64>(load<i32>(optval) != 0 ? 1 : 0));
  }
  return <i64>load<i32>(optval);
}

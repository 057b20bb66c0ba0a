// wasi:sockets/network@0.2.0
//
// resource network: the capability every bind, connect and lookup takes.
// error-code: the enum every socket operation fails with.

import { RET } from "../abi";

export type network = u32;

/** error-code: wasi:sockets/network enum, in WIT order. */
export namespace error_code {
  export const unknown: u8 = 0;
  export const access_denied: u8 = 1;
  export const not_supported: u8 = 2;
  export const invalid_argument: u8 = 3;
  export const out_of_memory: u8 = 4;
  export const timeout: u8 = 5;
  export const concurrency_conflict: u8 = 6;
  export const not_in_progress: u8 = 7;
  export const would_block: u8 = 8;
  export const invalid_state: u8 = 9;
  export const new_socket_limit: u8 = 10;
  export const address_not_bindable: u8 = 11;
  export const address_in_use: u8 = 12;
  export const remote_unreachable: u8 = 13;
  export const connection_refused: u8 = 14;
  export const connection_reset: u8 = 15;
  export const connection_aborted: u8 = 16;
  export const datagram_too_large: u8 = 17;
  export const name_unresolvable: u8 = 18;
  export const temporary_resolver_failure: u8 = 19;
  export const permanent_resolver_failure: u8 = 20;
}

/** Drops a network handle. */
// @ts-ignore: decorator
@external("wasi:sockets/network@0.2.0", "[resource-drop]network")
export declare function network_drop(self: network): void;

/**
 * The error-code behind a stream's `last-operation-failed` error, if the error came from a socket.
 * WIT: `network-error-code: func(err: borrow<error>) -> option<error-code>` (unstable: feature network-error-code)
 * Writes option<error-code> to `ret`: @0 tag (1 = some), @1 code.
 * Only reachable through `networkErrorCode`, so the import exists only in builds that opt in.
 */
// @ts-ignore: decorator
@external("wasi:sockets/network@0.2.0", "network-error-code")
declare function network_error_code(err: u32, ret: usize): void;

/**
 * The error-code behind a stream error handle, or -1 when the host does not
 * say (or the build did not opt in with `--network-error-code`, which defines
 * ASPS_NETWORK_ERROR_CODE: wasmtime refuses to link the unstable import by default).
 */
export function networkErrorCode(err: u32): i32 {
  // @ts-ignore: isDefined on a global that only the build defines
  if (isDefined(ASPS_NETWORK_ERROR_CODE)) {
    network_error_code(err, RET);
    return load<u8>(RET) == 1 ? <i32>load<u8>(RET, 1) : -1;
  }
  return -1;
}

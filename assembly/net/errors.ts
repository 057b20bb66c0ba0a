// The one place where wasi:sockets error-codes become errno values. Most
// state errors are caught in the guest before a host call; `invalid-state`
// and `would-block` from the host still depend on which call got them.
import { error_code } from "../wasi/sockets/network";
import * as E from "../defs/errno";

/** The calls whose errors the mapping distinguishes. */
export enum Op { Create, Bind, Listen, Accept, Connect, Send, Receive, Shutdown, Name, Option }

export function errnoFor(code: u8, op: Op): i32 {
  switch (code) {
    case error_code.access_denied: return E.EACCES;
    case error_code.not_supported: return op == Op.Option ? E.ENOPROTOOPT : E.EOPNOTSUPP;
    case error_code.invalid_argument: return E.EINVAL;
    case error_code.out_of_memory: return E.ENOMEM;
    case error_code.timeout: return E.ETIMEDOUT;
    // Only connect has an errno for "already in progress"; bind and listen say EINVAL.
    case error_code.concurrency_conflict: return op == Op.Connect ? E.EALREADY : E.EINVAL;
    case error_code.not_in_progress: return op == Op.Connect ? E.EALREADY : E.EINVAL;
    case error_code.would_block: return op == Op.Connect ? E.EINPROGRESS : E.EAGAIN;
    case error_code.invalid_state: return invalidState(op);
    case error_code.new_socket_limit: return E.EMFILE;
    case error_code.address_not_bindable: return E.EADDRNOTAVAIL;
    case error_code.address_in_use: return E.EADDRINUSE;
    case error_code.remote_unreachable: return E.EHOSTUNREACH;
    case error_code.connection_refused: return E.ECONNREFUSED;
    case error_code.connection_reset: return E.ECONNRESET;
    case error_code.connection_aborted: return E.ECONNABORTED;
    case error_code.datagram_too_large: return E.EMSGSIZE;
    // The host had no code for it. Where a descriptor is made, that is the
    // process's descriptor limit (wasmtime 49 reports EMFILE as unknown).
    case error_code.unknown: return op == Op.Create || op == Op.Accept ? E.EMFILE : E.EIO;
    default: return E.EIO; // a resolver code on a socket call
  }
}

/** What Linux answers where the host says invalid-state. */
function invalidState(op: Op): i32 {
  switch (op) {
    case Op.Connect: return E.EISCONN;
    case Op.Send:
    case Op.Receive:
    case Op.Shutdown:
    case Op.Name: return E.ENOTCONN;
    default: return E.EINVAL; // bind twice, listen/accept in the wrong state
  }
}

// Name resolution on wasi:sockets/ip-name-lookup, bounded by a deadline, and
// the AI_ADDRCONFIG probe. Results are unmanaged IpSocketAddress copies the
// caller frees.
import { RET, isOk, errorCodeAt, PAYLOAD_4 } from "../wasi/abi";
import { IpSocketAddress, ip_address_family } from "../wasi/address";
import { error_code } from "../wasi/sockets/network";
import { pollable_drop } from "../wasi/io/poll";
import * as lookup from "../wasi/sockets/ip-name-lookup";
import * as udp from "../wasi/sockets/udp";
import { create_udp_socket } from "../wasi/sockets/udp-create-socket";
import { theNetwork } from "./network";
import { waitFor, deadlineAfter } from "./wait";
import { setWildcard } from "./addresses";
import { AF_INET, AF_INET6 } from "../defs/socket";

/** A lookup that did not finish by its deadline. */
export const LOOKUP_TIMED_OUT: i32 = -1000;

/** How long a lookup may take (an extension; default 30 s, 0: no limit). */
export let lookupTimeoutNs: u64 = 30_000_000_000;

export function setLookupTimeout(ms: u32): void {
  lookupTimeoutNs = <u64>ms * 1_000_000;
}

/**
 * Resolves the `len` bytes of `name` (UTF-8) and appends each address to
 * `out`: 0, LOOKUP_TIMED_OUT, or -(1 + error-code).
 */
export function resolve(name: usize, len: u32, out: IpSocketAddress[]): i32 {
  lookup.resolve_addresses(theNetwork(), name, len, RET);
  if (!isOk()) return -(1 + <i32>errorCodeAt(PAYLOAD_4));
  const stream = load<u32>(RET, 4);
  const deadline = deadlineAfter(lookupTimeoutNs);
  let pollable: u32 = 0;
  let result = 0;
  while (true) {
    lookup.resolve_address_stream_resolve_next_address(stream, RET);
    if (isOk()) {
      if (load<u8>(RET, 2) == 0) break; // none left
      const a = new IpSocketAddress();
      a.readIpAddressFrom(RET + 4);
      out.push(a);
      continue;
    }
    const code = load<u8>(RET, 2);
    if (code != error_code.would_block) {
      result = -(1 + <i32>code);
      break;
    }
    if (pollable == 0) pollable = lookup.resolve_address_stream_subscribe(stream);
    if (!waitFor(pollable, deadline)) {
      result = LOOKUP_TIMED_OUT;
      break;
    }
  }
  if (pollable != 0) pollable_drop(pollable);
  lookup.resolve_address_stream_drop(stream);
  return result;
}

// AI_ADDRCONFIG, as musl decides it: a family is configured when a UDP socket
// can be connected to its loopback address. Probed once per program.
let probed = false;
let v4Usable = false;
let v6Usable = false;

export function familyConfigured(family: i32): bool {
  if (!probed) {
    v4Usable = probe(AF_INET);
    v6Usable = probe(AF_INET6);
    probed = true;
  }
  return family == AF_INET ? v4Usable : v6Usable;
}

const PROBE = new IpSocketAddress();
const LOOPBACK6: usize = memory.data<u16>([0, 0, 0, 0, 0, 0, 0, 1]);

function probe(family: i32): bool {
  create_udp_socket(family == AF_INET ? ip_address_family.ipv4 : ip_address_family.ipv6, RET);
  if (!isOk()) return false;
  const sock = load<u32>(RET, 4);
  setWildcard(PROBE, family);
  udp.udp_socket_start_bind_address(sock, theNetwork(), PROBE, RET);
  let ok = isOk();
  if (ok) {
    udp.udp_socket_finish_bind(sock, RET);
    ok = isOk();
  }
  if (ok) {
    if (family == AF_INET) PROBE.setIpv4(127, 0, 0, 1, 65535);
    else PROBE.setIpv6(LOOPBACK6, 65535, 0, 0);
    udp.udp_socket_stream_address(sock, PROBE, RET);
    ok = isOk();
    if (ok) {
      udp.incoming_datagram_stream_drop(load<u32>(RET, 4));
      udp.outgoing_datagram_stream_drop(load<u32>(RET, 8));
    }
  }
  udp.udp_socket_drop(sock);
  return ok;
}

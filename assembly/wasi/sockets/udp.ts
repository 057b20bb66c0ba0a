// wasi:sockets/udp@0.2.0
//
// resource udp-socket; datagrams flow through the incoming- and
// outgoing-datagram-stream pair that `stream` returns.
//
// Layouts written to `ret` (tag @0: 0 ok, 1 err), as in tcp.ts, plus:
//   stream:          ok: @4 incoming-datagram-stream, @8 outgoing-datagram-stream | err: @4 code
//   receive:         ok: @4 list ptr, @8 count | err: @4 code
//   check-send/send: ok: @8 u64 | err: @8 code
// incoming-datagram (40 bytes): @0 data ptr, @4 data len, @8 ip-socket-address.
// outgoing-datagram (44 bytes): @0 data ptr, @4 data len, @8 option tag (1 = some), @12 ip-socket-address.

import { network } from "./network";
import { pollable } from "../io/poll";
import { IpSocketAddress } from "../address";

export type udp_socket = u32;
export type incoming_datagram_stream = u32;
export type outgoing_datagram_stream = u32;

export const INCOMING_DATAGRAM_SIZE: usize = 40;
export const OUTGOING_DATAGRAM_SIZE: usize = 44;

/**
 * Starts binding to a local address (port 0: the host picks one).
 * WIT: `[method]udp-socket.start-bind: func(network: borrow<network>, local-address: ip-socket-address) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]udp-socket.start-bind")
export declare function udp_socket_start_bind(self: udp_socket, net: network,
  a0: i32, a1: i32, a2: i32, a3: i32, a4: i32, a5: i32, a6: i32, a7: i32, a8: i32, a9: i32, a10: i32, a11: i32, ret: usize): void;

/** udp_socket_start_bind with a typed address. */
export function udp_socket_start_bind_address(self: udp_socket, net: network, a: IpSocketAddress, ret: usize): void {
  udp_socket_start_bind(self, net, a.family, a.flat(1), a.flat(2), a.flat(3), a.flat(4), a.flat(5),
    a.flat(6), a.flat(7), a.flat(8), a.flat(9), a.flat(10), a.flat(11), ret);
}

/**
 * Completes a bind.
 * WIT: `[method]udp-socket.finish-bind: func() -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]udp-socket.finish-bind")
export declare function udp_socket_finish_bind(self: udp_socket, ret: usize): void;

/**
 * Sets (some) or clears (none) the remote address and returns a new stream pair;
 * earlier streams must be dropped first. Requires a bound socket.
 * WIT: `[method]udp-socket.stream: func(remote-address: option<ip-socket-address>) -> result<tuple<incoming-datagram-stream, outgoing-datagram-stream>, error-code>`
 * `some` is 1 with the address in `a0`..`a11`, or 0 with zeros.
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]udp-socket.stream")
export declare function udp_socket_stream(self: udp_socket, some: i32,
  a0: i32, a1: i32, a2: i32, a3: i32, a4: i32, a5: i32, a6: i32, a7: i32, a8: i32, a9: i32, a10: i32, a11: i32, ret: usize): void;

/** udp_socket_stream with a typed address (null: none). */
export function udp_socket_stream_address(self: udp_socket, a: IpSocketAddress | null, ret: usize): void {
  if (a === null) {
    udp_socket_stream(self, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ret);
    return;
  }
  udp_socket_stream(self, 1, a.family, a.flat(1), a.flat(2), a.flat(3), a.flat(4), a.flat(5),
    a.flat(6), a.flat(7), a.flat(8), a.flat(9), a.flat(10), a.flat(11), ret);
}

/**
 * The bound address.
 * WIT: `[method]udp-socket.local-address: func() -> result<ip-socket-address, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]udp-socket.local-address")
export declare function udp_socket_local_address(self: udp_socket, ret: usize): void;

/**
 * The address set by `stream(some)`.
 * WIT: `[method]udp-socket.remote-address: func() -> result<ip-socket-address, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]udp-socket.remote-address")
export declare function udp_socket_remote_address(self: udp_socket, ret: usize): void;

/**
 * The socket's ip-address-family (0 ipv4, 1 ipv6).
 * WIT: `[method]udp-socket.address-family: func() -> ip-address-family`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]udp-socket.address-family")
export declare function udp_socket_address_family(self: udp_socket): u8;

/**
 * IP_TTL / IPV6_UNICAST_HOPS.
 * WIT: `[method]udp-socket.unicast-hop-limit: func() -> result<u8, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]udp-socket.unicast-hop-limit")
export declare function udp_socket_unicast_hop_limit(self: udp_socket, ret: usize): void;

/**
 * Sets IP_TTL / IPV6_UNICAST_HOPS (0 is invalid-argument).
 * WIT: `[method]udp-socket.set-unicast-hop-limit: func(value: u8) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]udp-socket.set-unicast-hop-limit")
export declare function udp_socket_set_unicast_hop_limit(self: udp_socket, value: u8, ret: usize): void;

/**
 * SO_RCVBUF, in bytes.
 * WIT: `[method]udp-socket.receive-buffer-size: func() -> result<u64, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]udp-socket.receive-buffer-size")
export declare function udp_socket_receive_buffer_size(self: udp_socket, ret: usize): void;

/**
 * Sets SO_RCVBUF (0 is invalid-argument).
 * WIT: `[method]udp-socket.set-receive-buffer-size: func(value: u64) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]udp-socket.set-receive-buffer-size")
export declare function udp_socket_set_receive_buffer_size(self: udp_socket, value: u64, ret: usize): void;

/**
 * SO_SNDBUF, in bytes.
 * WIT: `[method]udp-socket.send-buffer-size: func() -> result<u64, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]udp-socket.send-buffer-size")
export declare function udp_socket_send_buffer_size(self: udp_socket, ret: usize): void;

/**
 * Sets SO_SNDBUF (0 is invalid-argument).
 * WIT: `[method]udp-socket.set-send-buffer-size: func(value: u64) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]udp-socket.set-send-buffer-size")
export declare function udp_socket_set_send_buffer_size(self: udp_socket, value: u64, ret: usize): void;

/**
 * A pollable that is ready when a pending bind can finish.
 * WIT: `[method]udp-socket.subscribe: func() -> pollable`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]udp-socket.subscribe")
export declare function udp_socket_subscribe(self: udp_socket): pollable;

/** Drops a udp-socket: after its pollables and datagram streams. */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[resource-drop]udp-socket")
export declare function udp_socket_drop(self: udp_socket): void;

/**
 * Receives up to `max` datagrams without blocking; an empty list means none are waiting.
 * WIT: `[method]incoming-datagram-stream.receive: func(max-results: u64) -> result<list<incoming-datagram>, error-code>`
 * The list and each datagram's data are allocated with cabi_realloc: free them.
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]incoming-datagram-stream.receive")
export declare function incoming_datagram_stream_receive(self: incoming_datagram_stream, max: u64, ret: usize): void;

/**
 * A pollable that is ready when a datagram waits.
 * WIT: `[method]incoming-datagram-stream.subscribe: func() -> pollable`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]incoming-datagram-stream.subscribe")
export declare function incoming_datagram_stream_subscribe(self: incoming_datagram_stream): pollable;

/** Drops an incoming-datagram-stream (after its pollables). */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[resource-drop]incoming-datagram-stream")
export declare function incoming_datagram_stream_drop(self: incoming_datagram_stream): void;

/**
 * How many datagrams `send` accepts now (0: wait on the stream's pollable).
 * WIT: `[method]outgoing-datagram-stream.check-send: func() -> result<u64, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]outgoing-datagram-stream.check-send")
export declare function outgoing_datagram_stream_check_send(self: outgoing_datagram_stream, ret: usize): void;

/**
 * Sends datagrams (`list` of `count` outgoing-datagram records); returns how many were sent.
 * Sending more than check-send allowed traps the guest.
 * WIT: `[method]outgoing-datagram-stream.send: func(datagrams: list<outgoing-datagram>) -> result<u64, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]outgoing-datagram-stream.send")
export declare function outgoing_datagram_stream_send(self: outgoing_datagram_stream, list: usize, count: u32, ret: usize): void;

/**
 * A pollable that is ready when check-send would return a non-zero budget.
 * WIT: `[method]outgoing-datagram-stream.subscribe: func() -> pollable`
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[method]outgoing-datagram-stream.subscribe")
export declare function outgoing_datagram_stream_subscribe(self: outgoing_datagram_stream): pollable;

/** Drops an outgoing-datagram-stream (after its pollables). */
// @ts-ignore: decorator
@external("wasi:sockets/udp@0.2.0", "[resource-drop]outgoing-datagram-stream")
export declare function outgoing_datagram_stream_drop(self: outgoing_datagram_stream): void;

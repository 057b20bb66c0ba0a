// wasi:sockets/tcp@0.2.0
//
// resource tcp-socket. Operations that take time are split into start-X and
// finish-X; finish-X returns would-block until the socket's pollable says
// the operation is done. State rules (which call is invalid-state when) are
// the host's; the POSIX layer maps them to errno.
//
// Layouts written to `ret` (tag @0: 0 ok, 1 err):
//   result<_, error-code>:                   err: @1 code
//   result<bool|u8, error-code>:             ok: @1 value | err: @1 code
//   result<u32|handle, error-code>:          ok: @4       | err: @4 code
//   result<u64, error-code>:                 ok: @8       | err: @8 code
//   result<ip-socket-address, error-code>:   ok: @4 address (address.ts) | err: @4 code
//   finish-connect:  ok: @4 input-stream, @8 output-stream       | err: @4 code
//   accept:          ok: @4 tcp-socket, @8 input, @12 output      | err: @4 code
// An ip-socket-address parameter is flattened to 12 i32 (`a0`..`a11`, see address.ts);
// the `_address` wrappers take an IpSocketAddress instead.

import { network } from "./network";
import { pollable } from "../io/poll";
import { IpSocketAddress } from "../address";

export type tcp_socket = u32;

/** shutdown-type: wasi:sockets/tcp enum. */
export namespace shutdown_type {
  export const receive: u8 = 0;
  export const send: u8 = 1;
  export const both: u8 = 2;
}

/**
 * Starts binding to a local address (port 0: the host picks one).
 * WIT: `[method]tcp-socket.start-bind: func(network: borrow<network>, local-address: ip-socket-address) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.start-bind")
export declare function tcp_socket_start_bind(self: tcp_socket, net: network,
  a0: i32, a1: i32, a2: i32, a3: i32, a4: i32, a5: i32, a6: i32, a7: i32, a8: i32, a9: i32, a10: i32, a11: i32, ret: usize): void;

/** tcp_socket_start_bind with a typed address. */
export function tcp_socket_start_bind_address(self: tcp_socket, net: network, a: IpSocketAddress, ret: usize): void {
  tcp_socket_start_bind(self, net, a.family, a.flat(1), a.flat(2), a.flat(3), a.flat(4), a.flat(5),
    a.flat(6), a.flat(7), a.flat(8), a.flat(9), a.flat(10), a.flat(11), ret);
}

/**
 * Completes a bind.
 * WIT: `[method]tcp-socket.finish-bind: func() -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.finish-bind")
export declare function tcp_socket_finish_bind(self: tcp_socket, ret: usize): void;

/**
 * Starts connecting to a remote address (binds implicitly if unbound).
 * WIT: `[method]tcp-socket.start-connect: func(network: borrow<network>, remote-address: ip-socket-address) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.start-connect")
export declare function tcp_socket_start_connect(self: tcp_socket, net: network,
  a0: i32, a1: i32, a2: i32, a3: i32, a4: i32, a5: i32, a6: i32, a7: i32, a8: i32, a9: i32, a10: i32, a11: i32, ret: usize): void;

/** tcp_socket_start_connect with a typed address. */
export function tcp_socket_start_connect_address(self: tcp_socket, net: network, a: IpSocketAddress, ret: usize): void {
  tcp_socket_start_connect(self, net, a.family, a.flat(1), a.flat(2), a.flat(3), a.flat(4), a.flat(5),
    a.flat(6), a.flat(7), a.flat(8), a.flat(9), a.flat(10), a.flat(11), ret);
}

/**
 * Completes a connect: the connection's two streams, or why it failed.
 * WIT: `[method]tcp-socket.finish-connect: func() -> result<tuple<input-stream, output-stream>, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.finish-connect")
export declare function tcp_socket_finish_connect(self: tcp_socket, ret: usize): void;

/**
 * Starts listening (the socket must be bound).
 * WIT: `[method]tcp-socket.start-listen: func() -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.start-listen")
export declare function tcp_socket_start_listen(self: tcp_socket, ret: usize): void;

/**
 * Completes a listen.
 * WIT: `[method]tcp-socket.finish-listen: func() -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.finish-listen")
export declare function tcp_socket_finish_listen(self: tcp_socket, ret: usize): void;

/**
 * Takes a pending connection: a connected socket and its streams; would-block when none waits.
 * WIT: `[method]tcp-socket.accept: func() -> result<tuple<tcp-socket, input-stream, output-stream>, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.accept")
export declare function tcp_socket_accept(self: tcp_socket, ret: usize): void;

/**
 * The bound address.
 * WIT: `[method]tcp-socket.local-address: func() -> result<ip-socket-address, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.local-address")
export declare function tcp_socket_local_address(self: tcp_socket, ret: usize): void;

/**
 * The connected peer's address.
 * WIT: `[method]tcp-socket.remote-address: func() -> result<ip-socket-address, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.remote-address")
export declare function tcp_socket_remote_address(self: tcp_socket, ret: usize): void;

/**
 * Whether the socket is listening.
 * WIT: `[method]tcp-socket.is-listening: func() -> bool`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.is-listening")
export declare function tcp_socket_is_listening(self: tcp_socket): bool;

/**
 * The socket's ip-address-family (0 ipv4, 1 ipv6).
 * WIT: `[method]tcp-socket.address-family: func() -> ip-address-family`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.address-family")
export declare function tcp_socket_address_family(self: tcp_socket): u8;

/**
 * Sets the listen backlog (0 is invalid-argument; large values are clamped).
 * WIT: `[method]tcp-socket.set-listen-backlog-size: func(value: u64) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.set-listen-backlog-size")
export declare function tcp_socket_set_listen_backlog_size(self: tcp_socket, value: u64, ret: usize): void;

/**
 * SO_KEEPALIVE.
 * WIT: `[method]tcp-socket.keep-alive-enabled: func() -> result<bool, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.keep-alive-enabled")
export declare function tcp_socket_keep_alive_enabled(self: tcp_socket, ret: usize): void;

/**
 * Sets SO_KEEPALIVE.
 * WIT: `[method]tcp-socket.set-keep-alive-enabled: func(value: bool) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.set-keep-alive-enabled")
export declare function tcp_socket_set_keep_alive_enabled(self: tcp_socket, value: bool, ret: usize): void;

/**
 * TCP_KEEPIDLE, in nanoseconds.
 * WIT: `[method]tcp-socket.keep-alive-idle-time: func() -> result<duration, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.keep-alive-idle-time")
export declare function tcp_socket_keep_alive_idle_time(self: tcp_socket, ret: usize): void;

/**
 * Sets TCP_KEEPIDLE, in nanoseconds (0 is invalid-argument).
 * WIT: `[method]tcp-socket.set-keep-alive-idle-time: func(value: duration) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.set-keep-alive-idle-time")
export declare function tcp_socket_set_keep_alive_idle_time(self: tcp_socket, value: u64, ret: usize): void;

/**
 * TCP_KEEPINTVL, in nanoseconds.
 * WIT: `[method]tcp-socket.keep-alive-interval: func() -> result<duration, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.keep-alive-interval")
export declare function tcp_socket_keep_alive_interval(self: tcp_socket, ret: usize): void;

/**
 * Sets TCP_KEEPINTVL, in nanoseconds (0 is invalid-argument).
 * WIT: `[method]tcp-socket.set-keep-alive-interval: func(value: duration) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.set-keep-alive-interval")
export declare function tcp_socket_set_keep_alive_interval(self: tcp_socket, value: u64, ret: usize): void;

/**
 * TCP_KEEPCNT.
 * WIT: `[method]tcp-socket.keep-alive-count: func() -> result<u32, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.keep-alive-count")
export declare function tcp_socket_keep_alive_count(self: tcp_socket, ret: usize): void;

/**
 * Sets TCP_KEEPCNT (0 is invalid-argument).
 * WIT: `[method]tcp-socket.set-keep-alive-count: func(value: u32) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.set-keep-alive-count")
export declare function tcp_socket_set_keep_alive_count(self: tcp_socket, value: u32, ret: usize): void;

/**
 * IP_TTL / IPV6_UNICAST_HOPS.
 * WIT: `[method]tcp-socket.hop-limit: func() -> result<u8, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.hop-limit")
export declare function tcp_socket_hop_limit(self: tcp_socket, ret: usize): void;

/**
 * Sets IP_TTL / IPV6_UNICAST_HOPS (0 is invalid-argument).
 * WIT: `[method]tcp-socket.set-hop-limit: func(value: u8) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.set-hop-limit")
export declare function tcp_socket_set_hop_limit(self: tcp_socket, value: u8, ret: usize): void;

/**
 * SO_RCVBUF, in bytes.
 * WIT: `[method]tcp-socket.receive-buffer-size: func() -> result<u64, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.receive-buffer-size")
export declare function tcp_socket_receive_buffer_size(self: tcp_socket, ret: usize): void;

/**
 * Sets SO_RCVBUF (0 is invalid-argument; the host clamps others).
 * WIT: `[method]tcp-socket.set-receive-buffer-size: func(value: u64) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.set-receive-buffer-size")
export declare function tcp_socket_set_receive_buffer_size(self: tcp_socket, value: u64, ret: usize): void;

/**
 * SO_SNDBUF, in bytes.
 * WIT: `[method]tcp-socket.send-buffer-size: func() -> result<u64, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.send-buffer-size")
export declare function tcp_socket_send_buffer_size(self: tcp_socket, ret: usize): void;

/**
 * Sets SO_SNDBUF (0 is invalid-argument; the host clamps others).
 * WIT: `[method]tcp-socket.set-send-buffer-size: func(value: u64) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.set-send-buffer-size")
export declare function tcp_socket_set_send_buffer_size(self: tcp_socket, value: u64, ret: usize): void;

/**
 * A pollable that is ready when a pending bind, connect or listen can finish, or a connection waits for accept.
 * WIT: `[method]tcp-socket.subscribe: func() -> pollable`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.subscribe")
export declare function tcp_socket_subscribe(self: tcp_socket): pollable;

/**
 * Shuts down receiving, sending or both (shutdown-type 0, 1, 2).
 * WIT: `[method]tcp-socket.shutdown: func(shutdown-type: shutdown-type) -> result<_, error-code>`
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.shutdown")
export declare function tcp_socket_shutdown(self: tcp_socket, how: u8, ret: usize): void;

/** Drops a tcp-socket: after its pollables and streams (the host traps otherwise). */
// @ts-ignore: decorator
@external("wasi:sockets/tcp@0.2.0", "[resource-drop]tcp-socket")
export declare function tcp_socket_drop(self: tcp_socket): void;

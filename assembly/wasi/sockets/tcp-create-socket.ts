// wasi:sockets/tcp-create-socket@0.2.0

/**
 * Creates an unbound TCP socket of the given ip-address-family (0 ipv4, 1 ipv6).
 * WIT: `create-tcp-socket: func(address-family: ip-address-family) -> result<tcp-socket, error-code>`
 * Writes to `ret`: @0 tag; ok: @4 tcp-socket handle; err: @4 error-code.
 */
// @ts-ignore: decorator
@external("wasi:sockets/tcp-create-socket@0.2.0", "create-tcp-socket")
export declare function create_tcp_socket(family: u8, ret: usize): void;

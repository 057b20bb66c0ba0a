// wasi:sockets/udp-create-socket@0.2.0

/**
 * Creates an unbound UDP socket of the given ip-address-family (0 ipv4, 1 ipv6).
 * WIT: `create-udp-socket: func(address-family: ip-address-family) -> result<udp-socket, error-code>`
 * Writes to `ret`: @0 tag; ok: @4 udp-socket handle; err: @4 error-code.
 */
// @ts-ignore: decorator
@external("wasi:sockets/udp-create-socket@0.2.0", "create-udp-socket")
export declare function create_udp_socket(family: u8, ret: usize): void;

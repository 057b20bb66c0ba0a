// The raw binding layer: one module per WIT interface, plus the
// canonical-ABI helpers. Names follow the WIT: `[method]tcp-socket.start-bind`
// is `tcp_socket_start_bind`, `[resource-drop]pollable` is `pollable_drop`.
export * from "./abi";
export * from "./address";
export * from "./io/error";
export * from "./io/poll";
export * from "./io/streams";
export * from "./clocks/monotonic-clock";
export * from "./sockets/network";
export * from "./sockets/instance-network";
export * from "./sockets/tcp";
export * from "./sockets/tcp-create-socket";
export * from "./sockets/udp";
export * from "./sockets/udp-create-socket";
export * from "./sockets/ip-name-lookup";

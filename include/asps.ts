// Extensions of this library beyond POSIX (not in any C header).

/**
 * Compatibility mode for socket options the WASI proposal does not include
 * (❔ rows): when on, TCP_NODELAY, SO_LINGER with l_onoff = 0, SO_BROADCAST = 0,
 * SO_REUSEADDR on UDP, IP_TOS and IPV6_TCLASS are accepted, stored and read
 * back — without any effect on the host. Off by default: they are ENOPROTOOPT,
 * so nothing is faked without the program asking.
 */
export { setCompatibilityMode as asps_option_compatibility } from "../assembly/net/options";

/**
 * Dual-stack emulation for AF_INET6 TCP sockets (off by default, as WASI
 * sockets are v6-only): when on, a socket may set IPV6_V6ONLY to 0 before it
 * is bound. Bound to :: it then also listens on 0.0.0.0 (a hidden IPv4 socket
 * on the same port) and accept serves both, reporting IPv4 peers as
 * ::ffff:a.b.c.d; connect to ::ffff:a.b.c.d goes over IPv4.
 */
export { setDualStackEmulation as asps_dual_stack } from "../assembly/net/addresses";

/**
 * The wasi:io/poll pollable behind a socket descriptor, for read (events
 * without POLLOUT) or write (POLLOUT) readiness, so other libraries can add
 * sockets to their own wasi:io/poll loop. Borrowed: the socket owns it (never
 * drop it); valid until the descriptor closes (for UDP, until its next
 * connect). Returns 0 with errno on failure.
 */
export { asps_pollable } from "../assembly/posix/hook";

/**
 * How long a name lookup (getaddrinfo, gethostbyname) may take, in
 * milliseconds: at expiry it fails with EAI_AGAIN (TRY_AGAIN) instead of
 * blocking forever. Default 30 000; 0 means no limit.
 */
export { setLookupTimeout as asps_lookup_timeout } from "../assembly/net/lookup";

// Extensions of this library beyond POSIX (not in any C header).

/**
 * Compatibility mode for socket options the WASI proposal does not include
 * (❔ rows): when on, TCP_NODELAY, SO_LINGER with l_onoff = 0, SO_BROADCAST = 0,
 * SO_REUSEADDR on UDP, IP_TOS and IPV6_TCLASS are accepted, stored and read
 * back — without any effect on the host. Off by default: they are ENOPROTOOPT,
 * so nothing is faked without the program asking.
 */
export { setCompatibilityMode as asps_option_compatibility } from "../assembly/net/options";

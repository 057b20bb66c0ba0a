// <netinet/in.h>, <netinet/tcp.h> values and layouts of wasi-libc for wasm32-wasip2.
import { sa_family_t } from "./socket";

export type in_port_t = u16;
export type in_addr_t = u32;

export const IPPROTO_IP: i32 = 0;
export const IPPROTO_TCP: i32 = 6;
export const IPPROTO_UDP: i32 = 17;
export const IPPROTO_IPV6: i32 = 41;

export const INADDR_ANY: u32 = 0;
export const INADDR_LOOPBACK: u32 = 0x7f000001;
export const INADDR_BROADCAST: u32 = 0xffffffff;
export const INET_ADDRSTRLEN: i32 = 16;
export const INET6_ADDRSTRLEN: i32 = 46;

// IPPROTO_IP options.
export const IP_TOS: i32 = 1;
export const IP_TTL: i32 = 2;
export const IP_HDRINCL: i32 = 3;
export const IP_MULTICAST_TTL: i32 = 33;
export const IP_MULTICAST_LOOP: i32 = 34;
export const IP_ADD_MEMBERSHIP: i32 = 35;
// IPPROTO_IPV6 options.
export const IPV6_UNICAST_HOPS: i32 = 16;
export const IPV6_JOIN_GROUP: i32 = 20;
export const IPV6_V6ONLY: i32 = 26;
export const IPV6_HDRINCL: i32 = 36;
export const IPV6_TCLASS: i32 = 67;
// IPPROTO_TCP options.
export const TCP_NODELAY: i32 = 1;
export const TCP_MAXSEG: i32 = 2;
export const TCP_CORK: i32 = 3;
export const TCP_KEEPIDLE: i32 = 4;
export const TCP_KEEPINTVL: i32 = 5;
export const TCP_KEEPCNT: i32 = 6;
export const TCP_INFO: i32 = 11;
export const TCP_USER_TIMEOUT: i32 = 18;
export const TCP_FASTOPEN: i32 = 23;

/** struct in_addr: an IPv4 address in network byte order. */
@unmanaged
export class in_addr {
  s_addr: in_addr_t;
}

/** struct in6_addr: 16 address bytes, most significant first; `s6_addr` is their address. */
@unmanaged
export class in6_addr {
  private __addr0: u64;
  private __addr1: u64;

  get s6_addr(): usize {
    return changetype<usize>(this);
  }
}

/** struct sockaddr_in (16 bytes): port and address in network byte order. */
@unmanaged
export class sockaddr_in {
  sin_family: sa_family_t;
  sin_port: in_port_t;
  sin_addr: in_addr_t;
  sin_zero: u64;
}

/**
 * struct sockaddr_in6 (32 bytes with its 16-byte alignment padding).
 * AssemblyScript cannot embed an array in a class, so `sin6_addr` is the
 * address of the 16 address bytes, as `&sa.sin6_addr` would be in C.
 */
@unmanaged
export class sockaddr_in6 {
  sin6_family: sa_family_t;
  sin6_port: in_port_t;
  sin6_flowinfo: u32;
  private __addr0: u64;
  private __addr1: u64;
  sin6_scope_id: u32;
  private __pad: u32;

  get sin6_addr(): usize {
    return changetype<usize>(this) + offsetof<sockaddr_in6>("__addr0");
  }
}

export const SOCKADDR_IN_SIZE: u32 = 16;
export const SOCKADDR_IN6_SIZE: u32 = 32;
export const SOCKADDR_STORAGE_SIZE: u32 = 48;

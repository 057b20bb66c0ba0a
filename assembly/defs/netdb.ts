// <netdb.h> values (wasi-libc / musl) and struct layouts on wasm32.

export const AI_PASSIVE: i32 = 0x1;
export const AI_CANONNAME: i32 = 0x2;
export const AI_NUMERICHOST: i32 = 0x4;
export const AI_V4MAPPED: i32 = 0x8;
export const AI_ALL: i32 = 0x10;
export const AI_ADDRCONFIG: i32 = 0x20;
export const AI_NUMERICSERV: i32 = 0x400;

export const NI_NUMERICHOST: i32 = 0x1;
export const NI_NUMERICSERV: i32 = 0x2;
export const NI_NOFQDN: i32 = 0x4;
export const NI_NAMEREQD: i32 = 0x8;
export const NI_DGRAM: i32 = 0x10;
export const NI_MAXHOST: i32 = 255;
export const NI_MAXSERV: i32 = 32;

export const EAI_BADFLAGS: i32 = -1;
export const EAI_NONAME: i32 = -2;
export const EAI_AGAIN: i32 = -3;
export const EAI_FAIL: i32 = -4;
export const EAI_FAMILY: i32 = -6;
export const EAI_SOCKTYPE: i32 = -7;
export const EAI_SERVICE: i32 = -8;
/** glibc's (musl defines it too): a numeric host of another family than the hints ask for. */
export const EAI_ADDRFAMILY: i32 = -9;
export const EAI_MEMORY: i32 = -10;
export const EAI_SYSTEM: i32 = -11;
export const EAI_OVERFLOW: i32 = -12;

// h_errno values.
export const HOST_NOT_FOUND: i32 = 1;
export const TRY_AGAIN: i32 = 2;
export const NO_RECOVERY: i32 = 3;
export const NO_DATA: i32 = 4;

/** struct addrinfo (musl order): 32 bytes. */
@unmanaged
export class addrinfo {
  ai_flags: i32;
  ai_family: i32;
  ai_socktype: i32;
  ai_protocol: i32;
  ai_addrlen: u32;
  ai_addr: usize;
  ai_canonname: usize;
  ai_next: usize;
}
export const ADDRINFO_SIZE: usize = 32;

/** struct hostent: h_name, h_aliases, h_addrtype, h_length, h_addr_list (20 bytes). */
@unmanaged
export class hostent {
  h_name: usize;
  h_aliases: usize;
  h_addrtype: i32;
  h_length: i32;
  h_addr_list: usize;
}

/** struct servent: s_name, s_aliases, s_port (network order), s_proto (16 bytes). */
@unmanaged
export class servent {
  s_name: usize;
  s_aliases: usize;
  s_port: i32;
  s_proto: usize;
}

/** struct protoent: p_name, p_aliases, p_proto (12 bytes). */
@unmanaged
export class protoent {
  p_name: usize;
  p_aliases: usize;
  p_proto: i32;
}

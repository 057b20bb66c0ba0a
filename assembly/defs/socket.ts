// <sys/socket.h> values and layouts of wasi-libc for wasm32-wasip2, so memory
// laid out by ported C code means the same thing here.

export type socklen_t = u32;
export type sa_family_t = u16;

// Address families.
export const AF_UNSPEC: i32 = 0;
export const AF_INET: i32 = 1;
export const AF_INET6: i32 = 2;
export const AF_UNIX: i32 = 3;
export const PF_UNSPEC = AF_UNSPEC;
export const PF_INET = AF_INET;
export const PF_INET6 = AF_INET6;
export const PF_UNIX = AF_UNIX;

// Socket types and the flags socket()/accept4() accept beside them.
export const SOCK_DGRAM: i32 = 5;
export const SOCK_STREAM: i32 = 6;
export const SOCK_NONBLOCK: i32 = 0x4000;
export const SOCK_CLOEXEC: i32 = 0x2000;

export const SOL_SOCKET: i32 = 0x7fffffff;
export const SOMAXCONN: i32 = 128;

export const SHUT_RD: i32 = 1;
export const SHUT_WR: i32 = 2;
export const SHUT_RDWR: i32 = 3;

// Socket-level options (the 32-bit `long` values of SO_RCVTIMEO/SO_SNDTIMEO).
export const SO_REUSEADDR: i32 = 2;
export const SO_TYPE: i32 = 3;
export const SO_ERROR: i32 = 4;
export const SO_DONTROUTE: i32 = 5;
export const SO_BROADCAST: i32 = 6;
export const SO_SNDBUF: i32 = 7;
export const SO_RCVBUF: i32 = 8;
export const SO_KEEPALIVE: i32 = 9;
export const SO_OOBINLINE: i32 = 10;
export const SO_LINGER: i32 = 13;
export const SO_REUSEPORT: i32 = 15;
export const SO_RCVLOWAT: i32 = 18;
export const SO_SNDLOWAT: i32 = 19;
export const SO_ACCEPTCONN: i32 = 30;
export const SO_PROTOCOL: i32 = 38;
export const SO_DOMAIN: i32 = 39;
export const SO_RCVTIMEO: i32 = 66;
export const SO_SNDTIMEO: i32 = 67;
// Options wasi-libc does not define (Linux values), so code naming them gets ENOPROTOOPT, not a compile error.
export const SO_BINDTODEVICE: i32 = 25;
export const SO_PEERCRED: i32 = 17;
export const SO_PEERSEC: i32 = 31;
/** BSD/macOS only (no Linux value): macOS's number, which collides with nothing here. */
export const SO_NOSIGPIPE: i32 = 0x1022;

// Message flags.
export const MSG_OOB: i32 = 0x1;
export const MSG_PEEK: i32 = 0x2;
export const MSG_DONTROUTE: i32 = 0x4;
export const MSG_CTRUNC: i32 = 0x8;
export const MSG_TRUNC: i32 = 0x20;
export const MSG_DONTWAIT: i32 = 0x40;
export const MSG_EOR: i32 = 0x80;
export const MSG_WAITALL: i32 = 0x100;
export const MSG_NOSIGNAL: i32 = 0x4000;
/** recvmmsg: block for the first datagram only (Linux/musl value). */
export const MSG_WAITFORONE: i32 = 0x10000;
/** musl's (and Linux's) value; only meaningful for SCM_RIGHTS on Unix sockets. */
export const MSG_CMSG_CLOEXEC: i32 = 0x40000000;

/** struct sockaddr: the family tag every address starts with. */
@unmanaged
export class sockaddr {
  sa_family: sa_family_t;
  sa_data0: u16;
  sa_data1: u32;
  sa_data2: u64;
}

/** struct sockaddr_storage: 48 bytes, room for any address this ABI knows. */
@unmanaged
export class sockaddr_storage {
  ss_family: sa_family_t;
  __pad0: u16;
  __pad1: u32;
  __pad2: u64;
  __pad3: u64;
  __pad4: u64;
  __pad5: u64;
  __pad6: u64;
}

/** struct iovec. */
@unmanaged
export class iovec {
  iov_base: usize;
  iov_len: usize;
}

/** struct msghdr (28 bytes on wasm32). */
@unmanaged
export class msghdr {
  msg_name: usize;
  msg_namelen: socklen_t;
  msg_iov: usize;
  msg_iovlen: i32;
  msg_control: usize;
  msg_controllen: socklen_t;
  msg_flags: i32;
}

/** struct linger. */
@unmanaged
export class linger {
  l_onoff: i32;
  l_linger: i32;
}

/** struct mmsghdr (sendmmsg/recvmmsg): a msghdr and the bytes sent or received; 32 bytes on wasm32. */
@unmanaged
export class mmsghdr extends msghdr {
  msg_len: u32;
  /** The embedded msghdr, as C's `m.msg_hdr`. */
  get msg_hdr(): msghdr {
    return this;
  }
}

/** Sizes the message calls check pointers against. */
export const MSGHDR_SIZE: usize = 28;
export const MMSGHDR_SIZE: usize = 32;
/** The most iovecs one call takes (Linux's UIO_MAXIOV). */
export const IOV_MAX: i32 = 1024;

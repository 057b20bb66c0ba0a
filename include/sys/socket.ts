// <sys/socket.h>
export {
  socklen_t, sa_family_t,
  AF_UNSPEC, AF_INET, AF_INET6, AF_UNIX, PF_UNSPEC, PF_INET, PF_INET6, PF_UNIX,
  SOCK_DGRAM, SOCK_STREAM, SOCK_NONBLOCK, SOCK_CLOEXEC,
  SOL_SOCKET, SOMAXCONN, SHUT_RD, SHUT_WR, SHUT_RDWR,
  SO_REUSEADDR, SO_TYPE, SO_ERROR, SO_DONTROUTE, SO_BROADCAST, SO_SNDBUF, SO_RCVBUF,
  SO_KEEPALIVE, SO_OOBINLINE, SO_LINGER, SO_REUSEPORT, SO_RCVLOWAT, SO_SNDLOWAT,
  SO_ACCEPTCONN, SO_PROTOCOL, SO_DOMAIN, SO_RCVTIMEO, SO_SNDTIMEO,
  SO_BINDTODEVICE, SO_PEERCRED, SO_PEERSEC, SO_NOSIGPIPE,
  MSG_OOB, MSG_PEEK, MSG_DONTROUTE, MSG_CTRUNC, MSG_TRUNC, MSG_DONTWAIT, MSG_EOR,
  MSG_WAITALL, MSG_NOSIGNAL, MSG_CMSG_CLOEXEC, MSG_WAITFORONE,
  sockaddr, sockaddr_storage, iovec, msghdr, mmsghdr, linger,
} from "../../assembly/defs/socket";
export { socket } from "../../assembly/posix/socket";
export { bind } from "../../assembly/posix/bind";
export { listen } from "../../assembly/posix/listen";
export { accept, accept4 } from "../../assembly/posix/accept";
export { connect } from "../../assembly/posix/connect";
export { getsockname, getpeername } from "../../assembly/posix/name";
export { send, sendto } from "../../assembly/posix/send";
export { recv, recvfrom } from "../../assembly/posix/recv";
export { sendmsg, recvmsg } from "../../assembly/posix/msg";
export { sendmmsg, recvmmsg } from "../../assembly/posix/mmsg";
export { shutdown } from "../../assembly/posix/shutdown";
export { getsockopt, setsockopt } from "../../assembly/posix/sockopt";
export { sockatmark } from "../../assembly/posix/ioctl";

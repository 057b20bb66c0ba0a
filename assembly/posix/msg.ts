// sendmsg(2), recvmsg(2): scatter/gather through the same send and receive
// paths as send and recv. Ancillary (control) data is not supported: a send
// that carries some is refused with EOPNOTSUPP, and a receive never produces
// any (msg_controllen comes back 0).
import { msghdr, MSGHDR_SIZE, SOCK_DGRAM } from "../defs/socket";
import { EFAULT, EMSGSIZE, EOPNOTSUPP } from "../defs/errno";
import { receivedFlags } from "../net/socket";
import { socketOf } from "./fd";
import { fail, socketResult } from "./errno";
import { validObject } from "./memory";
import { readIoList } from "./iovec";
import { readDestination, checkAddressBuffer, ADDRESS } from "./sockaddr";
import { sendingSocket } from "./send";
import { recvFlagsOk, reportSource } from "./recv";

/** Linux's sizeof(struct sockaddr_storage): the most of a message's name it reads. */
const LINUX_SOCKADDR_STORAGE: u32 = 128;

/**
 * The msg_namelen a sendmsg or sendmmsg message is read with: Linux's
 * __copy_msghdr cuts a longer one to 128 (sendto refuses it: EINVAL); a
 * negative one (as an int) stays, to be refused EINVAL.
 */
export function sendNameLength(namelen: u32): u32 {
  return <i32>namelen < 0 ? namelen : min(namelen, LINUX_SOCKADDR_STORAGE);
}

/**
 * ssize_t sendmsg(int fd, const struct msghdr *msg, int flags);
 * `sendmsg(fd: i32, msg: usize, flags: i32): isize` — one send gathered from msg_iov (one datagram on UDP,
 * empty when the iovecs are), to msg_name where the type takes one (a msg_namelen over 128 is read as 128).
 * Control data is refused. Errors: EBADF, ENOTSOCK, EOPNOTSUPP (a refused flag, control data), EFAULT,
 * EMSGSIZE (msg_iovlen over 1024, a datagram too large), EINVAL, and sendto's.
 */
export function sendmsg(fd: i32, msg: usize, flags: i32): isize {
  const sock = sendingSocket(fd, flags);
  if (sock === null) return -1;
  if (!validObject(msg, MSGHDR_SIZE)) return fail(EFAULT);
  const m = changetype<msghdr>(msg);
  if (m.msg_controllen != 0) return fail(EOPNOTSUPP);
  const data = readIoList(m.msg_iov, m.msg_iovlen, EMSGSIZE);
  if (data === null) return -1;
  const dest = readDestination(m.msg_name, sendNameLength(m.msg_namelen), sock.family, sock.type == SOCK_DGRAM);
  if (dest < 0) return fail(-dest);
  return socketResult(sock, sock.send(data, dest == 1 ? ADDRESS : null, flags));
}

/**
 * ssize_t recvmsg(int fd, struct msghdr *msg, int flags);
 * `recvmsg(fd: i32, msg: usize, flags: i32): isize` — one receive scattered over msg_iov; msg_name gets the
 * source (UDP) or a zero length (TCP), msg_flags MSG_TRUNC for a cut datagram, msg_controllen 0.
 * Errors: EBADF, ENOTSOCK, EOPNOTSUPP (a refused flag), EFAULT, EMSGSIZE (msg_iovlen over 1024), EINVAL,
 * and recvfrom's.
 */
export function recvmsg(fd: i32, msg: usize, flags: i32): isize {
  const sock = socketOf(fd);
  if (sock === null || !recvFlagsOk(sock, flags)) return -1;
  if (!validObject(msg, MSGHDR_SIZE)) return fail(EFAULT);
  const m = changetype<msghdr>(msg);
  const data = readIoList(m.msg_iov, m.msg_iovlen, EMSGSIZE);
  if (data === null) return -1;
  const name = m.msg_name;
  const namelen = msg + offsetof<msghdr>("msg_namelen");
  const bad = checkAddressBuffer(name, namelen);
  if (bad < 0) return fail(-bad);
  const n = sock.receive(data, flags, name != 0 ? ADDRESS : null);
  if (n < 0) return socketResult(sock, n);
  reportSource(name, namelen);
  m.msg_controllen = 0;
  m.msg_flags = receivedFlags;
  return n;
}

// sendmmsg(2), recvmmsg(2). On a UDP socket the batch maps onto the host's
// batch calls: one outgoing-datagram-stream.send(list) per check-send budget,
// one incoming-datagram-stream.receive(n) per wait. On TCP each message is
// one send or receive, as Linux does.
import { mmsghdr, MMSGHDR_SIZE, IOV_MAX, MSG_WAITFORONE, MSG_DONTWAIT, SOCK_DGRAM } from "../defs/socket";
import { timespec, TIMESPEC_SIZE } from "../defs/time";
import { EFAULT, EINVAL, EMSGSIZE, EOPNOTSUPP } from "../defs/errno";
import { Socket, receivedFlags } from "../net/socket";
import { UdpSocket } from "../net/udp";
import { IoList } from "../net/iolist";
import { copyOf } from "../net/addresses";
import { deadlineAfter } from "../net/wait";
import { IpSocketAddress } from "../wasi/address";
import { socketOf } from "./fd";
import { fail, errno } from "./errno";
import { inMemory, validObject } from "./memory";
import { readIoList } from "./iovec";
import { readDestination, checkAddressBuffer, writeSockaddr, ADDRESS } from "./sockaddr";
import { sendingSocket } from "./send";
import { recvFlagsOk } from "./recv";
import { sendNameLength } from "./msg";

function headerAt(msgvec: usize, i: i32): mmsghdr {
  return changetype<mmsghdr>(msgvec + <usize>i * MMSGHDR_SIZE);
}

/** Linux clamps vlen to UIO_MAXIOV; the array must lie in memory. */
function checkVector(msgvec: usize, vlen: u32): i32 {
  const n = <i32>min<u32>(vlen, <u32>IOV_MAX);
  if (n > 0 && (msgvec == 0 || !inMemory(msgvec, <usize>n * MMSGHDR_SIZE))) return -EFAULT;
  return n;
}

/**
 * int sendmmsg(int fd, struct mmsghdr *msgvec, unsigned int vlen, int flags);
 * `sendmmsg(fd: i32, msgvec: usize, vlen: u32, flags: i32): i32` — up to vlen messages (at most 1024), each as
 * sendmsg would send it, msg_len set for each one sent. The first message that fails (its checks or its send)
 * ends the call: the count sent so far, or its error when that is none. Errors: as sendmsg.
 */
export function sendmmsg(fd: i32, msgvec: usize, vlen: u32, flags: i32): i32 {
  const sock = sendingSocket(fd, flags);
  if (sock === null) return -1;
  let count = checkVector(msgvec, vlen);
  if (count < 0) return fail(-count);
  const datas = new Array<IoList>();
  const dests = new Array<IpSocketAddress | null>();
  const datagram = sock.type == SOCK_DGRAM;
  // The messages are read up to the first bad one; those before it are sent all the same.
  let firstError = 0;
  for (let i = 0; i < count; i++) {
    const m = headerAt(msgvec, i);
    const data = readIoList(m.msg_iov, m.msg_iovlen, EMSGSIZE);
    let err = data === null ? errno : 0;
    if (err == 0 && m.msg_controllen != 0) err = EOPNOTSUPP;
    if (err == 0) {
      const dest = readDestination(m.msg_name, sendNameLength(m.msg_namelen), sock.family, datagram);
      if (dest < 0) err = -dest;
      else {
        datas.push(data!);
        dests.push(dest == 1 ? copyOf(ADDRESS) : null);
        continue;
      }
    }
    firstError = err;
    break;
  }
  count = datas.length;
  let sent: isize;
  if (count == 0) sent = firstError != 0 ? -<isize>firstError : 0;
  else if (sock instanceof UdpSocket) sent = changetype<UdpSocket>(sock).sendMany(datas, dests, count, flags);
  else sent = sendEach(sock, datas, count, flags);
  for (let i = 0; i < dests.length; i++) freeAddress(dests[i]);
  if (sent < 0) return fail(<i32>-sent);
  for (let i = 0; i < <i32>sent; i++) headerAt(msgvec, i).msg_len = <u32>datas[i].total;
  return <i32>sent;
}

function sendEach(sock: Socket, datas: IoList[], count: i32, flags: i32): isize {
  for (let i = 0; i < count; i++) {
    const r = sock.send(datas[i], null, flags);
    if (r < 0) return i > 0 ? <isize>i : r;
  }
  return <isize>count;
}

export function recvmmsg(fd: i32, msgvec: usize, vlen: u32, flags: i32, timeout: usize): i32 {
  const sock = socketOf(fd);
  if (sock === null || !recvFlagsOk(sock, flags)) return -1;
  const count = checkVector(msgvec, vlen);
  if (count < 0) return fail(-count);
  let deadline = deadlineAfter(sock.receiveTimeoutNs);
  if (timeout != 0) {
    if (!validObject(timeout, TIMESPEC_SIZE)) return fail(EFAULT);
    const t = changetype<timespec>(timeout);
    if (t.tv_sec < 0 || t.tv_nsec < 0 || t.tv_nsec >= 1_000_000_000) return fail(EINVAL);
    deadline = deadlineAfter(max<u64>(<u64>t.tv_sec * 1_000_000_000 + <u64>t.tv_nsec, 1));
  }
  const datas = new Array<IoList>();
  for (let i = 0; i < count; i++) {
    const m = headerAt(msgvec, i);
    const data = readIoList(m.msg_iov, m.msg_iovlen, EMSGSIZE);
    if (data === null) return -1;
    const bad = checkAddressBuffer(m.msg_name, changetype<usize>(m) + offsetof<mmsghdr>("msg_namelen"));
    if (bad < 0) return fail(-bad);
    datas.push(data);
  }
  if (count == 0) return 0;
  const got = sock instanceof UdpSocket
    ? receiveDatagrams(changetype<UdpSocket>(sock), msgvec, datas, count, flags, deadline)
    : receiveEach(sock, msgvec, datas, count, flags);
  return got < 0 ? fail(-got) : got;
}

/** One host receive per wait: up to `count` datagrams land in the messages. */
function receiveDatagrams(sock: UdpSocket, msgvec: usize, datas: IoList[], count: i32, flags: i32, deadline: u64): i32 {
  const froms = new Array<IpSocketAddress>(count);
  for (let i = 0; i < count; i++) froms[i] = new IpSocketAddress();
  const lengths = new Int32Array(count);
  const flagsOut = new Int32Array(count);
  const waitForAll = (flags & MSG_WAITFORONE) == 0;
  const got = <i32>sock.receiveMany(datas, froms, lengths, flagsOut, count, flags & ~MSG_WAITFORONE, waitForAll, deadline);
  for (let i = 0; i < got; i++) {
    const m = headerAt(msgvec, i);
    if (m.msg_name != 0) writeSockaddr(froms[i], m.msg_name, changetype<usize>(m) + offsetof<mmsghdr>("msg_namelen"));
    m.msg_len = <u32>lengths[i];
    m.msg_flags = flagsOut[i];
    m.msg_controllen = 0;
  }
  for (let i = 0; i < count; i++) heap.free(changetype<usize>(froms[i]));
  return got;
}

/** A stream socket: one receive per message; after the first, only what is there now (MSG_WAITFORONE or not: Linux stops at EAGAIN). */
function receiveEach(sock: Socket, msgvec: usize, datas: IoList[], count: i32, flags: i32): i32 {
  const base = flags & ~MSG_WAITFORONE;
  for (let i = 0; i < count; i++) {
    const r = sock.receive(datas[i], i == 0 ? base : base | MSG_DONTWAIT, null);
    if (r < 0) return i > 0 ? i : <i32>r;
    const m = headerAt(msgvec, i);
    if (m.msg_name != 0) store<u32>(changetype<usize>(m) + offsetof<mmsghdr>("msg_namelen"), 0);
    m.msg_len = <u32>r;
    m.msg_flags = receivedFlags;
    m.msg_controllen = 0;
    if (r == 0) return i + 1; // EOF
  }
  return count;
}

function freeAddress(a: IpSocketAddress | null): void {
  if (a !== null) heap.free(changetype<usize>(a));
}

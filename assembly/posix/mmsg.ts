// sendmmsg(2), recvmmsg(2). On a UDP socket the batch maps onto the host's
// batch calls: one outgoing-datagram-stream.send(list) per check-send budget,
// one incoming-datagram-stream.receive(n) per wait. On TCP each message is
// one send or receive. Either way the result is Linux's loop of sendmsg or
// recvmsg calls.
import { mmsghdr, MMSGHDR_SIZE, IOV_MAX, MSG_WAITFORONE, MSG_DONTWAIT, SOCK_DGRAM } from "../defs/socket";
import { timespec, TIMESPEC_SIZE } from "../defs/time";
import { EFAULT, EINVAL, EMSGSIZE, EOPNOTSUPP } from "../defs/errno";
import { Socket, receivedFlags } from "../net/socket";
import { UdpSocket, Received } from "../net/udp";
import { IoList } from "../net/iolist";
import { copyOf } from "../net/addresses";
import { FOREVER } from "../net/wait";
import { now } from "../wasi/clocks/monotonic-clock";
import { IpSocketAddress } from "../wasi/address";
import { socketOf } from "./fd";
import { fail, errno } from "./errno";
import { inMemory, validObject } from "./memory";
import { readIoList } from "./iovec";
import { readDestination, checkAddressBuffer, writeSockaddr, ADDRESS } from "./sockaddr";
import { sendingSocket } from "./send";
import { recvFlagsOk } from "./recv";
import { sendNameLength } from "./msg";

/** Seconds of a recvmmsg timeout past which it can never pass (the monotonic clock counts u64 nanoseconds). */
const MAX_TIMEOUT_S: i64 = 1 << 32;

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

/**
 * int recvmmsg(int fd, struct mmsghdr *msgvec, unsigned int vlen, int flags, struct timespec *timeout);
 * `recvmmsg(fd: i32, msgvec: usize, vlen: u32, flags: i32, timeout: usize): i32` — up to vlen messages (at most
 * 1024), each as recvmsg would receive it (msg_len, msg_name, msg_flags): Linux's loop, in which every message
 * waits (up to SO_RCVTIMEO) unless MSG_DONTWAIT, or MSG_WAITFORONE after the first; the timeout is looked at
 * only after each message and never cuts a wait short (man recvmmsg, BUGS). Errors: as recvmsg, and EINVAL
 * (a bad timespec), EFAULT (msgvec, timeout).
 */
export function recvmmsg(fd: i32, msgvec: usize, vlen: u32, flags: i32, timeout: usize): i32 {
  const sock = socketOf(fd);
  if (sock === null || !recvFlagsOk(sock, flags)) return -1;
  const count = checkVector(msgvec, vlen);
  if (count < 0) return fail(-count);
  let until = FOREVER;
  if (timeout != 0) {
    if (!validObject(timeout, TIMESPEC_SIZE)) return fail(EFAULT);
    const t = changetype<timespec>(timeout);
    if (t.tv_sec < 0 || t.tv_nsec < 0 || t.tv_nsec >= 1_000_000_000) return fail(EINVAL);
    // A zero timespec has passed once one message is in; one beyond what an instant holds never passes (Linux saturates it).
    if (t.tv_sec < MAX_TIMEOUT_S) until = now() + <u64>t.tv_sec * 1_000_000_000 + <u64>t.tv_nsec;
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
  const slots = new Array<Received>(count);
  for (let i = 0; i < count; i++) slots[i] = new Received();
  const got = receiveMessages(sock, datas, slots, count, flags, until);
  for (let i = 0; i < got; i++) report(headerAt(msgvec, i), slots[i]);
  for (let i = 0; i < count; i++) slots[i].release();
  return got < 0 ? fail(-got) : got;
}

/**
 * Linux's recvmmsg loop: a receive per message, on UDP one host receive for
 * every datagram waiting that the messages left can take. Once the timeout
 * has passed, only the message that ends the call is taken; the datagrams
 * behind it stay queued for the next call.
 */
function receiveMessages(sock: Socket, datas: IoList[], slots: Received[], count: i32, flags: i32, until: u64): i32 {
  const waitForOne = (flags & MSG_WAITFORONE) != 0;
  const base = flags & ~MSG_WAITFORONE;
  let got = 0;
  while (got < count) {
    const late = until != FOREVER && now() >= until;
    if (got > 0 && late) break;
    const f = got > 0 && waitForOne ? base | MSG_DONTWAIT : base;
    const n = sock instanceof UdpSocket
      ? changetype<UdpSocket>(sock).receiveMany(datas, slots, got, late ? 1 : count - got, f)
      : receiveStream(sock, datas[got], slots[got], f);
    if (n < 0) return got > 0 ? got : <i32>n;
    got += <i32>n;
  }
  return got;
}

/** A stream socket's message: one receive; after EOF every message is an empty one, as Linux's recvmsg returns 0 again. */
function receiveStream(sock: Socket, data: IoList, slot: Received, flags: i32): isize {
  const r = sock.receive(data, flags, null);
  if (r < 0) return r;
  slot.set(<i32>r, receivedFlags, false);
  return 1;
}

/** Writes what a message received into its header: msg_len, msg_flags, the source (or a zero msg_namelen when there is none). */
function report(m: mmsghdr, slot: Received): void {
  const namelen = changetype<usize>(m) + offsetof<mmsghdr>("msg_namelen");
  if (m.msg_name != 0) {
    if (slot.sourced) writeSockaddr(slot.from, m.msg_name, namelen);
    else store<u32>(namelen, 0);
  }
  m.msg_len = <u32>slot.length;
  m.msg_flags = slot.flags;
  m.msg_controllen = 0;
}

function freeAddress(a: IpSocketAddress | null): void {
  if (a !== null) heap.free(changetype<usize>(a));
}

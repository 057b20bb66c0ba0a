// An epoll instance: an interest list kept between calls, waited on through
// the readiness core (net/readiness.ts) with its own entries and pollables,
// so an instance evaluated inside another call (nested in an epoll, or in
// poll) leaves that call's entries alone. It lives in the descriptor table as
// a Socket whose every socket operation is ENOTSOCK (or EINVAL for read and
// write, as Linux answers on an epoll descriptor), and which is readable when
// one of its interests has something to report.
//
// An interest is keyed, as Linux keys it by the open file, by its socket and
// the number it was added under: it stays while any descriptor of the socket
// is open, and leaves with the last.
//
// Level-triggered interests report whenever ready. EPOLLET reports a
// readiness once; the next report needs news: bits not reported, new input
// (the core counts it), or an EAGAIN the program met on the socket since.
// EPOLLONESHOT disables the interest after one report until EPOLL_CTL_MOD.
// Reports start after the last interest reported, so with a small maxevents
// every ready interest has its turn (Linux moves reported items to the end
// of its ready list).
import * as E from "../defs/errno";
import { AF_UNSPEC } from "../defs/socket";
import {
  POLLIN, POLLOUT, POLLPRI, POLLERR, POLLHUP, POLLRDHUP,
  EPOLLIN, EPOLLOUT, EPOLLPRI, EPOLLERR, EPOLLHUP, EPOLLRDHUP, EPOLLRDNORM, EPOLLWRNORM, EPOLLET, EPOLLONESHOT,
  EPOLL_EVENT_SIZE,
} from "../defs/poll";
import { IpSocketAddress } from "../wasi/address";
import { Socket } from "./socket";
import { IoList } from "./iolist";
import { PollSet } from "./pollset";
import { onClose } from "./descriptors";
import { PollRequest, waitReady } from "./readiness";

/** Linux's EP_MAX_NESTS: how long a chain of instances watching instances may be. */
const MAX_NESTS = 4;

class Interest {
  /** EPOLLET: the POLL* readiness last reported and the socket's would-block count then. */
  reported: i32 = 0;
  reportedAt: u32 = 0;
  /** EPOLLET: news a look or a full wait found and no wait has reported yet (the core's count of input is spent). */
  unreported: bool = false;
  disabled: bool = false;
  constructor(public owner: Epoll, public fd: i32, public socket: Socket, public events: u32, public data: u64) {}

  /** What the next wait must not report again: EPOLLET's last report, until news or an EAGAIN since. */
  old(): i32 {
    if ((this.events & EPOLLET) == 0 || this.unreported || this.reportedAt != this.socket.wouldBlocks) return 0;
    return this.reported;
  }
}

/** socket → its interests in every instance: the socket's last close removes them all. */
const registry = new Map<usize, Interest[]>();
let listening = false;

function register(it: Interest): void {
  const key = changetype<usize>(it.socket);
  if (registry.has(key)) registry.get(key).push(it);
  else registry.set(key, [it]);
}

function unregister(it: Interest): void {
  const key = changetype<usize>(it.socket);
  if (!registry.has(key)) return;
  const list = registry.get(key);
  const k = list.indexOf(it);
  if (k >= 0) {
    list[k] = list[list.length - 1];
    list.pop();
  }
  if (list.length == 0) registry.delete(key);
}

function forget(socket: Socket): void {
  const key = changetype<usize>(socket);
  if (!registry.has(key)) return;
  const list = registry.get(key);
  registry.delete(key);
  for (let k = 0; k < list.length; k++) list[k].owner.detach(list[k]);
}

/** The key of an interest: its socket and the descriptor number it was added under. */
function keyOf(socket: Socket, fd: i32): u64 {
  return (<u64>changetype<usize>(socket) << 32) | <u64><u32>fd;
}

export class Epoll extends Socket {
  private interests: Interest[] = [];
  /** keyOf → the interest's index in `interests`: epoll_ctl and a closing socket find it without a scan. */
  private where: Map<u64, i32> = new Map<u64, i32>();
  /** Where the next report starts looking. */
  private next: i32 = 0;
  private request: PollRequest = new PollRequest();
  private pollables: PollSet = new PollSet();

  constructor() {
    super(AF_UNSPEC, 0);
    if (!listening) {
      onClose(forget);
      listening = true;
    }
  }

  private indexOf(socket: Socket, fd: i32): i32 {
    const key = keyOf(socket, fd);
    return this.where.has(key) ? this.where.get(key) : -1;
  }

  add(fd: i32, socket: Socket, events: u32, data: u64): i32 {
    // Linux checks for a loop before it looks for the interest.
    if (socket instanceof Epoll && !this.mayWatch(changetype<Epoll>(socket))) return -E.ELOOP;
    if (this.indexOf(socket, fd) >= 0) return -E.EEXIST;
    const it = new Interest(this, fd, socket, events, data);
    this.where.set(keyOf(socket, fd), this.interests.length);
    this.interests.push(it);
    register(it);
    return 0;
  }

  modify(fd: i32, socket: Socket, events: u32, data: u64): i32 {
    const i = this.indexOf(socket, fd);
    if (i < 0) return -E.ENOENT;
    const it = this.interests[i];
    it.events = events;
    it.data = data;
    it.disabled = false;
    it.reported = 0;
    it.unreported = false;
    return 0;
  }

  remove(fd: i32, socket: Socket): i32 {
    const i = this.indexOf(socket, fd);
    if (i < 0) return -E.ENOENT;
    const it = this.interests[i];
    this.detach(it);
    unregister(it);
    return 0;
  }

  /** Takes `it` out of the interest list (the registry is the caller's). */
  detach(it: Interest): void {
    const key = keyOf(it.socket, it.fd);
    const i = this.where.get(key);
    const moved = this.interests[this.interests.length - 1];
    this.interests[i] = moved;
    this.where.set(keyOf(moved.socket, moved.fd), i);
    this.interests.pop();
    this.where.delete(key);
  }

  /** Waits and writes up to `max` epoll_events at `out`; the count. */
  wait(out: usize, max: i32, timeoutNs: i64): i32 {
    this.fill();
    waitReady(this.request, this.pollables, timeoutNs);
    return this.report(out, max);
  }

  /** Whether an interest has something to report, without waiting or reporting it (this instance inside another call). */
  private look(): bool {
    this.fill();
    const ready = waitReady(this.request, this.pollables, 0);
    for (let i = 0; i < this.interests.length; i++) {
      if (this.request.news(i)) unchecked(this.interests[i]).unreported = true;
    }
    return ready > 0;
  }

  private fill(): void {
    const n = this.interests.length;
    const req = this.request;
    req.reset(n);
    for (let i = 0; i < n; i++) {
      const it = unchecked(this.interests[i]);
      if (it.disabled) req.settle(i, it.fd, 0);
      else req.set(i, it.fd, it.socket, pollEvents(it.events), it.old());
    }
  }

  /** Writes the entries with news, starting after the last one reported; those past `max` wait for the next call. */
  private report(out: usize, max: i32): i32 {
    const n = this.interests.length;
    const req = this.request;
    let count = 0;
    let last = -1;
    for (let k = 0; k < n; k++) {
      const i = (this.next + k) % n;
      if (!req.news(i)) continue;
      const it = unchecked(this.interests[i]);
      if (count == max) {
        it.unreported = true;
        continue;
      }
      const r = req.reventsAt(i);
      const e = out + <usize>count * EPOLL_EVENT_SIZE;
      store<u32>(e, epollEvents(r) & (it.events | EPOLLERR | EPOLLHUP));
      store<u64>(e, it.data, 8);
      count++;
      last = i;
      it.reported = r;
      it.reportedAt = it.socket.wouldBlocks;
      it.unreported = false;
      if ((it.events & EPOLLONESHOT) != 0) it.disabled = true;
    }
    if (last >= 0) this.next = last + 1;
    return count;
  }

  /** Linux's loop check: watching `target` must make no cycle and no chain longer than MAX_NESTS. */
  private mayWatch(target: Epoll): bool {
    const below = target.depthBelow(this);
    return below >= 0 && below + 1 + this.depthAbove() <= MAX_NESTS;
  }

  /** The longest chain of instances this one watches (0: none); -1 when `avoid` is among them. */
  private depthBelow(avoid: Epoll): i32 {
    let depth = 0;
    for (let i = 0; i < this.interests.length; i++) {
      const s = unchecked(this.interests[i]).socket;
      if (!(s instanceof Epoll)) continue;
      const inner = changetype<Epoll>(s);
      const d = inner === avoid ? -1 : inner.depthBelow(avoid);
      if (d < 0) return -1;
      depth = max(depth, d + 1);
    }
    return depth;
  }

  /** The longest chain of instances watching this one (0: none). */
  private depthAbove(): i32 {
    const key = changetype<usize>(this);
    if (!registry.has(key)) return 0;
    const list = registry.get(key);
    let depth = 0;
    for (let k = 0; k < list.length; k++) depth = max(depth, list[k].owner.depthAbove() + 1);
    return depth;
  }

  release(): void {
    for (let i = 0; i < this.interests.length; i++) unregister(unchecked(this.interests[i]));
    this.interests.length = 0;
    this.where.clear();
  }

  // ---- not a socket ------------------------------------------------------------------
  bind(addr: IpSocketAddress): i32 { return -E.ENOTSOCK; }
  connect(addr: IpSocketAddress): i32 { return -E.ENOTSOCK; }
  disconnect(): i32 { return -E.ENOTSOCK; }
  send(data: IoList, dest: IpSocketAddress | null, flags: i32): isize { return -E.EINVAL; }
  receive(data: IoList, flags: i32, from: IpSocketAddress | null): isize { return -E.EINVAL; }
  localAddress(out: IpSocketAddress): i32 { return -E.ENOTSOCK; }
  remoteAddress(out: IpSocketAddress): i32 { return -E.ENOTSOCK; }
  shutdown(how: i32): i32 { return -E.ENOTSOCK; }
  pending(): isize { return -E.ENOTTY; }

  // ---- readiness: inside poll or another epoll -----------------------------------------
  // Readable when an interest has news. A look is a whole evaluation with a
  // zero timeout (the core then holds the pollables it would wait on); it
  // keeps EPOLLET's edges for this instance's own wait.
  readyNow(): i32 { return this.look() ? POLLIN : 0; }
  addPollables(events: i32, set: PollSet, owner: i32): void {
    if ((events & POLLIN) != 0) set.addAll(this.pollables, owner, POLLIN);
  }
  confirm(events: i32): i32 { return this.readyNow(); }
  pollableFor(events: i32): u32 { return 0; }
}

/** EPOLL* interest → POLL* events. */
function pollEvents(e: u32): i32 {
  let p = 0;
  if ((e & (EPOLLIN | EPOLLRDNORM)) != 0) p |= POLLIN;
  if ((e & (EPOLLOUT | EPOLLWRNORM)) != 0) p |= POLLOUT;
  if ((e & EPOLLPRI) != 0) p |= POLLPRI;
  if ((e & EPOLLRDHUP) != 0) p |= POLLRDHUP;
  return p;
}

/** POLL* revents → EPOLL* events: readable is IN and RDNORM, writable OUT and WRNORM (the interest masks them). */
function epollEvents(p: i32): u32 {
  let e: u32 = 0;
  if ((p & POLLIN) != 0) e |= EPOLLIN | EPOLLRDNORM;
  if ((p & POLLOUT) != 0) e |= EPOLLOUT | EPOLLWRNORM;
  if ((p & POLLPRI) != 0) e |= EPOLLPRI;
  if ((p & POLLERR) != 0) e |= EPOLLERR;
  if ((p & POLLHUP) != 0) e |= EPOLLHUP;
  if ((p & POLLRDHUP) != 0) e |= EPOLLRDHUP;
  return e;
}

#!/usr/bin/env node
// Mutation check: applies deliberate breakages to assembly/, one at a time, in
// a scratch checkout of HEAD, and reports which the tests catch. A breakage
// the tests do not catch is a behaviour no test pins down.
//
//   node tools/mutate.js [--only <id>] [--keep-going]     (npm run mutation)
//
// Each mutation is a text replacement (it must apply exactly once: a mutation
// whose text has moved is reported stale, not counted). The checks run in
// order, cheapest first, and the first that fails catches it: the unit specs
// (as-pect, both builds), then the differential suite under wasmtime, then
// the integration tests that exercise real programs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** [id, file, text to find, replacement, what it breaks]. */
export const MUTATIONS = [
  ["tcp-one-write-per-permit", "assembly/net/tcp.ts", "const spans = n > data.lenAt(seg) - at;", "const spans = false;", "a permit that spans iovecs is written segment by segment (wasmtime traps)"],
  ["tcp-linger", "assembly/net/tcp.ts", "    return !this.outputIdle();", "    return false;", "close drops at once even with writes on their way (blocks on a peer that reads nothing)"],
  ["tcp-connect-reported-once", "assembly/net/tcp.ts", "        if (!this.connectUnreported) return -E.EISCONN;", "        if (true) return -E.EISCONN;", "the first connect after a non-blocking connect finished is EISCONN, not 0"],
  ["tcp-bind-before-connect", "assembly/net/tcp.ts", "    if (this.state == TcpState.Unbound) {\n      const err = this.bindForConnect(addr);", "    if (false) {\n      const err = this.bindForConnect(addr);", "getsockname cannot answer while connecting"],
  ["tcp-port0-refused", "assembly/net/tcp.ts", "    if (addr.port == 0) return this.refuseInGuest(E.ECONNREFUSED);", "", "connect to port 0 goes to the host (EINVAL)"],
  ["tcp-pending-error-once", "assembly/net/tcp.ts", "    const e = this.pendingError;\n    this.pendingError = 0;\n    return -e;", "    return -this.pendingError;", "a pending error is reported again and again"],
  ["tcp-read-behind-peek", "assembly/net/tcp.ts", "    let lookedAfterDrain = got == 0;", "    let lookedAfterDrain = true;", "recv after a short peek returns only the peeked bytes"],
  ["tcp-zero-length-recv", "assembly/net/tcp.ts", "    if (data.total == 0) {\n      const r = this.peek(single(PROBE, 1), false, nonblocking, deadline);\n      return r < 0 ? r : 0;\n    }", "    if (data.total == 0) return 0;", "a zero-length recv returns 0 at once"],
  ["tcp-send-unconnected-epipe", "assembly/net/tcp.ts", "    return sending || this.readShut ? 1 : -E.ENOTCONN;", "    return -E.ENOTCONN;", "send on a never-connected socket is ENOTCONN (Linux: EPIPE)"],
  ["tcp-shutdown-listener", "assembly/net/tcp.ts", "      case TcpState.Listening: return how == SHUT_WR ? 0 : this.startAfresh();", "      case TcpState.Listening: return -E.ENOTCONN;", "shutdown of a listener is ENOTCONN"],
  ["tcp-shut-rd-keeps-reading", "assembly/net/tcp.ts", "    if (how == SHUT_RD) return 0; // Linux goes on receiving: only the program stops waiting", "    if (how == SHUT_RD) { tcp.tcp_socket_shutdown(this.handle, tcp.shutdown_type.receive, RET); return 0; }", "SHUT_RD closes the host's input"],
  ["tcp-retry-keeps-options", "assembly/net/tcp.ts", "    if (err == 0) reapplyOptions(this);", "", "a retried connect loses the options set before it"],
  ["tcp-failed-connect-shut", "assembly/net/tcp.ts", "    this.readShut = this.writeShut = true; // Linux's tcp_done", "", "a failed connect does not read as shut (poll lacks IN|RDHUP)"],
  ["tcp-reset-after-write", "assembly/net/tcp.ts", "    if (!this.wroteAfterPeerClosed || this.broken || this.writeShut) return;", "    return;", "a reset after writing to a closed peer goes unnoticed"],
  ["udp-pin-port", "assembly/net/udp.ts", "    if (this.portPinned || this.state == UdpState.Unbound) return 0;", "    return 0;", "stepping out of an association loses the host-picked port"],
  ["udp-deadline", "assembly/net/udp.ts", " || (deadline != FOREVER && now() >= deadline)) return -E.EAGAIN;", ") return -E.EAGAIN;", "a receive with a timeout spins past it when the host keeps the pollable ready"],
  ["udp-autobind-first", "assembly/net/udp.ts", "    const bound = this.bindImplicitly();\n    if (bound < 0) return bound;\n    if (dest !== null) {", "    if (dest !== null) {", "a failing send leaves the socket unbound"],
  ["udp-pending-icmp", "assembly/net/udp.ts", "    if (this.asyncError != 0) return -this.takeError();\n    if (this.writeShut) return -E.EPIPE;", "    if (this.writeShut) return -E.EPIPE;", "a send does not report the ICMP refusal"],
  ["udp-shut-hup", "assembly/net/udp.ts", "    if (this.readShut && this.writeShut) r |= POLLHUP;", "", "a UDP socket shut both ways lacks POLLHUP"],
  ["errors-invalid-state-connect", "assembly/net/errors.ts", "    case Op.Connect: return E.EISCONN;", "    case Op.Connect: return E.EINVAL;", "invalid-state at connect is EINVAL"],
  ["errors-emfile", "assembly/net/errors.ts", "op == Op.Create || op == Op.Accept ? E.EMFILE : E.EIO", "E.EIO", "the descriptor limit reads as EIO"],
  ["sockaddr-length-first", "assembly/posix/sockaddr.ts", "  if (len < (family == AF_INET ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_MIN)) return -EINVAL;\n  const unspecifiedAsInet", "  if (given != family) return -EAFNOSUPPORT;\n  if (len < (family == AF_INET ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_MIN)) return -EINVAL;\n  const unspecifiedAsInet", "the family is checked before the length"],
  ["socket-bad-type", "assembly/posix/socket.ts", "  if (kind != SOCK_STREAM && kind != SOCK_DGRAM) return fail(EINVAL);", "  if (kind != SOCK_STREAM && kind != SOCK_DGRAM) return fail(EPROTONOSUPPORT);", "an unknown socket type is EPROTONOSUPPORT"],
  ["options-double", "assembly/net/options.ts", "min(v * 2, INT_MAX)", "min(v, INT_MAX)", "buffer sizes read back as set, not doubled"],
  ["options-eopnotsupp-level", "assembly/net/options.ts", "return getting && s.family == AF_INET && !known ? E.EOPNOTSUPP : E.ENOPROTOOPT;", "return E.ENOPROTOOPT;", "a get at a foreign level is ENOPROTOOPT"],
  ["select-exceptfds", "assembly/posix/select.ts", "(r & POLLPRI) != 0) { FD_SET(fd, exceptfds)", "(r & (POLLPRI | POLLERR)) != 0) { FD_SET(fd, exceptfds)", "select reports errors in exceptfds"],
  ["epoll-et-reported", "assembly/net/epoll.ts", "    if ((this.events & EPOLLET) == 0 || this.unreported || this.reportedAt != this.socket.wouldBlocks) return 0;", "    return 0;", "an EPOLLET edge already reported is reported again"],
  ["epoll-loop", "assembly/net/epoll.ts", "    if (socket instanceof Epoll && !this.mayWatch(changetype<Epoll>(socket))) return -E.ELOOP;", "", "epoll instances may watch each other in a cycle"],
  ["inet-ntop-v4-tail", "assembly/posix/inet.ts", "const mapped = best == 0 && (bestLen == 6 || (bestLen == 5 && load<u16>(g + 10) == 0xffff));", "const mapped = best == 0 && bestLen == 5 && load<u16>(g + 10) == 0xffff;", "inet_ntop prints ::1.2.3.4 in hex"],
  ["netdb-addrfamily", "assembly/posix/netdb.ts", "return req.literal ? EAI_ADDRFAMILY : EAI_NONAME;", "return EAI_NONAME;", "a literal of the other family is EAI_NONAME"],
  ["fdtable-lowest", "assembly/net/fdtable.ts", "      while (this.freeHeap.length > 0) {", "      while (false) {", "closed descriptor numbers are not reused lowest-first"],
  ["iolist-scatter", "assembly/net/iolist.ts", "      const k = min(len - skip, n);", "      const k = min(len - skip, n) - (n > 1 ? 1 : 0);", "a scatter over iovecs loses a byte"],
  ["dup-refs", "assembly/net/descriptors.ts", "  if (--d.socket.refs == 0) {", "  if (--d.socket.refs <= 1) {", "closing one dup releases the shared socket"],
  ["accept4-nonblock", "assembly/posix/accept.ts", "  conn.nonblocking = (flags & SOCK_NONBLOCK) != 0;", "  conn.nonblocking = false;", "accept4's SOCK_NONBLOCK is ignored"],
  ["udp-trunc-length", "assembly/net/udp.ts", "    return <isize>((flags & MSG_TRUNC) != 0 ? length : k);", "    return <isize>k;", "MSG_TRUNC on UDP returns the copied length"],
  ["poll-nval", "assembly/posix/poll.ts", "    else REQUEST.settle(i, p.fd, POLLNVAL);", "    else REQUEST.settle(i, p.fd, 0);", "poll reports a closed descriptor as not ready instead of POLLNVAL"],
  ["poll-negative-fd", "assembly/posix/poll.ts", "    if (p.fd < 0) REQUEST.settle(i, p.fd, 0);", "    if (p.fd < 0) REQUEST.settle(i, p.fd, POLLNVAL);", "poll reports fd < 0 instead of ignoring it"],
  ["epoll-oneshot", "assembly/net/epoll.ts", "      if ((it.events & EPOLLONESHOT) != 0) it.disabled = true;", "", "EPOLLONESHOT reports again and again"],
  ["udp-emsgsize-limit", "assembly/net/udp.ts", "const MAX_PAYLOAD_V4: usize = 65507;", "const MAX_PAYLOAD_V4: usize = 65508;", "a 65508-byte IPv4 datagram goes to the host"],
  ["sockaddr-full-length", "assembly/posix/sockaddr.ts", "  store<u32>(lenPtr, full);", "  store<u32>(lenPtr, n);", "a truncated address reports the truncated length, not the full one"],
  ["recvfrom-tcp-no-source", "assembly/posix/recv.ts", "  else store<u32>(addrlen, 0);", "", "recvfrom on TCP leaves addrlen as it was"],
  ["fionread-udp", "assembly/net/udp.ts", "    return this.held ? <isize>this.heldLength : 0;", "    return 0;", "FIONREAD on UDP says 0 with a datagram waiting"],
  ["dualstack-mapped-peer", "assembly/net/tcp.ts", "    out.readFrom(RET + PAYLOAD_4);\n    if (this.mapped) mapV4(out);\n    return 0;\n  }\n", "    out.readFrom(RET + PAYLOAD_4);\n    return 0;\n  }\n", "a dual-stack peer reads as IPv4, not ::ffff:a.b.c.d"],
  ["ttl-default", "assembly/net/options.ts", "function setHopLimit(s: Socket, v: i64): i32 {\n  if (v == -1) v = DEFAULT_HOPS;", "function setHopLimit(s: Socket, v: i64): i32 {", "IP_TTL -1 is refused instead of restoring the default"],
  ["netdb-passive", "assembly/posix/netdb.ts", "    a.setIpv6(passive ? ZERO6 : LOOPBACK6, 0, 0, 0);", "    a.setIpv6(LOOPBACK6, 0, 0, 0);", "AI_PASSIVE with no host gives loopback, not the wildcard"],
  ["waitall-stops-early", "assembly/net/tcp.ts", "      if (got > 0 && !waitAll) break;\n      if (this.peerClosed || this.readShut) break;", "      if (got > 0) break;\n      if (this.peerClosed || this.readShut) break;", "MSG_WAITALL returns after the first bytes"],
  ["so-error-connecting", "assembly/net/tcp.ts", "    if (this.state == TcpState.Connecting) this.tryFinishConnect();\n    else if", "    if (false) this.tryFinishConnect();\n    else if", "SO_ERROR does not look at a connect in progress"],
  ["wait-timeout", "assembly/net/wait.ts", "  return timeoutNs == 0 ? FOREVER : now() + timeoutNs;", "  return timeoutNs == 0 ? FOREVER : now() + timeoutNs * 4;", "timeouts last four times as long"],
];

function sh(cmd, args, cwd, timeoutMs) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 << 20 });
  return { ok: r.status === 0, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

/** The checks, cheapest first: [name, command, args, timeout]. */
const CHECKS = [
  ["unit specs", "npx", ["asp", "--config", "as-pect.config.js"], 600_000],
  ["unit specs (network-error-code)", "npx", ["asp", "--config", "tests/unit/nec/as-pect.config.js", "--as-config", "tests/unit/nec/as-pect.asconfig.json"], 600_000],
  ["differential suite (wasmtime)", "node", ["tests/linux/run.js", "--runtime", "wasmtime"], 900_000],
  ["integration", "node", ["--test", "--test-concurrency=1", "tests/integration/tcp.test.js", "tests/integration/udp.test.js", "tests/integration/events.test.js", "tests/integration/examples.test.js"], 900_000],
];

function scratch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asps-mutate-"));
  sh("git", ["worktree", "add", "--detach", dir, "HEAD"], ROOT);
  for (const link of ["node_modules", ".tools"]) fs.symlinkSync(path.join(ROOT, link), path.join(dir, link));
  return dir;
}

/** Applies one mutation in `dir`: true, or false when its text is not there exactly once. */
function apply(dir, [, file, find, replace]) {
  const p = path.join(dir, file);
  const text = fs.readFileSync(p, "utf8");
  const at = text.indexOf(find);
  if (at < 0 || text.indexOf(find, at + 1) >= 0) return false;
  fs.writeFileSync(p, text.slice(0, at) + replace + text.slice(at + find.length));
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : null;
  const dir = scratch();
  const results = [];
  try {
    for (const m of MUTATIONS) {
      const [id, , , , what] = m;
      if (only && id !== only) continue;
      sh("git", ["checkout", "--", "."], dir);
      if (!apply(dir, m)) {
        results.push({ id, what, verdict: "stale" });
        console.log(`STALE  ${id}: its text is not in the code once`);
        continue;
      }
      let caughtBy = null;
      for (const [name, cmd, args, timeout] of CHECKS) {
        if (!sh(cmd, args, dir, timeout).ok) { caughtBy = name; break; }
      }
      results.push({ id, what, verdict: caughtBy ? "caught" : "missed", caughtBy });
      console.log(caughtBy ? `CAUGHT ${id} (by ${caughtBy})` : `MISSED ${id}: ${what}`);
    }
  } finally {
    sh("git", ["worktree", "remove", "--force", dir], ROOT);
  }
  const counted = results.filter((r) => r.verdict !== "stale");
  const caught = counted.filter((r) => r.verdict === "caught").length;
  console.log(`${caught} of ${counted.length} mutations caught (${counted.length ? Math.round((100 * caught) / counted.length) : 0}%); ${results.length - counted.length} stale`);
  process.exit(counted.length && caught === counted.length ? 0 : 1);
}

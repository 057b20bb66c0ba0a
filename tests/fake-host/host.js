// A scripted fake of the WASI 0.2.0 host, for the as-pect unit specs.
//
// It implements every lowered import of wasi:io (error, poll, streams),
// wasi:clocks/monotonic-clock, wasi:sockets (network, instance-network, tcp,
// tcp-create-socket, udp, udp-create-socket, ip-name-lookup) and the few
// wasi:cli interfaces the library's runtime uses, over an in-memory model:
//
// - one handle table; every resource has a type and, when it was created by a
//   method of another resource (a socket's streams and pollables, a stream's
//   pollable, a datagram stream's pollable), a parent. Dropping a parent while
//   a child lives traps, as wasmtime does ("resource has children"); using or
//   dropping an unknown handle, or one of the wrong type, traps. Handles are
//   never reused, so a stale handle always traps.
// - the TCP state machine (unbound, bind-started, bound, listen-started,
//   listening, connect-started, connected, closed) with wasmtime's state
//   errors, and a UDP socket (unbound, bind-started, bound) with its streams.
// - byte streams fed by the test in chunks, check-write budgets (writing more
//   than check-write allowed traps), a fake monotonic clock that only moves
//   when a wait needs it to, and name lookup over a small hosts table.
// - live-handle counts (per type and in total) and per-import call counts.
//
// Nothing happens by itself: readiness and "would-block" are scripted, so the
// model is deterministic. A wait (pollable.block, poll) that nothing scripted
// could ever end traps with a message instead of hanging.
//
// The test steers it through the `fake-host` import module (declared for
// AssemblyScript in tests/unit/fake-host.ts) or, from JavaScript, through the
// methods under "script API" below. tests/fake-host/README.md describes both;
// tests/fake-host/check.js checks every lowered signature against the WIT.

export const ERR = {
  unknown: 0, access_denied: 1, not_supported: 2, invalid_argument: 3, out_of_memory: 4, timeout: 5,
  concurrency_conflict: 6, not_in_progress: 7, would_block: 8, invalid_state: 9, new_socket_limit: 10,
  address_not_bindable: 11, address_in_use: 12, remote_unreachable: 13, connection_refused: 14,
  connection_reset: 15, connection_aborted: 16, datagram_too_large: 17, name_unresolvable: 18,
  temporary_resolver_failure: 19, permanent_resolver_failure: 20,
};
export const ERROR_NAMES = Object.keys(ERR).map((k) => k.replaceAll("_", "-"));

/** The interfaces the fake implements, without version. */
export const INTERFACES = [
  "wasi:io/error", "wasi:io/poll", "wasi:io/streams", "wasi:clocks/monotonic-clock",
  "wasi:sockets/network", "wasi:sockets/instance-network", "wasi:sockets/tcp-create-socket", "wasi:sockets/tcp",
  "wasi:sockets/udp", "wasi:sockets/udp-create-socket", "wasi:sockets/ip-name-lookup",
  "wasi:cli/environment", "wasi:cli/exit", "wasi:cli/stdin", "wasi:cli/stdout", "wasi:cli/stderr",
];

/** Thrown from an import: the guest traps (as-pect's toThrow() catches it). */
export class Trap extends Error {
  constructor(message) {
    super(`fake host: ${message}`);
    this.name = "FakeHostTrap";
    // as-pect reports a trapped test without its cause: ASPS_FAKE_DEBUG=1 prints it.
    if (process.env.ASPS_FAKE_DEBUG) console.error(this.message);
  }
}

const DEFAULTS = {
  writeBudget: 65536, // check-write's answer, per output-stream
  sendBudget: 64, // check-send's answer, per outgoing-datagram-stream
  firstEphemeralPort: 49152,
  clock: 1_000_000_000n, // monotonic-clock.now at reset, in ns
};
const MAX_BLOCKING_WRITE = 4096; // blocking-write-and-flush's limit in the spec
const MAX_DATAGRAM = 65507;

/**
 * Fields whose scripted would-block has a meaning, and the pollable kind that
 * stays unready while some are left (blocking on it uses them up).
 */
const WOULD_BLOCK = {
  "[method]tcp-socket.finish-bind": "tcp",
  "[method]tcp-socket.finish-listen": "tcp",
  "[method]tcp-socket.finish-connect": "tcp",
  "[method]tcp-socket.accept": "tcp",
  "[method]udp-socket.finish-bind": "udp",
  "[method]input-stream.read": "input",
  "[method]input-stream.skip": "input",
  "[method]output-stream.check-write": "output",
  "[method]incoming-datagram-stream.receive": "incoming",
  "[method]outgoing-datagram-stream.check-send": "outgoing",
  "[method]resolve-address-stream.resolve-next-address": "resolve",
};

// ---- addresses ------------------------------------------------------------------
const V4 = 0, V6 = 1;
const sameIp = (a, b) => a.family === b.family && a.ip.every((x, i) => x === b.ip[i]);
const isUnspecified = (a) => a.ip.every((x) => x === 0);
const isLoopback = (a) => (a.family === V4 ? a.ip[0] === 127 : a.ip.slice(0, 7).every((x) => x === 0) && a.ip[7] === 1);
const isMulticast = (a) => (a.family === V4 ? a.ip[0] >= 224 && a.ip[0] <= 239 : (a.ip[0] & 0xff00) === 0xff00);
const isBroadcast = (a) => a.family === V4 && a.ip.every((x) => x === 255);
const isV4Mapped = (a) => a.family === V6 && a.ip.slice(0, 5).every((x) => x === 0) && a.ip[5] === 0xffff;
/** Documentation ranges no machine owns: binding to them is address-not-bindable. */
const isForeign = (a) => (a.family === V4
  ? (a.ip[0] === 192 && a.ip[1] === 0 && a.ip[2] === 2) || (a.ip[0] === 198 && a.ip[1] === 51 && a.ip[2] === 100) || (a.ip[0] === 203 && a.ip[1] === 0 && a.ip[2] === 113)
  : a.ip[0] === 0x2001 && a.ip[1] === 0xdb8);
const overlaps = (a, b) => a.family === b.family && a.port === b.port && (isUnspecified(a) || isUnspecified(b) || sameIp(a, b));
const loopbackOf = (family) => (family === V4 ? [127, 0, 0, 1] : [0, 0, 0, 0, 0, 0, 0, 1]);
const zeroIp = (family) => (family === V4 ? [0, 0, 0, 0] : [0, 0, 0, 0, 0, 0, 0, 0]);
/** The local IP a connected socket reports when it was not bound to one (a fake interface address). */
const interfaceIp = (family) => (family === V4 ? [10, 0, 0, 2] : [0xfd00, 0, 0, 0, 0, 0, 0, 2]);

/** Parses an IPv4 or IPv6 literal ("[…]" allowed); null when it is not one. */
export function parseIp(text) {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const ip = v4.slice(1).map(Number);
    return ip.every((x) => x <= 255) ? { family: V4, ip } : null;
  }
  let t = text;
  if (t.startsWith("[") && t.endsWith("]")) t = t.slice(1, -1);
  if (!/^[0-9A-Fa-f:.]+$/.test(t) || !t.includes(":")) return null;
  const lastColon = t.lastIndexOf(":");
  if (t.slice(lastColon + 1).includes(".")) { // an embedded IPv4 tail: ::ffff:1.2.3.4
    const four = parseIp(t.slice(lastColon + 1));
    if (!four || four.family !== V4) return null;
    const hex = (hi, lo) => ((hi << 8) | lo).toString(16);
    t = `${t.slice(0, lastColon + 1)}${hex(four.ip[0], four.ip[1])}:${hex(four.ip[2], four.ip[3])}`;
  }
  const halves = t.split("::");
  if (halves.length > 2) return null;
  const part = (s) => (s === "" ? [] : s.split(":"));
  const head = part(halves[0]), rest = halves.length === 2 ? part(halves[1]) : [];
  const groups = [...head, ...rest];
  if (groups.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return null;
  if (halves.length === 1 && groups.length !== 8) return null;
  if (halves.length === 2 && groups.length > 7) return null;
  const ip = [...head, ...Array(8 - groups.length).fill("0"), ...rest].map((g) => parseInt(g, 16));
  return { family: V6, ip };
}

/** A host name the resolver would accept (letters, digits, '-', '_', dots). */
const isHostName = (name) => name.length <= 253 && /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/.test(name);

export class FakeHost {
  /** @param {{writeBudget?: number, sendBudget?: number, echoStdio?: boolean, version?: string}} options */
  constructor(options = {}) {
    this.options = { ...DEFAULTS, echoStdio: false, version: "0.2.0", ...options };
    this.nextHandle = 1;
    this.resources = new Map();
    this.defs = new Map(); // field → {module, arity, failAt, errKind}
    this.exports = null;
    this.reset();
  }

  /**
   * Forgets every resource but networks (the library takes the instance
   * network once per program), every script, every counter; the clock and
   * port numbers restart. Handle numbers keep growing.
   */
  reset() {
    for (const [h, r] of this.resources) if (r.type !== "network") this.resources.delete(h);
    for (const r of this.resources.values()) r.children.clear();
    this.callCounts = new Map();
    this.failures = new Map(); // field → [{count, apply}]
    this.blocks = new Map(); // field → would-blocks left
    this.stalls = new Set(); // fields that would-block until reset: time never makes them ready
    this.clock = this.options.clock;
    this.nextPort = this.options.firstEphemeralPort;
    this.written = new Map(); // output-stream handle → bytes (kept after the drop)
    this.sent = new Map(); // outgoing-datagram-stream handle → [{data, to}] (kept after the drop)
    this.hosts = new Map([["localhost", [{ family: V4, ip: [127, 0, 0, 1] }, { family: V6, ip: [0, 0, 0, 0, 0, 0, 0, 1] }]]]);
  }

  /** Zeroes the call counters only. */
  resetCalls() {
    this.callCounts = new Map();
  }

  /** Called once the instance exists: memory and cabi_realloc come from its exports. */
  attach(exports) {
    if (!(exports.memory instanceof WebAssembly.Memory)) throw new Error("fake host: the module exports no memory");
    this.exports = exports;
  }

  // ---- guest memory (views are made per access: memory may grow in cabi_realloc) ----
  get view() { return new DataView(this.exports.memory.buffer); }
  bytes(ptr, len) {
    if (ptr + len > this.exports.memory.buffer.byteLength) throw new Trap(`out-of-bounds guest range ${ptr}+${len}`);
    return new Uint8Array(this.exports.memory.buffer, ptr, len);
  }
  u8(p, v) { this.view.setUint8(p, v); }
  u16(p, v) { this.view.setUint16(p, v, true); }
  u32(p, v) { this.view.setUint32(p, v, true); }
  u64(p, v) { this.view.setBigUint64(p, BigInt(v), true); }
  getU8(p) { return this.view.getUint8(p); }
  getU16(p) { return this.view.getUint16(p, true); }
  getU32(p) { return this.view.getUint32(p, true); }
  /** An AssemblyScript string argument: UTF-16LE, its byte length stored at ptr - 4. */
  asString(ptr) {
    if (!ptr) throw new Error("fake host: null string argument");
    const len = this.getU32(ptr - 4);
    return Buffer.from(this.exports.memory.buffer, ptr, len).toString("utf16le");
  }
  /** Copies `data` into guest memory obtained from the guest's cabi_realloc; returns the pointer. */
  alloc(data, align = 1) {
    if (typeof this.exports?.cabi_realloc !== "function") throw new Trap("the guest exports no cabi_realloc (tests/unit/setup.include.ts re-exports it)");
    const ptr = this.exports.cabi_realloc(0, 0, align, data.length);
    if (ptr === 0 && data.length) throw new Trap("cabi_realloc returned null");
    this.bytes(ptr, data.length).set(data);
    return ptr;
  }

  // ---- resources ------------------------------------------------------------------
  add(type, props = {}, parent = 0) {
    const h = this.nextHandle++;
    this.resources.set(h, { type, handle: h, parent, children: new Set(), ...props });
    if (parent) this.get(parent).children.add(h);
    return h;
  }
  get(h, type) {
    const r = this.resources.get(h);
    if (!r) throw new Trap(`unknown handle ${h}${type ? ` (expected a ${type})` : ""}`);
    if (type && r.type !== type) throw new Trap(`handle ${h} is a ${r.type}, not a ${type}`);
    return r;
  }
  has(h, type) {
    const r = this.resources.get(h);
    return !!r && (!type || r.type === type);
  }
  drop(h, type) {
    const r = this.get(h, type);
    if (r.children.size > 0) {
      const kids = [...r.children].map((c) => `${this.resources.get(c)?.type} ${c}`).join(", ");
      throw new Trap(`resource has children: ${type} ${h} dropped while ${kids} live (drop pollables, then streams, then the socket)`);
    }
    if (r.parent && this.resources.has(r.parent)) this.get(r.parent).children.delete(h);
    this.resources.delete(h);
    return r;
  }
  /** Live resources of `type`; without a type, of every type but network. */
  live(type) {
    let n = 0;
    for (const r of this.resources.values()) if (type ? r.type === type : r.type !== "network") n++;
    return n;
  }
  /** {type: count} of the live resources, networks included. */
  liveByType() {
    const out = {};
    for (const r of this.resources.values()) out[r.type] = (out[r.type] ?? 0) + 1;
    return out;
  }

  // ---- script API (JavaScript side; the fake-host imports call these) ---------------
  /** The field's definition; throws on a name no import has (catches typos in specs). */
  def(field) {
    const d = this.defs.get(field);
    if (!d) throw new Error(`fake host: no import named ${JSON.stringify(field)}`);
    return d;
  }
  calls(field) {
    this.def(field);
    return this.callCounts.get(field) ?? 0;
  }
  totalCalls() {
    let n = 0;
    for (const v of this.callCounts.values()) n += v;
    return n;
  }
  /** The next `n` calls of `field` (a function returning result<_, error-code>) fail with `code`. */
  failNext(field, code, n = 1) {
    const d = this.def(field);
    if (d.errKind !== "error-code") throw new Error(`fake host: ${field} ${d.errKind === "stream-error" ? "fails with a stream-error: use failStreamNext" : "cannot fail"}`);
    if (!(code >= 0 && code < ERROR_NAMES.length)) throw new Error(`fake host: no error-code ${code}`);
    this.queueFailure(field, n, { code });
  }
  /**
   * The next `n` calls of stream function `field` fail with stream-error
   * `closed`, or `last-operation-failed` carrying an error resource whose
   * network-error-code is `code` (-1: none). Either way the stream is closed afterwards.
   */
  failStreamNext(field, { closed = false, code = -1 } = {}, n = 1) {
    const d = this.def(field);
    if (d.errKind !== "stream-error") throw new Error(`fake host: ${field} does not return a stream-error: use failNext`);
    this.queueFailure(field, n, { stream: true, closed, code });
  }
  queueFailure(field, n, failure) {
    if (!(n > 0)) throw new Error(`fake host: failure count must be > 0 (got ${n})`);
    if (!this.failures.has(field)) this.failures.set(field, []);
    this.failures.get(field).push({ count: n, ...failure });
  }
  /** The next `n` calls of `field` report would-block; blocking on the matching pollable uses them up. */
  wouldBlock(field, n) {
    this.def(field);
    if (!WOULD_BLOCK[field]) throw new Error(`fake host: ${field} has no would-block behaviour (one of: ${Object.keys(WOULD_BLOCK).join(", ")})`);
    if (n > 0) this.blocks.set(field, n); else this.blocks.delete(field);
  }
  /** A client from `peer` (default 127.0.0.1:<next port>) connects to a listening (or about to listen) socket. */
  queueConnection(listener, peer) {
    const s = this.get(listener, "tcp-socket");
    s.queue.push(peer ?? { family: s.family, port: this.allocPort("tcp-socket"), ip: loopbackOf(s.family) });
  }
  /**
   * Bytes (a Uint8Array, array of numbers or string) arrive on an input-stream:
   * as one chunk, in chunks of `chunks` bytes, or in chunks of the listed sizes
   * (the last size repeats). One read returns at most one chunk.
   */
  deliver(stream, data, chunks = 0) {
    const s = this.get(stream, "input-stream");
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : Uint8Array.from(data);
    const sizes = Array.isArray(chunks) ? chunks : [chunks];
    if (sizes.some((n) => !(n >= 0))) throw new Error(`fake host: bad chunk sizes ${sizes}`);
    for (let i = 0, k = 0; i < bytes.length; k++) {
      const n = sizes[Math.min(k, sizes.length - 1)] || bytes.length;
      s.chunks.push(bytes.slice(i, i + n));
      i += n;
    }
  }
  /** The peer finished sending: once the delivered chunks are read, reads report closed. */
  closeInput(stream) {
    this.get(stream, "input-stream").eof = true;
  }
  /** The connection is reset: unread data is lost; the next operation on each stream fails with `code`. */
  resetPeer(socket, code = ERR.connection_reset) {
    const s = this.get(socket, "tcp-socket");
    if (s.input && this.has(s.input)) Object.assign(this.get(s.input), { chunks: [], failure: code });
    if (s.output && this.has(s.output)) this.get(s.output).failure = code;
  }
  setWriteBudget(stream, n) {
    this.get(stream, "output-stream").budget = BigInt(n);
  }
  /**
   * The peer takes `n` bytes and then no more until the program waits on the
   * stream (then it has drained them): writes use the space up, check-write
   * grants at most what is left, and the pollable is unready at 0. Without
   * it, space is unlimited (check-write always grants the budget).
   */
  setWriteSpace(stream, n) {
    Object.assign(this.get(stream, "output-stream"), { space: BigInt(n), spaceLimit: BigInt(n) });
  }
  setSendBudget(stream, n) {
    this.get(stream, "outgoing-datagram-stream").budget = BigInt(n);
  }
  /** Everything written to an output-stream (also after it was dropped). */
  writtenTo(stream) {
    return this.written.get(stream) ?? new Uint8Array(0);
  }
  /** Datagrams sent on an outgoing-datagram-stream: [{data, to}] (to: null when sent without an address). */
  sentOn(stream) {
    return this.sent.get(stream) ?? [];
  }
  /** A datagram arrives on a UDP socket (by its socket or its incoming stream handle). */
  queueDatagram(handle, data, from) {
    let r = this.get(handle);
    if (r.type === "incoming-datagram-stream") r = this.get(r.sock, "udp-socket");
    if (r.type !== "udp-socket") throw new Trap(`handle ${handle} is a ${r.type}, not a UDP socket or incoming stream`);
    r.inbox.push({ data: Uint8Array.from(data), from: from ?? { family: r.family, port: 40000, ip: loopbackOf(r.family) } });
  }
  /** `name` resolves to `addresses` ([{family, ip}]); an empty list makes it unresolvable again. */
  addHost(name, addresses) {
    if (addresses.length) this.hosts.set(name.toLowerCase(), addresses);
    else this.hosts.delete(name.toLowerCase());
  }
  advanceClock(ns) {
    this.clock += BigInt(ns);
  }
  /** The input (which 0) or output (1) stream of a TCP socket, incoming (0) / outgoing (1) of a UDP socket; 0 when none. */
  streamOf(socket, which) {
    const r = this.get(socket);
    if (r.type === "tcp-socket") return (which ? r.output : r.input) ?? 0;
    if (r.type === "udp-socket") return (which ? r.outgoing : r.incoming) ?? 0;
    throw new Trap(`handle ${socket} is a ${r.type}, not a socket`);
  }

  // ---- scripted failures, would-blocks ----------------------------------------------
  /** Applies a due scripted failure of `field`; true when it wrote the result. */
  scripted(field, args) {
    const queue = this.failures.get(field);
    if (!queue?.length) return false;
    const f = queue[0];
    if (--f.count === 0) queue.shift();
    const d = this.defs.get(field);
    const ret = args[args.length - 1];
    if (f.stream) {
      this.streamErr(ret, d.failAt, f.closed, f.code);
      const s = this.resources.get(args[0]);
      if (s) s.dead = true; // after a stream error every operation reports closed
    } else {
      this.err(ret, d.failAt, f.code);
      d.onFail?.(args, f.code);
    }
    return true;
  }
  /** Uses up one scripted would-block of `field`; true if there was one. */
  blocked(field) {
    if (this.stalls.has(field)) return true;
    const n = this.blocks.get(field) ?? 0;
    if (n > 1) this.blocks.set(field, n - 1);
    else this.blocks.delete(field);
    return n > 0;
  }
  pendingBlocks(field) {
    return this.stalls.has(field) ? Infinity : this.blocks.get(field) ?? 0;
  }
  /** `field` reports would-block from now on and its pollable never becomes ready (a peer that never answers). */
  stall(field) {
    this.def(field);
    if (!WOULD_BLOCK[field]) throw new Error(`fake host: ${field} has no would-block behaviour`);
    this.stalls.add(field);
  }

  // ---- results ------------------------------------------------------------------
  ok(ret) { this.u8(ret, 0); }
  err(ret, at, code) { this.u8(ret, 1); this.u8(ret + at, code); }
  /** stream-error at `at`: case 1 closed, or case 0 last-operation-failed(own<error>) with the handle at +4. */
  streamErr(ret, at, closed, code = -1) {
    this.u8(ret, 1);
    this.u8(ret + at, closed ? 1 : 0);
    if (!closed) this.u32(ret + at + 4, this.add("error", { code }));
  }
  okList(ret, data) {
    this.ok(ret);
    this.u32(ret + 4, data.length ? this.alloc(data) : 0);
    this.u32(ret + 8, data.length);
  }

  // ---- addresses in memory ----------------------------------------------------------
  /** The 12 flat i32 of an ip-socket-address. */
  static flatAddress(w) {
    if (w[0] === V4) return { family: V4, port: w[1] & 0xffff, ip: w.slice(2, 6).map((x) => x & 0xff) };
    if (w[0] === V6) return { family: V6, port: w[1] & 0xffff, flow: w[2] >>> 0, ip: w.slice(3, 11).map((x) => x & 0xffff), scope: w[11] >>> 0 };
    throw new Trap(`invalid ip-socket-address discriminant ${w[0]}`);
  }
  /** An ip-socket-address in memory (32 bytes: case @0, port @4, v4 bytes @6 | v6 flow @8, segments @12, scope @28). */
  readAddress(p) {
    const family = this.getU8(p);
    if (family === V4) return { family, port: this.getU16(p + 4), ip: [0, 1, 2, 3].map((i) => this.getU8(p + 6 + i)) };
    if (family === V6) {
      return { family, port: this.getU16(p + 4), flow: this.getU32(p + 8), ip: [0, 1, 2, 3, 4, 5, 6, 7].map((i) => this.getU16(p + 12 + 2 * i)), scope: this.getU32(p + 28) };
    }
    throw new Trap(`invalid ip-socket-address discriminant ${family}`);
  }
  writeAddress(p, a) {
    this.bytes(p, 32).fill(0);
    this.u8(p, a.family);
    this.u16(p + 4, a.port);
    if (a.family === V4) a.ip.forEach((b, i) => this.u8(p + 6 + i, b));
    else {
      this.u32(p + 8, a.flow ?? 0);
      a.ip.forEach((s, i) => this.u16(p + 12 + 2 * i, s));
      this.u32(p + 28, a.scope ?? 0);
    }
  }
  /** An ip-address in memory (case @0, v4 bytes @2 | v6 segments @2). */
  writeIpAddress(p, a) {
    this.bytes(p, 18).fill(0);
    this.u8(p, a.family);
    if (a.family === V4) a.ip.forEach((b, i) => this.u8(p + 2 + i, b));
    else a.ip.forEach((s, i) => this.u16(p + 2 + 2 * i, s));
  }

  /** An ephemeral port no live socket of `type` uses. */
  allocPort(type) {
    const used = new Set();
    for (const r of this.resources.values()) if (r.type === type && r.local) used.add(r.local.port);
    while (used.has(this.nextPort)) this.nextPort++;
    return this.nextPort++;
  }

  // ---- readiness ------------------------------------------------------------------
  /** The would-block fields that keep a pollable unready. */
  gatesOf(p) {
    if (p.kind === "tcp") {
      const s = this.resources.get(p.on);
      const f = { "bind-started": "finish-bind", "listen-started": "finish-listen", "connect-started": "finish-connect", listening: "accept" }[s.state];
      return f ? [`[method]tcp-socket.${f}`] : [];
    }
    if (p.kind === "udp") return this.resources.get(p.on).state === "bind-started" ? ["[method]udp-socket.finish-bind"] : [];
    return Object.keys(WOULD_BLOCK).filter((f) => WOULD_BLOCK[f] === p.kind);
  }

  ready(p) {
    if (p.kind === "timer") return this.clock >= p.at;
    if (this.gatesOf(p).some((g) => this.pendingBlocks(g) > 0)) return false;
    const r = this.resources.get(p.on);
    switch (p.kind) {
      case "input": return r.chunks.length > 0 || !!r.eof || !!r.shutdown || r.failure != null || !!r.dead;
      case "output": return !!r.closed || !!r.dead || r.failure != null || (r.budget > 0n && (r.space == null || r.space > 0n));
      case "tcp": return r.state !== "listening" || r.queue.length > 0;
      case "udp": return true;
      case "incoming": return this.inbox(this.get(r.sock)).length > 0;
      case "outgoing": return r.budget > 0n;
      case "resolve": return true;
      default: return true;
    }
  }

  /** Time passes for `p`: its scripted would-blocks are used up. */
  release(p) {
    for (const g of this.gatesOf(p)) this.blocks.delete(g);
    const r = p.kind === "output" ? this.resources.get(p.on) : null;
    if (r && r.spaceLimit != null) r.space = r.spaceLimit; // the peer drained while the program waited
  }

  block(p) {
    if (this.ready(p)) return;
    if (p.kind === "timer") { this.clock = p.at; return; }
    this.release(p);
    if (!this.ready(p)) throw new Trap(`pollable.block would never return: ${this.describeWait(p)}`);
  }

  describeWait(p) {
    const r = this.resources.get(p.on);
    switch (p.kind) {
      case "input": return `input-stream ${p.on} has no data, and nothing closed it (deliver or close_input first)`;
      case "output": return `output-stream ${p.on} has a zero write budget (set_write_budget first)`;
      case "tcp": return `tcp-socket ${p.on} is listening with no queued connection (queue_connection first)`;
      case "incoming": return `udp-socket ${r?.sock} has no datagram queued (queue_datagram first)`;
      case "outgoing": return `outgoing-datagram-stream ${p.on} has a zero send budget`;
      default: return `${p.kind} pollable ${p.handle} cannot become ready`;
    }
  }

  /** poll found nothing ready: scripted would-blocks pass, else the clock jumps to the earliest timer. */
  advance(ps) {
    for (const p of ps) if (p.kind !== "timer") this.release(p);
    if (ps.some((p) => this.ready(p))) return;
    const timers = ps.filter((p) => p.kind === "timer").map((p) => p.at);
    if (timers.length === 0) {
      throw new Trap(`poll would never return: nothing can make any of its ${ps.length} pollable(s) ready (${ps.map((p) => this.describeWait(p)).join("; ")})`);
    }
    this.clock = timers.reduce((a, b) => (a < b ? a : b));
  }

  // ---- TCP helpers ------------------------------------------------------------------
  newTcp(family, state, extra = {}) {
    return this.add("tcp-socket", {
      family, state, queue: [], local: null, remote: null, input: 0, output: 0,
      backlog: 128n, keepAlive: 0, keepIdle: 7_200_000_000_000n, keepInterval: 75_000_000_000n, keepCount: 9,
      hopLimit: 64, rcvBuf: 131072n, sndBuf: 16384n, ...extra,
    });
  }
  connectStreams(h, s) {
    s.state = "connected";
    s.input = this.add("input-stream", { chunks: [], socket: h }, h);
    s.output = this.add("output-stream", { budget: BigInt(this.options.writeBudget), socket: h }, h);
  }
  appendWritten(h, data) {
    const prev = this.written.get(h) ?? new Uint8Array(0);
    const next = new Uint8Array(prev.length + data.length);
    next.set(prev);
    next.set(data, prev.length);
    this.written.set(h, next);
    if (this.options.echoStdio && this.get(h).stdio) process[this.get(h).stdio].write(data);
  }
  /** Checks a bind address for `s` (a tcp-socket or udp-socket); an error-code or 0. */
  bindError(type, s, a) {
    if (a.family !== s.family || isBroadcast(a) || isMulticast(a) || isV4Mapped(a)) return ERR.invalid_argument;
    if (isForeign(a)) return ERR.address_not_bindable;
    if (a.port !== 0) {
      for (const r of this.resources.values()) {
        if (r.type !== type || r === s || !r.local || !overlaps(r.local, a)) continue;
        // TCP sockets are bound with SO_REUSEADDR: only a listener holds its port exclusively.
        if (type === "udp-socket" || r.state === "listening" || r.state === "listen-started") return ERR.address_in_use;
      }
    }
    return 0;
  }
  /** Checks a remote address; an error-code or 0. */
  static remoteError(s, a) {
    if (a.family !== s.family || a.port === 0 || isUnspecified(a) || isBroadcast(a) || isMulticast(a) || isV4Mapped(a)) return ERR.invalid_argument;
    return 0;
  }
  /** Binds `s` implicitly or completes an unspecified IP, as the host's connect would. */
  localFor(type, s, remote) {
    const ip = isLoopback(remote) ? loopbackOf(s.family) : interfaceIp(s.family);
    if (!s.local) return { family: s.family, port: this.allocPort(type), ip };
    return isUnspecified(s.local) ? { ...s.local, ip } : s.local;
  }
  inbox(u) {
    return u.remote ? u.inbox.filter((d) => overlaps(d.from, u.remote) && sameIp(d.from, u.remote)) : u.inbox;
  }

  // ---- the import object ----------------------------------------------------------------
  /** The import modules: wasi:* at the configured version, plus `fake-host`. */
  imports() {
    const host = this;
    const mods = {};
    const version = this.options.version;
    /**
     * Defines one lowered import. Every call is counted, then a due scripted
     * failure (for functions returning a result) replaces the model's answer.
     * opts: failAt (payload offset of the result), errKind ("error-code" |
     * "stream-error"), arity (core parameter count when fn uses rest
     * parameters), onFail(args, code) (state change after a scripted failure).
     */
    const def = (iface, field, fn, opts = {}) => {
      const module = `wasi:${iface}@${version}`;
      if (host.defs.has(field)) throw new Error(`fake host: ${field} defined twice`);
      host.defs.set(field, { module, field, arity: opts.arity ?? fn.length, failAt: opts.failAt ?? null, errKind: opts.errKind ?? null, onFail: opts.onFail });
      (mods[module] ??= {})[field] = (...args) => {
        host.callCounts.set(field, (host.callCounts.get(field) ?? 0) + 1);
        if (opts.failAt !== undefined && host.scripted(field, args)) return undefined;
        return fn(...args);
      };
    };
    const code = (failAt, extra) => ({ failAt, errKind: "error-code", ...extra });
    const stream = (failAt) => ({ failAt, errKind: "stream-error" });
    this.defs.clear();

    // ---- wasi:io/error
    def("io/error", "[method]error.to-debug-string", (self, ret) => {
      const e = host.get(self, "error");
      const text = Buffer.from(e.code >= 0 ? `fake stream error: ${ERROR_NAMES[e.code]}` : "fake stream error");
      host.u32(ret, text.length ? host.alloc(text) : 0);
      host.u32(ret + 4, text.length);
    });
    def("io/error", "[resource-drop]error", (h) => { host.drop(h, "error"); });

    // ---- wasi:io/poll
    def("io/poll", "[method]pollable.ready", (self) => (host.ready(host.get(self, "pollable")) ? 1 : 0));
    def("io/poll", "[method]pollable.block", (self) => { host.block(host.get(self, "pollable")); });
    def("io/poll", "poll", (list, len, ret) => {
      if (len === 0) throw new Trap("poll of an empty list");
      const ps = [];
      for (let i = 0; i < len; i++) ps.push(host.get(host.getU32(list + 4 * i), "pollable"));
      const readyNow = () => ps.map((p, i) => (host.ready(p) ? i : -1)).filter((i) => i >= 0);
      let ready = readyNow();
      if (ready.length === 0) { host.advance(ps); ready = readyNow(); }
      const out = new Uint8Array(4 * ready.length);
      const dv = new DataView(out.buffer);
      ready.forEach((i, k) => dv.setUint32(4 * k, i, true));
      const ptr = host.alloc(out, 4);
      host.u32(ret, ptr);
      host.u32(ret + 4, ready.length);
    });
    def("io/poll", "[resource-drop]pollable", (h) => { host.drop(h, "pollable"); });

    // ---- wasi:io/streams: input
    const inStream = (h) => host.get(h, "input-stream");
    /** Takes up to `len` bytes from the chunks: null when the read is a "closed" error. */
    const take = (s, len, field, blocking) => {
      if (s.dead || s.shutdown) return null;
      if (s.failure != null) return { failure: s.failure };
      if (blocking) host.blocks.delete(field);
      else if (host.blocked(field)) return new Uint8Array(0);
      if (s.chunks.length === 0) {
        if (s.eof) return null;
        if (blocking) throw new Trap(`${field.replace("[method]input-stream.", "blocking-")} would never return: input-stream ${s.handle} has no data and was not closed`);
        return new Uint8Array(0);
      }
      // One read returns at most what is left of the first chunk, as a socket read would.
      const c = s.chunks[0], k = Math.min(Number(len), c.length);
      if (k === c.length) s.chunks.shift(); else s.chunks[0] = c.subarray(k);
      return c.subarray(0, k);
    };
    const streamFailure = (s, ret, at, got) => {
      if (got === null) return host.streamErr(ret, at, true);
      s.failure = null;
      s.dead = true;
      host.streamErr(ret, at, false, got.failure);
    };
    const read = (blocking) => (self, len, ret) => {
      const s = inStream(self);
      const got = take(s, len, "[method]input-stream.read", blocking);
      if (got === null || got.failure != null) return streamFailure(s, ret, 4, got);
      host.okList(ret, got);
    };
    def("io/streams", "[method]input-stream.read", read(false), stream(4));
    def("io/streams", "[method]input-stream.blocking-read", read(true), stream(4));
    const skip = (blocking) => (self, len, ret) => {
      const s = inStream(self);
      const got = take(s, len, "[method]input-stream.skip", blocking);
      if (got === null || got.failure != null) return streamFailure(s, ret, 8, got);
      host.ok(ret);
      host.u64(ret + 8, got.length);
    };
    def("io/streams", "[method]input-stream.skip", skip(false), stream(8));
    def("io/streams", "[method]input-stream.blocking-skip", skip(true), stream(8));
    def("io/streams", "[method]input-stream.subscribe", (self) => { inStream(self); return host.add("pollable", { on: self, kind: "input" }, self); });
    def("io/streams", "[resource-drop]input-stream", (h) => { host.drop(h, "input-stream"); });

    // ---- wasi:io/streams: output
    const outStream = (h) => host.get(h, "output-stream");
    /** A stream-error the output stream must report now (written to ret), or false. */
    const outFailed = (s, ret, at) => {
      if (s.dead || s.closed) { host.streamErr(ret, at, true); return true; }
      if (s.failure != null) {
        const c = s.failure;
        s.failure = null;
        s.dead = true;
        host.streamErr(ret, at, false, c);
        return true;
      }
      return false;
    };
    /**
     * Uses up the permit check-write gave: writing more than it allowed traps,
     * and, as in wasmtime 49 (p2/tcp.rs WriteState::write takes the stream for
     * a background write), the first write ends the permit, even a short one:
     * a second write without a new check-write traps ("not permitted to write").
     */
    const usePermit = (s, n, what) => {
      const permitted = s.permitted ?? 0n;
      if (BigInt(n) > permitted) throw new Trap(`${what} of ${n} bytes exceeds the ${permitted} that check-write permitted (a write ends a permit)`);
      if (n > 0) s.permitted = 0n;
      if (s.space != null) s.space -= BigInt(n);
    };
    def("io/streams", "[method]output-stream.check-write", (self, ret) => {
      const s = outStream(self);
      if (outFailed(s, ret, 8)) return;
      const room = s.space != null && s.space < s.budget ? s.space : s.budget;
      s.permitted = host.blocked("[method]output-stream.check-write") ? 0n : room;
      host.ok(ret);
      host.u64(ret + 8, s.permitted);
    }, stream(8));
    def("io/streams", "[method]output-stream.write", (self, ptr, len, ret) => {
      const s = outStream(self);
      if (outFailed(s, ret, 4)) return;
      usePermit(s, len, "write");
      host.appendWritten(self, host.bytes(ptr, len).slice());
      host.ok(ret);
    }, stream(4));
    def("io/streams", "[method]output-stream.blocking-write-and-flush", (self, ptr, len, ret) => {
      const s = outStream(self);
      if (outFailed(s, ret, 4)) return;
      if (len > MAX_BLOCKING_WRITE) throw new Trap(`blocking-write-and-flush of ${len} bytes (at most ${MAX_BLOCKING_WRITE})`);
      host.appendWritten(self, host.bytes(ptr, len).slice());
      s.permitted = 0n;
      host.ok(ret);
    }, stream(4));
    const flush = (self, ret) => {
      const s = outStream(self);
      if (outFailed(s, ret, 4)) return;
      s.permitted = 0n;
      host.ok(ret);
    };
    def("io/streams", "[method]output-stream.flush", flush, stream(4));
    def("io/streams", "[method]output-stream.blocking-flush", flush, stream(4));
    def("io/streams", "[method]output-stream.subscribe", (self) => { outStream(self); return host.add("pollable", { on: self, kind: "output" }, self); });
    def("io/streams", "[method]output-stream.write-zeroes", (self, len, ret) => {
      const s = outStream(self);
      if (outFailed(s, ret, 4)) return;
      usePermit(s, len, "write-zeroes");
      host.appendWritten(self, new Uint8Array(Number(len)));
      host.ok(ret);
    }, stream(4));
    def("io/streams", "[method]output-stream.blocking-write-zeroes-and-flush", (self, len, ret) => {
      const s = outStream(self);
      if (outFailed(s, ret, 4)) return;
      if (len > BigInt(MAX_BLOCKING_WRITE)) throw new Trap(`blocking-write-zeroes-and-flush of ${len} bytes (at most ${MAX_BLOCKING_WRITE})`);
      host.appendWritten(self, new Uint8Array(Number(len)));
      host.ok(ret);
    }, stream(4));
    // splice = check-write, read min(len, permitted) from src, write it.
    const splice = (blocking) => (self, src, len, ret) => {
      const s = outStream(self), i = inStream(src);
      if (outFailed(s, ret, 8)) return;
      const budget = host.blocked("[method]output-stream.check-write") && !blocking ? 0n : s.budget;
      const n = BigInt(len) < budget ? BigInt(len) : budget;
      const got = take(i, n, "[method]input-stream.read", blocking && n > 0n);
      if (got === null || got.failure != null) return streamFailure(i, ret, 8, got);
      host.appendWritten(self, got);
      host.ok(ret);
      host.u64(ret + 8, got.length);
    };
    def("io/streams", "[method]output-stream.splice", splice(false), stream(8));
    def("io/streams", "[method]output-stream.blocking-splice", splice(true), stream(8));
    def("io/streams", "[resource-drop]output-stream", (h) => { host.drop(h, "output-stream"); });

    // ---- wasi:clocks/monotonic-clock
    def("clocks/monotonic-clock", "now", () => host.clock);
    def("clocks/monotonic-clock", "resolution", () => 1n);
    def("clocks/monotonic-clock", "subscribe-instant", (when) => host.add("pollable", { kind: "timer", at: BigInt.asUintN(64, when) }));
    def("clocks/monotonic-clock", "subscribe-duration", (d) => host.add("pollable", { kind: "timer", at: host.clock + BigInt.asUintN(64, d) }));

    // ---- wasi:sockets/network, instance-network
    def("sockets/network", "[resource-drop]network", (h) => { host.drop(h, "network"); });
    def("sockets/network", "network-error-code", (err, ret) => {
      const e = host.get(err, "error");
      host.u8(ret, e.code >= 0 ? 1 : 0);
      host.u8(ret + 1, e.code >= 0 ? e.code : 0);
    });
    def("sockets/instance-network", "instance-network", () => host.add("network"));

    // ---- wasi:sockets/tcp-create-socket, tcp
    const tcp = "sockets/tcp";
    const sock = (h) => host.get(h, "tcp-socket");
    const family = (f) => { if (f !== V4 && f !== V6) throw new Trap(`invalid ip-address-family ${f}`); return f; };
    def("sockets/tcp-create-socket", "create-tcp-socket", (fam, ret) => {
      const h = host.newTcp(family(fam), "unbound");
      host.ok(ret);
      host.u32(ret + 4, h);
    }, code(4));
    /** start-bind for both socket types: the address is the 12 flat words after self and network. */
    const startBind = (type) => (...a) => {
      const [self, net, ret] = [a[0], a[1], a[14]];
      host.get(net, "network");
      const s = host.get(self, type), addr = FakeHost.flatAddress(a.slice(2, 14));
      if (s.state !== "unbound") return host.err(ret, 1, s.state === "bind-started" ? ERR.concurrency_conflict : ERR.invalid_state);
      const e = host.bindError(type, s, addr);
      if (e) return host.err(ret, 1, e);
      s.local = { ...addr, port: addr.port || host.allocPort(type) };
      s.state = "bind-started";
      host.ok(ret);
    };
    const finishBind = (type) => (self, ret) => {
      const s = host.get(self, type);
      if (s.state !== "bind-started") return host.err(ret, 1, ERR.not_in_progress);
      if (host.blocked(`[method]${type}.finish-bind`)) return host.err(ret, 1, ERR.would_block);
      s.state = "bound";
      host.ok(ret);
    };
    def(tcp, "[method]tcp-socket.start-bind", startBind("tcp-socket"), code(1, { arity: 15 }));
    def(tcp, "[method]tcp-socket.finish-bind", finishBind("tcp-socket"), code(1));
    def(tcp, "[method]tcp-socket.start-connect", (...a) => {
      const [self, net, ret] = [a[0], a[1], a[14]];
      host.get(net, "network");
      const s = sock(self), addr = FakeHost.flatAddress(a.slice(2, 14));
      if (["bind-started", "listen-started", "connect-started"].includes(s.state)) return host.err(ret, 1, ERR.concurrency_conflict);
      if (s.state !== "unbound" && s.state !== "bound") return host.err(ret, 1, ERR.invalid_state);
      const e = FakeHost.remoteError(s, addr);
      if (e) return host.err(ret, 1, e);
      s.local = host.localFor("tcp-socket", s, addr);
      s.remote = addr;
      s.state = "connect-started";
      host.ok(ret);
    }, code(1, { arity: 15 }));
    def(tcp, "[method]tcp-socket.finish-connect", (self, ret) => {
      const s = sock(self);
      if (s.state !== "connect-started") return host.err(ret, 4, ERR.not_in_progress);
      if (host.blocked("[method]tcp-socket.finish-connect")) return host.err(ret, 4, ERR.would_block);
      host.connectStreams(self, s);
      host.ok(ret);
      host.u32(ret + 4, s.input);
      host.u32(ret + 8, s.output);
    }, code(4, {
      // A connect that failed leaves the socket closed for good (wasmtime's TcpState::Closed).
      onFail: ([self], c) => {
        const s = host.resources.get(self);
        if (s?.state === "connect-started" && c !== ERR.would_block) s.state = "closed";
      },
    }));
    def(tcp, "[method]tcp-socket.start-listen", (self, ret) => {
      const s = sock(self);
      if (s.state === "bind-started" || s.state === "connect-started" || s.state === "listen-started") return host.err(ret, 1, ERR.concurrency_conflict);
      if (s.state !== "bound") return host.err(ret, 1, ERR.invalid_state);
      for (const r of host.resources.values()) {
        if (r.type === "tcp-socket" && r !== s && r.local && (r.state === "listening" || r.state === "listen-started") && overlaps(r.local, s.local)) return host.err(ret, 1, ERR.address_in_use);
      }
      s.state = "listen-started";
      host.ok(ret);
    }, code(1));
    def(tcp, "[method]tcp-socket.finish-listen", (self, ret) => {
      const s = sock(self);
      if (s.state !== "listen-started") return host.err(ret, 1, ERR.not_in_progress);
      if (host.blocked("[method]tcp-socket.finish-listen")) return host.err(ret, 1, ERR.would_block);
      s.state = "listening";
      host.ok(ret);
    }, code(1));
    def(tcp, "[method]tcp-socket.accept", (self, ret) => {
      const s = sock(self);
      if (s.state !== "listening") return host.err(ret, 4, ERR.invalid_state);
      if (host.blocked("[method]tcp-socket.accept") || s.queue.length === 0) return host.err(ret, 4, ERR.would_block);
      const peer = s.queue.shift();
      const local = isUnspecified(s.local) ? { ...s.local, ip: isLoopback(peer) ? loopbackOf(s.family) : interfaceIp(s.family) } : s.local;
      const c = host.newTcp(s.family, "connected", {
        local, remote: peer, keepAlive: s.keepAlive, keepIdle: s.keepIdle, keepInterval: s.keepInterval,
        keepCount: s.keepCount, hopLimit: s.hopLimit, rcvBuf: s.rcvBuf, sndBuf: s.sndBuf,
      });
      const cs = sock(c);
      host.connectStreams(c, cs);
      host.ok(ret);
      host.u32(ret + 4, c);
      host.u32(ret + 8, cs.input);
      host.u32(ret + 12, cs.output);
    }, code(4));
    def(tcp, "[method]tcp-socket.local-address", (self, ret) => {
      const s = sock(self);
      if (!s.local || s.state === "unbound" || s.state === "bind-started" || s.state === "closed") return host.err(ret, 4, ERR.invalid_state);
      host.ok(ret);
      host.writeAddress(ret + 4, s.local);
    }, code(4));
    def(tcp, "[method]tcp-socket.remote-address", (self, ret) => {
      const s = sock(self);
      if (s.state !== "connected") return host.err(ret, 4, ERR.invalid_state);
      host.ok(ret);
      host.writeAddress(ret + 4, s.remote);
    }, code(4));
    def(tcp, "[method]tcp-socket.is-listening", (self) => (sock(self).state === "listening" ? 1 : 0));
    def(tcp, "[method]tcp-socket.address-family", (self) => sock(self).family);
    def(tcp, "[method]tcp-socket.set-listen-backlog-size", (self, v, ret) => {
      const s = sock(self);
      if (v === 0n) return host.err(ret, 1, ERR.invalid_argument);
      if (s.state === "connected" || s.state === "connect-started" || s.state === "closed") return host.err(ret, 1, ERR.invalid_state);
      s.backlog = v;
      host.ok(ret);
    }, code(1));
    this.options_(def, tcp, "tcp-socket", [
      ["keep-alive-enabled", "keepAlive", 1, "bool"],
      ["keep-alive-idle-time", "keepIdle", 8, "seconds"],
      ["keep-alive-interval", "keepInterval", 8, "seconds"],
      ["keep-alive-count", "keepCount", 4, "count"],
      ["hop-limit", "hopLimit", 1, "u8"],
      ["receive-buffer-size", "rcvBuf", 8, "buffer"],
      ["send-buffer-size", "sndBuf", 8, "buffer"],
    ]);
    def(tcp, "[method]tcp-socket.subscribe", (self) => { sock(self); return host.add("pollable", { on: self, kind: "tcp" }, self); });
    def(tcp, "[method]tcp-socket.shutdown", (self, how, ret) => {
      const s = sock(self);
      if (how > 2) throw new Trap(`invalid shutdown-type ${how}`);
      if (s.state !== "connected") return host.err(ret, 1, ERR.invalid_state);
      if (how !== 1 && host.has(s.input)) host.get(s.input).shutdown = true; // reads report closed, even with data buffered
      if (how !== 0 && host.has(s.output)) host.get(s.output).closed = true;
      host.ok(ret);
    }, code(1));
    def(tcp, "[resource-drop]tcp-socket", (h) => { host.drop(h, "tcp-socket"); });

    // ---- wasi:sockets/udp-create-socket, udp
    const udp = "sockets/udp";
    const usock = (h) => host.get(h, "udp-socket");
    def("sockets/udp-create-socket", "create-udp-socket", (fam, ret) => {
      const h = host.add("udp-socket", {
        family: family(fam), state: "unbound", local: null, remote: null, incoming: 0, outgoing: 0,
        hopLimit: 64, rcvBuf: 212992n, sndBuf: 212992n, inbox: [],
      });
      host.ok(ret);
      host.u32(ret + 4, h);
    }, code(4));
    def(udp, "[method]udp-socket.start-bind", startBind("udp-socket"), code(1, { arity: 15 }));
    def(udp, "[method]udp-socket.finish-bind", finishBind("udp-socket"), code(1));
    def(udp, "[method]udp-socket.stream", (...a) => {
      const [self, some, ret] = [a[0], a[1], a[14]];
      const s = usock(self);
      if (s.state !== "bound") return host.err(ret, 4, ERR.invalid_state);
      const remote = some ? FakeHost.flatAddress(a.slice(2, 14)) : null;
      if (remote) {
        const e = FakeHost.remoteError(s, remote);
        if (e) return host.err(ret, 4, e);
      }
      // The spec lets a host trap here; wasmtime does not, but a library that relies on it is fragile.
      if ((s.incoming && host.has(s.incoming)) || (s.outgoing && host.has(s.outgoing))) {
        throw new Trap(`udp-socket.stream on socket ${self} while the streams of the previous call are alive`);
      }
      s.remote = remote;
      if (remote) s.local = host.localFor("udp-socket", s, remote);
      s.incoming = host.add("incoming-datagram-stream", { sock: self }, self);
      s.outgoing = host.add("outgoing-datagram-stream", { sock: self, budget: BigInt(host.options.sendBudget), permitted: 0n }, self);
      host.ok(ret);
      host.u32(ret + 4, s.incoming);
      host.u32(ret + 8, s.outgoing);
    }, code(4, { arity: 15 }));
    def(udp, "[method]udp-socket.local-address", (self, ret) => {
      const s = usock(self);
      if (s.state !== "bound") return host.err(ret, 4, ERR.invalid_state);
      host.ok(ret);
      host.writeAddress(ret + 4, s.local);
    }, code(4));
    def(udp, "[method]udp-socket.remote-address", (self, ret) => {
      const s = usock(self);
      if (!s.remote) return host.err(ret, 4, ERR.invalid_state);
      host.ok(ret);
      host.writeAddress(ret + 4, s.remote);
    }, code(4));
    def(udp, "[method]udp-socket.address-family", (self) => usock(self).family);
    this.options_(def, udp, "udp-socket", [
      ["unicast-hop-limit", "hopLimit", 1, "u8"],
      ["receive-buffer-size", "rcvBuf", 8, "buffer"],
      ["send-buffer-size", "sndBuf", 8, "buffer"],
    ]);
    def(udp, "[method]udp-socket.subscribe", (self) => { usock(self); return host.add("pollable", { on: self, kind: "udp" }, self); });
    def(udp, "[resource-drop]udp-socket", (h) => { host.drop(h, "udp-socket"); });
    def(udp, "[method]incoming-datagram-stream.receive", (self, max, ret) => {
      const s = usock(host.get(self, "incoming-datagram-stream").sock);
      const wanted = host.blocked("[method]incoming-datagram-stream.receive") ? [] : host.inbox(s).slice(0, Number(max));
      s.inbox = s.inbox.filter((d) => !wanted.includes(d));
      const list = wanted.length ? host.exports.cabi_realloc(0, 0, 4, 40 * wanted.length) : 0;
      wanted.forEach((d, i) => {
        const data = d.data.length ? host.alloc(d.data) : 0; // may grow memory: addresses below are taken afresh
        host.u32(list + 40 * i, data);
        host.u32(list + 40 * i + 4, d.data.length);
        host.writeAddress(list + 40 * i + 8, d.from);
      });
      host.ok(ret);
      host.u32(ret + 4, list);
      host.u32(ret + 8, wanted.length);
    }, code(4));
    def(udp, "[method]incoming-datagram-stream.subscribe", (self) => { host.get(self, "incoming-datagram-stream"); return host.add("pollable", { on: self, kind: "incoming" }, self); });
    def(udp, "[resource-drop]incoming-datagram-stream", (h) => { host.drop(h, "incoming-datagram-stream"); });
    def(udp, "[method]outgoing-datagram-stream.check-send", (self, ret) => {
      const o = host.get(self, "outgoing-datagram-stream");
      o.permitted = host.blocked("[method]outgoing-datagram-stream.check-send") ? 0n : o.budget;
      host.ok(ret);
      host.u64(ret + 8, o.permitted);
    }, code(8));
    def(udp, "[method]outgoing-datagram-stream.send", (self, list, count, ret) => {
      const o = host.get(self, "outgoing-datagram-stream");
      const s = usock(o.sock);
      if (count === 0) { host.ok(ret); host.u64(ret + 8, 0); return; }
      if (BigInt(count) > o.permitted) throw new Trap(`send of ${count} datagrams exceeds the ${o.permitted} that check-send permitted`);
      // wasmtime 49 (p2/host/udp.rs send): "Each call to send must be permitted by a preceding check-send".
      o.permitted = 0n;
      const log = host.sent.get(self) ?? [];
      host.sent.set(self, log);
      let sentN = 0, failure = 0;
      for (let i = 0; i < count; i++) {
        const p = list + 44 * i;
        const to = host.getU8(p + 8) ? host.readAddress(p + 12) : null;
        const len = host.getU32(p + 4);
        if (!to && !s.remote) failure = ERR.invalid_argument;
        else if (to && (FakeHost.remoteError(s, to) || (s.remote && !(sameIp(to, s.remote) && to.port === s.remote.port)))) failure = ERR.invalid_argument;
        else if (len > MAX_DATAGRAM) failure = ERR.datagram_too_large;
        if (failure) break;
        log.push({ data: host.bytes(host.getU32(p), len).slice(), to });
        sentN++;
      }
      if (failure && sentN === 0) return host.err(ret, 8, failure);
      host.ok(ret);
      host.u64(ret + 8, sentN);
    }, code(8));
    def(udp, "[method]outgoing-datagram-stream.subscribe", (self) => { host.get(self, "outgoing-datagram-stream"); return host.add("pollable", { on: self, kind: "outgoing" }, self); });
    def(udp, "[resource-drop]outgoing-datagram-stream", (h) => { host.drop(h, "outgoing-datagram-stream"); });

    // ---- wasi:sockets/ip-name-lookup: literals, then the hosts table ("localhost" → 127.0.0.1, ::1)
    const lookup = "sockets/ip-name-lookup";
    def(lookup, "resolve-addresses", (net, ptr, len, ret) => {
      host.get(net, "network");
      const name = Buffer.from(host.bytes(ptr, len)).toString("utf8");
      const literal = parseIp(name);
      if (!literal && !isHostName(name)) return host.err(ret, 4, ERR.invalid_argument);
      const addrs = literal ? [literal] : host.hosts.get(name.toLowerCase().replace(/\.$/, "")) ?? null;
      host.ok(ret);
      host.u32(ret + 4, host.add("resolve-address-stream", { addrs: addrs && [...addrs] }));
    }, code(4));
    def(lookup, "[method]resolve-address-stream.resolve-next-address", (self, ret) => {
      const r = host.get(self, "resolve-address-stream");
      if (host.blocked("[method]resolve-address-stream.resolve-next-address")) return host.err(ret, 2, ERR.would_block);
      if (r.addrs === null) return host.err(ret, 2, ERR.name_unresolvable);
      const a = r.addrs.shift();
      host.ok(ret);
      host.u8(ret + 2, a ? 1 : 0);
      if (a) host.writeIpAddress(ret + 4, a);
    }, code(2));
    def(lookup, "[method]resolve-address-stream.subscribe", (self) => { host.get(self, "resolve-address-stream"); return host.add("pollable", { on: self, kind: "resolve" }, self); });
    def(lookup, "[resource-drop]resolve-address-stream", (h) => { host.drop(h, "resolve-address-stream"); });

    // ---- wasi:cli (what the library's p2 runtime uses): no arguments or environment; stdio collected.
    def("cli/environment", "get-environment", (ret) => { host.u32(ret, 0); host.u32(ret + 4, 0); });
    def("cli/environment", "get-arguments", (ret) => { host.u32(ret, 0); host.u32(ret + 4, 0); });
    def("cli/environment", "initial-cwd", (ret) => { host.u8(ret, 0); });
    def("cli/exit", "exit", (status) => { throw new Trap(`the guest called exit(${status ? "err" : "ok"})`); });
    def("cli/exit", "exit-with-code", (c) => { throw new Trap(`the guest called exit-with-code(${c})`); });
    def("cli/stdin", "get-stdin", () => host.add("input-stream", { chunks: [], eof: true }));
    def("cli/stdout", "get-stdout", () => host.add("output-stream", { budget: BigInt(host.options.writeBudget), stdio: "stdout" }));
    def("cli/stderr", "get-stderr", () => host.add("output-stream", { budget: BigInt(host.options.writeBudget), stdio: "stderr" }));

    mods["fake-host"] = this.scriptImports();
    return mods;
  }

  /**
   * Getter/setter pairs of socket options. Setting 0 is invalid-argument
   * (booleans excepted); values are clamped as a host would: keep-alive times
   * round up to whole seconds, the count to 127, buffers into [4096, 2^31-1].
   */
  options_(def, iface, resource, rows) {
    const host = this;
    for (const [name, prop, at, kind] of rows) {
      def(iface, `[method]${resource}.${name}`, (self, ret) => {
        const v = host.get(self, resource)[prop];
        host.ok(ret);
        if (at === 8) host.u64(ret + at, v);
        else if (at === 4) host.u32(ret + at, v);
        else host.u8(ret + at, Number(v));
      }, { failAt: at, errKind: "error-code" });
      def(iface, `[method]${resource}.set-${name}`, (self, v, ret) => {
        const r = host.get(self, resource);
        if (kind !== "bool" && (v === 0 || v === 0n)) return host.err(ret, 1, ERR.invalid_argument);
        let value = v;
        if (kind === "bool") value = v ? 1 : 0;
        else if (kind === "seconds") value = ((BigInt.asUintN(64, v) + 999_999_999n) / 1_000_000_000n) * 1_000_000_000n;
        else if (kind === "count") value = Math.min(v >>> 0, 127);
        else if (kind === "buffer") {
          const b = BigInt.asUintN(64, v);
          value = b < 4096n ? 4096n : b > 0x7fffffffn ? 0x7fffffffn : b;
        }
        r[prop] = value;
        host.ok(ret);
      }, { failAt: 1, errKind: "error-code" });
    }
  }

  // ---- the fake-host import module (see tests/unit/fake-host.ts) --------------------
  scriptImports() {
    const host = this;
    const str = (p) => host.asString(p);
    return {
      reset: () => host.reset(),
      reset_calls: () => host.resetCalls(),
      live_handles: () => host.live(),
      live_of: (type) => host.live(str(type)),
      is_live: (h) => (host.resources.has(h) ? 1 : 0),
      calls: (field) => host.calls(str(field)),
      total_calls: () => host.totalCalls(),
      fail_next: (field, c, n) => host.failNext(str(field), c, n),
      fail_stream_next: (field, closed, c, n) => host.failStreamNext(str(field), { closed: !!closed, code: c }, n),
      would_block: (field, n) => host.wouldBlock(str(field), n),
      stall: (field) => host.stall(str(field)),
      queue_connection: (listener) => host.queueConnection(listener),
      queue_connection_from: (listener, port) => {
        const s = host.get(listener, "tcp-socket");
        host.queueConnection(listener, { family: s.family, port, ip: loopbackOf(s.family) });
      },
      deliver: (stream, ptr, len) => host.deliver(stream, host.bytes(ptr, len)),
      deliver_chunks: (stream, ptr, len, chunk) => host.deliver(stream, host.bytes(ptr, len), chunk),
      close_input: (stream) => host.closeInput(stream),
      reset_peer: (socket, c) => host.resetPeer(socket, c),
      stream_of: (socket, which) => host.streamOf(socket, which),
      written: (stream, ptr, cap) => {
        const data = host.writtenTo(stream);
        const n = Math.min(cap, data.length);
        if (n) host.bytes(ptr, n).set(data.subarray(0, n));
        return data.length;
      },
      set_write_budget: (stream, n) => host.setWriteBudget(stream, n),
      set_write_space: (stream, n) => host.setWriteSpace(stream, n),
      set_send_budget: (stream, n) => host.setSendBudget(stream, n),
      queue_datagram: (handle, ptr, len, port) => {
        const r = host.get(handle);
        const fam = r.type === "udp-socket" ? r.family : host.get(r.sock ?? 0).family;
        host.queueDatagram(handle, host.bytes(ptr, len), { family: fam, port, ip: loopbackOf(fam) });
      },
      sent_count: (stream) => host.sentOn(stream).length,
      sent_datagram: (stream, i, ptr, cap) => {
        const d = host.sentOn(stream)[i];
        if (!d) return -1;
        const n = Math.min(cap, d.data.length);
        if (n) host.bytes(ptr, n).set(d.data.subarray(0, n));
        return d.data.length;
      },
      sent_port: (stream, i) => {
        const d = host.sentOn(stream)[i];
        return d?.to ? d.to.port : -1;
      },
      add_host_v4: (name, a, b, c, d) => {
        const key = str(name).toLowerCase();
        host.addHost(key, [...(host.hosts.get(key) ?? []), { family: V4, ip: [a, b, c, d] }]);
      },
      now: () => host.clock,
      advance_clock: (ns) => host.advanceClock(ns),
    };
  }

  // ---- wiring ------------------------------------------------------------------
  /**
   * The import object for `binary`: the wasi:* modules at every 0.2.x version
   * the module asks for, `fake-host`, and whatever `extra` adds. Throws one
   * error listing every wasi:* or fake-host import the fake lacks.
   */
  importsFor(binary, extra = {}) {
    const mods = this.imports();
    const missing = [];
    for (const imp of WebAssembly.Module.imports(new WebAssembly.Module(binary))) {
      if (imp.kind !== "function") continue;
      const m = /^(wasi:[^@]+)@0\.2\.\d+$/.exec(imp.module);
      if (m && !mods[imp.module]) mods[imp.module] = mods[`${m[1]}@${this.options.version}`];
      if ((m || imp.module === "fake-host") && !mods[imp.module]?.[imp.name]) missing.push(`${imp.module} ${imp.name}`);
    }
    if (missing.length) throw new Error(`fake host: the spec imports what the fake does not model:\n  ${missing.join("\n  ")}`);
    if (process.env.ASPS_FAKE_DEBUG) {
      // as-pect reports a trapped test without its cause: print what any import threw.
      for (const m of Object.values(mods)) {
        for (const [name, f] of Object.entries(m)) {
          if (typeof f !== "function") continue;
          m[name] = (...args) => {
            try { return f(...args); } catch (e) { console.error(`${name}(${args.join(", ")}): ${e.stack}`); throw e; }
          };
        }
      }
    }
    return { ...extra, ...mods };
  }
}

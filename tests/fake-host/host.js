// A scripted fake of the WASI 0.2.0 host, for as-pect unit tests.
//
// It implements every lowered import the bindings declare (wasi:io,
// wasi:clocks, wasi:sockets, wasi:cli) over an in-memory model: resource
// tables with parent/child links (dropping a parent with live children traps,
// as wasmtime does), the TCP/UDP state machine of wasmtime's own tests, byte
// streams fed by the test, and a fake monotonic clock. Tests steer it through
// the `fake-host` import module (see tests/unit/fake-host.ts):
//   fail_next(field, code, n)   the next n calls of `field` fail with error-code `code`
//   fail_stream_next(field, closed, code, n)   likewise for stream calls (closed, or
//                               last-operation-failed carrying network error-code `code`)
//   would_block(field, n)       the next n calls report would-block (an empty read,
//                               a zero budget); blocking on the pollable lets them pass
//   queue_connection(listener)  a client connects to a listening socket
//   deliver(stream, ptr, len)   bytes arrive on an input-stream, as one chunk
//   close_input(stream)         the peer finished sending
//   written(stream, ptr, cap)   copies what the guest wrote to an output-stream
// and reads its counters: live_handles() (all but networks, which live as
// long as the program), live_of(type), calls(field).
// `field` is the import's name, e.g. "[method]tcp-socket.accept".

const ERR = {
  unknown: 0, access_denied: 1, not_supported: 2, invalid_argument: 3, out_of_memory: 4, timeout: 5,
  concurrency_conflict: 6, not_in_progress: 7, would_block: 8, invalid_state: 9, new_socket_limit: 10,
  address_not_bindable: 11, address_in_use: 12, remote_unreachable: 13, connection_refused: 14,
  connection_reset: 15, connection_aborted: 16, datagram_too_large: 17, name_unresolvable: 18,
  temporary_resolver_failure: 19, permanent_resolver_failure: 20,
};
const DEFAULT_WRITE_BUDGET = 65536;

class Trap extends Error {}

export class FakeHost {
  constructor() {
    this.reset();
  }

  reset() {
    // The instance network outlives a test: the library takes it once per program.
    const networks = [...(this.resources ?? new Map())].filter(([, r]) => r.type === "network");
    this.resources = new Map(networks);
    this.nextHandle ??= 1;
    this.callCounts = new Map();
    this.failures = new Map(); // field → [{count, apply(ret)}]
    this.blocks = new Map(); // field → remaining would-blocks
    this.clock = 1_000_000_000n;
    this.nextPort = 49152;
    this.written = new Map(); // output-stream → bytes
  }

  /** Called once the instance exists: memory and cabi_realloc come from its exports. */
  attach(exports) {
    this.exports = exports;
  }

  // ---- memory -------------------------------------------------------------
  get view() {
    return new DataView(this.exports.memory.buffer);
  }
  bytes(ptr, len) {
    return new Uint8Array(this.exports.memory.buffer, ptr, len);
  }
  u8(p, v) { this.view.setUint8(p, v); }
  u16(p, v) { this.view.setUint16(p, v, true); }
  u32(p, v) { this.view.setUint32(p, v, true); }
  u64(p, v) { this.view.setBigUint64(p, BigInt(v), true); }
  /** An AssemblyScript string argument (UTF-16, byte length stored before it). */
  asString(ptr) {
    const len = this.view.getUint32(ptr - 4, true);
    return Buffer.from(this.exports.memory.buffer, ptr, len).toString("utf16le");
  }
  /** Copies `data` into guest memory allocated through cabi_realloc. */
  alloc(data, align = 1) {
    const ptr = this.exports.cabi_realloc(0, 0, align, data.length);
    this.bytes(ptr, data.length).set(data);
    return ptr;
  }

  // ---- resources ----------------------------------------------------------
  add(type, props = {}, parent = 0) {
    const h = this.nextHandle++;
    this.resources.set(h, { type, parent, children: 0, ...props });
    if (parent) this.get(parent).children++;
    return h;
  }
  get(h, type) {
    const r = this.resources.get(h);
    if (!r || (type && r.type !== type)) throw new Trap(`unknown ${type ?? "resource"} handle ${h}`);
    return r;
  }
  drop(h, type) {
    const r = this.get(h, type);
    if (r.children > 0) throw new Trap(`resource has children: ${type} ${h} dropped before its ${r.children} child resource(s)`);
    if (r.parent) this.get(r.parent).children--;
    this.resources.delete(h);
  }
  /** Live resources of `type`, or of every type but the program-lifetime network. */
  live(type) {
    let n = 0;
    for (const r of this.resources.values()) if (type ? r.type === type : r.type !== "network") n++;
    return n;
  }

  // ---- scripting ----------------------------------------------------------
  count(field) {
    this.callCounts.set(field, (this.callCounts.get(field) ?? 0) + 1);
  }
  failNext(field, count, apply) {
    if (!this.failures.has(field)) this.failures.set(field, []);
    this.failures.get(field).push({ count, apply });
  }
  /** Runs a scripted failure for `field` if one is due; true when it wrote the result. */
  scripted(field, ret) {
    const queue = this.failures.get(field);
    if (!queue?.length) return false;
    queue[0].apply(ret);
    if (--queue[0].count === 0) queue.shift();
    return true;
  }
  blocked(field) {
    const n = this.blocks.get(field) ?? 0;
    if (n > 0) this.blocks.set(field, n - 1);
    return n > 0;
  }

  // result helpers: tag @0, payload at `at`.
  ok(ret) { this.u8(ret, 0); }
  err(ret, at, code) { this.u8(ret, 1); this.u8(ret + at, code); }
  streamErr(ret, at, closed, code) {
    this.u8(ret, 1);
    this.u8(ret + at, closed ? 1 : 0);
    if (!closed) this.u32(ret + at + 4, this.add("error", { code }));
  }

  // ---- addresses ----------------------------------------------------------
  static readFlatAddress(w) {
    if (w[0] === 0) return { family: 0, port: w[1], ip: [w[2], w[3], w[4], w[5]] };
    return { family: 1, port: w[1], flow: w[2], ip: w.slice(3, 11), scope: w[11] };
  }
  writeAddress(p, a) {
    this.bytes(p, 32).fill(0);
    this.u8(p, a.family);
    this.u16(p + 4, a.port);
    if (a.family === 0) a.ip.forEach((b, i) => this.u8(p + 6 + i, b));
    else {
      this.u32(p + 8, a.flow ?? 0);
      a.ip.forEach((s, i) => this.u16(p + 12 + 2 * i, s));
      this.u32(p + 28, a.scope ?? 0);
    }
  }
  static isUnspecified(a) {
    return a.ip.every((x) => x === 0);
  }

  // ---- the import object ----------------------------------------------------
  imports() {
    const host = this;
    const mods = {};
    // Each import counts its call and runs any scripted failure first.
    const def = (module, field, fn, failAt) => {
      const key = `wasi:${module}@0.2.0`;
      (mods[key] ??= {})[field] = (...args) => {
        host.count(field);
        if (failAt !== undefined && host.scripted(field, args[args.length - 1])) return;
        return fn(...args);
      };
    };
    const io = "io/streams", tcp = "sockets/tcp", udp = "sockets/udp";

    // wasi:io/error
    def("io/error", "[method]error.to-debug-string", (self, ret) => {
      const text = Buffer.from(`fake error ${host.get(self, "error").code}`);
      host.u32(ret, host.alloc(text));
      host.u32(ret + 4, text.length);
    });
    def("io/error", "[resource-drop]error", (h) => host.drop(h, "error"));

    // wasi:io/poll
    def("io/poll", "[method]pollable.ready", (h) => (host.ready(host.get(h, "pollable")) ? 1 : 0));
    def("io/poll", "[method]pollable.block", (h) => host.block(host.get(h, "pollable")));
    def("io/poll", "poll", (list, len, ret) => {
      if (len === 0) throw new Trap("poll of an empty list");
      const ps = [];
      for (let i = 0; i < len; i++) ps.push(host.get(host.view.getUint32(list + 4 * i, true), "pollable"));
      let ready = ps.map((p, i) => (host.ready(p) ? i : -1)).filter((i) => i >= 0);
      if (ready.length === 0) {
        host.advance(ps);
        ready = ps.map((p, i) => (host.ready(p) ? i : -1)).filter((i) => i >= 0);
      }
      const out = new Uint8Array(4 * ready.length);
      const dv = new DataView(out.buffer);
      ready.forEach((i, k) => dv.setUint32(4 * k, i, true));
      host.u32(ret, ready.length ? host.alloc(out, 4) : 0);
      host.u32(ret + 4, ready.length);
    });
    def("io/poll", "[resource-drop]pollable", (h) => host.drop(h, "pollable"));

    // wasi:io/streams — input
    const read = (blocking) => (self, len, ret) => {
      const s = host.get(self, "input-stream");
      if (s.failed) return host.streamErr(ret, 4, false, s.failed);
      if (!blocking && host.blocked("[method]input-stream.read")) return host.okList(ret, new Uint8Array(0));
      if (s.chunks.length === 0) {
        if (s.closed || s.shutdown) return host.streamErr(ret, 4, true);
        if (blocking) throw new Trap("blocking-read would never return: no data scripted");
        return host.okList(ret, new Uint8Array(0));
      }
      const chunk = s.chunks[0];
      const n = Math.min(Number(len), chunk.length);
      if (n === chunk.length) s.chunks.shift();
      else s.chunks[0] = chunk.subarray(n);
      host.okList(ret, chunk.subarray(0, n));
    };
    def(io, "[method]input-stream.read", read(false), 4);
    def(io, "[method]input-stream.blocking-read", read(true), 4);
    const skip = (self, len, ret) => {
      const s = host.get(self, "input-stream");
      if (s.chunks.length === 0 && (s.closed || s.shutdown)) return host.streamErr(ret, 8, true);
      let left = Number(len), n = 0;
      while (left > 0 && s.chunks.length) {
        const c = s.chunks[0], k = Math.min(left, c.length);
        if (k === c.length) s.chunks.shift(); else s.chunks[0] = c.subarray(k);
        left -= k; n += k;
      }
      host.ok(ret);
      host.u64(ret + 8, n);
    };
    def(io, "[method]input-stream.skip", skip, 8);
    def(io, "[method]input-stream.blocking-skip", skip, 8);
    def(io, "[method]input-stream.subscribe", (self) => host.add("pollable", { on: self, kind: "input" }, self));
    def(io, "[resource-drop]input-stream", (h) => host.drop(h, "input-stream"));

    // wasi:io/streams — output
    const outStream = (self) => host.get(self, "output-stream");
    def(io, "[method]output-stream.check-write", (self, ret) => {
      const s = outStream(self);
      if (s.closed) return host.streamErr(ret, 8, true);
      host.ok(ret);
      host.u64(ret + 8, host.blocked("[method]output-stream.check-write") ? 0 : s.budget);
      s.permitted = host.view.getBigUint64(ret + 8, true);
    }, 8);
    const write = (checkBudget) => (self, ptr, len, ret) => {
      const s = outStream(self);
      if (s.closed) return host.streamErr(ret, 4, true);
      if (checkBudget) {
        if (BigInt(len) > (s.permitted ?? 0n)) throw new Trap(`write of ${len} bytes exceeds the permitted ${s.permitted ?? 0n}`);
        s.permitted -= BigInt(len);
      } else if (len > 4096) throw new Trap("blocking-write-and-flush of more than 4096 bytes");
      host.appendWritten(self, host.bytes(ptr, len).slice());
      host.ok(ret);
    };
    def(io, "[method]output-stream.write", write(true), 4);
    def(io, "[method]output-stream.blocking-write-and-flush", write(false), 4);
    const flush = (self, ret) => (outStream(self).closed ? host.streamErr(ret, 4, true) : host.ok(ret));
    def(io, "[method]output-stream.flush", flush, 4);
    def(io, "[method]output-stream.blocking-flush", flush, 4);
    def(io, "[method]output-stream.subscribe", (self) => host.add("pollable", { on: self, kind: "output" }, self));
    const zeroes = (self, len, ret) => {
      host.appendWritten(self, new Uint8Array(Number(len)));
      host.ok(ret);
    };
    def(io, "[method]output-stream.write-zeroes", zeroes, 4);
    def(io, "[method]output-stream.blocking-write-zeroes-and-flush", zeroes, 4);
    const splice = (self, src, len, ret) => {
      const s = host.get(src, "input-stream");
      let left = Number(len), n = 0;
      while (left > 0 && s.chunks.length) {
        const c = s.chunks[0], k = Math.min(left, c.length);
        host.appendWritten(self, c.subarray(0, k));
        if (k === c.length) s.chunks.shift(); else s.chunks[0] = c.subarray(k);
        left -= k; n += k;
      }
      host.ok(ret);
      host.u64(ret + 8, n);
    };
    def(io, "[method]output-stream.splice", splice, 8);
    def(io, "[method]output-stream.blocking-splice", splice, 8);
    def(io, "[resource-drop]output-stream", (h) => host.drop(h, "output-stream"));

    // wasi:clocks/monotonic-clock
    def("clocks/monotonic-clock", "now", () => host.clock);
    def("clocks/monotonic-clock", "resolution", () => 1n);
    def("clocks/monotonic-clock", "subscribe-instant", (when) => host.add("pollable", { kind: "timer", at: BigInt.asUintN(64, when) }));
    def("clocks/monotonic-clock", "subscribe-duration", (d) => host.add("pollable", { kind: "timer", at: host.clock + BigInt.asUintN(64, d) }));

    // wasi:sockets/network, instance-network
    def("sockets/network", "[resource-drop]network", (h) => host.drop(h, "network"));
    def("sockets/network", "network-error-code", (err, ret) => {
      const e = host.get(err, "error");
      host.u8(ret, e.code >= 0 ? 1 : 0);
      host.u8(ret + 1, Math.max(e.code, 0));
    });
    def("sockets/instance-network", "instance-network", () => host.add("network"));

    // wasi:sockets/tcp-create-socket, tcp
    def("sockets/tcp-create-socket", "create-tcp-socket", (family, ret) => {
      if (family > 1) throw new Trap("invalid ip-address-family");
      host.ok(ret);
      host.u32(ret + 4, host.newTcp(family, "unbound"));
    }, 4);
    const sock = (h) => host.get(h, "tcp-socket");
    const flatAddr = (args) => FakeHost.readFlatAddress(args.slice(2, 14));
    host.bindPair(def, tcp, "tcp-socket");
    def(tcp, "[method]tcp-socket.start-connect", (...a) => {
      const [self, net, ret] = [a[0], a[1], a[14]];
      host.get(net, "network");
      const s = sock(self), addr = flatAddr(a);
      if (s.state === "listening" || s.state === "connected") return host.err(ret, 1, ERR.invalid_state);
      if (s.state === "connect-started") return host.err(ret, 1, ERR.concurrency_conflict);
      if (addr.family !== s.family || addr.port === 0 || FakeHost.isUnspecified(addr)) return host.err(ret, 1, ERR.invalid_argument);
      if (!s.local) s.local = { family: s.family, port: host.nextPort++, ip: s.family === 0 ? [0, 0, 0, 0] : [0, 0, 0, 0, 0, 0, 0, 0] };
      s.remote = addr;
      s.state = "connect-started";
      host.ok(ret);
    }, 1);
    def(tcp, "[method]tcp-socket.finish-connect", (self, ret) => {
      const s = sock(self);
      if (s.state !== "connect-started") return host.err(ret, 4, ERR.not_in_progress);
      if (host.blocked("[method]tcp-socket.finish-connect")) return host.err(ret, 4, ERR.would_block);
      host.connectStreams(self, s);
      host.ok(ret);
      host.u32(ret + 4, s.input);
      host.u32(ret + 8, s.output);
    }, 4);
    def(tcp, "[method]tcp-socket.start-listen", (self, ret) => {
      const s = sock(self);
      if (s.state !== "bound") return host.err(ret, 1, ERR.invalid_state);
      s.state = "listen-started";
      host.ok(ret);
    }, 1);
    def(tcp, "[method]tcp-socket.finish-listen", (self, ret) => {
      const s = sock(self);
      if (s.state !== "listen-started") return host.err(ret, 1, ERR.not_in_progress);
      if (host.blocked("[method]tcp-socket.finish-listen")) return host.err(ret, 1, ERR.would_block);
      s.state = "listening";
      host.ok(ret);
    }, 1);
    def(tcp, "[method]tcp-socket.accept", (self, ret) => {
      const s = sock(self);
      if (s.state !== "listening") return host.err(ret, 4, ERR.invalid_state);
      if (host.blocked("[method]tcp-socket.accept") || s.queue.length === 0) return host.err(ret, 4, ERR.would_block);
      const peer = s.queue.shift();
      const c = host.newTcp(s.family, "connected", { local: s.local, remote: peer, keepAlive: s.keepAlive, hopLimit: s.hopLimit });
      host.connectStreams(c, sock(c));
      host.ok(ret);
      host.u32(ret + 4, c);
      host.u32(ret + 8, sock(c).input);
      host.u32(ret + 12, sock(c).output);
    }, 4);
    def(tcp, "[method]tcp-socket.local-address", (self, ret) => {
      const s = sock(self);
      if (!s.local || s.state === "bind-started") return host.err(ret, 4, ERR.invalid_state);
      host.ok(ret);
      host.writeAddress(ret + 4, s.local);
    }, 4);
    def(tcp, "[method]tcp-socket.remote-address", (self, ret) => {
      const s = sock(self);
      if (s.state !== "connected") return host.err(ret, 4, ERR.invalid_state);
      host.ok(ret);
      host.writeAddress(ret + 4, s.remote);
    }, 4);
    def(tcp, "[method]tcp-socket.is-listening", (self) => (sock(self).state === "listening" ? 1 : 0));
    def(tcp, "[method]tcp-socket.address-family", (self) => sock(self).family);
    def(tcp, "[method]tcp-socket.set-listen-backlog-size", (self, v, ret) => {
      const s = sock(self);
      if (v === 0n) return host.err(ret, 1, ERR.invalid_argument);
      if (s.state === "connected" || s.state === "connect-started") return host.err(ret, 1, ERR.invalid_state);
      s.backlog = v;
      host.ok(ret);
    }, 1);
    host.option(def, tcp, "tcp-socket", "keep-alive-enabled", "keepAlive", 1, "bool");
    host.option(def, tcp, "tcp-socket", "keep-alive-idle-time", "keepIdle", 8, "u64");
    host.option(def, tcp, "tcp-socket", "keep-alive-interval", "keepInterval", 8, "u64");
    host.option(def, tcp, "tcp-socket", "keep-alive-count", "keepCount", 4, "u32");
    host.option(def, tcp, "tcp-socket", "hop-limit", "hopLimit", 1, "u8");
    host.option(def, tcp, "tcp-socket", "receive-buffer-size", "rcvBuf", 8, "u64");
    host.option(def, tcp, "tcp-socket", "send-buffer-size", "sndBuf", 8, "u64");
    def(tcp, "[method]tcp-socket.subscribe", (self) => host.add("pollable", { on: self, kind: "tcp" }, self));
    def(tcp, "[method]tcp-socket.shutdown", (self, how, ret) => {
      const s = sock(self);
      if (s.state !== "connected") return host.err(ret, 1, ERR.invalid_state);
      if (how !== 1) host.get(s.input, "input-stream").shutdown = true;
      if (how !== 0) host.get(s.output, "output-stream").closed = true;
      host.ok(ret);
    }, 1);
    def(tcp, "[resource-drop]tcp-socket", (h) => host.drop(h, "tcp-socket"));

    // wasi:sockets/udp-create-socket, udp
    def("sockets/udp-create-socket", "create-udp-socket", (family, ret) => {
      host.ok(ret);
      host.u32(ret + 4, host.add("udp-socket", { family, state: "unbound", hopLimit: 64, rcvBuf: 212992n, sndBuf: 212992n, inbox: [] }));
    }, 4);
    const usock = (h) => host.get(h, "udp-socket");
    host.bindPair(def, udp, "udp-socket");
    def(udp, "[method]udp-socket.stream", (...a) => {
      const [self, some, ret] = [a[0], a[1], a[14]];
      const s = usock(self);
      if (s.state !== "bound") return host.err(ret, 4, ERR.invalid_state);
      if (s.incoming && host.resources.has(s.incoming)) throw new Trap("udp-socket.stream while the previous streams are alive");
      s.remote = some ? FakeHost.readFlatAddress(a.slice(2, 14)) : null;
      s.incoming = host.add("incoming-datagram-stream", { sock: self }, self);
      s.outgoing = host.add("outgoing-datagram-stream", { sock: self, budget: 64 }, self);
      host.ok(ret);
      host.u32(ret + 4, s.incoming);
      host.u32(ret + 8, s.outgoing);
    }, 4);
    def(udp, "[method]udp-socket.local-address", (self, ret) => {
      const s = usock(self);
      if (s.state !== "bound") return host.err(ret, 4, ERR.invalid_state);
      host.ok(ret);
      host.writeAddress(ret + 4, s.local);
    }, 4);
    def(udp, "[method]udp-socket.remote-address", (self, ret) => {
      const s = usock(self);
      if (!s.remote) return host.err(ret, 4, ERR.invalid_state);
      host.ok(ret);
      host.writeAddress(ret + 4, s.remote);
    }, 4);
    def(udp, "[method]udp-socket.address-family", (self) => usock(self).family);
    host.option(def, udp, "udp-socket", "unicast-hop-limit", "hopLimit", 1, "u8");
    host.option(def, udp, "udp-socket", "receive-buffer-size", "rcvBuf", 8, "u64");
    host.option(def, udp, "udp-socket", "send-buffer-size", "sndBuf", 8, "u64");
    def(udp, "[method]udp-socket.subscribe", (self) => host.add("pollable", { on: self, kind: "udp" }, self));
    def(udp, "[resource-drop]udp-socket", (h) => host.drop(h, "udp-socket"));
    def(udp, "[method]incoming-datagram-stream.receive", (self, max, ret) => {
      const s = usock(host.get(self, "incoming-datagram-stream").sock);
      const n = host.blocked("[method]incoming-datagram-stream.receive") ? 0 : Math.min(Number(max), s.inbox.length);
      const list = n ? host.exports.cabi_realloc(0, 0, 4, 40 * n) : 0;
      for (let i = 0; i < n; i++) {
        const d = s.inbox.shift();
        host.u32(list + 40 * i, d.data.length ? host.alloc(d.data) : 0);
        host.u32(list + 40 * i + 4, d.data.length);
        host.writeAddress(list + 40 * i + 8, d.from);
      }
      host.ok(ret);
      host.u32(ret + 4, list);
      host.u32(ret + 8, n);
    }, 4);
    def(udp, "[method]incoming-datagram-stream.subscribe", (self) => host.add("pollable", { on: self, kind: "incoming" }, self));
    def(udp, "[resource-drop]incoming-datagram-stream", (h) => host.drop(h, "incoming-datagram-stream"));
    def(udp, "[method]outgoing-datagram-stream.check-send", (self, ret) => {
      const o = host.get(self, "outgoing-datagram-stream");
      host.ok(ret);
      o.permitted = host.blocked("[method]outgoing-datagram-stream.check-send") ? 0 : o.budget;
      host.u64(ret + 8, o.permitted);
    }, 8);
    def(udp, "[method]outgoing-datagram-stream.send", (self, list, count, ret) => {
      const o = host.get(self, "outgoing-datagram-stream");
      if (count > (o.permitted ?? 0)) throw new Trap(`send of ${count} datagrams exceeds check-send's ${o.permitted ?? 0}`);
      o.permitted -= count;
      o.sent ??= [];
      for (let i = 0; i < count; i++) {
        const p = list + 44 * i;
        o.sent.push(host.bytes(host.view.getUint32(p, true), host.view.getUint32(p + 4, true)).slice());
      }
      host.ok(ret);
      host.u64(ret + 8, count);
    }, 8);
    def(udp, "[method]outgoing-datagram-stream.subscribe", (self) => host.add("pollable", { on: self, kind: "outgoing" }, self));
    def(udp, "[resource-drop]outgoing-datagram-stream", (h) => host.drop(h, "outgoing-datagram-stream"));

    // wasi:sockets/ip-name-lookup: "localhost" → 127.0.0.1 and ::1; anything else → name-unresolvable
    def("sockets/ip-name-lookup", "resolve-addresses", (net, ptr, len, ret) => {
      host.get(net, "network");
      const name = Buffer.from(host.bytes(ptr, len)).toString("utf8");
      if (!name || /[\s:/<>&]/.test(name)) return host.err(ret, 4, ERR.invalid_argument);
      const addrs = name === "localhost" ? [{ family: 0, ip: [127, 0, 0, 1] }, { family: 1, ip: [0, 0, 0, 0, 0, 0, 0, 1] }] : null;
      host.ok(ret);
      host.u32(ret + 4, host.add("resolve-address-stream", { addrs }));
    }, 4);
    def("sockets/ip-name-lookup", "[method]resolve-address-stream.resolve-next-address", (self, ret) => {
      const r = host.get(self, "resolve-address-stream");
      if (host.blocked("[method]resolve-address-stream.resolve-next-address")) return host.err(ret, 2, ERR.would_block);
      if (r.addrs === null) return host.err(ret, 2, ERR.name_unresolvable);
      host.ok(ret);
      const a = r.addrs.shift();
      host.u8(ret + 2, a ? 1 : 0);
      if (a) {
        host.u8(ret + 4, a.family);
        if (a.family === 0) a.ip.forEach((b, i) => host.u8(ret + 6 + i, b));
        else a.ip.forEach((s, i) => host.u16(ret + 6 + 2 * i, s));
      }
    }, 2);
    def("sockets/ip-name-lookup", "[method]resolve-address-stream.subscribe", (self) => host.add("pollable", { on: self, kind: "resolve" }, self));
    def("sockets/ip-name-lookup", "[resource-drop]resolve-address-stream", (h) => host.drop(h, "resolve-address-stream"));

    // wasi:cli (enough for the p2 runtime): no arguments, stdout/stderr collected.
    def("cli/environment", "get-environment", (ret) => { host.u32(ret, 0); host.u32(ret + 4, 0); });
    def("cli/environment", "get-arguments", (ret) => { host.u32(ret, 0); host.u32(ret + 4, 0); });
    def("cli/environment", "initial-cwd", (ret) => host.u8(ret, 0));
    def("cli/exit", "exit", (status) => { throw new Trap(`exit(${status ? "err" : "ok"})`); });
    def("cli/stdin", "get-stdin", () => host.add("input-stream", { chunks: [], closed: true }));
    def("cli/stdout", "get-stdout", () => host.add("output-stream", { budget: DEFAULT_WRITE_BUDGET }));
    def("cli/stderr", "get-stderr", () => host.add("output-stream", { budget: DEFAULT_WRITE_BUDGET }));

    mods["fake-host"] = host.scriptImports();
    return mods;
  }

  /** A getter/setter pair for a socket option stored in `prop`; setting 0 is invalid-argument. */
  option(def, module, resource, name, prop, at, kind) {
    const host = this;
    def(module, `[method]${resource}.${name}`, (self, ret) => {
      const v = host.get(self, resource)[prop];
      host.ok(ret);
      if (kind === "u64") host.u64(ret + at, v);
      else if (kind === "u32") host.u32(ret + at, v);
      else host.u8(ret + at, Number(v));
    }, at);
    def(module, `[method]${resource}.set-${name}`, (self, v, ret) => {
      const r = host.get(self, resource);
      if (kind !== "bool" && (v === 0 || v === 0n)) return host.err(ret, 1, ERR.invalid_argument);
      r[prop] = kind === "bool" ? (v ? 1 : 0) : v;
      host.ok(ret);
    }, 1);
  }

  /** start-bind / finish-bind, the same for TCP and UDP sockets. */
  bindPair(def, module, resource) {
    const host = this;
    def(module, `[method]${resource}.start-bind`, (...a) => {
      const [self, net, ret] = [a[0], a[1], a[14]];
      host.get(net, "network");
      const s = host.get(self, resource), addr = FakeHost.readFlatAddress(a.slice(2, 14));
      if (s.state !== "unbound") return host.err(ret, 1, ERR.invalid_state);
      if (addr.family !== s.family) return host.err(ret, 1, ERR.invalid_argument);
      s.local = { ...addr, port: addr.port || host.nextPort++ };
      s.state = "bind-started";
      host.ok(ret);
    }, 1);
    def(module, `[method]${resource}.finish-bind`, (self, ret) => {
      const s = host.get(self, resource);
      if (s.state !== "bind-started") return host.err(ret, 1, ERR.not_in_progress);
      if (host.blocked(`[method]${resource}.finish-bind`)) return host.err(ret, 1, ERR.would_block);
      s.state = "bound";
      host.ok(ret);
    }, 1);
  }

  newTcp(family, state, extra = {}) {
    return this.add("tcp-socket", {
      family, state, queue: [], backlog: 128n, keepAlive: 0, keepIdle: 7_200_000_000_000n,
      keepInterval: 75_000_000_000n, keepCount: 9, hopLimit: 64, rcvBuf: 131072n, sndBuf: 16384n, ...extra,
    });
  }

  connectStreams(h, s) {
    s.state = "connected";
    s.input = this.add("input-stream", { chunks: [] }, h);
    s.output = this.add("output-stream", { budget: DEFAULT_WRITE_BUDGET }, h);
  }

  okList(ret, data) {
    this.ok(ret);
    this.u32(ret + 4, data.length ? this.alloc(data) : 0);
    this.u32(ret + 8, data.length);
  }

  appendWritten(h, data) {
    const prev = this.written.get(h) ?? new Uint8Array(0);
    const next = new Uint8Array(prev.length + data.length);
    next.set(prev);
    next.set(data, prev.length);
    this.written.set(h, next);
  }

  // ---- readiness ------------------------------------------------------------
  /** The field whose scripted would-blocks keep a pollable of this kind from being ready. */
  static gateOf(kind) {
    return {
      input: "[method]input-stream.read",
      output: "[method]output-stream.check-write",
      incoming: "[method]incoming-datagram-stream.receive",
      outgoing: "[method]outgoing-datagram-stream.check-send",
      resolve: "[method]resolve-address-stream.resolve-next-address",
    }[kind];
  }

  ready(p) {
    if (p.kind === "timer") return this.clock >= p.at;
    const gate = FakeHost.gateOf(p.kind);
    if (gate && (this.blocks.get(gate) ?? 0) > 0) return false;
    const r = this.resources.get(p.on);
    switch (p.kind) {
      case "input": return r.chunks.length > 0 || !!r.closed || !!r.shutdown || !!r.failed;
      case "output": return !!r.closed || r.budget > 0;
      case "incoming": return this.get(r.sock).inbox.length > 0;
      case "outgoing": return r.budget > 0;
      case "resolve": return true;
      case "tcp": {
        if (r.state === "listening") return r.queue.length > 0 && (this.blocks.get("[method]tcp-socket.accept") ?? 0) === 0;
        const pending = { "bind-started": "finish-bind", "connect-started": "finish-connect", "listen-started": "finish-listen" }[r.state];
        return pending ? (this.blocks.get(`[method]tcp-socket.${pending}`) ?? 0) === 0 : true;
      }
      default: return true;
    }
  }

  /** Lets time pass for `p`: scripted would-blocks on its operation are used up. */
  release(p) {
    const gates = p.kind === "tcp"
      ? ["accept", "finish-bind", "finish-connect", "finish-listen"].map((f) => `[method]tcp-socket.${f}`)
      : [FakeHost.gateOf(p.kind)];
    for (const g of gates) if (g) this.blocks.delete(g);
  }

  block(p) {
    if (this.ready(p)) return;
    if (p.kind === "timer") { this.clock = p.at; return; }
    this.release(p);
    if (!this.ready(p)) throw new Trap(`pollable.block would never return (${p.kind}: nothing scripted to make it ready)`);
  }

  /** poll found nothing ready: release the non-timer pollables, else jump the clock to the earliest timer. */
  advance(ps) {
    for (const p of ps) if (p.kind !== "timer") this.release(p);
    if (ps.some((p) => this.ready(p))) return;
    const timers = ps.filter((p) => p.kind === "timer").map((p) => p.at);
    if (timers.length === 0) throw new Trap("poll would never return: nothing scripted to make any pollable ready");
    this.clock = timers.reduce((a, b) => (a < b ? a : b));
  }

  // ---- the fake-host import module ---------------------------------------
  scriptImports() {
    const host = this;
    return {
      reset: () => host.reset(),
      live_handles: () => host.live(),
      live_of: (type) => host.live(host.asString(type)),
      calls: (field) => host.callCounts.get(host.asString(field)) ?? 0,
      total_calls: () => [...host.callCounts.values()].reduce((a, b) => a + b, 0),
      fail_next: (field, code, n) => host.failNext(host.asString(field), n, (ret) => {
        const f = host.asString(field);
        host.err(ret, FakeHost.errorOffset(f), code);
      }),
      fail_stream_next: (field, closed, code, n) => {
        const f = host.asString(field);
        host.failNext(f, n, (ret) => host.streamErr(ret, FakeHost.streamErrorOffset(f), !!closed, code));
      },
      would_block: (field, n) => host.blocks.set(host.asString(field), n),
      queue_connection: (listener) => {
        host.get(listener, "tcp-socket").queue.push({ family: 0, port: 40000 + host.nextPort++ % 1000, ip: [127, 0, 0, 1] });
      },
      deliver: (stream, ptr, len) => host.get(stream, "input-stream").chunks.push(host.bytes(ptr, len).slice()),
      close_input: (stream) => { host.get(stream, "input-stream").closed = true; },
      written: (stream, ptr, cap) => {
        const data = host.written.get(stream) ?? new Uint8Array(0);
        const n = Math.min(cap, data.length);
        host.bytes(ptr, n).set(data.subarray(0, n));
        return data.length;
      },
      set_write_budget: (stream, n) => { host.get(stream, "output-stream").budget = n; },
      queue_datagram: (incoming, ptr, len, port) => {
        host.get(host.get(incoming, "incoming-datagram-stream").sock, "udp-socket").inbox.push({
          data: host.bytes(ptr, len).slice(), from: { family: 0, port, ip: [127, 0, 0, 1] },
        });
      },
      now: () => host.clock,
    };
  }

  /** Where a function's error-code sits in its result (the payload offset). */
  static errorOffset(field) {
    if (/check-send|outgoing-datagram-stream\.send|(receive|send)-buffer-size$|keep-alive-(idle-time|interval)$/.test(field) && !/set-/.test(field)) return 8;
    if (/resolve-next-address/.test(field)) return 2;
    if (/create-|accept|finish-connect|local-address|remote-address|\.stream$|receive$|resolve-addresses|keep-alive-count$/.test(field) && !/set-/.test(field)) return 4;
    return 1;
  }

  static streamErrorOffset(field) {
    return /check-write|skip|splice/.test(field) ? 8 : 4;
  }
}

export { Trap, ERR };

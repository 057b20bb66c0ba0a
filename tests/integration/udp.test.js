// UDP and the message calls in real components under wasmtime and jco, with
// Node dgram/net peers on 127.0.0.1 (tests/programs/udp-probe.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import dgram from "node:dgram";
import net from "node:net";
import { once } from "node:events";
import { component, start, RUNTIMES_UNDER_TEST } from "../helpers/components.js";

const PROBE = "tests/programs/udp-probe.ts";
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

async function udpPeer() {
  const s = dgram.createSocket("udp4");
  await new Promise((r) => s.bind(0, "127.0.0.1", r));
  return s;
}

/** The datagram of sequence number `i`: mixed sizes 1..8192, its number in the first bytes, the rest derived from it. */
function datagram(i) {
  const size = 1 + ((i * 7919) % 8192);
  const b = Buffer.alloc(size, i & 0xff);
  if (size >= 4) b.writeUInt32BE(i, 0);
  for (let k = 4; k < size; k++) b[k] = (i + k) & 0xff;
  return b;
}

for (const runtime of RUNTIMES_UNDER_TEST) {
  test(`UDP echo example under ${runtime}: 10,000 datagrams of mixed sizes, none lost or corrupted`, async () => {
    const N = 10_000;
    const app = start(runtime, await component("examples/udp-echo.ts", "p2"), ["0", String(N)], { timeoutMs: 120_000 });
    const [, port] = await app.waitFor(/PORT (\d+)/);
    const peer = await udpPeer();
    const pending = new Map();
    let next = 0, verified = 0;
    const WINDOW = 8;
    await new Promise((resolve, reject) => {
      const sendMore = () => {
        while (next < N && pending.size < WINDOW) {
          const d = datagram(next);
          pending.set(next, d);
          peer.send(d, Number(port), "127.0.0.1");
          next++;
        }
      };
      peer.on("message", (msg) => {
        // At most WINDOW datagrams are in flight: compare against each.
        let match = -1;
        for (const [i, d] of pending) if (d.equals(msg)) { match = i; break; }
        if (match < 0) return reject(new Error(`a corrupted or unexpected datagram of ${msg.length} bytes`));
        pending.delete(match);
        verified++;
        if (verified === N) resolve(); else sendMore();
      });
      sendMore();
    });
    peer.close();
    const { code, stdout, stderr } = await app.exit;
    assert.equal(code, 0, stderr);
    assert.match(stdout, new RegExp(`^ECHOED ${N}$`, "m"));
  });

  test(`UDP peek, recvmsg into three iovecs and truncation under ${runtime}`, async () => {
    const app = start(runtime, await component(PROBE, "p2"), ["peek-udp"]);
    const [, port] = await app.waitFor(/PORT (\d+)/);
    const peer = await udpPeer();
    for (const m of ["peeked datagram", "abcdefghijklmnop", "0123456789abcdef"]) {
      peer.send(m, Number(port), "127.0.0.1");
      await delay(20);
    }
    const { code, stdout, stderr } = await app.exit;
    peer.close();
    assert.equal(code, 0, stderr + stdout);
    assert.match(stdout, /^PEEK 15 READ 15 same-data=true same-source=true$/m);
    assert.match(stdout, /^RECVMSG 12 truncated=true parts=abc\|defg\|hijkl$/m);
    assert.match(stdout, /^TRUNC 16 0123$/m);
  });

  test(`TCP peek-then-read equality, MSG_WAITALL across fragmented writes and readv under ${runtime}`, async () => {
    const app = start(runtime, await component(PROBE, "p2"), ["stream"]);
    const [, port] = await app.waitFor(/PORT (\d+)/);
    const sock = net.connect(Number(port), "127.0.0.1");
    sock.on("error", () => {}); // jco's close may reset the connection; the guest's output is what is checked
    await once(sock, "connect");
    sock.setNoDelay(true);
    const payload = Buffer.alloc(1000);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 13) & 0xff;
    sock.write("hello");
    await delay(30);
    for (let off = 0; off < 1000; off += 100) {
      sock.write(payload.subarray(off, off + 100));
      await delay(10);
    }
    await delay(30);
    sock.end("xyREADV");
    const { code, stdout, stderr } = await app.exit;
    sock.destroy();
    assert.equal(code, 0, stderr + stdout);
    let sum = 0;
    for (const b of payload) sum = (Math.imul(sum, 31) + b) >>> 0;
    assert.match(stdout, /^PEEK 5 READ 5 same-data=true hello$/m);
    assert.match(stdout, new RegExp(`^WAITALL 1000 sum=${sum}$`, "m"));
    assert.match(stdout, /^READV 7 xy\|READV$/m);
  });

  test(`sendmmsg and recvmmsg of 64 datagrams under ${runtime}`, async () => {
    const app = start(runtime, await component(PROBE, "p2"), ["mmsg"]);
    const [, port] = await app.waitFor(/PORT (\d+)/);
    const peer = await udpPeer();
    const back = [];
    peer.on("message", (m) => back.push(m));
    for (let i = 0; i < 64; i++) {
      peer.send(Buffer.alloc(i + 1, i), Number(port), "127.0.0.1");
      if (i % 8 === 7) await delay(5);
    }
    const { code, stdout, stderr } = await app.exit;
    await delay(100);
    peer.close();
    assert.equal(code, 0, stderr + stdout);
    assert.match(stdout, /^RECVMMSG 64 intact=true$/m);
    assert.match(stdout, /^SENDMMSG 64$/m);
    assert.equal(back.length, 64);
    back.sort((a, b) => a.length - b.length);
    back.forEach((m, i) => assert.ok(m.equals(Buffer.alloc(i + 1, i)), `datagram ${i} intact`));
  });

  test(`a connected UDP socket hears only its peer under ${runtime}`, async () => {
    const peer = await udpPeer();
    const stranger = await udpPeer();
    const app = start(runtime, await component(PROBE, "p2"), ["connected", String(peer.address().port)]);
    const [, port] = await app.waitFor(/PORT (\d+)/);
    for (const [from, m] of [[stranger, "stranger 1"], [peer, "peer 1"], [stranger, "stranger 2"], [peer, "peer 2"], [peer, "end"]]) {
      from.send(m, Number(port), "127.0.0.1");
      await delay(20);
    }
    const { code, stdout, stderr } = await app.exit;
    peer.close();
    stranger.close();
    assert.equal(code, 0, stderr + stdout);
    assert.equal(stdout.split("\n").filter((l) => l.startsWith("GOT")).join("\n"), "GOT peer 1\nGOT peer 2\nGOT end");
  });
}

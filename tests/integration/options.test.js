// Socket options and timeouts on real hosts (tests/programs/options-probe.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { component, start, RUNTIMES_UNDER_TEST } from "../helpers/components.js";

const PROBE = "tests/programs/options-probe.ts";
const EAGAIN = 6, EINPROGRESS = 26, EOPNOTSUPP = 58;

async function fetchLine(host, port) {
  const sock = net.connect(port, host);
  sock.on("error", () => {});
  let data = "";
  sock.on("data", (c) => { data += c; });
  await new Promise((r) => sock.on("close", r));
  return data;
}

for (const runtime of RUNTIMES_UNDER_TEST) {
  test(`dual-stack emulation under ${runtime}: one :: listener serves an IPv4 and an IPv6 client`, async () => {
    const app = start(runtime, await component(PROBE, "p2"), ["dualstack", "2"]);
    const [, port] = await app.waitFor(/PORT (\d+)/);
    assert.equal(await fetchLine("127.0.0.1", Number(port)), "ok\n");
    assert.equal(await fetchLine("::1", Number(port)), "ok\n");
    const { code, stdout, stderr } = await app.exit;
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^V6ONLY ok 0$/m);
    assert.match(stdout, /^PEER 0:0:0:0:0:ffff:7f00:1 len=32$/m, "the IPv4 client as ::ffff:127.0.0.1 (a 32-byte sockaddr_in6 in this ABI)");
    assert.match(stdout, /^PEER 0:0:0:0:0:0:0:1 len=32$/m, "the IPv6 client as ::1");
  });

  test(`socket options under ${runtime}: set and read back through the host`, async () => {
    const { code, stdout, stderr } = await start(runtime, await component(PROBE, "p2"), ["options"]).exit;
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^TYPE 6 5 PROTOCOL 6 17 DOMAIN 2$/m);
    assert.match(stdout, /^KEEPALIVE ok 1$/m);
    assert.match(stdout, /^KEEPIDLE ok 30 KEEPINTVL ok 7 KEEPCNT ok 4$/m);
    assert.match(stdout, /^TTL ok 17 ok 18 HOPS ok 19$/m);
    assert.match(stdout, /^BUFFERS true true ZERO ok$/m);
    assert.match(stdout, new RegExp(`^V6ONLY 1 E${EOPNOTSUPP} REUSEADDR 1 ACCEPTCONN 0 0 1$`, "m"));
  });
}

// The connect timeout needs a listener whose full backlog drops SYNs: real kernel sockets (wasmtime).
test("SO_RCVTIMEO and SO_SNDTIMEO fire within a bounded window under wasmtime: recv, send, accept, connect", async () => {
  const silent = [];
  const server = net.createServer((s) => { s.pause(); silent.push(s); });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  try {
    const { code, stdout, stderr } = await start("wasmtime", await component(PROBE, "p2"), ["timeouts", String(server.address().port)]).exit;
    assert.equal(code, 0, stderr);
    const line = (what) => {
      const m = new RegExp(`^${what} (\\S+) (\\S+) (\\d+)$`, "m").exec(stdout);
      assert.ok(m, `${what} in ${stdout}`);
      return { result: m[1], errno: m[2], ms: Number(m[3]) };
    };
    const within = (ms) => ms >= 290 && ms < 3000;
    const recv = line("RECV");
    assert.deepEqual([recv.result, recv.errno], ["-1", String(EAGAIN)]);
    assert.ok(within(recv.ms), `recv waited ${recv.ms} ms`);
    const send = line("SEND");
    assert.ok(send.result === "partial" || (send.result === "-1" && send.errno === String(EAGAIN)), stdout);
    assert.ok(within(send.ms), `send waited ${send.ms} ms`);
    const accept = line("ACCEPT");
    assert.deepEqual([accept.result, accept.errno], ["-1", String(EAGAIN)]);
    assert.ok(within(accept.ms), `accept waited ${accept.ms} ms`);
    const connect = line("CONNECT");
    assert.deepEqual([connect.result, connect.errno], ["-1", String(EINPROGRESS)], "Linux: a connect that times out is EINPROGRESS");
    assert.ok(within(connect.ms), `connect waited ${connect.ms} ms`);
  } finally {
    for (const s of silent) s.destroy();
    server.close();
  }
});

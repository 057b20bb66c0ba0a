// The POSIX TCP layer in real components under wasmtime and jco, against Node
// peers on 127.0.0.1.
import test from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import crypto from "node:crypto";
import path from "node:path";
import { once } from "node:events";
import { component, start, echoThrough, RUNTIMES_UNDER_TEST } from "../helpers/components.js";
import { PACKAGE_ROOT } from "../../tools/build.js";

const ECHO = path.join(PACKAGE_ROOT, "examples", "echo-server.ts");
const PROBE = path.join(PACKAGE_ROOT, "tests", "programs", "tcp-probe.ts");

const sha256 = (b) => crypto.createHash("sha256").update(b).digest("hex");


async function echoServer(runtime, style, clients) {
  const app = start(runtime, await component(ECHO, style), ["0", String(clients)]);
  const [, port] = await app.waitFor(/PORT (\d+)/);
  return { app, port: Number(port) };
}

for (const runtime of RUNTIMES_UNDER_TEST) {
  test(`echo server (p2) under ${runtime}: 16 MiB verified by hash`, async () => {
    const { app, port } = await echoServer(runtime, "p2", 1);
    const payload = crypto.randomBytes(16 << 20);
    const echoed = await echoThrough(port, payload);
    const { code, stderr } = await app.exit;
    assert.equal(code, 0, stderr);
    assert.equal(echoed.length, payload.length);
    assert.equal(sha256(echoed), sha256(payload));
  });

  test(`echo server (shim) under ${runtime}: 4 MiB verified by hash`, async () => {
    const { app, port } = await echoServer(runtime, "shim", 1);
    const payload = crypto.randomBytes(4 << 20);
    const echoed = await echoThrough(port, payload);
    const { code, stderr } = await app.exit;
    assert.equal(code, 0, stderr);
    assert.equal(sha256(echoed), sha256(payload));
  });

  test(`echo server under ${runtime}: 100 sequential clients`, async () => {
    const { app, port } = await echoServer(runtime, "p2", 100);
    for (let i = 0; i < 100; i++) {
      const payload = Buffer.from(`client ${i} ${"x".repeat(i * 37)}`);
      assert.ok((await echoThrough(port, payload)).equals(payload), `client ${i}`);
    }
    const { code, stdout, stderr } = await app.exit;
    assert.equal(code, 0, stderr);
    assert.equal(stdout.match(/ECHOED/g).length, 100);
  });

  test(`echo server under ${runtime}: a client that resets mid-stream is dropped and the next is served`, async () => {
    const { app, port } = await echoServer(runtime, "p2", 3);
    for (let i = 0; i < 2; i++) {
      const rude = net.connect(port, "127.0.0.1");
      rude.on("error", () => {});
      await once(rude, "connect");
      rude.write(Buffer.alloc(200_000, 7)); // the server is echoing when the reset comes
      await new Promise((r) => setTimeout(r, 50));
      rude.resetAndDestroy();
    }
    const payload = Buffer.from("still serving");
    assert.ok((await echoThrough(port, payload)).equals(payload));
    const { code, stdout, stderr } = await app.exit;
    assert.equal(code, 0, stderr);
    assert.equal((stdout.match(/^DROPPED after \d+$/gm) ?? []).length + (stdout.match(/^ECHOED/gm) ?? []).length, 3, stdout);
    assert.match(stdout, /^ECHOED 13$/m);
  });

  test(`connect to a closed port under ${runtime}: ECONNREFUSED`, async () => {
    const srv = net.createServer();
    await new Promise((r) => srv.listen(0, "127.0.0.1", r));
    const { port } = srv.address();
    await new Promise((r) => srv.close(r)); // now nothing listens there
    const { code, stdout, stderr } = await start(runtime, await component(PROBE, "p2"), ["refused", String(port)]).exit;
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^CONNECT -1 ECONNREFUSED$/m);
  });

  test(`non-blocking connect under ${runtime}: EINPROGRESS, then connected, then EISCONN`, async () => {
    const srv = net.createServer((s) => s.pipe(s));
    await new Promise((r) => srv.listen(0, "127.0.0.1", r));
    try {
      const { code, stdout, stderr } = await start(runtime, await component(PROBE, "p2"), ["nbconnect", String(srv.address().port)]).exit;
      assert.equal(code, 0, stderr);
      assert.equal(stdout, "FLAGS 4\nCONNECT -1 EINPROGRESS\nCONNECTED 0\nAGAIN -1 EISCONN\nSEND 4\nRECV 4\n");
    } finally {
      srv.close();
    }
  });

  test(`peer reset under ${runtime}: recv ECONNRESET, then send fails with EPIPE or ECONNRESET`, async () => {
    const app = start(runtime, await component(PROBE, "p2"), ["reset"]);
    const [, port] = await app.waitFor(/PORT (\d+)/);
    const sock = net.connect(Number(port), "127.0.0.1");
    sock.on("error", () => {});
    await once(sock, "connect");
    sock.write("some bytes");
    await new Promise((r) => setTimeout(r, 200));
    sock.resetAndDestroy();
    const { code, stdout, stderr } = await app.exit;
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^RECV -1 ECONNRESET$/m);
    assert.match(stdout, /^SEND -1 (EPIPE|ECONNRESET)$/m);
  });

  test(`argument and state errors under ${runtime} answer as Linux does`, async () => {
    const { code, stdout, stderr } = await start(runtime, await component(PROBE, "p2"), ["names"]).exit;
    assert.equal(code, 0, stderr);
    assert.equal(stdout, [
      "GETSOCKNAME_UNBOUND 0",
      "UNBOUND family=1 port=0 addr=0 len=16",
      "GETPEERNAME_UNCONNECTED -1 ENOTCONN",
      "GETSOCKNAME_SHORT 0",
      "SHORT len=16 family=1 byte4=170", // 4 bytes copied, the rest untouched, full length reported
      "LISTEN 0",
      "LISTEN_AGAIN 0",
      "ACCEPT_BADPTR -1 EFAULT",
      "SHUTDOWN_LISTENING 0", // the answers Linux gives: tests/linux compares each with a C twin
      "CONNECT_LISTENING -1 EISCONN",
      "RECV_LISTENING -1 ENOTCONN",
      "BIND_SHORT -1 EINVAL",
      "BIND_WRONG_FAMILY -1 EINVAL", // a sockaddr_in is short for an IPv6 socket: Linux checks the length first
      "SOCKET_BAD_FAMILY -1 EAFNOSUPPORT",
      "SOCKET_BAD_TYPE -1 EINVAL",
      "SOCKET_BAD_PROTOCOL -1 EPROTONOSUPPORT",
      "CLOSE 0",
      "CLOSE_AGAIN -1 EBADF",
      "SEND_STDOUT_FD -1 ENOTSOCK",
      "RECV_BADFD -1 EBADF",
      "",
    ].join("\n"));
  });
}

// Event-driven servers on poll and epoll under wasmtime and jco, with many
// Node clients at once (examples/epoll-echo.ts, examples/chat-server.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import crypto from "node:crypto";
import { once } from "node:events";
import { component, start, RUNTIMES_UNDER_TEST } from "../helpers/components.js";

/** Sends `payload` and reads the same number of bytes back; resolves with them. */
async function echo(port, payload) {
  const sock = net.connect(port, "127.0.0.1");
  await once(sock, "connect");
  const chunks = [];
  let got = 0;
  const done = new Promise((resolve, reject) => {
    sock.on("data", (c) => {
      chunks.push(c);
      got += c.length;
      if (got >= payload.length) resolve();
    });
    sock.on("error", reject);
    sock.on("close", () => (got >= payload.length ? resolve() : reject(new Error(`closed after ${got} bytes`))));
  });
  sock.write(payload);
  await done;
  sock.end();
  return Buffer.concat(chunks);
}

for (const runtime of RUNTIMES_UNDER_TEST) {
  test(`epoll echo under ${runtime}: 200 concurrent clients, 64 KiB each, every byte verified`, async () => {
    const N = 200;
    const app = start(runtime, await component("examples/epoll-echo.ts", "p2"), ["0", String(N + 1)], { timeoutMs: 180_000 });
    const [, port] = await app.waitFor(/PORT (\d+)/);
    // One client resets mid-stream; the server must go on serving the others.
    const rude = net.connect(Number(port), "127.0.0.1");
    await once(rude, "connect");
    rude.write(crypto.randomBytes(1000));
    rude.resetAndDestroy();
    const payloads = Array.from({ length: N }, (_, i) => crypto.createHash("sha256").update(String(i)).digest().toString("hex").repeat(1024));
    const results = await Promise.all(payloads.map((p) => echo(Number(port), Buffer.from(p))));
    results.forEach((r, i) => assert.ok(r.equals(Buffer.from(payloads[i])), `client ${i}: ${r.length} bytes`));
    const { code, stdout, stderr } = await app.exit;
    assert.equal(code, 0, stderr);
    assert.match(stdout, new RegExp(`^SERVED ${N + 1}$`, "m"));
  });
}

for (const runtime of RUNTIMES_UNDER_TEST) {
  test(`poll chat server under ${runtime}: a line reaches every other client; a reset shows as POLLHUP/POLLERR and the rest go on`, async () => {
    const app = start(runtime, await component("examples/chat-server.ts", "p2"), ["0", "4"], { timeoutMs: 60_000 });
    const [, port] = await app.waitFor(/PORT (\d+)/);
    const join = async () => {
      const s = net.connect(Number(port), "127.0.0.1");
      s.setEncoding("utf8");
      s.on("error", () => {});
      s.text = "";
      s.on("data", (d) => { s.text += d; });
      await once(s, "connect");
      return s;
    };
    const [a, b, c, d] = [await join(), await join(), await join(), await join()];
    await app.waitFor(/JOIN 4/);
    d.resetAndDestroy();
    await app.waitFor(/LEFT .*(POLLHUP|POLLERR)/);
    a.write("hello from a\n");
    const heard = (s) => new Promise((resolve) => {
      const check = () => (s.text.includes("hello from a") ? resolve() : setTimeout(check, 10));
      check();
    });
    await Promise.all([heard(b), heard(c)]);
    assert.equal(a.text, "", "the sender does not hear itself");
    for (const s of [a, b, c]) s.end();
    const { code, stdout, stderr } = await app.exit;
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^DONE 4$/m);
    assert.equal((stdout.match(/^LEFT/gm) ?? []).length, 4);
  });
}

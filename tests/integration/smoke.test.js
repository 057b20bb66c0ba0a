// The raw-binding smoke program, built in each program style, under each
// runtime, against Node peers on 127.0.0.1: TCP echo of 1 MiB byte-exact, a
// lookup of localhost, a UDP round trip.
import test from "node:test";
import assert from "node:assert/strict";
import dgram from "node:dgram";
import crypto from "node:crypto";
import path from "node:path";
import { once } from "node:events";
import { component, start, echoThrough, RUNTIMES_UNDER_TEST, STYLES_UNDER_TEST } from "../helpers/components.js";
import { PACKAGE_ROOT } from "../../tools/build.js";

const RAW = path.join(PACKAGE_ROOT, "tests", "smoke", "raw.ts");


for (const style of STYLES_UNDER_TEST) {
  for (const runtime of RUNTIMES_UNDER_TEST) {
    test(`raw smoke (${style}) under ${runtime}`, async (t) => {
      const wasm = await component(RAW, style);

      await t.test("TCP echo of 1 MiB, byte-exact", async () => {
        const app = start(runtime, wasm, ["echo"]);
        const [, port] = await app.waitFor(/PORT (\d+)/);
        const payload = crypto.randomBytes(1 << 20);
        const echoed = await echoThrough(Number(port), payload);
        const { code, stdout, stderr } = await app.exit;
        assert.equal(code, 0, stderr);
        assert.equal(echoed.length, payload.length);
        assert.ok(echoed.equals(payload), "echoed bytes equal the sent bytes");
        assert.match(stdout, new RegExp(`ECHOED ${payload.length}`));
      });

      await t.test("resolve localhost", async () => {
        const { code, stdout, stderr } = await start(runtime, wasm, ["resolve"]).exit;
        assert.equal(code, 0, stderr);
        const addrs = [...stdout.matchAll(/ADDR (\S+)/g)].map((m) => m[1]);
        assert.ok(addrs.some((a) => a === "127.0.0.1" || a === "::1"), `a loopback address among ${addrs}`);
        assert.match(stdout, new RegExp(`RESOLVED ${addrs.length}`));
      });

      await t.test("UDP round trip", async () => {
        const app = start(runtime, wasm, ["udp"]);
        const [, port] = await app.waitFor(/PORT (\d+)/);
        const peer = dgram.createSocket("udp4");
        await new Promise((r) => peer.bind(0, "127.0.0.1", r));
        const payload = crypto.randomBytes(1200);
        const reply = once(peer, "message");
        peer.send(payload, Number(port), "127.0.0.1");
        const [msg, rinfo] = await reply;
        peer.close();
        const { code, stderr } = await app.exit;
        assert.equal(code, 0, stderr);
        assert.ok(msg.equals(payload), "the datagram came back unchanged");
        assert.equal(rinfo.port, Number(port));
      });
    });
  }
}

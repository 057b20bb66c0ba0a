// UDP echo rate: a Node client keeps WINDOW datagrams in flight through an
// echo server and counts round trips per second. The same client measures
// examples/udp-echo.ts under each runtime and a native Node dgram echo server.
import dgram from "node:dgram";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { buildComponent } from "../tools/build.js";
import { componentServer, nodeServer } from "./servers.js";

const WINDOW = 32;
const NATIVE_UDP_ECHO = `
  const dgram = require("node:dgram");
  const s = dgram.createSocket("udp4");
  s.on("message", (m, r) => s.send(m, r.port, r.address));
  s.bind(0, "127.0.0.1", () => console.log("PORT " + s.address().port));
`;

/** Round trips per second for `count` datagrams of `size` bytes (a lost datagram is resent after 200 ms). */
async function rate(port, count, size) {
  const s = dgram.createSocket("udp4");
  await new Promise((r) => s.bind(0, "127.0.0.1", r));
  const payload = Buffer.alloc(size, 7);
  const started = process.hrtime.bigint();
  await new Promise((resolve) => {
    let sent = 0, back = 0, last = Date.now();
    const pump = () => { while (sent < count && sent - back < WINDOW) { s.send(payload, port, "127.0.0.1"); sent++; } };
    const timer = setInterval(() => { if (Date.now() - last > 200) { sent = back; pump(); } }, 100);
    s.on("message", () => {
      back++;
      last = Date.now();
      if (back >= count) { clearInterval(timer); resolve(); } else pump();
    });
    pump();
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  s.close();
  return count / seconds;
}

/** [{ server, perSecond }] for native Node and udp-echo.ts under each runtime. */
export async function measureUdp({ count = 20000, size = 100, runtimes = ["wasmtime", "jco"] } = {}) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "asps-bench-")), "udp-echo.wasm");
  await buildComponent({ entry: "examples/udp-echo.ts", out, style: "p2" });
  const servers = [
    ["native Node dgram echo (own process)", () => nodeServer(NATIVE_UDP_ECHO)],
    ...runtimes.map((r) => [`udp-echo.ts under ${r}`, () => componentServer(r, out)]),
  ];
  const rows = [];
  for (const [name, startServer] of servers) {
    const server = await startServer();
    try {
      rows.push({ server: name, perSecond: await rate(server.port, count, size) });
    } finally {
      server.stop();
    }
  }
  return { count, size, window: WINDOW, rows };
}

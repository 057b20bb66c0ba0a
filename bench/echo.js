// Echo throughput: a Node client pushes a payload through an echo server and
// reads it all back; MiB/s = payload size / time from connect to the last
// echoed byte. The same client measures examples/echo-server.ts under each
// runtime and a native Node echo server in the same run.
import net from "node:net";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { once } from "node:events";
import { buildComponent } from "../tools/build.js";
import { componentServer, nodeServer } from "./servers.js";

const MiB = 1024 * 1024;

/** Seconds to echo `payload` through 127.0.0.1:`port`. */
async function echoOnce(port, payload) {
  const started = process.hrtime.bigint();
  const sock = net.connect(port, "127.0.0.1");
  await once(sock, "connect");
  let received = 0;
  const done = new Promise((resolve, reject) => {
    sock.on("data", (c) => { received += c.length; if (received >= payload.length) resolve(); });
    sock.on("error", reject);
    sock.on("close", () => (received >= payload.length ? resolve() : reject(new Error(`echo closed after ${received} bytes`))));
  });
  for (let off = 0; off < payload.length; off += 64 * 1024) {
    if (!sock.write(payload.subarray(off, off + 64 * 1024))) await once(sock, "drain");
  }
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  sock.destroy();
  return seconds;
}

/** Best of `runs` passes, in MiB/s. */
async function throughput(port, payload, runs) {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, await echoOnce(port, payload));
  return payload.length / MiB / best;
}

// In its own process, as the components are, so it does not share the client's event loop.
const NATIVE_ECHO = `
  const net = require("node:net");
  const server = net.createServer((s) => { s.pipe(s); s.on("error", () => {}); });
  server.listen(0, "127.0.0.1", () => console.log("PORT " + server.address().port));
`;

/** [{ server, mibPerSecond }] for the native server and the echo example under each runtime. */
export async function measureEcho({ sizeMiB = 32, runs = 3, runtimes = ["wasmtime", "jco"] } = {}) {
  const payload = Buffer.alloc(sizeMiB * MiB);
  for (let i = 0; i < payload.length; i += 4096) payload[i] = i & 0xff;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asps-bench-"));
  const out = path.join(dir, "echo-server.wasm");
  const raw = path.join(dir, "raw-echo.wasm");
  await buildComponent({ entry: "examples/echo-server.ts", out, style: "p2" });
  await buildComponent({ entry: "bench/raw-echo.ts", out: raw, style: "p2" });
  const rows = [];
  const servers = [["native Node echo (own process)", () => nodeServer(NATIVE_ECHO)]];
  for (const r of runtimes) {
    servers.push([`raw-binding echo under ${r}`, () => componentServer(r, raw)]);
    servers.push([`echo-server.ts (POSIX) under ${r}`, () => componentServer(r, out)]);
  }
  for (const [name, startServer] of servers) {
    const server = await startServer();
    try {
      rows.push({ server: name, mibPerSecond: await throughput(server.port, payload, runs) });
    } finally {
      server.stop();
    }
  }
  return { sizeMiB, runs, rows, size: fs.statSync(out).size, rawSize: fs.statSync(raw).size };
}

// UDP echo rate: a Node client keeps WINDOW datagrams in flight through an
// echo server and counts round trips per second. The same client measures
// examples/udp-echo.ts under each runtime and a native Node dgram echo server.
import dgram from "node:dgram";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { spawn } from "node:child_process";
import { buildComponent } from "../tools/build.js";
import { spawnComponent } from "../tools/runtimes.js";

const WINDOW = 32;
const NATIVE_UDP_ECHO = `
  const dgram = require("node:dgram");
  const s = dgram.createSocket("udp4");
  s.on("message", (m, r) => s.send(m, r.port, r.address));
  s.bind(0, "127.0.0.1", () => console.log("PORT " + s.address().port));
`;

function portOf(child, name) {
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (s) => {
      out += s;
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`${name} exited (${code}) before printing its port`)));
  });
}

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
    ["native Node dgram echo (own process)", () => spawn(process.execPath, ["-e", NATIVE_UDP_ECHO], { stdio: ["ignore", "pipe", "inherit"] })],
    ...runtimes.map((r) => [`udp-echo.ts under ${r}`, () => spawnComponent(r, out, ["0", "0"], { stdio: ["ignore", "pipe", "inherit"], group: true })]),
  ];
  const rows = [];
  for (const [name, startServer] of servers) {
    const child = startServer();
    try {
      const port = await portOf(child, name);
      rows.push({ server: name, perSecond: await rate(port, count, size) });
    } finally {
      child.kill("SIGKILL");
    }
  }
  return { count, size, window: WINDOW, rows };
}

#!/usr/bin/env node
// npm run soak: load and soak under wasmtime, with figures.
//   1. examples/epoll-echo.ts with CONNECTIONS (1000) concurrent clients, each sending and verifying MIB (1) MiB;
//   2. CYCLES (100,000) connect/accept/close cycles in the guest: memory and descriptors return to baseline;
//   3. chaotic peers: clients that reset, half-close, stall and reconnect at random, while others verify echoes.
import net from "node:net";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import crypto from "node:crypto";
import { once } from "node:events";
import { spawnSync } from "node:child_process";
import { buildComponent } from "../tools/build.js";
import { commandFor } from "../tools/runtimes.js";
import { componentServer } from "./servers.js";

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 1000);
const MIB = Number(process.env.MIB ?? 1);
const CYCLES = Number(process.env.CYCLES ?? 100000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asps-soak-"));

async function server() {
  const out = path.join(dir, "epoll-echo.wasm");
  await buildComponent({ entry: "examples/epoll-echo.ts", out, style: "p2" });
  return componentServer("wasmtime", out);
}

/** Echoes `payload`, resolving true when every byte came back equal. */
async function verified(port, payload) {
  const sock = net.connect(port, "127.0.0.1");
  sock.on("error", () => {});
  await once(sock, "connect");
  const hash = crypto.createHash("sha256");
  let got = 0;
  const done = new Promise((resolve) => {
    sock.on("data", (c) => { hash.update(c); got += c.length; if (got >= payload.length) resolve(true); });
    sock.on("close", () => resolve(got >= payload.length));
  });
  for (let off = 0; off < payload.length; off += 65536) {
    if (!sock.write(payload.subarray(off, off + 65536))) await once(sock, "drain");
  }
  const ok = await done;
  sock.destroy();
  return ok && hash.digest("hex") === crypto.createHash("sha256").update(payload).digest("hex");
}

async function load(port) {
  const payloads = Array.from({ length: CONNECTIONS }, (_, i) => crypto.createHash("sha512").update(String(i)).digest().toString("hex").repeat(MIB * 8192).slice(0, MIB << 20));
  const started = Date.now();
  const results = await Promise.all(payloads.map((p) => verified(port, Buffer.from(p))));
  const seconds = (Date.now() - started) / 1000;
  const good = results.filter(Boolean).length;
  console.log(`load: ${CONNECTIONS} concurrent connections × ${MIB} MiB: ${good}/${CONNECTIONS} verified in ${seconds.toFixed(1)} s (${((CONNECTIONS * MIB * 2) / seconds).toFixed(0)} MiB/s both ways)`);
  return good === CONNECTIONS;
}

async function chaos(port) {
  const kinds = { echo: 0, reset: 0, halfClose: 0, stall: 0, reconnect: 0 };
  let lost = 0;
  const one = async (i) => {
    const kind = ["echo", "reset", "halfClose", "stall", "reconnect"][crypto.randomInt(5)];
    kinds[kind]++;
    const payload = crypto.randomBytes(1024 + crypto.randomInt(65536));
    if (kind === "echo" || kind === "reconnect") {
      if (kind === "reconnect") {
        const s = net.connect(port, "127.0.0.1");
        s.on("error", () => {});
        await once(s, "connect");
        s.write(payload.subarray(0, 100));
        s.destroy();
      }
      if (!(await verified(port, payload))) lost++;
    } else if (kind === "reset") {
      const s = net.connect(port, "127.0.0.1");
      s.on("error", () => {});
      await once(s, "connect");
      s.write(payload);
      s.resetAndDestroy();
    } else if (kind === "halfClose") {
      const s = net.connect(port, "127.0.0.1");
      s.on("error", () => {});
      await once(s, "connect");
      s.resume(); // drain the echo so the close arrives
      s.end(payload);
      await new Promise((r) => s.on("close", r));
    } else {
      const s = net.connect(port, "127.0.0.1");
      s.on("error", () => {});
      await once(s, "connect");
      await new Promise((r) => setTimeout(r, 200 + crypto.randomInt(800)));
      if (!(await verified(port, payload))) lost++;
      s.destroy();
    }
  };
  await Promise.all(Array.from({ length: 300 }, (_, i) => one(i)));
  const alive = await verified(port, Buffer.from("still serving"));
  console.log(`chaos: 300 peers (${Object.entries(kinds).map(([k, v]) => `${v} ${k}`).join(", ")}): ${lost} verified echoes lost; server ${alive ? "still serving" : "NOT serving"}`);
  return lost === 0 && alive;
}

async function cycles() {
  const out = path.join(dir, "cycles.wasm");
  await buildComponent({ entry: "bench/cycles.ts", out, style: "p2" });
  const [cmd, ...args] = commandFor("wasmtime", out, [String(CYCLES)]);
  const started = Date.now();
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 600_000 });
  const line = (r.stdout.match(/^CYCLES.*$/m) ?? [`no result: ${r.stderr}`])[0];
  console.log(`cycles: ${line} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

const { port, stop } = await server();
let ok = false;
try {
  ok = (await load(port)) && (await chaos(port));
} finally {
  stop();
}
ok = (await cycles()) && ok;
process.exit(ok ? 0 : 1);

// Builds test programs once per test run and runs them under a runtime with
// stdout read line by line, so a test can wait for "PORT 1234" and then
// connect a Node peer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { once } from "node:events";
import { buildComponent } from "../../tools/build.js";
import { spawnComponent } from "../../tools/runtimes.js";

const BUILD_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "asps-test-"));
const built = new Map();

/** Builds `entry` in `style` once; returns the component path. */
export function component(entry, style, extra = {}) {
  const key = JSON.stringify([entry, style, extra]);
  if (!built.has(key)) {
    const out = path.join(BUILD_DIR, `${path.basename(entry, ".ts")}-${style}-${built.size}.wasm`);
    built.set(key, buildComponent({ entry, out, style, ...extra }).then(() => out));
  }
  return built.get(key);
}

/**
 * Starts a component; `lines()` yields its stdout lines, `waitFor(re)`
 * resolves with the first match, `exit` resolves with {code, stdout, stderr}.
 */
export function start(runtime, componentPath, args = [], { timeoutMs = 60_000 } = {}) {
  const child = spawnComponent(runtime, componentPath, args, { stdio: ["ignore", "pipe", "pipe"], group: true });
  let stdout = "", stderr = "";
  const waiters = [];
  child.stdout.setEncoding("utf8").on("data", (s) => {
    stdout += s;
    for (const w of waiters.slice()) {
      const m = stdout.match(w.re);
      if (m) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
    }
  });
  child.stderr.setEncoding("utf8").on("data", (s) => { stderr += s; });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const exit = once(child, "exit").then(([code, signal]) => {
    clearTimeout(timer);
    for (const w of waiters) w.reject(new Error(`exited (${code ?? signal}) before printing ${w.re}\nstdout: ${stdout}\nstderr: ${stderr}`));
    return { code, signal, stdout, stderr };
  });
  return {
    child,
    exit,
    waitFor(re) {
      const m = stdout.match(re);
      if (m) return Promise.resolve(m);
      return new Promise((resolve, reject) => waiters.push({ re, resolve, reject }));
    },
    kill() { child.kill("SIGKILL"); },
  };
}

export const RUNTIMES_UNDER_TEST = ["wasmtime", "jco"];
export const STYLES_UNDER_TEST = ["p2", "shim"];

/** Connects to 127.0.0.1:`port`, sends `payload`, half-closes, resolves with everything echoed until EOF. */
export async function echoThrough(port, payload) {
  const sock = net.connect(port, "127.0.0.1");
  await once(sock, "connect");
  const chunks = [];
  sock.on("data", (c) => chunks.push(c));
  sock.end(payload);
  await once(sock, "close");
  return Buffer.concat(chunks);
}

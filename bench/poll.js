// Wall time per poll/epoll_wait round over 1, 100 and 1000 connections (one active) under wasmtime.
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { buildComponent } from "../tools/build.js";
import { commandFor } from "../tools/runtimes.js";

export async function measurePoll(runtime = "wasmtime") {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "asps-bench-")), "poll-bench.wasm");
  await buildComponent({ entry: "bench/poll-bench.ts", out, style: "p2" });
  const [cmd, ...args] = commandFor(runtime, out, []);
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) throw new Error(`poll bench failed under ${runtime}: ${r.stderr}`);
  return [...r.stdout.matchAll(/^(POLL|EPOLL) n=(\d+) ns=(\d+)$/gm)].map((m) => ({ call: m[1].toLowerCase(), n: Number(m[2]), microseconds: Number(m[3]) / 1000 }));
}

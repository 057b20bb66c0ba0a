#!/usr/bin/env node
// npm run conformance: builds tests/conformance/conformance.ts and runs it
// under wasmtime and jco; prints every failure and "N passed, N failed" per
// runtime; exits 1 if anything failed.
import path from "node:path";
import os from "node:os";
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { buildComponent } from "../../tools/build.js";
import { commandFor } from "../../tools/runtimes.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** { runtime, passed, failed, failures[] } per runtime. */
export async function runConformance(runtimes = ["wasmtime", "jco"]) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "asps-conformance-")), "conformance.wasm");
  await buildComponent({ entry: path.join(HERE, "conformance.ts"), out, style: "p2" });
  return runtimes.map((runtime) => {
    const [cmd, ...args] = commandFor(runtime, out, []);
    const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 120_000 });
    const summary = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout);
    const failures = r.stdout.split("\n").filter((l) => l.startsWith("FAIL"));
    if (!summary) failures.push(`no summary (exit ${r.status}): ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`);
    return { runtime, passed: summary ? Number(summary[1]) : 0, failed: summary ? Number(summary[2]) : 1, failures };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await runConformance();
  for (const r of results) {
    for (const f of r.failures) console.log(`${r.runtime}: ${f}`);
    console.log(`${r.runtime}: ${r.passed} passed, ${r.failed} failed`);
  }
  process.exit(results.every((r) => r.failed === 0) ? 0 : 1);
}

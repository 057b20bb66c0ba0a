#!/usr/bin/env node
// The differential suite: every case is a C function (c/, compiled with this
// machine's gcc and run natively: Linux's answers) and an AssemblyScript twin
// (as/, built with the package's own CLI and run under wasmtime and jco).
// Both print "name: answer" lines; this compares them name by name.
//
// An answer may differ from Linux's only where expect/*.json says so: "spec"
// entries cite the row of the POSIX-compatibility document that prescribes
// another answer (counted as passes), "defects" name a host defect that makes
// Linux's answer impossible on one runtime (listed apart, never passes); see
// expect/. An
// entry that no longer differs is stale and fails, so none can linger.
//
// A trap or a hang costs one case function: the program is restarted after it
// (--from), and every answer the function did not print fails.
//
// Usage: node tests/linux/run.js [--runtime wasmtime|jco]... [--only <case function>] [--record]
// (--record writes answers.txt, the names docs/compat/status.json may cite).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { commandFor } from "../../tools/runtimes.js";
import { startPeer } from "./peer.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const IDLE_MS = { native: 25_000, wasmtime: 25_000, jco: 40_000 };

/** Compiles the C half; returns the executable's path. */
export function buildNative(dir) {
  const exe = path.join(dir, "linux-cases");
  const sources = fs.readdirSync(path.join(HERE, "c")).filter((f) => f.endsWith(".c")).map((f) => path.join(HERE, "c", f));
  const r = spawnSync("gcc", ["-O1", "-Wall", "-Werror", "-o", exe, ...sources], { encoding: "utf8" });
  if (r.error) throw new Error(`gcc is needed for the differential suite: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`gcc failed:\n${r.stderr}`);
  return exe;
}

/** Builds the AssemblyScript half with the package's own CLI; returns the component's path. */
export function buildWasm(dir) {
  const out = path.join(dir, "linux-cases.wasm");
  const cli = path.join(ROOT, "bin", "as-posix-sockets.js");
  const r = spawnSync(process.execPath, [cli, "build", path.join(HERE, "as", "main.ts"), "-o", out], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`as-posix-sockets build failed:\n${r.stderr}${r.stdout}`);
  return out;
}

/** Every program runs with at most this many descriptors, so the limit case meets it soon (bash's ulimit: no tool needed). */
const DESCRIPTOR_LIMIT = 1024;

/** Runs argv once; resolves with its stdout lines, whether it ended with #end, and how it stopped. */
function runOnce(argv, idleMs) {
  return new Promise((resolve) => {
    const limited = ["bash", "-c", `ulimit -n ${DESCRIPTOR_LIMIT} && exec "$@"`, "limit", ...argv];
    const child = spawn(limited[0], limited.slice(1), { stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "", stderr = "", hung = false;
    let timer = null;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => { hung = true; try { process.kill(-child.pid, "SIGKILL"); } catch {} }, idleMs);
    };
    arm();
    child.stdout.setEncoding("utf8").on("data", (s) => { stdout += s; arm(); });
    child.stderr.setEncoding("utf8").on("data", (s) => { stderr += s; });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      // jco starts a second process: make sure nothing of the group is left.
      try { process.kill(-child.pid, "SIGKILL"); } catch {}
      resolve({ lines: stdout.split("\n").filter((l) => l.length > 0), hung, code, signal, stderr });
    });
  });
}

/**
 * Runs every case function, restarting after one that traps or hangs.
 * Returns { answers: Map<name, answer>, order: name[], incidents: [{case, kind, detail}], duplicates: name[] }.
 */
export async function collect(argvFor, idleMs, only, peerPort) {
  const answers = new Map();
  const order = [];
  const duplicates = [];
  const incidents = [];
  let from = 0;
  for (;;) {
    const run = await runOnce(argvFor(["--peer", String(peerPort), ...(only ? ["--only", only] : ["--from", String(from)])]), idleMs);
    let current = null, ended = false;
    for (const l of run.lines) {
      const marker = /^#(\d+) (\S+)$/.exec(l);
      if (marker) { current = { index: Number(marker[1]), name: marker[2] }; continue; }
      if (l === "#end") { ended = true; continue; }
      const m = /^([^:\s]+):(.*)$/.exec(l);
      if (!m) continue; // the runtime's own output
      if (answers.has(m[1])) duplicates.push(m[1]);
      else order.push(m[1]);
      answers.set(m[1], m[2].trim());
    }
    if (ended) break;
    const detail = run.hung ? `no output for ${idleMs / 1000} s` : `exit ${run.code ?? run.signal}: ${run.stderr.trim().split("\n").slice(-3).join(" | ")}`;
    incidents.push({ case: current ? current.name : "(start)", kind: run.hung ? "hang" : "trap", detail });
    if (!current || only) break;
    from = current.index + 1;
  }
  return { answers, order, incidents, duplicates };
}

/**
 * expect/*.json, one file per group, merged: { spec: { name: { expect, row } },
 * defects: { runtime: { name | prefix*: { host, defect, answer? } } } }.
 */
export function loadExpectations() {
  const all = { spec: {}, defects: {} };
  const dir = path.join(HERE, "expect");
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const e = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    for (const [name, v] of Object.entries(e.spec ?? {})) {
      if (all.spec[name]) throw new Error(`expect/${f}: ${name} is already expected elsewhere`);
      all.spec[name] = v;
    }
    for (const [runtime, table] of Object.entries(e.defects ?? {})) {
      all.defects[runtime] ??= {};
      for (const [name, v] of Object.entries(table)) {
        if (all.defects[runtime][name]) throw new Error(`expect/${f}: ${runtime} defect ${name} is already recorded elsewhere`);
        all.defects[runtime][name] = v;
      }
    }
  }
  return all;
}

function lookup(table, name) {
  if (!table) return null;
  if (table[name]) return table[name];
  for (const [key, value] of Object.entries(table)) if (key.endsWith("*") && name.startsWith(key.slice(0, -1))) return value;
  return null;
}

/**
 * Compares one runtime's answers with Linux's. Returns counts and the lines to
 * print: passes (bySpec of them through a cited row), failures and defects.
 */
export function compare(runtime, linux, guest, expectations) {
  const failures = [], defects = [], stale = [];
  let passed = 0, bySpec = 0;
  for (const name of linux.order) {
    const native = linux.answers.get(name);
    const spec = expectations.spec?.[name] ?? null;
    const expected = spec ? spec.expect : native;
    const actual = guest.answers.has(name) ? guest.answers.get(name) : null;
    const defect = lookup(expectations.defects?.[runtime], name);
    if (spec && spec.expect === native) stale.push(`${name}: spec entry says "${spec.expect}", which Linux answers itself`);
    if (actual === expected) {
      // A defect whose answer depends on the host's timing ("sometimes") may match in one run.
      if (defect && !defect.sometimes) stale.push(`${name}: ${runtime} defect "${defect.defect}" recorded, but the answer matches`);
      passed++;
      if (spec) bySpec++;
      continue;
    }
    const shown = actual === null ? "(no answer)" : `"${actual}"`;
    if (defect && (defect.answer === undefined || defect.answer === actual)) {
      defects.push(`${name}: ${shown}, Linux "${expected}" — ${defect.host}: ${defect.defect}`);
      continue;
    }
    failures.push(`${name}: ${shown}, expected "${expected}"${spec ? ` (spec: ${spec.row})` : ""}`);
  }
  for (const name of guest.order) if (!linux.answers.has(name)) failures.push(`${name}: answered only by the AssemblyScript twin ("${guest.answers.get(name)}")`);
  for (const name of [...linux.duplicates, ...guest.duplicates]) failures.push(`${name}: answered twice (names must be unique)`);
  for (const i of guest.incidents) failures.push(`${i.case}: ${i.kind} (${i.detail})`);
  for (const i of linux.incidents) failures.push(`${i.case}: the C twin ended badly: ${i.kind} (${i.detail})`);
  failures.push(...stale.map((s) => `stale expectation: ${s}`));
  return { runtime, passed, bySpec, failed: failures.length, failures, defects, cases: linux.order.length };
}

/** Builds both halves, runs Linux and each runtime, compares. */
export async function runDifferential({ runtimes = ["wasmtime", "jco"], only = null } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asps-linux-"));
  const exe = buildNative(dir);
  const wasm = buildWasm(dir);
  const expectations = loadExpectations();
  const peer = await startPeer();
  try {
    const linux = await collect((args) => [exe, ...args], IDLE_MS.native, only, peer.port);
    const results = [];
    for (const runtime of runtimes) {
      const guest = await collect((args) => commandFor(runtime, wasm, args), IDLE_MS[runtime], only, peer.port);
      results.push(compare(runtime, linux, guest, expectations));
    }
    return { cases: linux.order.length, names: [...linux.order].sort(), results };
  } finally {
    await peer.close();
  }
}

/** The answer names docs/compat/status.json may cite (written by --record, checked by tests/integration/linux.test.js). */
export const ANSWERS_FILE = path.join(HERE, "answers.txt");

export function recordedAnswers() {
  return fs.existsSync(ANSWERS_FILE) ? fs.readFileSync(ANSWERS_FILE, "utf8").split("\n").filter(Boolean) : [];
}

function parseArgs(argv) {
  const o = { runtimes: [], only: null, verbose: false, record: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runtime") o.runtimes.push(argv[++i]);
    else if (argv[i] === "--only") o.only = argv[++i];
    else if (argv[i] === "--verbose") o.verbose = true;
    else if (argv[i] === "--record") o.record = true;
  }
  if (o.runtimes.length === 0) o.runtimes = ["wasmtime", "jco"];
  return o;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const o = parseArgs(process.argv.slice(2));
  const { cases, names, results } = await runDifferential(o);
  if (o.record && !o.only) fs.writeFileSync(ANSWERS_FILE, names.join("\n") + "\n");
  console.log(`${cases} cases, each answered by Linux (gcc, this kernel) and by the library`);
  for (const r of results) {
    for (const f of r.failures) console.log(`${r.runtime}: FAIL ${f}`);
    for (const d of r.defects) console.log(`${r.runtime}: host defect ${d}`);
    console.log(`${r.runtime}: ${r.passed} passed, ${r.failed} failed (${r.bySpec} of the passes by a cited spec row; ${r.defects.length} host defects listed apart)`);
  }
  process.exit(results.every((r) => r.failed === 0) ? 0 : 1);
}

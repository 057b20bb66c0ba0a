// The CLI reports a failure as one line naming the step, never a stack dump,
// and the wasmtime the suite depends on is really there.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync, execFileSync } from "node:child_process";
import { PACKAGE_ROOT } from "../../tools/build.js";
import { wasmtimePath } from "../../tools/runtimes.js";

const CLI = path.join(PACKAGE_ROOT, "bin", "as-posix-sockets.js");

function cli(...args) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { code: r.status, stderr: r.stderr.trim(), lastLine: r.stderr.trim().split("\n").at(-1) };
}

function assertNoStack(stderr) {
  assert.doesNotMatch(stderr, /^\s+at .*:\d+:\d+\)?$/m, "no stack frames in the output");
}

test("a missing program fails at the options step in one line", () => {
  const r = cli("build", "does-not-exist.ts", "-o", "/tmp/x.wasm");
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "as-posix-sockets: options failed: no such program: does-not-exist.ts");
});

test("a type error fails at the compile step, diagnostics first, one summary line last", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asps-cli-"));
  const src = path.join(dir, "bad.ts");
  fs.writeFileSync(src, "export function main(): i32 { let x: i32 = \"text\"; return x; }\n");
  const r = cli("build", src, "-o", path.join(dir, "bad.wasm"));
  assert.equal(r.code, 1);
  assert.match(r.lastLine, /^as-posix-sockets: compile failed: .*TS2322/);
  assertNoStack(r.stderr);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a p2 program without main fails at the compile step in one line", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asps-cli-"));
  const src = path.join(dir, "nomain.ts");
  fs.writeFileSync(src, "export function start(): void {}\n");
  const r = cli("build", src, "-o", path.join(dir, "x.wasm"), "--style", "p2");
  assert.equal(r.code, 1);
  assert.match(r.lastLine, /^as-posix-sockets: compile failed: .*must export `function main/);
  assertNoStack(r.stderr);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("unknown runtime and style are rejected in one line", () => {
  assert.equal(cli("run", CLI, "--runtime", "wasmer").stderr, 'as-posix-sockets: options failed: unknown runtime "wasmer" (use wasmtime or jco)');
  assert.equal(cli("build", CLI, "-o", "/tmp/x.wasm", "--style", "wasi").stderr, 'as-posix-sockets: options failed: unknown style "wasi" (use shim or p2)');
});

test("wasmtime 49 is installed (the suite fails here, loudly, on a machine without it)", () => {
  const out = execFileSync(wasmtimePath(), ["--version"], { encoding: "utf8" });
  assert.match(out, /^wasmtime 49\./);
});

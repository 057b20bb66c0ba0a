// Every raw binding's core signature is what the canonical ABI gives its WIT
// function: tests/bindings/every-import.ts calls each one, and componentNew
// (wit-component) rejects any import whose signature differs from the WIT.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildComponent, PACKAGE_ROOT } from "../../tools/build.js";

const EVERY = path.join(PACKAGE_ROOT, "tests", "bindings", "every-import.ts");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "asps-bindings-"));

/** "module field" of every wasi:* @external declaration under assembly/wasi (preview1.ts serves the shim style only). */
function declaredImports() {
  const found = new Set();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(".ts")) {
        for (const m of fs.readFileSync(p, "utf8").matchAll(/@external\("(wasi:[^"]+)", "([^"]+)"\)/g)) found.add(`${m[1]} ${m[2]}`);
      }
    }
  };
  walk(path.join(PACKAGE_ROOT, "assembly", "wasi"));
  return found;
}

function coreImports(core) {
  return WebAssembly.Module.imports(new WebAssembly.Module(core)).map((i) => `${i.module} ${i.name}`);
}

const NEC = "wasi:sockets/network@0.2.0 network-error-code";

test("every binding is accepted by componentNew; network-error-code only when opted in", async () => {
  const declared = declaredImports();
  assert.ok(declared.size >= 90, `found ${declared.size} declarations`);

  const plain = await buildComponent({ entry: EVERY, out: path.join(tmp, "plain.wasm"), style: "p2", debug: true });
  const plainImports = coreImports(plain.core);
  assert.deepEqual(new Set(plainImports), new Set([...declared].filter((d) => d !== NEC)), "all but network-error-code imported");
  assert.equal(plainImports.length, declared.size - 1, "each imported once");

  const opted = await buildComponent({ entry: EVERY, out: path.join(tmp, "nec.wasm"), style: "p2", debug: true, networkErrorCode: true });
  assert.deepEqual(new Set(coreImports(opted.core)), declared);
});

test("a wrong core signature is rejected at the component step (the check above is real)", async () => {
  const bad = path.join(tmp, "bad.ts");
  fs.writeFileSync(bad, [
    "// @ts-ignore: decorator",
    '@external("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.start-bind")',
    "declare function start_bind_missing_address(self: u32, net: u32, ret: usize): void;",
    "export function main(): i32 { if (process.argv.length == 99) start_bind_missing_address(0, 0, 0); return 0; }",
  ].join("\n"));
  await assert.rejects(buildComponent({ entry: bad, out: path.join(tmp, "bad.wasm"), style: "p2", debug: true }),
    (e) => e.step === "component" && /start-bind/.test(e.message));
});

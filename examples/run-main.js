// `npm start`: builds the raw-binding echo program (tests/smoke/raw.ts) into a
// component and serves one echo client under wasmtime on 127.0.0.1.
// (The POSIX HTTP server takes its place once the POSIX layer lands.)
import path from "node:path";
import { buildComponent, PACKAGE_ROOT } from "../tools/build.js";
import { spawnComponent } from "../tools/runtimes.js";
import { StepError } from "../tools/step-error.js";

const entry = path.join(PACKAGE_ROOT, "tests", "smoke", "raw.ts");
const out = path.join(PACKAGE_ROOT, "build", "echo.wasm");

try {
  await buildComponent({ entry, out, style: "p2" });
  console.log(`built ${path.relative(PACKAGE_ROOT, out)}; running under wasmtime`);
  const child = spawnComponent("wasmtime", out, ["echo"], { stdio: ["inherit", "pipe", "inherit"] });
  child.stdout.setEncoding("utf8").on("data", (s) => {
    process.stdout.write(s.replace(/^PORT (\d+)$/m, "echo server listening on 127.0.0.1:$1 (one client; try: nc 127.0.0.1 $1)"));
  });
  child.on("exit", (code) => { process.exitCode = code ?? 1; });
} catch (e) {
  console.error(e instanceof StepError ? `as-posix-sockets: ${e.step} failed: ${e.message}` : String(e));
  process.exitCode = 1;
}

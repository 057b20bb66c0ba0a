// `npm start`: builds examples/http-server.ts into a component and serves it
// under wasmtime on http://127.0.0.1:8080/ until stopped (Ctrl-C).
import path from "node:path";
import { buildComponent, PACKAGE_ROOT } from "../tools/build.js";
import { spawnComponent } from "../tools/runtimes.js";
import { StepError } from "../tools/step-error.js";

const entry = path.join(PACKAGE_ROOT, "examples", "http-server.ts");
const PORT = process.env.PORT ?? "8080";
const out = path.join(PACKAGE_ROOT, "build", "http-server.wasm");

try {
  await buildComponent({ entry, out, style: "p2" });
  console.log(`built ${path.relative(PACKAGE_ROOT, out)}; running under wasmtime`);
  const child = spawnComponent("wasmtime", out, [PORT, "0"], { stdio: ["inherit", "pipe", "inherit"] });
  child.stdout.setEncoding("utf8").on("data", (s) => {
    process.stdout.write(s.replace(/^PORT (\d+)$/m, "serving http://127.0.0.1:$1/ (Ctrl-C stops it)"));
  });
  child.on("exit", (code) => { process.exitCode = code ?? 1; });
} catch (e) {
  console.error(e instanceof StepError ? `as-posix-sockets: ${e.step} failed: ${e.message}` : String(e));
  process.exitCode = 1;
}

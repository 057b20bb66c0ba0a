// Runs one asc compilation in its own process: asc keeps state between
// main() calls in a process (a shim build's library folder leaks into a
// later p2 build), so every build gets a fresh compiler.
// argv: <output path> <asc args as JSON>. Diagnostics go to stderr.
import fs from "node:fs";

const [out, argsJson] = process.argv.slice(2);
const { default: asc } = await import("assemblyscript/asc");
let binary = null;
const { error } = await asc.main(JSON.parse(argsJson), {
  writeFile(name, contents) { if (name.endsWith("core.wasm")) binary = contents; },
  stdout: { write() {} },
  stderr: process.stderr,
});
if (binary) fs.writeFileSync(out, binary);
process.exitCode = error || !binary ? 1 : 0;

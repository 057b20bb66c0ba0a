#!/usr/bin/env node
// as-posix-sockets build <program.ts> -o <out.wasm> [--style p2|shim] [--network-error-code] [--debug] [-- asc args]
// as-posix-sockets run <component.wasm> [--runtime wasmtime|jco] [-- program args]
import { buildComponent, STYLES } from "../tools/build.js";
import { spawnComponent, RUNTIMES } from "../tools/runtimes.js";
import { StepError } from "../tools/step-error.js";

const USAGE = `usage:
  as-posix-sockets build <program.ts> -o <out.wasm> [--style ${STYLES.join("|")}] [--network-error-code] [--debug] [-- <asc args>]
  as-posix-sockets run <component.wasm> [--runtime ${RUNTIMES.join("|")}] [-- <program args>]`;

function parse(argv) {
  const opts = { positional: [], rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new StepError("options", `${a} needs a value`);
      return argv[++i];
    };
    if (a === "--") { opts.rest = argv.slice(i + 1); break; }
    else if (a === "-o" || a === "--out") opts.out = value();
    else if (a === "--style") opts.style = value();
    else if (a === "--runtime") opts.runtime = value();
    else if (a === "--network-error-code") opts.networkErrorCode = true;
    else if (a === "--debug") opts.debug = true;
    else if (a === "-h" || a === "--help") opts.help = true;
    else if (a.startsWith("-")) throw new StepError("options", `unknown option ${a}`);
    else opts.positional.push(a);
  }
  return opts;
}

async function main(argv) {
  const [command, ...tail] = argv;
  const opts = parse(tail);
  if (!command || opts.help || command === "help") { console.log(USAGE); return 0; }
  if (command === "build") {
    if (opts.positional.length !== 1 || !opts.out) throw new StepError("options", "build takes one program and -o <out.wasm>");
    await buildComponent({ entry: opts.positional[0], out: opts.out, style: opts.style, networkErrorCode: opts.networkErrorCode, debug: opts.debug, ascArgs: opts.rest });
    return 0;
  }
  if (command === "run") {
    if (opts.positional.length !== 1) throw new StepError("options", "run takes one component");
    const child = spawnComponent(opts.runtime ?? "wasmtime", opts.positional[0], opts.rest);
    return await new Promise((resolve) => {
      child.on("error", (e) => { report(new StepError("run", e.message)); resolve(1); });
      child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
  }
  throw new StepError("options", `unknown command "${command}"\n${USAGE}`);
}

function report(e) {
  if (e instanceof StepError) {
    if (e.details) console.error(e.details);
    console.error(`as-posix-sockets: ${e.step} failed: ${e.message}`);
  } else {
    console.error(`as-posix-sockets: internal error: ${String(e?.message ?? e).split("\n")[0]}`);
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { report(e); process.exitCode = 1; });

// Builds an AssemblyScript program into a WASI Preview 2 component.
//
// Steps: compile (asc) → embed (the world's component-type section) → new
// (wrap the core module into a component). Two program styles:
//   - "shim": the program uses @assemblyscript/wasi-shim (WASI preview1 for
//     console, process, abort); the preview1 command adapter is added.
//   - "p2":   a pure Preview 2 command: the program exports `main`, the
//     library's runtime (assembly/runtime/p2) supplies abort, trace, console
//     and process on wasi:cli, and the tools/transform-cli-run.js transform
//     exports `wasi:cli/run`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { composeWit } from "./wit.js";
import { StepError } from "./step-error.js";

const require = createRequire(import.meta.url);
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const STYLES = ["shim", "p2"];

const P2_GLOBALS = ["abort=asps_abort", "trace=asps_trace", "console=asps_console", "process=asps_process"];

/**
 * @param {object} o
 * @param {string} o.entry        the program's .ts file
 * @param {string} o.out          the component to write
 * @param {"shim"|"p2"} [o.style]
 * @param {boolean} [o.networkErrorCode] import wasi:sockets/network.network-error-code
 * @param {boolean} [o.debug]     keep names and skip optimisation
 * @param {string[]} [o.ascArgs]  extra asc arguments
 * @param {(s: string) => void} [o.log]
 * @returns {Promise<{core: Uint8Array, component: Uint8Array}>}
 */
export async function buildComponent(o) {
  const style = o.style ?? "p2";
  if (!STYLES.includes(style)) throw new StepError("options", `unknown style "${style}" (use ${STYLES.join(" or ")})`);
  if (!fs.existsSync(o.entry)) throw new StepError("options", `no such program: ${o.entry}`);
  const core = await compile(o, style);
  const embedded = await embed(core, style, !!o.networkErrorCode);
  const component = await wrap(embedded, style);
  fs.mkdirSync(path.dirname(path.resolve(o.out)), { recursive: true });
  fs.writeFileSync(o.out, component);
  return { core, component };
}

async function compile(o, style) {
  const runtimeDir = path.join(PACKAGE_ROOT, "assembly", "runtime");
  const args = [
    o.entry,
    path.join(runtimeDir, "exports.ts"),
    "--outFile", "core.wasm",
    "--path", selfResolutionRoot(),
    ...(o.debug ? ["--debug"] : ["-O3"]),
  ];
  args.push("--transform", path.join(PACKAGE_ROOT, "tools", "transform-cli-run.js"));
  if (style === "shim") {
    args.push("--config", ascPath(require.resolve("@assemblyscript/wasi-shim/asconfig.json")));
  } else {
    // Files in a --lib folder import the library by package name: their
    // relative imports would resolve under ~lib/.
    args.push("--lib", ascPath(path.join(runtimeDir, "p2")), "--exportStart", "__asps_start");
    for (const g of P2_GLOBALS) args.push("--use", g);
  }
  if (o.networkErrorCode) args.push("--use", "ASPS_NETWORK_ERROR_CODE=1");
  args.push(...(o.ascArgs ?? []));

  const { binary, stderr } = await runWorker(args);
  if (!binary) {
    // A transform that throws makes asc print a stack trace: keep the message only.
    const diagnostics = stderr.split("\n").filter((l) => !/^\s+at\s/.test(l)).join("\n").trim();
    throw new StepError("compile", firstDiagnostic(diagnostics) ?? "asc produced no output", diagnostics);
  }
  return binary;
}

// asc silently loads no library folder given by an absolute path (a --lib,
// or the "lib" of a --config file), so those paths are made relative.
function ascPath(p) {
  return path.relative(process.cwd(), p) || ".";
}

// asc resolves `import … from "as-posix-sockets"` through node_modules-like
// roots. Inside this repository (examples, tests) the package is not in
// node_modules, so a temporary root holding a link to it stands in.
let selfRoot = null;
function selfResolutionRoot() {
  if (selfRoot) return selfRoot;
  selfRoot = fs.mkdtempSync(path.join(os.tmpdir(), "asps-path-"));
  fs.symlinkSync(PACKAGE_ROOT, path.join(selfRoot, "as-posix-sockets"), "dir");
  process.once("exit", () => fs.rmSync(selfRoot, { recursive: true, force: true }));
  return selfRoot;
}

/** Runs asc in a child process (tools/asc-worker.js); resolves with the core module (null on failure) and stderr. */
function runWorker(args) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asps-core-"));
  const out = path.join(dir, "core.wasm");
  const worker = path.join(PACKAGE_ROOT, "tools", "asc-worker.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, out, JSON.stringify(args)], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (s) => { stderr += s; });
    child.on("error", (e) => reject(new StepError("compile", e.message)));
    child.on("exit", (code) => {
      const binary = code === 0 && fs.existsSync(out) ? fs.readFileSync(out) : null;
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ binary, stderr });
    });
  });
}

function firstDiagnostic(text) {
  const line = text.split("\n").find((l) => /ERROR|FAILURE|error/.test(l));
  return line?.replace(/\x1b\[[0-9;]*m/g, "").trim();
}

async function embed(core, style, networkErrorCode) {
  const { componentEmbed } = await import("@bytecodealliance/jco-transpile/wasm-tools");
  try {
    return await componentEmbed({
      binary: core,
      witSource: composeWit(),
      world: style === "p2" ? "command" : "sockets",
      stringEncoding: "utf8",
      features: networkErrorCode ? { tag: "list", val: ["network-error-code"] } : { tag: "list", val: [] },
    });
  } catch (e) {
    throw new StepError("embed", messageOf(e));
  }
}

async function wrap(embedded, style) {
  const { componentNew } = await import("@bytecodealliance/jco-transpile/wasm-tools");
  const adapters = [];
  if (style === "shim") {
    adapters.push(["wasi_snapshot_preview1", fs.readFileSync(jcoFile("lib/wasi_snapshot_preview1.command.wasm"))]);
  }
  try {
    return await componentNew(embedded, adapters);
  } catch (e) {
    throw new StepError("component", messageOf(e));
  }
}

/** A file inside the installed jco package (its "exports" hide them from require.resolve). */
export function jcoFile(rel) {
  for (const base of require.resolve.paths("@bytecodealliance/jco") ?? []) {
    const file = path.join(base, "@bytecodealliance", "jco", rel);
    if (fs.existsSync(file)) return file;
  }
  throw new StepError("setup", `@bytecodealliance/jco is not installed (looked for ${rel})`);
}

function messageOf(e) {
  const raw = typeof e === "string" ? e : (e?.payload ?? e?.message ?? String(e));
  return String(raw).replace(/\s+/g, " ").trim();
}

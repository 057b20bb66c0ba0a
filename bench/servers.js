// Servers the benchmarks measure: a component (examples that print "PORT n")
// under a runtime, or a Node script in its own process, so neither shares the
// client's event loop.
import { spawn } from "node:child_process";
import { spawnComponent } from "../tools/runtimes.js";

/** The port a server prints as "PORT n". */
export function portOf(child, name) {
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (s) => {
      out += s;
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`${name} exited (${code}) before printing its port`)));
  });
}

/** `component` under `runtime` with args "0 0" (any port, serve until stopped): { port, stop }. */
export async function componentServer(runtime, component) {
  const child = spawnComponent(runtime, component, ["0", "0"], { stdio: ["ignore", "pipe", "inherit"], group: true });
  return { port: await portOf(child, runtime), stop: () => child.kill("SIGKILL") };
}

/** A Node server `script` (CommonJS, printing "PORT n") in its own process: { port, stop }. */
export async function nodeServer(script) {
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  return { port: await portOf(child, "node"), stop: () => child.kill("SIGKILL") };
}

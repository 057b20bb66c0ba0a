#!/usr/bin/env node
// npm run bench: prints figures, asserts nothing.
//   BENCH_MIB (default 32): echo payload size; BENCH_RUNS (default 3): best of.
import { measureEcho } from "./echo.js";
import { measureHostCalls } from "./host-calls.js";
import { measureUdp } from "./udp.js";
import { measurePoll } from "./poll.js";

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => "| " + cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ") + " |";
  return [line(headers), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...rows.map(line)].join("\n");
}

const sizeMiB = Number(process.env.BENCH_MIB ?? 32);
const runs = Number(process.env.BENCH_RUNS ?? 3);

const echo = await measureEcho({ sizeMiB, runs });
const native = echo.rows[0].mibPerSecond;
console.log(`\nTCP echo throughput: ${echo.sizeMiB} MiB through 127.0.0.1, best of ${echo.runs}\n`);
const rawOf = (server) => echo.rows.find((r) => r.server === server.replace("echo-server.ts (POSIX)", "raw-binding echo"));
console.log(table(["server", "MiB/s", "vs native", "vs raw bindings"], echo.rows.map((r) => {
  const raw = r.server.includes("POSIX") ? rawOf(r.server) : null;
  return [r.server, r.mibPerSecond.toFixed(1), `${((r.mibPerSecond / native) * 100).toFixed(0)}%`, raw ? `${((r.mibPerSecond / raw.mibPerSecond) * 100).toFixed(0)}%` : ""];
})));
console.log(`\nOptimized component size: echo-server.ts ${(echo.size / 1024).toFixed(1)} KiB, the raw-binding echo ${(echo.rawSize / 1024).toFixed(1)} KiB: the POSIX layer's share is ${((echo.size - echo.rawSize) / 1024).toFixed(1)} KiB.`);

const udp = await measureUdp();
const nativeUdp = udp.rows[0].perSecond;
console.log(`\nUDP echo rate: ${udp.count} datagrams of ${udp.size} bytes, ${udp.window} in flight\n`);
console.log(table(["server", "datagrams/s", "vs native"], udp.rows.map((r) => [r.server, r.perSecond.toFixed(0), `${((r.perSecond / nativeUdp) * 100).toFixed(0)}%`])));

const polls = await measurePoll("wasmtime");
console.log("\nReadiness: one round = the active client sends a byte, the call finds it, recv takes it (wasmtime)\n");
console.log(table(["call", "connections", "µs per round"], polls.map((r) => [r.call, r.n, r.microseconds.toFixed(1)])));

const calls = await measureHostCalls();
console.log("\nHost calls per POSIX operation (counted by the fake host, steady state)\n");
console.log(table(["operation", "host calls", "imports called"], calls.map((r) => [r.op, r.calls, r.imports || "none"])));
console.log();

// Host calls per POSIX operation (bench/host-calls.ts against the fake host).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { FakeHost } from "../tests/fake-host/host.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function compile() {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "asps-bench-")), "host-calls.wasm");
  const asc = path.join(ROOT, "node_modules/assemblyscript/bin/asc.js");
  const r = spawnSync(process.execPath, [asc, "bench/host-calls.ts", "--outFile", out, "-O3", "--exportRuntime"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`asc failed:\n${r.stderr}`);
  return fs.readFileSync(out);
}

/** [{ op, calls, imports }] for each measured operation. */
export async function measureHostCalls() {
  const binary = compile();
  const host = new FakeHost();
  const env = { abort() { throw new Error("abort in bench/host-calls.ts"); }, seed: () => 1 };
  const { instance } = await WebAssembly.instantiate(binary, host.importsFor(binary, { env }));
  host.attach(instance.exports);
  const x = instance.exports;
  const listener = x.prepare();

  const rows = [];
  const measure = (op, run, note = "") => {
    host.resetCalls();
    const result = run();
    const imports = [...host.callCounts.entries()].map(([k, v]) => (v > 1 ? `${v}× ${k}` : k)).join(", ");
    rows.push({ op, calls: host.totalCalls(), imports, note, result });
    return result;
  };

  measure("socket", () => x.opSocket(), "create + descriptor");
  const fd = rows.at(-1).result;
  measure("connect (blocking, ready at once)", () => x.opConnect(fd));
  measure("close (connected)", () => x.opClose(fd), "drops streams, then socket");
  host.queueConnection(listener);
  measure("accept (connection waiting)", () => x.opAccept());
  measure("send 1 KiB (budget available)", () => Number(x.opSend(1024)));
  measure("send 256 KiB (budget 64 KiB per check)", () => Number(x.opSend(256 * 1024)));
  host.deliver(x.clientInput(), new Uint8Array(1024));
  measure("recv (data waiting)", () => Number(x.opRecv(65536)));
  measure("recv MSG_DONTWAIT (nothing waiting)", () => Number(x.opRecvWouldBlock()));
  x.opGetsockname();
  measure("getsockname (cached)", () => x.opGetsockname());

  const udp = x.prepareUdp();
  measure("UDP sendto (budget available)", () => Number(x.opSendto()));
  host.queueDatagram(udp, new Uint8Array(100));
  measure("UDP recvfrom (datagram waiting)", () => Number(x.opRecvfrom()));
  measure("UDP sendmmsg of 64 (budget 64)", () => x.opSendmmsg());
  for (let i = 0; i < 64; i++) host.queueDatagram(udp, new Uint8Array(100));
  measure("UDP recvmmsg of 64 waiting (MSG_WAITFORONE)", () => x.opRecvmmsg(), "the second receive finds none");
  for (const n of [1, 100, 1000]) {
    for (let i = 0; i < n; i++) host.queueConnection(listener);
    x.preparePoll(n);
    host.deliver(x.inputOfPolled(0), new Uint8Array(1));
    x.opPoll(n); // first call: every pollable is made once
    x.drainPolled(0);
    host.deliver(x.inputOfPolled(n - 1), new Uint8Array(1));
    measure(`poll over ${n} connections, one active`, () => x.opPoll(n), "one host poll + one read to confirm");
    x.drainPolled(n - 1);
    x.closePolled();
  }
  return rows;
}

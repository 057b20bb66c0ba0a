// The packed package, installed into a consumer's node_modules, resolves the
// way the README promises: "as-posix-sockets" → index.ts and
// "as-posix-sockets/include/sys/socket" → include/sys/socket.ts, with no
// help from ascMain or --path.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { PACKAGE_ROOT } from "../../tools/build.js";

const ASC = path.join(PACKAGE_ROOT, "node_modules", "assemblyscript", "bin", "asc.js");

// Inside `npm test`, PATH starts with node_modules/.bin, where an old npm 6
// (a dependency of as-pect's glob-promise) shadows the real one: use the npm
// that launched us.
function npm(args, options) {
  const cli = process.env.npm_execpath;
  return cli ? execFileSync(process.execPath, [cli, ...args], options) : execFileSync("npm", args, options);
}

function packInto(dir) {
  const out = npm(["pack", "--json", "--pack-destination", dir], { cwd: PACKAGE_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const [{ filename, files }] = JSON.parse(out);
  const installed = path.join(dir, "consumer", "node_modules", "as-posix-sockets");
  fs.mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", path.join(dir, filename), "-C", installed, "--strip-components=1"]);
  return { installed, files: files.map((f) => f.path) };
}

test("packed package resolves from a consumer's node_modules", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asps-consumer-"));
  try {
    const { files } = packInto(dir);
    assert.ok(files.includes("index.ts"), "index.ts is packed");
    assert.ok(files.includes("include/sys/socket.ts"), "include/ is packed");
    assert.ok(!files.some((f) => f.startsWith("tests/") || f.startsWith(".tools/")), "tests and tools stay out of the package");
    const consumer = path.join(dir, "consumer");
    fs.writeFileSync(path.join(consumer, "app.ts"), [
      'import { AF_INET6, ECONNRESET, sockaddr_in6 } from "as-posix-sockets";',
      'import { SOCK_STREAM, msghdr } from "as-posix-sockets/include/sys/socket";',
      "export function probe(): i32 {",
      "  return AF_INET6 * 1000000 + SOCK_STREAM * 100000 + ECONNRESET * 1000 + <i32>offsetof<sockaddr_in6>() + <i32>offsetof<msghdr>() * 100;",
      "}",
    ].join("\n"));
    execFileSync(process.execPath, [ASC, "app.ts", "-o", "app.wasm", "--runtime", "stub"], { cwd: consumer, stdio: "pipe" });
    const abort = () => { throw new Error("abort"); };
    const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(path.join(consumer, "app.wasm"))), { env: { abort } });
    // AF_INET6 2, SOCK_STREAM 6, ECONNRESET 15, sizeof(sockaddr_in6) 32, sizeof(msghdr) 28
    assert.equal(instance.exports.probe(), 2 * 1000000 + 6 * 100000 + 15 * 1000 + 32 + 28 * 100);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Assembles the WIT source the build embeds: this project's worlds
// (wit/worlds.wit) followed by the WASI packages they use, taken from the
// pinned jco package and re-versioned from its shipped 0.2.x to 0.2.0.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const WORLDS_FILE = path.join(here, "..", "wit", "worlds.wit");
const SHIPPED_VERSION = "0.2.12";
const TARGET_VERSION = "0.2.0";
const PACKAGES = ["wasi-io", "wasi-clocks", "wasi-sockets", "wasi-cli", "wasi-filesystem", "wasi-random"];

function jcoWitDir() {
  // jco's "exports" hides package.json, so walk up the node_modules chain.
  const require = createRequire(import.meta.url);
  for (const base of require.resolve.paths("@bytecodealliance/jco") ?? []) {
    const dir = path.join(base, "@bytecodealliance", "jco", "lib", "wit", "builtin", SHIPPED_VERSION);
    if (fs.existsSync(dir)) return dir;
  }
  throw new Error(`@bytecodealliance/jco with WIT ${SHIPPED_VERSION} is not installed`);
}

/** One shipped package file turned into a nested `package … { … }` block. */
function nestedPackage(dir, name) {
  const text = fs.readFileSync(path.join(dir, name, "package.wit"), "utf8")
    .replaceAll(`@${SHIPPED_VERSION}`, `@${TARGET_VERSION}`);
  const header = /^package ([^;]+);/m;
  if (!header.test(text)) throw new Error(`${name}: no package header in shipped WIT`);
  return text.replace(header, "package $1 {") + "\n}\n";
}

/** The whole WIT source: our worlds first (the root package), then the deps. */
export function composeWit() {
  const dir = jcoWitDir();
  return [fs.readFileSync(WORLDS_FILE, "utf8"), ...PACKAGES.map((p) => nestedPackage(dir, p))].join("\n");
}

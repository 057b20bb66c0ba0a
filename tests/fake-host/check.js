// Checks the fake host against the WIT it stands in for: every function and
// resource drop of every modelled interface is defined, with the core
// parameter count the canonical ABI gives it, the result payload offset where
// scripted failures are written, and the right error kind (error-code or
// stream-error); and the fake defines nothing the WIT lacks.
//
//   node tests/fake-host/check.js        prints a summary, exits 1 on a mismatch
//
// as-pect.config.js runs verifyFakeHost() once before any spec.
import { FakeHost, INTERFACES } from "./host.js";
import { loweredImports } from "./wit.js";

/** Problems found (empty when the fake matches the WIT), and how many imports were compared. */
export function verifyFakeHost(host = new FakeHost()) {
  const mods = host.imports();
  const expected = loweredImports(INTERFACES, { version: host.options.version });
  const problems = [];
  const seen = new Set();
  for (const e of expected) {
    seen.add(`${e.module} ${e.field}`);
    const d = host.defs.get(e.field);
    if (!mods[e.module]?.[e.field] || !d || d.module !== e.module) {
      problems.push(`missing: ${e.module} ${e.field}`);
      continue;
    }
    if (d.arity !== e.params.length) problems.push(`${e.field}: takes ${d.arity} core parameters, the ABI passes ${e.params.length} (${e.params.join(", ")})`);
    if (e.errorOffset !== d.failAt) problems.push(`${e.field}: scripted failures written at ${d.failAt}, the result payload is at ${e.errorOffset}`);
    const kind = e.errorType === "stream-error" ? "stream-error" : e.errorType ? "error-code" : null;
    if (kind !== d.errKind) problems.push(`${e.field}: error kind ${d.errKind}, the WIT says ${kind}`);
  }
  for (const [module, fields] of Object.entries(mods)) {
    if (module === "fake-host") continue;
    for (const field of Object.keys(fields)) if (!seen.has(`${module} ${field}`)) problems.push(`not in the WIT: ${module} ${field}`);
  }
  return { problems, compared: expected.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { problems, compared } = verifyFakeHost();
  for (const p of problems) console.error(p);
  console.log(`fake host vs WIT: ${compared} lowered imports compared, ${problems.length} problem(s)`);
  process.exit(problems.length ? 1 : 0);
}

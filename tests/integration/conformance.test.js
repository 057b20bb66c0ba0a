// The conformance suite (tests/conformance/) as part of npm test: every case
// passes under both runtimes. `npm run conformance` prints the same summary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runConformance } from "../conformance/run.js";

test("conformance: every case passes under wasmtime and jco", async (t) => {
  const results = await runConformance();
  for (const r of results) t.diagnostic(`${r.runtime}: ${r.passed} passed, ${r.failed} failed`);
  for (const r of results) {
    assert.ok(r.passed >= 60, `${r.runtime} ran the whole suite (${r.passed} passed)`);
    assert.deepEqual(r.failures, [], r.runtime);
  }
});

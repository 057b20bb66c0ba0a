// The differential suite (tests/linux): every case answered by Linux (a C
// program run natively) and by the library under wasmtime and jco. Under
// both runtimes every answer must match Linux's or carry an expectation
// (a cited spec row, or a named host defect listed apart).
import test from "node:test";
import assert from "node:assert/strict";
import { runDifferential, recordedAnswers } from "../linux/run.js";

test("differential suite: the library answers as Linux under wasmtime and jco", { timeout: 600_000 }, async () => {
  const { cases, names, results } = await runDifferential();
  for (const r of results) {
    for (const d of r.defects) console.log(`${r.runtime}: host defect ${d}`);
    console.log(`${r.runtime}: ${r.passed} passed, ${r.failed} failed (${r.bySpec} by a cited spec row; ${r.defects.length} host defects listed apart)`);
  }
  assert.ok(cases >= 300, `only ${cases} cases`);
  for (const r of results) assert.deepEqual(r.failures, [], `${r.runtime}: ${r.failed} answers differ from Linux`);
  assert.deepEqual(names, recordedAnswers(), "tests/linux/answers.txt lists the answers docs/compat/status.json may cite: run `node tests/linux/run.js --record`");
});

// docs/compatibility.md is generated from docs/compat/*.json; every claimed
// test must exist, every claim must match an item of the specification, and
// the document must be what the table generates.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { check, problemsOf, testExists } from "../../tools/compat.js";

const items = JSON.parse(readFileSync(new URL("../../docs/compat/spec-items.json", import.meta.url), "utf8"));

test("the compatibility table, its tests and docs/compatibility.md agree", () => {
  assert.deepEqual(check(), []);
});

test("the check catches a missing test, an unproven claim and an unknown item", () => {
  const status = {
    defaults: {},
    items: {
      listen: { status: "works", tests: ["tests/unit/tcp.spec.ts › a test nobody wrote"] },
      accept: { status: "works" },
      "SO_MADE_UP": { status: "planned", issue: 5 },
    },
  };
  const problems = problemsOf(items, status);
  assert.equal(problems.length, 3, problems.join("\n"));
  assert.match(problems.join("\n"), /does not exist: tests\/unit\/tcp.spec.ts › a test nobody wrote/);
  assert.match(problems.join("\n"), /"accept" is "works" but names no test/);
  assert.match(problems.join("\n"), /SO_MADE_UP/);
});

test("a test reference must be a declared test, not any text in the file", () => {
  assert.equal(testExists("tests/unit/tcp.spec.ts", "hands out the lowest free descriptor and reuses closed ones"), true);
  assert.equal(testExists("tests/unit/tcp.spec.ts", "socket and descriptors"), false, "a describe is not a test");
  assert.equal(testExists("tests/unit/tcp.spec.ts", "fake_reset"), false);
});

test("a claim to answer as Linux must cite differential answers, and every cited answer must exist", () => {
  const answers = ["tcp.listen.unbound", "tcp.listen.twice"];
  const real = "tests/unit/tcp.spec.ts › hands out the lowest free descriptor and reuses closed ones";
  const status = {
    defaults: {},
    items: {
      listen: { status: "works", note: "binds implicitly, as Linux", tests: [real] },
      accept: { status: "works", note: "Linux's errnos", tests: [real], linux: ["tcp.accept.*"] },
      bind: { status: "works", note: "as Linux", tests: [real], linux: ["tcp.listen.*", "tcp.listen.twice"] },
    },
  };
  const problems = problemsOf(items, status, answers);
  assert.equal(problems.length, 2, problems.join("\n"));
  assert.match(problems.join("\n"), /"listen" says it answers as Linux but cites no differential case/);
  assert.match(problems.join("\n"), /"accept" cites differential answers that do not exist: tcp.accept.\*/);
});

#!/usr/bin/env node
// The compatibility table: docs/compatibility.md is generated from two
// machine-readable files and checked against the tests it names.
//
//   docs/compat/spec-items.json  every item of the WASI sockets POSIX-compatibility
//                                document (general rules, functions, flags, options),
//                                extracted from the document by `extract`;
//   docs/compat/status.json      this library's claim for an item, with the tests
//                                that prove it.
//
// An item without a claim is rendered with its section's default (not yet done,
// with the issue that plans it). A claim that works, emulates or refuses must
// name at least one test, and every named test must exist in the file it names.
// A claim's `linux` list names answers of the differential suite (tests/linux:
// the same case run as C on Linux and on the library), exactly or by a prefix
// ending in `*`; a claim whose words say it answers as Linux must have one.
//
//   node tools/compat.js                 regenerate docs/compatibility.md
//   node tools/compat.js check           exit 1 listing every problem
//   node tools/compat.js extract <spec>  rewrite spec-items.json from the document
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ITEMS = join(ROOT, "docs/compat/spec-items.json");
const STATUS = join(ROOT, "docs/compat/status.json");
const DOC = join(ROOT, "docs/compatibility.md");
const ANSWERS = join(ROOT, "tests/linux/answers.txt");

/** The differential suite's answer names (tests/linux/answers.txt, checked against each run by tests/integration/linux.test.js). */
export function linuxAnswers() {
  return existsSync(ANSWERS) ? readFileSync(ANSWERS, "utf8").split("\n").filter(Boolean) : [];
}

/** The answers a claim's `linux` reference names: one answer, or every answer under a prefix ending in `*`. */
export function answersFor(ref, answers) {
  return ref.endsWith("*") ? answers.filter((a) => a.startsWith(ref.slice(0, -1))) : answers.filter((a) => a === ref);
}

/** A claim that says it answers as Linux does must cite differential cases that compare it with Linux. */
const CLAIMS_LINUX = /\bas Linux\b|\bLinux's\b|\(Linux\)/;

/** Status words and what they mean in the document; `proven` ones must name tests. */
export const STATUSES = {
  works: { label: "✔ works", proven: true },
  emulated: { label: "✔ emulated in the guest", proven: true },
  partial: { label: "◐ partly", proven: true },
  refused: { label: "✖ refused with errno", proven: true },
  compat: { label: "◇ ENOPROTOOPT; kept without effect in compatibility mode", proven: true },
  planned: { label: "… planned", proven: false },
  "out-of-scope": { label: "— out of scope", proven: false },
};

// ---- extraction from the specification --------------------------------------------

/** The document's items: general rules by anchor, functions by name, flag/control bullets, options by name. */
export function extractItems(markdown) {
  const items = [];
  let section = null;
  let heading = null;
  for (const line of markdown.split("\n")) {
    const h2 = /^## (.+)/.exec(line);
    if (h2) { section = h2[1].trim(); continue; }
    const h3 = /^### (.+)/.exec(line);
    if (h3) {
      heading = h3[1];
      if (section === "General") {
        const anchor = /<a name="([^"]+)">/.exec(heading)[1];
        items.push({ section: "general", key: anchor, title: heading.replace(/<a .*$/, "").trim() });
      } else if (section === "Functions") {
        for (const m of heading.matchAll(/`([a-z_0-9]+)`/g)) items.push({ section: "functions", key: m[1] });
      }
      continue;
    }
    if (section === "Functions" && heading) {
      const bullet = /^- (`[^:]+?)(?::|$)/.exec(line);
      if (bullet) {
        const parent = /`([a-z_0-9]+)`/.exec(heading)[1];
        const family = parent === "read" ? "recv flags" : parent === "write" ? "send flags" : parent;
        items.push({ section: "controls", key: `${family} › ${bullet[1].replace(/`/g, "").trim()}` });
      }
    }
    if (section === "Socket options") {
      const row = /^\| (✅|⚠️|⛔|❔) \| ([^|]+?)\s*\|/.exec(line);
      if (row) items.push({ section: "options", key: row[2].split("<br/>")[0].trim(), mark: row[1] });
    }
  }
  return items;
}

// ---- checks -------------------------------------------------------------------------

/** Whether `file` declares a test (it/test/todo) titled exactly `title` (template parts allowed verbatim). */
export function testExists(file, title) {
  const path = join(ROOT, file);
  if (!existsSync(path)) return false;
  const source = readFileSync(path, "utf8");
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`\\b(it|test|todo|xit)\\(\\s*["'\`]${escaped}["'\`]`).test(source);
}

/** Every problem with the two files and the generated document; empty when all is true. */
export function check() {
  const items = JSON.parse(readFileSync(ITEMS, "utf8"));
  const status = JSON.parse(readFileSync(STATUS, "utf8"));
  const problems = problemsOf(items, status);
  const spec = join(ROOT, "../shared/spec/posix-compatibility.md");
  if (existsSync(spec)) {
    const fresh = JSON.stringify(extractItems(readFileSync(spec, "utf8")));
    if (fresh !== JSON.stringify(items)) problems.push("spec-items.json differs from the specification: run `node tools/compat.js extract`");
  }
  if (!existsSync(DOC) || readFileSync(DOC, "utf8") !== render(items, status)) {
    problems.push("docs/compatibility.md is not what the table generates: run `node tools/compat.js`");
  }
  return problems;
}

/** The problems of a claim table against the item list and the test files. */
export function problemsOf(items, status, answers = linuxAnswers()) {
  const problems = [];
  const keys = new Set(items.map((i) => i.key));
  for (const [key, claim] of Object.entries(status.items)) {
    if (!keys.has(key)) problems.push(`status.json claims "${key}", which the specification does not list`);
    const kind = STATUSES[claim.status];
    if (!kind) { problems.push(`"${key}": unknown status "${claim.status}"`); continue; }
    const tests = claim.tests ?? [];
    if (kind.proven && tests.length === 0) problems.push(`"${key}" is "${claim.status}" but names no test`);
    for (const ref of tests) {
      const [file, title] = ref.split(" › ");
      if (!title || !testExists(file, title)) problems.push(`"${key}" names a test that does not exist: ${ref}`);
    }
    for (const ref of claim.linux ?? []) {
      if (answersFor(ref, answers).length === 0) problems.push(`"${key}" cites differential answers that do not exist: ${ref}`);
    }
    if (kind.proven && CLAIMS_LINUX.test(claim.note ?? "") && !(claim.linux ?? []).length) {
      problems.push(`"${key}" says it answers as Linux but cites no differential case (linux: [...])`);
    }
    if (claim.status === "planned" && !claim.issue) problems.push(`"${key}" is planned without an issue`);
  }
  for (const [section, claim] of Object.entries(status.defaults)) {
    if (!items.some((i) => i.section === section)) problems.push(`default for unknown section "${section}"`);
    if (STATUSES[claim.status]?.proven && !(claim.tests ?? []).length) problems.push(`the default for ${section} is "${claim.status}" but names no test`);
    for (const ref of claim.tests ?? []) {
      const [file, title] = ref.split(" › ");
      if (!title || !testExists(file, title)) problems.push(`the default for ${section} names a test that does not exist: ${ref}`);
    }
  }
  return problems;
}

// ---- rendering ----------------------------------------------------------------------

const SECTION_TITLES = {
  general: "General rules",
  functions: "Functions",
  controls: "Flags and descriptor controls",
  options: "Socket options",
};

function claimFor(item, status) {
  return status.items[item.key] ?? status.defaults[item.section];
}

function cell(text) {
  return String(text ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function describe(claim) {
  const label = STATUSES[claim.status].label;
  return claim.issue ? `${label} (issue ${claim.issue})` : label;
}

function testsCell(claim, answers) {
  const tests = (claim.tests ?? []).map((ref) => {
    const [file, title] = ref.split(" › ");
    return `\`${file}\`: ${title.replace("${runtime}", "‹runtime›")}`;
  });
  const linux = (claim.linux ?? []).map((ref) => {
    const n = answersFor(ref, answers).length;
    return `\`tests/linux\` (as Linux): \`${ref}\`${ref.endsWith("*") ? ` (${n} answers)` : ""}`;
  });
  return [...linux, ...tests].join("<br>");
}

export function render(items, status, answers = linuxAnswers()) {
  const out = [
    "# Compatibility with the WASI sockets POSIX-compatibility document",
    "",
    "<!-- Generated by `node tools/compat.js` from docs/compat/spec-items.json and",
    "     docs/compat/status.json. Do not edit by hand: `npm test` fails when this file,",
    "     the table or a named test disagree. -->",
    "",
    status.preamble.join("\n"),
    "",
    "Status words: " + Object.values(STATUSES).map((s) => `**${s.label}**`).join(", ") + ".",
    "A row marked works, emulated or refused names the tests that prove it; the check",
    "(`tests/tooling/compat.test.js`) fails if a named test does not exist. `tests/linux` entries are answers of the",
    "differential suite: the same case run as a C program on Linux and on the library under wasmtime and jco, compared",
    "answer by answer (`npm run conformance`); a row that says it answers as Linux must cite some.",
    "",
  ];
  const counts = {};
  for (const section of Object.keys(SECTION_TITLES)) {
    const rows = items.filter((i) => i.section === section);
    out.push(`## ${SECTION_TITLES[section]}`, "");
    const specColumn = section === "options" ? " Spec |" : "";
    out.push(`| Item |${specColumn} Status | Behaviour | Tests |`);
    out.push(`|---|${section === "options" ? "---|" : ""}---|---|---|`);
    for (const item of rows) {
      const claim = claimFor(item, status);
      counts[claim.status] = (counts[claim.status] ?? 0) + 1;
      const name = item.section === "general" ? item.title : item.section === "functions" ? `\`${item.key}\`` : item.key;
      const spec = section === "options" ? ` ${item.mark} |` : "";
      out.push(`| ${cell(name)} |${spec} ${describe(claim)} | ${cell(claim.note)} | ${testsCell(claim, answers)} |`);
    }
    out.push("");
  }
  out.push("## Totals", "");
  for (const [s, n] of Object.entries(counts)) out.push(`- ${STATUSES[s].label}: ${n}`);
  out.push("");
  return out.join("\n");
}

// ---- command line ---------------------------------------------------------------------

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, arg] = process.argv.slice(2);
  if (command === "extract") {
    const spec = arg ?? join(ROOT, "../shared/spec/posix-compatibility.md");
    writeFileSync(ITEMS, JSON.stringify(extractItems(readFileSync(spec, "utf8")), null, 1) + "\n");
  } else if (command === "check") {
    const problems = check();
    for (const p of problems) console.error(p);
    process.exit(problems.length ? 1 : 0);
  } else {
    const items = JSON.parse(readFileSync(ITEMS, "utf8"));
    writeFileSync(DOC, render(items, JSON.parse(readFileSync(STATUS, "utf8"))));
  }
}

// Name resolution in real components under wasmtime and jco (tests/programs/names-probe.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { component, start, RUNTIMES_UNDER_TEST } from "../helpers/components.js";

for (const runtime of RUNTIMES_UNDER_TEST) {
  test(`getaddrinfo, gethostbyname and getnameinfo under ${runtime}: localhost, literals, malformed names`, async () => {
    const { code, stdout, stderr } = await start(runtime, await component("tests/programs/names-probe.ts", "p2"), []).exit;
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^LOOKUP localhost 127\.0\.0\.1 80$/m, "localhost resolves through the host");
    assert.match(stdout, /^LOOKUP 127\.0\.0\.1 127\.0\.0\.1 8080$/m);
    assert.match(stdout, /^LOOKUP ::1 ::1 22$/m);
    assert.match(stdout, /^LOOKUP host:80 EAI -2$/m);
    assert.match(stdout, /^LOOKUP localhost EAI -2$/m, "AI_NUMERICHOST refuses a name");
    assert.match(stdout, /^HOSTENT 4$/m);
    assert.match(stdout, /^NAMEINFO 0 127\.0\.0\.1 http$/m);
  });
}

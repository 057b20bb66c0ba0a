// The benchmark's host-call table stays runnable, and its figures are the
// minimum the imports allow (these are counts, not times).
import { test } from "node:test";
import assert from "node:assert/strict";
import { measureHostCalls } from "../../bench/host-calls.js";

test("npm run bench's host-call table: each operation succeeds at the minimum the imports allow", async () => {
  const rows = Object.fromEntries((await measureHostCalls()).map((r) => [r.op, r]));
  const calls = (op) => rows[op].calls;
  assert.equal(calls("socket"), 1);
  // An unbound socket is bound first (start-bind, finish-bind, local-address) so that getsockname can answer while it
  // connects, which no host can (wasmtime says invalid-state); then start-connect, finish-connect.
  assert.equal(calls("connect (blocking, ready at once)"), 5);
  assert.equal(calls("accept (connection waiting)"), 1);
  assert.equal(calls("send 1 KiB (budget available)"), 2, "check-write + write, no flush");
  assert.equal(calls("recv (data waiting)"), 1, "one read");
  assert.equal(calls("getsockname (cached)"), 0);
  assert.equal(rows["send 256 KiB (budget 64 KiB per check)"].result, 256 * 1024);
  assert.equal(rows["recv (data waiting)"].result, 1024);
  assert.equal(rows["recv MSG_DONTWAIT (nothing waiting)"].result, -1);
  assert.equal(calls("UDP sendto (budget available)"), 2, "check-send + send");
  assert.equal(calls("UDP recvfrom (datagram waiting)"), 1);
  assert.equal(calls("UDP sendmmsg of 64 (budget 64)"), 2, "the whole batch in one send(list)");
  assert.equal(rows["UDP sendmmsg of 64 (budget 64)"].result, 64);
  assert.equal(calls("UDP recvmmsg of 64 waiting (MSG_WAITFORONE)"), 1, "one receive(64)");
  assert.equal(rows["UDP recvmmsg of 64 waiting (MSG_WAITFORONE)"].result, 64);
  for (const n of [1, 100, 1000]) {
    assert.equal(calls(`poll over ${n} connections, one active`), 2, `one host poll and one confirming read over ${n}`);
    assert.equal(rows[`poll over ${n} connections, one active`].result, 1);
  }
});

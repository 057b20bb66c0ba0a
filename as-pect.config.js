// as-pect runs the unit specs (tests/unit) against the scripted fake host
// (tests/fake-host), which stands in for every wasi:* import; specs steer it
// through the `fake-host` import module (tests/unit/fake-host.ts).
//
//   npx asp --config as-pect.config.js
//
// Specs under tests/unit/nec/ need the build flag ASPS_NETWORK_ERROR_CODE and
// run with their own configuration (tests/unit/nec/as-pect.config.js).
import { FakeHost } from "./tests/fake-host/host.js";
import { verifyFakeHost } from "./tests/fake-host/check.js";

/** Shared by both configurations: one fresh fake host per spec file. */
export function instantiateWithFakeHost(options = {}) {
  return async (memory, createImports, instantiate, binary) => {
    const host = new FakeHost(options);
    const result = await instantiate(binary, createImports(host.importsFor(binary, { env: { memory } })));
    host.attach(result.exports);
    return result;
  };
}

// The fake must match the WIT it stands in for before any spec relies on it.
const { problems } = verifyFakeHost();
if (problems.length) throw new Error(`the fake host does not match the WASI WIT:\n  ${problems.join("\n  ")}`);

export default {
  entries: ["tests/unit/**/*.spec.ts"],
  // Include files are compiled as extra entries: setup.include.ts exports cabi_realloc.
  include: ["tests/unit/**/*.include.ts"],
  disclude: [/node_modules/, /tests\/unit\/nec\//, /tests\/unit\/long\//],
  instantiate: instantiateWithFakeHost(),
  outputBinary: false,
};

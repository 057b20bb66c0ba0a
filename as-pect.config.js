// as-pect runs the unit specs (tests/unit) against the scripted fake host
// (tests/fake-host), which stands in for every wasi:* import.
import { FakeHost } from "./tests/fake-host/host.js";

export default {
  entries: ["tests/unit/**/*.spec.ts"],
  // Include files are compiled as extra entries: setup.include.ts exports cabi_realloc.
  include: ["tests/unit/**/*.include.ts"],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    const host = new FakeHost();
    const result = await instantiate(binary, createImports({ env: { memory }, ...host.imports() }));
    host.attach(result.exports);
    return result;
  },
  outputBinary: false,
};

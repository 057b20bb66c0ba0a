// npm run fuzz: the hostile-input spec with 2,000,000 calls and another seed
// (tests/unit/long/as-pect.asconfig.json). Not part of npm test.
import { instantiateWithFakeHost } from "../../../as-pect.config.js";

export default {
  entries: ["tests/unit/hostile.spec.ts"],
  include: ["tests/unit/**/*.include.ts"],
  disclude: [/node_modules/],
  instantiate: instantiateWithFakeHost(),
  outputBinary: false,
};

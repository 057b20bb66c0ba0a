// Specs for the network-error-code path: compiled with ASPS_NETWORK_ERROR_CODE
// (the build's --network-error-code), which the default configuration leaves out.
//
//   npx asp --config tests/unit/nec/as-pect.config.js --as-config tests/unit/nec/as-pect.asconfig.json
import { instantiateWithFakeHost } from "../../../as-pect.config.js";

export default {
  entries: ["tests/unit/nec/**/*.spec.ts"],
  include: ["tests/unit/**/*.include.ts"],
  disclude: [/node_modules/],
  instantiate: instantiateWithFakeHost(),
  outputBinary: false,
};

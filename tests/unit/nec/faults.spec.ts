// Generated fault injection over the TCP calls (tests/unit/faults.ts), in the
// build with network-error-code: stream failures carry their error-code.
import { hostCallFaults } from "../faults";

hostCallFaults();

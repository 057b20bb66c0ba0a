// Generated fault injection over the TCP calls (tests/unit/faults.ts), default build.
import { hostCallFaults } from "./faults";

hostCallFaults();

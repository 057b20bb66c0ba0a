// Compiled into every spec: the fake host places returned lists through it.
export { cabi_realloc } from "../../assembly/wasi/abi";

// asc transform that makes `export function main(): i32` (or `: void`) the
// program's entry in both program styles.
//
// p2 style: a component command exports `wasi:cli/run@0.2.0#run` (core
// signature `() -> i32`, the result's discriminant: 0 ok, 1 error), a name
// AssemblyScript cannot spell. The module's top-level code must run before
// `main`, not from a wasm start section (a component may not call imports
// while it is instantiated), so the build compiles with
// `--exportStart __asps_start` and the run export calls it, then `main`.
//
// shim style: the preview1 adapter calls `_start`, which runs the top level
// (wasi-shim's asconfig exports it). When the program exports `main`, `_start`
// is wrapped to call it afterwards and pass a non-zero status to proc_exit.
// Programs without `main` keep plain top-level code.
import { Transform } from "assemblyscript/transform";

const RUN_EXPORT = "wasi:cli/run@0.2.0#run";
const P2_START = "__asps_start";
const SHIM_START = "_start";
const MAIN = "main";

export default class CliRunTransform extends Transform {
  afterCompile(module) {
    const b = this.binaryen;
    const mainName = internalNameOf(b, module, MAIN);
    const p2 = module.getExport(P2_START) !== 0 && module.getExport(P2_START) !== null;
    if (!p2 && !mainName) return; // shim style, top-level program
    if (!mainName) throw new Error("a pure Preview 2 program must export `function main(): i32` (0 = success) or `function main(): void`");
    const info = b.getFunctionInfo(module.getFunction(mainName));
    if (info.params !== b.none) throw new Error("`main` must take no parameters");
    const callMain = module.call(mainName, [], info.results);
    const failed = info.results === b.none
      ? module.block(null, [callMain, module.i32.const(0)], b.i32)
      : module.i32.ne(callMain, module.i32.const(0));
    const startName = internalNameOf(b, module, p2 ? P2_START : SHIM_START);
    const runStart = startName ? [module.call(startName, [], b.none)] : [];
    if (p2) {
      module.addFunction("__asps_cli_run", b.none, b.i32, [], module.block(null, [...runStart, failed], b.i32));
      module.removeExport(P2_START);
      module.addFunctionExport("__asps_cli_run", RUN_EXPORT);
    } else {
      module.addFunctionImport("__asps_proc_exit", "wasi_snapshot_preview1", "proc_exit", b.i32, b.none);
      const exitOnFailure = module.if(failed, module.call("__asps_proc_exit", [module.i32.const(1)], b.none));
      module.addFunction("__asps_start_main", b.none, b.none, [], module.block(null, [...runStart, exitOnFailure], b.none));
      if (startName) module.removeExport(SHIM_START);
      module.addFunctionExport("__asps_start_main", SHIM_START);
    }
    module.removeExport(MAIN);
  }
}

function internalNameOf(binaryen, module, exportName) {
  const ref = module.getExport(exportName);
  return ref ? binaryen.getExportInfo(ref).value : null;
}

// asc transform for the pure Preview 2 program style.
//
// A component command exports `wasi:cli/run@0.2.0#run` (core signature
// `() -> i32`, the result's discriminant: 0 ok, 1 error). AssemblyScript
// cannot spell that export name, and the module's top-level code must run
// before `main`, not from a wasm start section (a component may not call its
// imports while it is being instantiated). So the build compiles with
// `--exportStart __asps_start`, and this transform adds a function that runs
// the start function and then the program's `main`, exports it under the
// canonical name and hides the two original exports.
import { Transform } from "assemblyscript/transform";

const RUN_EXPORT = "wasi:cli/run@0.2.0#run";
export const START_EXPORT = "__asps_start";
const MAIN_EXPORT = "main";

export default class CliRunTransform extends Transform {
  afterCompile(module) {
    const binaryen = this.binaryen;
    const startName = internalNameOf(binaryen, module, START_EXPORT);
    const mainName = internalNameOf(binaryen, module, MAIN_EXPORT);
    if (!mainName) {
      throw new Error("a pure Preview 2 program must export `function main(): i32` (0 = success) or `function main(): void`");
    }
    const mainInfo = binaryen.getFunctionInfo(module.getFunction(mainName));
    if (mainInfo.params !== binaryen.none) throw new Error("`main` must take no parameters");
    const callMain = module.call(mainName, [], mainInfo.results);
    // Any non-zero exit status maps to the error case of wasi:cli/run's result.
    const status = mainInfo.results === binaryen.none
      ? module.block(null, [callMain, module.i32.const(0)], binaryen.i32)
      : module.i32.ne(callMain, module.i32.const(0));
    const body = startName
      ? module.block(null, [module.call(startName, [], binaryen.none), status], binaryen.i32)
      : status;
    module.addFunction("__asps_cli_run", binaryen.none, binaryen.i32, [], body);
    for (const name of [START_EXPORT, MAIN_EXPORT]) if (module.getExport(name)) module.removeExport(name);
    module.addFunctionExport("__asps_cli_run", RUN_EXPORT);
  }
}

function internalNameOf(binaryen, module, exportName) {
  const ref = module.getExport(exportName);
  return ref ? binaryen.getExportInfo(ref).value : null;
}

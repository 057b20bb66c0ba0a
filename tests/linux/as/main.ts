// The AssemblyScript program of the differential suite: runs every case of
// every group in order (the same order as ../c/main.c), printing "#<index>
// <case>" before each so the runner can tell which case trapped or hung.
// Arguments: --from <index> (resume after a trap), --only <case>, --list,
// --peer <port> (the outside peer, ../peer.js).
import { endCase, clearLabels, setPeerPort } from "./harness";
import { GROUPS, GROUP_NAMES } from "./groups";

export function main(): i32 {
  const argv = process.argv;
  let from = 0;
  let only: string | null = null;
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] == "--from" && i + 1 < argv.length) from = I32.parseInt(argv[++i]);
    else if (argv[i] == "--only" && i + 1 < argv.length) only = argv[++i];
    else if (argv[i] == "--list") list = true;
    else if (argv[i] == "--peer" && i + 1 < argv.length) setPeerPort(I32.parseInt(argv[++i]));
  }
  let index = 0;
  for (let g = 0; g < GROUPS.length; g++) {
    const cases = GROUPS[g];
    for (let i = 0; i < cases.length; i++, index++) {
      const c = cases[i];
      if (index < from) continue;
      if (list) {
        console.log(index.toString() + " " + GROUP_NAMES[g] + "." + c.name);
        continue;
      }
      if (only !== null && only != c.name) continue;
      console.log("#" + index.toString() + " " + c.name);
      clearLabels();
      c.fn();
      endCase();
    }
  }
  console.log("#end");
  return 0;
}

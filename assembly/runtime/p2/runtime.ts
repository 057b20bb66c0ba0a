// The runtime of pure Preview 2 programs (an asc library folder): abort,
// trace, console and process on wasi:cli, mapped over AssemblyScript's
// globals by the build (`--use console=asps_console`, …).
import { get_arguments } from "as-posix-sockets/assembly/wasi/cli/environment";
import { exit as cli_exit } from "as-posix-sockets/assembly/wasi/cli/exit";
import { RET } from "as-posix-sockets/assembly/wasi/abi";
import { writeFile } from "as-posix-sockets/assembly/posix/files";

// @ts-ignore: decorator
@inline const STDOUT: i32 = 1;
// @ts-ignore: decorator
@inline const STDERR: i32 = 2;

/** Writes to descriptor 1 or 2 through the same stdio streams POSIX write() uses. */
function writeString(fd: i32, text: string): void {
  const bytes = String.UTF8.encode(text);
  writeFile(fd, changetype<usize>(bytes), bytes.byteLength);
}

export class asps_WritableStream {
  constructor(private toStderr: bool) {}
  write(text: string): void {
    writeString(this.toStderr ? STDERR : STDOUT, text);
  }
}

export namespace asps_console {
  export function log(message: string = ""): void {
    writeString(STDOUT, message + "\n");
  }
  export function info(message: string = ""): void {
    writeString(STDOUT, "Info: " + message + "\n");
  }
  export function debug(message: string = ""): void {
    writeString(STDOUT, "Debug: " + message + "\n");
  }
  export function warn(message: string = ""): void {
    writeString(STDERR, "Warning: " + message + "\n");
  }
  export function error(message: string = ""): void {
    writeString(STDERR, "Error: " + message + "\n");
  }
  export function assert<T>(condition: T, message: string = ""): void {
    if (!condition) writeString(STDERR, "Assertion failed: " + message + "\n");
  }
}

export namespace asps_process {
  // @ts-ignore: decorator
  @lazy export const argv: string[] = readArguments();
  // @ts-ignore: decorator
  @lazy export const stdout = new asps_WritableStream(false);
  // @ts-ignore: decorator
  @lazy export const stderr = new asps_WritableStream(true);
  // @ts-ignore: decorator
  @lazy export var exitCode = 0;

  /** wasi:cli/exit 0.2.0 only knows success and failure: any non-zero code is failure. */
  export function exit(code: i32 = exitCode): void {
    cli_exit(code != 0 ? 1 : 0);
    unreachable();
  }
}

function readArguments(): string[] {
  get_arguments(RET);
  const list = load<usize>(RET);
  const count = load<u32>(RET, 4);
  const args = new Array<string>(count);
  for (let i: u32 = 0; i < count; i++) {
    const ptr = load<usize>(list + i * 8);
    const len = load<u32>(list + i * 8, 4);
    args[i] = String.UTF8.decodeUnsafe(ptr, len);
    heap.free(ptr);
  }
  heap.free(list);
  return args;
}

export function asps_abort(message: string | null = null, fileName: string | null = null, line: u32 = 0, column: u32 = 0): void {
  let text = "abort: " + (message ? message : "(no message)");
  if (fileName) text += " at " + fileName + ":" + line.toString() + ":" + column.toString();
  writeString(STDERR, text + "\n");
  cli_exit(1);
  unreachable();
}

export function asps_trace(message: string, n: i32 = 0, a0: f64 = 0, a1: f64 = 0, a2: f64 = 0, a3: f64 = 0, a4: f64 = 0): void {
  let text = "trace: " + message;
  if (n > 0) text += " " + a0.toString();
  if (n > 1) text += ", " + a1.toString();
  if (n > 2) text += ", " + a2.toString();
  if (n > 3) text += ", " + a3.toString();
  if (n > 4) text += ", " + a4.toString();
  writeString(STDERR, text + "\n");
}

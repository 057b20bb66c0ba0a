// errno and strerror. `errno` is a real wasm global: importing it gives the
// caller a live view, as C's errno is.
import { ENOTCAPABLE } from "../defs/errno";
import { Socket } from "../net/socket";

/** The error number of the last failed call; calls that succeed leave it alone, as POSIX allows. */
export let errno: i32 = 0;

/** Sets errno and returns -1, the failure value of most socket calls. */
export function fail(code: i32): i32 {
  errno = code;
  return -1;
}

/** Sets errno (for functions whose failure value is not -1). */
export function errno_set(code: i32): void {
  errno = code;
}

/** A data call's result on `sock`: an EAGAIN is counted (EPOLLET re-arms on it), then as posixResult. */
export function socketResult(sock: Socket, r: isize): isize {
  if (r == -6) sock.wouldBlocks++; // EAGAIN
  return posixResult(r);
}

/** The net layer's result (a count, or a negative errno) as POSIX returns it. */
export function posixResult(r: isize): isize {
  if (r >= 0) return r;
  errno = <i32>-r;
  return -1;
}

// Index = errno value; 0 is success.
const MESSAGES: StaticArray<string> = [
  "Success",
  "Argument list too long",
  "Permission denied",
  "Address in use",
  "Address not available",
  "Address family not supported by protocol",
  "Resource temporarily unavailable",
  "Operation already in progress",
  "Bad file descriptor",
  "Bad message",
  "Resource busy",
  "Operation canceled",
  "No child process",
  "Connection aborted",
  "Connection refused",
  "Connection reset by peer",
  "Resource deadlock would occur",
  "Destination address required",
  "Domain error",
  "Quota exceeded",
  "File exists",
  "Bad address",
  "File too large",
  "Host is unreachable",
  "Identifier removed",
  "Illegal byte sequence",
  "Operation in progress",
  "Interrupted system call",
  "Invalid argument",
  "I/O error",
  "Socket is connected",
  "Is a directory",
  "Symbolic link loop",
  "No file descriptors available",
  "Too many links",
  "Message too large",
  "Multihop attempted",
  "Filename too long",
  "Network is down",
  "Connection reset by network",
  "Network unreachable",
  "Too many open files in system",
  "No buffer space available",
  "No such device",
  "No such file or directory",
  "Exec format error",
  "No locks available",
  "Link has been severed",
  "Out of memory",
  "No message of desired type",
  "Protocol not available",
  "No space left on device",
  "Function not implemented",
  "Socket not connected",
  "Not a directory",
  "Directory not empty",
  "State not recoverable",
  "Not a socket",
  "Not supported",
  "Not a tty",
  "No such device or address",
  "Value too large for data type",
  "Previous owner died",
  "Operation not permitted",
  "Broken pipe",
  "Protocol error",
  "Protocol not supported",
  "Protocol wrong type for socket",
  "Result not representable",
  "Read-only file system",
  "Invalid seek",
  "No such process",
  "Stale file handle",
  "Operation timed out",
  "Text file busy",
  "Cross-device link",
  "Capabilities insufficient",
];

/** The message for an error number; unknown numbers get "Unknown error N". */
export function strerror(code: i32): string {
  if (code < 0 || code > ENOTCAPABLE) return "Unknown error " + code.toString();
  return unchecked(MESSAGES[code]);
}

// Closing a socket whose last writes are still on their way. Linux's close
// returns at once and the kernel goes on sending; a WASI host delivers writes
// in the background and makes the drop of an output stream wait until the
// stream is writable again, which, with a peer that reads nothing, is never.
// Such a socket leaves the descriptor table at once and waits here, released
// as soon as its output is idle (checked whenever a socket closes or is
// made).
import { Socket } from "./socket";

const lingering = new Array<Socket>();

/** Releases the host resources of a socket its last descriptor left, now or once its writes are out. */
export function retire(sock: Socket): void {
  reapLingering();
  if (sock.lingers()) lingering.push(sock);
  else sock.release();
}

/** Releases the lingering sockets whose writes are out; returns how many still linger. */
export function reapLingering(): i32 {
  for (let i = lingering.length - 1; i >= 0; i--) {
    const s = lingering[i];
    if (s.lingers()) continue;
    lingering[i] = lingering[lingering.length - 1];
    lingering.pop();
    s.release();
  }
  return lingering.length;
}

// The event-loop hook (an extension): the wasi:io/poll pollable behind a
// socket descriptor, so another library can add sockets to its own
// wasi:io/poll loop (the ask behind wasi-libc #542). The pollable stays owned
// by the socket: borrow it, never drop it; it is valid until the descriptor is
// closed (or, for UDP, until the next connect). When it fires, call the POSIX
// function (recv, accept, send...) non-blockingly: it may still say EAGAIN.
import { POLLOUT } from "../defs/poll";
import { EINVAL } from "../defs/errno";
import { socketOf } from "./fd";
import { fail } from "./errno";

/** The pollable for reading (events without POLLOUT) or writing (POLLOUT); 0 with errno on failure. */
export function asps_pollable(fd: i32, events: i32): u32 {
  const sock = socketOf(fd);
  if (sock === null) return 0;
  const p = sock.pollableFor(events & POLLOUT);
  if (p == 0) fail(EINVAL); // an unbound UDP socket has nothing to wait on yet
  return p;
}

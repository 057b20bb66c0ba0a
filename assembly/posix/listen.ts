// listen(2)
import { EOPNOTSUPP } from "../defs/errno";
import { TcpSocket } from "../net/tcp";
import { socketOf } from "./fd";
import { fail, posixResult } from "./errno";

export function listen(fd: i32, backlog: i32): i32 {
  const sock = socketOf(fd);
  if (sock === null) return -1;
  if (!(sock instanceof TcpSocket)) return fail(EOPNOTSUPP);
  return <i32>posixResult(changetype<TcpSocket>(sock).listen(backlog));
}

// (twin: ../c/shut.c)
import { close } from "as-posix-sockets";
import { Case, C, line, put, FD, udp4 } from "./harness";

function first(): void {
  const s = udp4();
  line("shut.first"); put(FD(s));
  close(s);
}

export const CASES: Case[] = [C("first", first)];

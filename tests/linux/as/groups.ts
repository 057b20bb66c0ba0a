// The list of groups, in the order ../c/main.c lists them.
import { Case } from "./harness";
import { CASES as tcp } from "./tcp";
import { CASES as udp } from "./udp";
import { CASES as msg } from "./msg";
import { CASES as opt } from "./opt";
import { CASES as fd } from "./fd";
import { CASES as shut } from "./shut";
import { CASES as poll } from "./poll";
import { CASES as epoll } from "./epoll";
import { CASES as names } from "./names";
import { CASES as timeo } from "./timeo";

export const GROUPS: Case[][] = [tcp, udp, msg, opt, fd, shut, poll, epoll, names, timeo];
export const GROUP_NAMES: string[] = ["tcp", "udp", "msg", "opt", "fd", "shut", "poll", "epoll", "names", "timeo"];

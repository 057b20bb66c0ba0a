// The older name interfaces: gethostbyname(3), gethostbyname2, gethostbyaddr
// (h_errno), getservbyname(3), getservbyport, getprotobyname(3),
// getprotobynumber. Results live in static storage, as in C; a later call
// overwrites them. Host lookups go through getaddrinfo; WASI has no reverse
// lookup, so gethostbyaddr finds nothing (HOST_NOT_FOUND).
import { hostent, servent, protoent, addrinfo, HOST_NOT_FOUND, TRY_AGAIN, NO_RECOVERY, EAI_NONAME, EAI_ADDRFAMILY, EAI_AGAIN } from "../defs/netdb";
import { AF_INET, AF_INET6, SOCK_STREAM } from "../defs/socket";
import { getaddrinfo, freeaddrinfo } from "./netdb";
import { cstrlen } from "./inet";
import { servicePort, serviceName, serviceProtocols, canonical, SERVICE_TCP, SERVICE_UDP, protocolTable } from "./services";

/** The error of the last gethostbyname/gethostbyaddr that failed. */
export let h_errno: i32 = 0;

const MAX_ADDRESSES = 16;
const HOST = changetype<hostent>(memory.data(20, 4));
const HOST_NAME: usize = memory.data(256);
const NO_ALIASES: usize = memory.data(4, 4);
const ADDRESS_LIST: usize = memory.data((MAX_ADDRESSES + 1) * 4, 4);
const ADDRESSES: usize = memory.data(MAX_ADDRESSES * 16, 4);
const HINTS: usize = memory.data(32, 4);
const RESULT: usize = memory.data(4, 4);

export function gethostbyname(name: usize): usize {
  return gethostbyname2(name, AF_INET);
}

export function gethostbyname2(name: usize, af: i32): usize {
  const len = cstrlen(name);
  if (len < 0 || len > 255 || (af != AF_INET && af != AF_INET6)) {
    h_errno = NO_RECOVERY;
    return 0;
  }
  memory.fill(HINTS, 0, 32);
  const hints = changetype<addrinfo>(HINTS);
  hints.ai_family = af;
  hints.ai_socktype = SOCK_STREAM;
  const r = getaddrinfo(name, 0, HINTS, RESULT);
  if (r != 0) {
    h_errno = r == EAI_NONAME || r == EAI_ADDRFAMILY ? HOST_NOT_FOUND : r == EAI_AGAIN ? TRY_AGAIN : NO_RECOVERY;
    return 0;
  }
  const size = af == AF_INET ? 4 : 16;
  let n = 0;
  for (let ai = load<usize>(RESULT); ai != 0 && n < MAX_ADDRESSES; ai = changetype<addrinfo>(ai).ai_next) {
    const sa = changetype<addrinfo>(ai).ai_addr;
    const slot = ADDRESSES + <usize>n * 16;
    memory.copy(slot, sa + (af == AF_INET ? 4 : 8), size);
    store<usize>(ADDRESS_LIST + <usize>n * 4, slot);
    n++;
  }
  store<usize>(ADDRESS_LIST + <usize>n * 4, 0);
  freeaddrinfo(load<usize>(RESULT));
  memory.copy(HOST_NAME, name, <usize>len + 1);
  store<usize>(NO_ALIASES, 0);
  HOST.h_name = HOST_NAME;
  HOST.h_aliases = NO_ALIASES;
  HOST.h_addrtype = af;
  HOST.h_length = size;
  HOST.h_addr_list = ADDRESS_LIST;
  return changetype<usize>(HOST);
}

/** No reverse lookup exists in WASI: nothing is found. */
export function gethostbyaddr(addr: usize, len: u32, type: i32): usize {
  h_errno = (type == AF_INET && len == 4) || (type == AF_INET6 && len == 16) ? HOST_NOT_FOUND : NO_RECOVERY;
  return 0;
}

// ---- services and protocols --------------------------------------------------------------

const SERV = changetype<servent>(memory.data(16, 4));
const SERV_NAME: usize = memory.data(32);
const SERV_PROTO: usize = memory.data(8);

function writeCString(dst: usize, s: string): void {
  String.UTF8.encodeUnsafe(changetype<usize>(s), s.length, dst, true);
}

/** "tcp" → TCP bit, "udp" → UDP bit, NULL → both; 0 for anything else. */
function protocolBits(proto: usize): i32 {
  if (proto == 0) return SERVICE_TCP | SERVICE_UDP;
  const len = cstrlen(proto);
  if (len != 3) return 0;
  const p = String.UTF8.decodeUnsafe(proto, 3);
  return p == "tcp" ? SERVICE_TCP : p == "udp" ? SERVICE_UDP : 0;
}

function fillService(name: string, port: i32, bits: i32): usize {
  writeCString(SERV_NAME, name);
  writeCString(SERV_PROTO, (bits & SERVICE_TCP) != 0 ? "tcp" : "udp");
  store<usize>(NO_ALIASES, 0);
  SERV.s_name = SERV_NAME;
  SERV.s_aliases = NO_ALIASES;
  SERV.s_port = <i32>bswap<u16>(<u16>port);
  SERV.s_proto = SERV_PROTO;
  return changetype<usize>(SERV);
}

export function getservbyname(name: usize, proto: usize): usize {
  const len = cstrlen(name);
  const bits = protocolBits(proto);
  if (len <= 0 || len > 31 || bits == 0) return 0;
  const n = String.UTF8.decodeUnsafe(name, <usize>len);
  const port = servicePort(n, bits);
  if (port < 0) return 0;
  return fillService(canonical(n), port, serviceProtocols(n) & bits);
}

/** `port` in network order, as C passes it. */
export function getservbyport(port: i32, proto: usize): usize {
  const bits = protocolBits(proto);
  if (bits == 0) return 0;
  const p = bswap<u16>(<u16>port);
  const tcpName = (bits & SERVICE_TCP) != 0 ? serviceName(p, false) : null;
  if (tcpName !== null) return fillService(tcpName, p, SERVICE_TCP);
  const udpName = (bits & SERVICE_UDP) != 0 ? serviceName(p, true) : null;
  if (udpName !== null) return fillService(udpName, p, SERVICE_UDP);
  return 0;
}

const PROTO = changetype<protoent>(memory.data(12, 4));
const PROTO_NAME: usize = memory.data(16);

function fillProtocol(i: i32): usize {
  const PROTOCOLS = protocolTable();
  writeCString(PROTO_NAME, PROTOCOLS[i].name);
  store<usize>(NO_ALIASES, 0);
  PROTO.p_name = PROTO_NAME;
  PROTO.p_aliases = NO_ALIASES;
  PROTO.p_proto = PROTOCOLS[i].number;
  return changetype<usize>(PROTO);
}

export function getprotobyname(name: usize): usize {
  const len = cstrlen(name);
  if (len <= 0 || len > 15) return 0;
  const n = String.UTF8.decodeUnsafe(name, <usize>len);
  const PROTOCOLS = protocolTable();
  for (let i = 0; i < PROTOCOLS.length; i++) if (PROTOCOLS[i].name == n) return fillProtocol(i);
  return 0;
}

export function getprotobynumber(proto: i32): usize {
  const PROTOCOLS = protocolTable();
  for (let i = 0; i < PROTOCOLS.length; i++) if (PROTOCOLS[i].number == proto) return fillProtocol(i);
  return 0;
}

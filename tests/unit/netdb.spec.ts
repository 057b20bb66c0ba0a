// getaddrinfo and friends against the fake host: numeric hosts without a host
// call, every EAI_* path, flags, services, sorting, getnameinfo, the older
// gethostbyname/getservbyname family, and a fuzz pass over random strings.
import {
  getaddrinfo, freeaddrinfo, gai_strerror, getnameinfo, gethostbyname, gethostbyname2, gethostbyaddr, h_errno,
  getservbyname, getservbyport, getprotobyname, getprotobynumber, addrinfo, hostent, servent, protoent,
  AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, AI_V4MAPPED, AI_ALL, AI_ADDRCONFIG, AI_NUMERICSERV,
  NI_NUMERICHOST, NI_NUMERICSERV, NI_NAMEREQD, NI_DGRAM,
  EAI_BADFLAGS, EAI_NONAME, EAI_AGAIN, EAI_FAIL, EAI_FAMILY, EAI_SOCKTYPE, EAI_SERVICE, EAI_ADDRFAMILY, EAI_OVERFLOW,
  HOST_NOT_FOUND, TRY_AGAIN,
} from "../../include/netdb";
import { inet_pton, inet_ntop } from "../../include/arpa/inet";
import { AF_UNSPEC, AF_INET, AF_INET6, SOCK_STREAM, SOCK_DGRAM } from "../../include/sys/socket";
import { IPPROTO_TCP, IPPROTO_UDP } from "../../include/netinet/in";
import { asps_lookup_timeout } from "../../include/asps";
import { error_code } from "../../assembly/wasi/sockets/network";
import { fake_reset, fake_reset_calls, fake_total_calls, fake_calls, fake_live_handles, fake_add_host_v4, fake_fail_next, fake_would_block, fake_now, fake_stall } from "./fake-host";

const HINTS = changetype<addrinfo>(heap.alloc(32));
const RES = heap.alloc(4);
const TEXT = heap.alloc(64);

// Kept reachable: a buffer known only by its address would be collected by the next allocation.
const KEEP: ArrayBuffer[] = [];
function cstr(s: string): usize {
  const b = String.UTF8.encode(s, true);
  KEEP.push(b);
  return changetype<usize>(b);
}

function hints(family: i32, socktype: i32, flags: i32, protocol: i32 = 0): usize {
  memory.fill(changetype<usize>(HINTS), 0, 32);
  HINTS.ai_family = family;
  HINTS.ai_socktype = socktype;
  HINTS.ai_flags = flags;
  HINTS.ai_protocol = protocol;
  return changetype<usize>(HINTS);
}

function strlen(p: usize): i32 {
  let n = 0;
  while (load<u8>(p + <usize>n) != 0) n++;
  return n;
}

/** "family socktype address port" per result, joined by ", ". */
function describe_(list: usize): string {
  const parts: string[] = [];
  for (let ai = list; ai != 0; ai = changetype<addrinfo>(ai).ai_next) {
    const a = changetype<addrinfo>(ai);
    const sa = a.ai_addr;
    const v4 = a.ai_family == AF_INET;
    inet_ntop(a.ai_family, sa + (v4 ? 4 : 8), TEXT, 64);
    const port = bswap<u16>(load<u16>(sa, 2));
    parts.push(`${v4 ? "4" : "6"} ${a.ai_socktype == SOCK_STREAM ? "tcp" : "udp"} ${String.UTF8.decodeUnsafe(TEXT, <usize>strlen(TEXT))} ${port}`);
  }
  return parts.join(", ");
}

function lookup(node: string | null, service: string | null, h: usize): string {
  const r = getaddrinfo(node === null ? 0 : cstr(node), service === null ? 0 : cstr(service), h, RES);
  if (r != 0) return `EAI ${r}`;
  const text = describe_(load<usize>(RES));
  freeaddrinfo(load<usize>(RES));
  return text;
}

describe("getaddrinfo", () => {
  beforeEach(() => fake_reset());

  it("numeric hosts are parsed in the guest: no host call", () => {
    fake_reset_calls();
    expect(lookup("127.0.0.1", "80", hints(AF_UNSPEC, SOCK_STREAM, 0))).toBe("4 tcp 127.0.0.1 80");
    expect(lookup("::1", "443", hints(AF_UNSPEC, 0, 0))).toBe("6 tcp ::1 443, 6 udp ::1 443");
    expect(lookup("fe80::1%3", null, hints(AF_INET6, SOCK_DGRAM, 0))).toBe("6 udp fe80::1 0");
    expect(lookup("127.1", "http", hints(AF_INET, 0, 0))).toBe("4 tcp 127.0.0.1 80", "inet_aton forms; http is TCP only");
    expect(fake_total_calls()).toBe(0);
  });

  it("a NULL host: the wildcard with AI_PASSIVE, loopback otherwise, ordered by RFC 6724", () => {
    expect(lookup(null, "8080", hints(AF_UNSPEC, SOCK_STREAM, AI_PASSIVE))).toBe("4 tcp 0.0.0.0 8080, 6 tcp :: 8080", ":: falls under ::/96, precedence 1, as glibc orders it");
    expect(lookup(null, "8080", hints(AF_UNSPEC, SOCK_STREAM, 0))).toBe("6 tcp ::1 8080, 4 tcp 127.0.0.1 8080");
    expect(lookup(null, "53", hints(AF_INET, SOCK_DGRAM, 0))).toBe("4 udp 127.0.0.1 53");
    expect(lookup(null, null, hints(AF_UNSPEC, 0, 0))).toBe(`EAI ${EAI_NONAME}`);
  });

  it("names resolve through the host, sorted by precedence; AI_CANONNAME names the first", () => {
    fake_add_host_v4("example.test", 192, 0, 2, 7);
    expect(lookup("example.test", "ssh", hints(AF_UNSPEC, SOCK_STREAM, 0))).toBe("4 tcp 192.0.2.7 22");
    expect(lookup("localhost", "80", hints(AF_UNSPEC, SOCK_STREAM, 0))).toBe("6 tcp ::1 80, 4 tcp 127.0.0.1 80");
    const r = getaddrinfo(cstr("example.test"), 0, hints(AF_INET, SOCK_STREAM, AI_CANONNAME), RES);
    expect(r).toBe(0);
    const canon = changetype<addrinfo>(load<usize>(RES)).ai_canonname;
    expect(String.UTF8.decodeUnsafe(canon, <usize>strlen(canon))).toBe("example.test");
    freeaddrinfo(load<usize>(RES));
    expect(fake_live_handles()).toBe(0, "the resolve stream was dropped");
  });

  it("AI_V4MAPPED and AI_ALL synthesize ::ffff: results for AF_INET6", () => {
    fake_add_host_v4("v4only.test", 198, 51, 100, 1);
    expect(lookup("v4only.test", "80", hints(AF_UNSPEC, SOCK_STREAM, 0))).toBe("4 tcp 198.51.100.1 80");
    expect(lookup("v4only.test", "80", hints(AF_INET6, SOCK_STREAM, 0))).toBe(`EAI ${EAI_NONAME}`);
    expect(lookup("v4only.test", "80", hints(AF_INET6, SOCK_STREAM, AI_V4MAPPED))).toBe("6 tcp ::ffff:198.51.100.1 80");
    expect(lookup("localhost", "80", hints(AF_INET6, SOCK_STREAM, AI_V4MAPPED))).toBe("6 tcp ::1 80", "IPv6 found: no mapping");
    expect(lookup("localhost", "80", hints(AF_INET6, SOCK_STREAM, AI_V4MAPPED | AI_ALL))).toBe("6 tcp ::1 80, 6 tcp ::ffff:127.0.0.1 80");
    expect(lookup("10.0.0.1", "80", hints(AF_INET6, SOCK_STREAM, AI_V4MAPPED))).toBe("6 tcp ::ffff:10.0.0.1 80");
    expect(lookup("10.0.0.1", "80", hints(AF_INET6, SOCK_STREAM, 0))).toBe(`EAI ${EAI_ADDRFAMILY}`, "glibc: a literal of the other family");
  });

  it("AI_ADDRCONFIG keeps the families a UDP probe can reach", () => {
    expect(lookup("localhost", "80", hints(AF_UNSPEC, SOCK_STREAM, AI_ADDRCONFIG))).toBe("6 tcp ::1 80, 4 tcp 127.0.0.1 80");
  });

  it("every EAI path: flags, family, socket type, service, names, and the resolver's errors", () => {
    expect(lookup("127.0.0.1", "80", hints(AF_UNSPEC, 0, 0x8000))).toBe(`EAI ${EAI_BADFLAGS}`);
    expect(lookup(null, "80", hints(AF_UNSPEC, 0, AI_CANONNAME))).toBe(`EAI ${EAI_BADFLAGS}`);
    expect(lookup("127.0.0.1", "80", hints(99, 0, 0))).toBe(`EAI ${EAI_FAMILY}`);
    expect(lookup("127.0.0.1", "80", hints(AF_UNSPEC, 3, 0))).toBe(`EAI ${EAI_SOCKTYPE}`);
    expect(lookup("127.0.0.1", "80", hints(AF_UNSPEC, SOCK_DGRAM, 0, IPPROTO_TCP))).toBe(`EAI ${EAI_SOCKTYPE}`);
    expect(lookup("127.0.0.1", "80", hints(AF_UNSPEC, 0, 0, IPPROTO_UDP))).toBe("4 udp 127.0.0.1 80");
    expect(lookup("127.0.0.1", "no-such-service", hints(AF_UNSPEC, 0, 0))).toBe(`EAI ${EAI_SERVICE}`);
    expect(lookup("127.0.0.1", "ntp", hints(AF_UNSPEC, SOCK_STREAM, 0))).toBe(`EAI ${EAI_SERVICE}`, "ntp is UDP only");
    expect(lookup("127.0.0.1", "65536", hints(AF_UNSPEC, 0, 0))).toBe(`EAI ${EAI_SERVICE}`);
    expect(lookup("127.0.0.1", "http", hints(AF_UNSPEC, 0, AI_NUMERICSERV))).toBe(`EAI ${EAI_NONAME}`);
    expect(lookup("localhost", "80", hints(AF_UNSPEC, 0, AI_NUMERICHOST))).toBe(`EAI ${EAI_NONAME}`);
    expect(lookup("nowhere.test", "80", hints(AF_UNSPEC, 0, 0))).toBe(`EAI ${EAI_NONAME}`, "name-unresolvable");
    fake_fail_next("resolve-addresses", error_code.temporary_resolver_failure, 1);
    expect(lookup("somewhere.test", "80", hints(AF_UNSPEC, 0, 0))).toBe(`EAI ${EAI_AGAIN}`);
    fake_fail_next("[method]resolve-address-stream.resolve-next-address", error_code.permanent_resolver_failure, 1);
    expect(lookup("localhost", "80", hints(AF_UNSPEC, 0, 0))).toBe(`EAI ${EAI_FAIL}`);
    fake_fail_next("resolve-addresses", error_code.access_denied, 1);
    expect(lookup("localhost", "80", hints(AF_UNSPEC, 0, 0))).toBe(`EAI ${EAI_FAIL}`);
    expect(fake_live_handles()).toBe(0);
  });

  it("fault injection: every error-code at each lookup call maps to its EAI code and leaks nothing", () => {
    const calls: string[] = ["resolve-addresses", "[method]resolve-address-stream.resolve-next-address"];
    for (let c = 0; c < 2; c++) {
      for (let code: u8 = 0; code <= error_code.permanent_resolver_failure; code++) {
        // A would-block from resolve-next-address is waited out, as it should be.
        if (c == 1 && code == error_code.would_block) continue;
        fake_reset();
        fake_fail_next(calls[c], code, 1);
        const want = code == error_code.name_unresolvable || code == error_code.invalid_argument ? EAI_NONAME
          : code == error_code.temporary_resolver_failure ? EAI_AGAIN
          : code == error_code.out_of_memory ? -10 // EAI_MEMORY
          : EAI_FAIL;
        expect(lookup("localhost", "80", hints(AF_UNSPEC, SOCK_STREAM, 0))).toBe(`EAI ${want}`, `${calls[c]} failing with ${code}`);
        expect(fake_live_handles()).toBe(0, `${calls[c]} failing with ${code}: handles leaked`);
      }
    }
  });

  it("malformed names are EAI_NONAME without reaching the host", () => {
    const bad: string[] = ["", " ", "a b", "host:80", "http://example.com/", "a..b", ".a", "exa$mple.test",
      "a".repeat(64) + ".test", ("abcdefghi." as string).repeat(26) + "x", "[::1]"];
    fake_reset_calls();
    for (let i = 0; i < bad.length; i++) expect(lookup(bad[i], "80", hints(AF_UNSPEC, 0, 0))).toBe(`EAI ${EAI_NONAME}`, bad[i]);
    expect(fake_calls("resolve-addresses")).toBe(0);
  });

  it("a lookup that never finishes fails with EAI_AGAIN at the timeout, and leaks nothing", () => {
    asps_lookup_timeout(2000);
    fake_stall("[method]resolve-address-stream.resolve-next-address");
    const start = fake_now();
    expect(lookup("localhost", "80", hints(AF_UNSPEC, 0, 0))).toBe(`EAI ${EAI_AGAIN}`);
    expect(fake_now() - start).toBe(2_000_000_000);
    asps_lookup_timeout(30000);
    expect(fake_live_handles()).toBe(0, "the resolve stream, its pollable and the timer were dropped");
  });

  it("gai_strerror names every code", () => {
    expect(gai_strerror(EAI_NONAME)).toBe("Name does not resolve");
    expect(gai_strerror(EAI_AGAIN)).toBe("Try again");
    expect(gai_strerror(12345)).toBe("Unknown error");
  });
});

describe("getnameinfo", () => {
  it("numeric host and named or numeric service; NI_NAMEREQD is EAI_NONAME; a short buffer EAI_OVERFLOW", () => {
    const sa = heap.alloc(32);
    memory.fill(sa, 0, 32);
    store<u16>(sa, <u16>AF_INET6);
    store<u16>(sa, bswap<u16>(443), 2);
    inet_pton(AF_INET6, cstr("2001:db8::5"), sa + 8);
    const host = heap.alloc(64);
    const serv = heap.alloc(32);
    expect(getnameinfo(sa, 28, host, 64, serv, 32, 0)).toBe(0);
    expect(String.UTF8.decodeUnsafe(host, <usize>strlen(host))).toBe("2001:db8::5");
    expect(String.UTF8.decodeUnsafe(serv, <usize>strlen(serv))).toBe("https");
    expect(getnameinfo(sa, 28, host, 64, serv, 32, NI_NUMERICSERV)).toBe(0);
    expect(String.UTF8.decodeUnsafe(serv, <usize>strlen(serv))).toBe("443");
    store<u32>(sa, 3, 24);
    expect(getnameinfo(sa, 28, host, 64, 0, 0, NI_NUMERICHOST)).toBe(0);
    expect(String.UTF8.decodeUnsafe(host, <usize>strlen(host))).toBe("2001:db8::5%3");
    expect(getnameinfo(sa, 28, host, 64, 0, 0, NI_NAMEREQD)).toBe(EAI_NONAME);
    expect(getnameinfo(sa, 28, host, 5, 0, 0, 0)).toBe(EAI_OVERFLOW);
    expect(getnameinfo(sa, 16, host, 64, 0, 0, 0)).toBe(EAI_FAMILY, "too short for a sockaddr_in6");
    expect(getnameinfo(sa, 28, host, 64, 0, 0, 0x1000)).toBe(EAI_BADFLAGS);
    store<u16>(sa, <u16>AF_INET);
    store<u16>(sa, bswap<u16>(123), 2);
    store<u32>(sa, 0x0100007f, 4);
    expect(getnameinfo(sa, 16, host, 64, serv, 32, NI_DGRAM)).toBe(0);
    expect(String.UTF8.decodeUnsafe(host, <usize>strlen(host)) + " " + String.UTF8.decodeUnsafe(serv, <usize>strlen(serv))).toBe("127.0.0.1 ntp");
  });
});

describe("gethostbyname, getservbyname, getprotobyname", () => {
  beforeEach(() => fake_reset());

  it("gethostbyname fills a hostent; failures set h_errno; gethostbyaddr finds nothing (no reverse lookup)", () => {
    const h = changetype<hostent>(gethostbyname(cstr("localhost")));
    expect(changetype<usize>(h)).not.toBe(0);
    expect(h.h_addrtype).toBe(AF_INET);
    expect(h.h_length).toBe(4);
    const first = load<usize>(h.h_addr_list);
    expect(load<u32>(first)).toBe(0x0100007f);
    expect(load<usize>(h.h_addr_list, 4)).toBe(0, "one address, then NULL");
    const h6 = changetype<hostent>(gethostbyname2(cstr("::1"), AF_INET6));
    expect(h6.h_length).toBe(16);
    expect(gethostbyname(cstr("nowhere.test"))).toBe(0);
    expect(h_errno).toBe(HOST_NOT_FOUND);
    fake_fail_next("resolve-addresses", error_code.temporary_resolver_failure, 1);
    expect(gethostbyname(cstr("busy.test"))).toBe(0);
    expect(h_errno).toBe(TRY_AGAIN);
    expect(gethostbyaddr(first, 4, AF_INET)).toBe(0);
    expect(h_errno).toBe(HOST_NOT_FOUND);
  });

  it("services and protocols from the built-in tables", () => {
    const s = changetype<servent>(getservbyname(cstr("http"), cstr("tcp")));
    expect(bswap<u16>(<u16>s.s_port)).toBe(80);
    expect(String.UTF8.decodeUnsafe(s.s_proto, 3)).toBe("tcp");
    expect(getservbyname(cstr("http"), cstr("udp"))).toBe(0, "http is TCP only here");
    const n = changetype<servent>(getservbyport(<i32>bswap<u16>(53), cstr("udp")));
    expect(String.UTF8.decodeUnsafe(n.s_name, 6)).toBe("domain");
    expect(getservbyport(<i32>bswap<u16>(1), 0)).toBe(0);
    const p = changetype<protoent>(getprotobyname(cstr("udp")));
    expect(p.p_proto).toBe(17);
    expect(getprotobynumber(6)).not.toBe(0);
    expect(getprotobyname(cstr("sctp"))).toBe(0);
  });
});

describe("fuzz: random strings never trap and always answer with a valid code", () => {
  it("inet_pton and getaddrinfo over 5000 random strings (fixed seed)", () => {
    fake_reset();
    let seed: u32 = 12345;
    const alphabet = "0123456789abcdefABCDEF:.%[]- /_xyz\t";
    const buf = heap.alloc(64);
    const out = heap.alloc(16);
    for (let i = 0; i < 5000; i++) {
      seed = seed * 1103515245 + 12345;
      const len = (seed >> 16) % 40;
      for (let k: u32 = 0; k < len; k++) {
        seed = seed * 1103515245 + 12345;
        store<u8>(buf + <usize>k, <u8>alphabet.charCodeAt((seed >> 16) % alphabet.length));
      }
      store<u8>(buf + <usize>len, 0);
      const p = inet_pton(i & 1 ? AF_INET6 : AF_INET, buf, out);
      expect(p == 0 || p == 1).toBe(true);
      const r = getaddrinfo(buf, 0, hints(AF_UNSPEC, 0, AI_NUMERICHOST), RES);
      expect(r == 0 || r == EAI_NONAME).toBe(true, `code ${r}`);
      if (r == 0) freeaddrinfo(load<usize>(RES));
    }
    expect(fake_live_handles()).toBe(0);
  });
});

// Address text forms, table-driven. The expected answers are what glibc and
// musl give (recorded here as data): inet_pton's strict forms, RFC 5952
// output from inet_ntop, inet_aton's numbers-and-dots forms.
import { inet_pton, inet_ntop, inet_aton, inet_addr, inet_ntoa, INADDR_NONE, INET_ADDRSTRLEN, INET6_ADDRSTRLEN } from "../../include/arpa/inet";
import { AF_INET, AF_INET6, AF_UNIX } from "../../include/sys/socket";
import * as E from "../../include/errno";

const BIN = heap.alloc(16);
const OUT = heap.alloc(64);

// Kept reachable: a buffer known only by its address would be collected by the next allocation.
const KEEP: ArrayBuffer[] = [];
function cstr(s: string): usize {
  const b = String.UTF8.encode(s, true);
  KEEP.push(b);
  return changetype<usize>(b);
}

/** inet_pton then inet_ntop: the canonical text, or "invalid". */
function roundTrip(af: i32, text: string): string {
  if (inet_pton(af, cstr(text), BIN) != 1) return "invalid";
  if (inet_ntop(af, BIN, OUT, 64) == 0) return "ntop failed";
  return String.UTF8.decodeUnsafe(OUT, <usize>strlen(OUT));
}

function strlen(p: usize): i32 {
  let n = 0;
  while (load<u8>(p + <usize>n) != 0) n++;
  return n;
}

// [input, canonical output or "invalid"]
const V6: string[][] = [
  ["::", "::"],
  ["::1", "::1"],
  ["1::", "1::"],
  ["2001:db8::1", "2001:db8::1"],
  ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
  ["2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:db8::ff00:42:8329"],
  ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
  ["2001:db8::1:0:0:1", "2001:db8::1:0:0:1"],
  ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"],
  ["fe80::1:2:3:4", "fe80::1:2:3:4"],
  ["::ffff:192.0.2.1", "::ffff:192.0.2.1"],
  ["::ffff:c000:0201", "::ffff:192.0.2.1"],
  ["::192.0.2.1", "::192.0.2.1"], // glibc prints an IPv4-compatible tail dotted (musl: ::c000:201)
  ["1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"],
  ["1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"],
  ["0:0:0:0:0:0:0:0", "::"],
  ["1:0:0:0:0:0:0:0", "1::"],
  ["", "invalid"],
  [":", "invalid"],
  [":::", "invalid"],
  ["1:::2", "invalid"],
  ["1::2::3", "invalid"],
  ["12345::", "invalid"],
  ["1:2:3:4:5:6:7:8:9", "invalid"],
  ["1:2:3:4:5:6:7", "invalid"],
  ["1:2:3:4:5:6:7::8", "invalid"],
  ["fe80::1%eth0", "invalid"],
  ["fe80::1%1", "invalid"],
  ["::ffff:1.2.3", "invalid"],
  ["::ffff:1.2.3.256", "invalid"],
  ["::1.2.3.4:5", "invalid"],
  ["g::1", "invalid"],
  [" ::1", "invalid"],
  ["::1 ", "invalid"],
  ["1:", "invalid"],
  [":1", "invalid"],
  ["[::1]", "invalid"],
];

const V4: string[][] = [
  ["0.0.0.0", "0.0.0.0"],
  ["127.0.0.1", "127.0.0.1"],
  ["255.255.255.255", "255.255.255.255"],
  ["192.0.2.33", "192.0.2.33"],
  ["256.0.0.1", "invalid"],
  ["1.2.3", "invalid"],
  ["1.2.3.4.5", "invalid"],
  ["01.2.3.4", "invalid"],
  ["1.2.3.04", "invalid"],
  ["0x1.2.3.4", "invalid"],
  ["1..3.4", "invalid"],
  [".1.2.3", "invalid"],
  ["1.2.3.4.", "invalid"],
  ["1.2.3.-4", "invalid"],
  [" 1.2.3.4", "invalid"],
  ["", "invalid"],
  ["localhost", "invalid"],
];

// inet_aton: [input, dotted result or "invalid"]
const ATON: string[][] = [
  ["127.0.0.1", "127.0.0.1"],
  ["127.1", "127.0.0.1"],
  ["10.1.2", "10.1.0.2"],
  ["3232235777", "192.168.1.1"],
  ["0x7f.1", "127.0.0.1"],
  ["0177.0.0.1", "127.0.0.1"],
  ["0", "0.0.0.0"],
  ["0xffffffff", "255.255.255.255"],
  ["1.2.3.4", "1.2.3.4"],
  ["1.2.256", "1.2.1.0"],
  ["1.2.3.256", "invalid"],
  ["4294967296", "invalid"],
  ["08", "invalid"],
  ["0x", "invalid"],
  ["1.2.3.4.5", "invalid"],
  ["1.2.3.4 ", "1.2.3.4"], // glibc ignores what follows a space
  ["", "invalid"],
  ["a.b.c.d", "invalid"],
];

describe("inet_pton and inet_ntop", () => {
  it("IPv6: every valid RFC 4291 form, RFC 5952 output; every invalid one refused", () => {
    for (let i = 0; i < V6.length; i++) expect(roundTrip(AF_INET6, V6[i][0])).toBe(V6[i][1], V6[i][0]);
  });

  it("IPv4: strict dotted quads only", () => {
    for (let i = 0; i < V4.length; i++) expect(roundTrip(AF_INET, V4[i][0])).toBe(V4[i][1], V4[i][0]);
  });

  it("another family is EAFNOSUPPORT; a short buffer is ENOSPC; INET*_ADDRSTRLEN fit the longest forms", () => {
    expect(inet_pton(AF_UNIX, cstr("::1"), BIN)).toBe(-1);
    expect(E.errno).toBe(E.EAFNOSUPPORT);
    inet_pton(AF_INET6, cstr("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"), BIN);
    expect(inet_ntop(AF_INET6, BIN, OUT, INET6_ADDRSTRLEN)).toBe(OUT);
    expect(strlen(OUT)).toBe(39);
    inet_pton(AF_INET6, cstr("::ffff:255.255.255.255"), BIN);
    expect(inet_ntop(AF_INET6, BIN, OUT, 22)).toBe(0, "needs 23 with the NUL");
    expect(E.errno).toBe(E.ENOSPC);
    inet_pton(AF_INET, cstr("255.255.255.255"), BIN);
    expect(inet_ntop(AF_INET, BIN, OUT, INET_ADDRSTRLEN)).toBe(OUT);
    expect(inet_ntop(AF_INET, BIN, OUT, 15)).toBe(0);
    expect(E.errno).toBe(E.ENOSPC);
    expect(inet_ntop(99, BIN, OUT, 64)).toBe(0);
    expect(E.errno).toBe(E.EAFNOSUPPORT);
  });
});

describe("inet_aton, inet_addr, inet_ntoa", () => {
  it("the numbers-and-dots forms", () => {
    for (let i = 0; i < ATON.length; i++) {
      const ok = inet_aton(cstr(ATON[i][0]), BIN) == 1;
      const text = ok ? String.UTF8.decodeUnsafe(inet_ntoa(load<u32>(BIN)), <usize>strlen(inet_ntoa(load<u32>(BIN)))) : "invalid";
      expect(text).toBe(ATON[i][1], ATON[i][0]);
    }
  });

  it("inet_addr gives the address in network order, or INADDR_NONE", () => {
    expect(inet_addr(cstr("1.2.3.4"))).toBe(0x04030201);
    expect(inet_addr(cstr("nonsense"))).toBe(INADDR_NONE);
  });
});

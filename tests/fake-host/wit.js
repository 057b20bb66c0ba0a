// A small WIT reader for the fake host's self-check (tests/fake-host/check.js).
//
// It reads the WASI packages that the pinned @bytecodealliance/jco ships,
// lists every function an interface exports (with its lowered import field
// name), and computes what the canonical ABI makes of it: the core parameter
// list (with the trailing return pointer when there is more than one flat
// result) and, for functions returning `result<…>`, the byte offset of the
// payload in the return area. Only the WIT subset these packages use is
// understood: interfaces, resources, use, type, enum, flags, record, variant,
// functions; worlds are skipped.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

export const SHIPPED_VERSION = "0.2.12";

/** The directory holding jco's shipped WASI WIT packages. */
export function jcoWitDir(version = SHIPPED_VERSION) {
  const require = createRequire(import.meta.url);
  for (const base of require.resolve.paths("@bytecodealliance/jco") ?? []) {
    const dir = path.join(base, "@bytecodealliance", "jco", "lib", "wit", "builtin", version);
    if (fs.existsSync(dir)) return dir;
  }
  throw new Error(`@bytecodealliance/jco with WIT ${version} is not installed`);
}

// ---- tokens -----------------------------------------------------------------
function tokenize(text) {
  const src = text.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, " ");
  const re = /\s*(->|\d+\.\d+\.\d+(?:-[A-Za-z0-9.]+)?|%?[A-Za-z_][A-Za-z0-9_-]*|\d+|[{}()<>,;:=.\/@*_])/y;
  const out = [];
  let m;
  re.lastIndex = 0;
  while (re.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(re.lastIndex))) break;
    m = re.exec(src);
    if (!m) throw new Error(`WIT: cannot read near ${JSON.stringify(src.slice(re.lastIndex, re.lastIndex + 40))}`);
    out.push(m[1]);
  }
  return out;
}

class Reader {
  constructor(tokens) { this.t = tokens; this.i = 0; }
  peek(k = 0) { return this.t[this.i + k]; }
  next() { return this.t[this.i++]; }
  eat(tok) { if (this.peek() === tok) { this.i++; return true; } return false; }
  expect(tok) {
    const got = this.next();
    if (got !== tok) throw new Error(`WIT: expected ${tok}, got ${got} (token ${this.i})`);
    return got;
  }
  ident() { return this.next().replace(/^%/, ""); }
  /** Skips a balanced (…) group; the reader is at its "(". */
  skipParens() {
    let depth = 0;
    do {
      const t = this.next();
      if (t === "(") depth++;
      else if (t === ")") depth--;
    } while (depth > 0);
  }
  skipBraces() {
    let depth = 0;
    do {
      const t = this.next();
      if (t === "{") depth++;
      else if (t === "}") depth--;
    } while (depth > 0);
  }
}

// ---- parsing ------------------------------------------------------------------
/** Reads gates (@since, @unstable, @deprecated); returns the unstable feature, if any. */
function gates(r) {
  let unstable = null;
  while (r.peek() === "@") {
    r.next();
    const name = r.ident();
    if (name === "unstable") {
      r.expect("(");
      r.ident(); r.expect("="); unstable = r.ident();
      r.expect(")");
    } else r.skipParens();
  }
  return unstable;
}

function parseType(r) {
  const name = r.ident();
  if (["list", "option", "borrow", "own"].includes(name) && r.peek() === "<") {
    r.expect("<");
    const inner = parseType(r);
    r.expect(">");
    return { kind: name, inner };
  }
  if (name === "tuple") {
    r.expect("<");
    const items = [];
    do items.push(parseType(r)); while (r.eat(","));
    r.expect(">");
    return { kind: "tuple", items };
  }
  if (name === "result") {
    let ok = null, err = null;
    if (r.eat("<")) {
      if (r.eat("_")) { r.expect(","); err = parseType(r); }
      else { ok = parseType(r); if (r.eat(",")) err = parseType(r); }
      r.expect(">");
    }
    return { kind: "result", ok, err };
  }
  return { kind: "name", name };
}

function parseFunc(r) {
  r.expect("(");
  const params = [];
  while (!r.eat(")")) {
    const name = r.ident();
    r.expect(":");
    params.push({ name, type: parseType(r) });
    r.eat(",");
  }
  let result = null;
  if (r.eat("->")) result = parseType(r);
  r.expect(";");
  return { params, result };
}

/** The interface body: types (by local name), functions, resources, uses. */
function parseInterface(r, pkg, name) {
  const iface = { pkg, name, types: new Map(), funcs: [], resources: [], uses: [] };
  r.expect("{");
  while (!r.eat("}")) {
    const unstable = gates(r);
    const kw = r.peek();
    if (kw === "use") {
      r.next();
      // use a.{x, y as z};  |  use ns:pkg/iface@v.{x};
      let target = r.ident();
      if (r.peek() === ":") {
        r.next();
        const p = r.ident(); r.expect("/");
        const i = r.ident();
        if (r.eat("@")) r.next();
        target = `${target}:${p}/${i}`;
      } else target = `${pkg}/${target}`;
      r.expect("."); r.expect("{");
      while (!r.eat("}")) {
        const orig = r.ident();
        let local = orig;
        if (r.peek() === "as") { r.next(); local = r.ident(); }
        iface.uses.push({ target, orig, local });
        iface.types.set(local, { kind: "use", target, orig });
        r.eat(",");
      }
      r.expect(";");
    } else if (kw === "type") {
      r.next();
      const n = r.ident(); r.expect("=");
      iface.types.set(n, { kind: "alias", type: parseType(r) });
      r.expect(";");
    } else if (kw === "enum" || kw === "flags") {
      r.next();
      const n = r.ident(); r.expect("{");
      const cases = [];
      while (!r.eat("}")) { gates(r); cases.push(r.ident()); r.eat(","); }
      iface.types.set(n, { kind: kw, cases });
    } else if (kw === "record") {
      r.next();
      const n = r.ident(); r.expect("{");
      const fields = [];
      while (!r.eat("}")) { gates(r); const f = r.ident(); r.expect(":"); fields.push({ name: f, type: parseType(r) }); r.eat(","); }
      iface.types.set(n, { kind: "record", fields });
    } else if (kw === "variant") {
      r.next();
      const n = r.ident(); r.expect("{");
      const cases = [];
      while (!r.eat("}")) {
        gates(r);
        const c = r.ident();
        let type = null;
        if (r.eat("(")) { type = parseType(r); r.expect(")"); }
        cases.push({ name: c, type });
        r.eat(",");
      }
      iface.types.set(n, { kind: "variant", cases });
    } else if (kw === "resource") {
      r.next();
      const n = r.ident();
      iface.types.set(n, { kind: "resource" });
      iface.resources.push({ name: n, unstable });
      if (r.eat(";")) continue;
      r.expect("{");
      while (!r.eat("}")) {
        const fu = gates(r);
        if (r.peek() === "constructor") {
          r.next();
          const f = parseFunc(r);
          iface.funcs.push({ field: `[constructor]${n}`, resource: n, method: false, ...f, unstable: fu ?? unstable });
          continue;
        }
        const fname = r.ident(); r.expect(":");
        const isStatic = r.eat("static");
        r.expect("func");
        const f = parseFunc(r);
        iface.funcs.push({
          field: `${isStatic ? "[static]" : "[method]"}${n}.${fname}`, resource: n, method: !isStatic,
          ...f, unstable: fu ?? unstable,
        });
      }
    } else {
      const fname = r.ident(); r.expect(":"); r.expect("func");
      iface.funcs.push({ field: fname, resource: null, method: false, ...parseFunc(r), unstable });
    }
  }
  return iface;
}

/** Every interface of one package file, keyed "ns:pkg/iface". */
export function parsePackage(text) {
  const r = new Reader(tokenize(text));
  const out = new Map();
  let pkg = null;
  while (r.peek() !== undefined) {
    const unstable = gates(r);
    const kw = r.next();
    if (kw === "package") {
      const ns = r.ident(); r.expect(":"); const name = r.ident();
      if (r.eat("@")) r.next();
      r.expect(";");
      pkg = `${ns}:${name}`;
    } else if (kw === "interface") {
      const name = r.ident();
      const iface = parseInterface(r, pkg, name);
      iface.unstable = unstable;
      out.set(`${pkg}/${name}`, iface);
    } else if (kw === "world") {
      r.ident();
      r.skipBraces();
    } else throw new Error(`WIT: unexpected ${kw}`);
  }
  return out;
}

/** All interfaces of the given jco package directories (e.g. "wasi-io"). */
export function loadInterfaces(packages = ["wasi-io", "wasi-clocks", "wasi-sockets", "wasi-cli"], dir = jcoWitDir()) {
  const all = new Map();
  for (const p of packages) {
    for (const [k, v] of parsePackage(fs.readFileSync(path.join(dir, p, "package.wit"), "utf8"))) all.set(k, v);
  }
  return all;
}

// ---- canonical ABI ------------------------------------------------------------------
const PRIM = {
  bool: [1, 1, ["i32"]], u8: [1, 1, ["i32"]], s8: [1, 1, ["i32"]], u16: [2, 2, ["i32"]], s16: [2, 2, ["i32"]],
  u32: [4, 4, ["i32"]], s32: [4, 4, ["i32"]], char: [4, 4, ["i32"]], u64: [8, 8, ["i64"]], s64: [8, 8, ["i64"]],
  f32: [4, 4, ["f32"]], f64: [8, 8, ["f64"]], string: [8, 4, ["i32", "i32"]],
};
const alignTo = (n, a) => Math.ceil(n / a) * a;
const discSize = (n) => (n <= 256 ? 1 : n <= 65536 ? 2 : 4);
function join(a, b) {
  if (a === b) return a;
  if ((a === "i32" && b === "f32") || (a === "f32" && b === "i32")) return "i32";
  return "i64";
}

export class Abi {
  constructor(interfaces) { this.ifaces = interfaces; }

  /** Follows names, aliases and uses to a structural type. */
  resolve(type, iface) {
    for (;;) {
      if (type.kind !== "name") return { type, iface };
      if (PRIM[type.name]) return { type: { kind: "prim", name: type.name }, iface };
      const def = iface.types.get(type.name);
      if (!def) throw new Error(`WIT: unknown type ${type.name} in ${iface.pkg}/${iface.name}`);
      if (def.kind === "use") {
        const target = this.ifaces.get(def.target);
        if (!target) throw new Error(`WIT: unknown interface ${def.target}`);
        iface = target;
        type = { kind: "name", name: def.orig };
      } else if (def.kind === "alias") type = def.type;
      else return { type: def, iface };
    }
  }

  /** [size, align, flat core types] of a type. */
  layout(type, iface) {
    const { type: t, iface: at } = this.resolve(type, iface);
    switch (t.kind) {
      case "prim": return PRIM[t.name];
      case "resource": case "own": case "borrow": return [4, 4, ["i32"]];
      case "list": return [8, 4, ["i32", "i32"]];
      case "enum": { const s = discSize(t.cases.length); return [s, s, ["i32"]]; }
      case "flags": { const n = t.cases.length; const s = n <= 8 ? 1 : n <= 16 ? 2 : 4 * Math.ceil(n / 32); return [s, Math.min(s, 4), Array(Math.max(1, Math.ceil(n / 32))).fill("i32")]; }
      case "record": return this.struct(t.fields.map((f) => f.type), at);
      case "tuple": return this.struct(t.items, at);
      case "option": return this.variant([null, t.inner], at);
      case "result": return this.variant([t.ok, t.err], at);
      case "variant": return this.variant(t.cases.map((c) => c.type), at);
      default: throw new Error(`WIT: no layout for ${t.kind}`);
    }
  }

  struct(types, iface) {
    let size = 0, align = 1;
    const flat = [];
    for (const ty of types) {
      const [s, a, f] = this.layout(ty, iface);
      size = alignTo(size, a) + s;
      align = Math.max(align, a);
      flat.push(...f);
    }
    return [alignTo(size, align), align, flat];
  }

  variant(cases, iface) {
    const d = discSize(cases.length);
    let maxSize = 0, maxAlign = d;
    const flat = [];
    for (const c of cases) {
      if (!c) continue;
      const [s, a, f] = this.layout(c, iface);
      maxSize = Math.max(maxSize, s);
      maxAlign = Math.max(maxAlign, a);
      f.forEach((ty, i) => { flat[i] = flat[i] === undefined ? ty : join(flat[i], ty); });
    }
    const payload = alignTo(d, maxAlign);
    return [alignTo(payload + maxSize, maxAlign), maxAlign, ["i32", ...flat]];
  }

  /** Where the payload of a variant/result/option sits in memory. */
  payloadOffset(type, iface) {
    const { type: t, iface: at } = this.resolve(type, iface);
    const cases = t.kind === "result" ? [t.ok, t.err] : t.kind === "option" ? [null, t.inner] : t.cases.map((c) => c.type);
    let maxAlign = discSize(cases.length);
    for (const c of cases) if (c) maxAlign = Math.max(maxAlign, this.layout(c, at)[1]);
    return alignTo(discSize(cases.length), maxAlign);
  }

  /** The lowered import of a function: core params/results and result layout facts. */
  lower(func, iface) {
    let params = [];
    if (func.method) params.push("i32");
    for (const p of func.params) params.push(...this.layout(p.type, iface)[2]);
    if (params.length > 16) params = ["i32"];
    let results = func.result ? this.layout(func.result, iface)[2] : [];
    let retptr = false;
    if (results.length > 1) { params.push("i32"); results = []; retptr = true; }
    let errorOffset = null, returnsResult = false;
    if (func.result) {
      const { type: t } = this.resolve(func.result, iface);
      if (t.kind === "result") { returnsResult = true; errorOffset = this.payloadOffset(func.result, iface); }
    }
    return { params, results, retptr, returnsResult, errorOffset };
  }
}

/**
 * Every lowered import of the named interfaces at `version`:
 * [{module, field, params, results, retptr, errorOffset, errorType, unstable}].
 */
export function loweredImports(names, { version = "0.2.0", interfaces = loadInterfaces() } = {}) {
  const abi = new Abi(interfaces);
  const out = [];
  for (const key of names) {
    const iface = interfaces.get(key);
    if (!iface) throw new Error(`WIT: no interface ${key}`);
    const module = `${key}@${version}`;
    for (const f of iface.funcs) {
      const low = abi.lower(f, iface);
      let errorType = null;
      if (low.returnsResult) {
        const { type: t } = abi.resolve(f.result, iface);
        if (t.err) errorType = abi.resolve(t.err, iface).type === abi.resolve({ kind: "name", name: "stream-error" }, interfaces.get("wasi:io/streams")).type ? "stream-error" : t.err.name ?? "other";
      }
      out.push({ module, field: f.field, ...low, errorType, unstable: f.unstable ?? iface.unstable ?? null });
    }
    for (const r of iface.resources) {
      out.push({ module, field: `[resource-drop]${r.name}`, params: ["i32"], results: [], retptr: false, returnsResult: false, errorOffset: null, errorType: null, unstable: r.unstable ?? iface.unstable ?? null });
    }
  }
  return out;
}

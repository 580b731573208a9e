/** String functions. Symbolic tokens are kept whole; a function that must read their text gives unknown. */
import { hasSymbol, isMap, UnknownValue, type Value } from "../../model/value.ts";
import type { FunctionCall, FunctionDef } from "./evaluate.ts";
import { fail, graphemes, int, list, num, segments, str, text } from "./function-args.ts";
import { jsonText } from "./functions-encoding.ts";
import { numberToString, typeName } from "./values.ts";

type Impl = FunctionDef["impl"];
const fn = (min: number, max: number, impl: Impl, partial = false): FunctionDef => ({ min, max, impl, partial });

export const stringFunctions: Readonly<Record<string, FunctionDef>> = {
  format: fn(1, Infinity, ([spec, ...rest], call) => format(text(spec!, call), rest, call)),
  formatlist: fn(1, Infinity, ([spec, ...rest], call) => formatlist(text(spec!, call), rest, call)),
  join: fn(1, Infinity, ([sep, ...lists], call) => {
    const parts: string[] = [];
    for (const l of lists) for (const item of list(l!, call)) parts.push(str(item, call));
    return parts.join(str(sep!, call));
  }),
  split: fn(2, 2, ([sep, s], call) => splitKeepingTokens(str(s!, call), str(sep!, call))),
  lower: fn(1, 1, ([s], call) =>
    // Symbolic names (bucket names, regions, account IDs) are lower case already: tokens stay as they are.
    segments(str(s!, call))
      .map((x) => (x.token ? x.text : x.text.toLowerCase()))
      .join(""),
  ),
  upper: fn(1, 1, ([s], call) => text(s!, call).toUpperCase()),
  title: fn(1, 1, ([s], call) => text(s!, call).replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase())),
  strrev: fn(1, 1, ([s], call) => graphemes(text(s!, call)).reverse().join("")),
  substr: fn(3, 3, ([s, o, l], call) => substr(text(s!, call), int(o!, call), int(l!, call), call)),
  replace: fn(3, 3, ([s, sub, rep], call) => replace(str(s!, call), str(sub!, call), str(rep!, call), call)),
  trimspace: fn(1, 1, ([s], call) => str(s!, call).replace(/^\p{White_Space}+|\p{White_Space}+$/gu, "")),
  chomp: fn(1, 1, ([s], call) => str(s!, call).replace(/(?:\r\n|\n|\r)+$/, "")),
  trim: fn(2, 2, ([s, cut], call) => {
    const chars = new Set(graphemes(str(cut!, call)));
    const g = graphemes(str(s!, call));
    let a = 0;
    let b = g.length;
    while (a < b && chars.has(g[a]!)) a++;
    while (b > a && chars.has(g[b - 1]!)) b--;
    return g.slice(a, b).join("");
  }),
  trimprefix: fn(2, 2, ([s, p], call) => trimEdge(str(s!, call), str(p!, call), "start")),
  trimsuffix: fn(2, 2, ([s, p], call) => trimEdge(str(s!, call), str(p!, call), "end")),
  startswith: fn(2, 2, ([s, p], call) => edgeMatch(str(s!, call), str(p!, call), "start")),
  endswith: fn(2, 2, ([s, p], call) => edgeMatch(str(s!, call), str(p!, call), "end")),
  strcontains: fn(2, 2, ([s, sub], call) => {
    const hay = str(s!, call);
    const needle = str(sub!, call);
    if (hay.includes(needle)) return true;
    return hasSymbol(hay) ? new UnknownValue("known-after-apply", "strcontains on a value known only by identity") : false;
  }),
  indent: fn(2, 2, ([n, s], call) => str(s!, call).replace(/\n/g, "\n" + " ".repeat(int(n!, call)))),
  regex: fn(2, 2, ([re, s], call) => {
    const m = compileRegex(text(re!, call), call, "");
    const found = m.regexp.exec(text(s!, call));
    if (found === null) fail(call, "pattern did not match any part of the given string");
    return captures(found, m.names);
  }),
  regexall: fn(2, 2, ([re, s], call) => {
    const m = compileRegex(text(re!, call), call, "g");
    return Array.from(text(s!, call).matchAll(m.regexp), (found) => captures(found, m.names));
  }),
  tostring: fn(1, 1, ([v], call) => {
    if (v === null || typeof v === "string") return v!;
    if (typeof v === "number") return numberToString(v);
    if (typeof v === "boolean") return String(v);
    return fail(call, `cannot convert a ${typeName(v!)} to a string`);
  }),
};

function substr(s: string, offset: number, length: number, call: FunctionCall): string {
  const g = graphemes(s);
  let start = offset < 0 ? g.length + offset : offset;
  if (start < 0) start = 0;
  if (start > g.length) fail(call, "offset is beyond the end of the string");
  const end = length < 0 ? g.length : Math.min(g.length, start + length);
  return g.slice(start, end).join("");
}

/** Splits known text at `sep`; symbolic tokens are taken not to contain it. */
function splitKeepingTokens(s: string, sep: string): string[] {
  if (!hasSymbol(s) || sep === "") return sep === "" ? graphemes(s) : s.split(sep);
  const out: string[] = [""];
  for (const seg of segments(s)) {
    if (seg.token) {
      out[out.length - 1] += seg.text;
      continue;
    }
    const pieces = seg.text.split(sep);
    out[out.length - 1] += pieces[0]!;
    out.push(...pieces.slice(1));
  }
  return out;
}

function trimEdge(s: string, affix: string, side: "start" | "end"): Value {
  const m = edgeMatch(s, affix, side);
  if (m instanceof UnknownValue) return m;
  if (!m) return s;
  return side === "start" ? s.slice(affix.length) : s.slice(0, s.length - affix.length);
}

/** Whether s starts (ends) with the affix, reading only its known text. */
function edgeMatch(s: string, affix: string, side: "start" | "end"): boolean | UnknownValue {
  const segs = segments(s);
  const edge = side === "start" ? segs[0] : segs[segs.length - 1];
  const known = edge === undefined || edge.token ? "" : edge.text;
  const whole = segs.length <= 1 && !(edge?.token ?? false);
  if (side === "start" ? known.startsWith(affix) : known.endsWith(affix)) return true;
  if (whole) return false;
  const overlaps = side === "start" ? affix.startsWith(known) : affix.endsWith(known);
  return overlaps ? new UnknownValue("known-after-apply", "text known only by identity") : false;
}

function replace(s: string, sub: string, rep: string, call: FunctionCall): Value {
  if (sub.length >= 2 && sub.startsWith("/") && sub.endsWith("/")) {
    if (hasSymbol(s)) return new UnknownValue("known-after-apply", "replace on a value known only by identity");
    const { regexp } = compileRegex(sub.slice(1, -1), call, "g");
    return s.replace(regexp, (...m: unknown[]) => expandReplacement(rep, m));
  }
  if (sub === "") return s;
  // Literal replacement in the known text; symbolic tokens are taken not to contain `sub`.
  return segments(s)
    .map((x) => (x.token ? x.text : x.text.split(sub).join(rep)))
    .join("");
}

/** Go's template for replacements: `$1`, `${1}`, `$name`, `${name}`, `$$`. */
function expandReplacement(rep: string, match: unknown[]): string {
  const groups = typeof match[match.length - 1] === "object" ? (match[match.length - 1] as Record<string, string | undefined>) : {};
  return rep.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_all, ch: string, braced?: string, bare?: string) => {
    if (ch === "$") return "$";
    const name = braced ?? bare ?? "";
    if (/^\d+$/.test(name)) {
      const v = match[Number(name)];
      return typeof v === "string" ? v : "";
    }
    return groups[name] ?? "";
  });
}

/** RE2 syntax to a JS RegExp: named groups `(?P<n>`, leading flags `(?i)`, `\A`, `\z`. */
export function compileRegex(pattern: string, call: FunctionCall, flags: string): { regexp: RegExp; names: string[] } {
  let src = pattern.replace(/\(\?P</g, "(?<");
  let f = flags;
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead !== null) {
    for (const c of lead[1]!) if (c !== "U" && !f.includes(c)) f += c;
    src = src.slice(lead[0].length);
  }
  src = src.replace(/\\A/g, "^").replace(/\\z/g, "$(?![\\s\\S])");
  const names = Array.from(src.matchAll(/\(\?<([A-Za-z_]\w*)>/g), (m) => m[1]!);
  for (const attempt of [f + "u", f]) {
    try {
      return { regexp: new RegExp(src, attempt), names };
    } catch {
      // try without the unicode flag: RE2 accepts escapes that unicode mode rejects
    }
  }
  return fail(call, `invalid regular expression ${JSON.stringify(pattern)}`);
}

/** A match as `regex` returns it: the whole match, a list of groups, or a map of named groups. */
function captures(m: RegExpMatchArray, names: readonly string[]): Value {
  if (names.length > 0) return Object.fromEntries(names.map((n) => [n, m.groups?.[n] ?? ""]));
  if (m.length > 1) return m.slice(1).map((g) => g ?? "");
  return m[0];
}

function format(spec: string, args: readonly Value[], call: FunctionCall): string {
  let out = "";
  let next = 0;
  let used = 0;
  const re = /%(?:%|(\[\d+\])?([-+# 0]*)(\d+)?(?:\.(\d*))?([a-zA-Z]))/g;
  let last = 0;
  for (const m of spec.matchAll(re)) {
    out += spec.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[0] === "%%") {
      out += "%";
      continue;
    }
    const [, index, flags = "", width, precision, verb = ""] = m;
    if (index !== undefined) next = Number(index.slice(1, -1)) - 1;
    if (next >= args.length || next < 0) fail(call, `not enough arguments for ${m[0]}`);
    const arg = args[next++]!;
    used = Math.max(used, next);
    out += pad(formatOne(arg, verb, flags, precision, call), flags, width);
  }
  out += spec.slice(last);
  if (used < args.length) fail(call, `too many arguments; only ${used} used by the format string`);
  return out;
}

function formatOne(arg: Value, verb: string, flags: string, precision: string | undefined, call: FunctionCall): string {
  const p = precision === undefined ? undefined : precision === "" ? 0 : Number(precision);
  switch (verb) {
    case "v":
      if (flags.includes("#")) return jsonText(arg);
      return arg === null ? "null" : typeof arg === "object" ? jsonText(arg) : str(arg, call);
    case "s": {
      const s = str(arg, call);
      return p === undefined ? s : graphemes(s).slice(0, p).join("");
    }
    case "q":
      return JSON.stringify(str(arg, call));
    case "t":
      if (typeof arg !== "boolean") fail(call, `%t requires a bool, not ${typeName(arg)}`);
      return String(arg);
    case "d":
    case "b":
    case "o":
    case "x":
    case "X": {
      const n = num(arg, call);
      if (!Number.isInteger(n)) fail(call, `%${verb} requires a whole number`);
      const radix = verb === "d" ? 10 : verb === "b" ? 2 : verb === "o" ? 8 : 16;
      let s = Math.abs(n).toString(radix);
      if (verb === "X") s = s.toUpperCase();
      return sign(n, flags) + s;
    }
    case "f":
    case "F":
    case "e":
    case "E":
    case "g":
    case "G": {
      const n = num(arg, call);
      const abs = Math.abs(n);
      let s: string;
      if (verb === "f" || verb === "F") s = abs.toFixed(p ?? 6);
      else if (verb === "e" || verb === "E") s = goExponent(abs.toExponential(p ?? 6));
      else s = p === undefined ? numberToString(abs) : String(Number(abs.toPrecision(p || 1)));
      if (verb === "E" || verb === "G") s = s.toUpperCase();
      return sign(n, flags) + s;
    }
    default:
      if (isMap(arg) || Array.isArray(arg)) return jsonText(arg);
      return fail(call, `unsupported format verb %${verb}`);
  }
}

function goExponent(s: string): string {
  // JS writes 1.5e+2, Go 1.5e+02.
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

function sign(n: number, flags: string): string {
  return n < 0 ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
}

function pad(s: string, flags: string, width: string | undefined): string {
  const w = width === undefined ? 0 : Number(width);
  const len = graphemes(s).length;
  if (len >= w) return s;
  if (flags.includes("-")) return s + " ".repeat(w - len);
  if (flags.includes("0") && /^[+\- ]?\d/.test(s)) {
    const signChar = /^[+\- ]/.test(s) ? s[0]! : "";
    return signChar + "0".repeat(w - len) + s.slice(signChar.length);
  }
  return " ".repeat(w - len) + s;
}

function formatlist(spec: string, args: readonly Value[], call: FunctionCall): Value {
  let n: number | undefined;
  for (const a of args) {
    if (!Array.isArray(a)) continue;
    const len = (a as readonly Value[]).length;
    if (n !== undefined && n !== len) fail(call, "all list arguments must have the same length");
    n = len;
  }
  if (n === undefined) return [format(spec, args, call)];
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(format(spec, args.map((a) => (Array.isArray(a) ? (a as readonly Value[])[i]! : a)), call));
  return out;
}

/**
 * Value helpers for the Terraform evaluator: the two unknowns that still carry some knowledge,
 * sets, object construction that is safe for any key, number formatting, equality with
 * unknowns and symbolic tokens.
 */
import { hasSymbol, isMap, UnknownValue, type UnknownReason, type Value, type ValueMap } from "../../model/value.ts";

/**
 * An unknown string that is known to be the JSON encoding of `document`, a value with unknown
 * parts (`jsonencode` of a partly unknown object, an `aws_iam_policy_document` with an unknown
 * resource). Everything else treats it as unknown; a policy reader may use `document`.
 */
export class PartialJson extends UnknownValue {
  constructor(
    readonly document: Value,
    reason: UnknownReason,
    detail?: string,
  ) {
    super(reason, detail);
  }
}

/**
 * The instances of a resource or module whose `count` or `for_each` is unknown: a collection of
 * unknown size and keys whose every element looks like `element`. Indexing it gives `element`.
 */
export class UnknownInstances extends UnknownValue {
  constructor(
    readonly element: Value,
    reason: UnknownReason,
    detail?: string,
  ) {
    super(reason, detail);
  }
}

const sets = new WeakSet<readonly Value[]>();

/** Marks an array as a Terraform set (unordered, distinct: kept sorted here). */
export function markSet<T extends readonly Value[]>(list: T): T {
  sets.add(list);
  return list;
}

export function isSetValue(v: Value): boolean {
  return Array.isArray(v) && sets.has(v as readonly Value[]);
}

/** A set from values: distinct, in Terraform's order (strings lexically, numbers ascending). */
export function makeSet(items: readonly Value[]): readonly Value[] {
  const out: Value[] = [];
  for (const item of items) if (!out.some((x) => sameValue(x, item))) out.push(item);
  out.sort(compareForSet);
  return markSet(out);
}

function compareForSet(a: Value, b: Value): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return 0;
}

/** A plain unknown with the reason of `v`'s first unknown part (the subclasses' knowledge dropped). */
export function unknownFrom(v: Value): UnknownValue {
  const u = firstUnknown(v);
  if (u === undefined) return new UnknownValue("unsupported-expression");
  return u.detail === undefined ? new UnknownValue(u.reason) : new UnknownValue(u.reason, u.detail);
}

export function firstUnknown(v: Value): UnknownValue | undefined {
  if (v instanceof UnknownValue) return v;
  if (Array.isArray(v)) {
    for (const x of v as readonly Value[]) {
      const u = firstUnknown(x);
      if (u !== undefined) return u;
    }
  } else if (isMap(v)) {
    for (const x of Object.values(v)) {
      const u = firstUnknown(x);
      if (u !== undefined) return u;
    }
  }
  return undefined;
}

/** Builds an object from entries; any key is an own data property (even `__proto__`). */
export function makeObject(entries: Iterable<readonly [string, Value]>): ValueMap {
  // A loop of assignments is several times faster than Object.fromEntries; only `__proto__` needs defining.
  const o: Record<string, Value> = {};
  for (const [k, v] of entries) {
    if (k === "__proto__") Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
    else o[k] = v;
  }
  return o;
}

/** An own property of an object value, never an inherited one. */
export function own(o: ValueMap, key: string): Value | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** Keys in Terraform's order (lexical by UTF-16 code units, as in Go for ASCII keys). */
export function sortedKeys(o: ValueMap): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export type TypeName = "string" | "number" | "bool" | "null" | "list" | "object" | "unknown";

export function typeName(v: Value): TypeName {
  if (v === null) return "null";
  if (v instanceof UnknownValue) return "unknown";
  if (Array.isArray(v)) return "list";
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "bool";
    default:
      return "object";
  }
}

/** A number as Terraform writes it: integers without a fraction, never an exponent. */
export function numberToString(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : n < 0 ? "-Inf" : "NaN";
  if (Object.is(n, -0)) return "0";
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const [mantissa = "", expPart = "0"] = s.split(/e/i);
  const exp = Number(expPart);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const pointAt = (mantissa.replace("-", "").indexOf(".") + 1 || mantissa.replace("-", "").length + 1) - 1 + exp;
  let out: string;
  if (pointAt <= 0) out = "0." + "0".repeat(-pointAt) + digits;
  else if (pointAt >= digits.length) out = digits + "0".repeat(pointAt - digits.length);
  else out = digits.slice(0, pointAt) + "." + digits.slice(pointAt);
  return (negative ? "-" : "") + out;
}

/** Arithmetic results rounded to 14 significant digits, hiding binary floating point noise (0.1 + 0.2 = 0.3). */
export function tidyNumber(n: number): number {
  if (!Number.isFinite(n) || Number.isInteger(n)) return n;
  return Number(n.toPrecision(14));
}

/** Structural identity of two values, unknowns compared by identity of reason and detail. */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a instanceof UnknownValue || b instanceof UnknownValue) {
    return a instanceof UnknownValue && b instanceof UnknownValue && a.reason === b.reason && a.detail === b.detail;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return false;
    const x = a as readonly Value[];
    const y = b as readonly Value[];
    return x.length === y.length && x.every((v, i) => sameValue(v, y[i]!));
  }
  if (isMap(a)) {
    if (!isMap(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue(a[k]!, b[k]!));
  }
  return false;
}

/**
 * Terraform `==`: true, false, or unknown when an unknown part or a symbolic token could make the
 * values equal or not. A definite difference in known parts is false even when other parts are unknown.
 */
export function valueEquals(a: Value, b: Value): boolean | UnknownValue {
  if (a instanceof UnknownValue) return unknownFrom(a);
  if (b instanceof UnknownValue) return unknownFrom(b);
  if (typeof a === "string" && typeof b === "string") return stringsEqual(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return false;
    const x = a as readonly Value[];
    const y = b as readonly Value[];
    if (x.length !== y.length) return false;
    return combineEquals(x.map((v, i) => valueEquals(v, y[i]!)));
  }
  if (isMap(a) || isMap(b)) {
    if (!isMap(a) || !isMap(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length || !ka.every((k) => Object.hasOwn(b, k))) return false;
    return combineEquals(ka.map((k) => valueEquals(a[k]!, b[k]!)));
  }
  return a === b;
}

function combineEquals(results: readonly (boolean | UnknownValue)[]): boolean | UnknownValue {
  let unknown: UnknownValue | undefined;
  for (const r of results) {
    if (r === false) return false;
    if (r instanceof UnknownValue) unknown ??= r;
  }
  return unknown ?? true;
}

/** String equality where symbolic tokens stand for unknown text of a known identity. */
export function stringsEqual(a: string, b: string): boolean | UnknownValue {
  if (a === b) return true;
  if (!hasSymbol(a) && !hasSymbol(b)) return false;
  // The known text before the first token and after the last token must agree.
  const head = (s: string): string => s.slice(0, s.indexOf("\uE000") < 0 ? s.length : s.indexOf("\uE000"));
  const tail = (s: string): string => (s.lastIndexOf("\uE001") < 0 ? s : s.slice(s.lastIndexOf("\uE001") + 1));
  const ha = head(a);
  const hb = head(b);
  const n = Math.min(ha.length, hb.length);
  if (ha.slice(0, n) !== hb.slice(0, n)) return false;
  const ta = tail(a);
  const tb = tail(b);
  const m = Math.min(ta.length, tb.length);
  if (ta.slice(ta.length - m) !== tb.slice(tb.length - m)) return false;
  return new UnknownValue("known-after-apply", "comparison with a value known only by identity");
}

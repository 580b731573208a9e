/** Collection and number functions. `partial` ones keep unknown elements where Terraform can. */
import { isMap, UnknownValue, type Value } from "../../model/value.ts";
import type { FunctionCall, FunctionDef } from "./evaluate.ts";
import { bool, fail, graphemes, int, list, map, num, str, text, unknownArg } from "./function-args.ts";
import {
  firstUnknown,
  makeObject,
  makeSet,
  own,
  sortedKeys,
  tidyNumber,
  typeName,
  unknownFrom,
  valueEquals,
} from "./values.ts";

type Impl = FunctionDef["impl"];
const fn = (min: number, max: number, impl: Impl, partial = false): FunctionDef => ({ min, max, impl, partial });

/** Wraps an implementation so that a top-level unknown argument gives an unknown result. */
const known =
  (impl: Impl): Impl =>
  (args, call) =>
    unknownArg(args) ?? impl(args, call);

export const collectionFunctions: Readonly<Record<string, FunctionDef>> = {
  length: fn(
    1,
    1,
    known(([v], call) => {
      if (typeof v === "string") return graphemes(text(v, call)).length;
      if (Array.isArray(v)) return (v as readonly Value[]).length;
      if (isMap(v)) return Object.keys(v).length;
      return fail(call, `cannot take the length of ${v === null ? "null" : typeName(v!)}`);
    }),
    true,
  ),
  concat: fn(0, Infinity, known((args, call) => args.flatMap((a) => list(a, call))), true),
  merge: fn(
    0,
    Infinity,
    known((args, call) => {
      const entries = new Map<string, Value>();
      for (const a of args) {
        if (a === null) continue;
        const m = map(a, call);
        for (const k of Object.keys(m)) entries.set(k, m[k]!);
      }
      return makeObject(entries);
    }),
    true,
  ),
  lookup: fn(
    2,
    3,
    known(([m, k, d], call) => {
      const v = own(map(m!, call), str(k!, call));
      if (v !== undefined) return v;
      if (d !== undefined) return d;
      return fail(call, `the map has no key ${JSON.stringify(str(k!, call))}`);
    }),
    true,
  ),
  element: fn(
    2,
    2,
    known(([l, i], call) => {
      const items = list(l!, call);
      if (items.length === 0) fail(call, "cannot use element on an empty list");
      const n = int(i!, call);
      if (n < 0) fail(call, "the index must not be negative");
      return items[n % items.length]!;
    }),
    true,
  ),
  index: fn(2, 2, ([l, v], call) => {
    const i = list(l!, call).findIndex((x) => valueEquals(x, v!) === true);
    if (i < 0) fail(call, "the item was not found in the list");
    return i;
  }),
  keys: fn(1, 1, known(([m], call) => sortedKeys(map(m!, call))), true),
  values: fn(
    1,
    1,
    known(([m], call) => {
      const o = map(m!, call);
      return sortedKeys(o).map((k) => o[k]!);
    }),
    true,
  ),
  contains: fn(
    2,
    2,
    known(([l, v], call) => {
      let unknown: UnknownValue | undefined;
      for (const x of list(l!, call)) {
        const eq = valueEquals(x, v!);
        if (eq === true) return true;
        if (eq instanceof UnknownValue) unknown ??= eq;
      }
      return unknown ?? false;
    }),
    true,
  ),
  compact: fn(1, 1, ([l], call) => list(l!, call).filter((x) => x !== null && x !== "").map((x) => str(x, call))),
  distinct: fn(1, 1, ([l], call) => {
    const out: Value[] = [];
    for (const x of list(l!, call)) if (!out.some((y) => valueEquals(x, y) === true)) out.push(x);
    return out;
  }),
  flatten: fn(1, 1, ([l], call) => flatten(list(l!, call))),
  coalesce: fn(
    1,
    Infinity,
    (args, call) => {
      for (const a of args) {
        if (a instanceof UnknownValue) return unknownFrom(a);
        if (a === null || a === "") continue;
        if (typeof a !== "string" && args.some((b) => typeof b === "string")) return str(a, call);
        return a;
      }
      return fail(call, "no non-null, non-empty argument");
    },
    true,
  ),
  coalescelist: fn(
    1,
    Infinity,
    (args, call) => {
      for (const a of args) {
        if (a instanceof UnknownValue) return unknownFrom(a);
        if (list(a, call).length > 0) return a;
      }
      return fail(call, "no non-empty list argument");
    },
    true,
  ),
  tolist: fn(1, 1, known(([l], call) => (l === null ? null : [...list(l!, call)])), true),
  toset: fn(1, 1, known(([l], call) => (l === null ? null : toSet(list(l!, call), call))), true),
  tomap: fn(1, 1, known(([m], call) => (m === null ? null : map(m!, call))), true),
  setunion: fn(1, Infinity, (args, call) => toSet(args.flatMap((a) => list(a, call)), call)),
  setintersection: fn(1, Infinity, (args, call) => {
    const [first = [], ...rest] = args.map((a) => list(a, call));
    return toSet(
      first.filter((x) => rest.every((r) => r.some((y) => valueEquals(x, y) === true))),
      call,
    );
  }),
  setsubtract: fn(2, 2, ([a, b], call) =>
    toSet(
      list(a!, call).filter((x) => !list(b!, call).some((y) => valueEquals(x, y) === true)),
      call,
    ),
  ),
  zipmap: fn(
    2,
    2,
    known(([k, v], call) => {
      const ks = list(k!, call);
      const vs = list(v!, call);
      if (ks.length !== vs.length) fail(call, "the lists of keys and values must have the same length");
      const u = ks.find((x) => x instanceof UnknownValue);
      if (u !== undefined) return unknownFrom(u);
      return makeObject(ks.map((x, i) => [str(x, call), vs[i]!]));
    }),
    true,
  ),
  slice: fn(
    3,
    3,
    known(([l, s, e], call) => {
      const items = list(l!, call);
      const a = int(s!, call);
      const b = int(e!, call);
      if (a < 0 || b > items.length || a > b) fail(call, `invalid range [${a}, ${b}) for a list of ${items.length}`);
      return items.slice(a, b);
    }),
    true,
  ),
  reverse: fn(1, 1, known(([l], call) => [...list(l!, call)].reverse()), true),
  sort: fn(1, 1, ([l], call) => list(l!, call).map((x) => str(x, call)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))),
  one: fn(
    1,
    1,
    known(([l], call) => {
      if (l === null) return null;
      const items = list(l!, call);
      if (items.length > 1) fail(call, `must have no more than one element, not ${items.length}`);
      return items[0] ?? null;
    }),
    true,
  ),
  alltrue: fn(1, 1, ([l], call) => list(l!, call).every((x) => bool(x, call))),
  anytrue: fn(1, 1, ([l], call) => list(l!, call).some((x) => bool(x, call))),
  sum: fn(1, 1, ([l], call) => {
    const items = list(l!, call);
    if (items.length === 0) fail(call, "cannot sum an empty list");
    return tidyNumber(items.reduce<number>((acc, x) => acc + num(x, call), 0));
  }),
  range: fn(1, 3, (args, call) => range(args.map((a) => num(a, call)), call)),
  min: fn(1, Infinity, (args, call) => Math.min(...args.map((a) => num(a, call)))),
  max: fn(1, Infinity, (args, call) => Math.max(...args.map((a) => num(a, call)))),
  abs: fn(1, 1, ([n], call) => Math.abs(num(n!, call))),
  ceil: fn(1, 1, ([n], call) => Math.ceil(num(n!, call))),
  floor: fn(1, 1, ([n], call) => Math.floor(num(n!, call))),
  signum: fn(1, 1, ([n], call) => Math.sign(num(n!, call))),
  pow: fn(2, 2, ([a, b], call) => tidyNumber(num(a!, call) ** num(b!, call))),
  parseint: fn(2, 2, ([s, b], call) => {
    const base = int(b!, call);
    const digits = text(s!, call);
    const n = parseInt(digits, base);
    if (Number.isNaN(n) || !new RegExp(`^[-+]?[0-9a-z]+$`, "i").test(digits)) fail(call, `cannot parse ${JSON.stringify(digits)} in base ${base}`);
    return n;
  }),
  tonumber: fn(1, 1, ([v], call) => (v === null ? null : num(v!, call))),
  tobool: fn(1, 1, ([v], call) => (v === null ? null : bool(v!, call))),
};


function flatten(items: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const x of items) {
    if (Array.isArray(x)) out.push(...flatten(x as readonly Value[]));
    else out.push(x);
  }
  return out;
}

/** toset: elements take one type; mixed strings and numbers or bools become strings. */
function toSet(items: readonly Value[], call: FunctionCall): readonly Value[] {
  const u = items.find((x) => firstUnknown(x) !== undefined);
  if (u !== undefined) return items;
  const hasString = items.some((x) => typeof x === "string");
  const converted = hasString ? items.map((x) => (x === null || typeof x === "object" ? x : str(x, call))) : items;
  return makeSet(converted);
}

function range(args: number[], call: FunctionCall): number[] {
  const [a = 0, b, c] = args;
  const start = args.length === 1 ? 0 : a;
  const end = args.length === 1 ? a : b!;
  const step = c ?? (start <= end ? 1 : -1);
  if (step === 0) fail(call, "step must not be zero");
  if ((step > 0 && start > end) || (step < 0 && start < end)) fail(call, "step goes the wrong way");
  const out: number[] = [];
  for (let x = start; step > 0 ? x < end : x > end; x = tidyNumber(x + step)) {
    out.push(x);
    if (out.length > 1024) fail(call, "more than 1024 elements");
  }
  return out;
}

/** Argument conversion shared by the function library, with Terraform's automatic conversions. */
import { hasSymbol, isMap, UnknownValue, type Value, type ValueMap } from "../../model/value.ts";
import { EvalError, parseNumber, show, type FunctionCall } from "./evaluate.ts";
import { isSetValue, numberToString, typeName } from "./values.ts";

/** Thrown when a function would have to look inside a symbolic token's unknown text. */
export class SymbolicText extends Error {}

export function fail(call: FunctionCall, message: string): never {
  throw new EvalError(`${call.name}: ${message}`, call.range);
}

/** A string argument; numbers and bools convert, as in Terraform. */
export function str(v: Value, call: FunctionCall): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return numberToString(v);
  if (typeof v === "boolean") return String(v);
  if (v === null) fail(call, "argument must not be null");
  return fail(call, `a string is required, not a ${typeName(v)}`);
}

/** A string whose every character matters: a symbolic token makes the result unknown. */
export function text(v: Value, call: FunctionCall): string {
  const s = str(v, call);
  if (hasSymbol(s)) throw new SymbolicText();
  return s;
}

export function num(v: Value, call: FunctionCall): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    if (hasSymbol(v)) throw new SymbolicText();
    const n = parseNumber(v);
    if (n !== undefined) return n;
  }
  return fail(call, `a number is required, not ${show(v)}`);
}

export function int(v: Value, call: FunctionCall): number {
  const n = num(v, call);
  if (!Number.isInteger(n)) fail(call, `a whole number is required, not ${numberToString(n)}`);
  return n;
}

export function bool(v: Value, call: FunctionCall): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  return fail(call, `a bool is required, not ${show(v)}`);
}

/** A list, tuple or set argument. */
export function list(v: Value, call: FunctionCall): readonly Value[] {
  if (Array.isArray(v)) return v as readonly Value[];
  if (v === null) fail(call, "argument must not be null");
  return fail(call, `a list is required, not a ${typeName(v)}`);
}

export function map(v: Value, call: FunctionCall): ValueMap {
  if (isMap(v)) return v;
  if (v === null) fail(call, "argument must not be null");
  return fail(call, `a map or object is required, not a ${typeName(v)}`);
}

export function isSet(v: Value): boolean {
  return isSetValue(v);
}

/** A plain unknown carrying the reason of a top-level unknown argument, if there is one. */
export function unknownArg(args: readonly Value[]): UnknownValue | undefined {
  for (const a of args) if (a instanceof UnknownValue) return new UnknownValue(a.reason, a.detail);
  return undefined;
}

/** Made on first use: making one loads ICU's break rules, a few milliseconds that most scans never need. */
let segmenter: Intl.Segmenter | undefined;

/** User-perceived characters, as Terraform counts them. */
export function graphemes(s: string): string[] {
  if (/^[\x00-\x7f]*$/.test(s)) return s.split("");
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

/** The string cut into known text and symbolic tokens, tokens kept whole. */
export function segments(s: string): { text: string; token: boolean }[] {
  const out: { text: string; token: boolean }[] = [];
  const re = /\uE000[^\uE001]*\uE001/g;
  let last = 0;
  for (const m of s.matchAll(re)) {
    if (m.index > last) out.push({ text: s.slice(last, m.index), token: false });
    out.push({ text: m[0], token: true });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ text: s.slice(last), token: false });
  return out;
}

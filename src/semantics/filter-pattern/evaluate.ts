// Evaluates a parsed filter pattern against one log event, with CloudWatch Logs semantics.
//
// Decisions (the documentation's words, and where it is silent, ours):
// - String comparison is case-sensitive; `*` in a string value matches any run of characters.
// - A selector that selects nothing, or selects an array, an object or null, makes every
//   comparison false, `!=` included ("if a property selector points to an array or object, the
//   filter pattern won't match"). `NOT EXISTS` is true only when nothing is selected; `IS NULL`
//   only for a JSON null; `IS TRUE` / `IS FALSE` only for JSON booleans.
// - Array elements are reached only through an explicit index (`$.a[0]`) or the wildcard
//   (`$.a[*]`); a name step never looks inside an array. A wildcard selector matches when some
//   selected value satisfies the condition.
// - A string or regex value compares with the text of a string, number or boolean field.
//   A number value compares numerically with a number field, or with a string field whose whole
//   text is a number; `!=` is the negation of `=` over present scalar values; `<`, `>`, `<=`,
//   `>=` need a numeric field.
// - JSON patterns match only events that are JSON objects. Term, regex and space-delimited
//   patterns read the event's text: the string itself, or for a parsed object its
//   `JSON.stringify` form (one line, as CloudTrail delivers it to CloudWatch Logs).

import type {
  BoolExpr,
  BoolGroup,
  ComparisonOperator,
  DelimitedField,
  FieldExpr,
  FilterPattern,
  JsonCondition,
  Selector,
  Term,
  Value,
} from "./ast.ts";
import { compileRegex, regexSearch } from "./regex.ts";
import type { RegexProgram } from "./regex.ts";

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

const regexCache = new Map<string, RegexProgram | null>();
const REGEX_CACHE_LIMIT = 512;

function program(source: string): RegexProgram | null {
  let compiled = regexCache.get(source);
  if (compiled === undefined) {
    const result = compileRegex(source);
    compiled = result.ok ? result.program : null;
    if (regexCache.size >= REGEX_CACHE_LIMIT) regexCache.clear();
    regexCache.set(source, compiled);
  }
  return compiled;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `*` is a wildcard for any run of characters (possibly empty); everything else is literal. */
export function wildcardMatch(pattern: string, text: string): boolean {
  if (!pattern.includes("*")) return pattern === text;
  const parts = pattern.split("*");
  const head = parts[0]!;
  const tail = parts[parts.length - 1]!;
  if (text.length < head.length + tail.length) return false;
  if (!text.startsWith(head) || !text.endsWith(tail)) return false;
  // Leftmost placement of each middle part is optimal when the only wildcard is `*`.
  let at = head.length;
  const end = text.length - tail.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    if (part === "") continue;
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

type Leaf = { readonly kind: "compare" | "is" | "notExists" };

function isGroup<L extends Leaf>(e: BoolExpr<L>): e is BoolGroup<L> {
  return e.kind === "and" || e.kind === "or";
}

function evalBool<L extends Leaf>(expr: BoolExpr<L>, leaf: (l: L) => boolean): boolean {
  if (!isGroup(expr)) return leaf(expr as L);
  if (expr.kind === "and") return expr.operands.every((o) => evalBool(o, leaf));
  return expr.operands.some((o) => evalBool(o, leaf));
}

/** The values a selector picks out of a JSON document (empty when the path is missing). */
export function selectValues(root: unknown, selector: Selector): unknown[] {
  let current: unknown[] = [root];
  for (const step of selector.steps) {
    const next: unknown[] = [];
    for (const v of current) {
      switch (step.kind) {
        case "field":
          if (isRecord(v) && Object.hasOwn(v, step.name)) next.push(v[step.name]);
          break;
        case "index":
          if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
          break;
        case "anyField":
          if (isRecord(v)) next.push(...Object.values(v));
          break;
        case "anyIndex":
          if (Array.isArray(v)) next.push(...(v as unknown[]));
          break;
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

function numericOf(v: string | number | boolean): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && NUMBER.test(v)) return Number(v);
  return null;
}

function relate(left: number, op: ComparisonOperator, right: number): boolean {
  switch (op) {
    case "=":
      return left === right;
    case "!=":
      return left !== right;
    case "<":
      return left < right;
    case ">":
      return left > right;
    case "<=":
      return left <= right;
    case ">=":
      return left >= right;
  }
}

/** One comparison against one selected value. */
export function compareValue(v: unknown, op: ComparisonOperator, value: Value): boolean {
  if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") return false;
  if (value.kind === "number") {
    const n = numericOf(v);
    if (n === null) return op === "!=";
    return relate(n, op, Number(value.text));
  }
  if (op !== "=" && op !== "!=") return false;
  const text = String(v);
  let equal: boolean;
  if (value.kind === "string") {
    equal = wildcardMatch(value.value, text);
  } else {
    const compiled = program(value.source);
    equal = compiled !== null && regexSearch(compiled, text);
  }
  return op === "=" ? equal : !equal;
}

function jsonCondition(root: unknown, c: JsonCondition): boolean {
  const values = selectValues(root, c.selector);
  switch (c.kind) {
    case "notExists":
      return values.length === 0;
    case "is": {
      const wanted = c.test === "true" ? true : c.test === "false" ? false : null;
      return values.some((v) => v === wanted);
    }
    case "compare":
      return values.some((v) => compareValue(v, c.op, c.value));
  }
}

interface Token {
  /** the field's value: brackets and quotes around it removed */
  readonly value: string;
  /** where the field starts in the line */
  readonly start: number;
}

function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\f" || ch === "\v";
}

/** Splits a log line into space-delimited fields; `[...]` and `"..."` are single fields. */
export function splitFields(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    while (isSpace(line[i])) i++;
    if (i >= line.length) break;
    const start = i;
    const open = line[i];
    const close = open === '"' ? '"' : open === "[" ? "]" : null;
    if (close !== null) {
      const end = line.indexOf(close, i + 1);
      if (end >= 0) {
        tokens.push({ value: line.slice(i + 1, end), start });
        i = end + 1;
        continue;
      }
    }
    while (i < line.length && !isSpace(line[i])) i++;
    tokens.push({ value: line.slice(start, i), start });
  }
  return tokens;
}

function fieldHolds(condition: FieldExpr | null, value: string): boolean {
  if (condition === null) return true;
  return evalBool(condition, (leaf) => compareValue(value, leaf.op, leaf.value));
}

function delimitedMatches(fields: readonly DelimitedField[], line: string): boolean {
  const tokens = splitFields(line);
  const t = tokens.length;
  // reach[j]: the fields so far can consume exactly the first j tokens.
  let reach = new Uint8Array(t + 1);
  reach[0] = 1;
  fields.forEach((field, i) => {
    const next = new Uint8Array(t + 1);
    const last = i === fields.length - 1;
    if (field.kind === "ellipsis") {
      let open = false;
      for (let j = 0; j <= t; j++) {
        if (reach[j]) open = true;
        if (open) next[j] = 1;
      }
    } else {
      for (let j = 0; j < t; j++) {
        if (!reach[j]) continue;
        if (last && j < t - 1) {
          // The last named field takes the rest of the line.
          const rest = line.slice(tokens[j]!.start).trimEnd();
          if (fieldHolds(field.condition, rest)) next[t] = 1;
        } else if (fieldHolds(field.condition, tokens[j]!.value)) {
          next[j + 1] = 1;
        }
      }
    }
    reach = next;
  });
  return reach[t] === 1;
}

function termsMatch(terms: readonly Term[], message: string): boolean {
  const contains = (term: Term): boolean => term.text.trim() === "" || message.includes(term.text);
  const required = terms.filter((t) => t.mode === "include");
  const excluded = terms.filter((t) => t.mode === "exclude");
  if (required.length > 0 || excluded.length > 0) {
    return required.every(contains) && !excluded.some(contains);
  }
  const optional = terms.filter((t) => t.mode === "optional");
  return optional.length === 0 || optional.some(contains);
}

function messageOf(event: unknown): string {
  if (typeof event === "string") return event;
  try {
    return JSON.stringify(event) ?? "";
  } catch {
    return "";
  }
}

function jsonOf(event: unknown): unknown {
  if (typeof event !== "string") return event;
  try {
    return JSON.parse(event) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Whether a parsed pattern matches a log event: a parsed JSON value (a CloudTrail record), or
 * a raw log line as a string.
 */
export function matchesEvent(pattern: FilterPattern, event: unknown): boolean {
  switch (pattern.kind) {
    case "json": {
      const root = jsonOf(event);
      if (!isRecord(root)) return false;
      return evalBool(pattern.expr, (c) => jsonCondition(root, c));
    }
    case "delimited":
      return delimitedMatches(pattern.fields, messageOf(event));
    case "regex": {
      const compiled = program(pattern.source);
      return compiled !== null && regexSearch(compiled, messageOf(event));
    }
    case "terms":
      return termsMatch(pattern.terms, messageOf(event));
  }
}

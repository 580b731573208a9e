/**
 * Condition blocks: evaluated against a request context, and classified as restricting a grant
 * to known parties or not (rules.md, Decisions, Policies).
 */
import { splitArn } from "./arn.ts";
import { covers, isMatchAll, parseGlob } from "./glob.ts";
import { cidrContains, parseCidr } from "./ip.ts";
import { isUnreadable } from "./normalize.ts";
import type { Clause, Conditions, Element, Unreadable } from "./normalize.ts";
import { every, not, some } from "./tri.ts";
import type { Tri } from "./tri.ts";

// ---------------------------------------------------------------- request context

/** A key of the request context: absent, present with values, or unknown to the caller. */
export type ContextEntry =
  | { readonly kind: "absent" }
  | { readonly kind: "unknown" }
  | { readonly kind: "values"; readonly values: readonly string[] };

/** Looks a condition key up; it receives the key in lower case. */
export type Lookup = (key: string) => ContextEntry;

/**
 * Rewrites a (policy value, request value) pair before they are compared, or says the comparison
 * is unknown. Questions use it for parts that cannot be compared (a symbolic account ID).
 */
export type Blur = (key: string, policyValue: string, requestValue: string) => readonly [string, string] | "unknown";

export interface EvalContext {
  readonly lookup: Lookup;
  readonly blur?: Blur;
}

export type ContextRecord = Readonly<Record<string, string | readonly string[] | boolean>>;

/** A context given as a record; keys not in it are absent. */
export function lookupFromRecord(record: ContextRecord): Lookup {
  const byKey = new Map<string, ContextEntry>();
  for (const [k, v] of Object.entries(record)) {
    const values = typeof v === "boolean" ? [String(v)] : typeof v === "string" ? [v] : [...v];
    byKey.set(k.toLowerCase(), { kind: "values", values });
  }
  return (key) => byKey.get(key) ?? { kind: "absent" };
}

// ---------------------------------------------------------------- operators

const TOKEN = /(\uE000[^\uE001]*\uE001)/;

/** Lower case outside symbolic tokens (a token's name is an identity, not text). */
function foldCase(s: string): string {
  return s
    .split(TOKEN)
    .map((part, i) => (i % 2 === 1 ? part : part.toLowerCase()))
    .join("");
}

/** A condition value with its policy-variable escapes resolved; null when it holds a variable. */
function literal(p: string): string | null {
  const atoms = parseGlob(p, { wild: false, variables: true });
  if (atoms === null) return null;
  return atoms.map((a) => (a.t === "char" ? a.c : a.t === "token" ? `\uE000${a.name}\uE001` : "")).join("");
}

function like(pattern: string, value: string): Tri {
  const p = parseGlob(pattern, { wild: true, variables: true });
  const v = parseGlob(value, { wild: false });
  return p === null || v === null ? "unknown" : covers(p, v);
}

/** ARNs compare field by field (a wildcard stays within its field); other text as a whole. */
function arnLike(pattern: string, value: string): Tri {
  const p = splitArn(pattern);
  const v = splitArn(value);
  if (p === null && v !== null && pattern.startsWith("arn:")) return false; // too few fields to match
  if (p === null || v === null) return like(pattern, value);
  return every(p.keys(), (i) => like(p[i]!, v[i]!));
}

function equal(pattern: string, value: string, fold: boolean): Tri {
  const p = literal(pattern);
  if (p === null) return "unknown";
  return fold ? foldCase(p) === foldCase(value) : p === value;
}

function numeric(cmp: (a: number, b: number) => boolean) {
  return (pattern: string, value: string): Tri => {
    const p = Number(pattern);
    const v = Number(value);
    return pattern.trim() !== "" && value.trim() !== "" && !Number.isNaN(p) && !Number.isNaN(v) && cmp(v, p);
  };
}

function parseDate(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

function date(cmp: (a: number, b: number) => boolean) {
  return (pattern: string, value: string): Tri => {
    const p = parseDate(pattern);
    const v = parseDate(value);
    return p !== null && v !== null && cmp(v, p);
  };
}

interface OperatorSpec {
  /** The positive test: does the request value match this policy value? */
  readonly test: (policyValue: string, requestValue: string) => Tri;
  /** A Not operator: true when the request value matches none of the policy values. */
  readonly negated: boolean;
}

const POSITIVE: Readonly<Record<string, OperatorSpec["test"]>> = {
  stringequals: (p, v) => equal(p, v, false),
  stringequalsignorecase: (p, v) => equal(p, v, true),
  stringlike: like,
  arnequals: arnLike, // ArnEquals takes wildcards too
  arnlike: arnLike,
  bool: (p, v) => p.toLowerCase() === v.toLowerCase(),
  numericequals: numeric((a, b) => a === b),
  numericlessthan: numeric((a, b) => a < b),
  numericlessthanequals: numeric((a, b) => a <= b),
  numericgreaterthan: numeric((a, b) => a > b),
  numericgreaterthanequals: numeric((a, b) => a >= b),
  dateequals: date((a, b) => a === b),
  datelessthan: date((a, b) => a < b),
  datelessthanequals: date((a, b) => a <= b),
  dategreaterthan: date((a, b) => a > b),
  dategreaterthanequals: date((a, b) => a >= b),
  ipaddress: (p, v) => cidrContains(p, v),
  binaryequals: () => "unknown", // base64 comparison of values we never have
};

const NEGATED: Readonly<Record<string, string>> = {
  stringnotequals: "stringequals",
  stringnotequalsignorecase: "stringequalsignorecase",
  stringnotlike: "stringlike",
  arnnotequals: "arnequals",
  arnnotlike: "arnlike",
  numericnotequals: "numericequals",
  datenotequals: "dateequals",
  notipaddress: "ipaddress",
};

export function operatorSpec(op: string): OperatorSpec | null {
  const positive = POSITIVE[op];
  if (positive) return { test: positive, negated: false };
  const base = NEGATED[op];
  return base ? { test: POSITIVE[base]!, negated: true } : null;
}

// ---------------------------------------------------------------- evaluation

function anyElement(values: readonly Element[] | Unreadable, test: (v: string) => Tri): Tri {
  if (isUnreadable(values)) return "unknown";
  return some(values, (el) => (isUnreadable(el) ? "unknown" : test(el)));
}

/** Is this clause satisfied by the request? */
export function evaluateClause(clause: Clause | Unreadable, ctx: EvalContext): Tri {
  if (isUnreadable(clause)) return "unknown";
  const key = clause.key.toLowerCase();
  const entry = ctx.lookup(key);
  if (entry.kind === "unknown") return "unknown";
  const absent = entry.kind === "absent" || entry.values.length === 0;
  if (clause.op === "null") {
    return anyElement(clause.values, (v) => {
      const want = v.toLowerCase();
      return want === "true" ? absent : want === "false" ? !absent : false;
    });
  }
  const spec = operatorSpec(clause.op);
  if (spec === null) return "unknown";
  if (entry.kind === "absent" || entry.values.length === 0) {
    if (clause.ifExists || clause.set === "all") return true;
    if (clause.set === "any") return false;
    return spec.negated; // a missing key matches no value: Not operators are then satisfied
  }
  const matchesOne = (requestValue: string): Tri =>
    anyElement(clause.values, (policyValue) => {
      const pair = ctx.blur ? ctx.blur(key, policyValue, requestValue) : ([policyValue, requestValue] as const);
      return pair === "unknown" ? "unknown" : spec.test(pair[0], pair[1]);
    });
  const perValue = (v: string): Tri => (spec.negated ? not(matchesOne(v)) : matchesOne(v));
  if (clause.set === "all") return every(entry.values, perValue);
  if (clause.set === "any") return some(entry.values, perValue);
  return spec.negated ? not(some(entry.values, matchesOne)) : some(entry.values, matchesOne);
}

/** All clauses must hold (operators AND, keys AND, values OR). */
export function evaluateConditions(conditions: Conditions, ctx: EvalContext): Tri {
  if (isUnreadable(conditions)) return "unknown";
  return every(conditions.clauses, (c) => evaluateClause(c, ctx));
}

// ---------------------------------------------------------------- classification

/** Keys that tie a grant to known accounts, organizations, principals, networks or resources. */
export const RESTRICTING_KEYS: ReadonlySet<string> = new Set([
  "aws:sourcearn",
  "aws:sourceaccount",
  "aws:sourceorgid",
  "aws:principalorgid",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:sourceip",
]);

const EXACT_OPS: ReadonlySet<string> = new Set(["stringequals", "stringequalsignorecase"]);
const WILDCARD_OPS: ReadonlySet<string> = new Set(["stringlike", "arnequals", "arnlike"]);

/** A policy value that lets every request through: `*` for wildcard operators, a /0 block for IPs. */
function opensEverything(op: string, value: string): Tri {
  if (op === "ipaddress") return parseCidr(value)?.prefix === 0;
  if (WILDCARD_OPS.has(op)) {
    const atoms = parseGlob(value, { wild: true, variables: true });
    return atoms === null ? "unknown" : isMatchAll(atoms);
  }
  return false;
}

/**
 * Does this clause restrict who can use the grant? Only a positive test of a restricting key
 * does: a Not operator, IfExists, ForAllValues or Null lets a request without the key through.
 * An unresolved value compared exactly still names someone; under a wildcard operator or for
 * an IP range it could be `*` or `/0`, so it is unknown.
 */
export function clauseRestricts(clause: Clause | Unreadable): Tri {
  if (isUnreadable(clause)) return "unknown";
  if (!RESTRICTING_KEYS.has(clause.key.toLowerCase())) return false;
  const spec = operatorSpec(clause.op);
  if (spec === null) return clause.op === "null" ? false : "unknown";
  if (spec.negated || clause.ifExists || clause.set === "all") return false;
  const exact = EXACT_OPS.has(clause.op);
  if (isUnreadable(clause.values)) return exact ? true : "unknown";
  let unsure = false;
  for (const el of clause.values) {
    const open = isUnreadable(el) ? (exact ? false : "unknown") : opensEverything(clause.op, el);
    if (open === true) return false;
    if (open === "unknown") unsure = true;
  }
  return unsure ? "unknown" : true;
}

/** True when some clause restricts the grant. */
export function conditionsRestrict(conditions: Conditions): Tri {
  if (isUnreadable(conditions)) return "unknown";
  return some(conditions.clauses, clauseRestricts);
}

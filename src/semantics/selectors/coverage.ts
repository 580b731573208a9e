/**
 * Does a set of selectors record every event of a class (all write management events, all read data
 * events on the objects of one bucket, ...)?
 *
 * Selector semantics (CloudTrail API reference, AdvancedFieldSelector): a trail records an event when
 * one of its selectors matches it; a selector matches when all of its field conditions hold; in one
 * field condition the including operators (Equals, StartsWith, EndsWith) let the event in when one of
 * their values matches, and the excluding operators (NotEquals, NotStartsWith, NotEndsWith) keep it
 * out when one of their values matches.
 *
 * Selectors can add up (one covers the keys under `logs/`, another every other key), so each
 * selector is not judged alone. Instead the event class is cut into finitely many pieces such that
 * every condition of every selector gives the same answer for all events of a piece, and one
 * representative event per piece is tested. Only fields that some condition names need cutting; the
 * cut of a string field comes from the texts its conditions mention (see `representatives`).
 */
import type { Condition, NormalSelector, Operator } from "./conditions.ts";
import { EXCLUDING, INCLUDING, matches } from "./conditions.ts";
import type { Tri } from "./tri.ts";
import { triAnd } from "./tri.ts";

/** The events a coverage question is about. */
export interface EventClass {
  /** Fields with the same value in every event of the class (eventCategory, readOnly, ...). */
  readonly fixed: ReadonlyMap<string, string>;
  /** Fields whose every value starts with, and is longer than, a given text (object ARNs of a bucket). */
  readonly prefixed: ReadonlyMap<string, string>;
  /** Fields that a valid selector must test; a selector without one of them is invalid, so unknown. */
  readonly required: readonly string[];
  /** Excluding conditions on fields that are not fixed do not count (the question accepts that some events are dropped). */
  readonly exclusionsAllowed: boolean;
}

/** Above this many (representative event, selector) checks, the exact method gives way to a cheaper one. */
const BUDGET = 200_000;

/** Does the condition hold for an event whose field has this value? */
export function conditionHolds(cond: Condition, value: string, ignoreExclusions: boolean): Tri {
  let including = false;
  let letIn: Tri = "no";
  for (const op of INCLUDING) {
    const operand = cond.operands[op];
    if (operand === undefined) continue;
    including = true;
    if (operand.known.some((p) => matches(op, p, value))) letIn = "yes";
    else if (operand.unknown && letIn === "no") letIn = "unknown";
  }
  if (!including) letIn = "yes";
  if (letIn === "no" || ignoreExclusions) return letIn;
  let mayBeKeptOut = false;
  for (const op of EXCLUDING) {
    const operand = cond.operands[op];
    if (operand === undefined) continue;
    if (operand.known.some((p) => matches(op, p, value))) return "no";
    if (operand.unknown) mayBeKeptOut = true;
  }
  return mayBeKeptOut ? "unknown" : letIn;
}

function selectorMatches(sel: NormalSelector, event: ReadonlyMap<string, string>, cls: EventClass): Tri {
  if (sel === "unknown") return "unknown";
  let result: Tri = cls.required.every((f) => sel.some((c) => c.field === f)) ? "yes" : "unknown";
  for (const cond of sel) {
    if (cond.field === null) {
      result = triAnd(result, "unknown");
      continue;
    }
    const value = event.get(cond.field);
    // Every field named by a condition has a value in the representative events.
    if (value === undefined) throw new Error(`no value for field ${cond.field}`);
    const ignore = cls.exclusionsAllowed && !cls.fixed.has(cond.field);
    result = triAnd(result, conditionHolds(cond, value, ignore));
    if (result === "no") return "no";
  }
  return result;
}

const KIND: Readonly<Record<Operator, "equal" | "prefix" | "suffix">> = {
  equals: "equal",
  notEquals: "equal",
  startsWith: "prefix",
  notStartsWith: "prefix",
  endsWith: "suffix",
  notEndsWith: "suffix",
};

export interface Texts {
  readonly equal: Set<string>;
  readonly prefixes: Set<string>;
  readonly suffixes: Set<string>;
}

function textsOf(sels: readonly NormalSelector[], field: string, cls: EventClass): Texts {
  const texts: Texts = { equal: new Set(), prefixes: new Set(), suffixes: new Set() };
  for (const sel of sels) {
    if (sel === "unknown") continue;
    for (const cond of sel) {
      if (cond.field !== field) continue;
      const ignoreExclusions = cls.exclusionsAllowed && !cls.fixed.has(field);
      for (const op of ignoreExclusions ? INCLUDING : [...INCLUDING, ...EXCLUDING]) {
        const operand = cond.operands[op];
        if (operand === undefined) continue;
        const kind = KIND[op];
        const into = kind === "equal" ? texts.equal : kind === "prefix" ? texts.prefixes : texts.suffixes;
        for (const t of operand.known) into.add(t);
      }
    }
  }
  return texts;
}

/** A character that none of the texts contains. */
function freshChar(texts: Iterable<string>): string {
  const used = new Set<string>();
  for (const t of texts) for (const ch of t) used.add(ch);
  for (let code = 1; ; code++) {
    const ch = String.fromCharCode(code);
    if (!used.has(ch)) return ch;
  }
}

/**
 * One string for each piece of the field's values, where a piece is a set of strings on which every
 * mentioned test (equals t, starts with t, ends with t) gives the same answer. Strings range over
 * those that start with `domain` and are longer than it.
 *
 * Why this is enough: take any string s of the range that is not itself a mentioned text (those are
 * listed as they are). Let p be the longest mentioned prefix of s (at least the domain) and e its
 * longest mentioned suffix (or ""). Then p + x + e, with x a character no text contains, starts with,
 * ends with and equals exactly the same mentioned texts as s: a text no longer than p is a prefix of
 * either string exactly when it is a prefix of p, and a longer one would have to contain x (the same
 * for suffixes and e), and neither string equals a mentioned text.
 */
export function representatives(texts: Texts, domain: string): string[] {
  const prefixes = new Set([domain, ...[...texts.prefixes].filter((p) => p.startsWith(domain))]);
  const suffixes = new Set(["", ...texts.suffixes]);
  const x = freshChar([domain, ...texts.equal, ...texts.prefixes, ...texts.suffixes]);
  const out = new Set([...texts.equal].filter((s) => s.startsWith(domain) && s.length > domain.length));
  for (const p of prefixes) for (const e of suffixes) out.add(p + x + e);
  return [...out].sort();
}

function namedFields(sels: readonly NormalSelector[]): string[] {
  const fields = new Set<string>();
  for (const sel of sels) {
    if (sel === "unknown") continue;
    for (const cond of sel) if (cond.field !== null) fields.add(cond.field);
  }
  return [...fields].sort();
}

function exact(sels: readonly NormalSelector[], cls: EventClass): Tri | "too-big" {
  const varying = namedFields(sels).filter((f) => !cls.fixed.has(f));
  const choices = varying.map((f) => representatives(textsOf(sels, f, cls), cls.prefixed.get(f) ?? ""));
  let size = sels.length;
  for (const c of choices) size *= c.length;
  if (size > BUDGET) return "too-big";

  const event = new Map(cls.fixed);
  let result: Tri = "yes";
  // Walk every combination of representatives (an odometer over `choices`).
  const at = choices.map(() => 0);
  for (;;) {
    varying.forEach((f, i) => event.set(f, choices[i]![at[i]!]!));
    let recorded: Tri = "no";
    for (const sel of sels) {
      const m = selectorMatches(sel, event, cls);
      if (m === "yes") {
        recorded = "yes";
        break;
      }
      if (m === "unknown") recorded = "unknown";
    }
    if (recorded === "no") return "no";
    if (recorded === "unknown") result = "unknown";
    let i = 0;
    while (i < at.length && ++at[i]! === choices[i]!.length) at[i++] = 0;
    if (i === at.length) return result;
  }
}

/**
 * "yes" when the selectors record every event of the class, "no" when some event of the class is
 * certainly not recorded, otherwise "unknown". No selectors record nothing.
 */
export function covers(sels: readonly NormalSelector[], cls: EventClass): Tri {
  if (sels.length === 0) return "no";
  const whole = exact(sels, cls);
  if (whole !== "too-big") return whole;
  // Too many pieces to test them all: a selector that covers the class alone still decides "yes",
  // but selectors that only add up would go unseen, so anything else stays unknown.
  for (const sel of sels) if (exact([sel], cls) === "yes") return "yes";
  return "unknown";
}

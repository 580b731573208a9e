/**
 * One normalized form for both kinds of event selector: a selector is a list of conditions on event
 * fields that must all hold (the field selectors of an advanced selector). Basic selectors are
 * rewritten into that form, so that one evaluator answers every coverage question.
 */
import type { AdvancedSelector, BasicSelector } from "../../model/entities.ts";
import { isUnknown } from "../../model/value.ts";

export type Operator = "equals" | "startsWith" | "endsWith" | "notEquals" | "notStartsWith" | "notEndsWith";

/** Operators that let events in (an event passes when it matches one of their values). */
export const INCLUDING: readonly Operator[] = ["equals", "startsWith", "endsWith"];
/** Operators that keep events out (an event fails when it matches one of their values). */
export const EXCLUDING: readonly Operator[] = ["notEquals", "notStartsWith", "notEndsWith"];

/** The values given to one operator: those we can read, and whether some could not be read. */
export interface Operand {
  readonly known: readonly string[];
  readonly unknown: boolean;
}

export interface Condition {
  /** The event field tested; null when the field name itself is not known. */
  readonly field: string | null;
  readonly operands: Readonly<Partial<Record<Operator, Operand>>>;
}

/** A selector: conditions that must all hold, or "unknown" when its conditions cannot be read. */
export type NormalSelector = readonly Condition[] | "unknown";

export const EVENT_CATEGORY = "eventCategory";
export const READ_ONLY = "readOnly";
export const RESOURCES_TYPE = "resources.type";
export const RESOURCES_ARN = "resources.ARN";
export const EVENT_SOURCE = "eventSource";

export function matches(op: Operator, pattern: string, value: string): boolean {
  switch (op) {
    case "equals":
    case "notEquals":
      return value === pattern;
    case "startsWith":
    case "notStartsWith":
      return value.startsWith(pattern);
    case "endsWith":
    case "notEndsWith":
      return value.endsWith(pattern);
  }
}

/**
 * ARNs in other partitions (`arn:aws-cn:`, `arn:aws-us-gov:`) are written as `arn:aws:`. A trail and
 * the buckets it can log live in one partition, so the partition never tells two buckets apart.
 */
export function normalizeArn(s: string): string {
  return s.replace(/^arn:aws-[a-z0-9-]+(?=:|$)/, "arn:aws");
}

/** How a field's values are compared: `readOnly` takes "true"/"false" in any letter case. */
function normalizeFor(field: string | null): (s: string) => string {
  if (field === READ_ONLY) return (s) => s.toLowerCase();
  if (field === RESOURCES_ARN) return normalizeArn;
  return (s) => s;
}

interface OperandOptions {
  /** An empty list means the operator is absent (advanced selectors) rather than "matches nothing". */
  readonly emptyIsAbsent: boolean;
}

/**
 * Reads an operator's values. Absent (null) gives undefined. An unknown list, or unknown or unreadable
 * elements, set `unknown`. Booleans and numbers are read as their text (YAML may give `true`).
 */
export function readOperand(v: unknown, field: string | null, opts: OperandOptions): Operand | undefined {
  if (v === null || v === undefined) return undefined;
  if (isUnknown(v)) return { known: [], unknown: true };
  const norm = normalizeFor(field);
  const items: readonly unknown[] = Array.isArray(v) ? v : [v];
  if (items.length === 0 && opts.emptyIsAbsent) return undefined;
  const known: string[] = [];
  let unknown = false;
  for (const item of items) {
    if (typeof item === "string") known.push(norm(item));
    else if (typeof item === "boolean" || typeof item === "number") known.push(norm(String(item)));
    else if (item === null) continue;
    else unknown = true; // an unknown value, or something that is not a string
  }
  return { known, unknown };
}

function record(v: unknown): Readonly<Record<string, unknown>> | null {
  if (typeof v !== "object" || v === null || Array.isArray(v) || isUnknown(v)) return null;
  return v as Readonly<Record<string, unknown>>;
}

const UNKNOWN_OPERAND: Operand = { known: [], unknown: true };

function condition(field: string, operands: Partial<Record<Operator, Operand | undefined>>): Condition {
  const clean: Partial<Record<Operator, Operand>> = {};
  for (const [op, operand] of Object.entries(operands) as [Operator, Operand | undefined][]) {
    if (operand !== undefined) clean[op] = operand;
  }
  return { field, operands: clean };
}

// ---------------------------------------------------------------- advanced selectors

function fieldCondition(fs: unknown): Condition {
  const rec = record(fs);
  if (rec === null) return { field: null, operands: {} };
  const field = typeof rec["field"] === "string" ? rec["field"] : null;
  const operands: Partial<Record<Operator, Operand>> = {};
  for (const op of [...INCLUDING, ...EXCLUDING]) {
    const operand = readOperand(rec[op], field, { emptyIsAbsent: true });
    if (operand !== undefined) operands[op] = operand;
  }
  return { field, operands };
}

/** An advanced selector as conditions. Its name is never read: only the field conditions count. */
export function fromAdvanced(sel: AdvancedSelector): NormalSelector {
  const list: unknown = sel.fieldSelectors;
  if (!Array.isArray(list)) return "unknown"; // unknown, or not a list
  return list.map(fieldCondition);
}

// ---------------------------------------------------------------- basic selectors

/** A boolean that CloudFormation may write as a string; null takes the default. */
export function readBoolean(v: unknown, dflt: boolean): boolean | "unknown" {
  if (v === null || v === undefined) return dflt;
  if (typeof v === "boolean") return v;
  if (typeof v === "string") {
    const s = v.toLowerCase();
    if (s === "true") return true;
    if (s === "false") return false;
  }
  return "unknown";
}

/** `ReadWriteType` (default All) as a condition on `readOnly`; null when it lets both through. */
function readWriteCondition(v: unknown): Condition | null {
  if (v === null || v === undefined || v === "All") return null;
  if (v === "ReadOnly") return condition(READ_ONLY, { equals: { known: ["true"], unknown: false } });
  if (v === "WriteOnly") return condition(READ_ONLY, { equals: { known: ["false"], unknown: false } });
  return condition(READ_ONLY, { equals: UNKNOWN_OPERAND });
}

/**
 * The management part of a basic selector, or null when it plainly records no management events.
 * `ExcludeManagementEventSources` is left out on purpose: AWS only lets it drop the high-volume
 * KMS and RDS Data API sources, and every other service's management events are still recorded,
 * so a trail that sets it still records read and write management events in the sense of TG001/TG013.
 */
export function basicManagement(sel: BasicSelector): NormalSelector | null {
  const include = readBoolean(sel.includeManagementEvents, true);
  if (include === false) return null;
  const category: Operand = include === true ? { known: ["Management"], unknown: false } : UNKNOWN_OPERAND;
  const rw = readWriteCondition(sel.readWriteType);
  return [condition(EVENT_CATEGORY, { equals: category }), ...(rw === null ? [] : [rw])];
}

/**
 * In a basic selector, `arn:aws:s3:::bucket` without the slash names that bucket (as
 * `arn:aws:s3:::bucket/` does), not every bucket whose name starts with "bucket".
 */
function wholeBucket(value: string): string {
  return /^arn:aws:s3:::[^/]+$/.test(value) ? `${value}/` : value;
}

/**
 * The data part of a basic selector: one selector per data resource. A value is an ARN prefix
 * (`arn:aws:s3`, `arn:aws:s3:::bucket/`, `arn:aws:s3:::bucket/prefix`), which is what `StartsWith`
 * on `resources.ARN` means. The selector's `ReadWriteType` applies to data events too.
 */
export function basicData(sel: BasicSelector): NormalSelector[] {
  const rw = readWriteCondition(sel.readWriteType);
  const base = [condition(EVENT_CATEGORY, { equals: { known: ["Data"], unknown: false } }), ...(rw === null ? [] : [rw])];
  const resources: unknown = sel.dataResources;
  if (resources === null || resources === undefined) return [];
  if (!Array.isArray(resources)) {
    // The list itself is unknown: some data resource of unknown type may be there.
    return [[...base, condition(RESOURCES_TYPE, { equals: UNKNOWN_OPERAND })]];
  }
  return resources.map((r: unknown): NormalSelector => {
    const rec = record(r);
    if (rec === null) return [...base, condition(RESOURCES_TYPE, { equals: UNKNOWN_OPERAND })];
    const type = readOperand(rec["type"], RESOURCES_TYPE, { emptyIsAbsent: false });
    // Values are required; when absent the resource selects nothing (an empty prefix list).
    const values = readOperand(rec["values"], RESOURCES_ARN, { emptyIsAbsent: false }) ?? { known: [], unknown: false };
    const prefixes: Operand = { known: values.known.map(wholeBucket), unknown: values.unknown };
    // A missing type leaves the required `resources.type` condition out, which makes the answer unknown.
    const typeCondition = type === undefined ? [] : [condition(RESOURCES_TYPE, { equals: type })];
    return [...base, ...typeCondition, condition(RESOURCES_ARN, { startsWith: prefixes })];
  });
}

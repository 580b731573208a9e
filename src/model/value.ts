/**
 * The value currency shared by adapters and semantics: evaluated JSON-like data in which any part
 * may be unknown. Unknown propagates: an operation on an unknown yields an unknown.
 */
export type UnknownReason =
  | "unset-variable"
  | "module-output"
  | "known-after-apply"
  | "import-value"
  | "condition"
  | "unsupported-expression"
  | "other-account"
  | "access-denied"
  | "not-found"
  | "invalid"
  | "cycle";

export class UnknownValue {
  constructor(
    readonly reason: UnknownReason,
    readonly detail?: string,
  ) {}
}

export type Value =
  | null
  | boolean
  | number
  | string
  | UnknownValue
  | readonly Value[]
  | { readonly [key: string]: Value };

export type ValueMap = { readonly [key: string]: Value };

export function isUnknown(v: unknown): v is UnknownValue {
  return v instanceof UnknownValue;
}

export function isMap(v: Value | undefined): v is ValueMap {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof UnknownValue);
}

export function isList(v: Value | undefined): v is readonly Value[] {
  return Array.isArray(v);
}

/** True when the value or any part of it is unknown. */
export function containsUnknown(v: Value): boolean {
  if (v instanceof UnknownValue) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isMap(v)) return Object.values(v).some(containsUnknown);
  return false;
}

/**
 * Symbolic identities. A resource whose name is generated (a CloudFormation bucket without
 * BucketName, `${AWS::AccountId}`) has no known text, but it has a known identity: every reference to
 * it yields the same token, so `arn:aws:s3:::<token>/AWSLogs/*` still matches that bucket's ARN.
 * Tokens live inside ordinary strings so that string functions compose them naturally.
 */
const SYM_OPEN = "\uE000";
const SYM_CLOSE = "\uE001";

export function symbol(name: string): string {
  return `${SYM_OPEN}${name}${SYM_CLOSE}`;
}

export function hasSymbol(s: string): boolean {
  return s.includes(SYM_OPEN);
}

/** Text for people: tokens shown as `${name}`. */
export function displayValue(s: string): string {
  return s.replace(/\uE000([^\uE001]*)\uE001/g, (_m, n: string) => "${" + n + "}");
}

/** Split an ARN at its colons, but not at colons inside symbolic tokens (`AWS::AccountId`). */
export function arnParts(arn: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let depth = 0;
  for (const ch of arn) {
    if (ch === SYM_OPEN) depth++;
    else if (ch === SYM_CLOSE) depth = Math.max(0, depth - 1);
    if (ch === ":" && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

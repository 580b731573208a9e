/**
 * Sensitive buckets (rules.md, "Sensitive buckets" and the TG006 decision): a bucket is sensitive when
 * a classification tag says so or its name matches one of the configured globs.
 */
import type { UnknownValue, Value } from "../model/value.ts";
import { isUnknown } from "../model/value.ts";
import type { Tri } from "./selectors.ts";
import { triOr } from "./selectors.ts";

export type { Tri } from "./selectors.ts";

/** The configuration's `sensitiveBuckets`. */
export interface SensitiveBucketsConfig {
  /** Tag key → values that mark a bucket sensitive. When set it replaces the default tags. */
  readonly tags: Readonly<Record<string, readonly string[]>> | null;
  /** Name globs (`*` any run of characters, `?` one character), in addition to the tags. */
  readonly names: readonly string[];
}

export interface BucketFacts {
  readonly name: string | UnknownValue;
  readonly tags: Readonly<Record<string, Value>> | UnknownValue;
}

const SENSITIVE_VALUES = ["sensitive", "confidential", "restricted", "pii", "phi", "pci"] as const;

/** The default tags. Keys match exactly as written here; values match in any letter case. */
export const DEFAULT_SENSITIVE_TAGS: Readonly<Record<string, readonly string[]>> = {
  DataClassification: SENSITIVE_VALUES,
  "data-classification": SENSITIVE_VALUES,
  Classification: SENSITIVE_VALUES,
};

function tagValueMatches(v: Value, wanted: ReadonlySet<string>): Tri {
  if (isUnknown(v)) return "unknown";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
    // A symbolic token is an identity, not a classification word: it never equals one.
    return wanted.has(String(v).toLowerCase()) ? "yes" : "no";
  }
  return "no"; // null, lists and maps are not tag values
}

function byTags(tags: BucketFacts["tags"], config: SensitiveBucketsConfig): Tri {
  if (isUnknown(tags)) return "unknown";
  const results: Tri[] = [];
  for (const [key, values] of Object.entries(config.tags ?? DEFAULT_SENSITIVE_TAGS)) {
    if (!Object.hasOwn(tags, key)) continue;
    const value = tags[key];
    if (value === undefined) continue;
    results.push(tagValueMatches(value, new Set(values.map((s) => s.toLowerCase()))));
  }
  return triOr(...results);
}

// ---------------------------------------------------------------- name globs

/** A name as a sequence of known characters and holes (a symbolic token, or an unknown name). */
type NamePart = string | null; // one character, or null for a hole of unknown text

const TOKEN = /\uE000[^\uE001]*\uE001/g;

function nameParts(name: string | UnknownValue): NamePart[] {
  if (isUnknown(name)) return [null];
  const parts: NamePart[] = [];
  let last = 0;
  for (const m of name.matchAll(TOKEN)) {
    parts.push(...Array.from(name.slice(last, m.index)));
    parts.push(null);
    last = m.index + m[0].length;
  }
  parts.push(...Array.from(name.slice(last)));
  return parts;
}

/** Does the glob match every name the parts can stand for? A hole is matched only inside a `*`. */
function surelyMatches(glob: readonly string[], parts: readonly NamePart[]): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (parts.length + 1) + j;
    const seen = memo.get(key);
    if (seen !== undefined) return seen;
    let r: boolean;
    if (i === glob.length) r = j === parts.length;
    else if (glob[i] === "*") r = go(i + 1, j) || (j < parts.length && go(i, j + 1));
    else if (j === parts.length || parts[j] === null) r = false;
    else r = (glob[i] === "?" || glob[i] === parts[j]) && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

/** Can the glob match some name the parts can stand for? A hole may be any text, even empty. */
function possiblyMatches(glob: readonly string[], parts: readonly NamePart[]): boolean {
  const width = parts.length + 1;
  const seen = new Set<number>();
  const todo: [number, number][] = [[0, 0]];
  while (todo.length > 0) {
    const [i, j] = todo.pop()!;
    if (seen.has(i * width + j)) continue;
    seen.add(i * width + j);
    if (i === glob.length && j === parts.length) return true;
    const g = glob[i];
    const p = j < parts.length ? parts[j] : undefined;
    if (g === "*") todo.push([i + 1, j]); // the star takes nothing more
    if (p === null) todo.push([i, j + 1]); // the hole ends
    if (g === undefined || p === undefined) continue;
    // One character, produced by the name (a known one, or one of the hole's) and taken by the glob.
    if (g === "*" && p !== null) todo.push([i, j + 1]);
    else if (g !== "*" && p === null) todo.push([i + 1, j]);
    else if (g !== "*" && (g === "?" || g === p)) todo.push([i + 1, j + 1]);
  }
  return false;
}

/**
 * Matches a bucket name against a glob: `*` any run of characters, `?` exactly one, everything else
 * itself (case-sensitive). A symbolic token or an unknown name stands for unknown text: "yes" when
 * the glob matches whatever that text is, "no" when it matches none, otherwise "unknown".
 */
export function matchNameGlob(glob: string, name: string | UnknownValue): Tri {
  const g = Array.from(glob);
  const parts = nameParts(name);
  if (surelyMatches(g, parts)) return "yes";
  return possiblyMatches(g, parts) ? "unknown" : "no";
}

/**
 * Is the bucket sensitive? "yes" when a configured tag has a sensitive value or a glob surely matches
 * the name; "unknown" when an unknown tag value or tag map, or a name with unknown text, could still
 * make it so; otherwise "no". Without name globs, the name plays no part.
 */
export function isSensitiveBucket(bucket: BucketFacts, config: SensitiveBucketsConfig): Tri {
  const byName = config.names.map((glob) => matchNameGlob(glob, bucket.name));
  return triOr(byTags(bucket.tags, config), ...byName);
}

/**
 * Does a statement's Action / Resource / Principal apply to what is asked about?
 * Answers are three-valued: an unreadable entry that could have matched makes the answer unknown.
 */
import { splitArn } from "./arn.ts";
import { covers, isMatchAll, overlaps, parseGlob } from "./glob.ts";
import type { Atom } from "./glob.ts";
import { isUnreadable } from "./normalize.ts";
import type { Element, Names, PrincipalId, Principals, Unreadable } from "./normalize.ts";
import { every, not, some } from "./tri.ts";
import type { Tri } from "./tri.ts";

export type NameKind = "action" | "resource";

/** What a question asks about: a concrete name, or a pattern standing for many (`arn:aws:s3:::b/*`). */
export interface Target {
  readonly kind: NameKind;
  readonly value: string | Unreadable;
  /** `*` and `?` in `value` are wildcards (the target stands for every name they match). */
  readonly wild?: boolean;
}

function policyPattern(el: Element, kind: NameKind): Atom[] | null {
  if (isUnreadable(el)) return null;
  return kind === "action" ? parseGlob(el, { wild: true, fold: true }) : parseGlob(el, { wild: true, variables: true });
}

function targetAtoms(t: Target): Atom[] | null {
  if (isUnreadable(t.value)) return null;
  return parseGlob(t.value, { wild: t.wild ?? false, fold: t.kind === "action" });
}

/**
 * How a statement's names (a Match list, or a Not list) relate to a target. `inMatch` decides one
 * pattern of a Match list; a Not list holds when no pattern `inNot`.
 */
function namesRelate(names: Names, target: Target, inMatch: typeof covers, inNot: typeof covers): Tri {
  if (isUnreadable(names)) return "unknown";
  const t = targetAtoms(target);
  const patterns = names.values.map((el) => policyPattern(el, target.kind));
  if (t === null) {
    if (names.kind === "match" && patterns.some((p) => p !== null && isMatchAll(p))) return true;
    return "unknown";
  }
  if (names.kind === "match") return some(patterns, (p) => (p === null ? "unknown" : inMatch(p, t)));
  return every(patterns, (p) => (p === null ? "unknown" : !inNot(p, t)));
}

/**
 * True when the statement's names apply to every name the target stands for
 * (for a concrete target: the statement applies to it).
 */
export function namesCover(names: Names, target: Target): Tri {
  return namesRelate(names, target, covers, overlaps);
}

/** True when the statement's names apply to at least one name the target stands for. */
export function namesTouch(names: Names, target: Target): Tri {
  return namesRelate(names, target, overlaps, covers);
}

// ---------------------------------------------------------------- principals

/** Who makes a request. `*` is an anonymous caller: only a wildcard principal names it. */
export interface RequestPrincipal {
  readonly type: "AWS" | "Service" | "*";
  readonly id: string;
}

const ONE_TOKEN = /^\uE000[^\uE001]*\uE001$/;

/** An account ID (or a lone symbolic token, e.g. the stack's account) written as its root ARN. */
export function canonicalAwsId(id: string): string {
  return /^\d{12}$/.test(id) || ONE_TOKEN.test(id) ? `arn:aws:iam::${id}:root` : id;
}

function accountOf(arn: string): string | null {
  return splitArn(arn)?.[4] ?? null;
}

function isAccountRoot(arn: string): boolean {
  const parts = splitArn(arn);
  return parts !== null && parts[2] === "iam" && parts[5] === "root";
}

/** True when `pid` is a wildcard: `"*"` or `{"AWS": "*"}`. */
export function isWildcardId(pid: PrincipalId): boolean {
  return (pid.type === "*" || pid.type === "AWS") && pid.id === "*";
}

/**
 * In Principal, an account names every principal of that account; in NotPrincipal, only the
 * account itself (`exact`), so a role of that account is not exempted by it.
 */
function idMatches(pid: PrincipalId, who: RequestPrincipal, mode: "member" | "exact"): Tri {
  if (isWildcardId(pid)) return true;
  if (isUnreadable(pid.id)) {
    if (pid.type === "AWS") return "unknown"; // it could be "*"
    return pid.type === who.type ? "unknown" : false;
  }
  if (pid.type !== who.type) return false;
  if (pid.type === "Service") return pid.id.toLowerCase() === who.id.toLowerCase();
  if (pid.type !== "AWS") return false;
  const want = canonicalAwsId(pid.id);
  const got = canonicalAwsId(who.id);
  if (want === got) return true;
  return mode === "member" && isAccountRoot(want) && accountOf(got) === accountOf(want);
}

export function principalMatches(p: Principals, who: RequestPrincipal): Tri {
  if (p.kind === "implicit") return true;
  if (isUnreadable(p)) return "unknown";
  if (p.kind === "match") return some(p.ids, (pid) => idMatches(pid, who, "member"));
  return not(some(p.ids, (pid) => idMatches(pid, who, "exact")));
}

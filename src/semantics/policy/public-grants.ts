/**
 * TG008: statements that Allow anyone (`*`, `{"AWS": "*"}`, or an Allow with NotPrincipal) with no
 * restricting condition. The statement is judged on its own, whatever it allows.
 */
import type { Value } from "../../model/value.ts";
import { conditionsRestrict } from "./conditions.ts";
import { isWildcardId } from "./match.ts";
import { isUnreadable, normalizePolicy } from "./normalize.ts";
import type { AnyStatement, Principals } from "./normalize.ts";
import { and, every, not, some } from "./tri.ts";
import type { Tri } from "./tri.ts";

export interface PublicGrants {
  /** Statements that make the bucket public. */
  readonly statements: readonly number[];
  /** Statements that might, depending on what could not be read. */
  readonly unknownStatements: readonly number[];
  /** True when something could not be read that might make the policy public. */
  readonly unknown: boolean;
}

/** An unreadable AWS principal could be `*`. */
function publicPrincipal(p: Principals): Tri {
  if (p.kind === "implicit") return false;
  if (isUnreadable(p)) return "unknown";
  const couldBeStar = (type: string, id: unknown): boolean => type === "AWS" && isUnreadable(id);
  if (p.kind === "match") return some(p.ids, (pid) => (isWildcardId(pid) ? true : couldBeStar(pid.type, pid.id) ? "unknown" : false));
  // Allow + NotPrincipal: everyone but the listed principals
  return every(p.ids, (pid) => (isWildcardId(pid) ? false : couldBeStar(pid.type, pid.id) ? "unknown" : true));
}

export function statementIsPublic(st: AnyStatement): Tri {
  if (st.kind === "unknown") return "unknown";
  const isAllow: Tri = isUnreadable(st.effect) ? "unknown" : st.effect === "Allow";
  return and(isAllow, publicPrincipal(st.principal), not(conditionsRestrict(st.condition)));
}

export function publicGrants(doc: Value): PublicGrants {
  const policy = normalizePolicy(doc);
  if (isUnreadable(policy)) return { statements: [], unknownStatements: [], unknown: true };
  const verdicts = policy.statements.map((st) => ({ index: st.index, public: statementIsPublic(st) }));
  const unknownStatements = verdicts.filter((v) => v.public === "unknown").map((v) => v.index);
  return {
    statements: verdicts.filter((v) => v.public === true).map((v) => v.index),
    unknownStatements,
    unknown: unknownStatements.length > 0,
  };
}

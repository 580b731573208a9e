/**
 * Request evaluation within one policy: an explicit Deny beats any Allow, no Allow means an
 * implicit deny, and a statement we cannot read keeps the answer unknown when it could decide it.
 */
import type { Value } from "../../model/value.ts";
import { evaluateConditions, lookupFromRecord } from "./conditions.ts";
import type { ContextRecord, EvalContext } from "./conditions.ts";
import { splitArn } from "./arn.ts";
import { canonicalAwsId, namesCover, namesTouch, principalMatches } from "./match.ts";
import type { RequestPrincipal, Target } from "./match.ts";
import { isUnreadable, normalizePolicy } from "./normalize.ts";
import type { AnyStatement, Policy, Statement } from "./normalize.ts";
import { and } from "./tri.ts";
import type { Tri } from "./tri.ts";

export type Decision = "allow" | "deny" | "implicit-deny" | "unknown";

export interface RequestResult {
  readonly decision: Decision;
  /** The deciding statements: the Denies that apply, else the Allows that apply, else (unknown)
   * the statements that could change the answer. Empty for an implicit deny. */
  readonly statements: readonly number[];
}

/** A request as the questions ask it; the resource may be a pattern standing for many objects. */
export interface Query {
  readonly principal: RequestPrincipal;
  readonly action: string;
  readonly resource: Target;
  readonly context: EvalContext;
}

/**
 * Does the statement apply to the query? `cover`: to every resource the target stands for (what
 * a grant must do); `touch`: to at least one (enough for a Deny to get in the way).
 */
export function applies(st: Statement, q: Query, mode: "cover" | "touch"): Tri {
  const resource = mode === "cover" ? namesCover(st.resource, q.resource) : namesTouch(st.resource, q.resource);
  return and(
    principalMatches(st.principal, q.principal),
    namesCover(st.action, { kind: "action", value: q.action }),
    resource,
    evaluateConditions(st.condition, q.context),
  );
}

interface Verdict {
  readonly index: number;
  readonly asDeny: Tri;
  readonly asAllow: Tri;
}

function verdict(st: AnyStatement, q: Query): Verdict {
  if (st.kind === "unknown") return { index: st.index, asDeny: "unknown", asAllow: "unknown" };
  const effect = st.effect;
  const couldDeny = isUnreadable(effect) || effect === "Deny";
  const couldAllow = isUnreadable(effect) || effect === "Allow";
  const sure = (t: Tri): Tri => (isUnreadable(effect) && t === true ? "unknown" : t);
  return {
    index: st.index,
    asDeny: couldDeny ? sure(applies(st, q, "touch")) : false,
    asAllow: couldAllow ? sure(applies(st, q, "cover")) : false,
  };
}

export function decide(policy: Policy, q: Query): RequestResult {
  if (isUnreadable(policy)) return { decision: "unknown", statements: [] };
  const verdicts = policy.statements.map((st) => verdict(st, q));
  const pick = (f: (v: Verdict) => boolean): number[] => verdicts.filter(f).map((v) => v.index);
  const denies = pick((v) => v.asDeny === true);
  if (denies.length > 0) return { decision: "deny", statements: denies };
  const maybeDenies = pick((v) => v.asDeny === "unknown");
  if (maybeDenies.length > 0) return { decision: "unknown", statements: maybeDenies };
  const allows = pick((v) => v.asAllow === true);
  if (allows.length > 0) return { decision: "allow", statements: allows };
  const maybeAllows = pick((v) => v.asAllow === "unknown");
  if (maybeAllows.length > 0) return { decision: "unknown", statements: maybeAllows };
  return { decision: "implicit-deny", statements: [] };
}

export interface Request {
  readonly principal: RequestPrincipal;
  readonly action: string;
  /** A concrete ARN (no wildcards). */
  readonly resource: string;
  /** The request context; keys not listed are absent from the request. Keys are case-insensitive. */
  readonly context: ContextRecord;
}

/** The keys AWS puts in every request context from the caller's identity. */
function principalKeys(who: RequestPrincipal): ContextRecord {
  if (who.type === "Service") return { "aws:PrincipalServiceName": who.id, "aws:PrincipalIsAWSService": true };
  if (who.type !== "AWS") return {};
  const arn = canonicalAwsId(who.id);
  const account = splitArn(arn)?.[4];
  return account === undefined
    ? { "aws:PrincipalArn": arn, "aws:PrincipalIsAWSService": false }
    : { "aws:PrincipalArn": arn, "aws:PrincipalAccount": account, "aws:PrincipalIsAWSService": false };
}

/**
 * The decision of one policy for one concrete request. The context gets the caller's
 * `aws:PrincipalArn`, `aws:PrincipalAccount` or `aws:PrincipalServiceName` unless it sets them.
 */
export function evaluateRequest(doc: Value, request: Request): RequestResult {
  const given = new Set(Object.keys(request.context).map((k) => k.toLowerCase()));
  const derived = Object.entries(principalKeys(request.principal)).filter(([k]) => !given.has(k.toLowerCase()));
  return decide(normalizePolicy(doc), {
    principal: request.principal,
    action: request.action,
    resource: { kind: "resource", value: request.resource },
    context: { lookup: lookupFromRecord({ ...Object.fromEntries(derived), ...request.context }) },
  });
}

/**
 * TG007 (c): does the bucket policy deny `s3:DeleteObject` and `s3:DeleteObjectVersion` on the log
 * objects to every principal? A Deny counts when it has no condition, or when its conditions only
 * exempt named (break-glass) principals or only let MFA-authenticated callers through.
 */
import type { Value } from "../../model/value.ts";
import { splitArn } from "./arn.ts";
import { parseGlob } from "./glob.ts";
import { isWildcardId, namesCover } from "./match.ts";
import type { Target } from "./match.ts";
import { isUnreadable, normalizePolicy } from "./normalize.ts";
import type { Clause, Element, Principals, Statement, Unreadable } from "./normalize.ts";
import { and, every, or, some } from "./tri.ts";
import type { Tri } from "./tri.ts";

export const DELETE_ACTIONS = ["s3:DeleteObject", "s3:DeleteObjectVersion"] as const;
export type DeleteAction = (typeof DELETE_ACTIONS)[number];

export type ProtectionResult = "protected" | "not-protected" | "unknown";

export interface DeleteProtection {
  readonly result: ProtectionResult;
  /** protected: the Denies that protect; unknown: those that do or might; not-protected: empty. */
  readonly statements: readonly number[];
  /** The delete actions no Deny is known to stop. */
  readonly unprotected: readonly DeleteAction[];
}

export interface LogObjects {
  readonly bucketArn: string;
  /** The log objects, a pattern such as `arn:aws:s3:::B/AWSLogs/*`; default: every object of the bucket. */
  readonly logObjectArn?: string;
}

/** A Deny applies to every principal: `*`, `{"AWS": "*"}`, or a NotPrincipal naming a few. */
function everyone(p: Principals): Tri {
  if (p.kind === "implicit") return false;
  if (isUnreadable(p)) return "unknown";
  if (p.kind === "match") {
    return some(p.ids, (pid) => (isWildcardId(pid) ? true : pid.type === "AWS" && isUnreadable(pid.id) ? "unknown" : false));
  }
  // NotPrincipal names the exempted principals; only a wildcard there exempts everyone
  return every(p.ids, (pid) => !isWildcardId(pid));
}

const EXEMPTION_KEYS: ReadonlySet<string> = new Set(["aws:principalarn", "aws:userid"]);
const EXEMPTION_OPS: ReadonlySet<string> = new Set([
  "stringnotequals",
  "stringnotequalsignorecase",
  "stringnotlike",
  "arnnotequals",
  "arnnotlike",
]);
const EXACT_EXEMPTION_OPS: ReadonlySet<string> = new Set(["stringnotequals", "stringnotequalsignorecase"]);

/**
 * A value names a few principals unless its name part is all wildcards
 * (`*`, `arn:aws:iam::123456789012:*`, `arn:aws:iam::123456789012:role/*`).
 */
function namesFew(el: Element, exact: boolean): Tri {
  if (exact) return true;
  if (isUnreadable(el)) return "unknown";
  const tail = splitArn(el)?.[5] ?? el;
  const name = tail.includes("/") ? tail.slice(tail.indexOf("/") + 1) : tail;
  const atoms = parseGlob(name, { wild: true, variables: true });
  if (atoms === null) return "unknown";
  return atoms.some((a) => a.t === "char" || a.t === "token");
}

function allValues(values: readonly Element[] | Unreadable, test: (el: Element) => Tri): Tri {
  return isUnreadable(values) ? "unknown" : every(values, test);
}

/** A clause that leaves the Deny in force for everyone but named principals or MFA callers. */
function tolerated(clause: Clause | Unreadable): Tri {
  if (isUnreadable(clause)) return "unknown";
  if (clause.set !== null) return false;
  const key = clause.key.toLowerCase();
  if (EXEMPTION_KEYS.has(key) && EXEMPTION_OPS.has(clause.op)) {
    const exact = EXACT_EXEMPTION_OPS.has(clause.op);
    return allValues(clause.values, (el) => namesFew(el, exact));
  }
  if (key === "aws:multifactorauthpresent") {
    // deny unless MFA: Bool(IfExists) false, or Null true (the key is missing without MFA)
    const want = clause.op === "bool" ? "false" : clause.op === "null" && !clause.ifExists ? "true" : null;
    if (want === null) return false;
    return allValues(clause.values, (el) => (isUnreadable(el) ? "unknown" : el.toLowerCase() === want));
  }
  return false;
}

function denyProtects(st: Statement, action: DeleteAction, objects: Target): Tri {
  const isDeny: Tri = isUnreadable(st.effect) ? "unknown" : st.effect === "Deny";
  return and(
    isDeny,
    everyone(st.principal),
    namesCover(st.action, { kind: "action", value: action }),
    namesCover(st.resource, objects),
    isUnreadable(st.condition) ? "unknown" : every(st.condition.clauses, tolerated),
  );
}

export function deleteProtection(doc: Value, logs: LogObjects): DeleteProtection {
  const policy = normalizePolicy(doc);
  if (isUnreadable(policy)) return { result: "unknown", statements: [], unprotected: [] };
  const objects: Target = { kind: "resource", value: logs.logObjectArn ?? `${logs.bucketArn}/*`, wild: true };
  const protecting = new Set<number>();
  const maybe = new Set<number>();
  const perAction = DELETE_ACTIONS.map((action) => {
    let answer: Tri = false;
    for (const st of policy.statements) {
      const r: Tri = st.kind === "unknown" ? "unknown" : denyProtects(st, action, objects);
      if (r === true) protecting.add(st.index);
      if (r === "unknown") maybe.add(st.index);
      answer = or(answer, r);
    }
    return { action, answer };
  });
  const overall = and(...perAction.map((a) => a.answer));
  const unprotected = perAction.filter((a) => a.answer === false).map((a) => a.action);
  const sorted = (xs: Iterable<number>): number[] => [...new Set(xs)].sort((a, b) => a - b);
  if (overall === true) return { result: "protected", statements: sorted(protecting), unprotected };
  if (overall === false) return { result: "not-protected", statements: [], unprotected };
  return { result: "unknown", statements: sorted([...protecting, ...maybe]), unprotected };
}

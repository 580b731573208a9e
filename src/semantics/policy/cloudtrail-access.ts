/**
 * What CloudTrail itself needs from the trail's bucket policy (TG016) and KMS key policy (TG020).
 * CloudTrail calls as the service principal `cloudtrail.amazonaws.com`, over TLS, with
 * `aws:SourceArn` = the trail's ARN and `aws:SourceAccount` = the trail's account.
 */
import { hasSymbol, isUnknown } from "../../model/value.ts";
import type { UnknownValue, Value } from "../../model/value.ts";
import { splitArn } from "./arn.ts";
import { operatorSpec } from "./conditions.ts";
import type { Blur, ContextEntry, EvalContext } from "./conditions.ts";
import { applies, decide } from "./evaluate.ts";
import type { Query } from "./evaluate.ts";
import type { RequestPrincipal } from "./match.ts";
import { isUnreadable, normalizePolicy, unreadable } from "./normalize.ts";
import type { KnownPolicy, Statement } from "./normalize.ts";

export const CLOUDTRAIL: RequestPrincipal = { type: "Service", id: "cloudtrail.amazonaws.com" };

export interface TrailIdentity {
  /** The trail's ARN; unknown makes source conditions on it unknown. */
  readonly trailArn: string | UnknownValue;
  /** The trail's account (the management account for an organization trail). Unknown or
   * symbolic account IDs cannot be compared, and so never count as a mismatch. */
  readonly accountId: string | UnknownValue;
}

// ---------------------------------------------------------------- CloudTrail's request context

const SOURCE_KEYS: ReadonlySet<string> = new Set(["aws:sourcearn", "aws:sourceaccount"]);
const TRAIL_ARN_KEYS: ReadonlySet<string> = new Set(["aws:sourcearn", "kms:encryptioncontext:aws:cloudtrail:arn"]);

/** Keys a service principal's request never carries: they describe an IAM caller. */
const ABSENT_FOR_SERVICES: ReadonlySet<string> = new Set([
  "aws:principalarn",
  "aws:principalaccount",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:userid",
  "aws:username",
  "aws:multifactorauthpresent",
  "aws:multifactorauthage",
]);

/** Stands for an account (or region) that cannot be compared; it equals only itself. */
const INCOMPARABLE = "\uE000incomparable\uE001";

/**
 * Region and account fields that are symbolic on either side compare equal (rules.md, TG016:
 * an account that cannot be compared is not a mismatch). A whole ARN that is one symbol (the
 * trail's `GetAtt`) cannot be compared with spelled-out text at all.
 */
const blurTrail: Blur = (key, policyValue, requestValue) => {
  if (policyValue === requestValue) return [policyValue, requestValue];
  if (key === "aws:sourceaccount") {
    return hasSymbol(policyValue) || hasSymbol(requestValue) ? [INCOMPARABLE, INCOMPARABLE] : [policyValue, requestValue];
  }
  if (!TRAIL_ARN_KEYS.has(key)) return [policyValue, requestValue];
  const p = splitArn(policyValue);
  const r = splitArn(requestValue);
  if (p === null || r === null) {
    const oneSided = (p === null) !== (r === null);
    return oneSided && (hasSymbol(policyValue) || hasSymbol(requestValue)) ? "unknown" : [policyValue, requestValue];
  }
  for (const i of [3, 4]) {
    if (p[i] !== r[i] && (hasSymbol(p[i]!) || hasSymbol(r[i]!))) {
      p[i] = INCOMPARABLE;
      r[i] = INCOMPARABLE;
    }
  }
  return [p.join(":"), r.join(":")];
};

function cloudTrailContext(trail: TrailIdentity, extra: Readonly<Record<string, string | UnknownValue>>): EvalContext {
  const given = (v: string | UnknownValue): ContextEntry => (isUnknown(v) ? { kind: "unknown" } : { kind: "values", values: [v] });
  const known: Readonly<Record<string, ContextEntry>> = {
    "aws:sourcearn": given(trail.trailArn),
    "aws:sourceaccount": { kind: "values", values: [isUnknown(trail.accountId) ? INCOMPARABLE : trail.accountId] },
    "aws:securetransport": { kind: "values", values: ["true"] },
    "aws:principalisawsservice": { kind: "values", values: ["true"] },
    "aws:principalservicename": { kind: "values", values: [CLOUDTRAIL.id] },
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, given(v)])),
  };
  return {
    lookup: (key) => {
      const entry = known[key];
      if (entry) return entry;
      if (ABSENT_FOR_SERVICES.has(key) || key.startsWith("aws:principaltag/")) return { kind: "absent" };
      return { kind: "unknown" };
    },
    blur: blurTrail,
  };
}

// ---------------------------------------------------------------- TG016: bucket policy

export type DeliveryResult = "allowed" | "allowed-without-source-condition" | "blocked" | "unknown";

export interface DeliveryNeed {
  readonly action: "s3:GetBucketAcl" | "s3:PutObject";
  /** The bucket or the log prefix; null when it is unknown (an unknown organization ID). */
  readonly resource: string | null;
}

export interface Delivery {
  readonly result: DeliveryResult;
  /**
   * allowed: the grants that allow delivery; allowed-without-source-condition: the allowing grants
   * that lack an `aws:SourceArn` / `aws:SourceAccount` condition; blocked: the Denies that stop it
   * (empty when nothing grants it); unknown: the statements that could change the answer.
   */
  readonly statements: readonly number[];
  /** What CloudTrail may not do (blocked only). */
  readonly blocked: readonly DeliveryNeed[];
}

export interface TrailBucket extends TrailIdentity {
  readonly bucketArn: string;
  /** The log prefixes, as patterns: `arn:aws:s3:::B[/PREFIX]/AWSLogs/ACCOUNT/*`, and for an
   * organization trail also `.../AWSLogs/ORG_ID/*` (unknown when the organization ID is). */
  readonly objectArns: readonly (string | UnknownValue)[];
}

/** A grant is tied to a source when it tests `aws:SourceArn` or `aws:SourceAccount` positively. */
function hasSourceCondition(st: Statement): boolean {
  if (isUnreadable(st.condition)) return false;
  return st.condition.clauses.some(
    (c) => !isUnreadable(c) && SOURCE_KEYS.has(c.key.toLowerCase()) && operatorSpec(c.op)?.negated === false,
  );
}

/** A Deny for CloudTrail unless the source is the expected one guards every grant. */
function hasSourceGuard(st: Statement, q: Query): boolean {
  if (st.effect !== "Deny" || isUnreadable(st.condition)) return false;
  const testsSource = st.condition.clauses.some(
    (c) => !isUnreadable(c) && SOURCE_KEYS.has(c.key.toLowerCase()) && operatorSpec(c.op)?.negated === true,
  );
  const unconditioned = { ...st, condition: { kind: "conditions" as const, clauses: [] } };
  return testsSource && applies(unconditioned, q, "touch") === true;
}

type NeedVerdict =
  | { readonly state: "allowed"; readonly grants: readonly number[]; readonly bare: readonly number[] }
  | { readonly state: "blocked" | "unknown"; readonly statements: readonly number[] };

function judgeNeed(policy: KnownPolicy, q: Query): NeedVerdict {
  const r = decide(policy, q);
  if (r.decision === "deny" || r.decision === "implicit-deny") return { state: "blocked", statements: r.statements };
  if (r.decision === "unknown") return { state: "unknown", statements: r.statements };
  const byIndex = new Map(policy.statements.map((st) => [st.index, st]));
  const guarded = policy.statements.some((st) => st.kind === "statement" && hasSourceGuard(st, q));
  const bare = guarded
    ? []
    : r.statements.filter((i) => {
        const st = byIndex.get(i);
        return st?.kind === "statement" && !hasSourceCondition(st);
      });
  return { state: "allowed", grants: r.statements, bare };
}

const sorted = (xs: Iterable<number>): number[] => [...new Set(xs)].sort((a, b) => a - b);

export function cloudTrailDelivery(doc: Value, bucket: TrailBucket): Delivery {
  const policy = normalizePolicy(doc);
  if (isUnreadable(policy)) return { result: "unknown", statements: [], blocked: [] };
  const needs: { need: DeliveryNeed; query: Query }[] = [
    {
      need: { action: "s3:GetBucketAcl", resource: bucket.bucketArn },
      query: {
        principal: CLOUDTRAIL,
        action: "s3:GetBucketAcl",
        resource: { kind: "resource", value: bucket.bucketArn },
        context: cloudTrailContext(bucket, {}),
      },
    },
    ...bucket.objectArns.map((arn) => ({
      need: { action: "s3:PutObject" as const, resource: isUnknown(arn) ? null : arn },
      query: {
        principal: CLOUDTRAIL,
        action: "s3:PutObject",
        resource: { kind: "resource" as const, value: isUnknown(arn) ? unreadable(arn.reason) : arn, wild: true },
        context: cloudTrailContext(bucket, { "s3:x-amz-acl": "bucket-owner-full-control" }),
      },
    })),
  ];
  const verdicts = needs.map((n) => ({ need: n.need, verdict: judgeNeed(policy, n.query) }));
  const blocked = verdicts.filter((v) => v.verdict.state === "blocked");
  const pickStatements = (vs: typeof verdicts): number[] =>
    sorted(vs.flatMap((v) => (v.verdict.state === "allowed" ? [] : v.verdict.statements)));
  if (blocked.length > 0) return { result: "blocked", statements: pickStatements(blocked), blocked: blocked.map((v) => v.need) };
  const unsure = verdicts.filter((v) => v.verdict.state === "unknown");
  if (unsure.length > 0) return { result: "unknown", statements: pickStatements(unsure), blocked: [] };
  const bare = sorted(verdicts.flatMap((v) => (v.verdict.state === "allowed" ? v.verdict.bare : [])));
  if (bare.length > 0) return { result: "allowed-without-source-condition", statements: bare, blocked: [] };
  const grants = sorted(verdicts.flatMap((v) => (v.verdict.state === "allowed" ? v.verdict.grants : [])));
  return { result: "allowed", statements: grants, blocked: [] };
}

// ---------------------------------------------------------------- TG020: KMS key policy

export type KeyAccessResult = "allowed" | "blocked" | "unknown";

export interface KeyAccess {
  readonly result: KeyAccessResult;
  /** allowed: the grants; blocked: the Denies that stop it (empty when nothing grants it);
   * unknown: the statements that could change the answer. */
  readonly statements: readonly number[];
}

export interface TrailKey extends TrailIdentity {
  /** The key's ARN; without it, only `"Resource": "*"` is known to name the key. */
  readonly keyArn?: string;
}

/** Can CloudTrail call `kms:GenerateDataKey` on the key to encrypt the trail's logs? */
export function kmsAllowsCloudTrail(keyPolicy: Value, key: TrailKey): KeyAccess {
  const policy = normalizePolicy(keyPolicy);
  const r = decide(policy, {
    principal: CLOUDTRAIL,
    action: "kms:GenerateDataKey",
    resource: { kind: "resource", value: key.keyArn ?? unreadable("unset-variable", "the key ARN was not given") },
    context: cloudTrailContext(key, { "kms:encryptioncontext:aws:cloudtrail:arn": key.trailArn }),
  });
  const result: KeyAccessResult =
    r.decision === "allow" ? "allowed" : r.decision === "unknown" ? "unknown" : "blocked";
  return { result, statements: r.statements };
}

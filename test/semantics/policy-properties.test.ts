import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { symbol, UnknownValue } from "../../src/model/value.ts";
import type { Value } from "../../src/model/value.ts";
import {
  cloudTrailDelivery,
  deleteProtection,
  evaluateRequest,
  kmsAllowsCloudTrail,
  publicGrants,
} from "../../src/semantics/policy/index.ts";
import type { Request } from "../../src/semantics/policy/index.ts";

const ACCOUNT = "123456789012";
const BUCKET = "arn:aws:s3:::logs";
const TOKEN_BUCKET = `arn:aws:s3:::${symbol("LogBucket")}`;
const TRAIL = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
const unknown = new UnknownValue("unset-variable");

// ---------------------------------------------------------------- generators

/** Mostly known values, sometimes an unknown one. */
const sometimesUnknown = <T extends Value | undefined>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | UnknownValue> =>
  fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(unknown) });

const principal: fc.Arbitrary<Value> = sometimesUnknown(fc.constantFrom<Value>(
  "*",
  { AWS: "*" },
  { AWS: ACCOUNT },
  { AWS: `arn:aws:iam::${ACCOUNT}:role/BreakGlass` },
  { AWS: ["999999999999", `arn:aws:iam::${ACCOUNT}:role/Admin`] },
  { Service: "cloudtrail.amazonaws.com" },
  { AWS: unknown },
));

const oneOrMany = <T extends Value>(arb: fc.Arbitrary<T>): fc.Arbitrary<Value> =>
  fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }));

const action = oneOrMany(
  sometimesUnknown(fc.constantFrom<Value>(
    "*",
    "s3:*",
    "s3:Delete*",
    "s3:DeleteObject",
    "s3:DeleteObjectVersion",
    "s3:GetObject",
    "s3:PutObject",
    "s3:GetBucketAcl",
    "kms:GenerateDataKey*",
    "kms:*",
  )),
);

const resource = oneOrMany(
  sometimesUnknown(fc.constantFrom<Value>(
    "*",
    BUCKET,
    `${BUCKET}/*`,
    `${BUCKET}/AWSLogs/*`,
    `${BUCKET}/AWSLogs/${ACCOUNT}/*`,
    `${BUCKET}/tmp/*`,
    `${TOKEN_BUCKET}/*`,
    "arn:aws:s3:::other/*",
  )),
);

const condition = sometimesUnknown(fc.constantFrom<Value | undefined>(
  undefined,
  { Bool: { "aws:SecureTransport": "false" } },
  { Bool: { "aws:SecureTransport": "true" } },
  { ArnNotEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/BreakGlass` } },
  { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
  { StringEquals: { "aws:SourceAccount": ACCOUNT } },
  { StringEquals: { "aws:SourceArn": TRAIL } },
  { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:999999999999:trail/x" } },
  { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
  { StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` } },
  { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
  { StringEquals: unknown },
));

function statement(effect: fc.Arbitrary<Value>): fc.Arbitrary<Value> {
  return fc
    .record({
      effect,
      principal,
      notPrincipal: fc.boolean(),
      action,
      notAction: fc.boolean(),
      resource,
      notResource: fc.boolean(),
      condition,
    })
    .map((r) => {
      const st: Record<string, Value> = { Effect: r.effect };
      st[r.notPrincipal && r.principal !== "*" ? "NotPrincipal" : "Principal"] = r.principal;
      st[r.notAction ? "NotAction" : "Action"] = r.action;
      st[r.notResource ? "NotResource" : "Resource"] = r.resource;
      if (r.condition !== undefined) st["Condition"] = r.condition;
      return st;
    });
}

const anyStatement: fc.Arbitrary<Value> = fc.oneof(
  { weight: 10, arbitrary: statement(fc.constantFrom<Value>("Allow", "Deny")) },
  { weight: 1, arbitrary: statement(fc.constant<Value>(unknown)) },
  { weight: 1, arbitrary: fc.constant<Value>(unknown) },
);
const allowStatement = statement(fc.constant<Value>("Allow"));
const denyStatement = statement(fc.constant<Value>("Deny"));
const statements = fc.array(anyStatement, { maxLength: 6 });

/** Denies that protect the log objects, as TG007 accepts them. */
const protectingDeny: fc.Arbitrary<Value> = fc.record({
  Effect: fc.constant("Deny"),
  Principal: fc.constantFrom<Value>("*", { AWS: "*" }),
  Action: fc.constantFrom<Value>("*", "s3:*", "s3:Delete*", ["s3:DeleteObject", "s3:DeleteObjectVersion"]),
  Resource: fc.constantFrom<Value>("*", `${BUCKET}/*`, `${BUCKET}/AWSLogs/*`),
  Condition: fc.constantFrom<Value>(
    {},
    { ArnNotEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/BreakGlass` } },
    { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
  ),
});

/** Statements with a Deny among them, so that many requests are denied. */
const withDeny = fc
  .tuple(statements, fc.array(denyStatement, { minLength: 1, maxLength: 2 }))
  .map(([sts, denies]) => [...denies, ...sts]);

const request: fc.Arbitrary<Request> = fc.record({
  principal: fc.constantFrom<Request["principal"]>(
    { type: "AWS", id: `arn:aws:iam::${ACCOUNT}:role/Admin` },
    { type: "AWS", id: `arn:aws:iam::${ACCOUNT}:role/BreakGlass` },
    { type: "AWS", id: "arn:aws:iam::999999999999:user/eve" },
    { type: "Service", id: "cloudtrail.amazonaws.com" },
    { type: "*", id: "*" },
  ),
  action: fc.constantFrom("s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObject", "s3:PutObject", "kms:GenerateDataKey"),
  resource: fc.constantFrom(`${BUCKET}/AWSLogs/${ACCOUNT}/x.json.gz`, `${BUCKET}/tmp/y`, BUCKET, `${TOKEN_BUCKET}/AWSLogs/z`),
  context: fc.record(
    {
      "aws:SecureTransport": fc.boolean(),
      "aws:MultiFactorAuthPresent": fc.boolean(),
      "aws:SourceIp": fc.constantFrom("10.1.2.3", "203.0.113.9"),
      "aws:SourceAccount": fc.constantFrom(ACCOUNT, "999999999999"),
    },
    { requiredKeys: [] },
  ),
});

/** A permutation of the statements, with each statement's original index alongside. */
function shuffled(sts: readonly Value[]): fc.Arbitrary<{ order: number[]; doc: Value[] }> {
  return fc.shuffledSubarray([...sts.keys()], { minLength: sts.length, maxLength: sts.length }).map((order) => ({
    order,
    doc: order.map((i) => sts[i]!),
  }));
}

/** Indices into the shuffled list, mapped back to the original positions and sorted. */
const back = (order: readonly number[], indices: readonly number[]): number[] => indices.map((i) => order[i]!).sort((a, b) => a - b);

const LOGS = { bucketArn: BUCKET, logObjectArn: `${BUCKET}/AWSLogs/*` };
const DELIVERY = { bucketArn: BUCKET, objectArns: [`${BUCKET}/AWSLogs/${ACCOUNT}/*`], trailArn: TRAIL, accountId: ACCOUNT };
const KEY = { trailArn: TRAIL, accountId: ACCOUNT };

// ---------------------------------------------------------------- properties

describe("policy properties", () => {
  it("adding an Allow never removes a Deny's effect", () => {
    fc.assert(
      fc.property(withDeny, allowStatement, fc.nat(), request, (sts, extra, at, req) => {
        fc.pre(evaluateRequest(sts, req).decision === "deny");
        const more = [...sts];
        more.splice(at % (sts.length + 1), 0, extra);
        expect(evaluateRequest(more, req).decision).toBe("deny");
      }),
      { numRuns: 400 },
    );
  });

  it("adding statements never turns protected into not-protected", () => {
    fc.assert(
      fc.property(statements, fc.array(protectingDeny, { minLength: 1, maxLength: 2 }), fc.array(anyStatement, { minLength: 1, maxLength: 3 }), (others, denies, extra) => {
        const sts = [...others, ...denies];
        expect(deleteProtection(sts, LOGS).result).toBe("protected");
        expect(deleteProtection([...sts, ...extra], LOGS).result).toBe("protected");
        expect(deleteProtection([...extra, ...sts], LOGS).result).toBe("protected");
      }),
      { numRuns: 300 },
    );
  });

  it("adding statements never hides a public grant", () => {
    fc.assert(
      fc.property(statements, anyStatement, (sts, extra) => {
        const before = publicGrants(sts).statements;
        expect(publicGrants([...sts, extra]).statements).toEqual(expect.arrayContaining([...before]));
      }),
    );
  });

  it("making a statement unknown yields the same answer or unknown, never another verdict", () => {
    fc.assert(
      fc.property(withDeny, fc.nat(), request, (sts, at, req) => {
        const i = at % sts.length;
        const blurred = sts.map((s, j) => (j === i ? unknown : s));
        const was = evaluateRequest(sts, req).decision;
        const now = evaluateRequest(blurred, req).decision;
        // only a Deny from another statement survives; the unknown one could deny anything else
        expect(now === "unknown" || (now === "deny" && was === "deny")).toBe(true);
        const prot = deleteProtection(blurred, LOGS).result;
        expect([deleteProtection(sts, LOGS).result, "unknown"]).toContain(prot);
        const delivery = cloudTrailDelivery(blurred, DELIVERY).result;
        expect([cloudTrailDelivery(sts, DELIVERY).result, "unknown"]).toContain(delivery);
        const key = kmsAllowsCloudTrail(blurred, KEY).result;
        expect([kmsAllowsCloudTrail(sts, KEY).result, "unknown"]).toContain(key);
      }),
      { numRuns: 300 },
    );
  });

  it("shuffling statement order never changes an answer", () => {
    fc.assert(
      fc.property(
        statements.chain((sts) => fc.tuple(fc.constant(sts), shuffled(sts))),
        request,
        ([sts, { order, doc }], req) => {
          const a = evaluateRequest(sts, req);
          const b = evaluateRequest(doc, req);
          expect(b.decision).toBe(a.decision);
          expect(back(order, b.statements)).toEqual([...a.statements]);

          const pa = deleteProtection(sts, LOGS);
          const pb = deleteProtection(doc, LOGS);
          expect({ ...pb, statements: back(order, pb.statements) }).toEqual(pa);

          const ga = publicGrants(sts);
          const gb = publicGrants(doc);
          expect(back(order, gb.statements)).toEqual([...ga.statements]);
          expect(back(order, gb.unknownStatements)).toEqual([...ga.unknownStatements]);

          const da = cloudTrailDelivery(sts, DELIVERY);
          const db = cloudTrailDelivery(doc, DELIVERY);
          expect({ ...db, statements: back(order, db.statements) }).toEqual(da);

          const ka = kmsAllowsCloudTrail(sts, KEY);
          const kb = kmsAllowsCloudTrail(doc, KEY);
          expect({ ...kb, statements: back(order, kb.statements) }).toEqual(ka);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("an unconditional Deny of everything to everyone always denies", () => {
    const denyAll = { Effect: "Deny", Principal: "*", Action: "*", Resource: "*" };
    fc.assert(
      fc.property(statements, request, (sts, req) => {
        expect(evaluateRequest([...sts, denyAll], req).decision).toBe("deny");
        expect(deleteProtection([...sts, denyAll], LOGS).result).toBe("protected");
        expect(cloudTrailDelivery([...sts, denyAll], DELIVERY).result).toBe("blocked");
        expect(kmsAllowsCloudTrail([...sts, denyAll], KEY).result).toBe("blocked");
      }),
    );
  });
});

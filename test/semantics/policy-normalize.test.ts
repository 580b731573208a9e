import { describe, expect, it } from "vitest";
import { UnknownValue } from "../../src/model/value.ts";
import type { Value } from "../../src/model/value.ts";
import { normalizePolicy, parseOperator } from "../../src/semantics/policy/normalize.ts";
import type { AnyStatement, Policy, Statement } from "../../src/semantics/policy/normalize.ts";

const allow = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };

function statements(p: Policy): readonly AnyStatement[] {
  if (p.kind !== "policy") throw new Error(`unreadable policy: ${p.reason}`);
  return p.statements;
}

function only(doc: Value): Statement {
  const [st] = statements(normalizePolicy(doc));
  if (st?.kind !== "statement") throw new Error("not a readable statement");
  return st;
}

describe("document shapes", () => {
  it("reads a whole document with a Statement list, keeping each index", () => {
    const sts = statements(normalizePolicy({ Version: "2012-10-17", Statement: [allow, { ...allow, Sid: "Two" }] }));
    expect(sts.map((s) => s.index)).toEqual([0, 1]);
    expect(sts[1]).toMatchObject({ kind: "statement", sid: "Two" });
  });

  it("reads a document whose Statement is one object", () => {
    expect(statements(normalizePolicy({ Statement: allow }))).toEqual([expect.objectContaining({ index: 0, effect: "Allow" })]);
  });

  it("reads a bare statement list and a single statement", () => {
    expect(statements(normalizePolicy([allow, allow]))).toHaveLength(2);
    expect(statements(normalizePolicy(allow))).toHaveLength(1);
  });

  it("reads JSON text", () => {
    expect(statements(normalizePolicy(JSON.stringify({ Statement: [allow] })))[0]).toMatchObject({ effect: "Allow" });
    expect(normalizePolicy("{not json")).toMatchObject({ kind: "unknown", reason: "invalid" });
  });

  it("keeps the reason of an unknown document or Statement", () => {
    expect(normalizePolicy(new UnknownValue("module-output"))).toEqual({ kind: "unknown", reason: "module-output" });
    expect(normalizePolicy({ Statement: new UnknownValue("known-after-apply", "x") })).toEqual({
      kind: "unknown",
      reason: "known-after-apply",
      detail: "x",
    });
  });

  it.each([
    ["a number", 3],
    ["null", null],
    ["a map that is no policy", { Version: "2012-10-17" }],
    ["a Statement that is a string", { Statement: "Allow" }],
  ])("marks %s unreadable", (_name, doc) => {
    expect(normalizePolicy(doc as Value)).toMatchObject({ kind: "unknown", reason: "invalid" });
  });

  it("keeps an unknown or malformed statement in its place", () => {
    const sts = statements(normalizePolicy({ Statement: [allow, new UnknownValue("condition"), "junk", allow] }));
    expect(sts.map((s) => [s.index, s.kind])).toEqual([
      [0, "statement"],
      [1, "unknown"],
      [2, "unknown"],
      [3, "statement"],
    ]);
    expect(sts[1]).toMatchObject({ reason: "condition" });
    expect(sts[2]).toMatchObject({ reason: "invalid" });
  });
});

describe("statement fields", () => {
  it("normalizes strings and lists alike", () => {
    const st = only({ ...allow, Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::b/*" });
    expect(st.action).toEqual({ kind: "match", values: ["s3:GetObject", "s3:PutObject"] });
    expect(st.resource).toEqual({ kind: "match", values: ["arn:aws:s3:::b/*"] });
  });

  it("reads NotAction and NotResource", () => {
    const st = only({ Effect: "Deny", Principal: "*", NotAction: "s3:Get*", NotResource: ["arn:aws:s3:::b"] });
    expect(st.action).toEqual({ kind: "not", values: ["s3:Get*"] });
    expect(st.resource).toEqual({ kind: "not", values: ["arn:aws:s3:::b"] });
  });

  it("marks a field or one list entry unknown, not the statement", () => {
    const st = only({ ...allow, Action: ["s3:GetObject", new UnknownValue("unset-variable")], Resource: new UnknownValue("import-value") });
    expect(st.action).toEqual({ kind: "match", values: ["s3:GetObject", { kind: "unknown", reason: "unset-variable" }] });
    expect(st.resource).toEqual({ kind: "unknown", reason: "import-value" });
  });

  it.each([
    ["both Action and NotAction", { ...allow, NotAction: "s3:*" }, "action"],
    ["no Action", { Effect: "Allow", Principal: "*", Resource: "*" }, "action"],
    ["no Resource", { Effect: "Allow", Principal: "*", Action: "*" }, "resource"],
    ["an empty Action list", { ...allow, Action: [] }, "action"],
    ["a map as Resource", { ...allow, Resource: { a: "b" } }, "resource"],
    ["both Principal and NotPrincipal", { ...allow, NotPrincipal: "*" }, "principal"],
    ["a Principal that is neither * nor a map", { ...allow, Principal: "everyone" }, "principal"],
    ["a Condition that is a list", { ...allow, Condition: ["x"] }, "condition"],
  ] as const)("marks %s unreadable", (_name, st, field) => {
    expect(only(st as Value)[field]).toMatchObject({ kind: "unknown", reason: "invalid" });
  });

  it.each([
    ["Allow", "Allow"],
    ["Deny", "Deny"],
    ["allow", { kind: "unknown", reason: "invalid", detail: 'Effect "allow"' }],
    [undefined, { kind: "unknown", reason: "invalid", detail: "no Effect" }],
    [new UnknownValue("condition"), { kind: "unknown", reason: "condition" }],
  ])("reads Effect %s", (effect, want) => {
    const st = effect === undefined ? { Principal: "*", Action: "*", Resource: "*" } : { ...allow, Effect: effect };
    expect(only(st as Value).effect).toEqual(want);
  });

  it("turns numbers and booleans into strings", () => {
    const st = only({ ...allow, Condition: { Bool: { "aws:SecureTransport": false }, NumericLessThan: { "s3:max-keys": 10 } } });
    expect(st.condition).toMatchObject({ clauses: [{ values: ["false"] }, { values: ["10"] }] });
  });
});

describe("principals", () => {
  it.each<[string, Value, unknown]>([
    ["*", "*", { kind: "match", ids: [{ type: "*", id: "*" }] }],
    ["AWS *", { AWS: "*" }, { kind: "match", ids: [{ type: "AWS", id: "*" }] }],
    [
      "several types",
      { AWS: ["123456789012", "arn:aws:iam::123456789012:role/R"], Service: "cloudtrail.amazonaws.com" },
      {
        kind: "match",
        ids: [
          { type: "AWS", id: "123456789012" },
          { type: "AWS", id: "arn:aws:iam::123456789012:role/R" },
          { type: "Service", id: "cloudtrail.amazonaws.com" },
        ],
      },
    ],
    ["an account ID read as a number", { AWS: 12345678901 }, { kind: "match", ids: [{ type: "AWS", id: "012345678901" }] }],
    ["an unknown entry", { AWS: new UnknownValue("unset-variable") }, { kind: "match", ids: [{ type: "AWS", id: { kind: "unknown", reason: "unset-variable" } }] }],
  ])("reads Principal %s", (_name, principal, want) => {
    expect(only({ ...allow, Principal: principal }).principal).toEqual(want);
  });

  it("reads NotPrincipal, and no principal as the implicit one of an identity policy", () => {
    const { Principal: _p, ...rest } = allow;
    expect(only({ ...rest, NotPrincipal: { AWS: "arn:aws:iam::1:role/R" } }).principal).toMatchObject({ kind: "not" });
    expect(only(rest).principal).toEqual({ kind: "implicit" });
  });

  it("marks an unknown or empty Principal unreadable", () => {
    expect(only({ ...allow, Principal: new UnknownValue("condition") }).principal).toEqual({ kind: "unknown", reason: "condition" });
    expect(only({ ...allow, Principal: {} }).principal).toMatchObject({ kind: "unknown", reason: "invalid" });
  });
});

describe("conditions", () => {
  it("splits operators into qualifier, base and IfExists", () => {
    expect(parseOperator("ForAnyValue:StringLikeIfExists")).toEqual({ op: "stringlike", set: "any", ifExists: true });
    expect(parseOperator("ForAllValues:StringEquals")).toEqual({ op: "stringequals", set: "all", ifExists: false });
    expect(parseOperator("Bool")).toEqual({ op: "bool", set: null, ifExists: false });
  });

  it("gives one clause per operator and key", () => {
    const st = only({
      ...allow,
      Condition: { StringEquals: { "aws:SourceAccount": "1", "s3:x-amz-acl": ["a", "b"] }, Bool: { "aws:SecureTransport": "true" } },
    });
    expect(st.condition).toEqual({
      kind: "conditions",
      clauses: [
        { kind: "clause", operator: "StringEquals", op: "stringequals", set: null, ifExists: false, key: "aws:SourceAccount", values: ["1"] },
        { kind: "clause", operator: "StringEquals", op: "stringequals", set: null, ifExists: false, key: "s3:x-amz-acl", values: ["a", "b"] },
        { kind: "clause", operator: "Bool", op: "bool", set: null, ifExists: false, key: "aws:SecureTransport", values: ["true"] },
      ],
    });
  });

  it("keeps unknown parts at the narrowest place", () => {
    const st = only({
      ...allow,
      Condition: { StringEquals: new UnknownValue("condition"), ArnLike: { "aws:SourceArn": new UnknownValue("unset-variable") }, Bool: "x" },
    });
    expect(st.condition).toMatchObject({
      clauses: [
        { kind: "unknown", reason: "condition" },
        { kind: "clause", key: "aws:SourceArn", values: { kind: "unknown", reason: "unset-variable" } },
        { kind: "unknown", reason: "invalid" },
      ],
    });
    expect(only({ ...allow, Condition: new UnknownValue("module-output") }).condition).toEqual({ kind: "unknown", reason: "module-output" });
  });

  it("reads an absent or null Condition as no clauses", () => {
    expect(only(allow).condition).toEqual({ kind: "conditions", clauses: [] });
    expect(only({ ...allow, Condition: null }).condition).toEqual({ kind: "conditions", clauses: [] });
  });
});

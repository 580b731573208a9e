import { describe, expect, it } from "vitest";
import { symbol, UnknownValue } from "../../src/model/value.ts";
import type { Value } from "../../src/model/value.ts";
import {
  clauseRestricts,
  conditionsRestrict,
  evaluateConditions,
  lookupFromRecord,
} from "../../src/semantics/policy/conditions.ts";
import type { ContextRecord, EvalContext } from "../../src/semantics/policy/conditions.ts";
import { normalizePolicy } from "../../src/semantics/policy/normalize.ts";
import type { Conditions } from "../../src/semantics/policy/normalize.ts";

/** The Condition block of a one-statement policy, normalized. */
function cond(condition: Value): Conditions {
  const p = normalizePolicy({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: condition });
  if (p.kind !== "policy" || p.statements[0]?.kind !== "statement") throw new Error("bad fixture");
  return p.statements[0].condition;
}

const ctx = (record: ContextRecord): EvalContext => ({ lookup: lookupFromRecord(record) });

describe("evaluating conditions against a request context", () => {
  const request: ContextRecord = {
    "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:123456789012:trail/main",
    "aws:SourceAccount": "123456789012",
    "aws:SecureTransport": true,
    "aws:SourceIp": "203.0.113.7",
    "s3:x-amz-acl": "bucket-owner-full-control",
    "aws:PrincipalTag/team": "Blue",
    "s3:max-keys": "50",
    "aws:CurrentTime": "2024-06-01T00:00:00Z",
    "aws:TagKeys": ["env", "team"],
  };
  it.each<[string, Value, boolean | "unknown"]>([
    ["StringEquals, equal", { StringEquals: { "aws:SourceAccount": "123456789012" } }, true],
    ["StringEquals, one of a list", { StringEquals: { "aws:SourceAccount": ["111111111111", "123456789012"] } }, true],
    ["StringEquals, other value", { StringEquals: { "aws:SourceAccount": "111111111111" } }, false],
    ["condition keys are case-insensitive", { StringEquals: { "AWS:SOURCEACCOUNT": "123456789012" } }, true],
    ["StringEquals is case-sensitive in values", { StringEquals: { "aws:PrincipalTag/team": "blue" } }, false],
    ["StringEqualsIgnoreCase", { StringEqualsIgnoreCase: { "aws:PrincipalTag/team": "BLUE" } }, true],
    ["StringNotEquals, other value", { StringNotEquals: { "aws:SourceAccount": "111111111111" } }, true],
    ["StringNotEquals, equal", { StringNotEquals: { "aws:SourceAccount": ["1", "123456789012"] } }, false],
    ["StringNotEqualsIgnoreCase", { StringNotEqualsIgnoreCase: { "aws:PrincipalTag/team": "BLUE" } }, false],
    ["StringLike", { StringLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:123456789012:trail/*" } }, true],
    ["StringLike, other account", { StringLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:111111111111:trail/*" } }, false],
    ["StringNotLike", { StringNotLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:111111111111:*" } }, true],
    ["ArnEquals", { ArnEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:123456789012:trail/main" } }, true],
    ["ArnLike with wildcards", { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:123456789012:trail/*" } }, true],
    ["ArnLike: a wildcard stays in its field", { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:trail/main" } }, false],
    ["ArnLike *", { ArnLike: { "aws:SourceArn": "*" } }, true],
    ["ArnNotEquals", { ArnNotEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:123456789012:trail/other" } }, true],
    ["ArnNotLike", { ArnNotLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:*:trail/main" } }, false],
    ["Bool true", { Bool: { "aws:SecureTransport": "true" } }, true],
    ["Bool false", { Bool: { "aws:SecureTransport": "false" } }, false],
    ["Bool with a JSON boolean", { Bool: { "aws:SecureTransport": false } }, false],
    ["IpAddress inside", { IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "203.0.113.0/24"] } }, true],
    ["IpAddress outside", { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, false],
    ["NotIpAddress outside", { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, true],
    ["NumericLessThan", { NumericLessThan: { "s3:max-keys": "100" } }, true],
    ["NumericGreaterThanEquals", { NumericGreaterThanEquals: { "s3:max-keys": 51 } }, false],
    ["NumericEquals with text", { NumericEquals: { "s3:max-keys": "fifty" } }, false],
    ["NumericNotEquals", { NumericNotEquals: { "s3:max-keys": "50" } }, false],
    ["DateGreaterThan", { DateGreaterThan: { "aws:CurrentTime": "2024-01-01T00:00:00Z" } }, true],
    ["DateLessThan with epoch seconds", { DateLessThan: { "aws:CurrentTime": "1704067200" } }, false],
    ["Null true on an absent key", { Null: { "aws:MultiFactorAuthPresent": "true" } }, true],
    ["Null false on an absent key", { Null: { "aws:MultiFactorAuthPresent": "false" } }, false],
    ["Null false on a present key", { Null: { "aws:SourceIp": "false" } }, true],
    ["absent key, positive operator", { StringEquals: { "aws:PrincipalOrgID": "o-1" } }, false],
    ["absent key, Not operator", { StringNotEquals: { "aws:PrincipalOrgID": "o-1" } }, true],
    ["absent key, IfExists", { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-1" } }, true],
    ["present key, IfExists", { StringEqualsIfExists: { "aws:SourceAccount": "1" } }, false],
    ["ForAnyValue, one matches", { "ForAnyValue:StringEquals": { "aws:TagKeys": ["team", "cost"] } }, true],
    ["ForAnyValue, none matches", { "ForAnyValue:StringEquals": { "aws:TagKeys": ["cost"] } }, false],
    ["ForAnyValue, absent key", { "ForAnyValue:StringEquals": { "aws:PrincipalOrgPaths": "o-1/*" } }, false],
    ["ForAllValues, all allowed", { "ForAllValues:StringEquals": { "aws:TagKeys": ["env", "team", "cost"] } }, true],
    ["ForAllValues, one not allowed", { "ForAllValues:StringEquals": { "aws:TagKeys": ["env"] } }, false],
    ["ForAllValues, absent key", { "ForAllValues:StringEquals": { "aws:PrincipalOrgPaths": "o-1/*" } }, true],
    ["ForAllValues with a Not operator", { "ForAllValues:StringNotEquals": { "aws:TagKeys": ["cost"] } }, true],
    ["ForAnyValue with a Not operator", { "ForAnyValue:StringNotLike": { "aws:TagKeys": ["e*", "t*"] } }, false],
    ["multivalued key without qualifier", { StringEquals: { "aws:TagKeys": "team" } }, true],
    ["operators AND", { StringEquals: { "aws:SourceAccount": "123456789012" }, Bool: { "aws:SecureTransport": "false" } }, false],
    ["keys AND", { StringEquals: { "aws:SourceAccount": "123456789012", "s3:x-amz-acl": "private" } }, false],
    ["an unknown operator", { StringSortOf: { "aws:SourceAccount": "1" } }, "unknown"],
    ["BinaryEquals", { BinaryEquals: { "aws:SourceAccount": "QmluYXJ5" } }, "unknown"],
    ["an unknown value, no known match", { StringEquals: { "aws:SourceAccount": ["1", new UnknownValue("unset-variable")] } }, "unknown"],
    ["an unknown value, a known match wins", { StringEquals: { "aws:SourceAccount": ["123456789012", new UnknownValue("unset-variable")] } }, true],
    ["an unknown value under a Not operator", { StringNotEquals: { "aws:SourceAccount": [new UnknownValue("unset-variable")] } }, "unknown"],
    ["an unknown clause", { StringEquals: new UnknownValue("condition") }, "unknown"],
    ["an unknown clause beside a false one", { StringEquals: new UnknownValue("condition"), Bool: { "aws:SecureTransport": "false" } }, false],
    ["a policy variable", { StringEquals: { "aws:SourceAccount": "${aws:PrincipalAccount}" } }, "unknown"],
    ["an escaped policy variable", { StringLike: { "s3:x-amz-acl": "bucket-owner-full-control${*}" } }, false],
    ["no conditions", {}, true],
  ])("%s", (_name, condition, want) => {
    expect(evaluateConditions(cond(condition), ctx(request))).toBe(want);
  });

  it("is unknown when the context cannot tell", () => {
    const unsure: EvalContext = { lookup: () => ({ kind: "unknown" }) };
    expect(evaluateConditions(cond({ StringEquals: { "aws:SourceAccount": "1" } }), unsure)).toBe("unknown");
    expect(evaluateConditions(cond({ Null: { "aws:SourceAccount": "true" } }), unsure)).toBe("unknown");
    expect(evaluateConditions(cond({ StringEqualsIfExists: { "aws:SourceAccount": "1" } }), unsure)).toBe("unknown");
    expect(evaluateConditions({ kind: "unknown", reason: "condition" }, ctx(request))).toBe("unknown");
  });

  it("compares symbolic tokens as opaque identities", () => {
    const arn = `arn:aws:cloudtrail:us-east-1:123456789012:trail/${symbol("Trail.Name")}`;
    const c = ctx({ "aws:SourceArn": arn });
    expect(evaluateConditions(cond({ StringEquals: { "aws:SourceArn": arn } }), c)).toBe(true);
    expect(evaluateConditions(cond({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:123456789012:trail/*" } }), c)).toBe(true);
    expect(evaluateConditions(cond({ StringEquals: { "aws:SourceArn": arn.replace("Trail.Name", "Other") } }), c)).toBe(false);
    // a token's name is never case-folded
    expect(evaluateConditions(cond({ StringEqualsIgnoreCase: { "aws:SourceArn": arn.replace("Trail.Name", "trail.name") } }), c)).toBe(false);
    expect(evaluateConditions(cond({ StringEqualsIgnoreCase: { "aws:SourceArn": arn.toUpperCase() } }), c)).toBe(false);
    expect(evaluateConditions(cond({ StringEqualsIgnoreCase: { "aws:SourceArn": arn.replace("cloudtrail", "CLOUDTRAIL") } }), c)).toBe(true);
  });

  it("lets a blur make incomparable parts equal or unknown", () => {
    const c: EvalContext = {
      lookup: lookupFromRecord({ "aws:SourceAccount": "123456789012" }),
      blur: (_key, p, v) => (p === "skip" ? "unknown" : [v, v]),
    };
    expect(evaluateConditions(cond({ StringEquals: { "aws:SourceAccount": "999" } }), c)).toBe(true);
    expect(evaluateConditions(cond({ StringEquals: { "aws:SourceAccount": "skip" } }), c)).toBe("unknown");
  });
});

describe("restricting conditions (rules.md, Policies)", () => {
  it.each<[string, Value, boolean | "unknown"]>([
    ["aws:SourceArn", { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:1:trail/*" } }, true],
    ["aws:SourceAccount", { StringEquals: { "aws:SourceAccount": "123456789012" } }, true],
    ["aws:SourceOrgID", { StringEquals: { "aws:SourceOrgID": "o-abc" } }, true],
    ["aws:PrincipalOrgID", { StringEquals: { "aws:PrincipalOrgID": "o-abc" } }, true],
    ["aws:PrincipalAccount", { StringEquals: { "aws:PrincipalAccount": "123456789012" } }, true],
    ["aws:PrincipalArn", { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::1:role/R" } }, true],
    ["aws:SourceVpc", { StringEquals: { "aws:SourceVpc": "vpc-1" } }, true],
    ["aws:SourceVpce", { StringEquals: { "aws:SourceVpce": "vpce-1" } }, true],
    ["aws:SourceIp", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, true],
    ["keys in any case", { StringEquals: { "AWS:sourceACCOUNT": "123456789012" } }, true],
    ["aws:SourceIp 0.0.0.0/0", { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }, false],
    ["aws:SourceIp ::/0", { IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "::/0"] } }, false],
    ["NotIpAddress", { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, false],
    ["aws:SecureTransport", { Bool: { "aws:SecureTransport": "true" } }, false],
    ["s3:x-amz-acl", { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } }, false],
    ["aws:UserAgent", { StringLike: { "aws:UserAgent": "curl/*" } }, false],
    ["aws:Referer", { StringLike: { "aws:Referer": "https://example.com/*" } }, false],
    ["a Not operator", { StringNotEquals: { "aws:SourceAccount": "123456789012" } }, false],
    ["IfExists", { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc" } }, false],
    ["ForAllValues", { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-abc" } }, false],
    ["ForAnyValue", { "ForAnyValue:StringEquals": { "aws:PrincipalOrgID": "o-abc" } }, true],
    ["Null", { Null: { "aws:SourceArn": "false" } }, false],
    ["StringLike *", { StringLike: { "aws:SourceAccount": "*" } }, false],
    ["ArnLike *", { ArnLike: { "aws:PrincipalArn": "*" } }, false],
    ["StringEquals * is a literal", { StringEquals: { "aws:SourceAccount": "*" } }, true],
    ["StringLike with a partial wildcard", { StringLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:1:trail/*" } }, true],
    ["an unknown value compared exactly", { StringEquals: { "aws:SourceAccount": new UnknownValue("unset-variable") } }, true],
    ["an unknown entry compared exactly", { StringEquals: { "aws:SourceAccount": ["1", new UnknownValue("unset-variable")] } }, true],
    ["an unknown value under a wildcard operator", { StringLike: { "aws:SourceArn": new UnknownValue("unset-variable") } }, "unknown"],
    ["an unknown IP range", { IpAddress: { "aws:SourceIp": [new UnknownValue("unset-variable")] } }, "unknown"],
    ["an unknown range beside 0.0.0.0/0", { IpAddress: { "aws:SourceIp": [new UnknownValue("unset-variable"), "0.0.0.0/0"] } }, false],
    ["a policy variable under StringLike", { StringLike: { "aws:PrincipalArn": "${aws:username}" } }, "unknown"],
    ["an unknown operator on a restricting key", { StringMaybe: { "aws:SourceAccount": "1" } }, "unknown"],
    ["an unknown operator on another key", { StringMaybe: { "aws:UserAgent": "1" } }, false],
  ])("%s: %s", (_name, condition, want) => {
    const c = cond(condition);
    if (c.kind !== "conditions") throw new Error("bad fixture");
    expect(clauseRestricts(c.clauses[0]!)).toBe(want);
  });

  it("restricts when any clause does", () => {
    expect(conditionsRestrict(cond({ Bool: { "aws:SecureTransport": "true" }, StringEquals: { "aws:SourceAccount": "1" } }))).toBe(true);
    expect(conditionsRestrict(cond({ Bool: { "aws:SecureTransport": "true" } }))).toBe(false);
    expect(conditionsRestrict(cond({}))).toBe(false);
    expect(conditionsRestrict(cond({ Bool: new UnknownValue("condition") }))).toBe("unknown");
    expect(conditionsRestrict(cond({ Bool: new UnknownValue("condition"), StringEquals: { "aws:SourceAccount": "1" } }))).toBe(true);
    expect(conditionsRestrict({ kind: "unknown", reason: "condition" })).toBe("unknown");
  });
});

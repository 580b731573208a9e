import { describe, expect, it } from "vitest";
import { symbol } from "../../src/model/value.ts";
import { canonicalAwsId, namesCover, namesTouch, principalMatches } from "../../src/semantics/policy/match.ts";
import type { RequestPrincipal } from "../../src/semantics/policy/match.ts";
import type { Element, Names, Principals } from "../../src/semantics/policy/normalize.ts";

const U = { kind: "unknown", reason: "unset-variable" } as const;
const match = (...values: Element[]): Names => ({ kind: "match", values });
const notMatch = (...values: Element[]): Names => ({ kind: "not", values });

describe("actions", () => {
  const action = (value: string) => ({ kind: "action", value }) as const;
  it.each<[string, Names, string, boolean | "unknown"]>([
    ["exact", match("s3:DeleteObject"), "s3:DeleteObject", true],
    ["case-insensitive", match("S3:deleteobject"), "s3:DeleteObject", true],
    ["service wildcard", match("s3:*"), "s3:DeleteObjectVersion", true],
    ["prefix wildcard", match("s3:Delete*"), "s3:DeleteObjectVersion", true],
    ["prefix wildcard, other action", match("s3:Delete*"), "s3:PutObject", false],
    ["everything", match("*"), "kms:GenerateDataKey", true],
    ["single character", match("s3:?etObject"), "s3:GetObject", true],
    ["other service", match("s3:*"), "kms:Decrypt", false],
    ["one of a list", match("s3:GetObject", "s3:PutObject"), "s3:PutObject", true],
    ["no prefix match without *", match("s3:Delete"), "s3:DeleteObject", false],
    ["NotAction excludes it", notMatch("s3:Delete*"), "s3:DeleteObject", false],
    ["NotAction excludes others", notMatch("s3:Get*"), "s3:DeleteObject", true],
    ["an unknown entry, no match otherwise", match("s3:GetObject", U), "s3:DeleteObject", "unknown"],
    ["an unknown entry, known match wins", match("s3:DeleteObject", U), "s3:DeleteObject", true],
    ["NotAction with an unknown entry", notMatch("s3:Get*", U), "s3:DeleteObject", "unknown"],
    ["NotAction: a known exclusion wins", notMatch("s3:Delete*", U), "s3:DeleteObject", false],
    ["unknown field", U, "s3:DeleteObject", "unknown"],
  ])("%s", (_name, names, value, want) => {
    expect(namesCover(names, action(value))).toBe(want);
  });
});

describe("resources: concrete ARNs", () => {
  const res = (value: string) => ({ kind: "resource", value }) as const;
  it.each<[string, Names, string, boolean | "unknown"]>([
    ["objects of the bucket", match("arn:aws:s3:::b/*"), "arn:aws:s3:::b/AWSLogs/1/x.gz", true],
    ["not the bucket itself", match("arn:aws:s3:::b/*"), "arn:aws:s3:::b", false],
    ["case-sensitive", match("arn:aws:s3:::B/*"), "arn:aws:s3:::b/x", false],
    ["everything", match("*"), "arn:aws:s3:::b", true],
    ["NotResource", notMatch("arn:aws:s3:::b/private/*"), "arn:aws:s3:::b/AWSLogs/x", true],
    ["NotResource excluding it", notMatch("arn:aws:s3:::b/*"), "arn:aws:s3:::b/AWSLogs/x", false],
    ["a policy variable cannot be read", match("arn:aws:s3:::b/${aws:username}/*"), "arn:aws:s3:::b/alice/x", "unknown"],
    ["symbolic bucket", match(`arn:aws:s3:::${symbol("Log")}/*`), `arn:aws:s3:::${symbol("Log")}/AWSLogs/1`, true],
    ["another symbolic bucket", match(`arn:aws:s3:::${symbol("Other")}/*`), `arn:aws:s3:::${symbol("Log")}/AWSLogs/1`, false],
  ])("%s", (_name, names, value, want) => {
    expect(namesCover(names, res(value))).toBe(want);
    expect(namesTouch(names, res(value))).toBe(want);
  });
});

describe("resources: patterns", () => {
  const prefix = { kind: "resource", value: "arn:aws:s3:::b/AWSLogs/123/*", wild: true } as const;
  it.each<[string, Names, boolean | "unknown", boolean | "unknown"]>([
    ["the whole bucket", match("arn:aws:s3:::b/*"), true, true],
    ["the same prefix", match("arn:aws:s3:::b/AWSLogs/123/*"), true, true],
    ["a narrower prefix", match("arn:aws:s3:::b/AWSLogs/123/CloudTrail/*"), false, true],
    ["elsewhere", match("arn:aws:s3:::b/other/*"), false, false],
    ["NotResource elsewhere", notMatch("arn:aws:s3:::b/other/*"), true, true],
    ["NotResource over part of it", notMatch("arn:aws:s3:::b/AWSLogs/123/CloudTrail/*"), false, true],
    ["NotResource over all of it", notMatch("arn:aws:s3:::b/*"), false, false],
    ["an unknown entry", match(U), "unknown", "unknown"],
  ])("%s: covers %s, touches %s", (_name, names, cover, touch) => {
    expect(namesCover(names, prefix)).toBe(cover);
    expect(namesTouch(names, prefix)).toBe(touch);
  });

  it("knows only `*` applies to an unknown target", () => {
    const unknownTarget = { kind: "resource", value: U } as const;
    expect(namesCover(match("*"), unknownTarget)).toBe(true);
    expect(namesTouch(match("*"), unknownTarget)).toBe(true);
    expect(namesCover(match("arn:aws:kms:us-east-1:1:key/k"), unknownTarget)).toBe("unknown");
    expect(namesTouch(notMatch("arn:aws:kms:us-east-1:1:key/k"), unknownTarget)).toBe("unknown");
  });
});

describe("principals", () => {
  const role: RequestPrincipal = { type: "AWS", id: "arn:aws:iam::123456789012:role/Admin" };
  const root: RequestPrincipal = { type: "AWS", id: "arn:aws:iam::123456789012:root" };
  const outsider: RequestPrincipal = { type: "AWS", id: "arn:aws:iam::999999999999:user/eve" };
  const trail: RequestPrincipal = { type: "Service", id: "cloudtrail.amazonaws.com" };
  const anonymous: RequestPrincipal = { type: "*", id: "*" };
  const p = (kind: "match" | "not", ...ids: [string, Element][]): Principals => ({
    kind,
    ids: ids.map(([type, id]) => ({ type, id })),
  });

  it.each<[string, Principals, RequestPrincipal, boolean | "unknown"]>([
    ["* names anyone", p("match", ["*", "*"]), anonymous, true],
    ["AWS * names anyone", p("match", ["AWS", "*"]), trail, true],
    ["an account ID names its roles", p("match", ["AWS", "123456789012"]), role, true],
    ["an account root ARN names its roles", p("match", ["AWS", "arn:aws:iam::123456789012:root"]), role, true],
    ["an account does not name other accounts", p("match", ["AWS", "123456789012"]), outsider, false],
    ["a role ARN names that role", p("match", ["AWS", "arn:aws:iam::123456789012:role/Admin"]), role, true],
    ["a role ARN names no other role", p("match", ["AWS", "arn:aws:iam::123456789012:role/Other"]), role, false],
    ["a role ARN does not name the account", p("match", ["AWS", "arn:aws:iam::123456789012:role/Admin"]), root, false],
    ["an account does not name anonymous callers", p("match", ["AWS", "123456789012"]), anonymous, false],
    ["a service principal, any case", p("match", ["Service", "CloudTrail.amazonaws.com"]), trail, true],
    ["another service principal", p("match", ["Service", "config.amazonaws.com"]), trail, false],
    ["a service principal does not name roles", p("match", ["Service", "cloudtrail.amazonaws.com"]), role, false],
    ["Federated never names our callers", p("match", ["Federated", "cognito-identity.amazonaws.com"]), role, false],
    ["an unknown AWS entry could be *", p("match", ["AWS", U]), trail, "unknown"],
    ["an unknown Service entry cannot name a role", p("match", ["Service", U]), role, false],
    ["an unknown Service entry could name a service", p("match", ["Service", U]), trail, "unknown"],
    ["NotPrincipal excludes the listed role", p("not", ["AWS", "arn:aws:iam::123456789012:role/Admin"]), role, false],
    ["NotPrincipal applies to others", p("not", ["AWS", "arn:aws:iam::123456789012:role/Admin"]), outsider, true],
    ["NotPrincipal account exempts only the account itself", p("not", ["AWS", "123456789012"]), role, true],
    ["NotPrincipal account exempts the account root", p("not", ["AWS", "123456789012"]), root, false],
    ["NotPrincipal applies to anonymous callers", p("not", ["AWS", "123456789012"]), anonymous, true],
    ["NotPrincipal * applies to no one", p("not", ["*", "*"]), outsider, false],
    ["NotPrincipal with an unknown entry", p("not", ["AWS", U]), outsider, "unknown"],
    ["implicit (identity policy)", { kind: "implicit" }, role, true],
    ["unknown", U, role, "unknown"],
  ])("%s", (_name, principals, who, want) => {
    expect(principalMatches(principals, who)).toBe(want);
  });

  it("treats a lone symbolic account like an account ID", () => {
    const acct = symbol("AWS::AccountId");
    expect(canonicalAwsId(acct)).toBe(`arn:aws:iam::${acct}:root`);
    expect(principalMatches(p("match", ["AWS", acct]), { type: "AWS", id: `arn:aws:iam::${acct}:role/R` })).toBe(true);
    expect(principalMatches(p("match", ["AWS", acct]), role)).toBe(false);
    expect(canonicalAwsId("arn:aws:iam::123456789012:role/R")).toBe("arn:aws:iam::123456789012:role/R");
  });
});

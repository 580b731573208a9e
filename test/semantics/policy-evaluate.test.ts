import { describe, expect, it } from "vitest";
import { symbol, UnknownValue } from "../../src/model/value.ts";
import type { Value } from "../../src/model/value.ts";
import { evaluateRequest } from "../../src/semantics/policy/index.ts";
import type { Request } from "../../src/semantics/policy/index.ts";

const BUCKET = "arn:aws:s3:::logs";
const OBJECT = `${BUCKET}/AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01/x.json.gz`;
const admin: Request["principal"] = { type: "AWS", id: "arn:aws:iam::123456789012:role/Admin" };
const breakGlass: Request["principal"] = { type: "AWS", id: "arn:aws:iam::123456789012:role/BreakGlass" };
const outsider: Request["principal"] = { type: "AWS", id: "arn:aws:iam::999999999999:user/eve" };
const anonymous: Request["principal"] = { type: "*", id: "*" };

const del = (principal: Request["principal"], context: Request["context"] = {}): Request => ({
  principal,
  action: "s3:DeleteObject",
  resource: OBJECT,
  context,
});

const allowAccount = { Effect: "Allow", Principal: { AWS: "123456789012" }, Action: "s3:*", Resource: `${BUCKET}/*` };
const denyDeletes = {
  Effect: "Deny",
  Principal: "*",
  Action: ["s3:DeleteObject", "s3:DeleteObjectVersion"],
  Resource: `${BUCKET}/*`,
  Condition: { ArnNotEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/BreakGlass" } },
};
const denyExceptBreakGlass = {
  Effect: "Deny",
  NotPrincipal: { AWS: ["arn:aws:iam::123456789012:role/BreakGlass", "123456789012"] },
  Action: ["s3:DeleteObject", "s3:DeleteObjectVersion"],
  Resource: `${BUCKET}/*`,
};

describe("evaluateRequest", () => {
  it.each<[string, Value, Request, string, number[]]>([
    ["an Allow for the account", [allowAccount], del(admin), "allow", [0]],
    ["no statement for another account", [allowAccount], del(outsider), "implicit-deny", []],
    ["an empty policy", { Statement: [] }, del(admin), "implicit-deny", []],
    ["Deny beats Allow", [allowAccount, denyDeletes], del(admin), "deny", [1]],
    ["Deny beats Allow whatever the order", [denyDeletes, allowAccount], del(admin), "deny", [0]],
    ["the break-glass role is exempt from the Deny", [allowAccount, denyDeletes], del(breakGlass), "allow", [0]],
    ["a Deny that does not apply to the action", [allowAccount, denyDeletes], { ...del(admin), action: "s3:GetObject" }, "allow", [0]],
    ["an anonymous caller", [{ ...allowAccount, Principal: "*" }], del(anonymous), "allow", [0]],
    ["several Allows", [allowAccount, { ...allowAccount, Action: "s3:Delete*" }], del(admin), "allow", [0, 1]],
    [
      "a condition the request meets",
      [{ ...allowAccount, Condition: { Bool: { "aws:SecureTransport": "true" } } }],
      del(admin, { "aws:SecureTransport": true }),
      "allow",
      [0],
    ],
    [
      "a condition the request does not meet",
      [{ ...allowAccount, Condition: { Bool: { "aws:SecureTransport": "true" } } }],
      del(admin, { "aws:SecureTransport": false }),
      "implicit-deny",
      [],
    ],
    [
      "a NotPrincipal Deny exempts the listed role",
      [allowAccount, denyExceptBreakGlass],
      del(breakGlass),
      "allow",
      [0],
    ],
    [
      "a NotPrincipal Deny applies to others",
      [allowAccount, denyExceptBreakGlass],
      del(admin),
      "deny",
      [1],
    ],
    ["an identity policy (no Principal)", [{ Effect: "Allow", Action: "s3:*", Resource: "*" }], del(admin), "allow", [0]],
    ["NotAction", [{ Effect: "Allow", Principal: { AWS: "123456789012" }, NotAction: "s3:Get*", Resource: `${BUCKET}/*` }], del(admin), "allow", [0]],
    ["NotResource", [{ Effect: "Allow", Principal: { AWS: "123456789012" }, Action: "s3:*", NotResource: `${BUCKET}/AWSLogs/*` }], del(admin), "implicit-deny", []],
    ["a JSON text policy", JSON.stringify({ Statement: [allowAccount] }), del(admin), "allow", [0]],
    ["a single statement", allowAccount, del(admin), "allow", [0]],
  ])("%s", (_name, doc, request, decision, statements) => {
    expect(evaluateRequest(doc, request)).toEqual({ decision, statements });
  });

  describe("unknown parts", () => {
    it.each<[string, Value, Request, string, number[]]>([
      ["an unknown document", new UnknownValue("module-output"), del(admin), "unknown", []],
      ["an unknown statement could deny", [allowAccount, new UnknownValue("condition")], del(admin), "unknown", [1]],
      ["an unknown statement cannot undo a Deny", [denyDeletes, new UnknownValue("condition")], del(admin), "deny", [0]],
      ["an unknown statement could allow", [new UnknownValue("condition")], del(admin), "unknown", [0]],
      [
        "an unknown Effect could deny",
        [allowAccount, { ...denyDeletes, Effect: new UnknownValue("unset-variable") }],
        del(admin),
        "unknown",
        [1],
      ],
      [
        "an unknown Effect that cannot apply does not matter",
        [allowAccount, { ...denyDeletes, Effect: new UnknownValue("unset-variable"), Action: "s3:GetObject" }],
        del(admin),
        "allow",
        [0],
      ],
      ["an unknown resource in an Allow", [{ ...allowAccount, Resource: new UnknownValue("import-value") }], del(admin), "unknown", [0]],
      [
        "an unknown principal in a Deny",
        [allowAccount, { ...denyDeletes, Principal: { AWS: new UnknownValue("unset-variable") } }],
        del(admin),
        "unknown",
        [1],
      ],
      [
        "an unknown condition in a Deny",
        [allowAccount, { ...denyDeletes, Condition: new UnknownValue("condition") }],
        del(admin),
        "unknown",
        [1],
      ],
      [
        "a condition on a key the request lacks is not unknown",
        [allowAccount, { ...denyDeletes, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }],
        del(admin),
        "allow",
        [0],
      ],
    ])("%s", (_name, doc, request, decision, statements) => {
      expect(evaluateRequest(doc, request)).toEqual({ decision, statements });
    });
  });

  it("puts the caller's identity keys in the context", () => {
    const onlyOrgRoles = [{ ...allowAccount, Principal: "*", Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } } }];
    expect(evaluateRequest(onlyOrgRoles, del(admin)).decision).toBe("allow");
    expect(evaluateRequest(onlyOrgRoles, del(outsider)).decision).toBe("implicit-deny");
    expect(evaluateRequest(onlyOrgRoles, del(anonymous)).decision).toBe("implicit-deny");
    // an explicit context value wins over the derived one
    expect(evaluateRequest(onlyOrgRoles, del(outsider, { "AWS:PrincipalAccount": "123456789012" })).decision).toBe("allow");
    const services = [{ ...allowAccount, Principal: "*", Condition: { Bool: { "aws:PrincipalIsAWSService": "true" } } }];
    expect(evaluateRequest(services, del({ type: "Service", id: "cloudtrail.amazonaws.com" })).decision).toBe("allow");
    expect(evaluateRequest(services, del(admin)).decision).toBe("implicit-deny");
    const rootOnly = [{ ...allowAccount, Principal: "*", Condition: { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:root" } } }];
    expect(evaluateRequest(rootOnly, del({ type: "AWS", id: "123456789012" })).decision).toBe("allow");
  });

  it("matches symbolic resources by identity", () => {
    const bucket = `arn:aws:s3:::${symbol("LogBucket")}`;
    const doc = [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${bucket}/AWSLogs/*` }];
    const get = (resource: string): Request => ({ principal: anonymous, action: "s3:GetObject", resource, context: {} });
    expect(evaluateRequest(doc, get(`${bucket}/AWSLogs/1/x`)).decision).toBe("allow");
    expect(evaluateRequest(doc, get(`arn:aws:s3:::${symbol("Other")}/AWSLogs/1/x`)).decision).toBe("implicit-deny");
    expect(evaluateRequest(doc, get("arn:aws:s3:::LogBucket/AWSLogs/1/x")).decision).toBe("implicit-deny");
  });

  it("treats a request resource as a name, not a pattern", () => {
    const doc = [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${BUCKET}/public/*` }];
    const get: Request = { principal: anonymous, action: "s3:GetObject", resource: `${BUCKET}/*`, context: {} };
    expect(evaluateRequest(doc, get).decision).toBe("implicit-deny");
  });
});

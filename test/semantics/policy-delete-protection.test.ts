import { describe, expect, it } from "vitest";
import { symbol, UnknownValue } from "../../src/model/value.ts";
import type { Value } from "../../src/model/value.ts";
import { deleteProtection } from "../../src/semantics/policy/index.ts";
import type { DeleteAction, ProtectionResult } from "../../src/semantics/policy/index.ts";

const BUCKET = "arn:aws:s3:::audit-logs";
const LOGS = { bucketArn: BUCKET, logObjectArn: `${BUCKET}/AWSLogs/*` };
const BOTH = ["s3:DeleteObject", "s3:DeleteObjectVersion"];

/** A Deny of both delete actions on every object for everyone; fields can be replaced or dropped (undefined). */
function deny(over: Readonly<Record<string, Value | undefined>> = {}): Value {
  const st: Record<string, Value | undefined> = { Effect: "Deny", Principal: "*", Action: BOTH, Resource: `${BUCKET}/*`, ...over };
  return Object.fromEntries(Object.entries(st).filter((e): e is [string, Value] => e[1] !== undefined));
}

const allowAll = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:*", Resource: `${BUCKET}/*` };
const BREAK_GLASS = "arn:aws:iam::123456789012:role/BreakGlass";

type Row = [string, Value, ProtectionResult, number[], DeleteAction[]?];

describe("deleteProtection (TG007)", () => {
  it.each<Row>([
    ["an unconditional Deny of both actions", [allowAll, deny()], "protected", [1]],
    [
      "a Deny with a break-glass aws:PrincipalArn exemption",
      [allowAll, deny({ Condition: { ArnNotEquals: { "aws:PrincipalArn": BREAK_GLASS } } })],
      "protected",
      [1],
    ],
    [
      "a Deny exempting a few principals with StringNotLike",
      [deny({ Condition: { StringNotLike: { "aws:PrincipalArn": [BREAK_GLASS, "arn:aws:iam::123456789012:role/Audit*"] } } })],
      "protected",
      [0],
    ],
    ["a Deny exempting a role session by aws:userid", [deny({ Condition: { StringNotLike: { "aws:userid": "AROAEXAMPLEID:*" } } })], "protected", [0]],
    ["a Deny unless MFA (BoolIfExists false)", [deny({ Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } })], "protected", [0]],
    ["a Deny unless MFA (Bool false)", [deny({ Condition: { Bool: { "aws:MultiFactorAuthPresent": false } } })], "protected", [0]],
    ["a Deny unless MFA (Null true)", [deny({ Condition: { Null: { "aws:MultiFactorAuthPresent": "true" } } })], "protected", [0]],
    [
      "an exemption and MFA together",
      [deny({ Condition: { ArnNotLike: { "aws:PrincipalArn": BREAK_GLASS }, BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } })],
      "protected",
      [0],
    ],
    ["a NotPrincipal Deny naming the break-glass role", [deny({ Principal: undefined, NotPrincipal: { AWS: [BREAK_GLASS, "123456789012"] } })], "protected", [0]],
    ["an s3:* Deny", [deny({ Action: "s3:*" })], "protected", [0]],
    ["a * Deny", [deny({ Action: "*" })], "protected", [0]],
    ["an s3:Delete* Deny", [deny({ Action: "S3:Delete*" })], "protected", [0]],
    ["a NotAction Deny that leaves only reads", [deny({ Action: undefined, NotAction: ["s3:Get*", "s3:List*"] })], "protected", [0]],
    ["an AWS * principal", [deny({ Principal: { AWS: "*" } })], "protected", [0]],
    ["a Deny on exactly the log prefix", [deny({ Resource: `${BUCKET}/AWSLogs/*` })], "protected", [0]],
    ["a Deny on everything", [deny({ Resource: "*" })], "protected", [0]],
    ["a NotResource Deny elsewhere", [deny({ Resource: undefined, NotResource: `${BUCKET}/tmp/*` })], "protected", [0]],
    ["one Deny per action", [deny({ Action: "s3:DeleteObject" }), deny({ Action: "s3:DeleteObjectVersion" })], "protected", [0, 1]],
    ["an unknown statement beside a protecting Deny", [new UnknownValue("condition"), deny()], "protected", [1]],

    ["Allow statements only", [allowAll], "not-protected", [], ["s3:DeleteObject", "s3:DeleteObjectVersion"]],
    ["an empty policy", { Statement: [] }, "not-protected", [], ["s3:DeleteObject", "s3:DeleteObjectVersion"]],
    ["a Deny of DeleteObject only", [deny({ Action: "s3:DeleteObject" })], "not-protected", [], ["s3:DeleteObjectVersion"]],
    ["a Deny of other actions", [deny({ Action: ["s3:PutBucketPolicy", "s3:DeleteBucket"] })], "not-protected", [], ["s3:DeleteObject", "s3:DeleteObjectVersion"]],
    ["a Deny on a narrower prefix", [deny({ Resource: `${BUCKET}/AWSLogs/123456789012/*` })], "not-protected", [], ["s3:DeleteObject", "s3:DeleteObjectVersion"]],
    ["a Deny on another bucket", [deny({ Resource: "arn:aws:s3:::other/*" })], "not-protected", [], ["s3:DeleteObject", "s3:DeleteObjectVersion"]],
    ["a Deny on the bucket, not its objects", [deny({ Resource: BUCKET })], "not-protected", [], ["s3:DeleteObject", "s3:DeleteObjectVersion"]],
    ["a NotResource Deny excluding the logs", [deny({ Resource: undefined, NotResource: `${BUCKET}/AWSLogs/*` })], "not-protected", [], ["s3:DeleteObject", "s3:DeleteObjectVersion"]],
    ["a Deny for one account only", [deny({ Principal: { AWS: "123456789012" } })], "not-protected", [], ["s3:DeleteObject", "s3:DeleteObjectVersion"]],
    ["a Deny for a service only", [deny({ Principal: { Service: "cloudtrail.amazonaws.com" } })], "not-protected", [], ["s3:DeleteObject", "s3:DeleteObjectVersion"]],
    ["a NotPrincipal * Deny", [deny({ Principal: undefined, NotPrincipal: "*" })], "not-protected", [], ["s3:DeleteObject", "s3:DeleteObjectVersion"]],
    ["a Deny without Principal (identity policy)", [deny({ Principal: undefined })], "not-protected", [], ["s3:DeleteObject", "s3:DeleteObjectVersion"]],
    ["a Deny only without TLS", [deny({ Condition: { Bool: { "aws:SecureTransport": "false" } } })], "not-protected", [], ["s3:DeleteObject", "s3:DeleteObjectVersion"]],
    [
      "a Deny exempting every role of the account",
      [deny({ Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/*" } } })],
      "not-protected",
      [],
      ["s3:DeleteObject", "s3:DeleteObjectVersion"],
    ],
    ["a Deny exempting *", [deny({ Condition: { StringNotLike: { "aws:PrincipalArn": "*" } } })], "not-protected", [], ["s3:DeleteObject", "s3:DeleteObjectVersion"]],
    [
      "a Deny only for other accounts",
      [deny({ Condition: { StringNotEquals: { "aws:PrincipalAccount": "123456789012" } } })],
      "not-protected",
      [],
      ["s3:DeleteObject", "s3:DeleteObjectVersion"],
    ],
    [
      "a Deny only for MFA callers (Bool true)",
      [deny({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } })],
      "not-protected",
      [],
      ["s3:DeleteObject", "s3:DeleteObjectVersion"],
    ],
    [
      "a positive principal test narrows the Deny",
      [deny({ Condition: { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/Dev" } } })],
      "not-protected",
      [],
      ["s3:DeleteObject", "s3:DeleteObjectVersion"],
    ],
    [
      "one action known unprotected decides, whatever the other",
      [deny({ Action: "s3:DeleteObjectVersion", Resource: new UnknownValue("unset-variable") })],
      "not-protected",
      [],
      ["s3:DeleteObject"],
    ],

    ["an unknown document", new UnknownValue("module-output"), "unknown", []],
    ["an unknown statement", [allowAll, new UnknownValue("condition")], "unknown", [1]],
    ["an unknown Effect", [deny({ Effect: new UnknownValue("unset-variable") })], "unknown", [0]],
    ["an unknown Resource", [deny({ Resource: new UnknownValue("unset-variable") })], "unknown", [0]],
    ["an unknown Action entry", [deny({ Action: [new UnknownValue("unset-variable")] })], "unknown", [0]],
    ["an unknown AWS principal", [deny({ Principal: { AWS: new UnknownValue("unset-variable") } })], "unknown", [0]],
    ["an unknown condition", [deny({ Condition: new UnknownValue("condition") })], "unknown", [0]],
    [
      "an exemption value unknown under a wildcard operator",
      [deny({ Condition: { ArnNotLike: { "aws:PrincipalArn": new UnknownValue("unset-variable") } } })],
      "unknown",
      [0],
    ],
    [
      "one action protected, the other unknown",
      [deny({ Action: "s3:DeleteObject" }), deny({ Action: "s3:DeleteObjectVersion", Condition: new UnknownValue("condition") })],
      "unknown",
      [0, 1],
    ],
  ])("%s: %s", (_name, doc, result, statements, unprotected = []) => {
    expect(deleteProtection(doc, LOGS)).toEqual({ result, statements, unprotected });
  });

  it("accepts an exemption whose value is unresolved when compared exactly", () => {
    const doc = [deny({ Condition: { StringNotEquals: { "aws:PrincipalArn": [new UnknownValue("unset-variable")] } } })];
    expect(deleteProtection(doc, LOGS).result).toBe("protected");
  });

  it("treats NotPrincipal entries that are unresolved as named principals", () => {
    const doc = [deny({ Principal: undefined, NotPrincipal: { AWS: new UnknownValue("unset-variable") } })];
    expect(deleteProtection(doc, LOGS).result).toBe("protected");
  });

  it("defaults the log objects to every object of the bucket", () => {
    expect(deleteProtection([deny({ Resource: `${BUCKET}/AWSLogs/*` })], { bucketArn: BUCKET }).result).toBe("not-protected");
    expect(deleteProtection([deny()], { bucketArn: BUCKET }).result).toBe("protected");
  });

  it("covers the trail's prefix with a bucket-wide Deny", () => {
    const logs = { bucketArn: BUCKET, logObjectArn: `${BUCKET}/trail/AWSLogs/123456789012/*` };
    expect(deleteProtection([deny()], logs).result).toBe("protected");
    expect(deleteProtection([deny({ Resource: `${BUCKET}/trail/*` })], logs).result).toBe("protected");
    expect(deleteProtection([deny({ Resource: `${BUCKET}/other/*` })], logs).result).toBe("not-protected");
  });

  it("matches a symbolic bucket by identity", () => {
    const bucket = `arn:aws:s3:::${symbol("LogBucket")}`;
    const logs = { bucketArn: bucket, logObjectArn: `${bucket}/AWSLogs/*` };
    expect(deleteProtection([deny({ Resource: `${bucket}/*` })], logs).result).toBe("protected");
    expect(deleteProtection([deny({ Resource: `arn:aws:s3:::${symbol("Other")}/*` })], logs).result).toBe("not-protected");
    expect(deleteProtection([deny({ Resource: "arn:aws:s3:::*/*" })], logs).result).toBe("protected");
  });
});


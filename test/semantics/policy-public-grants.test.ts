import { describe, expect, it } from "vitest";
import { UnknownValue } from "../../src/model/value.ts";
import type { Value } from "../../src/model/value.ts";
import { publicGrants } from "../../src/semantics/policy/index.ts";

const BUCKET = "arn:aws:s3:::audit-logs";

function allow(over: Readonly<Record<string, Value | undefined>> = {}): Value {
  const st: Record<string, Value | undefined> = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${BUCKET}/*`, ...over };
  return Object.fromEntries(Object.entries(st).filter((e): e is [string, Value] => e[1] !== undefined));
}

const denyInsecure = {
  Sid: "AllowSSLRequestsOnly",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [BUCKET, `${BUCKET}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};

/** The AWS-documented bucket policy for a trail: only the CloudTrail service principal is granted. */
const cloudTrailBucketPolicy: Value = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "AWSCloudTrailAclCheck20150319",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: BUCKET,
      Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-2:111122223333:trail/main" } },
    },
    {
      Sid: "AWSCloudTrailWrite20150319",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${BUCKET}/AWSLogs/111122223333/*`,
      Condition: {
        StringEquals: {
          "s3:x-amz-acl": "bucket-owner-full-control",
          "aws:SourceArn": "arn:aws:cloudtrail:us-east-2:111122223333:trail/main",
        },
      },
    },
  ],
};

describe("publicGrants (TG008)", () => {
  it.each<[string, Value, number[], number[]]>([
    ["Allow * with no condition", [allow()], [0], []],
    ["Allow {AWS: *} with no condition", [allow({ Principal: { AWS: "*" } })], [0], []],
    ["Allow * to write", [denyInsecure, allow({ Action: ["s3:PutObject", "s3:DeleteObject"] })], [1], []],
    ["Allow * limited by aws:SecureTransport only", [allow({ Condition: { Bool: { "aws:SecureTransport": "true" } } })], [0], []],
    ["Allow * limited by aws:UserAgent", [allow({ Condition: { StringLike: { "aws:UserAgent": "*Mozilla*" } } })], [0], []],
    ["Allow * limited by aws:Referer", [allow({ Condition: { StringLike: { "aws:Referer": "https://example.com/*" } } })], [0], []],
    ["Allow * from 0.0.0.0/0", [allow({ Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } })], [0], []],
    ["Allow * unless one account (a Not operator)", [allow({ Condition: { StringNotEquals: { "aws:SourceAccount": "999999999999" } } })], [0], []],
    ["Allow with NotPrincipal", [allow({ Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::123456789012:role/R" } })], [0], []],
    ["several public statements", [allow(), allow({ Principal: { AWS: ["*"] } })], [0, 1], []],

    ["Allow * limited by aws:SourceAccount", [allow({ Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } })], [], []],
    ["Allow * limited by aws:PrincipalOrgID", [allow({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } })], [], []],
    ["Allow * limited by aws:SourceVpce", [allow({ Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b" } } })], [], []],
    ["Allow * limited by an IP range", [allow({ Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } })], [], []],
    [
      "Allow * with a restricting and a non-restricting condition",
      [allow({ Condition: { Bool: { "aws:SecureTransport": "true" }, ArnLike: { "aws:PrincipalArn": "arn:aws:iam::1:role/*" } } })],
      [],
      [],
    ],
    ["a Deny for *", [denyInsecure], [], []],
    ["an account principal", [allow({ Principal: { AWS: "123456789012" } })], [], []],
    ["a service principal", [allow({ Principal: { Service: "cloudtrail.amazonaws.com" } })], [], []],
    ["no principal (identity policy)", [allow({ Principal: undefined })], [], []],
    ["NotPrincipal *", [allow({ Principal: undefined, NotPrincipal: "*" })], [], []],
    ["the AWS-documented CloudTrail bucket policy", cloudTrailBucketPolicy, [], []],
    ["an empty policy", { Statement: [] }, [], []],

    ["an unknown AWS principal", [allow({ Principal: { AWS: new UnknownValue("unset-variable") } })], [], [0]],
    ["an unknown Principal", [allow({ Principal: new UnknownValue("unset-variable") })], [], [0]],
    ["an unknown condition", [allow({ Condition: new UnknownValue("condition") })], [], [0]],
    ["an unknown IP range", [allow({ Condition: { IpAddress: { "aws:SourceIp": new UnknownValue("unset-variable") } } })], [], [0]],
    ["an unknown Effect", [allow({ Effect: new UnknownValue("unset-variable") })], [], [0]],
    ["an unknown statement", [denyInsecure, new UnknownValue("condition")], [], [1]],
    ["an unknown NotPrincipal entry (could be *)", [allow({ Principal: undefined, NotPrincipal: { AWS: new UnknownValue("unset-variable") } })], [], [0]],
    ["an unknown Service principal cannot be public", [allow({ Principal: { Service: new UnknownValue("unset-variable") } })], [], []],
    ["an unknown account compared exactly still restricts", [allow({ Condition: { StringEquals: { "aws:SourceAccount": new UnknownValue("unset-variable") } } })], [], []],
    ["a public statement beside an unknown one", [allow(), new UnknownValue("condition")], [0], [1]],
  ])("%s", (_name, doc, statements, unknownStatements) => {
    expect(publicGrants(doc)).toEqual({ statements, unknownStatements, unknown: unknownStatements.length > 0 });
  });

  it("is unknown for an unknown document", () => {
    expect(publicGrants(new UnknownValue("module-output"))).toEqual({ statements: [], unknownStatements: [], unknown: true });
  });
});

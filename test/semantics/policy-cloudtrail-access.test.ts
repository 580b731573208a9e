import { describe, expect, it } from "vitest";
import { symbol, UnknownValue } from "../../src/model/value.ts";
import type { Value } from "../../src/model/value.ts";
import { cloudTrailDelivery, kmsAllowsCloudTrail } from "../../src/semantics/policy/index.ts";
import type { Delivery, DeliveryNeed, TrailBucket } from "../../src/semantics/policy/index.ts";

const ACCOUNT = "111122223333";
const ORG = "o-exampleorgid";
const TRAIL = `arn:aws:cloudtrail:us-east-2:${ACCOUNT}:trail/management-events`;
const OTHER_TRAIL = `arn:aws:cloudtrail:us-east-2:${ACCOUNT}:trail/someone-else`;
const BUCKET = "arn:aws:s3:::trail-logs";
const PREFIX = `${BUCKET}/AWSLogs/${ACCOUNT}/*`;
const CT = { Service: "cloudtrail.amazonaws.com" };

const TARGET: TrailBucket = { bucketArn: BUCKET, objectArns: [PREFIX], trailArn: TRAIL, accountId: ACCOUNT };

function st(fields: Readonly<Record<string, Value | undefined>>): Value {
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, Value] => e[1] !== undefined));
}

/** The AWS-documented bucket policy for a trail (CloudTrail user guide), with aws:SourceArn. */
function documentedBucketPolicy(trail: string = TRAIL, bucket: string = BUCKET, account: string = ACCOUNT): Value {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AWSCloudTrailAclCheck20150319",
        Effect: "Allow",
        Principal: CT,
        Action: "s3:GetBucketAcl",
        Resource: bucket,
        Condition: { StringEquals: { "aws:SourceArn": trail } },
      },
      {
        Sid: "AWSCloudTrailWrite20150319",
        Effect: "Allow",
        Principal: CT,
        Action: "s3:PutObject",
        Resource: `${bucket}/AWSLogs/${account}/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trail } },
      },
    ],
  };
}

/** The older documented form, without aws:SourceArn (open to the confused deputy). */
const legacyBucketPolicy: Value = [
  { Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: CT, Action: "s3:GetBucketAcl", Resource: BUCKET },
  {
    Sid: "AWSCloudTrailWrite",
    Effect: "Allow",
    Principal: CT,
    Action: "s3:PutObject",
    Resource: `${BUCKET}/*`,
    Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
  },
];

const aclCheck = (condition?: Value): Value =>
  st({ Effect: "Allow", Principal: CT, Action: "s3:GetBucketAcl", Resource: BUCKET, Condition: condition });
const write = (resource: Value, condition?: Value): Value =>
  st({ Effect: "Allow", Principal: CT, Action: "s3:PutObject", Resource: resource, Condition: condition });
const bySourceArn = (arn: Value): Value => ({ StringEquals: { "aws:SourceArn": arn } });

const denyInsecure: Value = {
  Sid: "AllowSSLRequestsOnly",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [BUCKET, `${BUCKET}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};

const acl: DeliveryNeed = { action: "s3:GetBucketAcl", resource: BUCKET };
const put: DeliveryNeed = { action: "s3:PutObject", resource: PREFIX };

describe("cloudTrailDelivery (TG016)", () => {
  it.each<[string, Value, Delivery]>([
    ["the AWS-documented policy", documentedBucketPolicy(), { result: "allowed", statements: [0, 1], blocked: [] }],
    [
      "the documented policy with a TLS-only Deny",
      [denyInsecure, ...(documentedBucketPolicy() as { Statement: Value[] }).Statement],
      { result: "allowed", statements: [1, 2], blocked: [] },
    ],
    ["grants by aws:SourceAccount", [aclCheck({ StringEquals: { "aws:SourceAccount": ACCOUNT } }), write(PREFIX, { StringEquals: { "aws:SourceAccount": ACCOUNT } })], { result: "allowed", statements: [0, 1], blocked: [] }],
    ["grants by ArnLike on the account's trails", [aclCheck({ ArnLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` } }), write(`${BUCKET}/*`, { ArnLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` } })], { result: "allowed", statements: [0, 1], blocked: [] }],
    ["a grant for * limited by the source", [st({ Effect: "Allow", Principal: "*", Action: ["s3:GetBucketAcl", "s3:PutObject"], Resource: [BUCKET, `${BUCKET}/*`], Condition: bySourceArn(TRAIL) })], { result: "allowed", statements: [0], blocked: [] }],
    [
      "an unconditioned grant guarded by a Deny on other sources",
      [
        ...(legacyBucketPolicy as Value[]),
        st({ Effect: "Deny", Principal: CT, Action: "s3:*", Resource: [BUCKET, `${BUCKET}/*`], Condition: { StringNotEquals: { "aws:SourceAccount": ACCOUNT } } }),
      ],
      { result: "allowed", statements: [0, 1], blocked: [] },
    ],

    ["the legacy documented policy (no aws:SourceArn)", legacyBucketPolicy, { result: "allowed-without-source-condition", statements: [0, 1], blocked: [] }],
    ["a write grant without source condition", [aclCheck(bySourceArn(TRAIL)), write(PREFIX)], { result: "allowed-without-source-condition", statements: [1], blocked: [] }],
    [
      "two write grants, one without source condition",
      [aclCheck(bySourceArn(TRAIL)), write(PREFIX, bySourceArn(TRAIL)), write(`${BUCKET}/*`)],
      { result: "allowed-without-source-condition", statements: [2], blocked: [] },
    ],
    [
      "a source condition under a Not operator does not tie the grant",
      [aclCheck({ StringNotEquals: { "aws:SourceAccount": "999999999999" } }), write(PREFIX, bySourceArn(TRAIL))],
      { result: "allowed-without-source-condition", statements: [0], blocked: [] },
    ],

    ["no policy statements", { Statement: [] }, { result: "blocked", statements: [], blocked: [acl, put] }],
    ["no GetBucketAcl grant", [write(PREFIX, bySourceArn(TRAIL))], { result: "blocked", statements: [], blocked: [acl] }],
    ["no PutObject grant", [aclCheck(bySourceArn(TRAIL))], { result: "blocked", statements: [], blocked: [put] }],
    ["a grant naming another trail", documentedBucketPolicy(OTHER_TRAIL), { result: "blocked", statements: [], blocked: [acl, put] }],
    [
      "a grant naming another account",
      [aclCheck({ StringEquals: { "aws:SourceAccount": "999999999999" } }), write(PREFIX, { StringEquals: { "aws:SourceAccount": "999999999999" } })],
      { result: "blocked", statements: [], blocked: [acl, put] },
    ],
    ["a write grant for another account's prefix", [aclCheck(), write(`${BUCKET}/AWSLogs/999999999999/*`)], { result: "blocked", statements: [], blocked: [put] }],
    ["a write grant for part of the prefix", [aclCheck(), write(`${BUCKET}/AWSLogs/${ACCOUNT}/CloudTrail/*`)], { result: "blocked", statements: [], blocked: [put] }],
    ["a write grant that demands another ACL", [aclCheck(), write(PREFIX, { StringEquals: { "s3:x-amz-acl": "private" } })], { result: "blocked", statements: [], blocked: [put] }],
    ["grants to another service", [st({ Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:*", Resource: "*" })], { result: "blocked", statements: [], blocked: [acl, put] }],
    [
      "a Deny for everyone except a break-glass role stops the service too",
      [...(legacyBucketPolicy as Value[]), st({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `${BUCKET}/*`, Condition: { ArnNotEquals: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/BreakGlass" } } })],
      { result: "blocked", statements: [2], blocked: [put] },
    ],
    ["an unconditional Deny of PutObject", [...(legacyBucketPolicy as Value[]), st({ Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${BUCKET}/AWSLogs/*` })], { result: "blocked", statements: [2], blocked: [put] }],
    ["a Deny over part of the prefix", [...(legacyBucketPolicy as Value[]), st({ Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${BUCKET}/AWSLogs/${ACCOUNT}/CloudTrail-Digest/*` })], { result: "blocked", statements: [2], blocked: [put] }],
    ["a Deny for the service on other sources", [...(legacyBucketPolicy as Value[]), st({ Effect: "Deny", Principal: CT, Action: "s3:*", Resource: "*", Condition: { StringNotEquals: { "aws:SourceArn": OTHER_TRAIL } } })], { result: "blocked", statements: [2], blocked: [acl, put] }],

    ["an unknown document", new UnknownValue("module-output"), { result: "unknown", statements: [], blocked: [] }],
    ["an unknown statement", [...(legacyBucketPolicy as Value[]), new UnknownValue("condition")], { result: "unknown", statements: [2], blocked: [] }],
    ["an unknown grant resource", [aclCheck(), write(new UnknownValue("unset-variable"))], { result: "unknown", statements: [1], blocked: [] }],
    [
      "a Deny on a key CloudTrail's request may carry",
      [...(legacyBucketPolicy as Value[]), st({ Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${BUCKET}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } })],
      { result: "unknown", statements: [2], blocked: [] },
    ],
    ["an unknown source value", [aclCheck(bySourceArn(new UnknownValue("unset-variable"))), write(PREFIX)], { result: "unknown", statements: [0], blocked: [] }],
    [
      "blocked wins over unknown",
      [aclCheck(bySourceArn(new UnknownValue("unset-variable"))), write(`${BUCKET}/AWSLogs/999999999999/*`)],
      { result: "blocked", statements: [], blocked: [put] },
    ],
  ])("%s", (_name, doc, want) => {
    expect(cloudTrailDelivery(doc, TARGET)).toEqual(want);
  });

  describe("trail prefixes", () => {
    it("needs the grant on the trail's own S3 key prefix", () => {
      const prefixed = `${BUCKET}/audit/AWSLogs/${ACCOUNT}/*`;
      const target = { ...TARGET, objectArns: [prefixed] };
      expect(cloudTrailDelivery([aclCheck(), write(prefixed)], target).result).toBe("allowed-without-source-condition");
      expect(cloudTrailDelivery([aclCheck(), write(`${BUCKET}/audit/*`)], target).result).toBe("allowed-without-source-condition");
      expect(cloudTrailDelivery([aclCheck(), write(PREFIX)], target)).toEqual({
        result: "blocked",
        statements: [],
        blocked: [{ action: "s3:PutObject", resource: prefixed }],
      });
    });

    it("needs both the account and the organization prefix for an organization trail", () => {
      const orgPrefix = `${BUCKET}/AWSLogs/${ORG}/*`;
      const target = { ...TARGET, objectArns: [PREFIX, orgPrefix] };
      const orgPolicy = (documentedBucketPolicy() as { Statement: Value[] }).Statement;
      const orgWrite = write(orgPrefix, { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL } });
      expect(cloudTrailDelivery([...orgPolicy, orgWrite], target)).toEqual({ result: "allowed", statements: [0, 1, 2], blocked: [] });
      expect(cloudTrailDelivery(orgPolicy, target)).toEqual({
        result: "blocked",
        statements: [],
        blocked: [{ action: "s3:PutObject", resource: orgPrefix }],
      });
    });

    it("leaves an unknown organization prefix unknown, unless everything is granted", () => {
      const target = { ...TARGET, objectArns: [PREFIX, new UnknownValue("unset-variable")] };
      const policy = (documentedBucketPolicy() as { Statement: Value[] }).Statement;
      expect(cloudTrailDelivery(policy, target).result).toBe("unknown");
      expect(cloudTrailDelivery([aclCheck(), write("*")], target).result).toBe("allowed-without-source-condition");
      expect(cloudTrailDelivery([write("*")], target)).toEqual({ result: "blocked", statements: [], blocked: [acl] });
    });
  });

  describe("symbolic and unknown identities", () => {
    const tokenBucket = `arn:aws:s3:::${symbol("LogBucket")}`;
    const tokenAccount = symbol("AWS::AccountId");

    it("matches a generated bucket name by identity", () => {
      const target = { ...TARGET, bucketArn: tokenBucket, objectArns: [`${tokenBucket}/AWSLogs/${ACCOUNT}/*`] };
      expect(cloudTrailDelivery(documentedBucketPolicy(TRAIL, tokenBucket), target).result).toBe("allowed");
      const otherBucket = `arn:aws:s3:::${symbol("OtherBucket")}`;
      expect(cloudTrailDelivery(documentedBucketPolicy(TRAIL, otherBucket), target).result).toBe("blocked");
    });

    it("does not count a symbolic account as a mismatch", () => {
      const symbolicTrail = `arn:aws:cloudtrail:us-east-2:${tokenAccount}:trail/management-events`;
      const target = { bucketArn: BUCKET, objectArns: [`${BUCKET}/AWSLogs/${tokenAccount}/*`], trailArn: symbolicTrail, accountId: tokenAccount };
      // the policy spells the account out; the trail's account is symbolic
      const spelled = [aclCheck(bySourceArn(TRAIL)), write(`${BUCKET}/AWSLogs/*`, { StringEquals: { "aws:SourceAccount": ACCOUNT } })];
      expect(cloudTrailDelivery(spelled, target).result).toBe("allowed");
      // the same, with ArnLike
      const like = [aclCheck({ ArnLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` } }), write(`${BUCKET}/*`, bySourceArn(TRAIL))];
      expect(cloudTrailDelivery(like, target).result).toBe("allowed");
      // the account cannot be compared, but the trail name can
      expect(cloudTrailDelivery([aclCheck(bySourceArn(OTHER_TRAIL)), write(`${BUCKET}/*`)], target).result).toBe("blocked");
    });

    it("does not count a symbolic region or account in the policy as a mismatch", () => {
      const templated = `arn:aws:cloudtrail:${symbol("AWS::Region")}:${tokenAccount}:trail/management-events`;
      expect(cloudTrailDelivery(documentedBucketPolicy(templated), TARGET).result).toBe("allowed");
    });

    it("does not count an unknown account as a mismatch", () => {
      const target = { ...TARGET, accountId: new UnknownValue("unset-variable") };
      const policy = [aclCheck({ StringEquals: { "aws:SourceAccount": "444455556666" } }), write(PREFIX, { StringEquals: { "aws:SourceAccount": "444455556666" } })];
      expect(cloudTrailDelivery(policy, target).result).toBe("allowed");
    });

    it("is unknown when the trail's ARN is", () => {
      const target = { ...TARGET, trailArn: new UnknownValue("known-after-apply") };
      expect(cloudTrailDelivery(documentedBucketPolicy(), target)).toEqual({ result: "unknown", statements: [0, 1], blocked: [] });
      expect(cloudTrailDelivery(legacyBucketPolicy, target).result).toBe("allowed-without-source-condition");
    });

    it("compares a trail ARN that is one symbol only with the same symbol", () => {
      const trailToken = symbol("Trail.Arn");
      const target = { ...TARGET, trailArn: trailToken };
      expect(cloudTrailDelivery(documentedBucketPolicy(trailToken), target).result).toBe("allowed");
      expect(cloudTrailDelivery(documentedBucketPolicy(symbol("OtherTrail.Arn")), target).result).toBe("blocked");
      expect(cloudTrailDelivery(documentedBucketPolicy(TRAIL), target).result).toBe("unknown");
    });
  });
});

/** The AWS-documented key policy for a trail's KMS key (CloudTrail user guide), in its parts. */
const rootAccess: Value = { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };
function encryptGrant(condition?: Value): Value {
  return st({ Sid: "Allow CloudTrail to encrypt logs", Effect: "Allow", Principal: CT, Action: "kms:GenerateDataKey*", Resource: "*", Condition: condition });
}
const documentedEncryptCondition: Value = {
  StringEquals: { "aws:SourceArn": TRAIL },
  StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
};
const documentedKeyPolicy: Value = {
  Version: "2012-10-17",
  Id: "Key policy created by CloudTrail",
  Statement: [
    rootAccess,
    encryptGrant(documentedEncryptCondition),
    { Sid: "Allow CloudTrail to describe key", Effect: "Allow", Principal: CT, Action: "kms:DescribeKey", Resource: "*" },
    {
      Sid: "Allow principals in the account to decrypt log files",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
      Resource: "*",
      Condition: {
        StringEquals: { "kms:CallerAccount": ACCOUNT },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
      },
    },
    {
      Sid: "Allow alias creation during setup",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "kms:CreateAlias",
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": "ec2.us-east-2.amazonaws.com", "kms:CallerAccount": ACCOUNT } },
    },
  ],
};

describe("kmsAllowsCloudTrail (TG020)", () => {
  const KEY = { trailArn: TRAIL, accountId: ACCOUNT };
  it.each<[string, Value, string, number[]]>([
    ["the AWS-documented key policy", documentedKeyPolicy, "allowed", [1]],
    ["the older form: encryption context only", [rootAccess, encryptGrant({ StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` } })], "allowed", [1]],
    ["a source condition only", [encryptGrant({ ArnEquals: { "aws:SourceArn": TRAIL } })], "allowed", [0]],
    ["no condition", [encryptGrant()], "allowed", [0]],
    ["kms:* for CloudTrail", [st({ Effect: "Allow", Principal: CT, Action: "kms:*", Resource: "*" })], "allowed", [0]],
    ["* for CloudTrail", [st({ Effect: "Allow", Principal: CT, Action: "*", Resource: "*" })], "allowed", [0]],
    ["the exact action", [st({ Effect: "Allow", Principal: CT, Action: "kms:GenerateDataKey", Resource: "*" })], "allowed", [0]],

    ["the root account only", [rootAccess], "blocked", []],
    ["CloudTrail may only describe the key", [st({ Effect: "Allow", Principal: CT, Action: "kms:DescribeKey", Resource: "*" })], "blocked", []],
    ["another account in the encryption context", [encryptGrant({ StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:999999999999:trail/*" } })], "blocked", []],
    ["another trail as source", [encryptGrant({ StringEquals: { "aws:SourceArn": OTHER_TRAIL } })], "blocked", []],
    ["another account as source", [encryptGrant({ StringEquals: { "aws:SourceAccount": "999999999999" } })], "blocked", []],
    ["a Deny for the service", [encryptGrant(), st({ Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*", Condition: { Bool: { "aws:PrincipalIsAWSService": "true" } } })], "blocked", [1]],
    ["a TLS-only Deny does not block", [encryptGrant(), st({ Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } })], "allowed", [0]],

    ["an unknown document", new UnknownValue("module-output"), "unknown", []],
    ["an unknown statement", [rootAccess, new UnknownValue("condition")], "unknown", [1]],
    ["an unknown condition", [encryptGrant(new UnknownValue("condition"))], "unknown", [0]],
    ["a condition on a key CloudTrail's request may carry", [encryptGrant({ StringEquals: { "kms:CallerAccount": ACCOUNT } })], "unknown", [0]],
  ])("%s", (_name, doc, result, statements) => {
    expect(kmsAllowsCloudTrail(doc, KEY)).toEqual({ result, statements });
  });

  it("matches the key by ARN when given, and only * without it", () => {
    const keyArn = `arn:aws:kms:us-east-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const named = [st({ Effect: "Allow", Principal: CT, Action: "kms:GenerateDataKey*", Resource: keyArn })];
    expect(kmsAllowsCloudTrail(named, { ...KEY, keyArn }).result).toBe("allowed");
    expect(kmsAllowsCloudTrail(named, { ...KEY, keyArn: keyArn.replace("1234abcd", "ffffffff") }).result).toBe("blocked");
    expect(kmsAllowsCloudTrail(named, KEY).result).toBe("unknown");
    expect(kmsAllowsCloudTrail(documentedKeyPolicy, { ...KEY, keyArn }).result).toBe("allowed");
  });

  it("does not count a symbolic account as a mismatch", () => {
    const tokenAccount = symbol("AWS::AccountId");
    const trail = `arn:aws:cloudtrail:us-east-2:${tokenAccount}:trail/management-events`;
    expect(kmsAllowsCloudTrail(documentedKeyPolicy, { trailArn: trail, accountId: tokenAccount }).result).toBe("allowed");
    expect(kmsAllowsCloudTrail([encryptGrant({ StringEquals: { "aws:SourceArn": OTHER_TRAIL } })], { trailArn: trail, accountId: tokenAccount }).result).toBe("blocked");
  });

  it("is unknown when the trail's ARN is and the grant tests it", () => {
    const key = { trailArn: new UnknownValue("known-after-apply"), accountId: ACCOUNT };
    expect(kmsAllowsCloudTrail(documentedKeyPolicy, key).result).toBe("unknown");
    expect(kmsAllowsCloudTrail([encryptGrant()], key).result).toBe("allowed");
  });
});

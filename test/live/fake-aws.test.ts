import { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient, DescribeAlarmsForMetricCommand } from "@aws-sdk/client-cloudwatch";
import { AccountClient, ListRegionsCommand } from "@aws-sdk/client-account";
import { GetBucketAclCommand, GetBucketLifecycleConfigurationCommand, GetBucketPolicyCommand, GetBucketTaggingCommand, GetBucketVersioningCommand, GetObjectLockConfigurationCommand, ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import { GetTopicAttributesCommand, SNSClient } from "@aws-sdk/client-sns";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { DescribeKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { Agent } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loopbackLookup } from "../../src/adapters/live/clients.ts";
import { startFakeAws, type FakeAws } from "../support/fake-aws/server.ts";
import { ALL_USERS, account, bucket, callerKey, key, trail } from "../support/fake-aws/world.ts";

const A = "111111111111";
let fake: FakeAws;

beforeAll(async () => {
  fake = await startFakeAws({
    partition: "aws",
    accounts: [
      account(A, {
        trails: [trail("main", { status: { IsLogging: true, LatestDeliveryError: "AccessDenied", LatestDeliveryTime: "2026-01-01T00:00:00Z" } })],
        buckets: [bucket("main-logs", A, { tags: { team: "audit" }, groupGrants: [{ uri: ALL_USERS, permission: "READ" }], mfaDelete: true, lifecycle: [{ id: "expire", enabled: true, prefix: "AWSLogs/", days: 30 }] })],
        keys: [key("k1", A)],
        topics: [{ name: "alerts", region: "us-east-1", confirmed: 2 }],
        alarms: [{ name: "root", region: "us-east-1", metric: "RootUsage", namespace: "CIS", statistic: "Sum", threshold: 1, comparison: "GreaterThanOrEqualToThreshold", actionsEnabled: true, actions: ["arn:aws:sns:us-east-1:111111111111:alerts"] }],
        publicAccessBlock: null,
        deny: ["s3:GetBucketTagging"],
      }),
    ],
  });
});
afterAll(() => fake.close());

const config = (region = "us-east-1") => ({
  region,
  endpoint: fake.url,
  credentials: { accessKeyId: callerKey(A), secretAccessKey: "x" },
  maxAttempts: 1,
});

describe("fake AWS speaks each protocol to the real SDK clients", () => {
  it("awsJson1_1: CloudTrail", async () => {
    const ct = new CloudTrailClient(config());
    const d = await ct.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
    expect(d.trailList?.[0]?.TrailARN).toBe(`arn:aws:cloudtrail:us-east-1:${A}:trail/main`);
    const s = await ct.send(new GetTrailStatusCommand({ Name: d.trailList![0]!.TrailARN! }));
    expect(s.LatestDeliveryError).toBe("AccessDenied");
    expect(s.LatestDeliveryTime?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    const shadow = await new CloudTrailClient(config("eu-west-1")).send(new DescribeTrailsCommand({ includeShadowTrails: true }));
    expect(shadow.trailList?.[0]?.HomeRegion).toBe("us-east-1");
    await expect(ct.send(new GetTrailStatusCommand({ Name: "nope" }))).rejects.toMatchObject({ name: "TrailNotFoundException" });
  });
  it("awsJson1_1: an opt-in region the account has not enabled", async () => {
    await expect(new CloudTrailClient(config("af-south-1")).send(new DescribeTrailsCommand({}))).rejects.toMatchObject({ name: "UnrecognizedClientException" });
  });
  it("restXml: S3 reads and errors", async () => {
    const s = new S3Client({ ...config(), forcePathStyle: true });
    expect((await s.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(["main-logs"]);
    const v = await s.send(new GetBucketVersioningCommand({ Bucket: "main-logs" }));
    expect(v).toMatchObject({ Status: "Enabled", MFADelete: "Enabled" });
    const lock = await s.send(new GetObjectLockConfigurationCommand({ Bucket: "main-logs" }));
    expect(lock.ObjectLockConfiguration?.Rule?.DefaultRetention).toMatchObject({ Mode: "COMPLIANCE", Days: 365 });
    const policy = await s.send(new GetBucketPolicyCommand({ Bucket: "main-logs" }));
    expect(JSON.parse(policy.Policy!).Statement).toHaveLength(2);
    const acl = await s.send(new GetBucketAclCommand({ Bucket: "main-logs" }));
    expect(acl.Grants?.map((g) => g.Grantee?.URI ?? g.Grantee?.Type)).toEqual(["CanonicalUser", ALL_USERS]);
    const lc = await s.send(new GetBucketLifecycleConfigurationCommand({ Bucket: "main-logs" }));
    expect(lc.Rules?.[0]).toMatchObject({ ID: "expire", Status: "Enabled", Filter: { Prefix: "AWSLogs/" }, Expiration: { Days: 30 } });
    await expect(s.send(new GetBucketTaggingCommand({ Bucket: "main-logs" }))).rejects.toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    await expect(s.send(new GetBucketPolicyCommand({ Bucket: "other" }))).rejects.toMatchObject({ name: "NoSuchBucket" });
  });
  it("restXml: S3 Control, with the account ID in the host name (a name under localhost)", async () => {
    const httpAgent = new Agent({ lookup: loopbackLookup });
    await expect(new S3ControlClient({ ...config(), requestHandler: { httpAgent } }).send(new GetPublicAccessBlockCommand({ AccountId: A }))).rejects.toMatchObject({ name: "NoSuchPublicAccessBlockConfiguration" });
  });
  it("awsQuery: STS and SNS", async () => {
    const r = await new STSClient(config()).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/TrailguardAudit`, RoleSessionName: "t" }));
    expect(r.Credentials?.AccessKeyId).toBe(callerKey(A, "role/TrailguardAudit"));
    expect(r.Credentials?.Expiration).toBeInstanceOf(Date);
    await expect(new STSClient(config()).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/Nope`, RoleSessionName: "t" }))).rejects.toMatchObject({ name: "AccessDenied" });
    const t = await new SNSClient(config()).send(new GetTopicAttributesCommand({ TopicArn: `arn:aws:sns:us-east-1:${A}:alerts` }));
    expect(t.Attributes?.["SubscriptionsConfirmed"]).toBe("2");
    await expect(new SNSClient(config()).send(new GetTopicAttributesCommand({ TopicArn: `arn:aws:sns:us-east-1:${A}:gone` }))).rejects.toMatchObject({ name: "NotFoundException" });
  });
  it("awsJson1_0 with query compatibility: CloudWatch", async () => {
    const r = await new CloudWatchClient(config()).send(new DescribeAlarmsForMetricCommand({ MetricName: "RootUsage", Namespace: "CIS" }));
    expect(r.MetricAlarms?.[0]).toMatchObject({ AlarmName: "root", Threshold: 1, AlarmActions: ["arn:aws:sns:us-east-1:111111111111:alerts"] });
  });
  it("restJson1: Account", async () => {
    const r = await new AccountClient(config()).send(new ListRegionsCommand({ RegionOptStatusContains: ["ENABLED", "ENABLED_BY_DEFAULT"], MaxResults: 50 }));
    expect(r.Regions).toHaveLength(17);
  });
  it("awsJson1_1: KMS", async () => {
    const r = await new KMSClient(config()).send(new DescribeKeyCommand({ KeyId: `arn:aws:kms:us-east-1:${A}:key/k1` }));
    expect(r.KeyMetadata).toMatchObject({ KeyId: "k1", KeyManager: "CUSTOMER" });
  });
  it("records every operation it receives", () => {
    expect(fake.calls.some((c) => c.service === "s3" && c.operation === "GetBucketAcl")).toBe(true);
  });
});

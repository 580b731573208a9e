/**
 * Named worlds for live tests and rule cases: the situations issue 6 lists (no trail, shadow
 * trails, organization trails, delivery errors, monitoring chains...), each a small variation of
 * one well-kept account.
 */
import {
  ALL_USERS,
  DEFAULT_REGIONS,
  ROOT_USAGE_PATTERN,
  account,
  bucket,
  key,
  keyArn,
  logGroupArn,
  topicArn,
  trail,
  trailArn,
  type FakeAccount,
  type FakeBucket,
  type FakeEventDataStore,
  type FakeKey,
  type FakeAlarm,
  type FakeLogGroup,
  type FakeTopic,
  type FakeTrail,
  type FakeWorld,
} from "./world.ts";
import type { LiveCase } from "./harness.ts";

export const ACCOUNT = "111111111111";
export const MEMBER = "222222222222";
export const LOG_ARCHIVE = "333333333333";
export const MANAGEMENT = "999999999999";
export const ORG_ID = "o-abc123def4";

export const arnOfTrail = (name: string, accountId = ACCOUNT, region = "us-east-1") => `arn:aws:cloudtrail:${region}:${accountId}:trail/${name}`;
export const arnOfAccount = (accountId = ACCOUNT) => `arn:aws:iam::${accountId}:root`;
export const arnOfBucket = (name: string) => `arn:aws:s3:::${name}`;

/** CIS 4.5: changes to CloudTrail's configuration. */
export const CLOUDTRAIL_CHANGES_PATTERN =
  "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }";

/** The trail's log group with the CIS root-usage filter, an alarm on its metric, and a topic someone confirmed. */
export function rootUsageChain(accountId: string, over: { alarm?: Partial<FakeAlarm>; topic?: Partial<FakeTopic>; pattern?: string } = {}) {
  const topic: FakeTopic = { name: "security-alerts", region: "us-east-1", confirmed: 1, ...over.topic };
  const group: FakeLogGroup = {
    name: "CloudTrail/audit",
    region: "us-east-1",
    retention: 365,
    filters: [
      { name: "root-usage", pattern: over.pattern ?? ROOT_USAGE_PATTERN, metric: "RootAccountUsage", namespace: "CISBenchmark", value: "1" },
      { name: "cloudtrail-changes", pattern: CLOUDTRAIL_CHANGES_PATTERN, metric: "CloudTrailChanges", namespace: "CISBenchmark", value: "1" },
    ],
  };
  const base: FakeAlarm = {
    name: "root-usage",
    region: "us-east-1",
    metric: "RootAccountUsage",
    namespace: "CISBenchmark",
    statistic: "Sum",
    threshold: 1,
    comparison: "GreaterThanOrEqualToThreshold",
    actionsEnabled: true,
    actions: [topicArn(topic, accountId)],
  };
  const alarm: FakeAlarm = { ...base, ...over.alarm };
  const changes: FakeAlarm = { ...base, name: "cloudtrail-changes", metric: "CloudTrailChanges" };
  return { group, alarm, changes, topic, groupArn: logGroupArn(group, accountId) };
}

/** One account with one healthy, monitored, encrypted multi-region trail and its bucket. */
export function wellKept(id = ACCOUNT, over: { trail?: Partial<FakeTrail>; account?: Partial<FakeAccount>; chain?: Parameters<typeof rootUsageChain>[1] } = {}): FakeAccount {
  const k = key("3f1c2a8e-0000-4000-8000-000000000001", id);
  const chain = rootUsageChain(id, over.chain);
  const t = trail("audit", {
    kmsKeyId: keyArn(k, id),
    logGroupArn: chain.groupArn,
    roleArn: `arn:aws:iam::${id}:role/CloudTrailToLogs`,
    insights: ["ApiCallRateInsight"],
    status: { IsLogging: true, LatestDeliveryTime: new Date(Date.now() - 600_000).toISOString(), LatestCloudWatchLogsDeliveryTime: new Date(Date.now() - 600_000).toISOString() },
    ...over.trail,
  });
  return account(id, {
    trails: [t],
    buckets: [bucket(t.bucket, id)],
    keys: [k],
    logGroups: [chain.group],
    alarms: [chain.alarm, chain.changes],
    topics: [chain.topic],
    ...over.account,
  });
}

export function world(...accounts: FakeAccount[]): FakeWorld {
  return { partition: "aws", accounts };
}

/** An organization: a management account with an organization trail writing to a log-archive
 * account's bucket, and a member with no trail of its own. */
export function organization(over: { managementTrails?: FakeTrail[]; member?: Partial<FakeAccount>; delegatedAdmins?: string[] } = {}): FakeWorld {
  const orgTrail = trail("org-audit", { organization: true, bucket: "org-cloudtrail-archive" });
  const mgmt = account(MANAGEMENT, { name: "management", trails: over.managementTrails ?? [orgTrail] });
  const logs = account(LOG_ARCHIVE, { name: "log-archive", buckets: [bucket("org-cloudtrail-archive", LOG_ARCHIVE)] });
  const member = account(MEMBER, { name: "workload", ...over.member });
  return {
    partition: "aws",
    accounts: [mgmt, logs, member],
    org: { id: ORG_ID, managementId: MANAGEMENT, members: [MANAGEMENT, LOG_ARCHIVE, MEMBER], delegatedAdmins: over.delegatedAdmins ?? [] },
  };
}

/** A multi-region trail homed in eu-west-1: every one of the 17 regions shows it as a shadow. */
export function shadowTrails(): FakeWorld {
  return world(wellKept(ACCOUNT, { trail: { homeRegion: "eu-west-1", logFileValidation: false } }));
}

/** Log files, digest files and CloudWatch Logs all failing. */
export function deliveryErrors(): FakeWorld {
  return world(
    wellKept(ACCOUNT, {
      trail: {
        status: {
          IsLogging: true,
          LatestDeliveryError: "AccessDenied",
          LatestDigestDeliveryError: "NoSuchBucket",
          LatestCloudWatchLogsDeliveryError: "CloudWatch Logs role is not valid",
          LatestCloudWatchLogsDeliveryTime: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        },
      },
    }),
  );
}

/** The trail's bucket: no Object Lock, no versioning, no public access block, readable by everyone. */
export function deletablePublicBucket(): FakeWorld {
  const a = wellKept();
  const b = bucket(a.trails[0]!.bucket, ACCOUNT, {
    versioning: undefined,
    objectLock: undefined,
    publicAccessBlock: null,
    groupGrants: [{ uri: ALL_USERS, permission: "READ" }],
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${a.trails[0]!.bucket}/*` }] },
  });
  return world({ ...a, buckets: [b], publicAccessBlock: null });
}

/** A bucket tagged as holding personal data, with or without a trail recording its object events. */
export function sensitiveBucket(recorded: boolean): FakeWorld {
  const a = wellKept(ACCOUNT, {
    trail: recorded
      ? { eventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3"] }], ExcludeManagementEventSources: [] }] }
      : {},
  });
  return world({ ...a, buckets: [...a.buckets, bucket("customer-records", ACCOUNT, { tags: { DataClassification: "PII" } })] });
}

/** The root-usage chain broken: the alarm needs five root calls in a period before it fires. */
export function brokenRootAlarm(): FakeWorld {
  return world(wellKept(ACCOUNT, { chain: { alarm: { threshold: 5 } } }));
}

/** An organization with something wrong in every account, for the throttling storm: delivery
 * errors on the organization trail, a public log-archive bucket, a member with a sensitive bucket
 * nobody records and a broken root-usage alarm. */
export function stormWorld(): FakeWorld {
  const org = organization({
    managementTrails: [trail("org-audit", { organization: true, bucket: "org-cloudtrail-archive", logFileValidation: false, status: { IsLogging: true, LatestDeliveryError: "AccessDenied" } })],
  });
  const archive = deletablePublicBucket().accounts[0]!.buckets[0]!;
  const member = wellKept(MEMBER, { chain: { alarm: { threshold: 5 } }, trail: { multiRegion: false } });
  const accounts = org.accounts.map((a) =>
    a.id === LOG_ARCHIVE ? { ...a, buckets: [{ ...archive, name: "org-cloudtrail-archive" }], publicAccessBlock: null } : a.id === MEMBER ? { ...member, buckets: [...member.buckets, bucket("customer-records", MEMBER, { tags: { DataClassification: "pii" } })] } : a,
  );
  return { ...org, accounts };
}

// ---------------------------------------------------------------- rule cases

export const TRAIL_ARN = arnOfTrail("audit");
export const BUCKET_ARN = arnOfBucket("audit-logs");
export const ACCOUNT_ARN = arnOfAccount();
export const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/3f1c2a8e-0000-4000-8000-000000000001`;

/** Two regions keep a rule case quick. */
const CASE_REGIONS = ["us-east-1", "eu-west-1"];

/** A rule case: the well-kept account, changed as given. */
export function single(over: Parameters<typeof wellKept>[1] = {}): LiveCase {
  return { world: world(wellKept(ACCOUNT, { ...over, account: { regions: CASE_REGIONS, ...over.account } })) };
}

/** A rule case whose trail bucket is changed. */
export function withBucket(over: Partial<FakeBucket>, accountOver: Partial<FakeAccount> = {}): LiveCase {
  const a = wellKept(ACCOUNT, { account: { regions: CASE_REGIONS } });
  return { world: world({ ...a, buckets: [{ ...a.buckets[0]!, ...over }], ...accountOver }) };
}

/** A rule case whose trail key is changed. */
export function withKey(over: Partial<FakeKey>): LiveCase {
  const a = wellKept(ACCOUNT, { account: { regions: CASE_REGIONS } });
  return { world: world({ ...a, keys: [{ ...a.keys[0]!, ...over }] }) };
}

/** A rule case with a bucket tagged as holding personal data, and the trail's event selectors as given. */
export function withSensitiveBucket(trailOver: Partial<FakeTrail> = {}): LiveCase {
  const a = wellKept(ACCOUNT, { account: { regions: CASE_REGIONS }, trail: trailOver });
  return { world: world({ ...a, buckets: [...a.buckets, bucket("customer-records", ACCOUNT, { tags: { DataClassification: "PII" } })] }) };
}

/** A rule case with an event data store (and the account's trails as given). */
export function withStore(store: Partial<FakeEventDataStore>, trails?: FakeTrail[]): LiveCase {
  const a = wellKept(ACCOUNT, { account: { regions: CASE_REGIONS } });
  const s: FakeEventDataStore = {
    name: "lake",
    region: "us-east-1",
    status: "ENABLED",
    multiRegion: true,
    organization: false,
    advancedEventSelectors: [{ Name: "management", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] }],
    kmsKeyId: KEY_ARN,
    ...store,
  };
  return { world: world({ ...a, ...(trails ? { trails } : {}), eventDataStores: [s] }) };
}

export const STORE_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/lake`;

/** A rule case in an organization, scanned from `caller`. */
export function inOrganization(caller: string, over: Parameters<typeof organization>[0] = {}): LiveCase {
  const w = organization(over);
  return { world: { ...w, accounts: w.accounts.map((a) => ({ ...a, regions: CASE_REGIONS })) }, caller };
}

export { ALL_USERS, DEFAULT_REGIONS, account, bucket, key, trail, trailArn };

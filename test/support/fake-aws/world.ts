/**
 * The scripted AWS world the fake server answers from: accounts with their trails, buckets, keys,
 * log groups, alarms and topics, and an optional organization. Plain data, so that a scenario is
 * easy to read and to copy into a rule's cases.
 */

export interface PublicAccessBlockConfig {
  readonly BlockPublicAcls: boolean;
  readonly IgnorePublicAcls: boolean;
  readonly BlockPublicPolicy: boolean;
  readonly RestrictPublicBuckets: boolean;
}

export interface FakeTrail {
  readonly name: string;
  readonly homeRegion: string;
  readonly multiRegion: boolean;
  readonly organization: boolean;
  readonly bucket: string;
  readonly prefix?: string;
  readonly logFileValidation: boolean;
  readonly includeGlobal: boolean;
  readonly kmsKeyId?: string;
  readonly logGroupArn?: string;
  readonly roleArn?: string;
  /** GetTrailStatus fields as AWS names them; times as ISO 8601 strings. */
  readonly status: Readonly<Record<string, string | boolean>>;
  readonly eventSelectors?: readonly unknown[];
  readonly advancedEventSelectors?: readonly unknown[];
  readonly insights?: readonly string[];
}

export interface FakeEventDataStore {
  readonly name: string;
  readonly region: string;
  readonly status: string; // ENABLED, STOPPED_INGESTION, ...
  readonly multiRegion: boolean;
  readonly organization: boolean;
  readonly advancedEventSelectors: readonly unknown[];
  readonly kmsKeyId?: string;
}

export interface LifecycleRuleConfig {
  readonly id: string;
  readonly enabled: boolean;
  readonly prefix?: string;
  readonly days?: number;
}

export interface FakeBucket {
  readonly name: string;
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly versioning?: "Enabled" | "Suspended";
  readonly mfaDelete?: boolean;
  readonly objectLock?: { readonly mode?: string; readonly days?: number; readonly years?: number };
  readonly policy: object | null;
  readonly publicAccessBlock: PublicAccessBlockConfig | null;
  /** ACL grants to groups, by URI (the owner's full control is implied). */
  readonly groupGrants: readonly { readonly uri: string; readonly permission: string }[];
  readonly lifecycle: readonly LifecycleRuleConfig[] | null;
  readonly logging?: { readonly bucket: string; readonly prefix: string };
}

export interface FakeKey {
  readonly id: string;
  readonly region: string;
  readonly manager: "CUSTOMER" | "AWS";
  readonly spec: string;
  readonly rotation: boolean;
  readonly policy: object;
  readonly aliases: readonly string[];
}

export interface FakeMetricFilter {
  readonly name: string;
  readonly pattern: string;
  readonly metric: string;
  readonly namespace: string;
  readonly value: string;
}

export interface FakeLogGroup {
  readonly name: string;
  readonly region: string;
  readonly retention?: number;
  readonly filters: readonly FakeMetricFilter[];
}

export interface FakeAlarm {
  readonly name: string;
  readonly region: string;
  readonly metric: string;
  readonly namespace: string;
  readonly statistic: string;
  readonly threshold: number;
  readonly comparison: string;
  readonly actionsEnabled: boolean;
  readonly actions: readonly string[];
}

export interface FakeTopic {
  readonly name: string;
  readonly region: string;
  readonly confirmed: number;
}

export interface FakeAccount {
  readonly id: string;
  readonly name: string;
  /** Regions enabled for the account; a call to another region fails as an opt-in region does. */
  readonly regions: readonly string[];
  /** Role names anyone in the world may assume. */
  readonly roles: readonly string[];
  readonly trails: readonly FakeTrail[];
  readonly eventDataStores: readonly FakeEventDataStore[];
  readonly buckets: readonly FakeBucket[];
  readonly keys: readonly FakeKey[];
  readonly logGroups: readonly FakeLogGroup[];
  readonly alarms: readonly FakeAlarm[];
  readonly topics: readonly FakeTopic[];
  readonly publicAccessBlock: PublicAccessBlockConfig | null;
  /** Operations denied to this account's principals: `service:Operation`, `service:*` (service as signed: s3, cloudtrail, logs, monitoring, ...). */
  readonly deny: readonly string[];
  readonly suspended?: boolean;
}

export interface FakeOrg {
  readonly id: string;
  readonly managementId: string;
  readonly members: readonly string[]; // every account in the organization, the management account included
  readonly delegatedAdmins: readonly string[]; // CloudTrail delegated administrators
}

export interface FakeWorld {
  readonly partition: string;
  readonly accounts: readonly FakeAccount[];
  readonly org?: FakeOrg;
}

// ---------------------------------------------------------------- builders with AWS's defaults

/** The 17 regions enabled by default in the aws partition. */
export const DEFAULT_REGIONS: readonly string[] = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
  "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
  "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
];

export const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

export function account(id: string, over: Partial<FakeAccount> = {}): FakeAccount {
  return {
    id,
    name: `account-${id}`,
    regions: DEFAULT_REGIONS,
    roles: ["OrganizationAccountAccessRole", "TrailguardAudit"],
    trails: [],
    eventDataStores: [],
    buckets: [],
    keys: [],
    logGroups: [],
    alarms: [],
    topics: [],
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    deny: [],
    ...over,
  };
}

/** A healthy multi-region trail: logging, validated, no delivery errors. */
export function trail(name: string, over: Partial<FakeTrail> = {}): FakeTrail {
  return {
    name,
    homeRegion: "us-east-1",
    multiRegion: true,
    organization: false,
    bucket: `${name}-logs`,
    logFileValidation: true,
    includeGlobal: true,
    status: { IsLogging: true, LatestDeliveryTime: new Date(Date.now() - 600_000).toISOString() },
    ...over,
  };
}

/** The policy CloudTrail needs on its bucket, for the trails of `accountId`. */
export function cloudTrailBucketPolicy(bucket: string, accountId: string): object {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: `arn:aws:s3:::${bucket}`, Condition: { StringEquals: { "aws:SourceAccount": accountId } } },
      { Sid: "Write", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${bucket}/AWSLogs/${accountId}/*`, Condition: { StringEquals: { "aws:SourceAccount": accountId, "s3:x-amz-acl": "bucket-owner-full-control" } } },
    ],
  };
}

/** A well-kept log bucket: versioned, Object Lock for a year, private, access-logged. */
export function bucket(name: string, accountId: string, over: Partial<FakeBucket> = {}): FakeBucket {
  return {
    name,
    region: "us-east-1",
    tags: {},
    versioning: "Enabled",
    objectLock: { mode: "COMPLIANCE", days: 365 },
    policy: cloudTrailBucketPolicy(name, accountId),
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    groupGrants: [],
    lifecycle: null,
    logging: { bucket: `${name}-access`, prefix: "logs/" },
    ...over,
  };
}

export function key(id: string, accountId: string, over: Partial<FakeKey> = {}): FakeKey {
  return {
    id,
    region: "us-east-1",
    manager: "CUSTOMER",
    spec: "SYMMETRIC_DEFAULT",
    rotation: true,
    aliases: [],
    policy: {
      Version: "2012-10-17",
      Statement: [
        { Sid: "Admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
        { Sid: "CloudTrail", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:GenerateDataKey*", Resource: "*", Condition: { StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${accountId}:trail/*` } } },
      ],
    },
    ...over,
  };
}

/** The CIS root-usage filter. */
export const ROOT_USAGE_PATTERN = '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';

export function keyArn(k: FakeKey, accountId: string, partition = "aws"): string {
  return `arn:${partition}:kms:${k.region}:${accountId}:key/${k.id}`;
}

export function logGroupArn(g: FakeLogGroup, accountId: string, partition = "aws"): string {
  return `arn:${partition}:logs:${g.region}:${accountId}:log-group:${g.name}:*`;
}

export function topicArn(t: FakeTopic, accountId: string, partition = "aws"): string {
  return `arn:${partition}:sns:${t.region}:${accountId}:${t.name}`;
}

export function trailArn(t: FakeTrail, accountId: string, partition = "aws"): string {
  return `arn:${partition}:cloudtrail:${t.homeRegion}:${accountId}:trail/${t.name}`;
}

/** Access keys of the fake world name the account and principal they belong to. */
export function callerKey(accountId: string, principal = "user/scanner"): string {
  return `FAKE-${accountId}-${principal.replace(/\//g, ".")}`;
}

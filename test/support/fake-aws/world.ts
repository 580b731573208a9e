/**
 * The scripted AWS world the fake server answers from: accounts with their trails, buckets, keys,
 * log groups, alarms and topics, and an optional organization. Plain data, so that a scenario is
 * easy to read and to copy into a rule's cases.
 */
import { createHash } from "node:crypto";

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
  /** The bucket's objects (GetObject, HeadObject, ListObjectsV2); none when absent. */
  readonly objects?: ObjectStore;
}

/** An S3 object. */
export interface FakeObject {
  readonly body: Buffer;
  /** User metadata, sent as `x-amz-meta-<name>` headers (names in lower case, as S3 keeps them). */
  readonly metadata?: Readonly<Record<string, string>>;
  /** ISO 8601; a MapStore sets the time of `put` when absent. */
  readonly lastModified?: string;
  /** Sent as Content-Type; S3's default `binary/octet-stream` when absent. */
  readonly contentType?: string;
}

/** An S3 object as a store keeps it: with its LastModified. */
export interface StoredObject extends FakeObject {
  readonly lastModified: string;
}

/** One entry of a listing. `etag` is the quoted ETag. */
export interface ListedObject {
  readonly key: string;
  readonly size: number;
  readonly lastModified: string;
  readonly etag: string;
}

/** The objects of a bucket, as the S3 operations read them. */
export interface ObjectStore {
  /** Keys in UTF-8 binary order with size and lastModified, starting strictly after `after` (or from the start), only keys with this prefix. */
  list(prefix: string, after: string | undefined, limit: number): ListedObject[];
  get(key: string): StoredObject | undefined;
}

/** Orders strings as their UTF-8 bytes compare (S3's listing order), which differs from UTF-16 order above U+D7FF. */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Code point order = UTF-8 order: surrogates (astral code points) sort above U+E000..U+FFFF.
    const rank = (c: number) => (c >= 0xd800 && c <= 0xdfff ? c + 0x2000 : c >= 0xe000 ? c - 0x800 : c);
    return rank(x) - rank(y);
  }
  return a.length - b.length;
}

const etags = new WeakMap<Buffer, string>();

/** The quoted ETag S3 gives a single-part upload: the MD5 of the body (computed once per Buffer). */
export function etagOf(body: Buffer): string {
  let e = etags.get(body);
  if (!e) {
    e = `"${createHash("md5").update(body).digest("hex")}"`;
    etags.set(body, e);
  }
  return e;
}

/**
 * An in-memory ObjectStore. Keys are kept sorted lazily (sorted on the first listing after a
 * change), so filling it with tens of thousands of objects stays linear. Bodies are kept by
 * reference: many keys may share one Buffer.
 */
export class MapStore implements ObjectStore {
  private readonly objects = new Map<string, StoredObject>();
  private sorted: string[] | null = [];

  constructor(entries: Iterable<readonly [string, FakeObject]> = []) {
    for (const [k, o] of entries) this.put(k, o);
  }

  put(key: string, obj: FakeObject): void {
    if (!this.objects.has(key)) this.sorted = null;
    this.objects.set(key, obj.lastModified ? (obj as StoredObject) : { ...obj, lastModified: new Date().toISOString() });
  }

  delete(key: string): boolean {
    const had = this.objects.delete(key);
    if (had) this.sorted = null;
    return had;
  }

  get(key: string): StoredObject | undefined {
    return this.objects.get(key);
  }

  get size(): number {
    return this.objects.size;
  }

  /** Every key, in UTF-8 binary order. */
  keys(): readonly string[] {
    this.sorted ??= [...this.objects.keys()].sort(compareUtf8);
    return this.sorted;
  }

  list(prefix: string, after: string | undefined, limit: number): ListedObject[] {
    const keys = this.keys();
    // First index past `after` and at or past `prefix`.
    const from = after !== undefined && compareUtf8(after, prefix) >= 0 ? after : prefix;
    const strict = from === after;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareUtf8(keys[mid]!, from);
      if (c < 0 || (strict && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    const out: ListedObject[] = [];
    for (let i = lo; i < keys.length && out.length < limit; i++) {
      const key = keys[i]!;
      if (!key.startsWith(prefix)) break;
      const o = this.objects.get(key)!;
      out.push({ key, size: o.body.length, lastModified: o.lastModified, etag: etagOf(o.body) });
    }
    return out;
  }
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

/**
 * A CloudTrail signing key as ListPublicKeys returns it. The keys belong to the world, not to an
 * account: CloudTrail signs with one key pair per region for every account.
 */
export interface FakePublicKey {
  /** Hex MD5 of `der` (32 characters), as digest files name it in digestPublicKeyFingerprint. */
  readonly fingerprint: string;
  /** PKCS#1 RSAPublicKey, DER. */
  readonly der: Buffer;
  /** ISO 8601. */
  readonly validFrom: string;
  readonly validTo: string;
  /** The region whose endpoint returns the key; every region when absent. */
  readonly region?: string;
}

export interface FakeWorld {
  readonly partition: string;
  readonly accounts: readonly FakeAccount[];
  readonly org?: FakeOrg;
  /** CloudTrail's digest signing keys (ListPublicKeys), shared by every account of the world. */
  readonly publicKeys?: readonly FakePublicKey[];
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

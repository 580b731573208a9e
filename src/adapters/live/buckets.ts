/** S3 buckets: every bucket of the account with its tags (for TG006), and the full settings of trail buckets. */
import type { Bucket, LifecycleRule, ObjectLock, PolicyDoc, PublicAccessBlock } from "../../model/entities.ts";
import type { Sourced } from "../../model/sourced.ts";
import type { Value } from "../../model/value.ts";
import { read, type Outcome } from "./calls.ts";
import { arnLoc, entityBase, fact, field, gap } from "./loc.ts";
import { policyDoc } from "./policy.ts";
import type { AccountScope } from "./scope.ts";

export function bucketArn(scope: AccountScope, name: string): string {
  return `arn:${scope.partition}:s3:::${name}`;
}

/** ListBuckets: the names and regions of the account's buckets. */
export async function listBuckets(scope: AccountScope): Promise<void> {
  const c = scope.clients.s3(scope.home);
  const out = await read(scope.site("S3Client", "ListBuckets", scope.home), scope.notes, () => c.send(new scope.clients.transport.sdk.s3.ListBucketsCommand({})));
  if (!out.ok) return;
  scope.ownBuckets = new Map((out.value.Buckets ?? []).filter((b) => b.Name).map((b) => [b.Name!, b.BucketRegion || scope.home]));
}

function tagsOf(o: Outcome<readonly { Key?: string; Value?: string }[]>, arn: string): Sourced<Readonly<Record<string, Value>>> {
  if (!o.ok) return gap(o.reason, arn, "Tags", o.code);
  const tags: Record<string, Value> = {};
  for (const t of o.value) if (t.Key !== undefined) tags[t.Key] = t.Value ?? "";
  return fact(tags, arn, "Tags");
}

async function readTags(scope: AccountScope, name: string, region: string): Promise<Outcome<readonly { Key?: string; Value?: string }[]>> {
  const { s3 } = scope.clients.transport.sdk;
  const c = scope.clients.s3(region);
  return read(scope.site("S3Client", "GetBucketTagging", region, name), scope.notes, async () => (await c.send(new s3.GetBucketTaggingCommand({ Bucket: name }))).TagSet ?? [], { NoSuchTagSet: [] });
}

/** A bucket that no trail writes to: its name and tags are all a rule needs (TG006). */
export async function taggedBucket(scope: AccountScope, name: string, region: string): Promise<Bucket> {
  const arn = bucketArn(scope, name);
  const notRead = (f: string) => gap("not-found", arn, f, "not read: only the buckets trails write to are read in full");
  return {
    type: "bucket",
    ...entityBase(arn, name, scope.id, region),
    name: fact(name, arn, "Name"),
    tags: tagsOf(await readTags(scope, name, region), arn),
    versioningEnabled: notRead("Versioning"),
    mfaDelete: notRead("MFADelete"),
    objectLock: notRead("ObjectLockConfiguration"),
    publicAccessBlock: notRead("PublicAccessBlockConfiguration"),
    policy: notRead("Policy"),
    acl: notRead("Acl"),
    aclGranteeUris: notRead("Grants"),
    lifecycle: notRead("LifecycleConfiguration"),
    accessLogging: notRead("LoggingEnabled"),
  };
}

interface ApiLifecycleRule {
  readonly ID?: string;
  readonly Status?: string;
  readonly Prefix?: string;
  readonly Filter?: { readonly Prefix?: string; readonly Tag?: unknown; readonly ObjectSizeGreaterThan?: number; readonly ObjectSizeLessThan?: number; readonly And?: { readonly Prefix?: string; readonly Tags?: readonly unknown[]; readonly ObjectSizeGreaterThan?: number; readonly ObjectSizeLessThan?: number } };
  readonly Expiration?: { readonly Days?: number };
}

/** The prefix a lifecycle rule selects; null when tags or sizes narrow it (not a plain prefix). */
function lifecyclePrefix(r: ApiLifecycleRule): string | null {
  const f = r.Filter;
  const and = f?.And;
  if (f?.Tag || f?.ObjectSizeGreaterThan !== undefined || f?.ObjectSizeLessThan !== undefined) return null;
  if (and && (and.Tags?.length || and.ObjectSizeGreaterThan !== undefined || and.ObjectSizeLessThan !== undefined)) return null;
  return f?.Prefix ?? and?.Prefix ?? r.Prefix ?? "";
}

function lifecycleRules(rules: readonly ApiLifecycleRule[], arn: string): LifecycleRule[] {
  return rules.map((r, i) => ({
    id: r.ID ?? null,
    enabled: r.Status === "Enabled",
    prefix: lifecyclePrefix(r),
    expirationDays: r.Expiration?.Days ?? null,
    loc: arnLoc(arn, ["LifecycleConfiguration", "Rules", i, "Expiration"]),
  }));
}

function pab(c: { BlockPublicAcls?: boolean; IgnorePublicAcls?: boolean; BlockPublicPolicy?: boolean; RestrictPublicBuckets?: boolean }, arn: string, at: string): PublicAccessBlock {
  const s = (k: keyof typeof c) => fact(c[k] ?? false, arn, [at, k]);
  return { blockPublicAcls: s("BlockPublicAcls"), ignorePublicAcls: s("IgnorePublicAcls"), blockPublicPolicy: s("BlockPublicPolicy"), restrictPublicBuckets: s("RestrictPublicBuckets") };
}

export function publicAccessBlockOf(o: Outcome<Parameters<typeof pab>[0] | null>, arn: string, at: string): Sourced<PublicAccessBlock | null> {
  if (!o.ok) return gap(o.reason, arn, at, o.code);
  return fact(o.value ? pab(o.value, arn, at) : null, arn, at);
}

/** Every setting of a bucket a trail writes to. */
export function trailBucket(scope: AccountScope, name: string, region: string): Promise<Bucket> {
  return scope.once(`bucket:${name}`, async () => {
    const { s3 } = scope.clients.transport.sdk;
    const c = scope.clients.s3(region);
    const arn = bucketArn(scope, name);
    const site = (op: string) => scope.site("S3Client", op, region, name);
    const n = scope.notes;
    const [versioning, lock, policy, block, acl, lifecycle, logging, tags] = await Promise.all([
      read(site("GetBucketVersioning"), n, () => c.send(new s3.GetBucketVersioningCommand({ Bucket: name }))),
      read(site("GetObjectLockConfiguration"), n, async () => (await c.send(new s3.GetObjectLockConfigurationCommand({ Bucket: name }))).ObjectLockConfiguration ?? null, { ObjectLockConfigurationNotFoundError: null }),
      read(site("GetBucketPolicy"), n, async () => (await c.send(new s3.GetBucketPolicyCommand({ Bucket: name }))).Policy ?? null, { NoSuchBucketPolicy: null }),
      read(site("GetPublicAccessBlock"), n, async () => (await c.send(new s3.GetPublicAccessBlockCommand({ Bucket: name }))).PublicAccessBlockConfiguration ?? null, { NoSuchPublicAccessBlockConfiguration: null }),
      read(site("GetBucketAcl"), n, () => c.send(new s3.GetBucketAclCommand({ Bucket: name }))),
      read(site("GetBucketLifecycleConfiguration"), n, async () => (await c.send(new s3.GetBucketLifecycleConfigurationCommand({ Bucket: name }))).Rules ?? [], { NoSuchLifecycleConfiguration: [] }),
      read(site("GetBucketLogging"), n, () => c.send(new s3.GetBucketLoggingCommand({ Bucket: name }))),
      readTags(scope, name, region),
    ]);
    const objectLock = (l: NonNullable<Extract<typeof lock, { ok: true }>["value"]> | null): ObjectLock | null => {
      if (!l) return null;
      const r = l.Rule?.DefaultRetention;
      const days = r?.Days ?? (r?.Years !== undefined ? r.Years * 365 : null);
      return { enabled: l.ObjectLockEnabled === "Enabled", mode: r?.Mode ?? null, defaultRetentionDays: days };
    };
    return {
      type: "bucket",
      ...entityBase(arn, name, scope.id, region),
      name: fact(name, arn, "Name"),
      tags: tagsOf(tags, arn),
      versioningEnabled: field(versioning, arn, "Status", (v) => v.Status === "Enabled"),
      mfaDelete: field(versioning, arn, "MFADelete", (v) => v.MFADelete === "Enabled"),
      objectLock: field(lock, arn, "ObjectLockConfiguration", objectLock),
      publicAccessBlock: publicAccessBlockOf(block, arn, "PublicAccessBlockConfiguration"),
      // An absent policy is known live: there is none.
      policy: field(policy, arn, "Policy", (p): PolicyDoc | null | undefined => (p === null ? null : policyDoc(p, arn, "Policy"))),
      acl: field(acl, arn, "Acl", () => null),
      aclGranteeUris: field(acl, arn, "Grants", (a) => (a.Grants ?? []).map((g) => g.Grantee?.URI).filter((u): u is string => !!u)),
      lifecycle: field(lifecycle, arn, "LifecycleConfiguration", (rules) => lifecycleRules(rules as readonly ApiLifecycleRule[], arn)),
      accessLogging: field(logging, arn, "LoggingEnabled", (l) => !!l.LoggingEnabled),
    };
  });
}

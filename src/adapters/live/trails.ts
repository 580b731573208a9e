/**
 * Trails: listed in every region (a multi-region or organization trail shows up in each as a
 * shadow), then read once, at their home region, with their status, selectors and resources.
 */
import type { Trail as ApiTrail } from "@aws-sdk/client-cloudtrail";
import type { Bucket, Key, LogGroup, Trail, TrailStatus } from "../../model/entities.ts";
import type { Ref, Sourced, Unknown } from "../../model/sourced.ts";
import { trailBucket } from "./buckets.ts";
import { read, type Outcome } from "./calls.ts";
import { readKey } from "./keys.ts";
import { arnLoc, entityBase, fact, field, gap, isGap, splitArn } from "./loc.ts";
import { readMonitoring, type Monitoring } from "./monitoring.ts";
import type { AccountScope } from "./scope.ts";
import { eventSelectors, insightTypes } from "./selectors.ts";

export type { ApiTrail };

export async function listTrails(scope: AccountScope, region: string): Promise<Outcome<readonly ApiTrail[]>> {
  const { cloudtrail } = scope.clients.transport.sdk;
  const c = scope.clients.cloudtrail(region);
  return read(scope.site("CloudTrailClient", "DescribeTrails", region), scope.notes, async () => (await c.send(new cloudtrail.DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? []);
}

/** Every trail once, by ARN, whichever regions it was seen in. */
export function uniqueTrails(lists: readonly (readonly ApiTrail[])[]): ApiTrail[] {
  const byArn = new Map<string, ApiTrail>();
  for (const list of lists) for (const t of list) if (t.TrailARN && !byArn.has(t.TrailARN)) byArn.set(t.TrailARN, t);
  return [...byArn.values()].sort((a, b) => (a.TrailARN! < b.TrailARN! ? -1 : 1));
}

function resolved<T>(target: T, via: Sourced<unknown>): Ref<T> {
  return { kind: "resolved", target, via: via.loc };
}

function unresolved(scope: AccountScope, owned: boolean, what: string, trail: string): void {
  if (owned) scope.notes.add({ level: "warning", id: "unresolved", message: `${what}, named by trail ${trail}, is not in account ${scope.id} (another account owns it, or it does not exist): its settings are unknown.` });
}

function bucketRef(scope: AccountScope, t: ApiTrail, owned: boolean, at: Sourced<string>): Promise<{ ref: Ref<Bucket>; bucket: Bucket | null }> | { ref: Ref<Bucket>; bucket: null } {
  if (at.kind === "unknown") return { ref: at, bucket: null };
  const name = at.value;
  const region = scope.ownBuckets ? scope.ownBuckets.get(name) : (t.HomeRegion ?? scope.home);
  if (region === undefined) {
    unresolved(scope, owned, `Bucket ${name}`, t.TrailARN!);
    return { ref: gap("other-account", t.TrailARN!, "S3BucketName", name), bucket: null };
  }
  return trailBucket(scope, name, region).then((b) => ({ ref: resolved(b, at), bucket: b }));
}

async function keyRef(scope: AccountScope, t: ApiTrail, owned: boolean, at: Sourced<string | null>): Promise<{ ref: Ref<Key> | null; key: Key | null }> {
  if (at.kind === "unknown") return { ref: at, key: null };
  if (at.value === null) return { ref: null, key: null };
  const p = splitArn(at.value);
  if (p && p.account !== scope.id) {
    unresolved(scope, owned, `KMS key ${at.value}`, t.TrailARN!);
    return { ref: gap("other-account", t.TrailARN!, "KmsKeyId", at.value), key: null };
  }
  const k = await readKey(scope, at.value, t.HomeRegion ?? scope.home);
  return isGap(k) ? { ref: { ...k, loc: at.loc }, key: null } : { ref: resolved(k, at), key: k };
}

async function groupRef(scope: AccountScope, t: ApiTrail, owned: boolean, at: Sourced<string | null>): Promise<{ ref: Ref<LogGroup> | null; monitoring: Monitoring | null }> {
  if (at.kind === "unknown") return { ref: at, monitoring: null };
  if (at.value === null) return { ref: null, monitoring: null };
  const p = splitArn(at.value);
  if (p && p.account !== scope.id) {
    unresolved(scope, owned, `Log group ${at.value}`, t.TrailARN!);
    return { ref: gap("other-account", t.TrailARN!, "CloudWatchLogsLogGroupArn", at.value), monitoring: null };
  }
  const m = await readMonitoring(scope, at.value);
  const g = m.group;
  return { ref: isGap(g) ? { ...g, loc: at.loc } : resolved(g, at), monitoring: m };
}

function statusOf(o: Outcome<Record<string, unknown>>, arn: string): TrailStatus {
  const text = (name: string) => field(o, arn, name, (s) => (typeof s[name] === "string" ? (s[name] as string) : undefined));
  const time = (name: string) => field(o, arn, name, (s) => (s[name] instanceof Date ? (s[name] as Date).toISOString() : undefined));
  return {
    latestDeliveryError: text("LatestDeliveryError"),
    latestDigestDeliveryError: text("LatestDigestDeliveryError"),
    latestCloudWatchLogsDeliveryError: text("LatestCloudWatchLogsDeliveryError"),
    latestCloudWatchLogsDeliveryTime: time("LatestCloudWatchLogsDeliveryTime"),
  };
}

export interface TrailRead {
  readonly trail: Trail;
  readonly bucket: Bucket | null;
  readonly key: Key | null;
  readonly monitoring: Monitoring | null;
}

/** Read a trail at its home region, with everything it names. */
export async function readTrail(scope: AccountScope, t: ApiTrail): Promise<TrailRead> {
  const arn = t.TrailARN!;
  const parts = splitArn(arn);
  const home = t.HomeRegion ?? parts?.region ?? scope.home;
  const owner = parts?.account ?? scope.id;
  const owned = owner === scope.id;
  const { cloudtrail } = scope.clients.transport.sdk;
  const c = scope.clients.cloudtrail(home);
  const site = (op: string) => scope.site("CloudTrailClient", op, home, arn);
  const n = scope.notes;
  const known = <T>(v: T | undefined, name: string): Sourced<T> => (v === undefined ? gap("not-found", arn, name, `${name} is absent from DescribeTrails`) : fact(v, arn, name));

  const bucketName = known(t.S3BucketName, "S3BucketName");
  const kmsKeyId = fact(t.KmsKeyId ?? null, arn, "KmsKeyId");
  const groupArn = fact(t.CloudWatchLogsLogGroupArn ?? null, arn, "CloudWatchLogsLogGroupArn");
  // Member accounts must name an organization trail by its ARN.
  const [status, selectors, insights, bucket, key, group] = await Promise.all([
    read(site("GetTrailStatus"), n, async () => (await c.send(new cloudtrail.GetTrailStatusCommand({ Name: arn }))) as unknown as Record<string, unknown>),
    t.HasCustomEventSelectors === false
      ? Promise.resolve(null)
      : read(site("GetEventSelectors"), n, () => c.send(new cloudtrail.GetEventSelectorsCommand({ TrailName: arn }))),
    t.HasInsightSelectors === false
      ? Promise.resolve(null)
      : read(site("GetInsightSelectors"), n, async () => (await c.send(new cloudtrail.GetInsightSelectorsCommand({ TrailName: arn }))).InsightSelectors ?? [], { InsightNotEnabledException: [] }),
    bucketRef(scope, t, owned, bucketName),
    keyRef(scope, t, owned, kmsKeyId),
    groupRef(scope, t, owned, groupArn),
  ]);
  const isOrg = known(t.IsOrganizationTrail, "IsOrganizationTrail");
  const trail: Trail = {
    type: "trail",
    ...entityBase(arn, t.Name ?? arn, owner, home),
    name: known(t.Name, "Name"),
    trailArn: fact(arn, arn, "TrailARN"),
    ...(isOrg.kind === "known" && isOrg.value ? { organizationId: scope.orgId ? fact(scope.orgId, arn, "IsOrganizationTrail") : gap("not-found", arn, "IsOrganizationTrail", "organization ID") } : {}),
    isMultiRegion: known(t.IsMultiRegionTrail, "IsMultiRegionTrail"),
    logFileValidation: known(t.LogFileValidationEnabled, "LogFileValidationEnabled"),
    isLogging: field(status, arn, "IsLogging", (s) => (typeof s["IsLogging"] === "boolean" ? s["IsLogging"] : undefined)),
    includeGlobalServiceEvents: known(t.IncludeGlobalServiceEvents, "IncludeGlobalServiceEvents"),
    isOrganizationTrail: isOrg,
    kmsKeyId,
    kmsKey: key.ref,
    cloudWatchLogsGroupArn: groupArn,
    cloudWatchLogsRoleArn: fact(t.CloudWatchLogsRoleArn ?? null, arn, "CloudWatchLogsRoleArn"),
    logGroup: group.ref,
    bucketName,
    bucket: bucket.ref,
    s3KeyPrefix: fact(t.S3KeyPrefix ?? null, arn, "S3KeyPrefix"),
    selectors:
      selectors === null
        ? fact({ kind: "none" }, arn, "EventSelectors")
        : field(selectors, arn, "EventSelectors", (s) => eventSelectors(s, arn) ?? undefined),
    insights: insights === null ? fact([], arn, "InsightSelectors") : field(insights, arn, "InsightSelectors", insightTypes),
    status: statusOf(status, arn),
    homeRegion: home,
  };
  return { trail, bucket: bucket.bucket, key: key.key, monitoring: group.monitoring };
}

/** Stands for the trails of an account whose trails could not be listed in any region: every
 * value unknown, so that no rule concludes there is no trail. */
export function unknownTrail(scope: AccountScope, reason: Unknown["reason"]): Trail {
  const arn = scope.arn("cloudtrail", "*", "trail/*");
  const u = gap(reason, arn, [], "the account's trails could not be listed");
  return {
    type: "trail",
    ...entityBase(arn, `(trails of ${scope.id})`, scope.id, scope.home),
    loc: arnLoc(arn),
    name: u,
    trailArn: u,
    isMultiRegion: u,
    logFileValidation: u,
    isLogging: u,
    includeGlobalServiceEvents: u,
    isOrganizationTrail: u,
    kmsKeyId: u,
    kmsKey: u,
    cloudWatchLogsGroupArn: u,
    cloudWatchLogsRoleArn: u,
    logGroup: u,
    bucketName: u,
    bucket: u,
    s3KeyPrefix: u,
    selectors: u,
    insights: u,
    status: { latestDeliveryError: u, latestDigestDeliveryError: u, latestCloudWatchLogsDeliveryError: u, latestCloudWatchLogsDeliveryTime: u },
  };
}

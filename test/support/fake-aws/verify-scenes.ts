/**
 * Worlds for `trailguard verify`: one account whose trail delivered real, signed log and digest
 * files into its bucket over a few days, which a case then damages the way an intruder would
 * (or leaves intact). The verify rules' cases and test/verify use them.
 */
import { gzipSync } from "node:zlib";
import { deliverTrailLogs, gunzipJson, logKey, makeSigningKey, resignDigest, type DeliveredDigest, type SigningKey } from "./trail-logs.ts";
import { account, bucket, MapStore, trail, trailArn, type FakeAccount, type FakeTrail, type FakeWorld, type LifecycleRuleConfig } from "./world.ts";

export const VERIFY_ACCOUNT = "111111111111";
export const MEMBER_ACCOUNT = "222222222222";
export const VERIFY_ORG = "o-verify1234";
const HOUR = 3_600_000;
/** The first digest hour of every scene. */
export const SCENE_START = new Date("2026-11-01T00:00:00Z");
const KEY_FROM = new Date("2025-01-01T00:00:00Z");
const KEY_TO = new Date("2027-12-31T00:00:00Z");

/** CloudTrail's signing key for the scenes, and an intruder's. */
export const cloudtrailKey = (): SigningKey => makeSigningKey("cloudtrail", KEY_FROM, KEY_TO);
export const intruderKey = (): SigningKey => makeSigningKey("intruder", KEY_FROM, KEY_TO);

export interface SceneOptions {
  /** Digest hours delivered (default 72: three days). */
  readonly hours?: number;
  readonly stopped?: readonly { readonly from: Date; readonly to: Date }[];
  /** Regions the trail delivers for (default: its home region only; more makes it multi-region). */
  readonly regions?: readonly string[];
  readonly prefix?: string;
  /** An organization trail: files of these member accounts under AWSLogs/<org ID>/. */
  readonly orgMembers?: readonly string[];
  readonly lifecycle?: readonly LifecycleRuleConfig[];
  readonly deny?: readonly string[];
  /** The account that owns the trail and its bucket (default VERIFY_ACCOUNT). */
  readonly account?: string;
  /** Hours after the last digest's end that "now" is (default 3). */
  readonly nowAfterHours?: number;
  readonly status?: Readonly<Record<string, string | boolean>>;
  readonly trail?: Partial<FakeTrail>;
}

export interface Scene {
  readonly world: FakeWorld;
  readonly store: MapStore;
  readonly bucket: string;
  readonly trailArn: string;
  /** Digests and logs per chain, by `account/region`. */
  readonly chains: ReadonlyMap<string, { readonly digests: readonly DeliveredDigest[]; readonly logs: readonly string[] }>;
  /** The home chain's digests and logs. */
  readonly digests: readonly DeliveredDigest[];
  readonly logs: readonly string[];
  /** The period to verify: the first digest's start to the last one's end. */
  readonly start: Date;
  readonly end: Date;
  readonly now: Date;
}

export function scene(o: SceneOptions = {}): Scene {
  const hours = o.hours ?? 72;
  const regions = o.regions ?? ["us-east-1"];
  const home = regions[0]!;
  const name = "audit";
  const ownerId = o.account ?? VERIFY_ACCOUNT;
  const bucketName = `audit-logs-${ownerId}`;
  const store = new MapStore();
  const key = cloudtrailKey();
  const accounts = o.orgMembers ?? [ownerId];
  const chains = new Map<string, { digests: DeliveredDigest[]; logs: string[] }>();
  let seed = 1;
  for (const acct of accounts)
    for (const region of regions)
      chains.set(
        `${acct}/${region}`,
        deliverTrailLogs({
          store,
          bucket: bucketName,
          account: acct,
          region,
          trailName: name,
          homeRegion: home,
          start: SCENE_START,
          hours,
          key,
          seed: seed++,
          ...(o.prefix ? { prefix: o.prefix } : {}),
          ...(o.orgMembers ? { orgId: VERIFY_ORG } : {}),
          ...(o.stopped ? { stopped: o.stopped } : {}),
        }),
      );
  const homeChain = chains.get(`${accounts[0]}/${home}`)!;
  const all = [...chains.values()].flatMap((c) => c.digests);
  const start = new Date(Math.min(...all.map((d) => d.start.getTime())));
  const end = new Date(Math.max(...all.map((d) => d.end.getTime())));
  const t = trail(name, {
    homeRegion: home,
    multiRegion: regions.length > 1,
    organization: !!o.orgMembers,
    bucket: bucketName,
    ...(o.prefix ? { prefix: o.prefix } : {}),
    logFileValidation: true,
    status: {
      IsLogging: true,
      StartLoggingTime: new Date(SCENE_START.getTime() - 24 * HOUR).toISOString(),
      LatestDeliveryTime: end.toISOString(),
      LatestDigestDeliveryTime: new Date(end.getTime() + 2 * 60_000).toISOString(),
      ...o.status,
    },
    ...o.trail,
  });
  const owner: FakeAccount = account(ownerId, {
    trails: [t],
    buckets: [bucket(bucketName, ownerId, { objects: store, lifecycle: o.lifecycle ?? null })],
    deny: o.deny ?? [],
  });
  const world: FakeWorld = {
    partition: "aws",
    accounts: [owner],
    publicKeys: [key.publicKey],
    ...(o.orgMembers ? { org: { id: VERIFY_ORG, managementId: VERIFY_ACCOUNT, members: [VERIFY_ACCOUNT, ...o.orgMembers.filter((m) => m !== VERIFY_ACCOUNT)], delegatedAdmins: [] } } : {}),
  };
  return {
    world,
    store,
    bucket: bucketName,
    trailArn: trailArn(t, ownerId),
    chains,
    digests: homeChain.digests,
    logs: homeChain.logs,
    start,
    end,
    now: new Date(end.getTime() + (o.nowAfterHours ?? 3) * HOUR),
  };
}

export function arnOf(s: Scene, key: string): string {
  return `arn:aws:s3:::${s.bucket}/${key}`;
}

// ---------------------------------------------------------------- what an intruder does

/** Change one event in a log file and gzip it again (a plausible, valid log file). */
export function tamperLog(s: Scene, key: string): void {
  const o = s.store.get(key)!;
  const json = gunzipJson<{ Records: { eventName: string }[] }>(o.body);
  json.Records[0]!.eventName += "Hidden";
  s.store.put(key, { ...o, body: gzipSync(Buffer.from(JSON.stringify(json))) });
}

export function remove(s: Scene, key: string): void {
  if (!s.store.delete(key)) throw new Error(`no object ${key}`);
}

/** Re-sign a digest with the intruder's key (its fingerprint field still names CloudTrail's). */
export function forge(s: Scene, key: string): void {
  resignDigest(s.store, key, intruderKey());
}

/** Drop a log file of the intruder's into the trail's folder, at `at`. */
export function plantLog(s: Scene, at: Date, region = "us-east-1", acct = VERIFY_ACCOUNT): string {
  const key = logKey({ account: acct, region }, at, "PLANTED00000000X");
  s.store.put(key, { body: gzipSync(Buffer.from(JSON.stringify({ Records: [] }))), lastModified: at.toISOString() });
  return key;
}

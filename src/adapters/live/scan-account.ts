/**
 * One account, read into one model: setup (credentials, regions, Organizations role, public
 * access block, bucket list), then every region's trails and event data stores, then each trail
 * once at its home region, then the tags of the other buckets.
 */
import type { Alarm, Bucket, EntityBase, EventDataStore, Key, LogGroup, MetricFilter, Model, Topic, Trail } from "../../model/entities.ts";
import { openAccount, type Plan, type Target } from "./accounts.ts";
import { listBuckets, taggedBucket } from "./buckets.ts";
import type { Notes } from "./calls.ts";
import type { Transport } from "./clients.ts";
import { listStores, unknownStore } from "./event-stores.ts";
import { mapLimit, type Limiter } from "./limit.ts";
import { accountEntity, orgRoleOf } from "./organization.ts";
import type { Progress } from "./progress.ts";
import { regionsOf, type RegionChoice } from "./regions.ts";
import { isGap } from "./loc.ts";
import { listTrails, readTrail, uniqueTrails, unknownTrail } from "./trails.ts";

export interface ScanEnv {
  readonly transport: Transport;
  readonly plan: Plan;
  readonly notes: Notes;
  readonly limit: Limiter;
  readonly regions: RegionChoice;
  readonly progress: Progress;
}

export interface AccountModel {
  readonly model: Model;
  /** Whether the account could be read at all (its trails listed in at least one region). */
  readonly readable: boolean;
  readonly orgId: string | null;
}

function unique<T extends EntityBase>(items: readonly (T | null | undefined)[]): T[] {
  const byAddress = new Map<string, T>();
  for (const x of items) if (x && !byAddress.has(x.address)) byAddress.set(x.address, x);
  return [...byAddress.values()];
}

export async function scanAccount(env: ScanEnv, target: Target): Promise<AccountModel | null> {
  const setup = await env.limit(async () => {
    const scope = await openAccount(env.transport, env.plan, target, env.notes);
    if (!scope) return null;
    const [regions, role] = await Promise.all([regionsOf(scope, env.regions), orgRoleOf(scope), listBuckets(scope)]);
    return { scope, regions, account: await accountEntity(scope, role) };
  });
  if (!setup) return null;
  const { scope } = setup;

  env.progress.regions += setup.regions.length;
  const perRegion = await Promise.all(
    setup.regions.map((region) =>
      env.limit(async () => {
        const [trails, stores] = await Promise.all([listTrails(scope, region), listStores(scope, region)]);
        env.progress.regionsDone++;
        return { region, trails, stores };
      }),
    ),
  );

  const listed = perRegion.flatMap((r) => (r.trails.ok ? [r.trails.value] : []));
  const reads = await Promise.all(uniqueTrails(listed).map((t) => env.limit(() => readTrail(scope, t))));

  const trailBuckets = unique(reads.map((r) => r.bucket));
  const others = [...(scope.ownBuckets ?? new Map<string, string>())].filter(([name]) => !trailBuckets.some((b) => b.label === name));
  const tagged = others.length ? await env.limit(() => mapLimit(others, 8, ([name, region]) => taggedBucket(scope, name, region))) : [];

  const trails: Trail[] = reads.map((r) => r.trail);
  if (!listed.length) trails.push(unknownTrail(scope, "access-denied"));
  const stores: EventDataStore[] = [];
  const storeKeys: Key[] = [];
  for (const r of perRegion) {
    if (r.stores.ok) {
      stores.push(...r.stores.value.stores);
      storeKeys.push(...r.stores.value.keys);
    } else stores.push(unknownStore(scope, r.region, r.stores.reason));
  }
  const monitoring = reads.map((r) => r.monitoring);
  const model: Model = {
    kinds: new Set(["live"]),
    trails,
    eventDataStores: stores,
    buckets: [...trailBuckets, ...tagged].sort((a, b) => (a.address < b.address ? -1 : 1)) as Bucket[],
    keys: unique<Key>([...reads.map((r) => r.key), ...storeKeys]),
    logGroups: unique<LogGroup>(monitoring.map((m) => (m && !isGap(m.group) ? m.group : null))),
    metricFilters: unique<MetricFilter>(monitoring.flatMap((m) => m?.filters ?? [])),
    alarms: unique<Alarm>(monitoring.flatMap((m) => m?.alarms ?? [])),
    topics: unique<Topic>(monitoring.flatMap((m) => m?.topics ?? [])),
    account: setup.account,
  };
  return { model, readable: listed.length > 0, orgId: scope.orgId };
}

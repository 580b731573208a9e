/**
 * `verify` across accounts: the live scan's account plan, credentials and region discovery, then
 * for every trail an account owns (with log file validation on) one chain per account and region
 * whose files it delivers, verified with bounded parallelism over S3 objects.
 */
import type { Trail as ApiTrail } from "@aws-sdk/client-cloudtrail";
import type { Notification } from "../../engine/result.ts";
import type { LogObject } from "../../model/entities.ts";
import { openAccount, planScan } from "../live/accounts.ts";
import { Notes, read } from "../live/calls.ts";
import { closeTransport, createTransport } from "../live/clients.ts";
import { limiter, type Limiter } from "../live/limit.ts";
import { splitArn } from "../live/loc.ts";
import { describeOrganization } from "../live/organization.ts";
import { regionsOf } from "../live/regions.ts";
import type { AccountScope } from "../live/scope.ts";
import { withProfile, type AccountsRead, type ReadOptions } from "../live/read.ts";
import { loadSdk } from "../live/sdk.ts";
import { listTrails, uniqueTrails } from "../live/trails.ts";
import { verifyChain, type ChainEnv } from "./chain.ts";
import { digestRoot, orgRoot, type Layout } from "./format.ts";
import { PublicKeys } from "./keys.ts";
import { BucketReader, Retention, type VerifyCounters } from "./objects.ts";

export interface VerifyReadOptions extends ReadOptions {
  /** Trail ARNs or names; empty: every trail in scope. */
  readonly trails: readonly string[];
  readonly start: Date;
  readonly end: Date;
  readonly now: Date;
}

export interface VerifyStats extends VerifyCounters {
  trails: number;
  chains: number;
  coveredFrom: Date | null;
  coveredTo: Date | null;
}

export interface VerifyRead extends AccountsRead {
  readonly problems: readonly LogObject[];
  /** Accounts whose trails could be listed. */
  readonly readable: number;
  readonly stats: VerifyStats;
}

/** A run's shared state: the chain environment, and the slots chains take turns in. */
interface ReadEnv extends ChainEnv {
  /** A chain holds its digests until it is done: a few chains at a time keep memory flat however many accounts and regions are in scope. */
  readonly chainSlots: Limiter;
}

function progressLine(s: VerifyStats): string {
  return `trailguard verify: trails ${s.trails}, chains ${s.chains}, digest files ${s.digests}, log files ${s.logs}, ${(s.bytesHashed / 1e6).toFixed(1)} MB hashed`;
}

export function readAndVerify(o: VerifyReadOptions): Promise<VerifyRead> {
  return withProfile(o.profile, () => run(o));
}

async function run(o: VerifyReadOptions): Promise<VerifyRead> {
  const sdk = await loadSdk();
  const notes = new Notes();
  const stats: VerifyStats = { digests: 0, logs: 0, bytesRead: 0, bytesHashed: 0, trails: 0, chains: 0, coveredFrom: null, coveredTo: null };
  const transport = await createTransport(sdk, { profile: o.profile, maxSockets: Math.max(64, o.concurrency * 2), onCall: () => {} });
  const ticker = o.onProgress ? setInterval(() => o.onProgress!(progressLine(stats), false), 250) : null;
  const problems: LogObject[] = [];
  try {
    const plan = await planScan(transport, { roleArns: o.roleArns, org: o.org, roleName: o.roleName, shard: o.shard }, notes);
    if (!plan) return { problems, notifications: notes.list, automationId: "trailguard/verify/accounts/", planned: false, targets: 0, readable: 0, stats };
    const limit = limiter(o.concurrency);
    const slots = Math.max(2, Math.ceil(o.concurrency / 4));
    const env: ReadEnv = {
      start: o.start,
      end: o.end,
      now: o.now,
      keys: new PublicKeys(o.start, o.end, o.now),
      limit,
      chainSlots: limiter(slots),
    };
    const matched = new Set<string>();
    // Accounts a few at a time; their S3 reads share the one limit.
    const accountSlots = limiter(slots);
    const outcomes = await Promise.all(
      plan.targets.map((target) =>
        accountSlots(async () => {
          const scope = await openAccount(transport, plan, target, notes);
          return scope ? verifyAccount(o, env, scope, stats, problems, matched) : false;
        }),
      ),
    );
    const readable = outcomes.filter(Boolean).length;
    for (const n of o.trails) if (!matched.has(n)) notes.add({ level: "warning", id: "verify", message: `--trail ${n}: no trail of that ARN or name is owned by the accounts verified.` });
    return { problems, notifications: notes.list, automationId: plan.automationId.replace("trailguard/live/", "trailguard/verify/"), planned: true, targets: plan.targets.length, readable, stats };
  } finally {
    if (ticker) clearInterval(ticker);
    o.onProgress?.(progressLine(stats), true);
    closeTransport(transport);
  }
}

/** The S3 key prefix a trail writes under, without a trailing slash; "" when it has none. */
function prefixOf(t: ApiTrail): string {
  return (t.S3KeyPrefix ?? "").replace(/\/+$/, "");
}

/** Of the trails an account sees (once each), those it owns that the options name. */
function chosenTrails(scope: AccountScope, all: readonly ApiTrail[], names: readonly string[], matched: Set<string>): ApiTrail[] {
  return all.filter((t) => {
    const owner = splitArn(t.TrailARN ?? "")?.account;
    if (owner !== scope.id) return false; // a shadow of another account's trail: verified from there
    if (!names.length) return true;
    const hits = names.filter((n) => n === t.TrailARN || n === t.Name);
    for (const n of hits) matched.add(n);
    return hits.length > 0;
  });
}

/** Verify the trails of one account; false when its trails could not be listed in any region. */
async function verifyAccount(o: VerifyReadOptions, env: ReadEnv, scope: AccountScope, stats: VerifyStats, problems: LogObject[], matched: Set<string>): Promise<boolean> {
  const regions = await regionsOf(scope, o.regions);
  const lists = await Promise.all(regions.map((r) => env.limit(() => listTrails(scope, r))));
  if (!lists.some((l) => l.ok)) return false;
  const listed = lists.flatMap((l) => (l.ok ? [l.value] : []));
  const all = uniqueTrails(listed);
  const folder = (t: ApiTrail) => `${t.S3BucketName}/${prefixOf(t)}`;
  const trails = chosenTrails(scope, all, o.trails, matched);
  await Promise.all(trails.map((t) => verifyTrail(o, env, scope, t, regions, all.some((x) => x.TrailARN !== t.TrailARN && folder(x) === folder(t)), stats, problems)));
  return true;
}

async function verifyTrail(
  o: VerifyReadOptions,
  env: ReadEnv,
  scope: AccountScope,
  t: ApiTrail,
  accountRegions: readonly string[],
  /** Another trail the account sees writes to the same bucket and prefix. */
  shared: boolean,
  stats: VerifyStats,
  problems: LogObject[],
): Promise<void> {
  const arn = t.TrailARN!;
  const home = t.HomeRegion ?? splitArn(arn)?.region ?? scope.home;
  const name = t.Name ?? arn.slice(arn.indexOf(":trail/") + 7);
  const say = (level: Notification["level"], message: string) => scope.notes.add({ level, id: "verify", message });
  // With validation off now, the digests it delivered before are still checked; none are expected after.
  if (!t.LogFileValidationEnabled) say("warning", `Trail ${arn} has log file validation off (TG003): it delivers no digest files now; those of the period it had are verified.`);
  if (!t.S3BucketName) return;
  stats.trails++;
  const { cloudtrail } = scope.clients.transport.sdk;
  const status = await read(scope.site("CloudTrailClient", "GetTrailStatus", home, arn), scope.notes, () => scope.clients.cloudtrail(home).send(new cloudtrail.GetTrailStatusCommand({ Name: arn })));
  const latest = status.ok ? status.value.LatestDigestDeliveryTime : undefined;
  const started = status.ok ? status.value.StartLoggingTime : undefined;
  const expectUntil = t.LogFileValidationEnabled && latest && latest > env.start ? new Date(Math.min(latest.getTime(), env.end.getTime())) : null;
  const expectFrom = started ?? null;

  const reader = new BucketReader(scope, home, stats, new Retention());
  const prefix = prefixOf(t);
  let orgId: string | null = null;
  let accounts = [scope.id];
  if (t.IsOrganizationTrail) {
    orgId = await organizationId(scope);
    if (!orgId) {
      say("warning", `Trail ${arn} is an organization trail, and the organization's ID could not be read: its files (under AWSLogs/<org ID>/) are not verified.`);
      return;
    }
    const members = await reader.folders(t.S3BucketName, orgRoot(prefix, orgId));
    if (!members.ok) return;
    accounts = members.value.filter((a) => /^\d{12}$/.test(a)).sort();
  }
  const chosen = Array.isArray(o.regions) ? new Set(o.regions) : null;
  await Promise.all(
    accounts.map(async (account) => {
      const base = { bucket: t.S3BucketName!, prefix, orgId, account, trailName: name, homeRegion: home };
      let regions: string[] = [home];
      if (t.IsMultiRegionTrail) {
        // The regions with digest files. An enabled region with none at all is said, not judged:
        // nothing shows the trail ever delivered there (a region enabled since, say).
        const present = await reader.folders(base.bucket, digestRoot(base));
        if (!present.ok) return;
        const found = new Set(present.value);
        const silent = (account === scope.id ? accountRegions : []).filter((r) => r !== home && !found.has(r) && (!chosen || chosen.has(r)));
        if (silent.length) say("note", `Trail ${arn}, account ${account}: no digest files at all for ${silent.join(", ")}; not verified there.`);
        regions = [...new Set([home, ...found])].filter((r) => !chosen || chosen.has(r)).sort();
      }
      await Promise.all(
        regions.map(async (region) => {
          const layout: Layout = { ...base, region };
          stats.chains++;
          const primary = account === scope.id && region === home;
          const out = await env.chainSlots(() => verifyChain(env, { scope, trailArn: arn, layout, reader, expectUntil, expectFrom, primary, sharedFolder: shared }));
          problems.push(...out.problems);
          if (out.coveredFrom && (!stats.coveredFrom || out.coveredFrom < stats.coveredFrom)) stats.coveredFrom = out.coveredFrom;
          if (out.coveredTo && (!stats.coveredTo || out.coveredTo > stats.coveredTo)) stats.coveredTo = out.coveredTo;
        }),
      );
    }),
  );
}

/** The ID of the account's organization, read once per account; null when it is in none or it could not be read. */
function organizationId(scope: AccountScope): Promise<string | null> {
  return scope.once("org-id", async () => {
    const got = await describeOrganization(scope);
    return got.ok ? (got.value?.Id ?? null) : null;
  });
}

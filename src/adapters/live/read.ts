/**
 * Read every account in scope into its model: plan the accounts, then scan them with bounded
 * parallelism over account-regions. Loaded only for live scans (it pulls in the AWS SDK).
 */
import type { Notification } from "../../engine/result.ts";
import type { EventDataStore } from "../../model/entities.ts";
import { planScan, type Shard } from "./accounts.ts";
import { Notes } from "./calls.ts";
import { closeTransport, createTransport } from "./clients.ts";
import { limiter } from "./limit.ts";
import { Progress } from "./progress.ts";
import type { RegionChoice } from "./regions.ts";
import { scanAccount, type AccountModel } from "./scan-account.ts";
import { loadSdk } from "./sdk.ts";

export interface ReadOptions {
  readonly profile?: string;
  readonly regions: RegionChoice;
  readonly roleArns: readonly string[];
  readonly org: boolean;
  readonly roleName: string | null;
  readonly concurrency: number;
  readonly shard: Shard | null;
  readonly onProgress?: (line: string, done: boolean) => void;
}

/** What any read of accounts reports besides its data: a live scan's, and verify's. */
export interface AccountsRead {
  readonly notifications: readonly Notification[];
  readonly automationId: string;
  /** Whether the caller's identity could be read (else nothing could be). */
  readonly planned: boolean;
  /** Accounts in this scan (this shard). */
  readonly targets: number;
}

export interface LiveRead extends AccountsRead {
  readonly accounts: readonly AccountModel[];
  readonly calls: number;
}

/** An organization event data store records every member account: it counts in each of them. */
function shareOrgStores(accounts: readonly AccountModel[]): AccountModel[] {
  const byOrg = new Map<string, EventDataStore[]>();
  for (const a of accounts) {
    if (!a.orgId) continue;
    const orgStores = a.model.eventDataStores.filter((s) => s.isOrganization.kind === "known" && s.isOrganization.value);
    if (orgStores.length) byOrg.set(a.orgId, [...(byOrg.get(a.orgId) ?? []), ...orgStores]);
  }
  return accounts.map((a) => {
    const extra = (a.orgId && byOrg.get(a.orgId)?.filter((s) => !a.model.eventDataStores.some((o) => o.address === s.address))) || [];
    return extra.length ? { ...a, model: { ...a.model, eventDataStores: [...a.model.eventDataStores, ...extra] } } : a;
  });
}

export function readAccounts(o: ReadOptions): Promise<LiveRead> {
  return withProfile(o.profile, () => read(o));
}

/**
 * The SDK takes a client's `profile` for credentials and region, but reads a profile's
 * endpoint_url (and other shared settings) only through AWS_PROFILE: set it while `run` runs.
 */
export async function withProfile<T>(profile: string | undefined, run: () => Promise<T>): Promise<T> {
  const previous = process.env["AWS_PROFILE"];
  if (profile) process.env["AWS_PROFILE"] = profile;
  try {
    return await run();
  } finally {
    if (profile) {
      if (previous === undefined) Reflect.deleteProperty(process.env, "AWS_PROFILE");
      else process.env["AWS_PROFILE"] = previous;
    }
  }
}

async function read(o: ReadOptions): Promise<LiveRead> {
  const sdk = await loadSdk();
  const notes = new Notes();
  const progress = new Progress();
  const transport = await createTransport(sdk, { profile: o.profile, maxSockets: Math.max(64, o.concurrency * 4), onCall: () => progress.call() });
  const ticker = o.onProgress ? setInterval(() => o.onProgress!(progress.line(), false), 250) : null;
  try {
    const plan = await planScan(transport, { roleArns: o.roleArns, org: o.org, roleName: o.roleName, shard: o.shard }, notes);
    if (!plan) return { accounts: [], notifications: notes.list, automationId: "trailguard/live/accounts/", planned: false, targets: 0, calls: progress.calls };
    progress.accounts = plan.targets.length;
    if (!plan.targets.length) notes.add({ level: "note", id: "no-accounts", message: `Shard ${o.shard?.index}/${o.shard?.count} holds none of the ${plan.total} accounts in scope.` });
    const env = { transport, plan, notes, limit: limiter(o.concurrency), regions: o.regions, progress };
    // Accounts start a few at a time (each holds its SDK clients until it is done); their
    // account-regions share the one limit.
    const accountSlots = limiter(Math.max(2, Math.ceil(o.concurrency / 2)));
    const scanned = await Promise.all(
      plan.targets.map((t) =>
        accountSlots(async () => {
          const m = await scanAccount(env, t);
          progress.accountsDone++;
          return m;
        }),
      ),
    );
    const accounts = shareOrgStores(scanned.filter((m): m is AccountModel => m !== null));
    return { accounts, notifications: notes.list, automationId: plan.automationId, planned: true, targets: plan.targets.length, calls: progress.calls };
  } finally {
    if (ticker) clearInterval(ticker);
    o.onProgress?.(progress.line(), true);
    closeTransport(transport);
  }
}

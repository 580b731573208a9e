/**
 * Which accounts a live scan reads, and with which credentials: the caller's own account, the
 * accounts of `--role-arn` roles, or (`--org --role-name`) every active account of the
 * organization, then the scan's shard of them.
 */
import { readPages, read, type Notes } from "./calls.ts";
import { AccountClients, type CredentialSource, type Credentials, type Transport } from "./clients.ts";
import { splitArn } from "./loc.ts";
import { AccountScope } from "./scope.ts";

export interface Target {
  readonly id: string;
  /** The role to scan through; null: the caller's own credentials. */
  readonly roleArn: string | null;
}

export interface Shard {
  readonly index: number; // 1-based
  readonly count: number;
}

export interface AccountChoice {
  readonly roleArns: readonly string[];
  readonly org: boolean;
  readonly roleName: string | null;
  readonly shard: Shard | null;
}

export interface Plan {
  readonly partition: string;
  /** The caller's region: where global services are called. */
  readonly home: string;
  readonly callerId: string;
  readonly callerCredentials: CredentialSource;
  readonly targets: readonly Target[];
  /** SARIF automationDetails.id */
  readonly automationId: string;
  /** Accounts in scope before sharding. */
  readonly total: number;
}

/** The region the standard chain gives (AWS_REGION, the profile); us-east-1 when it gives none. */
async function homeRegion(transport: Transport): Promise<string> {
  try {
    return await new transport.sdk.sts.STSClient(transport.profile ? { profile: transport.profile } : {}).config.region();
  } catch {
    return "us-east-1";
  }
}

/** Accounts sorted by ID; the k-th (from 0) belongs to shard k mod N + 1. */
export function shardOf<T extends { readonly id: string }>(targets: readonly T[], shard: Shard | null): T[] {
  const sorted = [...targets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return shard ? sorted.filter((_t, k) => k % shard.count === shard.index - 1) : sorted;
}

export async function planScan(transport: Transport, choice: AccountChoice, notes: Notes): Promise<Plan | null> {
  const home = await homeRegion(transport);
  const base = new AccountClients(transport, undefined);
  const sts = base.sts(home);
  const who = await read({ account: "(caller)", region: home, client: "STSClient", operation: "GetCallerIdentity" }, notes, () => sts.send(new transport.sdk.sts.GetCallerIdentityCommand({})));
  if (!who.ok || !who.value.Account) return null;
  const callerId = who.value.Account;
  const partition = splitArn(who.value.Arn ?? "")?.partition ?? "aws";
  // One credential resolution for every client of the caller.
  const callerCredentials: CredentialSource = sts.config.credentials;
  const plan = (targets: Target[], automation: string): Plan => ({
    partition,
    home,
    callerId,
    callerCredentials,
    targets: shardOf(targets, choice.shard),
    automationId: `trailguard/live/${automation}/`,
    total: targets.length,
  });

  if (choice.roleArns.length) {
    const byId = new Map<string, Target>();
    for (const roleArn of choice.roleArns) {
      const id = splitArn(roleArn)?.account ?? "";
      if (!byId.has(id)) byId.set(id, { id, roleArn });
    }
    return plan([...byId.values()], byId.size === 1 ? [...byId.keys()][0]! : "accounts");
  }
  if (!choice.org) return plan([{ id: callerId, roleArn: null }], callerId);

  const { organizations } = transport.sdk;
  const orgs = base.organizations(home);
  const site = (operation: string) => ({ account: callerId, region: home, client: "OrganizationsClient" as const, operation });
  const org = await read(site("DescribeOrganization"), notes, () => orgs.send(new organizations.DescribeOrganizationCommand({})));
  const orgId = org.ok ? (org.value.Organization?.Id ?? "unknown") : "unknown";
  const listed = await readPages(
    site("ListAccounts"),
    notes,
    (NextToken) => orgs.send(new organizations.ListAccountsCommand(NextToken ? { NextToken } : {})),
    (p) => p.Accounts,
    (p) => p.NextToken,
  );
  const targets: Target[] = [{ id: callerId, roleArn: null }];
  if (listed.ok) {
    for (const a of listed.value) {
      const state = a.State ?? a.Status;
      if (!a.Id || a.Id === callerId || state !== "ACTIVE") continue;
      targets.push({ id: a.Id, roleArn: `arn:${partition}:iam::${a.Id}:role/${choice.roleName}` });
    }
  }
  return plan(targets, `org/${orgId}`);
}

const REFRESH_MS = 5 * 60_000;

/** Credentials of a role, assumed with the caller's credentials and renewed before they expire. */
export function assumeRole(transport: Transport, caller: CredentialSource, home: string, roleArn: string): () => Promise<Credentials> {
  const sts = new AccountClients(transport, caller).sts(home);
  let current: Credentials | null = null;
  let pending: Promise<Credentials> | null = null;
  return () => {
    if (current && (!current.expiration || current.expiration.getTime() - Date.now() > REFRESH_MS)) return Promise.resolve(current);
    pending ??= sts
      .send(new transport.sdk.sts.AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "trailguard" }))
      .then((r) => {
        const c = r.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
        current = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: c.Expiration } : {}) };
        return current;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };
}

/**
 * The scope to read one planned account through: the caller's credentials, or those of the role
 * assumed in it. Null when the role cannot be assumed (said in a notification).
 */
export async function openAccount(transport: Transport, plan: Plan, target: Target, notes: Notes): Promise<AccountScope | null> {
  const credentials = target.roleArn ? assumeRole(transport, plan.callerCredentials, plan.home, target.roleArn) : plan.callerCredentials;
  const scope = new AccountScope(target.id, plan.partition, plan.home, new AccountClients(transport, credentials), notes);
  if (target.roleArn && typeof credentials === "function") {
    const site = { account: target.id, region: plan.home, client: "STSClient" as const, operation: "AssumeRole", resource: target.roleArn };
    if (!(await read(site, notes, credentials)).ok) return null;
  }
  return scope;
}

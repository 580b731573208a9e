import { describe, expect, it } from "vitest";
import { shardOf } from "../../src/adapters/live/accounts.ts";
import { limiter } from "../../src/adapters/live/limit.ts";
import { scanLiveCase } from "../support/fake-aws/harness.ts";
import * as S from "../support/fake-aws/scenarios.ts";
import { account, trail } from "../support/fake-aws/world.ts";

const ORG = { org: true, roleName: "OrganizationAccountAccessRole" } as const;
const fromManagement = (world = S.stormWorld(), options = {}) => scanLiveCase({ world, caller: S.MANAGEMENT, options: { ...ORG, ...options } });
const accountsIn = (calls: readonly { account: string }[]) => [...new Set(calls.map((c) => c.account))].sort();

describe("accounts in scope", () => {
  it("--org: the management account with its own credentials and every active member through the role", async () => {
    const w = S.stormWorld();
    const suspended = account("444444444444", { suspended: true });
    const world = { ...w, accounts: [...w.accounts, suspended], org: { ...w.org!, members: [...w.org!.members, suspended.id] } };
    const { run, fake } = await fromManagement(world);
    expect(run.automationId).toBe(`trailguard/live/org/${S.ORG_ID}/`);
    expect(accountsIn(fake.calls)).toEqual([S.MEMBER, S.LOG_ARCHIVE, S.MANAGEMENT]);
    expect(fake.calls.filter((c) => c.operation === "AssumeRole").length).toBe(2);
    expect(run.summary.files).toBe(3);
    // The organization trail is in every account's model, and reported once.
    expect(run.results.filter((r) => r.ruleId === "TG003").map((r) => r.arn)).toEqual([S.arnOfTrail("org-audit", S.MANAGEMENT)]);
    expect(run.results.filter((r) => r.ruleId === "TG018").map((r) => [r.arn, r.account, r.region])).toEqual([[S.arnOfTrail("org-audit", S.MANAGEMENT), S.MANAGEMENT, "us-east-1"]]);
  });

  it("a role that cannot be assumed: an access-denied notification; the other accounts are still scanned", async () => {
    const w = S.stormWorld();
    const world = { ...w, accounts: w.accounts.map((a) => (a.id === S.MEMBER ? { ...a, roles: [] } : a)) };
    const { run } = await fromManagement(world);
    const denied = run.notifications.filter((n) => n.id === "access-denied");
    expect(denied.map((n) => n.message)).toEqual([expect.stringMatching(/^AssumeRole in us-east-1 for account 222222222222 \(arn:aws:iam::222222222222:role\/OrganizationAccountAccessRole\) was denied: .*sts:AssumeRole/)]);
    expect(run.summary.files).toBe(2);
    expect(run.exitCode).toBe(1);
  });

  it("--shard I/N splits the accounts by sorted ID, and the shards add up to the whole", async () => {
    const whole = await fromManagement();
    const one = await fromManagement(undefined, { shard: { index: 1, count: 2 } });
    expect(accountsIn(one.fake.calls.filter((c) => c.operation === "DescribeTrails"))).toEqual([S.MEMBER, S.MANAGEMENT]);
    const two = await fromManagement(undefined, { shard: { index: 2, count: 2 } });
    expect(accountsIn(two.fake.calls.filter((c) => c.operation === "DescribeTrails"))).toEqual([S.LOG_ARCHIVE]);
    expect(two.run.automationId).toBe(one.run.automationId);
    const fingerprints = (rs: typeof whole.run.results) => new Set(rs.map((r) => r.fingerprint));
    expect(new Set([...fingerprints(one.run.results), ...fingerprints(two.run.results)])).toEqual(fingerprints(whole.run.results));
  });

  it("a shard with no account is not a failure", async () => {
    const { run } = await scanLiveCase({ world: S.world(S.wellKept()), options: { shard: { index: 2, count: 3 } } });
    expect(run.exitCode).toBe(0);
    expect(run.notifications.map((n) => n.id)).toContain("no-accounts");
  });

  it("shard arithmetic: the k-th account (from 0) goes to shard k mod N + 1", () => {
    const ids = ["5", "3", "1", "4", "2"].map((id) => ({ id }));
    expect(shardOf(ids, { index: 1, count: 2 }).map((t) => t.id)).toEqual(["1", "3", "5"]);
    expect(shardOf(ids, { index: 2, count: 2 }).map((t) => t.id)).toEqual(["2", "4"]);
  });

  it("--role-arn (repeatable): those roles' accounts instead of the caller's", async () => {
    const w = S.organization();
    const roles = [`arn:aws:iam::${S.MEMBER}:role/TrailguardAudit`, `arn:aws:iam::${S.LOG_ARCHIVE}:role/TrailguardAudit`];
    const two = await scanLiveCase({ world: w, caller: S.MANAGEMENT, options: { roleArns: roles } });
    expect(accountsIn(two.fake.calls.filter((c) => c.operation === "DescribeTrails"))).toEqual([S.MEMBER, S.LOG_ARCHIVE]);
    expect(two.run.automationId).toBe("trailguard/live/accounts/");
    const one = await scanLiveCase({ world: w, caller: S.MANAGEMENT, options: { roleArns: roles.slice(0, 1) } });
    expect(one.run.automationId).toBe(`trailguard/live/${S.MEMBER}/`);
  });

  it("one account: its ID in the automation ID", async () => {
    const { run } = await scanLiveCase({ world: S.world(S.wellKept()) });
    expect(run.automationId).toBe(`trailguard/live/${S.ACCOUNT}/`);
    expect(run.exitCode).toBe(0);
  });

  it("exit 2 when no account could be read: credentials refused, or every role refused", async () => {
    const w = S.world(S.wellKept());
    const bad = await scanLiveCase({ world: w, caller: "000000000000" });
    expect(bad.run.exitCode).toBe(2);
    expect(bad.run.notifications.map((n) => n.message).join("\n")).toContain("GetCallerIdentity");
    const roles = await scanLiveCase({ world: w, options: { roleArns: [`arn:aws:iam::${S.ACCOUNT}:role/Missing`] } });
    expect(roles.run.exitCode).toBe(2);
  });

  it("an organization event data store counts in every member account (no TG001 there)", async () => {
    const w = S.organization({ managementTrails: [] });
    const store = { name: "org-lake", region: "us-east-1", status: "ENABLED", multiRegion: true, organization: true, advancedEventSelectors: [{ Name: "m", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] }] };
    const world = { ...w, accounts: w.accounts.map((a) => (a.id === S.MANAGEMENT ? { ...a, eventDataStores: [store], trails: [trail("plain")] } : a)) };
    const { run } = await fromManagement(world);
    expect(run.results.filter((r) => r.ruleId === "TG001")).toEqual([]);
  });

  it("--regions limits the regions read", async () => {
    const { fake } = await scanLiveCase({ world: S.world(S.wellKept()), options: { regions: ["eu-west-1", "us-east-1"] } });
    expect([...new Set(fake.calls.filter((c) => c.service === "cloudtrail").map((c) => c.region))].sort()).toEqual(["eu-west-1", "us-east-1"]);
    expect(fake.calls.some((c) => c.operation === "ListRegions")).toBe(false);
  });

  it("the limiter never runs more than N tasks at once", async () => {
    const limit = limiter(3);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limit(async () => {
          peak = Math.max(peak, ++running);
          await new Promise((r) => setTimeout(r, 2));
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });
});

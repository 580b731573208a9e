/**
 * `trailguard verify` against real signed files in the loopback fake S3: the cases issue 10 lists,
 * each detected exactly (rule, object, nothing else), and what must not be a finding.
 */
import { describe, expect, it } from "vitest";
import { verifyCase } from "../support/fake-aws/harness.ts";
import { arnOf, forge, intruderKey, MEMBER_ACCOUNT, plantLog, remove, scene, tamperLog, VERIFY_ACCOUNT, VERIFY_ORG, type Scene } from "../support/fake-aws/verify-scenes.ts";
import { gzipSync } from "node:zlib";
import { digestKey, gunzipJson, resignDigest } from "../support/fake-aws/trail-logs.ts";
import type { VerifyCase } from "../support/fake-aws/harness.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function verify(s: Scene, over: Partial<VerifyCase> = {}) {
  const { run, fake } = await verifyCase({ scene: s, ...over });
  return { run, fake, found: run.results.map((r) => [r.ruleId, r.arn] as const), errors: run.notifications.filter((n) => n.level === "error") };
}

describe("verify: the cases of issue 10", () => {
  it("an intact chain over three days: nothing reported, everything checked", async () => {
    const s = scene();
    const { run, found, errors, fake } = await verify(s);
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const summary = run.notifications.find((n) => n.id === "verify-summary")!.message;
    expect(summary).toContain(`${s.digests.length} digest files and ${s.logs.length} log files checked`);
    // Read-only: only the operations the contract names.
    expect(new Set(fake.calls.map((c) => c.operation))).toEqual(new Set(["GetCallerIdentity", "ListRegions", "DescribeTrails", "GetTrailStatus", "ListObjectsV2", "GetObject", "ListPublicKeys"]));
  });

  it("one log file modified: TG025 at that file, with its digest related", async () => {
    const s = scene();
    const victim = s.digests[30]!.logKeys[1]!;
    tamperLog(s, victim);
    const { run, found } = await verify(s);
    expect(found).toEqual([["TG025", arnOf(s, victim)]]);
    expect(run.results[0]!.related.map((r) => r.loc.arn)).toEqual([arnOf(s, s.digests[30]!.key)]);
    expect(run.results[0]!.message).toContain("SHA-256");
    expect(run.exitCode).toBe(1);
  });

  it("one log file deleted: TG024", async () => {
    const s = scene();
    const victim = s.digests[12]!.logKeys[0]!;
    remove(s, victim);
    expect((await verify(s)).found).toEqual([["TG024", arnOf(s, victim)]]);
  });

  it("a digest deleted mid-chain: TG022 at it, nothing else (its log files are not called unlisted)", async () => {
    const s = scene();
    const victim = s.digests[40]!.key;
    remove(s, victim);
    expect((await verify(s)).found).toEqual([["TG022", arnOf(s, victim)]]);
  });

  it("a digest forged with another key: TG023 at it", async () => {
    const s = scene();
    const victim = s.digests[20]!.key;
    forge(s, victim);
    const { found, run } = await verify(s);
    expect(found).toEqual([["TG023", arnOf(s, victim)]]);
    expect(run.results[0]!.message).toContain("does not verify");
  });

  it("an extra log file no digest lists: TG026 at it", async () => {
    const s = scene();
    const planted = plantLog(s, new Date(s.digests[50]!.start.getTime() + 20 * 60_000));
    expect((await verify(s)).found).toEqual([["TG026", arnOf(s, planted)]]);
  });

  it("a trail stopped for a day: no digests, no finding, and the restart is said", async () => {
    const from = new Date(Date.UTC(2026, 10, 2, 6));
    const s = scene({ stopped: [{ from, to: new Date(from.getTime() + DAY) }] });
    expect(s.digests.length).toBeLessThan(72 - 23);
    const { found, run } = await verify(s);
    expect(found).toEqual([]);
    expect(run.notifications.some((n) => n.id === "verify" && n.message.includes("started a new chain"))).toBe(true);
  });
});

describe("verify: breaks beyond one object", () => {
  it("several digests deleted in a row: TG022 for the one named, TG027 for the hours before it", async () => {
    const s = scene();
    for (const d of s.digests.slice(30, 35)) remove(s, d.key);
    const { found, run } = await verify(s);
    expect(found.map(([id]) => id).sort()).toEqual(["TG022", "TG027"]);
    expect(found).toContainEqual(["TG022", arnOf(s, s.digests[34]!.key)]);
    const gap = run.results.find((r) => r.ruleId === "TG027")!;
    expect(gap.message).toContain(s.digests[29]!.end.toISOString().replace(".000Z", "Z"));
  });

  it("the newest digests deleted: TG027 from the trail's status, up to its latest digest delivery", async () => {
    const s = scene();
    for (const d of s.digests.slice(-5)) remove(s, d.key);
    const { found } = await verify(s);
    expect(found.map(([id]) => id)).toEqual(["TG027"]);
  });

  it("a digest replaced by an older, validly signed one of another hour: TG023 (moved)", async () => {
    const s = scene();
    const a = s.digests[10]!.key;
    const b = s.digests[11]!.key;
    s.store.put(b, s.store.get(a)!);
    const { found } = await verify(s);
    expect(found).toContainEqual(["TG023", arnOf(s, b)]);
  });

  it("a log file replaced by something that is not gzip: TG025", async () => {
    const s = scene();
    const victim = s.logs[5]!;
    s.store.put(victim, { body: Buffer.from("not gzip at all") });
    const { found, run } = await verify(s);
    expect(found).toEqual([["TG025", arnOf(s, victim)]]);
    expect(run.results[0]!.message).toContain("not a gzip file");
  });

  it("a multi-region trail: each region's chain verified, a break reported in its region", async () => {
    const s = scene({ hours: 24, regions: ["us-east-1", "eu-west-1"] });
    const euLog = s.chains.get(`${VERIFY_ACCOUNT}/eu-west-1`)!.logs[3]!;
    remove(s, euLog);
    const { found, run } = await verify(s);
    expect(found).toEqual([["TG024", arnOf(s, euLog)]]);
    expect(run.results[0]!.region).toBe("eu-west-1");
    expect(run.notifications.find((n) => n.id === "verify-summary")!.message).toContain("(2 account-region chains)");
  });

  it("an organization trail: every member account's chain under AWSLogs/<org ID>/", async () => {
    const s = scene({ hours: 24, orgMembers: [VERIFY_ACCOUNT, MEMBER_ACCOUNT], prefix: "org" });
    const memberLog = s.chains.get(`${MEMBER_ACCOUNT}/us-east-1`)!.logs[7]!;
    expect(memberLog).toMatch(/^org\/AWSLogs\/o-verify1234\/222222222222\/CloudTrail\//);
    tamperLog(s, memberLog);
    const { found, run } = await verify(s);
    expect(found).toEqual([["TG025", arnOf(s, memberLog)]]);
    expect(run.results[0]!.account).toBe(MEMBER_ACCOUNT);
  });

  it("--trail names a trail that does not exist: a warning, nothing verified", async () => {
    const s = scene({ hours: 4 });
    const { run } = await verify(s, { options: { trails: ["nope"] } });
    expect(run.notifications.some((n) => n.level === "warning" && n.message.includes("--trail nope"))).toBe(true);
    expect(run.results).toEqual([]);
  });

  it("a digest whose log files another trail's digest lists is not confused with this trail's", async () => {
    const s = scene({ hours: 6 });
    // A digest of another trail in the same folder: its files cannot be told apart, so no TG026 is looked for.
    const other = digestKey({ account: VERIFY_ACCOUNT, region: "us-east-1", trailName: "other", homeRegion: "us-east-1" }, new Date(s.digests[2]!.end));
    s.store.put(other, { body: Buffer.from("x") });
    plantLog(s, new Date(s.digests[3]!.start.getTime() + 10 * 60_000));
    const { found, run } = await verify(s);
    expect(found).toEqual([]);
    expect(run.notifications.some((n) => n.message.includes("another trail delivers to the same folder"))).toBe(true);
  });
});

describe("verify: what an intruder could try", () => {
  it("a planted log file with a made-up digest of its own: the digest is TG023", async () => {
    const s = scene({ hours: 12 });
    const planted = plantLog(s, new Date(s.digests[5]!.start.getTime() + 7 * 60_000));
    // A backfill digest of the intruder's own, listing the planted file, signed with the intruder's key.
    const real = s.digests[5]!.key;
    const fake = real.replace(/\.json\.gz$/, "_backfill.json.gz");
    const body = gunzipJson<Record<string, unknown>>(s.store.get(real)!.body);
    body["digestS3Object"] = fake;
    body["logFiles"] = [{ s3Bucket: s.bucket, s3Object: planted, hashValue: "0".repeat(64), hashAlgorithm: "SHA-256" }];
    s.store.put(fake, { ...s.store.get(real)!, body: gzipSync(Buffer.from(JSON.stringify(body))) });
    resignDigest(s.store, fake, intruderKey());
    const { found, run } = await verify(s);
    // The forged digest is the finding; the file it lists is accounted for by it.
    expect(found).toEqual([["TG023", arnOf(s, fake)]]);
    expect(run.results[0]!.message).toContain("does not verify");
  });

  it("the oldest digests of the period deleted: TG022 for the one named, TG027 back to the period's start", async () => {
    const s = scene({ hours: 24 });
    for (const d of s.digests.slice(0, 6)) remove(s, d.key);
    const { found } = await verify(s);
    expect(found).toContainEqual(["TG022", arnOf(s, s.digests[5]!.key)]);
    expect(found.map(([id]) => id).sort()).toEqual(["TG022", "TG027"]);
  });

  it("log file validation turned off since: the digests the period has are still verified", async () => {
    const s = scene({ hours: 12, trail: { logFileValidation: false } });
    tamperLog(s, s.logs[3]!);
    const { found } = await verify(s);
    expect(found).toEqual([["TG025", arnOf(s, s.logs[3]!)]]);
  });

  it("another trail writes to the same bucket and prefix without validation: no TG026 guesses", async () => {
    const s = scene({ hours: 12 });
    const owner = s.world.accounts[0]!;
    const other = { ...owner.trails[0]!, name: "other", multiRegion: false, logFileValidation: false };
    const world = { ...s.world, accounts: [{ ...owner, trails: [...owner.trails, other] }] };
    plantLog(s, new Date(s.digests[4]!.start.getTime() + 9 * 60_000));
    const { found, run } = await verify({ ...s, world });
    expect(found).toEqual([]);
    expect(run.notifications.some((n) => n.message.includes("another trail delivers to the same folder"))).toBe(true);
  });
});

describe("verify: not findings", () => {
  it("a bucket the caller may not list: an access-denied notification, no result, exit 0", async () => {
    const s = scene({ hours: 6, deny: ["s3:ListObjectsV2"] });
    const { found, run } = await verify(s, { expectNotifications: ["access-denied"] });
    expect(found).toEqual([]);
    expect(run.notifications.some((n) => n.id === "access-denied" && n.message.includes("s3:ListBucket"))).toBe(true);
  });

  it("log files the caller may not read: notifications, never TG024", async () => {
    const s = scene({ hours: 6, deny: ["s3:GetObject"] });
    const { found, run } = await verify(s);
    expect(found).toEqual([]);
    expect(run.notifications.some((n) => n.id === "access-denied" && n.message.includes("s3:GetObject"))).toBe(true);
  });

  it("objects deleted by a lifecycle rule past their expiry: notifications, not TG022/TG024/TG027", async () => {
    // A 30-day expiration, and "now" 40 days after the first day: its files are gone by the rule.
    const s = scene({ hours: 72, lifecycle: [{ id: "expire-logs", enabled: true, prefix: "AWSLogs/", days: 30 }], nowAfterHours: 24 * 40 - 48 });
    for (const d of s.digests.slice(0, 24)) {
      remove(s, d.key);
      for (const l of d.logKeys) remove(s, l);
    }
    remove(s, s.digests[24]!.logKeys[0]!);
    const { found, run } = await verify(s);
    expect(found).toEqual([]);
    expect(run.notifications.some((n) => n.message.includes("lifecycle expiry"))).toBe(true);
  });

  it("the same deletions without a lifecycle rule are findings", async () => {
    const s = scene({ hours: 72, nowAfterHours: 24 * 40 - 48 });
    remove(s, s.digests[24]!.logKeys[0]!);
    remove(s, s.digests[23]!.key);
    const { found } = await verify(s);
    expect(found.map(([id]) => id).sort()).toEqual(["TG022", "TG024"]);
  });

  it("a trail with log file validation off: a warning naming TG003", async () => {
    const s = scene({ hours: 4, trail: { logFileValidation: false } });
    const { found, run } = await verify(s);
    expect(found).toEqual([]);
    expect(run.notifications.some((n) => n.level === "warning" && n.message.includes("TG003"))).toBe(true);
  });

  it("under throttling and 503s the answer is the same", async () => {
    const s = scene({ hours: 12 });
    tamperLog(s, s.logs[4]!);
    const { found } = await verify(s, { faults: { throttleRate: 0.2, seed: 7 } });
    expect(found).toEqual([["TG025", arnOf(s, s.logs[4]!)]]);
  });
});

describe("verify: several accounts", () => {
  /** Two accounts of one organization, each with its own validated trail; `denied` may not call ListPublicKeys. */
  function twoAccounts(denied: string): { world: Scene["world"]; mine: Scene; theirs: Scene; both: Scene } {
    const mine = scene({ hours: 6 });
    const theirs = scene({ hours: 6, account: MEMBER_ACCOUNT });
    const accounts = [...mine.world.accounts, ...theirs.world.accounts].map((a) => (a.id === denied ? { ...a, deny: [...a.deny, "cloudtrail:ListPublicKeys"] } : a));
    const world = { ...mine.world, accounts, org: { id: VERIFY_ORG, managementId: VERIFY_ACCOUNT, members: [VERIFY_ACCOUNT, MEMBER_ACCOUNT], delegatedAdmins: [] } };
    const both = { ...mine, world, start: new Date(Math.min(mine.start.getTime(), theirs.start.getTime())), end: new Date(Math.max(mine.end.getTime(), theirs.end.getTime())) };
    return { world, mine, theirs, both };
  }

  // Whichever account lists the keys first, the other must still check its signatures.
  for (const denied of [VERIFY_ACCOUNT, MEMBER_ACCOUNT]) {
    it(`account ${denied} may not list CloudTrail's public keys: the other account's forged digest is still TG023`, async () => {
      const { mine, theirs, both } = twoAccounts(denied);
      const allowed = denied === VERIFY_ACCOUNT ? theirs : mine;
      const victim = allowed.digests[2]!.key;
      forge(allowed, victim);
      const { found, run } = await verify(both, { options: { org: true, roleName: "OrganizationAccountAccessRole" } });
      expect(found).toEqual([["TG023", arnOf(allowed, victim)]]);
      // The keys are the region's: an account that lists them after another has need not list them itself.
      const keyDenials = run.notifications.filter((n) => n.id === "access-denied" && n.message.includes("ListPublicKeys"));
      expect(keyDenials.length).toBeLessThanOrEqual(1);
      for (const n of keyDenials) expect(n.message).toContain(denied);
    });
  }
});

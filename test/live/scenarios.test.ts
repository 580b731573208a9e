import { describe, expect, it } from "vitest";
import { isKnown } from "../../src/model/sourced.ts";
import * as S from "../support/fake-aws/scenarios.ts";
import { account, ALL_USERS, bucket, trail } from "../support/fake-aws/world.ts";
import { brief, check, readWorld } from "./support.ts";

const ALL = Array.from({ length: 21 }, (_v, i) => `TG${String(i + 1).padStart(3, "0")}`);
const A = S.ACCOUNT;
const TRAIL = S.arnOfTrail("audit");
const errorsOf = (r: Awaited<ReturnType<typeof readWorld>>["read"]) => r.notifications.filter((n) => n.level === "error");

describe("live scenarios (the real SDK against the fake AWS)", () => {
  it("a well-kept account gives nothing", async () => {
    const { read } = await readWorld(S.world(S.wellKept()));
    expect(errorsOf(read)).toEqual([]);
    expect(brief(check(read, ...ALL))).toEqual([]);
  });

  it("no trail: TG001 on the account, nothing else", async () => {
    const { read } = await readWorld(S.world(account(A)));
    expect(brief(check(read, ...ALL))).toEqual([`TG001 ${S.arnOfAccount()}`]);
    expect(read.accounts[0]!.readable).toBe(true);
  });

  it("only a single-region trail: TG002 on it and TG001 on the account", async () => {
    const { read, fake } = await readWorld(S.world(S.wellKept(A, { trail: { multiRegion: false } })));
    expect(brief(check(read, "TG001", "TG002"))).toEqual([`TG001 ${S.arnOfAccount()}`, `TG002 ${TRAIL}`]);
    expect(fake.calls.filter((c) => c.operation === "GetTrailStatus").map((c) => c.region)).toEqual(["us-east-1"]);
  });

  it("a multi-region trail seen as shadows in 17 regions is one trail, read and reported at its home region", async () => {
    const { read, fake } = await readWorld(S.shadowTrails());
    const home = S.arnOfTrail("audit", A, "eu-west-1");
    expect(read.accounts[0]!.model.trails.map((t) => t.address)).toEqual([home]);
    expect(brief(check(read, ...ALL))).toEqual([`TG003 ${home}`]);
    expect(fake.calls.filter((c) => c.operation === "DescribeTrails")).toHaveLength(17);
    expect(fake.calls.filter((c) => c.operation.startsWith("Get") && c.service === "cloudtrail").map((c) => `${c.operation} ${c.region}`).sort()).toEqual([
      "GetInsightSelectors eu-west-1",
      "GetTrailStatus eu-west-1",
    ]);
  });

  it("an organization trail covers a member account: no TG001 there, and its other-account bucket stays quietly unknown", async () => {
    const { read } = await readWorld(S.organization(), { caller: S.MEMBER });
    const model = read.accounts[0]!.model;
    expect(model.trails.map((t) => [t.address, t.account])).toEqual([[S.arnOfTrail("org-audit", S.MANAGEMENT), S.MANAGEMENT]]);
    expect(model.trails[0]!.bucket).toMatchObject({ kind: "unknown", reason: "other-account" });
    expect(brief(check(read, "TG001", "TG007", "TG008", "TG015", "TG016", "TG017"))).toEqual([]);
    expect(read.notifications).toEqual([]);
    expect(model.account.orgRole).toMatchObject({ kind: "known", value: "member" });
  });

  it("a management account without an organization trail: TG017 (and TG001 when it has no trail at all)", async () => {
    const none = await readWorld(S.organization({ managementTrails: [] }), { caller: S.MANAGEMENT });
    expect(brief(check(none.read, "TG001", "TG017"))).toEqual([`TG001 ${S.arnOfAccount(S.MANAGEMENT)}`, `TG017 ${S.arnOfAccount(S.MANAGEMENT)}`]);
    const own = await readWorld(S.organization({ managementTrails: [trail("audit")] }), { caller: S.MANAGEMENT });
    expect(brief(check(own.read, "TG001", "TG017"))).toEqual([`TG017 ${S.arnOfAccount(S.MANAGEMENT)}`]);
    expect(own.read.accounts[0]!.model.account.orgRole).toMatchObject({ value: "management" });
  });

  it("a CloudTrail delegated administrator is told about a missing organization trail too", async () => {
    const w = S.organization({ managementTrails: [trail("audit")], delegatedAdmins: [S.MEMBER], member: { trails: [trail("own")] } });
    const { read } = await readWorld(w, { caller: S.MEMBER });
    expect(read.accounts[0]!.model.account.orgRole).toMatchObject({ value: "delegated-admin" });
    expect(brief(check(read, "TG017"))).toEqual([`TG017 ${S.arnOfAccount(S.MEMBER)}`]);
  });

  it("logging stopped: TG004 at IsLogging, and the account has no working trail (TG001)", async () => {
    const { read } = await readWorld(S.world(S.wellKept(A, { trail: { status: { IsLogging: false } } })));
    const results = check(read, "TG001", "TG004");
    expect(brief(results)).toEqual([`TG001 ${S.arnOfAccount()}`, `TG004 ${TRAIL}`]);
    expect(results.find((r) => r.rule.meta.id === "TG004")!.loc).toEqual({ arn: TRAIL, address: TRAIL, path: ["IsLogging"] });
  });

  it("delivery errors: TG018 for log and digest files, TG005 for CloudWatch Logs", async () => {
    const { read } = await readWorld(S.deliveryErrors());
    const results = check(read, ...ALL);
    expect(results.map((r) => `${r.rule.meta.id}:${r.messageId}`).sort()).toEqual(["TG005:deliveryError", "TG005:stale", "TG018:digests", "TG018:logs"]);
    expect(results.find((r) => r.messageId === "logs")!.message).toContain("AccessDenied");
  });

  it("an absent GetTrailStatus field is unknown, never a finding", async () => {
    const { read } = await readWorld(S.world(S.wellKept(A, { trail: { status: {} } })));
    const t = read.accounts[0]!.model.trails[0]!;
    expect(t.isLogging.kind).toBe("unknown");
    expect(t.status!.latestDeliveryError.kind).toBe("unknown");
    expect(brief(check(read, ...ALL))).toEqual([]);
  });

  it("a sensitive bucket: TG006 without data events, nothing with them", async () => {
    const without = await readWorld(S.sensitiveBucket(false));
    expect(brief(check(without.read, "TG006"))).toEqual([`TG006 ${S.arnOfBucket("customer-records")}`]);
    const tagged = without.read.accounts[0]!.model.buckets.find((b) => b.label === "customer-records")!;
    expect(tagged.tags).toMatchObject({ kind: "known", value: { DataClassification: "PII" } });
    const withEvents = await readWorld(S.sensitiveBucket(true));
    expect(brief(check(withEvents.read, "TG006"))).toEqual([]);
  });

  it("a deletable, public log bucket: the model says why (TG007, TG008 causes)", async () => {
    const { read } = await readWorld(S.deletablePublicBucket());
    const b = read.accounts[0]!.model.buckets[0]!;
    expect([b.objectLock, b.versioningEnabled, b.mfaDelete, b.publicAccessBlock].map((v) => (isKnown<unknown>(v) ? v.value : "unknown"))).toEqual([null, false, false, null]);
    expect(b.aclGranteeUris).toMatchObject({ value: [ALL_USERS] });
    expect(read.accounts[0]!.model.account.publicAccessBlock).toMatchObject({ kind: "known", value: null });
    const results = check(read, "TG007", "TG008");
    expect(results.filter((r) => r.rule.meta.id === "TG007")).toHaveLength(1);
    expect(results.filter((r) => r.rule.meta.id === "TG008").length).toBeGreaterThanOrEqual(3);
  });

  it("root-usage alarm complete and broken (TG010)", async () => {
    const ok = await readWorld(S.world(S.wellKept()));
    const m = ok.read.accounts[0]!.model;
    expect([m.logGroups.length, m.metricFilters.length, m.alarms.length, m.topics.length]).toEqual([1, 2, 2, 1]);
    expect(brief(check(ok.read, "TG010"))).toEqual([]);
    const broken = await readWorld(S.brokenRootAlarm());
    expect(brief(check(broken.read, "TG010"))).toEqual([`TG010 ${TRAIL}`]);
    const unconfirmed = await readWorld(S.world(S.wellKept(A, { chain: { topic: { confirmed: 0 } } })));
    expect(brief(check(unconfirmed.read, "TG010"))).toEqual([`TG010 ${TRAIL}`]);
  });

  it("AccessDenied on bucket calls: access-denied notifications naming call, region and permission; no bucket finding", async () => {
    const w = S.world(S.wellKept(A, { account: { deny: ["s3:GetBucketPolicy", "s3:GetBucketVersioning", "s3:GetObjectLockConfiguration", "s3:GetPublicAccessBlock", "s3:GetBucketAcl", "s3:GetBucketLogging", "s3:GetBucketLifecycleConfiguration", "s3:GetBucketTagging"] } }));
    const { read } = await readWorld(w);
    const denied = read.notifications.filter((n) => n.id === "access-denied");
    expect(denied).toHaveLength(8);
    expect(denied.map((n) => n.level)).toEqual(Array(8).fill("error"));
    expect(denied.find((n) => n.message.startsWith("GetBucketPolicy"))!.message).toMatch(/GetBucketPolicy in us-east-1 for account 111111111111 \(audit-logs\) was denied: the scan needs the IAM permission s3:GetBucketPolicy/);
    expect(denied.some((n) => n.message.includes("s3:GetBucketObjectLockConfiguration"))).toBe(true);
    expect(brief(check(read, ...ALL))).toEqual([]);
  });

  it("a trail's bucket, key and log group in another account are unknown: one unresolved notification each, no finding", async () => {
    const t = trail("audit", { bucket: "central-logs", kmsKeyId: "arn:aws:kms:us-east-1:444444444444:key/k", logGroupArn: "arn:aws:logs:us-east-1:444444444444:log-group:central:*" });
    const { read } = await readWorld(S.world(account(A, { trails: [t] })));
    expect(read.notifications.map((n) => `${n.level} ${n.id}`)).toEqual(Array(3).fill("warning unresolved"));
    expect(read.notifications[0]!.message).toContain("Bucket central-logs");
    // TG010 and TG019 are left out: semantics/trail-monitoring.ts judges an unknown log group as one without filters (reported).
    expect(brief(check(read, "TG007", "TG008", "TG009", "TG015", "TG016", "TG020", "TG021"))).toEqual([]);
  });

  it("DescribeTrails denied everywhere: the account is unreadable, and that is no TG001", async () => {
    const { read } = await readWorld(S.world(account(A, { deny: ["cloudtrail:DescribeTrails"] })));
    expect(read.accounts[0]!.readable).toBe(false);
    expect(brief(check(read, ...ALL))).toEqual([]);
    expect(read.notifications.filter((n) => n.id === "access-denied")).toHaveLength(17);
  });

  it("an opt-in region the account has not enabled: an access-denied notification naming it", async () => {
    const { read } = await readWorld(S.world(S.wellKept()), { regions: ["us-east-1", "af-south-1"] });
    const n = read.notifications.filter((x) => x.message.includes("af-south-1"));
    expect(n.map((x) => x.id)).toEqual(["access-denied", "access-denied"]);
    expect(n[0]!.message).toContain("not enabled for the account");
    expect(brief(check(read, ...ALL))).toEqual([]);
  });

  it("a throttling storm (30%) gives the same findings as calm weather", async () => {
    const w = S.stormWorld();
    const opts = { caller: S.MANAGEMENT, org: true, roleName: "OrganizationAccountAccessRole" };
    const calm = await readWorld(w, opts);
    const storm = await readWorld(w, { ...opts, faults: { throttleRate: 0.3, seed: 42 } });
    expect(storm.fake.calls.filter((c) => c.throttled).length).toBeGreaterThan(20);
    const found = brief(check(calm.read, ...ALL));
    expect(found.length).toBeGreaterThan(8);
    expect(brief(check(storm.read, ...ALL))).toEqual(found);
    expect(storm.read.notifications).toEqual(calm.read.notifications);
  }, 120_000);

  it("reads only a trail's own log group, however many the account has", async () => {
    const a = S.wellKept();
    const many = Array.from({ length: 500 }, (_v, i) => ({ name: `app/${i}`, region: "us-east-1", filters: [] }));
    const { fake } = await readWorld(S.world({ ...a, logGroups: [...a.logGroups, ...many] }));
    expect(fake.calls.filter((c) => c.service === "logs").map((c) => c.operation).sort()).toEqual(["DescribeLogGroups", "DescribeMetricFilters"]);
  });

  it("a bucket no trail writes to is read for its tags only", async () => {
    const a = S.wellKept();
    const { fake } = await readWorld(S.world({ ...a, buckets: [...a.buckets, bucket("scratch", A)] }));
    expect(fake.calls.filter((c) => c.service === "s3" && c.operation !== "ListBuckets").length).toBe(9);
  });
});

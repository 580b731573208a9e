/**
 * The organization `npm run bench:live` scans: a management account with an organization trail,
 * a log-archive account, and members that each keep their own monitored, encrypted trail and a
 * few more buckets: every read path of a live scan, in every account.
 */
import { ACCOUNT, LOG_ARCHIVE, MANAGEMENT, ORG_ID, organization, wellKept } from "./scenarios.ts";
import { bucket, type FakeAccount, type FakeWorld } from "./world.ts";

export function benchWorld(accounts: number): FakeWorld {
  const base = organization();
  const members: FakeAccount[] = [];
  for (let i = 0; members.length < accounts - 2; i++) {
    const id = String(Number(ACCOUNT) + i * 1013).padStart(12, "0");
    if (id === MANAGEMENT || id === LOG_ARCHIVE) continue;
    // Bucket names are global: each account's trail writes to its own.
    const own = wellKept(id);
    const a = { ...own, trails: own.trails.map((t) => ({ ...t, bucket: `audit-logs-${id}` })), buckets: [bucket(`audit-logs-${id}`, id)] };
    members.push({ ...a, buckets: [...a.buckets, bucket(`app-data-${id}`, id, { tags: { team: "app" } }), bucket(`pii-${id}`, id, { tags: { DataClassification: "pii" } })] });
  }
  const fixed = base.accounts.filter((a) => a.id !== base.org!.members[2]);
  return {
    partition: "aws",
    accounts: [...fixed, ...members],
    org: { id: ORG_ID, managementId: MANAGEMENT, members: [...fixed, ...members].map((a) => a.id), delegatedAdmins: [] },
  };
}

import { cases } from "../../test/support/cases.ts";
import * as v from "../../test/support/fake-aws/verify-scenes.ts";

const intact = v.scene({ hours: 12 });
const deleted = v.scene({ hours: 12 });
v.remove(deleted, deleted.digests[6]!.key);
const oldest = v.scene({ hours: 12 });
v.remove(oldest, oldest.digests[1]!.key);
const org = v.scene({ hours: 12, orgMembers: [v.VERIFY_ACCOUNT, v.MEMBER_ACCOUNT] });
const memberDigest = org.chains.get(`${v.MEMBER_ACCOUNT}/us-east-1`)!.digests[4]!.key;
v.remove(org, memberDigest);
const stopped = v.scene({ hours: 30, stopped: [{ from: new Date("2026-11-01T08:00:00Z"), to: new Date("2026-11-01T14:00:00Z") }] });

export default cases({
  valid: [
    { name: "verify: an intact chain", verify: { scene: intact } },
    { name: "verify: a chain that restarts after the trail was stopped (no digest is missing)", verify: { scene: stopped } },
    {
      name: "verify: the first digest of the period names one before it (outside the period, not looked for)",
      verify: { scene: intact, options: { startTime: intact.digests[3]!.start } },
    },
  ],
  invalid: [
    { name: "verify: a digest deleted mid-chain", verify: { scene: deleted }, errors: [{ messageId: "missing", arn: v.arnOf(deleted, deleted.digests[6]!.key), message: deleted.digests[7]!.key.split("/").pop()! }] },
    { name: "verify: the second digest of the period deleted", verify: { scene: oldest }, errors: [{ messageId: "missing", arn: v.arnOf(oldest, oldest.digests[1]!.key) }] },
    { name: "verify: a member account's digest of an organization trail deleted", verify: { scene: org }, errors: [{ messageId: "missing", arn: v.arnOf(org, memberDigest) }] },
  ],
});

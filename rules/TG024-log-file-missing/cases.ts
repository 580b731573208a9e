import { cases } from "../../test/support/cases.ts";
import * as v from "../../test/support/fake-aws/verify-scenes.ts";

const intact = v.scene({ hours: 12 });
const deleted = v.scene({ hours: 12 });
const victim = deleted.digests[4]!.logKeys[1]!;
v.remove(deleted, victim);
const two = v.scene({ hours: 12, prefix: "audit/trail" });
const [a, b] = [two.digests[2]!.logKeys[0]!, two.digests[10]!.logKeys[1]!];
v.remove(two, a);
v.remove(two, b);
const denied = v.scene({ hours: 6, deny: ["s3:GetObject"] });
const expired = v.scene({ hours: 48, lifecycle: [{ id: "expire", enabled: true, prefix: "AWSLogs/", days: 30 }], nowAfterHours: 24 * 31 - 24 });
for (const l of expired.digests[1]!.logKeys) v.remove(expired, l);

export default cases({
  valid: [
    { name: "verify: every listed log file present", verify: { scene: intact } },
    { name: "verify: log files the caller may not read are a notification, not missing", verify: { scene: denied, expectNotifications: ["access-denied"] } },
    { name: "verify: log files past the bucket's lifecycle expiry were deleted by the rule", verify: { scene: expired } },
  ],
  invalid: [
    { name: "verify: one listed log file deleted", verify: { scene: deleted }, errors: [{ messageId: "missing", arn: v.arnOf(deleted, victim), message: deleted.digests[4]!.key.split("/").pop()! }] },
    {
      name: "verify: two log files deleted, under a key prefix",
      verify: { scene: two },
      errors: [
        { messageId: "missing", arn: v.arnOf(two, a) },
        { messageId: "missing", arn: v.arnOf(two, b) },
      ],
    },
  ],
});

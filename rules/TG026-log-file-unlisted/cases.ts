import { cases } from "../../test/support/cases.ts";
import * as v from "../../test/support/fake-aws/verify-scenes.ts";

const intact = v.scene({ hours: 12 });
const planted = v.scene({ hours: 12 });
const extra = v.plantLog(planted, new Date(planted.digests[6]!.start.getTime() + 25 * 60_000));
const two = v.scene({ hours: 12, regions: ["us-east-1", "eu-west-1"] });
const eu = v.plantLog(two, new Date(two.chains.get(`${v.VERIFY_ACCOUNT}/eu-west-1`)!.digests[3]!.start.getTime() + 5 * 60_000), "eu-west-1");
const recent = v.scene({ hours: 12, nowAfterHours: 1 });
v.plantLog(recent, new Date(recent.digests[11]!.start.getTime() + 10 * 60_000));
const gap = v.scene({ hours: 30, stopped: [{ from: new Date("2026-11-01T08:00:00Z"), to: new Date("2026-11-01T14:00:00Z") }] });
v.plantLog(gap, new Date("2026-11-01T10:30:00Z"));

export default cases({
  valid: [
    { name: "verify: every log file in the folder is listed", verify: { scene: intact } },
    { name: "verify: a log file of the last two hours may still be waiting for a backfill digest", verify: { scene: recent } },
    { name: "verify: a log file from while the trail was stopped (no digest covers that hour)", verify: { scene: gap } },
  ],
  invalid: [
    { name: "verify: a log file no digest lists, inside a digest's hour", verify: { scene: planted }, errors: [{ messageId: "unlisted", arn: v.arnOf(planted, extra) }] },
    { name: "verify: an unlisted log file in another region of a multi-region trail", verify: { scene: two }, errors: [{ messageId: "unlisted", arn: v.arnOf(two, eu) }] },
  ],
});

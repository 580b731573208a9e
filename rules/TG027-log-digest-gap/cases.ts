import { cases } from "../../test/support/cases.ts";
import * as v from "../../test/support/fake-aws/verify-scenes.ts";

const intact = v.scene({ hours: 12 });
const stopped = v.scene({ hours: 48, stopped: [{ from: new Date("2026-11-01T06:00:00Z"), to: new Date("2026-11-02T06:00:00Z") }] });
const middle = v.scene({ hours: 24 });
for (const d of middle.digests.slice(10, 14)) v.remove(middle, d.key);
const tail = v.scene({ hours: 24 });
for (const d of tail.digests.slice(-4)) v.remove(tail, d.key);
const none = v.scene({ hours: 12 });
for (const d of none.digests) v.remove(none, d.key);
const folder = (s: v.Scene, from: Date) => v.arnOf(s, `AWSLogs/${v.VERIFY_ACCOUNT}/CloudTrail-Digest/us-east-1/${from.toISOString().slice(0, 10).replaceAll("-", "/")}/`);

export default cases({
  valid: [
    { name: "verify: an hourly chain with no hole", verify: { scene: intact } },
    { name: "verify: no digests while the trail was stopped for a day", verify: { scene: stopped } },
  ],
  invalid: [
    { name: "verify: four digests in a row deleted (the newest named one is TG022; the rest is a gap)", verify: { scene: middle }, errors: [{ messageId: "gap", arn: folder(middle, middle.digests[9]!.end), message: "although it was logging" }] },
    { name: "verify: the newest digests deleted (GetTrailStatus says later ones were delivered)", verify: { scene: tail }, errors: [{ messageId: "gap", arn: folder(tail, tail.digests.at(-5)!.end) }] },
    { name: "verify: every digest of the period deleted", verify: { scene: none }, errors: [{ messageId: "gap", arn: folder(none, none.start) }] },
  ],
});

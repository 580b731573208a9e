import { cases } from "../../test/support/cases.ts";
import * as v from "../../test/support/fake-aws/verify-scenes.ts";

const intact = v.scene({ hours: 12 });
const edited = v.scene({ hours: 12 });
const victim = edited.digests[7]!.logKeys[0]!;
v.tamperLog(edited, victim);
const replaced = v.scene({ hours: 12 });
const other = replaced.logs[9]!;
replaced.store.put(other, { body: Buffer.from("not gzip") });
const forged = v.scene({ hours: 12 });
const hidden = forged.digests[5]!.logKeys[0]!;
v.tamperLog(forged, hidden);
v.forge(forged, forged.digests[5]!.key);

export default cases({
  valid: [
    { name: "verify: every log file hashes as its digest lists", verify: { scene: intact } },
    { name: "verify: a log file listed by a forged digest is not judged by it (TG023 reports the digest)", verify: { scene: forged } },
  ],
  invalid: [
    { name: "verify: one event of a log file changed", verify: { scene: edited }, errors: [{ messageId: "modified", arn: v.arnOf(edited, victim), message: "SHA-256" }] },
    { name: "verify: a log file replaced by something that is not gzip", verify: { scene: replaced }, errors: [{ messageId: "modified", arn: v.arnOf(replaced, other), message: "not a gzip file" }] },
  ],
});

import { cases } from "../../test/support/cases.ts";
import * as v from "../../test/support/fake-aws/verify-scenes.ts";

const intact = v.scene({ hours: 12 });
const forged = v.scene({ hours: 12 });
v.forge(forged, forged.digests[5]!.key);
const moved = v.scene({ hours: 12 });
moved.store.put(moved.digests[8]!.key, moved.store.get(moved.digests[2]!.key)!);
const unsigned = v.scene({ hours: 12 });
const u = unsigned.store.get(unsigned.digests[3]!.key)!;
unsigned.store.put(unsigned.digests[3]!.key, { body: u.body, ...(u.lastModified ? { lastModified: u.lastModified } : {}) });
const garbage = v.scene({ hours: 12 });
garbage.store.put(garbage.digests[9]!.key, { body: Buffer.from("{}") });
const multi = v.scene({ hours: 12, regions: ["us-east-1", "eu-west-1"] });

export default cases({
  valid: [
    { name: "verify: every digest signed by CloudTrail's key", verify: { scene: intact } },
    { name: "verify: a multi-region trail, each region's digests signed", verify: { scene: multi } },
  ],
  invalid: [
    { name: "verify: a digest re-signed with another key", verify: { scene: forged }, errors: [{ messageId: "invalid", arn: v.arnOf(forged, forged.digests[5]!.key), message: "does not verify" }] },
    { name: "verify: a digest replaced by another hour's (validly signed) digest", verify: { scene: moved }, errors: [{ messageId: "invalid", arn: v.arnOf(moved, moved.digests[8]!.key), message: "moved or copied" }] },
    { name: "verify: a digest whose object lost its signature metadata", verify: { scene: unsigned }, errors: [{ messageId: "invalid", arn: v.arnOf(unsigned, unsigned.digests[3]!.key), message: "no signature" }] },
    { name: "verify: a digest replaced by something that is not gzip", verify: { scene: garbage }, errors: [{ messageId: "invalid", arn: v.arnOf(garbage, garbage.digests[9]!.key), message: "not a gzip file" }] },
  ],
});

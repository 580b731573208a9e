import { defineRule } from "../../src/engine/rule.ts";
import type { Bucket, Trail } from "../../src/model/entities.ts";
import { logKeyPrefix, trailBucket } from "../../src/model/query.ts";
import { deleteProtection } from "../../src/semantics/policy/index.ts";
import type { Tri } from "../../src/semantics/selectors.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

/** (a) Object Lock, in either mode, with a default retention of at least the minimum. */
function lockProtects(b: Bucket, min: number): Tri {
  const l = b.objectLock;
  if (l.kind === "unknown") return "unknown";
  if (!l.value?.enabled) return "no";
  const days = l.value.defaultRetentionDays;
  return days !== null && days >= min ? "yes" : "no";
}

/** (b) Versioning with MFA Delete. */
function mfaDeleteProtects(b: Bucket): Tri {
  const v = b.versioningEnabled;
  const m = b.mfaDelete;
  if ((v.kind === "known" && !v.value) || (m.kind === "known" && !m.value)) return "no";
  return v.kind === "unknown" || m.kind === "unknown" ? "unknown" : "yes";
}

/** (c) A bucket policy that denies deleting the trail's log objects to every principal. */
function policyProtects(b: Bucket, t: Trail): Tri {
  const p = b.policy;
  if (p.kind === "unknown" || b.name.kind === "unknown") return "unknown";
  if (p.value === null) return "no";
  const prefix = logKeyPrefix(t);
  const bucketArn = `arn:aws:s3:::${b.name.value}`;
  const r = deleteProtection(p.value.document, { bucketArn, logObjectArn: `${bucketArn}/${prefix ?? ""}*` });
  if (r.result === "protected") return "yes";
  return r.result === "unknown" || prefix === null ? "unknown" : "no";
}

export default defineRule({
  meta: {
    id: "TG007",
    ...factsOf("TG007"),
    name: "log-bucket-deletable",
    level: "error",
    summary: "Log bucket lets log objects be deleted",
    tags: ["security", "cloudtrail", "s3"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "high",
    messages: {
      deletable:
        "Bucket {{bucket}} lets the logs of trail {{trail}} be deleted: it has no Object Lock retention of {{min}} days, no MFA Delete, and no bucket policy denying s3:DeleteObject and s3:DeleteObjectVersion to everyone.",
      unknown: "Bucket {{bucket}}: whether the logs of trail {{trail}} can be deleted cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    const seen = new Map<object, Set<string>>();
    for (const trail of ctx.model.trails) {
      const bucket = trailBucket(trail);
      if (!bucket) continue;
      const verdicts = [lockProtects(bucket, ctx.settings.minRetentionDays), mfaDeleteProtects(bucket), policyProtects(bucket, trail)];
      if (verdicts.includes("yes")) continue;
      // One result per bucket and log prefix (several trails may share both).
      const prefixes = seen.get(bucket) ?? new Set<string>();
      const prefix = logKeyPrefix(trail) ?? "";
      if (prefixes.has(prefix)) continue;
      seen.set(bucket, prefixes.add(prefix));
      const data = { bucket: bucket.label, trail: trail.label, min: String(ctx.settings.minRetentionDays) };
      const related = [{ at: trail, message: `trail ${trail.label} writes its logs here` }];
      if (verdicts.includes("unknown")) ctx.review({ kind: "unknown", reason: "unsupported-expression", loc: bucket.loc }, { messageId: "unknown", data, entity: bucket, related });
      else ctx.report({ messageId: "deletable", data, at: bucket, related });
    }
  },
});

import { defineRule, type RuleContext } from "../../src/engine/rule.ts";
import { logKeyPrefix, trailBucket } from "../../src/model/query.ts";
import type { Bucket, Trail } from "../../src/model/entities.ts";
import { isUnknown } from "../../src/model/value.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

/** Whether a lifecycle rule's prefix selects some of the trail's log objects. */
function overlaps(rulePrefix: string, logPrefix: string): boolean {
  return logPrefix.startsWith(rulePrefix) || rulePrefix.startsWith(logPrefix);
}

export default defineRule({
  meta: {
    id: "TG009",
    ...factsOf("TG009"),
    name: "log-bucket-short-retention",
    level: "warning",
    summary: "Log bucket deletes or releases logs before the minimum retention",
    tags: ["security", "cloudtrail", "s3"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "high",
    messages: {
      expires: "Bucket {{bucket}} expires the log objects of trail {{trail}} after {{days}} days, sooner than the {{min}} days required.",
      lockShort: "Bucket {{bucket}} keeps Object Lock retention for {{days}} days only, less than the {{min}} days required.",
      unknown: "Bucket {{bucket}}: how long it keeps the logs of trail {{trail}} cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    const min = ctx.settings.minRetentionDays;
    const seen = new Set<Bucket>();
    for (const trail of ctx.model.trails) {
      const bucket = trailBucket(trail);
      if (!bucket) continue;
      checkLifecycle(ctx, trail, bucket, min);
      if (seen.has(bucket)) continue;
      seen.add(bucket);
      const lock = bucket.objectLock;
      if (lock.kind === "unknown") {
        ctx.review(lock, { messageId: "unknown", data: { bucket: bucket.label, trail: trail.label }, entity: bucket });
        continue;
      }
      const days = lock.value?.defaultRetentionDays;
      if (lock.value?.enabled && typeof days === "number" && days < min)
        ctx.report({
          messageId: "lockShort",
          data: { bucket: bucket.label, days: String(days), min: String(min) },
          at: lock,
          entity: bucket,
          key: "object-lock",
          related: [{ at: trail, message: `trail ${trail.label}` }],
        });
    }
  },
});

function checkLifecycle(ctx: RuleContext<"expires" | "lockShort" | "unknown">, trail: Trail, bucket: Bucket, min: number): void {
  const data = { bucket: bucket.label, trail: trail.label, min: String(min) };
  const related = [{ at: trail, message: `trail ${trail.label}` }];
  const rules = bucket.lifecycle;
  if (rules.kind === "unknown") return ctx.review(rules, { messageId: "unknown", data, entity: bucket, related });
  const logPrefix = logKeyPrefix(trail);
  for (const r of rules.value) {
    if (r.enabled === false || r.expirationDays === null || (typeof r.expirationDays === "number" && r.expirationDays >= min)) continue;
    // An unknown switch or expiry might shorten retention: a review, never a failure.
    if (isUnknown(r.enabled) || isUnknown(r.expirationDays)) {
      ctx.review({ kind: "unknown", reason: "unsupported-expression", loc: r.loc }, { messageId: "unknown", data, entity: bucket, related });
      continue;
    }
    if (r.enabled !== true || typeof r.expirationDays !== "number" || r.expirationDays >= min) continue;
    if (r.prefix === null) continue; // tag or size filters: CloudTrail log objects carry no tags
    if (typeof r.prefix !== "string" || logPrefix === null) {
      ctx.review({ kind: "unknown", reason: "unsupported-expression", loc: r.loc }, { messageId: "unknown", data, entity: bucket, related });
      continue;
    }
    if (!overlaps(r.prefix, logPrefix)) continue;
    ctx.report({
      messageId: "expires",
      data: { ...data, days: String(r.expirationDays) },
      at: { kind: "known", value: r.expirationDays, origin: "explicit", loc: r.loc },
      entity: bucket,
      key: "lifecycle",
      related,
    });
  }
}

import { defineRule } from "../../src/engine/rule.ts";
import { known, valueOrUnknown } from "../../src/model/sourced.ts";
import { logKeyPrefix, trailAccount, trailBucket } from "../../src/model/query.ts";
import { UnknownValue } from "../../src/model/value.ts";
import { cloudTrailDelivery } from "../../src/semantics/policy/index.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG016",
    ...factsOf("TG016"),
    name: "log-bucket-policy-blocks-delivery",
    level: "error",
    summary: "Log bucket policy does not let CloudTrail deliver",
    tags: ["security", "cloudtrail", "s3"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "high",
    messages: {
      blocked: "The policy of bucket {{bucket}} does not let cloudtrail.amazonaws.com {{need}}: trail {{trail}} cannot deliver its logs.",
      noPolicy: "Bucket {{bucket}} has no bucket policy: trail {{trail}} cannot deliver its logs.",
      confusedDeputy:
        "The policy of bucket {{bucket}} lets cloudtrail.amazonaws.com write without an aws:SourceArn or aws:SourceAccount condition: any account's trail could deliver into it.",
      unknown: "Bucket {{bucket}}: whether its policy lets trail {{trail}} deliver cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    for (const trail of ctx.model.trails) {
      const bucket = trailBucket(trail);
      if (!bucket) continue;
      const data = { bucket: bucket.label, trail: trail.label };
      const related = [{ at: trail, message: `trail ${trail.label}` }];
      const policy = bucket.policy;
      if (policy.kind === "unknown") {
        ctx.review(policy, { messageId: "unknown", data, entity: bucket, related });
        continue;
      }
      if (policy.value === null) {
        // In IaC a policy is often attached elsewhere: only a live scan knows it is absent.
        if (policy.origin === "explicit") ctx.report({ messageId: "noPolicy", data, at: policy, entity: bucket, related });
        continue;
      }
      if (bucket.name.kind === "unknown") continue;
      const bucketArn = `arn:aws:s3:::${bucket.name.value}`;
      const prefix = logKeyPrefix(trail);
      const account = trailAccount(trail);
      const objectArns: (string | UnknownValue)[] = [];
      if (prefix === null) objectArns.push(new UnknownValue("unsupported-expression", "S3KeyPrefix"));
      else {
        objectArns.push(typeof account === "string" ? `${bucketArn}/${prefix}${account}/*` : account);
        const org = trail.isOrganizationTrail;
        if (org.kind !== "known" || org.value) {
          const orgId = trail.organizationId ? valueOrUnknown(trail.organizationId) : new UnknownValue("unsupported-expression", "organization ID");
          objectArns.push(org.kind === "unknown" ? new UnknownValue(org.reason) : typeof orgId === "string" ? `${bucketArn}/${prefix}${orgId}/*` : orgId);
        }
      }
      const r = cloudTrailDelivery(policy.value.document, { bucketArn, objectArns, trailArn: valueOrUnknown(trail.trailArn), accountId: account });
      const at = known(true, policy.value.statementLocs[r.statements[0] ?? -1] ?? policy.loc);
      if (r.result === "unknown") ctx.review({ kind: "unknown", reason: "unsupported-expression", loc: policy.loc }, { messageId: "unknown", data, entity: bucket, related });
      else if (r.result === "blocked") {
        const need = r.blocked.map((b) => `${b.action} on ${b.resource ?? "the log prefix"}`).join(" and ") || "write its logs";
        ctx.report({ messageId: "blocked", data: { ...data, need }, at: known(true, policy.loc), entity: bucket, related, key: "blocked" });
      } else if (r.result === "allowed-without-source-condition")
        ctx.report({ messageId: "confusedDeputy", data, at, entity: bucket, related, key: "confused-deputy", level: "warning" });
    }
  },
});

import { defineRule } from "../../src/engine/rule.ts";
import { known, valueOrUnknown } from "../../src/model/sourced.ts";
import { trailAccount, trailKey } from "../../src/model/query.ts";
import { kmsAllowsCloudTrail } from "../../src/semantics/policy/index.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG020",
    ...factsOf("TG020"),
    name: "trail-kms-key-policy-blocks-cloudtrail",
    level: "error",
    summary: "The trail's KMS key policy does not let CloudTrail encrypt",
    tags: ["security", "cloudtrail", "kms"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "high",
    messages: {
      blocked: "The policy of KMS key {{key}} does not let cloudtrail.amazonaws.com run kms:GenerateDataKey* for trail {{trail}}: log delivery fails.",
      unknown: "KMS key {{key}}: whether its policy lets trail {{trail}} encrypt cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    for (const trail of ctx.model.trails) {
      const key = trailKey(trail);
      if (!key) continue;
      const data = { key: key.label, trail: trail.label };
      const related = [{ at: trail, message: `trail ${trail.label}` }];
      const policy = key.policy;
      if (policy.kind === "unknown") {
        ctx.review(policy, { messageId: "unknown", data, entity: key, related });
        continue;
      }
      // In IaC an absent key policy may be managed elsewhere; live, every key has a policy.
      if (policy.value === null) continue;
      const r = kmsAllowsCloudTrail(policy.value.document, { trailArn: valueOrUnknown(trail.trailArn), accountId: trailAccount(trail) });
      if (r.result === "blocked") ctx.report({ messageId: "blocked", data, at: known(true, policy.loc), entity: key, related });
      else if (r.result === "unknown") ctx.review({ kind: "unknown", reason: "unsupported-expression", loc: policy.loc }, { messageId: "unknown", data, entity: key, related });
    }
  },
});

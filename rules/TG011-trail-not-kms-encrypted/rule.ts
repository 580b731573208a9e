import { defineRule } from "../../src/engine/rule.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG011",
    ...factsOf("TG011"),
    name: "trail-not-kms-encrypted",
    level: "warning",
    summary: "Trail logs are not encrypted with a customer-managed KMS key",
    tags: ["security", "cloudtrail", "encryption"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "very-high",
    messages: {
      noKey:
        "Trail {{trail}} names no KMS key: its logs are encrypted only with SSE-S3, so anyone who can read the bucket can read them. Use SSE-KMS with a customer-managed key.",
      storeNoKey: "Event data store {{store}} names no KMS key: use a customer-managed key to control who can read the events.",
      unknown: "Trail {{trail}}: its KMS key cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    for (const trail of ctx.model.trails) {
      const v = trail.kmsKeyId;
      if (v.kind === "unknown") ctx.review(v, { messageId: "unknown", data: { trail: trail.label }, entity: trail });
      else if (v.value === null || v.value === "") ctx.report({ messageId: "noKey", data: { trail: trail.label }, at: v, entity: trail });
    }
    for (const store of ctx.model.eventDataStores) {
      const v = store.kmsKeyId;
      if (v.kind === "known" && (v.value === null || v.value === "")) ctx.report({ messageId: "storeNoKey", data: { store: store.label }, at: v, entity: store });
    }
  },
});

import { defineRule } from "../../src/engine/rule.ts";
import type { Sourced } from "../../src/model/sourced.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

/** A delivery error CloudTrail reports; an absent field is unknown, never a failure. */
function reported(v: Sourced<string | null> | undefined): v is Extract<Sourced<string | null>, { kind: "known" }> & { value: string } {
  return v?.kind === "known" && typeof v.value === "string" && v.value.trim() !== "";
}

export default defineRule({
  meta: {
    id: "TG018",
    ...factsOf("TG018"),
    name: "trail-delivery-failing",
    level: "error",
    summary: "Trail fails to deliver its log or digest files",
    tags: ["security", "cloudtrail"],
    appliesTo: ["live"],
    precision: "very-high",
    messages: {
      logs: "Trail {{trail}} fails to deliver its log files to S3: {{error}}.",
      digests: "Trail {{trail}} fails to deliver its digest files to S3: {{error}}.",
      unknown: "Trail {{trail}}: whether its deliveries succeed cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    for (const trail of ctx.model.trails) {
      const status = trail.status;
      if (!status) continue; // IaC: a template cannot show whether deliveries succeed
      const data = { trail: trail.label };
      const logs = status.latestDeliveryError;
      const digests = status.latestDigestDeliveryError;
      if (reported(logs)) ctx.report({ messageId: "logs", data: { ...data, error: logs.value }, at: logs, entity: trail, key: "logs" });
      if (reported(digests)) ctx.report({ messageId: "digests", data: { ...data, error: digests.value }, at: digests, entity: trail, key: "digests" });
      // A status that could not be read at all is worth a review; a field merely absent (no error) is not.
      if (logs.kind === "unknown" && logs.reason === "access-denied") ctx.review(logs, { messageId: "unknown", data, entity: trail });
    }
  },
});

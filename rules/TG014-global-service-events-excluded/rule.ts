import { defineRule } from "../../src/engine/rule.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG014",
    ...factsOf("TG014"),
    name: "global-service-events-excluded",
    level: "warning",
    summary: "Trail excludes global service events (IAM, STS, CloudFront)",
    tags: ["security", "cloudtrail"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "very-high",
    messages: {
      excluded: "Trail {{trail}} excludes global service events: IAM, STS and CloudFront activity is lost.",
      unknown: "Trail {{trail}}: whether it includes global service events cannot be determined.",
    },
    fix: "safe",
  },
  doc,
  check(ctx) {
    for (const trail of ctx.model.trails) {
      const v = trail.includeGlobalServiceEvents;
      if (v.kind === "unknown") ctx.review(v, { messageId: "unknown", data: { trail: trail.label }, entity: trail });
      else if (!v.value) ctx.report({ messageId: "excluded", data: { trail: trail.label }, at: v, entity: trail, fix: { value: true } });
    }
  },
});

import { defineRule } from "../../src/engine/rule.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG012",
    ...factsOf("TG012"),
    name: "insights-disabled",
    level: "note",
    summary: "Trail has no CloudTrail Insights selectors",
    tags: ["security", "cloudtrail"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "very-high",
    messages: {
      none: "Trail {{trail}} has no Insights selectors: unusual API call or error rates go unnoticed.",
      unknown: "Trail {{trail}}: its Insights selectors cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    for (const trail of ctx.model.trails) {
      const v = trail.insights;
      if (v.kind === "unknown") ctx.review(v, { messageId: "unknown", data: { trail: trail.label }, entity: trail });
      else if (v.value.length === 0) ctx.report({ messageId: "none", data: { trail: trail.label }, at: v, entity: trail });
    }
  },
});

import { defineRule, requireOn } from "../../src/engine/rule.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";
import { withParts } from "../doc-parts.ts";

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
  doc: withParts(doc),
  check(ctx) {
    for (const trail of ctx.model.trails)
      requireOn(ctx, trail.includeGlobalServiceEvents, { off: "excluded", unknown: "unknown", data: { trail: trail.label }, entity: trail });
  },
});

import { defineRule, requireOn } from "../../src/engine/rule.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";
import { withParts } from "../doc-parts.ts";

export default defineRule({
  meta: {
    id: "TG002",
    ...factsOf("TG002"),
    name: "single-region-trail",
    level: "error",
    summary: "Trail records only the region it lives in",
    tags: ["security", "cloudtrail"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "very-high",
    messages: {
      single: "Trail {{trail}} is not multi-region: activity in every other region goes unrecorded.",
      unknown: "Trail {{trail}}: whether it is multi-region cannot be determined.",
    },
    fix: "safe",
  },
  doc: withParts(doc),
  check(ctx) {
    for (const trail of ctx.model.trails)
      requireOn(ctx, trail.isMultiRegion, { off: "single", unknown: "unknown", data: { trail: trail.label }, entity: trail });
  },
});

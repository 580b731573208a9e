import { defineRule, requireOn } from "../../src/engine/rule.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";
import { withParts } from "../doc-parts.ts";

export default defineRule({
  meta: {
    id: "TG004",
    ...factsOf("TG004"),
    name: "trail-not-logging",
    level: "error",
    summary: "Trail is not logging",
    tags: ["security", "cloudtrail"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "very-high",
    messages: {
      stopped: "Trail {{trail}} is not logging: it records nothing.",
      unknown: "Trail {{trail}}: whether it is logging cannot be determined.",
    },
    fix: "safe",
  },
  doc: withParts(doc),
  check(ctx) {
    for (const trail of ctx.model.trails)
      requireOn(ctx, trail.isLogging, { off: "stopped", unknown: "unknown", data: { trail: trail.label }, entity: trail });
  },
});

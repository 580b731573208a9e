import { defineRule } from "../../src/engine/rule.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

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
  doc,
  check(ctx) {
    for (const trail of ctx.model.trails) {
      const v = trail.isLogging;
      if (v.kind === "unknown") ctx.review(v, { messageId: "unknown", data: { trail: trail.label }, entity: trail });
      else if (!v.value) ctx.report({ messageId: "stopped", data: { trail: trail.label }, at: v, entity: trail, fix: { value: true } });
    }
  },
});

import { defineRule, requireOn } from "../../src/engine/rule.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";
import { withParts } from "../doc-parts.ts";

export default defineRule({
  meta: {
    id: "TG003",
    ...factsOf("TG003"),
    name: "log-file-validation-disabled",
    level: "error",
    summary: "Log file validation is off",
    tags: ["security", "cloudtrail"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "very-high",
    messages: {
      off: "Trail {{trail}} does not validate its log files: tampering with delivered logs would go unnoticed.",
      unknown: "Trail {{trail}}: whether log file validation is on cannot be determined.",
    },
    fix: "safe",
  },
  doc: withParts(doc),
  check(ctx) {
    for (const trail of ctx.model.trails)
      requireOn(ctx, trail.logFileValidation, { off: "off", unknown: "unknown", data: { trail: trail.label }, entity: trail });
  },
});

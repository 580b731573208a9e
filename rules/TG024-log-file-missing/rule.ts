import { defineRule } from "../../src/engine/rule.ts";
import { reportIntegrity } from "../../src/semantics/integrity.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG024",
    ...factsOf("TG024"),
    name: "log-file-missing",
    level: "error",
    summary: "A log file listed by a digest is missing",
    tags: ["security", "cloudtrail", "log-integrity"],
    appliesTo: ["live"],
    precision: "very-high",
    verify: true,
    messages: {
      missing: "Log file {{object}} of trail {{trail}} is missing: {{detail}}.",
    },
  },
  doc,
  check(ctx) {
    reportIntegrity(ctx, "log-missing", "missing");
  },
});

import { defineRule } from "../../src/engine/rule.ts";
import { reportIntegrity } from "../../src/semantics/integrity.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG025",
    ...factsOf("TG025"),
    name: "log-file-modified",
    level: "error",
    summary: "A log file differs from the hash its digest lists",
    tags: ["security", "cloudtrail", "log-integrity"],
    appliesTo: ["live"],
    precision: "very-high",
    verify: true,
    messages: {
      modified: "Log file {{object}} of trail {{trail}} was changed after delivery: {{detail}}.",
    },
  },
  doc,
  check(ctx) {
    reportIntegrity(ctx, "log-modified", "modified");
  },
});

import { defineRule } from "../../src/engine/rule.ts";
import { reportIntegrity } from "../../src/semantics/integrity.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG026",
    ...factsOf("TG026"),
    name: "log-file-unlisted",
    level: "warning",
    summary: "A log file in the bucket is listed by no digest",
    tags: ["security", "cloudtrail", "log-integrity"],
    appliesTo: ["live"],
    precision: "very-high",
    verify: true,
    messages: {
      unlisted: "Log file {{object}} is in trail {{trail}}'s folder but no digest file lists it: {{detail}}.",
    },
  },
  doc,
  check(ctx) {
    reportIntegrity(ctx, "log-unlisted", "unlisted");
  },
});

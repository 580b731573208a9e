import { defineRule } from "../../src/engine/rule.ts";
import { reportIntegrity } from "../../src/semantics/integrity.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG027",
    ...factsOf("TG027"),
    name: "log-digest-gap",
    level: "error",
    summary: "Digest files are missing for a period while the trail was logging",
    tags: ["security", "cloudtrail", "log-integrity"],
    appliesTo: ["live"],
    precision: "very-high",
    verify: true,
    messages: {
      gap: "Trail {{trail}} has no digest files from {{from}} to {{to}} although it was logging: {{detail}}.",
    },
  },
  doc,
  check(ctx) {
    reportIntegrity(ctx, "digest-gap", "gap");
  },
});

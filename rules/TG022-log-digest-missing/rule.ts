import { defineRule } from "../../src/engine/rule.ts";
import { reportIntegrity } from "../../src/semantics/integrity.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG022",
    ...factsOf("TG022"),
    name: "log-digest-missing",
    level: "error",
    summary: "A digest file of the trail's chain is missing",
    tags: ["security", "cloudtrail", "log-integrity"],
    appliesTo: ["live"],
    precision: "very-high",
    verify: true,
    messages: {
      missing: "Digest file {{object}} of trail {{trail}} is missing: {{detail}}.",
    },
  },
  doc,
  check(ctx) {
    reportIntegrity(ctx, "digest-missing", "missing");
  },
});

import { defineRule } from "../../src/engine/rule.ts";
import { reportIntegrity } from "../../src/semantics/integrity.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG023",
    ...factsOf("TG023"),
    name: "log-digest-signature-invalid",
    level: "error",
    summary: "A digest file's signature does not verify",
    tags: ["security", "cloudtrail", "log-integrity"],
    appliesTo: ["live"],
    precision: "very-high",
    verify: true,
    messages: {
      invalid: "Digest file {{object}} of trail {{trail}} fails verification: {{detail}}.",
    },
  },
  doc,
  check(ctx) {
    reportIntegrity(ctx, "digest-signature-invalid", "invalid");
  },
});

import { defineRule } from "../../src/engine/rule.ts";
import { managementCoverage } from "../../src/semantics/selectors.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG013",
    ...factsOf("TG013"),
    name: "management-events-excluded",
    level: "warning",
    summary: "Trail's selectors exclude management events, or their reads or writes",
    tags: ["security", "cloudtrail"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "high",
    messages: {
      none: "Trail {{trail}} records no management events: its selectors exclude them.",
      onlyRead: "Trail {{trail}} records only read management events: changes to the account go unrecorded.",
      onlyWrite: "Trail {{trail}} records only write management events: reads (Describe, Get, List) go unrecorded.",
      unknown: "Trail {{trail}}: which management events its selectors record cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    for (const trail of ctx.model.trails) {
      const data = { trail: trail.label };
      const s = trail.selectors;
      if (s.kind === "unknown") {
        ctx.review(s, { messageId: "unknown", data, entity: trail });
        continue;
      }
      const c = managementCoverage(s.value);
      if (c.read === "yes" && c.write === "yes") continue;
      if (c.read === "unknown" || c.write === "unknown") {
        ctx.review({ kind: "unknown", reason: "unsupported-expression", loc: s.loc }, { messageId: "unknown", data, entity: trail });
        continue;
      }
      const messageId = c.read === "no" && c.write === "no" ? "none" : c.read === "no" ? "onlyWrite" : "onlyRead";
      ctx.report({ messageId, data, at: s, entity: trail });
    }
  },
});

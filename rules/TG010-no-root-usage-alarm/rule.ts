import { defineRule } from "../../src/engine/rule.ts";
import { monitorsRootUsage } from "../../src/semantics/monitoring/index.ts";
import { memoized, trailMonitoring } from "../../src/semantics/trail-monitoring.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG010",
    ...factsOf("TG010"),
    name: "no-root-usage-alarm",
    level: "warning",
    summary: "No alarm notifies anyone of root-user activity",
    tags: ["security", "cloudtrail", "monitoring"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "high",
    messages: {
      "no-filter": "Trail {{trail}}: no metric filter on its log group matches a root-user call without also matching IAM users.",
      "no-alarm": "Trail {{trail}}: the root-usage metric filter has no alarm on its metric.",
      "alarm-never-fires": "Trail {{trail}}: the root-usage alarm does not fire on a single root-user call (check its statistic, threshold and comparison).",
      "no-notification": "Trail {{trail}}: the root-usage alarm notifies no one (no enabled SNS action{{live}}).",
      unknown: "Trail {{trail}}: whether root-user activity raises an alarm cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    const live = ctx.model.account.source === "live";
    const monitors = memoized(monitorsRootUsage);
    for (const trail of ctx.model.trails) {
      const data = { trail: trail.label, live: live ? " with a confirmed subscription" : "" };
      const m = trailMonitoring(ctx.model, trail, monitors);
      if (m.kind === "skip") continue;
      if (m.kind === "unknown") {
        ctx.review(m.at, { messageId: "unknown", data, entity: trail });
        continue;
      }
      const { chain } = m;
      if (chain.verdict === "yes") continue;
      const related = [...chain.filters, ...chain.alarms].map((e) => ({ at: e, message: `${e.type} ${e.label}` }));
      if (chain.verdict === "unknown") ctx.review({ kind: "unknown", reason: "unsupported-expression", loc: m.at.loc }, { messageId: "unknown", data, entity: trail, related });
      else ctx.report({ messageId: chain.gap!, data, at: m.at, entity: trail, related, key: "root-usage" });
    }
  },
});

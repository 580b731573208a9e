import { defineRule } from "../../src/engine/rule.ts";
import { eventClass, isMonitoringClassId, monitorsClass } from "../../src/semantics/monitoring/index.ts";
import { memoized, trailMonitoring } from "../../src/semantics/trail-monitoring.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG019",
    ...factsOf("TG019"),
    name: "monitoring-alarm-missing",
    level: "warning",
    summary: "A monitored event class has no metric filter, alarm and notification",
    tags: ["security", "cloudtrail", "monitoring"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "high",
    messages: {
      "no-filter": "Trail {{trail}}: no metric filter on its log group monitors {{title}} ({{class}}).",
      "no-alarm": "Trail {{trail}}: the metric filter for {{title}} ({{class}}) has no alarm on its metric.",
      "alarm-never-fires": "Trail {{trail}}: the alarm for {{title}} ({{class}}) does not fire on a single event.",
      "no-notification": "Trail {{trail}}: the alarm for {{title}} ({{class}}) notifies no one.",
      unknown: "Trail {{trail}}: whether {{title}} ({{class}}) raises an alarm cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    for (const id of ctx.settings.monitoring) {
      if (!isMonitoringClassId(id)) continue;
      const cls = eventClass(id);
      const monitors = memoized((p) => monitorsClass(p, id));
      for (const trail of ctx.model.trails) {
        const data = { trail: trail.label, class: id, title: cls.title };
        const m = trailMonitoring(ctx.model, trail, monitors);
        if (m.kind === "skip") continue;
        if (m.kind === "unknown") {
          ctx.review(m.at, { messageId: "unknown", data, entity: trail, key: id });
          continue;
        }
        const { chain } = m;
        if (chain.verdict === "yes") continue;
        const related = [...chain.filters, ...chain.alarms].map((e) => ({ at: e, message: `${e.type} ${e.label}` }));
        if (chain.verdict === "unknown") ctx.review({ kind: "unknown", reason: "unsupported-expression", loc: m.at.loc }, { messageId: "unknown", data, entity: trail, related, key: id });
        else ctx.report({ messageId: chain.gap!, data, at: m.at, entity: trail, related, key: id });
      }
    }
  },
});

import { defineRule } from "../../src/engine/rule.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

const DAY_MS = 24 * 60 * 60 * 1000;

export default defineRule({
  meta: {
    id: "TG005",
    ...factsOf("TG005"),
    name: "no-cloudwatch-logs",
    level: "warning",
    summary: "Trail does not send its events to CloudWatch Logs",
    tags: ["security", "cloudtrail", "monitoring"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "very-high",
    messages: {
      noLogGroup: "Trail {{trail}} sends no events to CloudWatch Logs: no real-time alerting is possible.",
      noRole: "Trail {{trail}} names a CloudWatch Logs log group but no role to deliver to it.",
      deliveryError: "Trail {{trail}} fails to deliver to CloudWatch Logs: {{error}}.",
      stale: "Trail {{trail}} has delivered nothing to CloudWatch Logs in the last 24 hours (last delivery {{time}}).",
      unknown: "Trail {{trail}}: its CloudWatch Logs link cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    const now = Date.now();
    for (const trail of ctx.model.trails) {
      const data = { trail: trail.label };
      const group = trail.cloudWatchLogsGroupArn;
      const role = trail.cloudWatchLogsRoleArn;
      if (group.kind === "unknown") {
        ctx.review(group, { messageId: "unknown", data, entity: trail });
        continue;
      }
      if (!group.value) {
        ctx.report({ messageId: "noLogGroup", data, at: group, entity: trail });
        continue;
      }
      if (role.kind === "unknown") ctx.review(role, { messageId: "unknown", data, entity: trail });
      else if (!role.value) ctx.report({ messageId: "noRole", data, at: role, entity: trail });
      const status = trail.status;
      if (!status) continue;
      const err = status.latestCloudWatchLogsDeliveryError;
      if (err.kind === "known" && err.value) ctx.report({ messageId: "deliveryError", data: { ...data, error: err.value }, at: err, entity: trail, key: "delivery-error" });
      const time = status.latestCloudWatchLogsDeliveryTime;
      if (time.kind === "known" && time.value && now - Date.parse(time.value) > DAY_MS)
        ctx.report({ messageId: "stale", data: { ...data, time: time.value }, at: time, entity: trail, key: "stale" });
    }
  },
});

import { defineRule } from "../../src/engine/rule.ts";
import { trailsByBucket } from "../../src/model/query.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG015",
    ...factsOf("TG015"),
    name: "log-bucket-access-logging-disabled",
    level: "warning",
    summary: "Log bucket has no server access logging",
    tags: ["security", "cloudtrail", "s3"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "very-high",
    messages: {
      off: "Bucket {{bucket}} stores the logs of trail {{trail}} but has no server access logging: reads and deletions of the logs leave no trace.",
      unknown: "Bucket {{bucket}}: whether server access logging is on cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    for (const [bucket, trails] of trailsByBucket(ctx.model.trails)) {
      const data = { bucket: bucket.label, trail: trails.map((t) => t.label).join(", ") };
      const related = trails.map((t) => ({ at: t, message: `trail ${t.label} writes its logs here` }));
      const v = bucket.accessLogging;
      if (v.kind === "unknown") ctx.review(v, { messageId: "unknown", data, entity: bucket, related });
      else if (!v.value) ctx.report({ messageId: "off", data, at: v, entity: bucket, related });
    }
  },
});

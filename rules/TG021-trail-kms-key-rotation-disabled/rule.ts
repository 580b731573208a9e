import { defineRule, requireOn } from "../../src/engine/rule.ts";
import type { Key } from "../../src/model/entities.ts";
import { target } from "../../src/model/query.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";
import { withParts } from "../doc-parts.ts";

export default defineRule({
  meta: {
    id: "TG021",
    ...factsOf("TG021"),
    name: "trail-kms-key-rotation-disabled",
    level: "warning",
    summary: "The trail's KMS key does not rotate automatically",
    tags: ["security", "cloudtrail", "kms"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "very-high",
    messages: {
      off: "KMS key {{key}} encrypts the logs of {{trail}} but has automatic rotation off.",
      unknown: "KMS key {{key}}: whether automatic rotation is on cannot be determined.",
    },
    fix: "safe",
  },
  doc: withParts(doc),
  check(ctx) {
    const users = new Map<Key, string[]>();
    for (const holder of [...ctx.model.trails, ...ctx.model.eventDataStores]) {
      const key = target(holder.kmsKey);
      if (key) users.set(key, [...(users.get(key) ?? []), holder.label]);
    }
    for (const [key, names] of users) {
      // Rotation applies to customer-managed symmetric keys only.
      if (key.customerManaged.kind !== "known" || !key.customerManaged.value) continue;
      if (key.keySpec.kind !== "known" || key.keySpec.value !== "SYMMETRIC_DEFAULT") continue;
      const data = { key: key.label, trail: names.join(", ") };
      requireOn(ctx, key.rotationEnabled, { off: "off", unknown: "unknown", data, entity: key });
    }
  },
});

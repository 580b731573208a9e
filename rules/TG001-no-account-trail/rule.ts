import { defineRule } from "../../src/engine/rule.ts";
import type { EventDataStore, Trail } from "../../src/model/entities.ts";
import type { Sourced } from "../../src/model/sourced.ts";
import { managementCoverage } from "../../src/semantics/selectors.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

type Verdict = "yes" | "no" | "unknown";

function all(...vs: Verdict[]): Verdict {
  if (vs.includes("no")) return "no";
  return vs.includes("unknown") ? "unknown" : "yes";
}

function isTrue(v: Sourced<boolean>): Verdict {
  return v.kind === "unknown" ? "unknown" : v.value ? "yes" : "no";
}

function recordsManagement(holder: Trail | EventDataStore): Verdict {
  const s = holder.selectors;
  if (s.kind === "unknown") return "unknown";
  const c = managementCoverage(s.value);
  return all(c.read, c.write);
}

/** Does this trail keep the account's audit log: multi-region, logging, all management events? */
function trailQualifies(t: Trail): Verdict {
  return all(isTrue(t.isMultiRegion), isTrue(t.isLogging), recordsManagement(t));
}

function storeQualifies(s: EventDataStore): Verdict {
  return all(isTrue(s.isMultiRegion), isTrue(s.ingesting), recordsManagement(s));
}

export default defineRule({
  meta: {
    id: "TG001",
    ...factsOf("TG001"),
    name: "no-account-trail",
    level: "error",
    summary: "No multi-region trail records the account's management events",
    tags: ["security", "cloudtrail"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "high",
    messages: {
      missing:
        "requireTrail is set, but the scanned configuration defines no trail or event data store that is multi-region, logging and records read and write management events.",
      missingLive:
        "Account {{account}} has no trail or event data store that is multi-region, logging and records read and write management events: only the 90-day Event History exists.",
      unknown: "Whether a trail keeps the account's management events cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    const account = ctx.model.account;
    const live = account.source === "live";
    if (!live && !(ctx.settings.requireTrail && account.requireTrailAt)) return;
    const verdicts = [...ctx.model.trails.map(trailQualifies), ...ctx.model.eventDataStores.map(storeQualifies)];
    if (verdicts.includes("yes")) return;
    const related = ctx.model.trails.map((t) => ({ at: t, message: `trail ${t.label} does not qualify` }));
    if (verdicts.includes("unknown")) {
      ctx.review({ kind: "unknown", reason: "unsupported-expression", loc: account.requireTrailAt ?? account.loc }, { messageId: "unknown", entity: account, related });
      return;
    }
    if (live) ctx.report({ messageId: "missingLive", data: { account: account.label }, at: account, related });
    else if (account.requireTrailAt)
      ctx.report({ messageId: "missing", at: { kind: "known", value: true, origin: "explicit", loc: account.requireTrailAt }, entity: account, related });
  },
});

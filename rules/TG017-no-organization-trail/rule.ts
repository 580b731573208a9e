import { defineRule } from "../../src/engine/rule.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

export default defineRule({
  meta: {
    id: "TG017",
    ...factsOf("TG017"),
    name: "no-organization-trail",
    level: "warning",
    summary: "Organization has no organization trail",
    tags: ["security", "cloudtrail", "organizations"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "high",
    messages: {
      missing: "No organization trail is defined, although the configuration says this is an AWS Organizations management account.",
      missingLive: "Account {{account}} manages an AWS Organization but no organization trail exists: member accounts can stop their own trails.",
    },
  },
  doc,
  check(ctx) {
    const account = ctx.model.account;
    const trails = ctx.model.trails;
    // An organization trail whose flag is unknown might be one: unknown is not bad.
    if (trails.some((t) => t.isOrganizationTrail.kind === "unknown" || t.isOrganizationTrail.value)) return;
    if (account.source === "live") {
      const role = account.orgRole;
      if (role?.kind === "known" && (role.value === "management" || role.value === "delegated-admin"))
        ctx.report({ messageId: "missingLive", data: { account: account.label }, at: account });
      return;
    }
    if (ctx.settings.organization && account.organizationAt)
      ctx.report({ messageId: "missing", at: { kind: "known", value: true, origin: "explicit", loc: account.organizationAt }, entity: account });
  },
});

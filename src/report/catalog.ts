import type { Rule } from "../engine/rule.ts";
import { ruleHelpUri } from "../version.ts";

export function ruleJson(r: Rule) {
  const m = r.meta;
  return {
    id: m.id,
    name: m.name,
    level: m.level,
    securitySeverity: m.securitySeverity,
    summary: m.summary,
    tags: [...m.tags],
    controls: { cis: [...(m.controls.cis ?? [])], securityHub: [...(m.controls.securityHub ?? [])] },
    equivalents: { checkov: [...(m.equivalents.checkov ?? [])], trivy: [...(m.equivalents.trivy ?? [])], prowler: [...(m.equivalents.prowler ?? [])] },
    appliesTo: [...m.appliesTo],
    fixable: m.fix === "safe",
    helpUri: ruleHelpUri(m.id, m.name),
  };
}

const SOURCES: Record<string, string> = { terraform: "TF", plan: "plan", cloudformation: "CFN", live: "live" };

/** The rule table of the README and of `trailguard rules --format markdown`. */
export function rulesMarkdown(rules: readonly Rule[]): string {
  const rows = rules.map((r) => {
    const m = r.meta;
    const controls = [...(m.controls.cis ?? []).map((c) => `CIS ${c}`), ...(m.controls.securityHub ?? [])].join(", ") || "-";
    return `| [${m.id}](rules/${m.id}-${m.name}/doc.md) | ${m.name} | ${m.level} | ${m.summary} | ${m.appliesTo.map((s) => SOURCES[s]).join(", ")} | ${controls} |`;
  });
  return ["| ID | name | level | checks | sources | controls |", "|---|---|---|---|---|---|", ...rows].join("\n") + "\n";
}

export function rulesText(rules: readonly Rule[]): string {
  const w = Math.max(...rules.map((r) => r.meta.name.length));
  return rules.map((r) => `${r.meta.id}  ${r.meta.name.padEnd(w)}  ${r.meta.level.padEnd(7)}  ${r.meta.summary}`).join("\n") + "\n";
}

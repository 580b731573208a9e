import facts from "./facts.json" with { type: "json" };

interface Facts {
  readonly cis: readonly string[];
  readonly securityHub: readonly string[];
  readonly checkov: readonly string[];
  readonly trivy: readonly string[];
  readonly prowler: readonly string[];
  readonly securitySeverity: number;
}

/** A rule's controls, equivalent checks of other tools and SARIF security-severity, from facts.json
 * (reviewed data; facts.md says where each ID was verified). */
export function factsOf(id: keyof typeof facts) {
  const f: Facts = facts[id];
  return {
    securitySeverity: f.securitySeverity,
    controls: { cis: f.cis, securityHub: f.securityHub },
    equivalents: { checkov: f.checkov, trivy: f.trivy, prowler: f.prowler },
  };
}

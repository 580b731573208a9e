/** Replaced by the bundler with package.json's version; the fallback serves tests run from source. */
declare const __TRAILGUARD_VERSION__: string | undefined;
export const VERSION: string = typeof __TRAILGUARD_VERSION__ === "string" ? __TRAILGUARD_VERSION__ : "0.1.0";
export const HOMEPAGE = "https://github.com/trailguard/trailguard";
export function ruleHelpUri(id: string, name: string): string {
  return `${HOMEPAGE}/blob/v${VERSION}/rules/${id}-${name}/doc.md`;
}

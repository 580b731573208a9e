import type { Level } from "./rule.ts";

/** The public rule catalog (IDs, names, default levels): a contract, never renumbered. */
export const CATALOG: readonly (readonly [id: string, name: string, level: Level])[] = [
  ["TG001", "no-account-trail", "error"],
  ["TG002", "single-region-trail", "error"],
  ["TG003", "log-file-validation-disabled", "error"],
  ["TG004", "trail-not-logging", "error"],
  ["TG005", "no-cloudwatch-logs", "warning"],
  ["TG006", "sensitive-bucket-without-data-events", "error"],
  ["TG007", "log-bucket-deletable", "error"],
  ["TG008", "log-bucket-public", "error"],
  ["TG009", "log-bucket-short-retention", "warning"],
  ["TG010", "no-root-usage-alarm", "warning"],
  ["TG011", "trail-not-kms-encrypted", "warning"],
  ["TG012", "insights-disabled", "note"],
  ["TG013", "management-events-excluded", "warning"],
  ["TG014", "global-service-events-excluded", "warning"],
  ["TG015", "log-bucket-access-logging-disabled", "warning"],
  ["TG016", "log-bucket-policy-blocks-delivery", "error"],
  ["TG017", "no-organization-trail", "warning"],
  ["TG018", "trail-delivery-failing", "error"],
  ["TG019", "monitoring-alarm-missing", "warning"],
  ["TG020", "trail-kms-key-policy-blocks-cloudtrail", "error"],
  ["TG021", "trail-kms-key-rotation-disabled", "warning"],
  ["TG022", "log-digest-missing", "error"],
  ["TG023", "log-digest-signature-invalid", "error"],
  ["TG024", "log-file-missing", "error"],
  ["TG025", "log-file-modified", "error"],
  ["TG026", "log-file-unlisted", "warning"],
  ["TG027", "log-digest-gap", "error"],
];

/** The catalog ID for an ID or a name, case-insensitive; null when it names no rule. */
export function ruleIdOf(idOrName: string): string | null {
  const s = idOrName.trim();
  const hit = CATALOG.find(([id, name]) => id === s.toUpperCase() || name === s.toLowerCase());
  return hit ? hit[0] : null;
}

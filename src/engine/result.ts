import type { Loc } from "../model/location.ts";
import type { Level } from "./rule.ts";
import type { Origin } from "../model/sourced.ts";
import type { FixRequest } from "./fix.ts";

export interface RelatedLocation {
  readonly loc: Loc;
  readonly message: string;
}

export interface Suppression {
  readonly kind: "inSource" | "external";
  readonly reason: string;
}

/** One finding, from rule to report. */
export interface Result {
  readonly ruleId: string;
  readonly ruleName: string;
  /** Which of the rule's messages (for tests and tooling; not part of the output contract). */
  readonly messageId: string;
  readonly kind: "fail" | "review";
  /** The effective level (after config and --rule); a review is reported as `note` in text and JSON. */
  readonly level: Level;
  readonly message: string;
  readonly loc: Loc;
  readonly related: readonly RelatedLocation[];
  /** The entity concerned: its address (as written), instances, ARN, account and region. */
  readonly address: string;
  readonly instances: readonly string[] | null;
  readonly arn: string | null;
  readonly entityArn: string | null;
  readonly account: string | null;
  readonly region: string | null;
  readonly key: string;
  readonly fingerprint: string;
  readonly fixable: boolean;
  /** The fix a rule asked for (lowered to a text edit by the scan). */
  readonly fix: { readonly request: FixRequest; readonly origin: Origin } | null;
  readonly suppression: Suppression | null;
}

export type NotificationLevel = "error" | "warning" | "note";

export interface Notification {
  readonly level: NotificationLevel;
  readonly id: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export interface Summary {
  error: number;
  warning: number;
  note: number;
  review: number;
  suppressed: number;
  baselined: number;
  files: number;
}

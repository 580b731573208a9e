import type { ResolvedConfig } from "./config/config.ts";
import type { Notification, Result, Summary } from "./engine/result.ts";
import type { Level, Rule } from "./engine/rule.ts";

/** Everything a reporter needs: a pure description of one run. */
export interface RunResult {
  readonly version: string;
  readonly category: "iac" | "live";
  /** SARIF automationDetails.id */
  readonly automationId: string;
  readonly results: readonly Result[];
  readonly notifications: readonly Notification[];
  readonly summary: Summary;
  readonly rules: readonly Rule[];
  /** Effective level of each registered rule ("off" when disabled). */
  readonly levels: ReadonlyMap<string, Level | "off">;
  readonly config: ResolvedConfig;
  /** 0, 1 or 2 as cli.md defines them. */
  readonly exitCode: 0 | 1 | 2;
  /** The PATHs as given (for "No IaC files found under PATH."). */
  readonly paths: readonly string[];
}

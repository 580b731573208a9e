import type { ResolvedConfig } from "./config/config.ts";
import type { Notification, Result, Summary } from "./engine/result.ts";
import type { Level, Rule } from "./engine/rule.ts";
import type { TextEdit } from "./engine/fix.ts";

/** One result's fix: an edit of a file as it was read. */
export interface FileFix {
  readonly file: string;
  readonly edit: TextEdit;
  /** The file's text the edit applies to. */
  readonly before: string;
  /** What the fix does, when "Add the setting" / "Change the value" would not say it. */
  readonly description?: string;
}

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
  /** Text edits for fixable results, by fingerprint (IaC scans). */
  readonly fixes?: ReadonlyMap<string, FileFix>;
  /** The PATHs as given (for "No IaC files found under PATH."). */
  readonly paths: readonly string[];
}

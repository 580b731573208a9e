import type { Loc } from "../model/location.ts";
import type { Level, RuleSettings } from "../engine/rule.ts";

export interface ConfigSuppression {
  readonly ruleId: string;
  readonly resource: string;
  readonly reason: string | null;
  /** Last day it applies (UTC, YYYY-MM-DD), or null. */
  readonly expires: string | null;
  readonly loc: Loc;
}

/** The configuration as the run uses it. */
export interface ResolvedConfig {
  /** The config file, relative to the working directory, or null. */
  readonly file: string | null;
  /** Absolute folder ignorePaths are relative to. */
  readonly dir: string;
  readonly levels: ReadonlyMap<string, Level | "off">;
  readonly settings: RuleSettings;
  readonly ignorePaths: readonly string[];
  readonly suppressions: readonly ConfigSuppression[];
  readonly requireTrailAt?: Loc;
  readonly organizationAt?: Loc;
}

export const DEFAULT_SETTINGS: RuleSettings = {
  minRetentionDays: 365,
  requireTrail: false,
  organization: false,
  sensitiveBuckets: { tags: null, names: [] },
  monitoring: ["cloudtrail-changes"],
};


export function defaultConfig(dir: string): ResolvedConfig {
  return { file: null, dir, levels: new Map(), settings: DEFAULT_SETTINGS, ignorePaths: [], suppressions: [] };
}

export class ConfigError extends Error {}

/**
 * Live scans: read AWS accounts (read-only calls only) into the same model the IaC adapters fill,
 * run the same rules, and describe the run exactly as `scan()` does.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { rules as allRules } from "../rules/index.ts";
import { defaultConfig, type ResolvedConfig } from "./config/config.ts";
import { findConfig, loadConfig } from "./config/load.ts";
import { ruleIdOf } from "./engine/catalog.ts";
import { effectiveLevel, failing, processResults, summarize } from "./engine/pipeline.ts";
import type { Notification, Result } from "./engine/result.ts";
import type { Level } from "./engine/rule.ts";
import { runRules, type RawResult } from "./engine/run.ts";
import { readBaseline, UsageError } from "./index.ts";
import type { AccountsRead, ReadOptions } from "./adapters/live/read.ts";
import type { RunResult } from "./run-result.ts";
import { VERSION } from "./version.ts";

/** Account-regions in flight at once, unless --concurrency says otherwise. */
export const DEFAULT_CONCURRENCY = 16;

export interface LiveScanOptions {
  readonly cwd?: string;
  readonly config?: string;
  readonly strict?: boolean;
  readonly ruleLevels?: readonly (readonly [string, Level | "off"])[];
  readonly failOn?: Level | "none";
  readonly baseline?: string;
  readonly now?: Date;
  /** A profile of the shared AWS config files (else AWS_PROFILE, else the default chain). */
  readonly profile?: string;
  /** Default: the regions enabled for each account. */
  readonly regions?: "all" | readonly string[];
  readonly roleArns?: readonly string[];
  readonly org?: boolean;
  readonly roleName?: string;
  readonly concurrency?: number;
  readonly shard?: { readonly index: number; readonly count: number };
  /** The repository file live SARIF results point at; default: the configuration file. */
  readonly anchor?: string;
  /** Called a few times a second with a one-line progress report, and once more when done (the CLI passes it only for a TTY). */
  readonly onProgress?: (line: string, done: boolean) => void;
  /** --diff-base: live results have no line in a changed file, so it drops them all. */
  readonly changedLines?: ReadonlyMap<string, readonly (readonly [number, number])[]>;
}

const ROLE_ARN = /^arn:[a-z-]+:iam::\d{12}:role\/.+$/;
const REGION = /^[a-z]{2,}(-[a-z]+)+-\d+$/;

/** The usage errors of the live options (shared by `verify`). */
export function validateLive(o: LiveScanOptions): void {
  if (o.org && !o.roleName) throw new UsageError("--org needs --role-name: the role to assume in each member account");
  if (o.roleName && !o.org) throw new UsageError("--role-name is only used with --org");
  if (o.org && o.roleArns?.length) throw new UsageError("--org and --role-arn cannot be combined");
  for (const arn of o.roleArns ?? []) if (!ROLE_ARN.test(arn)) throw new UsageError(`--role-arn: not an IAM role ARN: ${arn}`);
  if (Array.isArray(o.regions)) {
    if (!o.regions.length) throw new UsageError("--regions: name at least one region, or use all");
    for (const r of o.regions) if (!REGION.test(r)) throw new UsageError(`--regions: not a region name: ${r}`);
  }
  if (o.concurrency !== undefined && (!Number.isInteger(o.concurrency) || o.concurrency < 1)) throw new UsageError("--concurrency: expected a whole number of 1 or more");
  const s = o.shard;
  if (s && (!Number.isInteger(s.index) || !Number.isInteger(s.count) || s.count < 1 || s.index < 1 || s.index > s.count)) throw new UsageError("--shard: expected I/N with 1 <= I <= N");
}

function liveConfig(options: Pick<LiveScanOptions, "config">, cwd: string): ResolvedConfig {
  if (options.config) {
    const file = path.resolve(cwd, options.config);
    if (!existsSync(file)) throw new UsageError(`--config: cannot read ${options.config}`);
    return loadConfig(file, cwd);
  }
  const found = findConfig(cwd);
  return found ? loadConfig(found, cwd) : defaultConfig(cwd);
}

/** Each notification said once (a rule that fails in every account fails the same way), in a stable order. */
export function onceEach(notifications: readonly Notification[]): Notification[] {
  return [...new Map(notifications.map((n) => [`${n.level}\u0000${n.id}\u0000${n.message}`, n])).values()].sort((a, b) => a.id.localeCompare(b.id) || a.message.localeCompare(b.message));
}

/** `--rule` levels by rule ID; an unknown rule is a usage error. */
function ruleOverrides(levels: LiveScanOptions["ruleLevels"]): Map<string, Level | "off"> {
  const overrides = new Map<string, Level | "off">();
  for (const [name, level] of levels ?? []) {
    const id = ruleIdOf(name);
    if (!id) throw new UsageError(`--rule: unknown rule '${name}'`);
    overrides.set(id, level);
  }
  return overrides;
}

/** What a live run (scan --live, verify) works with once its options are valid: configuration, rule levels, baseline. */
export interface LiveSetup {
  readonly config: ResolvedConfig;
  levelOf(id: string, level: Level): Level | "off";
  /** The rules' raw results → the results every reporter shows. */
  process(raw: readonly RawResult[]): ReturnType<typeof processResults>;
}

export function liveSetup(options: LiveScanOptions): LiveSetup {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const config = liveConfig(options, cwd);
  const overrides = ruleOverrides(options.ruleLevels);
  const baseline = options.baseline ? readBaseline(options.baseline, cwd) : null;
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  return {
    config,
    levelOf: (id, level) => effectiveLevel(id, level, { config, overrides }),
    process: (raw) => processResults(raw, [], { config, overrides, strict: !!options.strict, reportFiles: null, baseline, today }),
  };
}

/** The options of the account plan's read: credentials, Regions, accounts, concurrency, shard, progress. */
export function accountReadOptions(options: LiveScanOptions, concurrency: number): ReadOptions {
  return {
    ...(options.profile ? { profile: options.profile } : {}),
    regions: options.regions ?? "enabled",
    roleArns: options.roleArns ?? [],
    org: !!options.org,
    roleName: options.roleName ?? null,
    concurrency,
    shard: options.shard ?? null,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}

/** A live run described as `scan()` describes a scan; `subject` names it in the warning about a missing anchor. */
export function liveRunResult(o: {
  readonly subject: "Live" | "Verify";
  readonly options: LiveScanOptions;
  readonly setup: LiveSetup;
  readonly read: AccountsRead;
  readonly readable: number;
  readonly results: Result[];
  readonly baselined: number;
  readonly notifications: readonly Notification[];
}): RunResult {
  const { config, levelOf } = o.setup;
  const notifications = [...o.notifications];
  if (!(o.options.anchor ?? config.file))
    notifications.push({ level: "warning", id: "no-anchor", message: `${o.subject} results have no file to point at: GitHub code scanning rejects SARIF results without a physical location; pass --anchor FILE or keep a .trailguard.yml.` });
  // Exit 2 when no account could be read; a shard that holds no account is not a failure.
  const nothingRead = !o.read.planned || (o.read.targets > 0 && o.readable === 0);
  return {
    version: VERSION,
    category: "live",
    automationId: o.read.automationId,
    results: o.results,
    notifications: onceEach(notifications),
    summary: summarize(o.results, o.baselined, o.readable),
    rules: allRules,
    levels: new Map(allRules.map((r) => [r.meta.id, levelOf(r.meta.id, r.meta.level)] as const)),
    config,
    exitCode: nothingRead ? 2 : failing(o.results, o.options.failOn ?? "error") ? 1 : 0,
    paths: [],
  };
}

/** Scan live AWS accounts: the programmatic API behind `trailguard scan --live`. */
export async function scanLive(options: LiveScanOptions = {}): Promise<RunResult> {
  validateLive(options);
  const setup = liveSetup(options);

  // The AWS SDK loads here, and only for live scans.
  const { readAccounts } = await import("./adapters/live/read.ts");
  const read = await readAccounts(accountReadOptions(options, options.concurrency ?? DEFAULT_CONCURRENCY));
  const accounts = read.accounts;

  const active = allRules.filter((r) => r.meta.appliesTo.includes("live") && !r.meta.verify && setup.levelOf(r.meta.id, r.meta.level) !== "off");
  const raw: RawResult[] = [];
  const ruleNotes: Notification[] = [];
  for (const a of accounts) {
    const ran = runRules(a.model, active, setup.config.settings);
    raw.push(...ran.results);
    ruleNotes.push(...ran.notifications);
  }
  const processed = setup.process(raw);
  return liveRunResult({
    subject: "Live",
    options,
    setup,
    read,
    readable: accounts.filter((a) => a.readable).length,
    results: options.changedLines ? [] : processed.results,
    baselined: processed.baselined,
    notifications: [...read.notifications, ...ruleNotes, ...processed.notifications],
  });
}

// ---------------------------------------------------------------- the command line's live options

/** The live options of `scan`, as the command line gives them. */
export interface LiveFlags {
  live?: boolean;
  profile?: string;
  regions?: string;
  roleArn?: string[];
  org?: boolean;
  roleName?: string;
  concurrency?: string;
  shard?: string;
  anchor?: string;
}

const LIVE_ONLY = ["profile", "regions", "org", "roleName", "concurrency", "shard", "anchor"] as const;
const FLAG_NAMES: Record<(typeof LIVE_ONLY)[number], string> = {
  profile: "--profile", regions: "--regions", org: "--org", roleName: "--role-name", concurrency: "--concurrency", shard: "--shard", anchor: "--anchor",
};

function parseShard(v: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  if (!m) throw new UsageError(`--shard ${v}: expected I/N, e.g. 2/4`);
  return { index: Number(m[1]), count: Number(m[2]) };
}

function parseConcurrency(v: string): number {
  if (!/^\d+$/.test(v.trim())) throw new UsageError(`--concurrency ${v}: expected a whole number of 1 or more`);
  return Number(v);
}

/** Usage errors cli.md names (a PATH with --live; live options without it), then the options for scanLive. */
export function liveScanOptions(paths: readonly string[], flags: LiveFlags, common: Omit<LiveScanOptions, keyof LiveFlags>): LiveScanOptions | null {
  if (!flags.live) {
    const stray = LIVE_ONLY.find((k) => flags[k] !== undefined) ?? (flags.roleArn?.length ? "roleArn" : undefined);
    if (stray) throw new UsageError(`${stray === "roleArn" ? "--role-arn" : FLAG_NAMES[stray]} is an option of live scans: add --live`);
    return null;
  }
  if (paths.length) throw new UsageError(`--live scans AWS accounts, not files: remove ${paths.join(" ")}`);
  return { ...common, ...liveFlagOptions(flags) };
}

/** The live options as the command line gives them (`scan --live`, `verify`), parsed. */
export function liveFlagOptions(flags: LiveFlags): LiveScanOptions {
  const regions = flags.regions === undefined ? undefined : flags.regions.trim() === "all" ? ("all" as const) : flags.regions.split(",").map((r) => r.trim()).filter(Boolean);
  return {
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(regions !== undefined ? { regions } : {}),
    ...(flags.roleArn?.length ? { roleArns: flags.roleArn } : {}),
    ...(flags.org ? { org: true } : {}),
    ...(flags.roleName ? { roleName: flags.roleName } : {}),
    ...(flags.concurrency !== undefined ? { concurrency: parseConcurrency(flags.concurrency) } : {}),
    ...(flags.shard !== undefined ? { shard: parseShard(flags.shard) } : {}),
    ...(flags.anchor ? { anchor: flags.anchor } : {}),
  };
}

/** The file live SARIF results point at, relative to the working directory. */
export function liveAnchor(run: RunResult, flags: LiveFlags, cwd: string): string | null {
  const anchor = flags.anchor ?? run.config.file;
  if (!anchor) return null;
  return path.relative(cwd, path.resolve(cwd, anchor)).split(path.sep).join("/");
}

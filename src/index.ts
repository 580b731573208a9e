import { readFileSync, statSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { rules as allRules } from "../rules/index.ts";
import { defaultConfig, type ResolvedConfig } from "./config/config.ts";
import { findConfig, loadConfig } from "./config/load.ts";
import { classifyText, kindByName, looksBinary, type FileKind } from "./discover/classify.ts";
import { relPath } from "./discover/paths.ts";
import { walk, type Candidate } from "./discover/walk.ts";
import { terraformHost } from "./discover/terraform-host.ts";
import { contextFor } from "./discover/context.ts";
import { ruleIdOf } from "./engine/catalog.ts";
import { effectiveLevel, failing, processResults, summarize } from "./engine/pipeline.ts";
import type { Notification, Result } from "./engine/result.ts";
import type { Level } from "./engine/rule.ts";
import { runRules } from "./engine/run.ts";
import type { RunResult } from "./run-result.ts";
import { lowerFixes } from "./scan/fixes.ts";
import { analyze, type SourceFile } from "./scan/analyze.ts";
import { VERSION } from "./version.ts";
import { UsageError } from "./errors.ts";

export type { RunResult } from "./run-result.ts";
export { ConfigError } from "./config/config.ts";

export interface ScanOptions {
  readonly paths?: readonly string[];
  readonly cwd?: string;
  readonly config?: string;
  readonly strict?: boolean;
  /** --rule ID=LEVEL, IDs or names. */
  readonly ruleLevels?: readonly (readonly [string, Level | "off"])[];
  readonly failOn?: Level | "none";
  readonly baseline?: string;
  /** Today (UTC) for suppression expiry; defaults to the clock. */
  readonly now?: Date;
  /** Terraform `-var NAME=VALUE` and `-var-file FILE`, as terraform takes them. */
  readonly vars?: readonly string[];
  readonly varFiles?: readonly string[];
  /** The environment (for TF_VAR_ variables); defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * --diff-base: changed line ranges (1-based, inclusive) per file relative to `cwd`. When set, only
   * results whose region meets a changed range are kept (before the summary and the exit status);
   * results without a line (account-level, live) are dropped.
   */
  readonly changedLines?: ReadonlyMap<string, readonly (readonly [number, number])[]>;
}

export { UsageError } from "./errors.ts";

const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Scan IaC files: the programmatic API used by the CLI, the Action and the tests. */
export async function scan(options: ScanOptions = {}): Promise<RunResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const paths = options.paths?.length ? options.paths : ["."];
  const absPaths = paths.map((p) => path.resolve(cwd, p));
  for (const [i, p] of absPaths.entries()) {
    try {
      await stat(p);
    } catch {
      throw new UsageError(`path does not exist: ${paths[i]}`);
    }
  }
  const config = resolveConfig(options, absPaths[0]!, cwd);
  const overrides = new Map<string, Level | "off">();
  for (const [name, level] of options.ruleLevels ?? []) {
    const id = ruleIdOf(name);
    if (!id) throw new UsageError(`--rule: unknown rule '${name}'`);
    overrides.set(id, level);
  }

  // File PATHs (pre-commit): the current folder gives the context; results are reported for the given files.
  const filePaths: string[] = [];
  const folderPaths: string[] = [];
  for (const p of absPaths) ((await stat(p)).isDirectory() ? folderPaths : filePaths).push(p);
  const walkRoots = filePaths.length ? [...new Set([cwd, ...folderPaths])] : folderPaths;
  const walked = walk([...walkRoots, ...filePaths], cwd, config.ignorePaths, config.dir);
  const candidates = filePaths.length ? contextFor(walked, new Set(filePaths), folderPaths) : walked;
  const explicitFiles = new Set(filePaths.map((p) => relPath(p, cwd)));
  // A given .tfvars file selects every result of the root module it feeds.
  const varsFolders = filePaths.filter((p) => /\.tfvars(\.json)?$/.test(p)).map((p) => path.dirname(p));
  const reportable = (rel: string): boolean =>
    !filePaths.length ||
    explicitFiles.has(rel) ||
    [...folderPaths, ...varsFolders].some((f) => !path.relative(f, path.resolve(cwd, rel)).startsWith(".."));

  const { files, notifications: readNotes } = readCandidates(candidates);
  const host = terraformHost(cwd, options.vars ?? [], options.varFiles ?? [], options.env ?? process.env);
  const analysis = await analyze(files, config, host);
  const registered = allRules;
  const active = registered.filter((r) => effectiveLevel(r.meta.id, r.meta.level, { config, overrides }) !== "off");
  const ran = runRules(analysis.model, active, config.settings);
  const reportFiles = filePaths.length ? new Set(files.map((f) => f.rel).filter(reportable)) : null;
  const baseline = options.baseline ? readBaseline(options.baseline, cwd) : null;
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const processed = processResults(ran.results, analysis.part.directives, { config, overrides, strict: !!options.strict, reportFiles, baseline, today });

  const notifications: Notification[] = [...readNotes, ...analysis.notifications, ...ran.notifications, ...processed.notifications];
  const found = files.length;
  if (found === 0) notifications.push({ level: "note", id: "no-files", message: `No IaC files found under ${paths.join(", ")}.` });
  const nothingScanned = found > 0 && analysis.failed.length === found;
  const scannedCount = reportFiles ? analysis.scanned.filter((f) => reportFiles.has(f)).length : analysis.scanned.length;
  const lowered = lowerFixes(options.changedLines ? onChangedLines(processed.results, options.changedLines) : processed.results, files, cwd);
  const { results, fixes } = lowered;
  notifications.push(...lowered.notifications);
  const summary = summarize(results, processed.baselined, scannedCount);
  const levels = new Map(registered.map((r) => [r.meta.id, effectiveLevel(r.meta.id, r.meta.level, { config, overrides })] as const));
  const exitCode = nothingScanned ? 2 : failing(results, options.failOn ?? "error") ? 1 : 0;
  return {
    version: VERSION,
    category: "iac",
    automationId: "trailguard/iac/",
    results,
    notifications: sortNotifications(notifications),
    summary,
    rules: registered,
    levels,
    config,
    exitCode,
    paths,
    fixes,
  };
}

function resolveConfig(options: ScanOptions, firstPath: string, cwd: string): ResolvedConfig {
  if (options.config) {
    const file = path.resolve(cwd, options.config);
    try {
      readFileSync(file);
    } catch {
      throw new UsageError(`--config: cannot read ${options.config}`);
    }
    return loadConfig(file, cwd);
  }
  const found = findConfig(firstPath);
  return found ? loadConfig(found, cwd) : defaultConfig(cwd);
}

/**
 * Read candidates; classify by content; skip binary, empty and foreign files silently. One file after
 * the other: for files in the page cache, synchronous reads are several times faster than a pool of
 * asynchronous ones, whose every step is a round trip through libuv's threads.
 */
function readCandidates(candidates: readonly Candidate[]): { files: SourceFile[]; notifications: Notification[] } {
  const files: SourceFile[] = [];
  const notifications: Notification[] = [];
  for (const c of candidates) {
    const byName = kindByName(c.abs);
    if (!byName) continue;
    let buf: Buffer;
    let stamp: Stamp;
    try {
      const st = statSync(c.abs);
      if (st.size > MAX_FILE_BYTES) {
        notifications.push({ level: "warning", id: "file-too-large", message: `skipped: larger than ${MAX_FILE_BYTES >> 20} MB`, file: c.rel });
        continue;
      }
      stamp = { size: st.size, mtimeMs: st.mtimeMs };
      buf = readFileSync(c.abs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue; // vanished during the scan
      notifications.push({ level: "warning", id: "unreadable-file", message: `cannot read: ${(e as Error).message}`, file: c.rel });
      continue;
    }
    if (buf.length === 0 || looksBinary(buf)) continue;
    const text = buf.toString("utf8");
    const kind: FileKind | null = byName === "maybe-json" || byName === "maybe-yaml" ? classifyText(c.abs, text, byName) : byName;
    if (kind) files.push(new ScannedFile(c.rel, c.abs, kind, text, stamp));
  }
  return { files, notifications };
}

interface Stamp {
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * A file as the scan read it. Once analysed, its text is let go (a scan of thousands of files keeps
 * only the model); the fixes read the few files they edit again, and `stale` tells them when a file
 * changed on disk since the scan read it.
 */
class ScannedFile implements SourceFile {
  private held: string | undefined;

  constructor(
    readonly rel: string,
    private readonly abs: string,
    readonly kind: FileKind,
    text: string,
    private readonly stamp: Stamp,
  ) {
    this.held = text;
  }

  get text(): string {
    if (this.held === undefined) {
      try {
        this.held = readFileSync(this.abs, "utf8");
      } catch {
        this.held = "";
      }
    }
    return this.held;
  }

  release(): void {
    this.held = undefined;
  }

  get stale(): boolean {
    try {
      const st = statSync(this.abs);
      return st.size !== this.stamp.size || st.mtimeMs !== this.stamp.mtimeMs;
    } catch {
      return true;
    }
  }
}

/** Fingerprints of a previous SARIF or JSON report of trailguard. */
export function readBaseline(file: string, cwd: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path.resolve(cwd, file), "utf8"));
  } catch (e) {
    throw new UsageError(`--baseline: cannot read ${file}: ${(e as Error).message}`);
  }
  const out = new Set<string>();
  const d = data as { runs?: { results?: { partialFingerprints?: Record<string, string> }[] }[]; results?: { fingerprint?: string }[] };
  for (const run of d.runs ?? []) for (const r of run.results ?? []) {
    const fp = r.partialFingerprints?.["trailguard/v1"];
    if (fp) out.add(fp);
  }
  for (const r of d.results ?? []) if (r.fingerprint) out.add(r.fingerprint);
  if (!d.runs && !d.results) throw new UsageError(`--baseline: ${file} is not a trailguard SARIF or JSON report`);
  return out;
}

/** The results located on changed lines (--diff-base). */
function onChangedLines(results: readonly Result[], changed: NonNullable<ScanOptions["changedLines"]>): Result[] {
  return results.filter((r) => {
    const range = r.loc.range;
    const ranges = r.loc.file && range ? changed.get(r.loc.file) : undefined;
    return !!ranges && ranges.some(([from, to]) => from <= range!.endLine && to >= range!.startLine);
  });
}

function sortNotifications(ns: Notification[]): Notification[] {
  return ns.sort((a, b) => (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0) || a.id.localeCompare(b.id));
}


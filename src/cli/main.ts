import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { rules as allRules } from "../../rules/index.ts";
import { CONFIG_NAME } from "../config/load.ts";
import { INIT_TEMPLATE } from "../config/init.ts";
import { ConfigError } from "../config/config.ts";
import { ruleIdOf } from "../engine/catalog.ts";
import type { Level } from "../engine/rule.ts";
import { UsageError, scan, type ScanOptions } from "../index.ts";
import { DEFAULT_CONCURRENCY, liveAnchor, liveScanOptions, scanLive, type LiveFlags } from "../live.ts";
import { ruleJson, rulesMarkdown, rulesText } from "../report/catalog.ts";
import { VERSION, ruleHelpUri } from "../version.ts";
import { GitError, changedLinesSince } from "./git-diff.ts";
import { runMerge } from "./merge.ts";
import { addVerifyCommand } from "./verify.ts";
import { fixDiff, runFix } from "./fix.ts";
import type { RunResult } from "../run-result.ts";
import { chunked, parseFormats, render, renderPieces, writeOutput, type FormatTarget } from "./output.ts";
import { collectBeforeReports } from "./heap.ts";

const LEVELS = ["error", "warning", "note", "off"] as const;

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseRuleLevel(v: string): [string, Level | "off"] {
  const eq = v.indexOf("=");
  const level = v.slice(eq + 1).trim();
  if (eq < 0 || !(LEVELS as readonly string[]).includes(level)) throw new UsageError(`--rule ${v}: expected ID=LEVEL with LEVEL one of ${LEVELS.join(", ")}`);
  return [v.slice(0, eq).trim(), level as Level | "off"];
}

export interface ScanFlags extends LiveFlags {
  format: string[];
  output?: string;
  failOn: Level | "none";
  config?: string;
  rule: string[];
  strict?: boolean;
  quiet?: boolean;
  baseline?: string;
  diffBase?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  var?: string[];
  varFile?: string[];
}

/** What `scan`'s flags ask of scan(): shared by the CLI and the Action. */
export function scanOptions(paths: string[], flags: ScanFlags, cwd: string): ScanOptions {
  return {
    paths,
    cwd,
    ...(flags.config ? { config: flags.config } : {}),
    strict: !!flags.strict,
    ruleLevels: flags.rule.map(parseRuleLevel),
    failOn: flags.failOn,
    ...(flags.baseline ? { baseline: flags.baseline } : {}),
    ...(flags.diffBase ? { changedLines: diffBaseLines(flags.diffBase, cwd) } : {}),
    vars: flags.var ?? [],
    varFiles: flags.varFile ?? [],
  };
}

function diffBaseLines(ref: string, cwd: string): Map<string, [number, number][]> {
  try {
    return changedLinesSince(ref, cwd, { mergeBase: "require" });
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(`--diff-base ${ref}: ${e.message}`);
    throw e;
  }
}

/** The options live scans share with IaC scans. */
export function liveCommon(flags: ScanFlags, io: Io) {
  const { config, strict, ruleLevels, failOn, baseline, changedLines } = scanOptions([], flags, io.cwd);
  return { cwd: io.cwd, config, strict, ruleLevels, failOn, baseline, changedLines };
}

/** Progress on stderr, only for a terminal and without --quiet. */
export function liveProgress(flags: Pick<ScanFlags, "quiet">, io: Io): { onProgress?: (line: string, done: boolean) => void } {
  if (flags.quiet || !(io.stderrIsTTY ?? process.stderr.isTTY)) return {};
  let last = "";
  return {
    onProgress: (line, done) => {
      if (line !== last || done) io.stderr(`\r\u001b[2K${(last = line)}${done ? "\n" : ""}`);
    },
  };
}

/** The scan the flags ask for, IaC or live, with the anchor live SARIF points at: the CLI's and the Action's. */
export async function scanForFlags(paths: string[], flags: ScanFlags, io: Io): Promise<{ run: RunResult; anchor: string | null }> {
  const live = liveScanOptions(paths, flags, {});
  if (!live) return { run: await scan(scanOptions(paths, flags, io.cwd)), anchor: null };
  const run = await scanLive({ ...live, ...liveCommon(flags, io), ...liveProgress(flags, io) });
  return { run, anchor: liveAnchor(run, flags, io.cwd) };
}

async function runScan(paths: string[], flags: ScanFlags, io: Io): Promise<number> {
  const targets = parseFormats(flags.format, flags.output);
  const live = liveScanOptions(paths, flags, {});
  if (live && (flags.fix || flags.fixDryRun)) throw new UsageError("--fix and --fix-dry-run cannot be used with --live");
  let run: RunResult;
  if (flags.fix || flags.fixDryRun) {
    const outcome = await runFix(scanOptions(paths, flags, io.cwd), !!flags.fixDryRun);
    if (flags.fixDryRun) {
      // The diff replaces the report; the exit status is the scan's, as without the flag. What
      // cannot be fixed (a variable that also feeds something else) is said on stderr.
      io.stdout(fixDiff(outcome));
      if (!flags.quiet) {
        for (const n of outcome.run.notifications) {
          if (n.id === "fix-unavailable") io.stderr(`trailguard: note: ${n.file}${n.line ? `:${n.line}` : ""}: ${n.message}\n`);
        }
      }
      return outcome.run.exitCode;
    }
    if (!flags.quiet) {
      for (const c of outcome.changed) io.stderr(`trailguard: fixed ${c.file} (${c.edits} ${c.edits === 1 ? "edit" : "edits"})\n`);
      for (const n of outcome.notifications) io.stderr(`trailguard: warning: ${n.file}: ${n.message}\n`);
    }
    run = outcome.run;
  } else run = (await scanForFlags(paths, flags, io)).run;
  emitReports(run, targets, { quiet: !!flags.quiet, anchor: live ? liveAnchor(run, flags, io.cwd) : null }, io);
  return run.exitCode;
}

/** Write a run's reports where `--format`/`--output` say, and its warnings to stderr: `scan`'s and `verify`'s. */
export function emitReports(run: RunResult, targets: readonly FormatTarget[], opts: { quiet: boolean; anchor: string | null }, io: Io): void {
  collectBeforeReports();
  const color = io.stdoutIsTTY && !process.env["NO_COLOR"];
  const textOnStdout = targets.some((t) => t.format === "text" && t.file === null);
  if (run.exitCode !== 2) {
    for (const t of targets) {
      const out = renderPieces(run, t.format, { color: t.file === null && color, cwd: io.cwd, anchor: opts.anchor });
      if (t.file === null) for (const chunk of chunked(out)) io.stdout(chunk);
      else writeOutput(t.file, out, io.cwd);
    }
  } else if (textOnStdout) io.stdout(render(run, "text", { color, cwd: io.cwd }));
  if (!opts.quiet && (!textOnStdout || run.exitCode === 2)) {
    for (const n of run.notifications) {
      if (n.level === "note") continue;
      const where = n.file ? `${n.file}${n.line ? `:${n.line}` : ""}: ` : "";
      io.stderr(`trailguard: ${n.level}: ${where}${n.message}\n`);
    }
  }
}

export interface Io {
  readonly cwd: string;
  readonly stdoutIsTTY: boolean;
  /** Progress goes to stderr only when it is a terminal (default: process.stderr.isTTY). */
  readonly stderrIsTTY?: boolean;
  stdout(s: string): void;
  stderr(s: string): void;
}

/** What `scan` does with its parsed arguments (the Action supplies its own). */
export type ScanRunner = (paths: string[], flags: ScanFlags, io: Io) => Promise<number>;

/** The report, level and configuration options `scan` and `verify` share. */
export function addReportOptions(cmd: Command): Command {
  return cmd
    .option("--format <F[=FILE]>", "text, json, sarif, markdown, junit or github; F=FILE writes F to FILE (repeatable)", collect, [])
    .option("--output <file>", "write the report (the format without FILE) to this file")
    .addOption(new Option("--fail-on <level>", "lowest level that makes the exit status 1").choices(["error", "warning", "note", "none"]).default("error"))
    .option("--config <file>", `configuration file (default: the nearest ${CONFIG_NAME})`)
    .option("--rule <ID=LEVEL>", "set a rule's level: error, warning, note or off (repeatable)", collect, []);
}

export function buildProgram(io: Io, setExit: (code: number) => void, scanRunner: ScanRunner = runScan): Command {
  const program = new Command();
  program
    .name("trailguard")
    .description("Lint AWS CloudTrail configuration in CloudFormation templates (and, as they land, Terraform and live accounts).")
    .version(VERSION, "--version", "print the version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError();

  addReportOptions(
    program
      .command("scan")
      .description("scan IaC files under each PATH (default: the current folder)")
      .argument("[paths...]", "files or folders to scan"),
  )
    .option("--strict", "report unknown values as review results")
    .option("--baseline <file>", "ignore results whose fingerprint is in this earlier SARIF or JSON report")
    .option("--diff-base <ref>", "keep only results on lines changed since the merge base with REF (git)")
    .option("--var <NAME=VALUE>", "a Terraform variable, as terraform -var takes it (repeatable)", collect, [])
    .option("--var-file <file>", "a Terraform variables file, as terraform -var-file takes it (repeatable)", collect, [])
    .option("--fix", "apply the safe fixes to the files (atomically), then report what remains; a value from a Terraform variable is fixed where it is written unless the variable feeds anything else")
    .option("--fix-dry-run", "print the safe fixes as a unified diff instead of the report (what cannot be fixed goes to stderr); change nothing")
    .option("--quiet", "no progress and no warnings on stderr")
    .option("--live", "scan AWS accounts instead of files (read-only API calls)")
    .option("--profile <name>", "live: AWS profile (default: AWS_PROFILE and the standard credential chain)")
    .option("--regions <all|r1,r2>", "live: regions to scan (default: those enabled for each account)")
    .option("--role-arn <arn>", "live: scan the account of this role, through it (repeatable)", collect, [])
    .option("--org", "live: scan the caller's organization (management or delegated-administrator account); needs --role-name")
    .option("--role-name <name>", "live, with --org: the role to assume in each member account")
    .option("--concurrency <n>", `live: account-regions scanned at once (default: ${DEFAULT_CONCURRENCY})`)
    .option("--shard <I/N>", "live: scan the I-th of N shares of the accounts (sorted by ID, the k-th goes to shard k mod N + 1)")
    .option("--anchor <file>", "live: the repository file SARIF results point at (default: the configuration file)")
    .addHelpText(
      "after",
      "\nExit status: 0 no counted result at or above --fail-on; 1 there are; 2 usage error, invalid configuration, or nothing could be scanned.",
    )
    .action(async (paths: string[], flags: ScanFlags) => setExit(await scanRunner(paths, flags, io)));

  program
    .command("rules")
    .description("list the rule catalog")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .action((flags: { format: "text" | "json" | "markdown" }) => {
      if (flags.format === "json") io.stdout(JSON.stringify(allRules.map(ruleJson), null, 2) + "\n");
      else if (flags.format === "markdown") io.stdout(rulesMarkdown(allRules));
      else io.stdout(rulesText(allRules));
      setExit(0);
    });

  program
    .command("explain")
    .description("print one rule's full help")
    .argument("<rule>", "a rule ID (TG003) or name (log-file-validation-disabled)")
    .action((name: string) => {
      const id = ruleIdOf(name);
      const rule = allRules.find((r) => r.meta.id === id);
      if (!rule) throw new UsageError(id ? `${id} is in the catalog but not available in this version` : `unknown rule '${name}'`);
      const m = rule.meta;
      const controls = [...(m.controls.cis ?? []).map((c) => `CIS ${c}`), ...(m.controls.securityHub ?? []).map((c) => `Security Hub ${c}`)];
      const header = [
        `${m.id} ${m.name} (${m.level}, security severity ${m.securitySeverity.toFixed(1)})`,
        `Applies to: ${m.appliesTo.join(", ")}${controls.length ? `   Controls: ${controls.join(", ")}` : ""}`,
        `Help: ${ruleHelpUri(m.id, m.name)}`,
        "",
      ];
      io.stdout(header.join("\n") + "\n" + rule.doc.trimEnd() + "\n");
      setExit(0);
    });

  program
    .command("init")
    .description(`write ./${CONFIG_NAME} with every key at its default`)
    .option("--force", "overwrite an existing file")
    .action((flags: { force?: boolean }) => {
      const file = path.join(io.cwd, CONFIG_NAME);
      if (existsSync(file) && !flags.force) throw new UsageError(`${CONFIG_NAME} already exists (use --force to overwrite it)`);
      writeFileSync(file, INIT_TEMPLATE);
      io.stderr(`trailguard: wrote ${CONFIG_NAME}\n`);
      setExit(0);
    });
  program
    .command("merge")
    .description("merge SARIF logs of sharded scans into one")
    .argument("<files...>", "SARIF files written by trailguard")
    .option("--output <file>", "write the merged log to this file instead of stdout")
    .action((files: string[], flags: { output?: string }) => setExit(runMerge(files, flags, io)));
  addVerifyCommand(program, io, setExit);
  return program;
}

/** Run the CLI; returns the exit status. Never throws. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      return 2;
    }
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.stderr(`trailguard: ${e.message}\n`);
      return 2;
    }
    io.stderr(`trailguard: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

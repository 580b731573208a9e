// The GitHub Action (action.yml runs the bundle dist/action.js): scan, annotate, summarize, fail.
// It only reads from GitHub (the event payload, the work tree): no API call, so it works with the
// read-only token of pull requests from forks.
import { randomUUID } from "node:crypto";
import path from "node:path";
import * as core from "@actions/core";
import { CommanderError } from "commander";
import { ConfigError } from "../config/config.ts";
import type { Result } from "../engine/result.ts";
import { UsageError } from "../index.ts";
import { headCommit } from "../cli/git-diff.ts";
import { boundHeapGrowth, collectBeforeReports } from "../cli/heap.ts";
import { buildProgram, scanForFlags, type ScanFlags } from "../cli/main.ts";
import { parseFormats, render, renderPieces, writeOutput } from "../cli/output.ts";
import { plural } from "../report/common.ts";
import { mostSevereFirst, notificationAnnotation, resultAnnotation, type Annotation, type AnnotationCommand } from "../report/github.ts";
import { MAX_SUMMARY_BYTES, escapeMarkdown, formatMarkdown } from "../report/markdown.ts";
import { sarifPieces } from "../report/sarif.ts";
import type { RunResult } from "../run-result.ts";
import { ArgsError, splitArgs } from "./args.ts";
import { pullRequestChanges, pullRequestOf } from "./pull-request.ts";

/** GitHub shows at most this many annotations of each kind (error, warning, notice) per step. */
export const ANNOTATIONS_PER_KIND = 10;

interface Inputs {
  readonly paths: string[];
  readonly config: string;
  readonly failOn: string;
  readonly format: string;
  readonly args: string[];
  readonly sarifFile: string;
  readonly live: boolean;
  readonly regions: string;
  readonly roleArns: string[];
  readonly onlyChanged: boolean;
  readonly annotations: boolean;
  readonly summary: boolean;
}

function booleanInput(name: string, fallback: boolean): boolean {
  const v = core.getInput(name);
  if (v === "") return fallback;
  if (/^(true|True|TRUE)$/.test(v)) return true;
  if (/^(false|False|FALSE)$/.test(v)) return false;
  throw new UsageError(`input ${name}: '${v}' is not true or false`);
}

function readInputs(): Inputs {
  const paths = core.getMultilineInput("path");
  return {
    paths: paths.length ? paths : ["."],
    config: core.getInput("config"),
    failOn: core.getInput("fail-on") || "error",
    format: core.getInput("format") || "text",
    args: splitArgs(core.getInput("args")),
    sarifFile: core.getInput("sarif-file") || "trailguard.sarif",
    live: booleanInput("live", false),
    regions: core.getInput("regions"),
    roleArns: core.getMultilineInput("role-arn").flatMap((l) => l.split(",")).map((s) => s.trim()).filter(Boolean),
    onlyChanged: booleanInput("only-changed", true),
    annotations: booleanInput("annotations", true),
    summary: booleanInput("summary", true),
  };
}

interface Scanned {
  readonly run: RunResult;
  readonly flags: ScanFlags;
  /** Live scans: the file SARIF results point at (GitHub needs a physical location). */
  readonly anchor: string | null;
}

/** Parses `scan` arguments with the CLI's own parser, so `args` accepts exactly what the CLI does. */
async function parseScanArgs(argv: string[], cwd: string): Promise<{ paths: string[]; flags: ScanFlags }> {
  let captured: { paths: string[]; flags: ScanFlags } | null = null;
  let messages = "";
  const io = { cwd, stdoutIsTTY: false, stdout: (s: string) => (messages += s), stderr: (s: string) => (messages += s) };
  const program = buildProgram(io, () => undefined, async (paths, flags) => {
    captured = { paths, flags };
    return 0;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) throw new UsageError(`args: ${messages.split("\n").find((l) => l.trim()) ?? e.message}`);
    throw e;
  }
  if (!captured) throw new UsageError("args: not scan options");
  return captured;
}

const quietIo = (cwd: string) => ({ cwd, stdoutIsTTY: false, stderrIsTTY: false, stdout: () => undefined, stderr: (t: string) => process.stderr.write(t) });

async function scanIac(inputs: Inputs, cwd: string): Promise<Scanned> {
  const argv = ["scan", ...inputs.paths, ...(inputs.config ? ["--config", inputs.config] : []), "--fail-on", inputs.failOn, ...inputs.args];
  const { paths, flags } = await parseScanArgs(argv, cwd);
  // `args: --live` asks for a live scan too; the CLI's own code decides.
  const { run, anchor } = await scanForFlags(paths, flags, quietIo(cwd));
  return { run, flags, anchor };
}

/** `live: true`: the accounts of the credentials (GitHub OIDC role), with `regions` and `role-arn`. */
async function scanLive(inputs: Inputs, cwd: string): Promise<Scanned> {
  const argv = [
    "scan",
    "--live",
    ...(inputs.regions ? ["--regions", inputs.regions] : []),
    ...inputs.roleArns.flatMap((a) => ["--role-arn", a]),
    ...(inputs.config ? ["--config", inputs.config] : []),
    "--fail-on",
    inputs.failOn,
    ...inputs.args,
  ];
  const { paths, flags } = await parseScanArgs(argv, cwd);
  const { run, anchor } = await scanForFlags(paths, flags, quietIo(cwd));
  return { run, flags, anchor };
}

/** Prints text the scanned files may have shaped with workflow commands switched off, so none of it is obeyed. */
function printInert(text: string): void {
  const token = randomUUID();
  process.stdout.write(`::stop-commands::${token}\n${text}${text.endsWith("\n") ? "" : "\n"}::${token}::\n`);
}

function emit(a: Annotation): void {
  const props: core.AnnotationProperties = { title: a.title };
  if (a.file) props.file = a.file;
  if (a.startLine !== undefined) props.startLine = a.startLine;
  if (a.endLine !== undefined) props.endLine = a.endLine;
  if (a.startColumn !== undefined) props.startColumn = a.startColumn;
  if (a.endColumn !== undefined) props.endColumn = a.endColumn;
  core[a.command](a.message, props);
}

interface AnnotationReport {
  readonly scope: string;
  readonly shown: number;
  readonly dropped: number;
}

/** Annotations for the results in scope, most severe first, within GitHub's per-kind caps. */
function annotate(run: RunResult, inputs: Inputs, cwd: string): AnnotationReport {
  const pr = inputs.onlyChanged ? pullRequestOf(process.env) : null;
  let inScope: readonly Result[] = run.results;
  let notifications = run.notifications.filter((n) => n.level !== "note");
  let scope = "every result";
  const before: Annotation[] = [];
  if (pr) {
    const changes = pullRequestChanges(pr, cwd);
    if ("problem" in changes) {
      scope = `every result (changed lines unknown: ${changes.problem})`;
      before.push({ command: "notice", title: "trailguard", message: `Annotating every result, not only changed lines: ${changes.problem}.` });
    } else {
      const lines = changes.lines;
      const meets = (file: string | undefined, from: number, to: number) => !!file && (lines.get(file) ?? []).some(([a, b]) => a <= to && b >= from);
      inScope = run.results.filter((r) => r.loc.range && meets(r.loc.file, r.loc.range.startLine, r.loc.range.endLine));
      notifications = notifications.filter((n) => !n.file || meets(n.file, n.line ?? 1, n.line ?? Number.MAX_SAFE_INTEGER));
      scope = "results on lines this pull request changes";
    }
  }
  // Parse errors and other error notifications come first: a file that was not read hides findings.
  const all = [...before, ...notifications.filter((n) => n.level === "error").map(notificationAnnotation), ...mostSevereFirst(run, inScope).map(resultAnnotation), ...notifications.filter((n) => n.level !== "error").map(notificationAnnotation)];
  const order: Record<AnnotationCommand, number> = { error: 0, warning: 1, notice: 2 };
  const sorted = all.map((a, i) => ({ a, i })).sort((x, y) => order[x.a.command] - order[y.a.command] || x.i - y.i).map(({ a }) => a);
  const used: Record<AnnotationCommand, number> = { error: 0, warning: 0, notice: 0 };
  let dropped = 0;
  for (const a of sorted) {
    if (used[a.command] >= ANNOTATIONS_PER_KIND) {
      dropped++;
      continue;
    }
    used[a.command]++;
    emit(a);
  }
  const shown = used.error + used.warning + used.notice;
  core.info(`trailguard: ${plural(shown, "annotation")} for ${scope}${dropped ? `; ${dropped} more not shown (GitHub shows ${ANNOTATIONS_PER_KIND} of each kind per step): the job summary lists every result` : ""}.`);
  return { scope, shown, dropped };
}

function fileLinkBase(cwd: string): string | null {
  const server = process.env["GITHUB_SERVER_URL"];
  const repo = process.env["GITHUB_REPOSITORY"];
  const head = server && repo ? headCommit(cwd) : null;
  return head ? `${server}/${repo}/blob/${head.sha}/${head.prefix.split("/").filter(Boolean).map(encodeURIComponent).map((s) => s + "/").join("")}` : null;
}

async function writeSummary(run: RunResult, annotations: AnnotationReport | null, cwd: string): Promise<void> {
  if (!process.env["GITHUB_STEP_SUMMARY"]) {
    core.info("trailguard: no GITHUB_STEP_SUMMARY: the job summary is skipped.");
    return;
  }
  const note = annotations
    ? `\n_Annotations: ${annotations.shown} for ${escapeMarkdown(annotations.scope)}${annotations.dropped ? `; ${annotations.dropped} more not shown (GitHub's limit of ${ANNOTATIONS_PER_KIND} per kind and step)` : ""}._\n`
    : "";
  const markdown = formatMarkdown(run, { maxBytes: MAX_SUMMARY_BYTES - Buffer.byteLength(note) - 1024, fileLinkBase: fileLinkBase(cwd) });
  await core.summary.addRaw(markdown + note).write();
}

async function main(): Promise<void> {
  const cwd = path.resolve(process.env["GITHUB_WORKSPACE"] || process.cwd());
  const inputs = readInputs();
  const { run, flags, anchor } = inputs.live ? await scanLive(inputs, cwd) : await scanIac(inputs, cwd);
  collectBeforeReports();

  // The log: the `format` input (or a bare --format from args); F=FILE formats from args are written too.
  const formats = flags.format.some((f) => !f.includes("=")) ? flags.format : [inputs.format, ...flags.format];
  for (const t of parseFormats(formats, flags.output)) {
    if (t.file !== null) {
      writeOutput(t.file, renderPieces(run, t.format, { color: false, cwd, anchor }), cwd);
      continue;
    }
    const out = render(run, t.format, { color: false, cwd, anchor });
    if (t.format === "github") process.stdout.write(out);
    else printInert(out);
  }

  const sarifFile = path.resolve(cwd, inputs.sarifFile);
  writeOutput(sarifFile, sarifPieces(run, { cwd, anchor }), cwd);

  const annotations = inputs.annotations ? annotate(run, inputs, cwd) : null;
  if (inputs.summary) await writeSummary(run, annotations, cwd);

  const s = run.summary;
  core.setOutput("sarif-file", sarifFile);
  core.setOutput("errors", s.error);
  core.setOutput("warnings", s.warning);
  core.setOutput("notes", s.note);
  core.setOutput("results", s.error + s.warning + s.note);

  if (run.exitCode === 2) core.setFailed("trailguard: nothing could be scanned (every IaC file failed to parse).");
  else if (run.exitCode === 1) core.setFailed(`trailguard: results at or above fail-on '${flags.failOn}' (${plural(s.error, "error")}, ${plural(s.warning, "warning")}, ${plural(s.note, "note")}).`);
}

boundHeapGrowth();
try {
  await main();
} catch (e) {
  if (e instanceof UsageError || e instanceof ConfigError || e instanceof ArgsError) core.setFailed(`trailguard: ${e.message}`);
  else core.setFailed(`trailguard: internal error: ${e instanceof Error ? e.message : String(e)}`);
}

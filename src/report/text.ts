import type { RunResult } from "../run-result.ts";
import { plural, shownLevel } from "./common.ts";

export interface TextOptions {
  readonly color: boolean;
}

const COLORS: Record<string, string> = { error: "31", warning: "33", note: "36", review: "35" };

/** Results grouped by file, one line each, then notifications, then one summary line. */
export function formatText(run: RunResult, opts: TextOptions): string {
  const paint = (code: string, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  const shown = run.results.filter((r) => !r.suppression);
  let group: string | null = null;
  for (const r of shown) {
    const where = r.loc.file ?? [r.account, r.region].filter(Boolean).join(" ") ?? "";
    if (where !== group) {
      if (group !== null) lines.push("");
      lines.push(paint("4", where || "(account)"));
      group = where;
    }
    const pos = r.loc.range ? `${r.loc.range.startLine}:${r.loc.range.startColumn}` : (r.arn ?? "");
    const level = shownLevel(r);
    const instances = r.instances && r.instances.length > 1 ? ` [${r.instances.join(", ")}]` : "";
    lines.push(`  ${pos}  ${paint(COLORS[level] ?? "0", level)}  ${r.message}${instances}  ${paint("2", `${r.ruleId} ${r.ruleName}`)}`);
  }
  if (run.notifications.length) {
    if (lines.length) lines.push("");
    for (const n of run.notifications) {
      const where = n.file ? `${n.file}${n.line ? `:${n.line}` : ""}` : "-";
      lines.push(`${paint(COLORS[n.level] ?? "0", n.level)}  ${where}  ${n.id}: ${n.message}`);
    }
  }
  if (lines.length) lines.push("");
  // Reviews (--strict) are counted apart, on their own line: the summary line keeps its contract form.
  if (run.summary.review) lines.push(`${plural(run.summary.review, "review")}: values that could not be resolved (--strict); they never fail the run.`);
  lines.push(summaryLine(run));
  return lines.join("\n") + "\n";
}

export function summaryLine(run: RunResult): string {
  const s = run.summary;
  const noFiles = run.notifications.some((n) => n.id === "no-files");
  if (noFiles && s.files === 0) return `No IaC files found under ${run.paths.join(", ")}.`;
  const counted = s.error + s.warning + s.note;
  const tail = `in ${plural(s.files, run.category === "live" ? "account" : "file")}.`;
  if (counted === 0 && s.suppressed === 0) return `No problems found ${tail}`;
  return `${plural(s.error, "error")}, ${plural(s.warning, "warning")}, ${plural(s.note, "note")} (${s.suppressed} suppressed) ${tail}`;
}

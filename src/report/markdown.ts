import type { Notification, Result } from "../engine/result.ts";
import type { Rule } from "../engine/rule.ts";
import type { RunResult } from "../run-result.ts";
import { ruleHelpUri } from "../version.ts";
import { plural, shownLevel } from "./common.ts";
import { pathToUri } from "./sarif.ts";
import { summaryLine } from "./text.ts";

/** GitHub refuses a job summary larger than this (per step). */
export const MAX_SUMMARY_BYTES = 1024 * 1024;

export interface MarkdownOptions {
  /** Largest output in UTF-8 bytes; the report is cut with a note beyond it (default: 1 MiB). */
  readonly maxBytes?: number;
  /** When set, locations link to `${fileLinkBase}${path}#Lstart-Lend` (e.g. https://github.com/o/r/blob/SHA/). */
  readonly fileLinkBase?: string | null;
  /** The first heading (default: "trailguard"). */
  readonly title?: string;
}

/** Text as it must appear inside a table cell: no HTML, no markup, no line break, no `|`. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/\r\n|\r|\n/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/[\\`*_[\]<>|~]/g, "\\$&");
}

function rankOf(r: Result): number {
  if (r.suppression) return 4;
  if (r.kind === "review") return 3;
  return r.level === "error" ? 0 : r.level === "warning" ? 1 : 2;
}

function location(r: Result, linkBase: string | null | undefined): string {
  const file = r.loc.file;
  if (!file) return escapeMarkdown([r.account, r.region].filter(Boolean).join(" ") || "account");
  const range = r.loc.range;
  const text = escapeMarkdown(range ? `${file}:${range.startLine}:${range.startColumn}` : file);
  if (!linkBase || file.startsWith("../")) return text;
  const anchor = range ? `#L${range.startLine}${range.endLine !== range.startLine ? `-L${range.endLine}` : ""}` : "";
  const url = `${linkBase}${pathToUri(file).replace(/\(/g, "%28").replace(/\)/g, "%29")}${anchor}`;
  return `[${text}](${url})`;
}

function row(r: Result, linkBase: string | null | undefined): string {
  const level = r.suppression ? "suppressed" : shownLevel(r);
  const instances = r.instances && r.instances.length > 1 ? ` [${r.instances.join(", ")}]` : "";
  const why = r.suppression ? ` (suppressed${r.suppression.kind === "inSource" ? " in source" : ""}: ${r.suppression.reason})` : "";
  const resource = r.arn && r.arn !== r.address ? `${r.address} (${r.arn})` : r.address;
  return `| ${level} | ${location(r, linkBase)} | ${escapeMarkdown(resource)} | ${escapeMarkdown(r.message + instances + why)} |`;
}

function notificationRow(n: Notification): string {
  const where = n.file ? `${n.file}${n.line ? `:${n.line}` : ""}` : "-";
  return `| ${n.level} | ${escapeMarkdown(where)} | ${escapeMarkdown(n.id)} | ${escapeMarkdown(n.message)} |`;
}

interface Group {
  readonly ruleId: string;
  readonly results: Result[];
}

/** Results grouped by rule: the groups with the most severe results first, then by ID. */
function groups(run: RunResult): Group[] {
  const byRule = new Map<string, Result[]>();
  for (const r of run.results) {
    const list = byRule.get(r.ruleId);
    if (list) list.push(r);
    else byRule.set(r.ruleId, [r]);
  }
  const out = [...byRule].map(([ruleId, results]) => ({ ruleId, results: results.map((r, i) => ({ r, i })).sort((a, b) => rankOf(a.r) - rankOf(b.r) || a.i - b.i).map(({ r }) => r) }));
  const worst = (g: Group) => g.results.reduce((m, r) => Math.min(m, rankOf(r)), Infinity);
  return out.sort((a, b) => worst(a) - worst(b) || (a.ruleId < b.ruleId ? -1 : 1));
}

/**
 * The `markdown` format, for a job summary or a pull-request comment: counts, then every result
 * grouped by rule with a link to the rule's help, then the notifications. It never exceeds
 * `maxBytes`: what does not fit is left out and a closing note says how much.
 */
export function formatMarkdown(run: RunResult, opts: MarkdownOptions = {}): string {
  const budget = opts.maxBytes ?? MAX_SUMMARY_BYTES;
  const s = run.summary;
  const head = [
    `## ${escapeMarkdown(opts.title ?? "trailguard")}`,
    "",
    escapeMarkdown(summaryLine(run)),
    "",
    "| errors | warnings | notes | reviews | suppressed | baselined | files |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    `| ${s.error} | ${s.warning} | ${s.note} | ${s.review} | ${s.suppressed} | ${s.baselined} | ${s.files} |`,
    "",
    "",
  ].join("\n");

  // Blocks are added whole while they fit; the reserve keeps room for the closing note.
  const reserve = 512;
  const parts: string[] = [head];
  let used = Buffer.byteLength(head);
  let shownResults = 0;
  let shownNotes = 0;
  let full = false;
  const add = (block: string): boolean => {
    const size = Buffer.byteLength(block);
    if (full || used + size > budget - reserve) {
      full = true;
      return false;
    }
    parts.push(block);
    used += size;
    return true;
  };

  const rules = new Map<string, Rule>(run.rules.map((r) => [r.meta.id, r] as const));
  for (const g of groups(run)) {
    const first = g.results[0]!;
    const meta = rules.get(g.ruleId)?.meta;
    const name = meta?.name ?? first.ruleName;
    const level = run.levels.get(g.ruleId) ?? meta?.level ?? first.level;
    const heading = [
      `### ${g.ruleId} ${escapeMarkdown(name)} (${level}): ${plural(g.results.length, "result")}`,
      "",
      `${meta ? escapeMarkdown(meta.summary) + ". " : ""}[Rule help](${ruleHelpUri(g.ruleId, name)})`,
      "",
      "| level | location | resource | message |",
      "|---|---|---|---|",
      "",
    ].join("\n");
    // A heading is only worth its bytes with at least its first row.
    if (!add(heading + row(first, opts.fileLinkBase) + "\n")) break;
    shownResults++;
    for (const r of g.results.slice(1)) {
      if (!add(row(r, opts.fileLinkBase) + "\n")) break;
      shownResults++;
    }
    add("\n");
  }

  if (run.notifications.length && add(["### Notifications", "", "| level | where | id | message |", "|---|---|---|---|", ""].join("\n"))) {
    for (const n of run.notifications) {
      if (!add(notificationRow(n) + "\n")) break;
      shownNotes++;
    }
    add("\n");
  }

  const missingResults = run.results.length - shownResults;
  const missingNotes = run.notifications.length - shownNotes;
  if (missingResults > 0 || missingNotes > 0) {
    const what = [missingResults ? plural(missingResults, "result") : "", missingNotes ? plural(missingNotes, "notification") : ""].filter(Boolean).join(" and ");
    parts.push(`> **Truncated:** ${what} not shown, to stay within ${Math.floor(budget / 1024)} KiB. The SARIF or JSON report has them all.\n`);
  }
  return parts.join("");
}

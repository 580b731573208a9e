import type { Notification, Result } from "../engine/result.ts";
import type { RunResult } from "../run-result.ts";

/** The three annotation commands GitHub Actions understands. */
export type AnnotationCommand = "error" | "warning" | "notice";

/** One annotation, before it is written as a workflow command (or handed to @actions/core). */
export interface Annotation {
  readonly command: AnnotationCommand;
  readonly message: string;
  readonly title: string;
  readonly file?: string;
  readonly startLine?: number;
  readonly endLine?: number;
  readonly startColumn?: number;
  readonly endColumn?: number;
}

/** Sort key: errors, then warnings, then notes, then reviews; suppressed results are never annotated. */
function rank(r: Result): number {
  if (r.kind === "review") return 3;
  return r.level === "error" ? 0 : r.level === "warning" ? 1 : 2;
}

/**
 * Results, most severe first: by level, then by the rule's security severity, then in report
 * order. GitHub shows only the first few annotations of each kind, so the order decides what is seen.
 */
export function mostSevereFirst(run: RunResult, results: readonly Result[] = run.results): Result[] {
  const severity = new Map<string, number>(run.rules.map((r) => [r.meta.id, r.meta.securitySeverity] as const));
  return results
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => !r.suppression)
    .sort((a, b) => rank(a.r) - rank(b.r) || (severity.get(b.r.ruleId) ?? 0) - (severity.get(a.r.ruleId) ?? 0) || a.i - b.i)
    .map(({ r }) => r);
}

export function resultAnnotation(r: Result): Annotation {
  const review = r.kind === "review";
  const command: AnnotationCommand = review || r.level === "note" ? "notice" : r.level;
  const instances = r.instances && r.instances.length > 1 ? ` [${r.instances.join(", ")}]` : "";
  // Without a file the annotation lands on the run, not on a line: the ARN tells where it is.
  const where = !r.loc.file && r.arn && !r.message.includes(r.arn) ? ` (${r.arn})` : "";
  const base = { command, message: `${r.message}${instances}${where}`, title: `${r.ruleId} ${r.ruleName}${review ? " (review)" : ""}` };
  if (!r.loc.file) return base;
  const range = r.loc.range;
  if (!range) return { ...base, file: r.loc.file };
  return { ...base, file: r.loc.file, startLine: range.startLine, endLine: range.endLine, startColumn: range.startColumn, endColumn: range.endColumn };
}

export function notificationAnnotation(n: Notification): Annotation {
  const command: AnnotationCommand = n.level === "note" ? "notice" : n.level;
  const base = { command, message: n.message, title: `trailguard ${n.id}` };
  if (!n.file) return base;
  return { ...base, file: n.file, ...(n.line ? { startLine: n.line } : {}), ...(n.line && n.column ? { startColumn: n.column } : {}) };
}

/** Message text of a workflow command: `%`, CR and LF are the characters the runner decodes. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value: additionally `:` and `,`, which separate the properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** `::error file=F,line=L,endLine=..,col=..,endColumn=..,title=T::message` */
export function workflowCommand(a: Annotation): string {
  const props: [string, string | number | undefined][] = [
    ["file", a.file],
    ["line", a.startLine],
    ["endLine", a.endLine],
    ["col", a.startColumn],
    ["endColumn", a.endColumn],
    ["title", a.title],
  ];
  const list = props.filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${a.command}${list.length ? " " + list.join(",") : ""}::${escapeData(a.message)}`;
}

/** The `github` format: one workflow command per result (most severe first), then per notification. */
export function formatGithub(run: RunResult): string {
  const lines = [...mostSevereFirst(run).map(resultAnnotation), ...run.notifications.map(notificationAnnotation)].map(workflowCommand);
  return lines.length ? lines.join("\n") + "\n" : "";
}

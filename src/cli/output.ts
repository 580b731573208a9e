import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { RunResult } from "../run-result.ts";
import { formatGithub } from "../report/github.ts";
import { formatJson } from "../report/json.ts";
import { formatJunit } from "../report/junit.ts";
import { formatMarkdown } from "../report/markdown.ts";
import { formatSarif } from "../report/sarif.ts";
import { formatText } from "../report/text.ts";
import { UsageError } from "../index.ts";

export const FORMATS = ["text", "json", "sarif", "markdown", "junit", "github"] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatTarget {
  readonly format: Format;
  readonly file: string | null;
}

/** `--format F[=FILE]` values: at most one bare format; no file named twice. */
export function parseFormats(values: readonly string[], output: string | undefined): FormatTarget[] {
  const targets: FormatTarget[] = [];
  for (const v of values) {
    const eq = v.indexOf("=");
    const f = (eq < 0 ? v : v.slice(0, eq)).trim();
    const file = eq < 0 ? null : v.slice(eq + 1);
    if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format: unknown format '${f}' (use ${FORMATS.join(", ")})`);
    if (file === "") throw new UsageError(`--format ${f}=: missing file name`);
    targets.push({ format: f as Format, file });
  }
  const bare = targets.filter((t) => t.file === null);
  if (bare.length > 1) throw new UsageError("--format: at most one format may go to stdout; give the others a file (F=FILE)");
  if (bare.length === 0) targets.push({ format: "text", file: null });
  const files = targets.map((t) => (t.file === null ? (output ?? null) : t.file)).filter((f): f is string => f !== null);
  const resolved = files.map((f) => path.resolve(f));
  const dup = files.find((_f, i) => resolved.indexOf(resolved[i]!) !== i);
  if (dup) throw new UsageError(`--format: ${dup} is named twice`);
  return targets.map((t) => (t.file === null && output ? { ...t, file: output } : t));
}

export function render(run: RunResult, format: Format, opts: { color: boolean; cwd: string; anchor?: string | null }): string {
  switch (format) {
    case "text":
      return formatText(run, { color: opts.color });
    case "json":
      return formatJson(run);
    case "sarif":
      return formatSarif(run, { cwd: opts.cwd, anchor: opts.anchor ?? null });
    case "markdown":
      return formatMarkdown(run);
    case "junit":
      return formatJunit(run);
    case "github":
      return formatGithub(run);
  }
}

/** Write an output file, creating missing folders. */
export function writeOutput(file: string, text: string, cwd: string): void {
  const abs = path.resolve(cwd, file);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

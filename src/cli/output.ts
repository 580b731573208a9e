import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import type { RunResult } from "../run-result.ts";
import { formatGithub } from "../report/github.ts";
import { jsonReportPieces } from "../report/json.ts";
import { formatJunit } from "../report/junit.ts";
import { formatMarkdown } from "../report/markdown.ts";
import { sarifPieces } from "../report/sarif.ts";
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

export interface RenderOptions {
  readonly color: boolean;
  readonly cwd: string;
  readonly anchor?: string | null;
}

export function render(run: RunResult, format: Format, opts: RenderOptions): string {
  return [...renderPieces(run, format, opts)].join("");
}

/** A report in pieces that join to `render`'s text: the JSON reports come a result at a time. */
export function renderPieces(run: RunResult, format: Format, opts: RenderOptions): Iterable<string> {
  switch (format) {
    case "text":
      return [formatText(run, { color: opts.color })];
    case "json":
      return jsonReportPieces(run);
    case "sarif":
      return sarifPieces(run, { cwd: opts.cwd, anchor: opts.anchor ?? null });
    case "markdown":
      return [formatMarkdown(run)];
    case "junit":
      return [formatJunit(run)];
    case "github":
      return [formatGithub(run)];
  }
}

/** Pieces gathered into chunks of about `size` characters: few writes, no one large string. */
export function* chunked(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let buffer: string[] = [];
  let length = 0;
  for (const p of pieces) {
    buffer.push(p);
    length += p.length;
    if (length >= size) {
      yield buffer.join("");
      buffer = [];
      length = 0;
    }
  }
  if (length > 0) yield buffer.join("");
}

/** Write an output file, creating missing folders; the content may come in pieces. */
export function writeOutput(file: string, content: string | Iterable<string>, cwd: string): void {
  const abs = path.resolve(cwd, file);
  mkdirSync(path.dirname(abs), { recursive: true });
  const fd = openSync(abs, "w");
  try {
    for (const chunk of typeof content === "string" ? [content] : chunked(content)) {
      const bytes = Buffer.from(chunk);
      // A write may take less than all of it (a pipe named as the file, say).
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    }
  } finally {
    closeSync(fd);
  }
}

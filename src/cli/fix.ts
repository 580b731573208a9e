/**
 * `--fix` and `--fix-dry-run`: apply the safe fixes as text edits, in passes until nothing changes,
 * writing each file atomically; or print them as a unified diff and change nothing.
 */
import { readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { applyEdits, unifiedDiff, type TextEdit } from "../engine/fix.ts";
import type { Notification } from "../engine/result.ts";
import { scan, type ScanOptions } from "../index.ts";
import type { RunResult } from "../run-result.ts";

const MAX_PASSES = 10;

export interface FixOutcome {
  readonly run: RunResult;
  /** Changed files: their text before the first pass and after the last. */
  readonly changed: readonly { readonly file: string; readonly before: string; readonly after: string; readonly edits: number }[];
  readonly notifications: readonly Notification[];
}

function editsByFile(run: RunResult): Map<string, { before: string; edits: TextEdit[] }> {
  const out = new Map<string, { before: string; edits: TextEdit[] }>();
  for (const f of run.fixes?.values() ?? []) {
    const entry = out.get(f.file) ?? { before: f.before, edits: [] };
    entry.edits.push(f.edit);
    out.set(f.file, entry);
  }
  return out;
}

/** Inside one of the scanned PATHs, following links: a link pointing out of them is never written. */
function writable(abs: string, roots: readonly string[]): boolean {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return false;
  }
  return roots.some((r) => {
    const rel = path.relative(r, real);
    return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
  });
}

function writeAtomically(abs: string, text: string): void {
  const mode = statSync(abs).mode & 0o7777;
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.trailguard-${process.pid}.tmp`);
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, abs);
}

export async function runFix(options: ScanOptions, dryRun: boolean): Promise<FixOutcome> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const roots = (options.paths?.length ? options.paths : ["."]).map((p) => {
    const abs = path.resolve(cwd, p);
    try {
      return realpathSync(abs);
    } catch {
      return abs;
    }
  });
  const changed = new Map<string, { before: string; after: string; edits: number }>();
  const notifications: Notification[] = [];
  let run = await scan(options);
  if (dryRun) {
    for (const [file, { before, edits }] of editsByFile(run)) {
      const after = applyEdits(before, edits);
      changed.set(file, { before, after: after.text, edits: after.applied });
    }
    return { run, changed: [...changed].map(([file, c]) => ({ file, ...c })), notifications };
  }
  const seen = new Map<string, Set<string>>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let wrote = false;
    for (const [file, { before, edits }] of editsByFile(run)) {
      const abs = path.resolve(cwd, file);
      if (!writable(abs, roots)) {
        notifications.push({ level: "warning", id: "fix-skipped", message: "not fixed: the file is outside the scanned paths", file });
        continue;
      }
      if (readFileSync(abs, "utf8") !== before) {
        notifications.push({ level: "warning", id: "fix-skipped", message: "not fixed: the file changed while it was scanned", file });
        continue;
      }
      const after = applyEdits(before, edits);
      const versions = seen.get(file) ?? new Set([before]);
      if (after.text === before || versions.has(after.text)) continue; // nothing new, or going round in circles
      versions.add(after.text);
      seen.set(file, versions);
      writeAtomically(abs, after.text);
      const prev = changed.get(file);
      changed.set(file, { before: prev?.before ?? before, after: after.text, edits: (prev?.edits ?? 0) + after.applied });
      wrote = true;
    }
    if (!wrote) break;
    run = await scan(options);
  }
  return { run, changed: [...changed].map(([file, c]) => ({ file, ...c })), notifications };
}

/** The dry run's output: one unified diff over every changed file. */
export function fixDiff(outcome: FixOutcome): string {
  return outcome.changed.map((c) => unifiedDiff(c.file, c.before, c.after)).join("");
}

import type * as ChildProcess from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

/** Changed line ranges (1-based, inclusive) per file, the file relative to the working directory. */
export type ChangedLines = Map<string, [number, number][]>;

/** A git command that failed, with git's own message. */
export class GitError extends Error {}

/** A file that is new and untracked counts as changed from its first line to any line. */
const WHOLE_FILE: [number, number] = [1, Number.MAX_SAFE_INTEGER];

function git(args: readonly string[], cwd: string): string {
  // node:child_process loads when git is first run, not with every scan.
  const { execFileSync } = createRequire(import.meta.url)("node:child_process") as typeof ChildProcess;
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stderr?: string; code?: string; message: string };
    if (err.code === "ENOENT") throw new GitError("git is not installed (or not on PATH)");
    const detail = (err.stderr ?? "").trim().split("\n").filter(Boolean).pop() ?? err.message;
    throw new GitError(detail);
  }
}

/** True when the commit is in the local object store (a shallow clone may lack it). */
export function hasCommit(rev: string, cwd: string): boolean {
  try {
    git(["cat-file", "-e", `${rev}^{commit}`], cwd);
    return true;
  } catch {
    return false;
  }
}

/** `git fetch --depth=1 origin SHA`; false when it fails (no network, no such remote, unknown commit). */
export function fetchCommit(sha: string, cwd: string): boolean {
  try {
    git(["fetch", "--quiet", "--depth=1", "origin", sha], cwd);
    return hasCommit(sha, cwd);
  } catch {
    return false;
  }
}

export function mergeBase(ref: string, cwd: string): string {
  return git(["merge-base", ref, "HEAD"], cwd).trim();
}

/** Git's C-style quoting of unusual file names: `"a\tb\303\251"` -> the UTF-8 name. */
export function unquoteGitPath(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"') || s.length < 2) return s;
  const body = s.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const next = body[i + 1] ?? "";
    if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      bytes.push(parseInt(oct, 8));
      i += oct.length;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i++;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/**
 * New-side line ranges from `git diff --unified=0` output, keyed by the path after `b/`. Hunk
 * bodies are skipped by count, so an added line that starts with `+++` is never read as a header.
 */
export function parseUnifiedDiff(text: string): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  const lines = text.split("\n");
  let file: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("+++ ")) {
      const name = unquoteGitPath(line.slice(4).replace(/\t$/, ""));
      file = name.startsWith("b/") ? name.slice(2) : null; // "/dev/null": the file was deleted
      continue;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk) continue;
    let oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
    const start = Number(hunk[2]);
    let newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
    if (file && newLeft > 0) {
      const ranges = out.get(file) ?? [];
      ranges.push([start, start + newLeft - 1]);
      out.set(file, ranges);
    }
    while ((oldLeft > 0 || newLeft > 0) && i + 1 < lines.length) {
      const body = lines[++i]!;
      if (body.startsWith("-")) oldLeft--;
      else if (body.startsWith("+")) newLeft--;
      else if (!body.startsWith("\\")) {
        i--; // not a hunk line after all: let the outer loop read it
        break;
      }
    }
  }
  return out;
}

export interface ChangedLinesOptions {
  /**
   * "require": compare with `git merge-base REF HEAD` (`--diff-base`); "prefer": the same, but
   * compare with REF itself when the history is too shallow to have a merge base (the Action,
   * where REF is the pull request's base commit and HEAD its merge commit).
   */
  readonly mergeBase: "require" | "prefer";
}

/**
 * Lines changed in the work tree (committed or not) since the merge base of REF and HEAD, plus
 * every untracked file that is not ignored, as wholly changed. Paths are relative to `cwd`, as
 * every output writes them.
 */
export function changedLinesSince(ref: string, cwd: string, opts: ChangedLinesOptions = { mergeBase: "require" }): ChangedLines {
  // A REF that git would read as an option is never a revision.
  if (!ref || ref.startsWith("-")) throw new GitError(`'${ref}' is not a revision`);
  // --show-cdup is relative, so it stays right when cwd is reached through a symbolic link.
  const cdup = git(["rev-parse", "--show-cdup"], cwd).trim();
  const top = path.resolve(cwd, cdup || ".");
  let base: string;
  try {
    base = mergeBase(ref, cwd);
  } catch (e) {
    if (opts.mergeBase === "require" || !hasCommit(ref, cwd)) throw e;
    base = ref;
  }
  const diff = git(
    ["-c", "core.quotePath=false", "diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", base, "--"],
    top,
  );
  const byRepoPath = parseUnifiedDiff(diff);
  const untracked = git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0").filter(Boolean);
  for (const f of untracked) byRepoPath.set(f, [WHOLE_FILE]);

  const out: ChangedLines = new Map();
  for (const [file, ranges] of byRepoPath) {
    const rel = path.relative(cwd, path.join(top, file)).split(path.sep).join("/");
    out.set(rel || file, ranges);
  }
  return out;
}

/** HEAD's commit and the path from the work-tree root to `cwd` (`""` or `sub/dir/`); null outside a work tree. */
export function headCommit(cwd: string): { readonly sha: string; readonly prefix: string } | null {
  try {
    const [sha, prefix] = git(["rev-parse", "HEAD", "--show-prefix"], cwd).split("\n");
    return sha ? { sha: sha.trim(), prefix: (prefix ?? "").trim() } : null;
  } catch {
    return null;
  }
}

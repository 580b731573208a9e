import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const FLAWED = readFileSync(path.join(REPO_ROOT, "examples/cloudformation/flawed.yaml"), "utf8");
export const FIXED = readFileSync(path.join(REPO_ROOT, "examples/cloudformation/fixed.yaml"), "utf8");

/** The environment without the variables of a surrounding CI job (tests may run inside GitHub Actions). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(INPUT_|GITHUB_|RUNNER_|GIT_|PRE_COMMIT)/.test(k)) env[k] = v;
  return {
    ...env,
    NO_COLOR: "1",
    GIT_AUTHOR_NAME: "test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "test",
    GIT_COMMITTER_EMAIL: "test@example.com",
    GIT_CONFIG_NOSYSTEM: "1",
    ...extra,
  };
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env: cleanEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

export function tempDir(prefix = "trailguard-git-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function writeFiles(dir: string, files: Readonly<Record<string, string | null>>): void {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    if (text === null) {
      rmSync(abs, { force: true });
      continue;
    }
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
}

/** A new repository on branch main with one commit of `files`; returns its folder. */
export function initRepo(files: Readonly<Record<string, string>>): string {
  const dir = tempDir();
  git(dir, "init", "--quiet", "-b", "main");
  writeFiles(dir, files);
  git(dir, "add", "-A");
  git(dir, "commit", "--quiet", "-m", "base");
  return dir;
}

/** Writes (or, with null, deletes) files and commits them all; returns the new commit. */
export function commit(dir: string, files: Readonly<Record<string, string | null>>, message = "change"): string {
  writeFiles(dir, files);
  git(dir, "add", "-A");
  git(dir, "commit", "--quiet", "-m", message);
  return git(dir, "rev-parse", "HEAD");
}

/** The 1-based line of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`'${needle}' not found`);
  return i + 1;
}

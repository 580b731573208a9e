import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseUnifiedDiff, unquoteGitPath } from "../../src/cli/git-diff.ts";
import { scan } from "../../src/index.ts";
import { FIXED, FLAWED, commit, git, initRepo, lineOf, tempDir } from "../action/git.ts";
import { cli } from "../support/cli.ts";
import { tempTree } from "../support/scan-files.ts";

interface JsonOut {
  results: { ruleId: string; level: string; file: string; startLine: number; endLine: number }[];
  summary: { error: number; warning: number; note: number };
}

describe("--diff-base REF", () => {
  it("keeps only results on lines changed since the merge base, untracked files included, in every output and the exit status", () => {
    const repo = initRepo({ "old.yaml": FLAWED, "edit.yaml": FIXED, "stacks/keep.yaml": FIXED });
    git(repo, "checkout", "--quiet", "-b", "feature");
    const edited = FIXED.replace("EnableLogFileValidation: true", "EnableLogFileValidation: false");
    commit(repo, { "edit.yaml": edited, "stacks/new.yaml": FLAWED.replace(/example-flawed/g, "new-trail") });
    // main moves on after the branch point: its changes are not the branch's.
    git(repo, "checkout", "--quiet", "main");
    commit(repo, { "old.yaml": "# moved on\n" + FLAWED.replace("IsLogging: true", "IsLogging: true\n      IncludeGlobalServiceEvents: false") });
    git(repo, "checkout", "--quiet", "feature");
    // Not committed: a modified line and an untracked template (wholly new).
    writeFileSync(path.join(repo, "stacks/keep.yaml"), FIXED.replace("IsMultiRegionTrail: true", "IsMultiRegionTrail: false"));
    writeFileSync(path.join(repo, "untracked.yaml"), FLAWED.replace(/example-flawed/g, "untracked-trail"));

    const all = JSON.parse(cli(["scan", "--format", "json"], repo).stdout) as JsonOut;
    const r = cli(["scan", "--diff-base", "main", "--format", "json", "--format", "sarif=r.sarif"], repo);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as JsonOut;
    const expected = all.results.filter(
      (x) =>
        x.file === "stacks/new.yaml" ||
        x.file === "untracked.yaml" ||
        (x.file === "edit.yaml" && x.startLine === lineOf(edited, "EnableLogFileValidation")) ||
        (x.file === "stacks/keep.yaml" && x.startLine === lineOf(FIXED, "IsMultiRegionTrail")),
    );
    expect(out.results).toEqual(expected);
    expect(new Set(out.results.map((x) => x.file))).toEqual(new Set(["edit.yaml", "stacks/keep.yaml", "stacks/new.yaml", "untracked.yaml"]));
    expect(out.summary.error).toBe(out.results.filter((x) => x.level === "error").length);
    expect(out.summary.error).toBeLessThan(all.summary.error);

    // Paths relative to the working directory, as in every output.
    const sub = JSON.parse(cli(["scan", ".", "--diff-base", "main", "--format", "json"], path.join(repo, "stacks")).stdout) as JsonOut;
    expect(new Set(sub.results.map((x) => x.file))).toEqual(new Set(["keep.yaml", "new.yaml"]));

    // Nothing changed on the lines of the findings: exit 0.
    const clean = cli(["scan", "--diff-base", "HEAD", "old.yaml"], repo);
    expect(clean.code).toBe(0);
  });

  it("a REF git does not know, or a folder outside git, is a usage error", () => {
    const repo = initRepo({ "t.yaml": FLAWED });
    const r = cli(["scan", "--diff-base", "no-such-branch"], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^trailguard: --diff-base no-such-branch: .*no-such-branch/);
    expect(cli(["scan", "--diff-base=--output=x"], repo).stderr).toMatch(/--diff-base --output=x: '--output=x' is not a revision/);
    const notGit = tempDir();
    writeFileSync(path.join(notGit, "t.yaml"), FLAWED);
    const n = cli(["scan", "--diff-base", "main"], notGit);
    expect(n.code).toBe(2);
    expect(n.stderr).toMatch(/--diff-base main: .*not a git repository/i);
  });

  it("scan({ changedLines }) drops results off the changed lines, and results without a line", async () => {
    const dir = tempTree({ "t.yaml": FLAWED });
    const full = await scan({ cwd: dir });
    const line = lineOf(FLAWED, "IsMultiRegionTrail");
    const run = await scan({ cwd: dir, changedLines: new Map([["t.yaml", [[line, line]]]]) });
    expect(run.results.map((r) => r.ruleId)).toEqual(["TG002"]);
    expect(run.summary.error).toBe(1);
    expect(full.results.length).toBeGreaterThan(1);
    expect((await scan({ cwd: dir, changedLines: new Map() })).exitCode).toBe(0);
  });

  it("parses git's unified diff: counts, deletions, quoted names, and added lines that look like headers", () => {
    const diff = [
      "diff --git a/a.yaml b/a.yaml",
      "index 1..2 100644",
      "--- a/a.yaml",
      "+++ b/a.yaml",
      "@@ -3 +3 @@ Resources:",
      "-old",
      "+new",
      "@@ -10,2 +9,0 @@",
      "-gone",
      "-gone too",
      "@@ -20,0 +20,3 @@",
      "+++ b/not-a-header.yaml",
      "+--- a/nor-this",
      "+@@ -1 +1 @@",
      "\\ No newline at end of file",
      'diff --git "a/dir/t\\303\\251st \\"q\\".yaml" "b/dir/t\\303\\251st \\"q\\".yaml"',
      "new file mode 100644",
      "--- /dev/null",
      '+++ "b/dir/t\\303\\251st \\"q\\".yaml"',
      "@@ -0,0 +1,2 @@",
      "+a",
      "+b",
      "diff --git a/deleted.yaml b/deleted.yaml",
      "--- a/deleted.yaml",
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      "-x",
      "",
    ].join("\n");
    expect(Object.fromEntries(parseUnifiedDiff(diff))).toEqual({
      "a.yaml": [
        [3, 3],
        [20, 22],
      ],
      'dir/tést "q".yaml': [[1, 2]],
    });
    expect(unquoteGitPath('"a\\tb\\\\c"')).toBe("a\tb\\c");
    expect(unquoteGitPath("plain name.yaml")).toBe("plain name.yaml");
  });
});

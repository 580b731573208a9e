import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { FIXED, FLAWED, REPO_ROOT, cleanEnv, git, tempDir } from "../action/git.ts";

const MISSING = "pre-commit is not installed: install the Debian package `pre-commit` (apt-get install pre-commit); .ci/run does it before npm test";

function preCommitVersion(): string | null {
  const r = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * The hook repository pre-commit installs from: this repository's HEAD in a fresh clone, with the
 * working tree's hook definition, package files and dist/ committed over it. The test so depends
 * on what is about to be committed, not on what is already in HEAD or on other uncommitted files.
 */
function hookRepository(): { dir: string; rev: string } {
  const dir = path.join(tempDir("trailguard-hook-"), "hook");
  git(REPO_ROOT, "clone", "--quiet", "--no-hardlinks", REPO_ROOT, dir);
  for (const f of [".pre-commit-hooks.yaml", "package.json", "package-lock.json", "dist"]) {
    rmSync(path.join(dir, f), { recursive: true, force: true });
    cpSync(path.join(REPO_ROOT, f), path.join(dir, f), { recursive: true });
  }
  git(dir, "add", "-A");
  git(dir, "commit", "--quiet", "--allow-empty", "-m", "hook under test");
  return { dir, rev: git(dir, "rev-parse", "HEAD") };
}

describe("the pre-commit hook", () => {
  it(".pre-commit-hooks.yaml: hook trailguard, language node, the bundle's bin, file names passed, the discovered kinds", () => {
    const hooks = parse(readFileSync(path.join(REPO_ROOT, ".pre-commit-hooks.yaml"), "utf8")) as Record<string, unknown>[];
    expect(hooks).toHaveLength(1);
    const hook = hooks[0]!;
    expect(hook).toMatchObject({ id: "trailguard", language: "node", entry: "trailguard scan", pass_filenames: true });
    // pre-commit matches `files` with Python's re.search; this pattern means the same in JavaScript.
    const files = new RegExp(String(hook["files"]));
    for (const f of ["main.tf", "a.tf.json", "b.tofu", "c.tofu.json", "prod.tfvars", "x.tfvars.json", "t.yaml", "t.yml", "plan.json", "stack.template", "cdk.out/App.template.json"]) expect(files.test(f), f).toBe(true);
    for (const f of ["README.md", "main.tf.bak", "script.sh", "yaml"]) expect(files.test(f), f).toBe(false);
  });

  it("the package installs light: no runtime dependency, no install or prepare script, and npm pack ships dist/", () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    expect(pkg["bin"]).toEqual({ trailguard: "dist/trailguard.js" });
    for (const key of ["dependencies", "optionalDependencies", "peerDependencies", "bundleDependencies"]) expect(pkg[key], key).toBeUndefined();
    for (const script of ["preinstall", "install", "postinstall", "prepare", "prepack", "postpack"]) expect(pkg["scripts"]?.[script], script).toBeUndefined();
    expect(readFileSync(path.join(REPO_ROOT, "dist/trailguard.js"), "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO_ROOT, encoding: "utf8", env: cleanEnv() });
    expect(r.status, r.stderr).toBe(0);
    const packed = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(packed).toEqual(expect.arrayContaining(["package.json", "dist/trailguard.js", "dist/web-tree-sitter.wasm", "dist/tree-sitter-terraform.wasm"]));
  });

  it("blocks a commit with a finding, naming it, and lets a clean commit through", { timeout: 240_000 }, () => {
    expect(preCommitVersion(), MISSING).not.toBeNull();
    const hook = hookRepository();
    const work = tempDir("trailguard-precommit-");
    git(work, "init", "--quiet", "-b", "main");
    writeFileSync(path.join(work, ".pre-commit-config.yaml"), `repos:\n  - repo: ${hook.dir}\n    rev: ${hook.rev}\n    hooks:\n      - id: trailguard\n`);
    git(work, "add", ".pre-commit-config.yaml");
    git(work, "commit", "--quiet", "-m", "pre-commit configuration");
    // npm may answer from its cache (filled by npm ci) without asking the registry again: faster, and
    // the test then needs no network when the cache is warm.
    const env = cleanEnv({ PRE_COMMIT_HOME: path.join(work, ".git", "pre-commit-home"), npm_config_prefer_offline: "true", npm_config_audit: "false", npm_config_fund: "false" });
    const install = spawnSync("pre-commit", ["install"], { cwd: work, env, encoding: "utf8" });
    expect(install.status, install.stdout + install.stderr).toBe(0);
    const commit = (message: string) => {
      const r = spawnSync("git", ["commit", "-m", message], { cwd: work, env, encoding: "utf8" });
      return { code: r.status, out: r.stdout + r.stderr };
    };
    const head = git(work, "rev-parse", "HEAD");

    // The bad commit: the hook environment is installed (npm install, npm pack, npm install -g), then it runs.
    writeFileSync(path.join(work, "audit.yaml"), FLAWED);
    git(work, "add", "audit.yaml");
    const bad = commit("add a flawed trail");
    expect(bad.code, bad.out).not.toBe(0);
    expect(bad.out).toMatch(/^trailguard .*\.+Failed$/m);
    expect(bad.out).toMatch(/^audit\.yaml$/m);
    expect(bad.out).toMatch(/^ {2}\d+:\d+ {2}error {2}Trail example-flawed does not validate its log files.* {2}TG003 log-file-validation-disabled$/m);
    expect(git(work, "rev-parse", "HEAD")).toBe(head);

    // The good commit: the same file, fixed.
    writeFileSync(path.join(work, "audit.yaml"), FIXED);
    git(work, "add", "audit.yaml");
    const good = commit("add a sound trail");
    expect(good.out).toMatch(/^trailguard .*\.+Passed$/m);
    expect(good.code, good.out).toBe(0);
    expect(git(work, "rev-parse", "HEAD")).not.toBe(head);
    rmSync(work, { recursive: true, force: true });
    rmSync(path.dirname(hook.dir), { recursive: true, force: true });
  });
});

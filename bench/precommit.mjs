#!/usr/bin/env node
// Wall time of the trailguard pre-commit hook on a 3-file commit of a 200-file repository (of
// CloudFormation templates, and of Terraform files), next to pre-commit's own overhead (a no-op
// hook on the same files) and to the bare CLI on those files. Needs Debian's `pre-commit` and
// the built dist/.
//
//   node bench/precommit.mjs [--runs N] [--kind cloudformation|terraform]
//
// The hook repository is this repository's HEAD plus the working tree's hook files and dist/,
// committed in a temporary clone (pre-commit installs hooks from a commit).
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const FILES = 200;
const kindArg = process.argv.indexOf("--kind");
const KINDS = kindArg > 0 ? [process.argv[kindArg + 1]] : ["cloudformation", "terraform"];

/** 200 templates in 20 folders; every fourth one has findings. Returns the 3 files the commit changes. */
function cloudFormationCorpus(work) {
  const fixed = readFileSync(path.join(root, "examples/cloudformation/fixed.yaml"), "utf8");
  const flawed = readFileSync(path.join(root, "examples/cloudformation/flawed.yaml"), "utf8");
  const files = [];
  for (let i = 1; i <= FILES; i++) {
    const rel = `stacks/team-${i % 20}/stack-${i}.yaml`;
    mkdirSync(path.join(work, path.dirname(rel)), { recursive: true });
    writeFileSync(path.join(work, rel), i % 4 === 0 ? flawed.replace(/example-flawed/g, `stack-${i}`) : fixed.replace(/example-fixed/g, `stack-${i}`));
    files.push(rel);
  }
  return { changed: [files[3], files[100], files[199]] };
}

/**
 * 50 Terraform roots of 4 files each (main.tf, variables.tf, terraform.tfvars, a local module),
 * copied from the test fixture, with `terraform init`'s .terraform/ present but ignored.
 */
function terraformCorpus(work) {
  const fixture = path.join(root, "test/terraform/fixtures/audit");
  for (let i = 1; i <= FILES / 4; i++) cpSync(fixture, path.join(work, `envs/env-${i}`), { recursive: true });
  writeFileSync(path.join(work, ".gitignore"), ".terraform/\n");
  return { changed: ["envs/env-1/main.tf", "envs/env-20/variables.tf", "envs/env-40/modules/trail/main.tf"] };
}

const gitEnv = { ...process.env, GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.com", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.com" };
const git = (args, cwd) => execFileSync("git", args, { cwd, env: gitEnv, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

if (spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status !== 0) {
  console.error("bench/precommit.mjs: pre-commit is not installed (Debian: apt-get install pre-commit)");
  process.exit(2);
}

const tmp = mkdtempSync(path.join(tmpdir(), "trailguard-bench-precommit-"));
try {
  // The hook repository.
  const hook = path.join(tmp, "hook");
  git(["clone", "--quiet", "--no-hardlinks", root, hook], tmp);
  for (const f of [".pre-commit-hooks.yaml", "package.json", "package-lock.json", "dist"]) cpSync(path.join(root, f), path.join(hook, f), { recursive: true });
  git(["add", "-A"], hook);
  git(["commit", "--quiet", "--allow-empty", "-m", "hook under test"], hook);
  const rev = git(["rev-parse", "HEAD"], hook);

  const regex = "\\.(tf|tf\\.json|tofu|tofu\\.json|tfvars|tfvars\\.json|yaml|yml|json|template)$";
  const config = [
    "repos:",
    `  - repo: ${hook}`,
    `    rev: ${rev}`,
    "    hooks:",
    "      - id: trailguard",
    "  - repo: local",
    "    hooks:",
    "      - id: noop",
    "        name: no-op (pre-commit's own overhead)",
    "        entry: 'true'",
    "        language: system",
    `        files: '${regex}'`,
    "",
  ].join("\n");
  const env = { ...gitEnv, PRE_COMMIT_HOME: path.join(tmp, "pre-commit-home"), NO_COLOR: "1" };
  const f = (ms) => `${(ms / 1000).toFixed(3)} s`;
  let installed = false;

  for (const kind of KINDS) {
    const work = path.join(tmp, `work-${kind}`);
    const { changed } = kind === "cloudformation" ? cloudFormationCorpus(work) : terraformCorpus(work);
    writeFileSync(path.join(work, ".pre-commit-config.yaml"), config);
    git(["init", "--quiet", "-b", "main"], work);
    git(["add", "-A"], work);
    git(["commit", "--quiet", "-m", `${FILES} files`], work);
    const tracked = git(["ls-files"], work).split("\n").filter((l) => l !== ".pre-commit-config.yaml" && l !== ".gitignore").length;

    if (!installed) {
      // Installed once per hook version, then reused by every repository (same repo and rev).
      const t0 = performance.now();
      const install = spawnSync("pre-commit", ["install-hooks"], { cwd: work, env, encoding: "utf8" });
      if (install.status !== 0) throw new Error(`pre-commit install-hooks failed:\n${install.stdout}${install.stderr}`);
      console.log(`pre-commit install-hooks: ${f(performance.now() - t0)} (once per hook version: npm install, npm pack, npm install -g)`);
      installed = true;
    }

    // A 3-file commit: one change in each of three files, staged.
    for (const rel of changed) writeFileSync(path.join(work, rel), `# edited\n${readFileSync(path.join(work, rel), "utf8")}`);
    git(["add", ...changed], work);

    // The commands take turns, so that a change in the machine's load hits them alike.
    const commands = {
      noop: ["pre-commit", ["run", "noop"]],
      hook: ["pre-commit", ["run", "trailguard"]],
      bare: [process.execPath, [path.join(root, "dist/trailguard.js"), "scan", ...changed]],
      start: [process.execPath, [path.join(root, "dist/trailguard.js"), "--version"]],
    };
    const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, { ms: [], last: null }]));
    for (let i = 0; i < RUNS; i++) {
      for (const [name, [cmd, args]] of Object.entries(commands)) {
        const t = performance.now();
        samples[name].last = spawnSync(cmd, args, { cwd: work, env, encoding: "utf8" });
        samples[name].ms.push(performance.now() - t);
      }
    }
    const stats = (name) => {
      const { ms, last } = samples[name];
      ms.sort((a, b) => a - b);
      return { median: ms[Math.floor(ms.length / 2)], min: ms[0], status: last.status, output: last.stdout + last.stderr };
    };
    const [noop, hookRun, bare, start] = ["noop", "hook", "bare", "start"].map(stats);
    if (!/TG0\d\d/.test(hookRun.output)) throw new Error(`the hook reported no finding:\n${hookRun.output}`);

    console.log(`\n${kind}: a ${changed.length}-file commit in a repository of ${tracked} ${kind} files (median of ${RUNS} runs; fastest in brackets)`);
    console.log(`  pre-commit run trailguard    ${f(hookRun.median)}  [${f(hookRun.min)}]  exit ${hookRun.status}`);
    console.log(`  pre-commit run noop          ${f(noop.median)}  [${f(noop.min)}]  pre-commit's own overhead`);
    console.log(`  the hook beyond it           ${f(hookRun.median - noop.median)}`);
    console.log(`  trailguard scan <3 files>    ${f(bare.median)}  [${f(bare.min)}]  the CLI alone`);
    console.log(`  trailguard --version         ${f(start.median)}  [${f(start.min)}]  Node start and bundle load`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

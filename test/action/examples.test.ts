import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildProgram } from "../../src/cli/main.ts";
import { REPO_ROOT } from "./git.ts";

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly id?: string;
  readonly with?: Record<string, string | boolean>;
}
interface Job {
  readonly steps: Step[];
  readonly needs?: string;
  readonly permissions?: Record<string, string>;
  readonly strategy?: { matrix: { shard: number[] } };
}
interface Workflow {
  readonly jobs: Record<string, Job>;
}

const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
const actionInputs = Object.keys((parse(readFileSync(path.join(REPO_ROOT, "action.yml"), "utf8")) as { inputs: Record<string, unknown> }).inputs);
const workflow = (name: string) => parse(readFileSync(path.join(REPO_ROOT, "examples/workflows", name), "utf8")) as Workflow;
const trailguardSteps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps.filter((s) => s.uses?.startsWith("trailguard/trailguard@")));

describe("examples/workflows and the README", () => {
  it("pull-request.yml: the Action at this version, then upload-sarif of its output", () => {
    const w = workflow("pull-request.yml");
    const [step, ...more] = trailguardSteps(w);
    expect(more).toEqual([]);
    expect(step!.uses).toBe(`trailguard/trailguard@v${version}`);
    for (const input of Object.keys(step!.with ?? {})) expect(actionInputs).toContain(input);
    const job = Object.values(w.jobs)[0]!;
    expect(job.permissions).toMatchObject({ "security-events": "write" });
    const upload = job.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))!;
    expect(upload.with!["sarif_file"]).toBe(`\${{ steps.${step!.id}.outputs.sarif-file }}`);
  });

  it("nightly-org-scan.yml: OIDC, a --shard matrix through args, then npx trailguard@VERSION merge and one upload", () => {
    const w = workflow("nightly-org-scan.yml");
    const scan = w.jobs["scan"]!;
    expect(scan.permissions).toMatchObject({ "id-token": "write" });
    expect(scan.steps.some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))).toBe(true);
    const shards = scan.strategy!.matrix.shard;
    const [step] = trailguardSteps(w);
    expect(step!.uses).toBe(`trailguard/trailguard@v${version}`);
    for (const input of Object.keys(step!.with ?? {})) expect(actionInputs).toContain(input);
    expect(step!.with!["live"]).toBe(true);
    expect(String(step!.with!["args"])).toContain(`--shard \${{ matrix.shard }}/${shards.length}`);
    const merge = w.jobs["merge"]!;
    expect(merge.needs).toBe("scan");
    expect(merge.steps.map((s) => s.run).find(Boolean)).toMatch(new RegExp(`^npx --yes trailguard@${version.replace(/\./g, "\\.")} merge `));
    expect(merge.steps.filter((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))).toHaveLength(1);
  });

  it("nightly-org-scan.yml: a verify job whose command line trailguard verify accepts, with its own SARIF category", () => {
    const verify = workflow("nightly-org-scan.yml").jobs["verify"]!;
    expect(verify.permissions).toMatchObject({ "id-token": "write", "security-events": "write" });
    const run = verify.steps.map((s) => s.run).find(Boolean)!;
    const prefix = `npx --yes trailguard@${version} verify `;
    expect(run.startsWith(prefix)).toBe(true);
    const options = buildProgram({ cwd: REPO_ROOT, stdoutIsTTY: false, stdout: () => {}, stderr: () => {} }, () => {})
      .commands.find((c) => c.name() === "verify")!
      .options.map((o) => o.long);
    for (const flag of run.slice(prefix.length).split(/\s+/).filter((a) => a.startsWith("--"))) expect(options).toContain(flag);
    const upload = verify.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))!;
    expect(upload.with).toMatchObject({ sarif_file: "trailguard-verify.sarif", category: "trailguard-verify" });
  });

  it("the README's copy-ready snippets name this version", () => {
    const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    for (const section of ["## GitHub Action", "## pre-commit", "## Nightly organization scan"]) expect(readme).toContain(`\n${section}\n`);
    expect(readme).toContain(`uses: trailguard/trailguard@v${version}`);
    expect(readme).toContain(`rev: v${version}`);
    expect(readme).toContain(`npx --yes trailguard@${version} merge`);
  });
});

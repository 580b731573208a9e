import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { rules } from "../../rules/index.ts";
import { cli } from "../support/cli.ts";
import { sarifErrors } from "../support/sarif-schema.ts";
import { FIXED, FLAWED, REPO_ROOT, cleanEnv, commit, git, initRepo, lineOf, tempDir } from "./git.ts";
import { fakeEnv } from "../support/fake-aws/env.ts";
import { ACCOUNT, deliveryErrors } from "../support/fake-aws/scenarios.ts";
import { startFakeAws } from "../support/fake-aws/server.ts";

/**
 * The runner runs the committed bundle from its own copy of the action repository, without
 * node_modules: the tests run a copy of dist/ outside this repository, which proves it self-contained.
 */
let ACTION = path.join(REPO_ROOT, "dist/action.js");

interface ActionYml {
  readonly inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  readonly outputs: Record<string, { description: string }>;
  readonly runs: Record<string, string>;
}
const actionYml = parse(readFileSync(path.join(REPO_ROOT, "action.yml"), "utf8")) as ActionYml;

interface Annotation {
  readonly command: string;
  readonly props: Record<string, string>;
  readonly message: string;
}

interface ActionRun {
  readonly code: number;
  readonly stdout: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** Annotations made for results and notifications (the closing setFailed error is left out). */
  readonly annotations: Annotation[];
  readonly failure: string | null;
}

/** Decodes workflow commands as the runner does. */
function parseCommands(stdout: string): Annotation[] {
  const unescape = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
  const out: Annotation[] = [];
  for (const line of stdout.split("\n")) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const p of (m[2] ?? "").split(",").filter(Boolean)) {
      const eq = p.indexOf("=");
      props[p.slice(0, eq)] = unescape(p.slice(eq + 1));
    }
    out.push({ command: m[1]!, props, message: unescape(m[3]!) });
  }
  return out;
}

/** `name<<DELIMITER` blocks, as @actions/core writes GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    while (++i < lines.length && lines[i] !== m[2]) value.push(lines[i]!);
    out[m[1]!] = value.join("\n");
  }
  return out;
}

/** The runner's environment and files for one step: inputs as INPUT_<NAME>, files for outputs and summary. */
function prepareAction(workspace: string, inputs: Record<string, string>, event: { name: string; payload?: unknown }, extraEnv: Record<string, string> = {}) {
  const files = tempDir("trailguard-runner-");
  const eventPath = path.join(files, "event.json");
  const outputPath = path.join(files, "output");
  const summaryPath = path.join(files, "summary.md");
  writeFileSync(eventPath, JSON.stringify(event.payload ?? {}));
  writeFileSync(outputPath, "");
  writeFileSync(summaryPath, "");
  const env: Record<string, string> = cleanEnv({
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_REPOSITORY: "octo/infra",
    ...extraEnv,
  });
  // action.yml's defaults, as the runner fills them in, then the step's `with:`.
  const defaults = Object.fromEntries(Object.entries(actionYml.inputs).map(([name, i]) => [name, i.default ?? ""]));
  for (const [name, value] of Object.entries({ ...defaults, ...inputs })) env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  return { env, outputPath, summaryPath };
}

function finishAction(status: number | null, stdout: string, outputPath: string, summaryPath: string): ActionRun {
  const all = parseCommands(stdout);
  const last = all.at(-1);
  const failure = last && last.command === "error" && !last.props["title"] ? last.message : null;
  return {
    code: status ?? -1,
    stdout,
    outputs: parseOutputs(readFileSync(outputPath, "utf8")),
    summary: readFileSync(summaryPath, "utf8"),
    annotations: failure ? all.slice(0, -1) : all,
    failure,
  };
}

/** Runs dist/action.js the way the runner does, with the workspace as cwd. */
function runAction(workspace: string, inputs: Record<string, string>, event: { name: string; payload?: unknown } = { name: "push" }): ActionRun {
  const { env, outputPath, summaryPath } = prepareAction(workspace, inputs, event);
  const r = spawnSync(process.execPath, [ACTION], { cwd: workspace, env, encoding: "utf8" });
  return finishAction(r.status, r.stdout, outputPath, summaryPath);
}

/** The same, without blocking this process (a fake AWS server in it must answer the Action). */
async function runActionAsync(workspace: string, inputs: Record<string, string>, extraEnv: Record<string, string>): Promise<ActionRun> {
  const { env, outputPath, summaryPath } = prepareAction(workspace, inputs, { name: "schedule" }, extraEnv);
  const child = spawn(process.execPath, [ACTION], { cwd: workspace, env });
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return finishAction(status, stdout, outputPath, summaryPath);
}

interface JsonResult {
  readonly ruleId: string;
  readonly name: string;
  readonly level: string;
  readonly file: string;
  readonly startLine: number;
}

/** What the CLI reports for the same work tree: the reference the Action must agree with. */
function cliScan(cwd: string): { results: JsonResult[]; summary: Record<string, number> } {
  return JSON.parse(cli(["scan", "--format", "json", "--fail-on", "none"], cwd).stdout);
}

const COMMAND: Record<string, string> = { error: "error", warning: "warning", note: "notice" };

const severity = new Map<string, number>(rules.map((r) => [r.meta.id, r.meta.securitySeverity]));
const RANK: Record<string, number> = { error: 0, warning: 1, notice: 2 };

/** Errors before warnings before notices; within a kind, rules of higher security severity first. */
function expectMostSevereFirst(list: readonly Annotation[]): void {
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1]!;
    const b = list[i]!;
    expect(RANK[a.command]!, `${a.props["title"]} before ${b.props["title"]}`).toBeLessThanOrEqual(RANK[b.command]!);
    if (a.command === b.command && a.props["title"]?.startsWith("TG") && b.props["title"]?.startsWith("TG")) {
      expect(severity.get(a.props["title"].slice(0, 5))!).toBeGreaterThanOrEqual(severity.get(b.props["title"].slice(0, 5))!);
    }
  }
}

// main: old.yaml (flawed) and edit.yaml (clean). The pull request (feature) adds new.yaml (flawed) and turns
// log file validation off in edit.yaml; meanwhile main moves on (old.yaml changes). Like GitHub, the
// payload's base.sha is main's tip, and refs/pull/N/merge (here: pr-merge) merges feature into it.
const OLD = FLAWED.replace(/example-flawed/g, "old-trail");
const NEW = FLAWED.replace(/example-flawed/g, "new-trail");
const EDITED = FIXED.replace("EnableLogFileValidation: true", "EnableLogFileValidation: false");
const TG003_LINE = lineOf(EDITED, "EnableLogFileValidation");

let origin: string;
let baseSha: string;
let headSha: string;
let payload: unknown;

beforeAll(() => {
  const actionCopy = path.join(tempDir("trailguard-action-"), "_actions", "trailguard", "v0");
  cpSync(path.join(REPO_ROOT, "dist"), path.join(actionCopy, "dist"), { recursive: true });
  ACTION = path.join(actionCopy, "dist", "action.js");
  origin = initRepo({ "old.yaml": OLD, "edit.yaml": FIXED, "README.md": "infra\n" });
  git(origin, "checkout", "--quiet", "-b", "feature");
  headSha = commit(origin, { "new.yaml": NEW, "edit.yaml": EDITED });
  git(origin, "checkout", "--quiet", "main");
  baseSha = commit(origin, { "old.yaml": "# owned by the platform team\n" + OLD });
  git(origin, "checkout", "--quiet", "-b", "pr-merge");
  git(origin, "merge", "--quiet", "--no-ff", "-m", "Merge feature into main", "feature");
  git(origin, "checkout", "--quiet", "feature");
  git(origin, "config", "uploadpack.allowAnySHA1InWant", "true");
  payload = { action: "opened", number: 7, pull_request: { number: 7, base: { ref: "main", sha: baseSha }, head: { ref: "feature", sha: headSha } } };
});

describe("the GitHub Action (node dist/action.js)", () => {
  it("action.yml runs the committed bundle on node24 with the inputs and outputs of cli.md", () => {
    expect(actionYml.runs).toEqual({ using: "node24", main: "dist/action.js" });
    expect(Object.keys(actionYml.inputs)).toEqual(["path", "config", "fail-on", "format", "args", "sarif-file", "live", "regions", "role-arn", "only-changed", "annotations", "summary"]);
    const defaults = Object.fromEntries(Object.entries(actionYml.inputs).map(([name, i]) => [name, i.default]));
    expect(defaults).toMatchObject({ path: ".", "fail-on": "error", format: "text", "sarif-file": "trailguard.sarif", live: "false", "only-changed": "true", annotations: "true", summary: "true" });
    for (const i of Object.values(actionYml.inputs)) expect(i.description.length).toBeGreaterThan(10);
    expect(Object.keys(actionYml.outputs)).toEqual(["sarif-file", "errors", "warnings", "notes", "results"]);
    // dist/ staleness: test/catalog.test.ts runs `node scripts/build.mjs --check`, which rebuilds every entry.
    expect(readFileSync(path.join(REPO_ROOT, "scripts/build.mjs"), "utf8")).toMatch(/action: "src\/action\/main\.ts"/);
    expect(existsSync(path.join(REPO_ROOT, "dist/action.js"))).toBe(true);
  });

  it("on a pull request: annotations only on changed lines, most severe first; summary, SARIF and outputs cover every result", () => {
    const r = runAction(origin, {}, { name: "pull_request", payload });
    expect(r.code).toBe(1);
    expect(r.failure).toMatch(/at or above fail-on 'error'/);

    const reference = cliScan(origin);
    const changed = reference.results.filter((x) => x.file === "new.yaml" || (x.file === "edit.yaml" && x.startLine === TG003_LINE));
    const key = (file: string | undefined, line: string | number | undefined, title: string | undefined, command: string) => `${file}:${line} ${title} ${command}`;
    expect(r.annotations.map((a) => key(a.props["file"], a.props["line"], a.props["title"], a.command)).sort()).toEqual(
      changed.map((x) => key(x.file, x.startLine, `${x.ruleId} ${x.name}`, COMMAND[x.level]!)).sort(),
    );
    const edit = r.annotations.filter((a) => a.props["file"] === "edit.yaml");
    expect(edit.map((a) => [a.command, a.props["title"], a.props["line"]])).toEqual([["error", "TG003 log-file-validation-disabled", String(TG003_LINE)]]);
    const tg002 = r.annotations.find((a) => a.props["file"] === "new.yaml" && a.props["title"] === "TG002 single-region-trail")!;
    expect(tg002).toMatchObject({ command: "error", props: { line: String(lineOf(NEW, "IsMultiRegionTrail")), col: "7" } });
    expect(tg002.message).toMatch(/new-trail is not multi-region/);
    expect(r.annotations.filter((a) => a.props["title"] === "TG012 insights-disabled").map((a) => a.command)).toEqual(["notice"]);
    expectMostSevereFirst(r.annotations);

    const s = reference.summary;
    expect(r.outputs).toEqual({ "sarif-file": path.join(origin, "trailguard.sarif"), errors: String(s["error"]), warnings: String(s["warning"]), notes: String(s["note"]), results: String(reference.results.length) });
    expect(reference.results.some((x) => x.file === "old.yaml")).toBe(true);
    const sarif = JSON.parse(readFileSync(path.join(origin, "trailguard.sarif"), "utf8"));
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results).toHaveLength(reference.results.length);
    expect(sarif.runs[0].automationDetails.id).toBe("trailguard/iac/");

    // The summary lists every result, also those outside the diff, with rule help and links to the lines.
    expect(r.summary).toMatch(/^## trailguard\n/);
    expect(r.summary).toContain(`${s["error"]} errors, ${s["warning"]} warnings, ${s["note"]} notes (0 suppressed) in 3 files.`);
    expect(r.summary).toMatch(/old-trail is not multi-region/);
    expect(r.summary).toContain(`(https://github.com/octo/infra/blob/${headSha}/old.yaml#L${lineOf(OLD, "IsMultiRegionTrail")})`);
    expect(r.summary).toContain("[Rule help](https://github.com/trailguard/trailguard/blob/v");
    expect(r.summary).toContain(`Annotations: ${changed.length} for results on lines this pull request changes`);

    // The text report is in the log, with workflow commands switched off around it.
    expect(r.stdout).toMatch(/^::stop-commands::([\w-]+)\n[\s\S]*\n::\1::$/m);
  });

  it("a shallow checkout of the merge commit without the base commit fetches it; if that fails, it annotates every result and says so", () => {
    const shallow = tempDir();
    git(shallow, "clone", "--quiet", "--depth=1", "--branch", "pr-merge", `file://${origin}`, "ws");
    const ws = path.join(shallow, "ws");
    expect(() => git(ws, "cat-file", "-e", `${baseSha}^{commit}`)).toThrow();
    const fetched = runAction(ws, {}, { name: "pull_request", payload });
    expect(new Set(fetched.annotations.map((a) => a.props["file"]))).toEqual(new Set(["edit.yaml", "new.yaml"]));
    expect(fetched.annotations.filter((a) => a.props["file"] === "edit.yaml")).toHaveLength(1);
    expect(() => git(ws, "cat-file", "-e", `${baseSha}^{commit}`)).not.toThrow();

    const lost = tempDir();
    git(lost, "clone", "--quiet", "--depth=1", "--branch", "feature", `file://${origin}`, "ws");
    const ws2 = path.join(lost, "ws");
    git(ws2, "remote", "remove", "origin");
    const r = runAction(ws2, {}, { name: "pull_request", payload });
    expect(r.code).toBe(1);
    const notice = r.annotations.find((a) => a.props["title"] === "trailguard")!;
    expect(notice.message).toMatch(/^Annotating every result, not only changed lines: the base commit \w+ is not in the checkout and could not be fetched/);
    expect(r.annotations.some((a) => a.props["file"] === "old.yaml")).toBe(true);
    expect(r.summary).toMatch(/Annotations: \d+ for every result \(changed lines unknown/);
  });

  it("keeps within GitHub's caps (10 errors, 10 warnings, 10 notices per step), the most severe first", () => {
    const many = initRepo({ "README.md": "x\n" });
    const base = git(many, "rev-parse", "HEAD");
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) files[`stacks/s${i}.yaml`] = FLAWED.replace(/example-flawed/g, `trail-${i}`);
    const head = commit(many, files);
    const r = runAction(many, { "fail-on": "none" }, { name: "pull_request", payload: { pull_request: { base: { sha: base }, head: { sha: head } } } });
    expect(r.code).toBe(0);
    expect(r.failure).toBeNull();
    const reference = cliScan(many).results;
    const count = (c: string) => r.annotations.filter((a) => a.command === c).length;
    const expected = (level: string) => Math.min(10, reference.filter((x) => x.level === level).length);
    expect([count("error"), count("warning"), count("notice")]).toEqual([expected("error"), expected("warning"), expected("note")]);
    expect(count("error")).toBe(10);
    expect(count("warning")).toBe(10);
    expectMostSevereFirst(r.annotations);
    // The errors shown are the most severe ones: none left out is more severe than one shown.
    const shown = r.annotations.filter((a) => a.command === "error").map((a) => severity.get(a.props["title"]!.slice(0, 5))!);
    const errors = reference.filter((x) => x.level === "error").map((x) => severity.get(x.ruleId)!).sort((a, b) => b - a);
    expect(shown).toEqual(errors.slice(0, 10));
    const total = count("error") + count("warning") + count("notice");
    expect(r.stdout).toContain(`trailguard: ${total} annotations for results on lines this pull request changes; ${reference.length - total} more not shown`);
    expect(r.outputs["results"]).toBe(String(reference.length));
  });

  it("fail-on decides the exit status; args take CLI options parsed by the CLI; other events annotate every result", () => {
    const warnOnly = runAction(origin, { "fail-on": "warning", args: "--rule TG002=off --rule TG003=off --rule TG007=off --rule TG008=off" });
    expect(warnOnly.code).toBe(1);
    expect(warnOnly.outputs["errors"]).toBe("0");
    const passes = runAction(origin, { "fail-on": "none", args: "--rule TG012=off --format 'json=out dir/r.json'", "sarif-file": "reports/tg.sarif" });
    expect(passes.code).toBe(0);
    expect(passes.outputs["sarif-file"]).toBe(path.join(origin, "reports/tg.sarif"));
    const json = JSON.parse(readFileSync(path.join(origin, "out dir/r.json"), "utf8"));
    expect(json.results.some((x: { ruleId: string }) => x.ruleId === "TG012")).toBe(false);
    // A push event: every result is annotated (old.yaml too).
    expect(passes.annotations.some((a) => a.props["file"] === "old.yaml")).toBe(true);

    const bad = runAction(origin, { args: "--no-such-option" });
    expect(bad.code).toBe(1);
    expect(bad.failure).toMatch(/^trailguard: args: error: unknown option '--no-such-option'/);
    expect(runAction(origin, { "fail-on": "sometimes" }).failure).toMatch(/Allowed choices are error, warning, note, none/);
    expect(runAction(origin, { annotations: "maybe" }).failure).toMatch(/input annotations: 'maybe' is not true or false/);
  });

  it("Terraform too: the bundle loads its parser (wasm) from beside itself", () => {
    const tf = initRepo({ "main.tf": 'resource "aws_cloudtrail" "main" {\n  name           = "main"\n  s3_bucket_name = "logs"\n}\n' });
    const r = runAction(tf, { summary: "false" });
    expect(r.code).toBe(1);
    expect(r.annotations.find((a) => a.props["title"] === "TG003 log-file-validation-disabled")).toMatchObject({ command: "error", props: { file: "main.tf", line: "1" } });
  });

  it("annotations and summary can be turned off; --diff-base in args gates on the diff", () => {
    const quiet = runAction(origin, { annotations: "false", summary: "false", args: `--diff-base ${baseSha}` }, { name: "pull_request", payload });
    expect(quiet.annotations).toEqual([]);
    expect(quiet.summary).toBe("");
    const onDiff = cliScan(origin).results.filter((x) => x.file === "new.yaml" || (x.file === "edit.yaml" && x.startLine === TG003_LINE));
    const n = (level: string) => String(onDiff.filter((x) => x.level === level).length);
    expect(quiet.outputs).toMatchObject({ errors: n("error"), warnings: n("warning"), notes: n("note"), results: String(onDiff.length) });
    expect(quiet.code).toBe(1);
  });

  it("live: true scans the account of the credentials (a fake AWS on 127.0.0.1) and writes live SARIF", async () => {
    const fake = await startFakeAws(deliveryErrors());
    try {
      const ws = tempDir("trailguard-live-ws-");
      writeFileSync(path.join(ws, ".trailguard.yml"), "rules: {}\n");
      const r = await runActionAsync(ws, { live: "true", regions: "us-east-1", config: ".trailguard.yml" }, fakeEnv(fake.url, ACCOUNT));
      expect(r.failure).toMatch(/fail-on/);
      expect(r.code).toBe(1);
      const sarif = JSON.parse(readFileSync(path.join(ws, "trailguard.sarif"), "utf8"));
      expect(sarifErrors(sarif)).toEqual([]);
      expect(sarif.runs[0].automationDetails.id).toBe(`trailguard/live/${ACCOUNT}/`);
      const results = sarif.runs[0].results as { ruleId: string; locations: { logicalLocations?: { fullyQualifiedName: string }[]; physicalLocation?: { artifactLocation: { uri: string } } }[] }[];
      expect(results.some((x) => x.ruleId === "TG018")).toBe(true);
      for (const x of results) {
        expect(x.locations[0]!.logicalLocations![0]!.fullyQualifiedName).toMatch(/^arn:aws:/);
        expect(x.locations[0]!.physicalLocation!.artifactLocation.uri).toBe(".trailguard.yml");
      }
      expect(fake.calls.every((c) => /^(Describe|Get|List)/.test(c.operation))).toBe(true);
    } finally {
      await fake.close();
    }
  });
});

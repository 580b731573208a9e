import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fixDiff, runFix } from "../../src/cli/fix.ts";
import { scan, type ScanOptions } from "../../src/index.ts";
import { buildSarif } from "../../src/report/sarif.ts";
import { sarifErrors } from "../support/sarif-schema.ts";
import { tempTree } from "../support/scan-files.ts";
import { expectFalseBecameTrue, firing, onlyRules, readTree, resultKey } from "./fix-support.ts";

/** A fixable setting of each rule, written as `var.NAME` in Terraform, and what else the rule needs. */
interface RuleCase {
  readonly rule: string;
  readonly main: (expr: string) => string;
}

const trail = (attrs: string) =>
  `# the audit trail (this comment stays)\nresource "aws_cloudtrail" "t" {\n  name           = "audit" # trailing comment\n  s3_bucket_name = "logs"\n${attrs}}\n`;

const RULES: RuleCase[] = [
  { rule: "TG002", main: (e) => trail(`  is_multi_region_trail = ${e}\n`) },
  { rule: "TG003", main: (e) => trail(`  enable_log_file_validation = ${e}\n`) },
  { rule: "TG004", main: (e) => trail(`  enable_logging = ${e}\n`) },
  { rule: "TG014", main: (e) => trail(`  include_global_service_events = ${e}\n`) },
  { rule: "TG021", main: (e) => `resource "aws_kms_key" "k" {\n  description         = "trail key" # stays\n  enable_key_rotation = ${e}\n}\n\n` + trail("  kms_key_id = aws_kms_key.k.arn\n") },
  {
    rule: "TG008",
    main: (e) =>
      'resource "aws_s3_bucket" "logs" {\n  bucket = "logs" # stays\n}\n\nresource "aws_s3_bucket_public_access_block" "logs" {\n  bucket                  = aws_s3_bucket.logs.id\n' +
      `  block_public_acls       = ${e}\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}\n\n` +
      'resource "aws_cloudtrail" "t" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}\n',
  },
];

const variable = (def: string) => `# inputs\nvariable "setting" {\n  type    = bool${def ? `\n  default = ${def} # keep this comment` : ""}\n}\n`;

/** Where the value is written: the file that must change, and the files of the fixture. */
const PLACES: { readonly name: string; readonly edited: string; readonly files: (main: string) => Record<string, string>; readonly options?: Omit<ScanOptions, "cwd"> }[] = [
  { name: "the variable's default", edited: "variables.tf", files: (m) => ({ "main.tf": m, "variables.tf": variable("false") }) },
  { name: "terraform.tfvars", edited: "terraform.tfvars", files: (m) => ({ "main.tf": m, "variables.tf": variable(""), "terraform.tfvars": "# values\nsetting = false # keep\n" }) },
  {
    name: "an auto.tfvars over terraform.tfvars and the default",
    edited: "b.auto.tfvars",
    files: (m) => ({ "main.tf": m, "variables.tf": variable("false"), "terraform.tfvars": "setting = false\n", "a.auto.tfvars": "setting = true\n", "b.auto.tfvars": "setting   =   false\n" }),
  },
  { name: "terraform.tfvars.json", edited: "terraform.tfvars.json", files: (m) => ({ "main.tf": m, "variables.tf": variable(""), "terraform.tfvars.json": '{\n  "setting": false\n}\n' }) },
  {
    name: "a default in JSON syntax",
    edited: "variables.tf.json",
    files: (m) => ({ "main.tf": m, "variables.tf.json": '{\n  "variable": {\n    "setting": { "type": "bool", "default": false }\n  }\n}\n' }),
  },
  {
    name: "a --var-file",
    edited: "env/prod.tfvars",
    files: (m) => ({ "main.tf": m, "variables.tf": variable("true"), "terraform.tfvars": "setting = true\n", "env/prod.tfvars": "setting = false # prod\n" }),
    options: { varFiles: ["env/prod.tfvars"] },
  },
];

describe("--fix edits the place a Terraform variable's value is written", () => {
  for (const c of RULES) {
    for (const place of PLACES) {
      it(`${c.rule}, value from ${place.name}: only that value changes, the rule stops firing, nothing new fires, a second --fix does nothing`, async () => {
        const files = place.files(c.main("var.setting"));
        const dir = tempTree(files);
        const opts = { cwd: dir, ...place.options };
        const before = await scan({ ...opts, ...onlyRules(c.rule) });
        expect(firing(before, c.rule), "fails before").toBe(1);
        const result = before.results.find((r) => r.ruleId === c.rule)!;
        expect(result.fixable).toBe(true);
        expect(result.loc.file).toBe("main.tf");
        const sarif = buildSarif(before, { cwd: dir });
        expect(sarifErrors(sarif)).toEqual([]);
        const fix = sarif.runs[0]!.results!.find((r) => r.ruleId === c.rule)!.fixes![0]!;
        expect(fix.artifactChanges[0]!.artifactLocation.uri).toBe(place.edited);
        expect(fix.description?.text).toMatch(new RegExp(`^Set var\\.setting to true where it is written \\(${place.edited.replace(/\./g, "\\.")}:\\d+\\)$`));

        const all = new Set((await scan(opts)).results.map(resultKey));
        // Only the rule under test fixes, so that its one edit is all that changes; every rule judges the result.
        const first = await runFix({ ...opts, ...onlyRules(c.rule) }, false);
        expect(first.changed.map((x) => x.file)).toEqual([place.edited]);
        const after = readTree(dir);
        for (const [rel, text] of Object.entries(files)) {
          if (rel === place.edited) expectFalseBecameTrue(text, after[rel]!);
          else expect(after[rel], rel).toBe(text);
        }
        if (place.edited.endsWith(".json")) JSON.parse(after[place.edited]!);
        expect(firing(first.run, c.rule), "passes after").toBe(0);
        expect(first.run.notifications.filter((n) => n.level === "error")).toEqual([]);
        expect((await scan(opts)).results.map(resultKey).filter((k) => !all.has(k)), "no new result").toEqual([]);

        const second = await runFix({ ...opts, ...onlyRules(c.rule) }, false);
        expect(second.changed).toEqual([]);
        expect(readTree(dir)).toEqual(after);
      });
    }
  }

  it("follows a local that is just the variable, and a module argument that is just a variable", async () => {
    const files = {
      "main.tf":
        'locals {\n  validation = var.validation\n}\n\nresource "aws_cloudtrail" "t" {\n  name                       = "audit"\n  s3_bucket_name             = "logs"\n  is_multi_region_trail      = true\n  enable_log_file_validation = local.validation\n}\n\n' +
        'module "trail" {\n  source = "./modules/trail"\n  multi  = var.multi\n}\n',
      "variables.tf": 'variable "validation" {\n  default = false\n}\n\nvariable "multi" {\n  default = "false"\n}\n',
      "modules/trail/main.tf": 'variable "multi" {\n  type = bool\n}\n\nresource "aws_cloudtrail" "m" {\n  name                       = "m"\n  s3_bucket_name             = "logs"\n  enable_log_file_validation = true\n  is_multi_region_trail      = var.multi\n}\n',
    };
    const dir = tempTree(files);
    const opts = { cwd: dir, ...onlyRules("TG002", "TG003") };
    const out = await runFix(opts, false);
    expect(out.changed.map((c) => c.file)).toEqual(["variables.tf"]);
    expect(readTree(dir)["variables.tf"]).toBe('variable "validation" {\n  default = true\n}\n\nvariable "multi" {\n  default = true\n}\n');
    expect(out.run.results.filter((r) => r.ruleId === "TG003" || r.address === "aws_cloudtrail.m")).toEqual([]);
    expect(readTree(dir)["main.tf"]).toBe(files["main.tf"]);
  });

  it("a literal module argument, and a module's own default, are edited where they are written", async () => {
    const mod = 'variable "validation" {\n  default = false\n}\n\nvariable "multi" {\n  default = true\n}\n\nresource "aws_cloudtrail" "m" {\n  name                       = "m"\n  s3_bucket_name             = "logs"\n  enable_log_file_validation = var.validation\n  is_multi_region_trail      = var.multi\n}\n';
    const files = { "main.tf": 'module "trail" {\n  source = "./modules/trail"\n  multi  = false # explicit\n}\n', "modules/trail/main.tf": mod };
    const dir = tempTree(files);
    const out = await runFix({ cwd: dir, ...onlyRules("TG002", "TG003") }, false);
    expect(out.changed.map((c) => c.file).sort()).toEqual(["main.tf", "modules/trail/main.tf"]);
    expectFalseBecameTrue(files["main.tf"], readTree(dir)["main.tf"]!);
    expectFalseBecameTrue(mod, readTree(dir)["modules/trail/main.tf"]!);
    expect(out.run.results).toEqual([]);
  });

  it("--fix-dry-run shows the diff of the variables file, which git apply takes", async () => {
    const files = { "main.tf": RULES[1]!.main("var.setting"), "variables.tf": variable("false") };
    const dir = tempTree(files);
    const diff = fixDiff(await runFix({ cwd: dir, ...onlyRules("TG003") }, true));
    expect(diff).toBe(
      "--- a/variables.tf\n+++ b/variables.tf\n@@ -1,5 +1,5 @@\n # inputs\n variable \"setting\" {\n   type    = bool\n-  default = false # keep this comment\n+  default = true # keep this comment\n }\n",
    );
    expect(readTree(dir)).toEqual(files);
    spawnSync("git", ["init", "-q"], { cwd: dir });
    writeFileSync(path.join(dir, "fix.patch"), diff);
    const check = spawnSync("git", ["apply", "--check", "fix.patch"], { cwd: dir, encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });
});

/** Two trails read var.validation: neither is fixed, and both say why. */
const shared = {
  "main.tf":
    'resource "aws_cloudtrail" "main" {\n  name                       = "audit"\n  s3_bucket_name             = "logs"\n  enable_log_file_validation = var.validation\n}\n\n' +
    "# a second trail reads the same variable\n" +
    'resource "aws_cloudtrail" "other" {\n  name                       = "other"\n  s3_bucket_name             = "logs"\n  enable_log_file_validation = var.validation\n}\n',
  "variables.tf": 'variable "validation" {\n  default = false\n}\n',
};

async function cliRun(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { cwd, stdoutIsTTY: false, stderrIsTTY: false, stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("no fix when the variable's value also feeds something else, and the user is told", () => {
  const note = (line: number, other: string, otherLine: number) =>
    ({ level: "note", id: "fix-unavailable", file: "main.tf", line, message: `TG003: not fixed: var.validation also feeds aws_cloudtrail.${other} (main.tf:${otherLine}); change it by hand` }) as const;

  it("another resource reads it: no fix, a note on each result, nothing written", async () => {
    const dir = tempTree(shared);
    const run = await scan({ cwd: dir, ...onlyRules("TG003") });
    expect(run.results.map((r) => [r.address, r.fixable])).toEqual([
      ["aws_cloudtrail.main", false],
      ["aws_cloudtrail.other", false],
    ]);
    expect(run.notifications).toEqual([expect.objectContaining(note(4, "other", 11)), expect.objectContaining(note(11, "main", 4))]);
    expect(buildSarif(run, { cwd: dir }).runs[0]!.results!.every((r) => r.fixes === undefined)).toBe(true);
    const out = await runFix({ cwd: dir, ...onlyRules("TG003") }, false);
    expect(out.changed).toEqual([]);
    expect(readTree(dir)).toEqual(shared);
  });

  it("the text and JSON reports carry the note; --fix-dry-run prints it on stderr; --fix reports it", async () => {
    const dir = tempTree(shared);
    const text = await cliRun(["scan", "--rule", "TG003=error", "--format", "text"], dir);
    expect(text.stdout).toContain("note  main.tf:4  fix-unavailable: TG003: not fixed: var.validation also feeds aws_cloudtrail.other (main.tf:11); change it by hand");
    const json = JSON.parse((await cliRun(["scan", "--format", "json"], dir)).stdout) as { notifications: { id: string; message: string; startLine: number }[] };
    expect(json.notifications.filter((n) => n.id === "fix-unavailable").map((n) => [n.startLine, n.message])).toEqual([
      [4, "TG003: not fixed: var.validation also feeds aws_cloudtrail.other (main.tf:11); change it by hand"],
      [11, "TG003: not fixed: var.validation also feeds aws_cloudtrail.main (main.tf:4); change it by hand"],
    ]);
    const dry = await cliRun(["scan", "--fix-dry-run"], dir);
    expect(dry.stderr).toContain("trailguard: note: main.tf:4: TG003: not fixed: var.validation also feeds aws_cloudtrail.other (main.tf:11); change it by hand\n");
    expect(dry.stdout).not.toContain("variables.tf");
    const fixed = await cliRun(["scan", "--fix", "--format", "json"], dir);
    expect((JSON.parse(fixed.stdout) as { notifications: { id: string }[] }).notifications.some((n) => n.id === "fix-unavailable")).toBe(true);
    expect(readTree(dir)["variables.tf"]).toBe(shared["variables.tf"]);
  });

  const refused = async (files: Record<string, string>, rule: string, options: Omit<ScanOptions, "cwd"> = {}): Promise<string[]> => {
    const dir = tempTree(files);
    const run = await scan({ cwd: dir, ...onlyRules(rule), ...options });
    expect(firing(run, rule)).toBeGreaterThan(0);
    expect(run.results.some((r) => r.fixable)).toBe(false);
    const out = await runFix({ cwd: dir, ...onlyRules(rule), ...options }, false);
    expect(out.changed).toEqual([]);
    expect(readTree(dir)).toEqual(files);
    return run.notifications.filter((n) => n.id === "fix-unavailable").map((n) => n.message);
  };

  it("a local, a count and an output count as readers", async () => {
    const base = RULES[1]!.main("var.setting");
    expect(await refused({ "main.tf": base + 'locals {\n  copy = var.setting\n}\n', "variables.tf": variable("false") }, "TG003")).toEqual([
      "TG003: not fixed: var.setting also feeds local.copy (main.tf:8); change it by hand",
    ]);
    const counted = base + 'resource "aws_sns_topic" "t" {\n  count = var.setting ? 1 : 0\n  name  = "t"\n}\n';
    expect(await refused({ "main.tf": counted, "variables.tf": variable("false") }, "TG003")).toEqual([
      "TG003: not fixed: var.setting also feeds the count of aws_sns_topic.t (main.tf:8); change it by hand",
    ]);
    expect(await refused({ "main.tf": base + 'output "on" {\n  value = var.setting\n}\n', "variables.tf": variable("false") }, "TG003")).toEqual([
      "TG003: not fixed: var.setting also feeds output.on (main.tf:8); change it by hand",
    ]);
  });

  it("a local that other resources read, two module blocks given the same variable, a module default used by two module blocks", async () => {
    const viaLocal = {
      "main.tf":
        'locals {\n  on = var.setting\n}\n\nresource "aws_cloudtrail" "t" {\n  name                       = "audit"\n  s3_bucket_name             = "logs"\n  enable_log_file_validation = local.on\n  is_multi_region_trail      = local.on\n}\n',
      "variables.tf": variable("false"),
    };
    expect(await refused(viaLocal, "TG003")).toEqual(["TG003: not fixed: local.on also feeds aws_cloudtrail.t (main.tf:9); change it by hand"]);
    const mod = 'variable "validation" {\n  default = false\n}\n\nresource "aws_cloudtrail" "m" {\n  name                       = "m"\n  s3_bucket_name             = "logs"\n  enable_log_file_validation = var.validation\n}\n';
    const twice = 'module "a" {\n  source     = "./mod"\n  validation = var.setting\n}\n\nmodule "b" {\n  source     = "./mod"\n  validation = var.setting\n}\n';
    expect(await refused({ "main.tf": twice, "variables.tf": variable("false"), "mod/main.tf": mod }, "TG003")).toEqual([
      "TG003: not fixed: var.setting also feeds module.b (main.tf:8); change it by hand",
    ]);
    const byDefault = 'module "a" {\n  source = "./mod"\n}\n\nmodule "b" {\n  source = "./mod"\n}\n';
    expect(await refused({ "main.tf": byDefault, "mod/main.tf": mod }, "TG003")).toEqual([
      "TG003: not fixed: var.validation also feeds module.b (main.tf:5); change it by hand",
    ]);
  });

  it("a value given with -var or TF_VAR_ has no file to edit", async () => {
    const files = { "main.tf": RULES[1]!.main("var.setting"), "variables.tf": variable("true") };
    expect(await refused(files, "TG003", { vars: ["setting=false"] })).toEqual(["TG003: not fixed: var.setting is given with --var on the command line; change it by hand"]);
    expect(await refused(files, "TG003", { env: { TF_VAR_setting: "false" } })).toEqual([
      "TG003: not fixed: var.setting is given by the environment variable TF_VAR_setting; change it by hand",
    ]);
  });

  it("a --var-file feeds every root module: no fix when another folder declares the variable", async () => {
    const files = {
      "a/main.tf": RULES[1]!.main("var.setting"),
      "a/variables.tf": variable(""),
      "b/main.tf": 'resource "aws_sns_topic" "t" {\n  name = var.setting ? "on" : "off"\n}\n',
      "b/variables.tf": variable(""),
      "prod.tfvars": "setting = false\n",
    };
    expect(await refused(files, "TG003", { varFiles: ["prod.tfvars"] })).toEqual([
      "TG003: not fixed: the --var-file prod.tfvars also sets the variable declared at b/variables.tf:2; change it by hand",
    ]);
  });

  it("a value written outside the scanned paths is not edited", async () => {
    const files = {
      "envs/prod/main.tf": 'module "trail" {\n  source = "../../modules/trail"\n}\n',
      "modules/trail/main.tf": 'variable "validation" {\n  default = false\n}\n\nresource "aws_cloudtrail" "m" {\n  name                       = "m"\n  s3_bucket_name             = "logs"\n  enable_log_file_validation = var.validation\n}\n',
    };
    const dir = tempTree(files);
    const run = await scan({ cwd: dir, paths: ["envs/prod"], ...onlyRules("TG003") });
    expect(firing(run, "TG003")).toBe(1);
    expect(run.results[0]!.fixable).toBe(false);
    expect(run.notifications.map((n) => n.message)).toEqual([
      "TG003: not fixed: var.validation is written in modules/trail/main.tf:2, which is not among the scanned files; change it by hand",
    ]);
    expect((await runFix({ cwd: dir, paths: ["envs/prod"], ...onlyRules("TG003") }, false)).changed).toEqual([]);
    expect(readTree(dir)).toEqual(files);
  });

  it("a plan's values get no fix", async () => {
    const planJson = JSON.stringify({
      format_version: "1.2",
      terraform_version: "1.9.5",
      planned_values: {
        root_module: {
          resources: [
            { address: "aws_cloudtrail.t", mode: "managed", type: "aws_cloudtrail", name: "t", values: { name: "audit", s3_bucket_name: "logs", enable_log_file_validation: false } },
          ],
        },
      },
    });
    const dir = tempTree({ "plan.json": planJson });
    const run = await scan({ cwd: dir, ...onlyRules("TG003") });
    expect(firing(run, "TG003")).toBe(1);
    expect(run.results[0]!.fixable).toBe(false);
    expect((await runFix({ cwd: dir, ...onlyRules("TG003") }, false)).changed).toEqual([]);
  });
});

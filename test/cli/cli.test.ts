import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.ts";
import { cli } from "../support/cli.ts";
import { tempTree } from "../support/scan-files.ts";
import { sarifErrors } from "../support/sarif-schema.ts";
import { resultsErrors } from "../support/results-schema.ts";

const repo = path.resolve(import.meta.dirname, "../..");
const bad = "Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties: { S3BucketName: logs, IsLogging: true }\n";
const good = [
  "Resources:",
  "  Trail:",
  "    Type: AWS::CloudTrail::Trail",
  "    Properties:",
  "      S3BucketName: central-logs",
  "      IsLogging: true",
  "      IsMultiRegionTrail: true",
  "      EnableLogFileValidation: true",
  "      KMSKeyId: alias/cloudtrail",
  "      CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111122223333:log-group:trail:*",
  "      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail",
  "      InsightSelectors: [{ InsightType: ApiCallRateInsight }]",
  "",
].join("\n");

describe("trailguard scan", () => {
  it("the bundled examples fail, with the flawed files' findings and none for the fixed ones", () => {
    const r = cli(["scan", "examples", "--format", "json"], repo);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(resultsErrors(out)).toEqual([]);
    const byFile = (f: string) => out.results.filter((x: { file: string }) => x.file === f).map((x: { ruleId: string }) => x.ruleId).sort();
    expect(new Set(out.results.map((x: { file: string }) => x.file))).toEqual(new Set(["examples/cloudformation/flawed.yaml", "examples/terraform/flawed/main.tf"]));
    expect(byFile("examples/cloudformation/flawed.yaml")).toEqual(["TG002", "TG003", "TG005", "TG007", "TG008", "TG009", "TG011", "TG012", "TG015", "TG016"]);
    expect(byFile("examples/terraform/flawed/main.tf")).toEqual(["TG002", "TG003", "TG005", "TG007", "TG008", "TG009", "TG011", "TG012", "TG015"]);
    expect(out.summary.files).toBe(4);
  });

  it("exit 0 on a clean template, with a summary line", () => {
    const r = cli(["scan", "examples/cloudformation/fixed.yaml"], repo);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n").pop()).toBe("No problems found in 1 file.");
    expect(r.code).toBe(0);
  });

  it("text output: grouped by file, one line per result, summary last", () => {
    const dir = tempTree({ "a/t.yaml": bad, "b.yaml": bad });
    const r = cli(["scan", "--rule", "TG012=off"], dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("a/t.yaml");
    expect(lines[1]).toMatch(/^ {2}2:3 {2}error {2}Trail Trail is not multi-region.* {2}TG002 single-region-trail$/);
    expect(lines).toContain("b.yaml");
    expect(lines.at(-1)).toBe("4 errors, 4 warnings, 0 notes (0 suppressed) in 2 files.");
  });

  it("--format F=FILE writes files, the bare format goes to stdout, missing folders are created", () => {
    const dir = tempTree({ "t.yaml": bad });
    const r = cli(["scan", "--format", "sarif=out/deep/r.sarif", "--format", "json=r.json", "--format", "text"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/errors,/);
    const sarif = JSON.parse(readFileSync(path.join(dir, "out/deep/r.sarif"), "utf8"));
    expect(sarifErrors(sarif)).toEqual([]);
    expect(resultsErrors(JSON.parse(readFileSync(path.join(dir, "r.json"), "utf8")))).toEqual([]);
  });

  it("--output takes the report; stdout stays empty; warnings go to stderr", () => {
    const dir = tempTree({ "t.yaml": bad, "broken.yaml": "Resources:\n  A: {\n  B: 1\n" });
    const r = cli(["scan", "--output", "report.txt"], dir);
    expect(r.stdout).toBe("");
    expect(readFileSync(path.join(dir, "report.txt"), "utf8")).toMatch(/in 1 file\.\n$/);
    expect(r.stderr).toMatch(/^trailguard: error: broken\.yaml:\d+: /m);
    const quiet = cli(["scan", "--output", "report.txt", "--quiet"], dir);
    expect(quiet.stderr).toBe("");
  });

  it.each([
    [["scan", "--format", "json", "--format", "sarif"], /at most one format/],
    [["scan", "--format", "xml"], /unknown format/],
    [["scan", "nope"], /path does not exist: nope/],
    [["scan", "--rule", "TG999=off"], /unknown rule/],
    [["scan", "--rule", "TG002=loud"], /expected ID=LEVEL/],
    [["scan", "--format", "json=a.json", "--format", "sarif=a.json"], /named twice/],
    [["scan", "--fail-on", "sometimes"], /Allowed choices/],
  ])("usage error %j exits 2", (args, message) => {
    const dir = tempTree({ "t.yaml": bad });
    const r = cli(args, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("--fail-on decides the exit status; reviews never count", () => {
    const dir = tempTree({ "t.yaml": bad });
    expect(cli(["scan", "--fail-on", "none"], dir).code).toBe(0);
    const onlyWarnings = ["--rule", "TG002=warning", "--rule", "TG003=warning", "--rule", "TG012=off"];
    expect(cli(["scan", ...onlyWarnings], dir).code).toBe(0);
    expect(cli(["scan", "--fail-on", "warning", ...onlyWarnings], dir).code).toBe(1);
    const unknown = tempTree({ "t.yaml": good.replace("IsMultiRegionTrail: true", "IsMultiRegionTrail: !ImportValue mr") });
    const strict = cli(["scan", "--strict", "--format", "json"], unknown);
    expect(strict.code).toBe(0);
    expect(JSON.parse(strict.stdout).summary).toMatchObject({ error: 0, review: 1 });
    // In text, reviews are counted on a line of their own; the summary line keeps the contract's form.
    const text = cli(["scan", "--strict", "--rule", "TG005=off", "--rule", "TG012=off", "--rule", "TG011=off", "--rule", "TG003=off"], unknown).stdout.trimEnd().split("\n");
    expect(text.at(-2)).toBe("1 review: values that could not be resolved (--strict); they never fail the run.");
    expect(text.at(-1)).toMatch(/^(No problems found in 1 file\.|\d+ errors?, \d+ warnings?, \d+ notes? \(\d+ suppressed\) in 1 file\.)$/);
  });

  it("an invalid configuration stops the run with exit 2, naming the key path and line", () => {
    const dir = tempTree({ "t.yaml": bad, ".trailguard.yml": "minRetentionDays: 365\nrules:\n  TG002: error\n  TG999: off\n" });
    const r = cli(["scan"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("trailguard: .trailguard.yml:4: rules.TG999: unknown rule ID or name\n");
    const typo = tempTree({ "t.yaml": bad, ".trailguard.yml": "minRetentionDay: 365\n" });
    expect(cli(["scan"], typo).stderr).toMatch(/\.trailguard\.yml:1: minRetentionDay: unknown key/);
    const wrongType = tempTree({ "t.yaml": bad, ".trailguard.yml": "requireTrail: yes\n" });
    expect(cli(["scan"], wrongType).stderr).toMatch(/requireTrail: must be boolean/);
  });

  it("configuration: rule levels by name, off, ignorePaths", () => {
    const dir = tempTree({
      "t.yaml": bad,
      "vendor/t.yaml": bad,
      ".trailguard.yml": "rules: { single-region-trail: off, TG003: note }\nignorePaths: [vendor/]\n",
    });
    const out = JSON.parse(cli(["scan", "--format", "json"], dir).stdout);
    const ids = out.results.map((r: { ruleId: string; level: string; file: string }) => `${r.file} ${r.ruleId} ${r.level}`);
    expect(ids).not.toContainEqual(expect.stringContaining("TG002"));
    expect(ids).toContain("t.yaml TG003 note");
    expect(ids.every((s: string) => s.startsWith("t.yaml"))).toBe(true);
  });

  it("suppressions: inline with reason, config with expiry, and without reason", () => {
    const template = [
      "Resources:",
      "  Trail:",
      "    Type: AWS::CloudTrail::Trail",
      "    Metadata:",
      "      trailguard:",
      "        ignore:",
      "          - { id: TG003, reason: digests checked by the log archive account }",
      "          - { id: insights-disabled }",
      "    Properties: { TrailName: sandbox-1, S3BucketName: logs, IsLogging: true }",
      "",
    ].join("\n");
    const config = [
      "suppressions:",
      "  - { rule: TG002, resource: Trail, reason: single-region sandbox, expires: 2099-01-01 }",
      "  - { rule: TG011, resource: 'arn:aws:cloudtrail:*:*:trail/sandbox-*', reason: sandbox, expires: 2020-01-01 }",
      "",
    ].join("\n");
    const dir = tempTree({ "t.yaml": template, ".trailguard.yml": config });
    const r = cli(["scan", "--format", "json", "--format", "text=out.txt"], dir);
    const out = JSON.parse(r.stdout);
    const by = (id: string) => out.results.find((x: { ruleId: string }) => x.ruleId === id);
    expect(by("TG003").suppression).toEqual({ kind: "inSource", reason: "digests checked by the log archive account" });
    expect(by("TG002").suppression).toEqual({ kind: "external", reason: "single-region sandbox" });
    expect(by("TG012").suppressed).toBe(false);
    expect(by("TG011").suppressed).toBe(false);
    const ids = out.notifications.map((n: { id: string }) => n.id).sort();
    expect(ids).toEqual(["suppression-expired", "suppression-without-reason"]);
    expect(out.summary.suppressed).toBe(2);
    const text = readFileSync(path.join(dir, "out.txt"), "utf8");
    expect(text).not.toMatch(/TG003/);
    expect(text).toMatch(/\(2 suppressed\)/);
  });

  it("file PATHs: only results located in the given files", () => {
    const dir = tempTree({ "a.yaml": bad, "b.yaml": bad });
    const out = JSON.parse(cli(["scan", "b.yaml", "--format", "json"], dir).stdout);
    expect(new Set(out.results.map((r: { file: string }) => r.file))).toEqual(new Set(["b.yaml"]));
    expect(out.summary.files).toBe(1);
  });

  it("--baseline drops known results and counts them", () => {
    const dir = tempTree({ "t.yaml": bad });
    cli(["scan", "--format", "sarif=base.sarif"], dir);
    // Lines added above must not change fingerprints.
    writeFileSync(path.join(dir, "t.yaml"), "# a comment\n# another\n" + bad);
    const r = cli(["scan", "--baseline", "base.sarif", "--format", "json"], dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.results).toEqual([]);
    expect(out.summary.baselined).toBe(5);
    expect(cli(["scan", "--baseline", "missing.sarif"], dir).code).toBe(2);
  });
});

describe("other commands", () => {
  it("--version and --help", () => {
    const pkg = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8"));
    expect(cli(["--version"], repo).stdout.trim()).toBe(pkg.version);
    for (const cmd of ["scan", "rules", "explain", "init"]) {
      const r = cli([cmd, "--help"], repo);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: trailguard/);
    }
  });

  it("rules --format json lists every registered rule with the contract's keys", () => {
    const out = JSON.parse(cli(["rules", "--format", "json"], repo).stdout);
    expect(out.map((r: { id: string }) => r.id)).toEqual(rules.map((r) => r.meta.id));
    for (const r of out) {
      expect(Object.keys(r).sort()).toEqual(["appliesTo", "controls", "equivalents", "fixable", "helpUri", "id", "level", "name", "securitySeverity", "summary", "tags"]);
      expect(Object.keys(r.equivalents).sort()).toEqual(["checkov", "prowler", "trivy"]);
    }
  });

  it("explain works for every rule, by ID and by name", () => {
    for (const rule of rules) {
      const byId = cli(["explain", rule.meta.id], repo);
      expect(byId.code).toBe(0);
      expect(byId.stdout).toContain(`# ${rule.meta.id} ${rule.meta.name}`);
      expect(cli(["explain", rule.meta.name], repo).stdout).toBe(byId.stdout);
    }
    expect(cli(["explain", "TG999"], repo).code).toBe(2);
  });

  it("init writes a valid configuration with every key, and refuses to overwrite without --force", () => {
    const dir = tempTree({});
    expect(cli(["init"], dir).code).toBe(0);
    const text = readFileSync(path.join(dir, ".trailguard.yml"), "utf8");
    for (const key of ["rules", "minRetentionDays", "requireTrail", "organization", "monitoring", "sensitiveBuckets", "ignorePaths", "suppressions"]) expect(text).toMatch(new RegExp(`^${key}:`, "m"));
    expect(cli(["scan"], dir).code).toBe(0);
    expect(cli(["init"], dir).code).toBe(2);
    expect(cli(["init", "--force"], dir).code).toBe(0);
    expect(existsSync(path.join(dir, ".trailguard.yml"))).toBe(true);
  });
});

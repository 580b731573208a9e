import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, symlinkSync, mkdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixDiff, runFix } from "../../src/cli/fix.ts";
import { scan } from "../../src/index.ts";
import { buildSarif } from "../../src/report/sarif.ts";
import { sarifErrors } from "../support/sarif-schema.ts";
import { tempTree } from "../support/scan-files.ts";
import { firing, onlyRules, resultKey } from "./fix-support.ts";

interface FixCase {
  readonly rule: string;
  readonly file: string;
  readonly text: string;
}

const tfTrail = (attrs: string) => `# audit trail (this comment stays)\nresource "aws_cloudtrail" "t" {\n  name           = "audit" # trailing comment\n  s3_bucket_name = "logs"\n${attrs}}\n`;
const yamlTrail = (props: string) => `# audit trail (this comment stays)\nResources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      S3BucketName: logs # trailing comment\n      IsLogging: true\n${props}`;
const jsonTrail = (props: string) => `{\n  "Resources": {\n    "Trail": {\n      "Type": "AWS::CloudTrail::Trail",\n      "Properties": {\n        "S3BucketName": "logs",\n        "IsLogging": true${props}\n      }\n    }\n  }\n}\n`;

const CASES: FixCase[] = [
  { rule: "TG002", file: "main.tf", text: tfTrail("  is_multi_region_trail = false\n") },
  { rule: "TG002", file: "main.tf", text: tfTrail("") },
  { rule: "TG002", file: "t.yaml", text: yamlTrail("      IsMultiRegionTrail: false\n") },
  { rule: "TG002", file: "t.yaml", text: yamlTrail("") },
  { rule: "TG002", file: "t.json", text: jsonTrail(',\n        "IsMultiRegionTrail": false') },
  { rule: "TG002", file: "t.json", text: jsonTrail("") },
  { rule: "TG003", file: "main.tf", text: tfTrail("  enable_log_file_validation = false\n") },
  { rule: "TG003", file: "main.tf", text: tfTrail("") },
  { rule: "TG003", file: "t.yaml", text: yamlTrail('      EnableLogFileValidation: "false"\n') },
  { rule: "TG003", file: "t.yaml", text: yamlTrail("") },
  { rule: "TG003", file: "t.json", text: jsonTrail(',\n        "EnableLogFileValidation": "false"') },
  { rule: "TG003", file: "t.json", text: jsonTrail("") },
  { rule: "TG004", file: "main.tf", text: tfTrail("  enable_logging = false\n") },
  { rule: "TG004", file: "t.yaml", text: yamlTrail("").replace("IsLogging: true", "IsLogging: false") },
  { rule: "TG004", file: "t.json", text: jsonTrail("").replace('"IsLogging": true', '"IsLogging": false') },
  { rule: "TG014", file: "main.tf", text: tfTrail("  include_global_service_events = false\n") },
  { rule: "TG014", file: "t.yaml", text: yamlTrail("      IncludeGlobalServiceEvents: false\n") },
  { rule: "TG014", file: "t.json", text: jsonTrail(',\n        "IncludeGlobalServiceEvents": false') },
  {
    rule: "TG021",
    file: "main.tf",
    text: 'resource "aws_kms_key" "k" {\n  description = "trail key"\n}\n' + tfTrail("  kms_key_id = aws_kms_key.k.arn\n"),
  },
  {
    rule: "TG021",
    file: "t.yaml",
    text: yamlTrail("      KMSKeyId: !GetAtt Key.Arn\n") + "  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: false\n",
  },
  {
    rule: "TG021",
    file: "t.json",
    text: '{\n  "Resources": {\n    "Key": { "Type": "AWS::KMS::Key", "Properties": { "Description": "k" } },\n    "Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "logs", "IsLogging": true, "KMSKeyId": { "Fn::GetAtt": ["Key", "Arn"] } } }\n  }\n}\n',
  },
  {
    rule: "TG008",
    file: "main.tf",
    text:
      'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n\nresource "aws_s3_bucket_public_access_block" "logs" {\n  bucket                  = aws_s3_bucket.logs.id\n  block_public_acls       = false\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}\n' +
      'resource "aws_cloudtrail" "t" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}\n',
  },
  {
    rule: "TG008",
    file: "t.yaml",
    text: "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      PublicAccessBlockConfiguration:\n        BlockPublicAcls: false\n        IgnorePublicAcls: true\n        BlockPublicPolicy: True\n        RestrictPublicBuckets: true\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties: { S3BucketName: !Ref Logs, IsLogging: true }\n",
  },
  {
    rule: "TG008",
    file: "t.json",
    text: '{\n  "Resources": {\n    "Logs": {\n      "Type": "AWS::S3::Bucket",\n      "Properties": {\n        "PublicAccessBlockConfiguration": {\n          "BlockPublicAcls": true,\n          "IgnorePublicAcls": "false",\n          "BlockPublicPolicy": true,\n          "RestrictPublicBuckets": true\n        }\n      }\n    },\n    "Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": { "Ref": "Logs" }, "IsLogging": true } }\n  }\n}\n',
  },
];

describe("--fix", () => {
  for (const c of CASES) {
    // Only the rule under test runs, so that its one edit is all that changes.
    const only = onlyRules(c.rule);
    it(`${c.rule} in ${c.file} (${CASES.filter((x) => x.rule === c.rule && x.file === c.file).indexOf(c) + 1}): the rule stops firing, the file still parses, only the edit changes, a second --fix does nothing`, async () => {
      const dir = tempTree({ [c.file]: c.text });
      const before = await scan({ cwd: dir, ...only });
      expect(firing(before, c.rule), "fails before").toBeGreaterThan(0);
      expect(before.results.filter((r) => r.ruleId === c.rule).every((r) => r.fixable)).toBe(true);
      expect(sarifErrors(buildSarif(before, { cwd: dir }))).toEqual([]);
      expect(buildSarif(before, { cwd: dir }).runs[0]!.results!.some((r) => r.ruleId === c.rule && r.fixes?.length === 1)).toBe(true);

      const first = await runFix({ cwd: dir, ...only }, false);
      expect(first.changed.map((x) => x.file)).toEqual([c.file]);
      const after = readFileSync(path.join(dir, c.file), "utf8");
      expect(firing(first.run, c.rule), "passes after").toBe(0);
      expect(first.run.notifications.filter((n) => n.level === "error")).toEqual([]);
      // Nothing else changed: the text around the edit is byte for byte the same, comments included.
      let p = 0;
      while (p < c.text.length && c.text[p] === after[p]) p++;
      let q = 0;
      while (q < c.text.length - p && c.text[c.text.length - 1 - q] === after[after.length - 1 - q]) q++;
      if (c.text.length - q > p) {
        // A replacement: widened to whole words, "false" became "true".
        while (p > 0 && /\w/.test(c.text[p - 1]!)) p--;
        while (q > 0 && /\w/.test(c.text[c.text.length - q]!)) q--;
        expect(c.text.slice(p, c.text.length - q)).toMatch(/^"?(false|False)"?$/);
        expect(after.slice(p, after.length - q)).toBe("true");
      } else {
        // An insertion: one short attribute (where it sits among equal characters is ambiguous).
        const added = after.slice(p, after.length - q);
        expect(added).toMatch(/true/);
        expect(added.length).toBeLessThan(80);
        expect(added.split("\n").length).toBeLessThanOrEqual(2);
      }
      expect(after).toContain("(this comment stays)".slice(0, c.text.includes("this comment stays") ? 100 : 0));

      const second = await runFix({ cwd: dir, ...only }, false);
      expect(second.changed).toEqual([]);
      expect(readFileSync(path.join(dir, c.file), "utf8")).toBe(after);
    });
  }

  it("--fix-dry-run prints a diff that git apply accepts, and changes nothing", async () => {
    const dir = tempTree({ "main.tf": tfTrail(""), "t.yaml": yamlTrail("      IsMultiRegionTrail: false\n") });
    const outcome = await runFix({ cwd: dir }, true);
    const diff = fixDiff(outcome);
    expect(diff).toMatch(/^--- a\/main\.tf\n\+\+\+ b\/main\.tf\n/m);
    expect(readFileSync(path.join(dir, "main.tf"), "utf8")).toBe(tfTrail(""));
    spawnSync("git", ["init", "-q"], { cwd: dir });
    writeFileSync(path.join(dir, "fix.patch"), diff);
    const check = spawnSync("git", ["apply", "--check", "fix.patch"], { cwd: dir, encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("never writes through a link to a file outside the scanned paths, and keeps the file mode", async () => {
    const outside = tempTree({ "real.tf": tfTrail("") });
    const dir = tempTree({ "own.tf": tfTrail("") });
    mkdirSync(path.join(dir, "sub"));
    symlinkSync(path.join(outside, "real.tf"), path.join(dir, "sub", "linked.tf"));
    spawnSync("chmod", ["640", path.join(dir, "own.tf")]);
    const out = await runFix({ cwd: dir }, false);
    expect(out.changed.map((c) => c.file)).toEqual(["own.tf"]);
    expect(readFileSync(path.join(outside, "real.tf"), "utf8")).toBe(tfTrail(""));
    expect(out.notifications.map((n) => n.id)).toContain("fix-skipped");
    const mode = spawnSync("stat", ["-c", "%a", path.join(dir, "own.tf")], { encoding: "utf8" }).stdout.trim();
    expect(mode).toBe("640");
  });

  it("property: fixing a generated failing fixture never introduces a new result", async () => {
    const attr = (name: string) => fc.constantFrom(`  ${name} = false\n`, `  ${name} = true\n`, "");
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(attr("is_multi_region_trail"), attr("enable_log_file_validation"), attr("enable_logging"), attr("include_global_service_events"), fc.boolean()),
        async ([a, b, c, d, yaml]) => {
          const files: Record<string, string> = yaml
            ? { "t.yaml": yamlTrail([a, b, d].map((x) => x.replace(/^ {2}(\w+) = /, (_m, n: string) => `      ${camel(n)}: `)).join("")) }
            : { "main.tf": tfTrail(a + b + c + d) };
          const dir = tempTree(files);
          const before = new Set((await scan({ cwd: dir })).results.map(resultKey));
          const after = (await runFix({ cwd: dir }, false)).run.results.map(resultKey);
          expect(after.filter((k) => !before.has(k))).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("--fix with values from variables and with log buckets", () => {
  /** Fix everything, then: no new result, every file still parses, and a second --fix changes nothing. */
  const check = async (files: Record<string, string>): Promise<void> => {
    const dir = tempTree(files);
    const before = new Set((await scan({ cwd: dir })).results.map(resultKey));
    const first = await runFix({ cwd: dir }, false);
    expect(first.run.results.map(resultKey).filter((k) => !before.has(k))).toEqual([]);
    expect(first.run.notifications.filter((n) => n.id === "parse-error")).toEqual([]);
    expect((await runFix({ cwd: dir }, false)).changed).toEqual([]);
  };

  it("property: a Terraform fixture whose values come from variables, tfvars and locals, with or without a public access block", async () => {
    const value = fc.constantFrom("", "false", "true", "var.a", "var.b", "local.la");
    const def = fc.constantFrom("", "false", "true");
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(value, value, value, value),
        fc.tuple(def, def, def, def),
        fc.constantFrom("none", "literal", "var"),
        async (attrs, [defA, defB, tfvarsA, tfvarsB], pab) => {
          const names = ["is_multi_region_trail", "enable_log_file_validation", "enable_logging", "include_global_service_events"];
          const body = attrs.map((v, i) => (v ? `  ${names[i]} = ${v}\n` : "")).join("");
          const variable = (n: string, d: string) => `variable "${n}" {\n  type = bool${d ? `\n  default = ${d}` : ""}\n}\n`;
          const pabBlock =
            pab === "none"
              ? ""
              : `resource "aws_s3_bucket_public_access_block" "logs" {\n  bucket                  = aws_s3_bucket.logs.id\n  block_public_acls       = ${pab === "var" ? "var.b" : "false"}\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}\n`;
          const files: Record<string, string> = {
            "main.tf":
              `# the bucket\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs" # name\n}\n\n${pabBlock}` +
              `locals {\n  la = var.a\n}\n\nresource "aws_cloudtrail" "t" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.logs.id\n${body}}\n`,
            // Unset variables are unknown, never failing: give each a value somewhere.
            "variables.tf": variable("a", defA || (tfvarsA ? "" : "true")) + variable("b", defB || (tfvarsB ? "" : "true")),
          };
          const tfvars = (tfvarsA ? `a = ${tfvarsA}\n` : "") + (tfvarsB ? `b = ${tfvarsB}\n` : "");
          if (tfvars) files["terraform.tfvars"] = tfvars;
          await check(files);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("property: a template whose log bucket has no, a partial or a full public access block (YAML and JSON)", async () => {
    const setting = fc.constantFrom(undefined, true, false);
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.constantFrom("none", "empty", "some"), fc.tuple(setting, setting, setting, setting), async (yaml, props, pab) => {
        const names = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"];
        const given = names.flatMap((n, i) => (pab[i] === undefined ? [] : [[n, pab[i]] as const]));
        const withPab = props === "some" && given.length > 0;
        if (yaml) {
          const properties =
            props === "none" ? "" : `    Properties:\n      BucketName: logs # name\n${withPab ? `      PublicAccessBlockConfiguration:\n${given.map(([n, v]) => `        ${n}: ${v}\n`).join("")}` : ""}`;
          const text = `# logs\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n${properties}  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      S3BucketName: !Ref Logs\n      IsLogging: true\n`;
          await check({ "t.yaml": text });
        } else {
          const members = [...(props === "none" ? [] : ['"BucketName": "logs"']), ...(withPab ? [`"PublicAccessBlockConfiguration": { ${given.map(([n, v]) => `"${n}": ${v}`).join(", ")} }`] : [])];
          const bucket = props === "none" ? '{ "Type": "AWS::S3::Bucket" }' : `{\n      "Type": "AWS::S3::Bucket",\n      "Properties": {\n${members.map((m) => `        ${m}`).join(",\n")}\n      }\n    }`;
          const text = `{\n  "Resources": {\n    "Logs": ${bucket},\n    "Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": { "Ref": "Logs" }, "IsLogging": true } }\n  }\n}\n`;
          await check({ "t.json": text });
        }
      }),
      { numRuns: 30 },
    );
  });
});

function camel(tf: string): string {
  return { is_multi_region_trail: "IsMultiRegionTrail", enable_log_file_validation: "EnableLogFileValidation", include_global_service_events: "IncludeGlobalServiceEvents" }[tf] ?? "Description";
}

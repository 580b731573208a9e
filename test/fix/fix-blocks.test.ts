import { describe, expect, it } from "vitest";
import { runFix } from "../../src/cli/fix.ts";
import { scan } from "../../src/index.ts";
import { parseJson } from "../../src/parse/json.ts";
import { parseYaml } from "../../src/parse/yaml.ts";
import { buildSarif } from "../../src/report/sarif.ts";
import { sarifErrors } from "../support/sarif-schema.ts";
import { tempTree } from "../support/scan-files.ts";
import { expectInsertion, firing, onlyRules, readTree, resultKey } from "./fix-support.ts";

/** TG008 with no public access block at all: the fix adds one with the four settings on. */
interface BlockCase {
  readonly name: string;
  readonly file: string;
  readonly text: string;
  /** The text the fix inserts, exactly. */
  readonly inserted: string;
}

const tfTrail = 'resource "aws_cloudtrail" "t" {\n  name                       = "audit"\n  s3_bucket_name             = aws_s3_bucket.logs.id\n  is_multi_region_trail      = true\n  enable_log_file_validation = true\n}\n';
const tfBlock = (indent: string, name = "logs", unit = "  ") =>
  `\n\n${indent}resource "aws_s3_bucket_public_access_block" "${name}" {\n` +
  [
    ["bucket", "aws_s3_bucket.logs.id"],
    ["block_public_acls", "true"],
    ["block_public_policy", "true"],
    ["ignore_public_acls", "true"],
    ["restrict_public_buckets", "true"],
  ]
    .map(([k, v]) => `${indent}${unit}${k!.padEnd(23)} = ${v}\n`)
    .join("") +
  `${indent}}`;

const yamlSettings = (indent: string) => ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"].map((k) => `${indent}${k}: true\n`).join("");
const yamlTrail = "  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties: { S3BucketName: !Ref Logs, IsLogging: true, IsMultiRegionTrail: true, EnableLogFileValidation: true }\n";
const jsonSettings = (indent: string, nl = "\n") => ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"].map((k) => `${indent}"${k}": true`).join(`,${nl}`);
const jsonTrail = '"Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": { "Ref": "Logs" }, "IsLogging": true, "IsMultiRegionTrail": true, "EnableLogFileValidation": true } }';

const CASES: BlockCase[] = [
  {
    name: "Terraform: a resource after the bucket's block (after a comment on its closing line)",
    file: "main.tf",
    text: '# the log bucket (this comment stays)\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs" # trailing comment\n} # end of bucket\n\n' + tfTrail,
    inserted: tfBlock(""),
  },
  {
    name: "Terraform: four-space indentation, last block of the file without a final newline",
    file: "main.tf",
    text: tfTrail + '\nresource "aws_s3_bucket" "logs" {\n    bucket = "logs"\n}',
    inserted: tfBlock("", "logs", "    "),
  },
  {
    name: "Terraform: the name is taken by another bucket's block",
    file: "main.tf",
    text:
      'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n\nresource "aws_s3_bucket" "other" {\n  bucket = "other"\n}\n\nresource "aws_s3_bucket_public_access_block" "logs" {\n  bucket                  = aws_s3_bucket.other.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n\n' +
      tfTrail,
    inserted: tfBlock("", "logs_public_access_block"),
  },
  {
    name: "Terraform: a bucket created through another provider: the new resource is too",
    file: "main.tf",
    text: 'resource "aws_s3_bucket" "logs" {\n  provider = aws.west # the log region\n  bucket   = "logs"\n}\n' + tfTrail,
    inserted:
      '\n\nresource "aws_s3_bucket_public_access_block" "logs" {\n  provider                = aws.west\n  bucket                  = aws_s3_bucket.logs.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}',
  },
  {
    name: "YAML: into Properties, with its indentation",
    file: "t.yaml",
    text: "# logs (this comment stays)\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: logs # trailing comment\n" + yamlTrail,
    inserted: "      PublicAccessBlockConfiguration:\n" + yamlSettings("        "),
  },
  {
    name: "YAML: four-space indentation",
    file: "t.yaml",
    text: "Resources:\n    Logs:\n        Type: AWS::S3::Bucket\n        Properties:\n            BucketName: logs\n    Trail:\n        Type: AWS::CloudTrail::Trail\n        Properties: { S3BucketName: !Ref Logs, IsLogging: true, IsMultiRegionTrail: true, EnableLogFileValidation: true }\n",
    inserted: "            PublicAccessBlockConfiguration:\n" + yamlSettings("                "),
  },
  {
    name: "YAML: a bucket without Properties",
    file: "t.yaml",
    text: "Resources:\n  Logs:\n    Type: AWS::S3::Bucket # no properties\n" + yamlTrail,
    inserted: "    Properties:\n      PublicAccessBlockConfiguration:\n" + yamlSettings("        "),
  },
  {
    name: "YAML: flow-style Properties",
    file: "t.yaml",
    text: "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: logs }\n" + yamlTrail,
    inserted: " PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },",
  },
  {
    name: "JSON: into Properties, two-space indentation",
    file: "t.json",
    text: `{\n  "Resources": {\n    "Logs": {\n      "Type": "AWS::S3::Bucket",\n      "Properties": {\n        "BucketName": "logs"\n      }\n    },\n    ${jsonTrail}\n  }\n}\n`,
    inserted: `\n        "PublicAccessBlockConfiguration": {\n${jsonSettings("          ")}\n        },`,
  },
  {
    name: "JSON: tab indentation, a bucket without Properties",
    file: "t.json",
    text: `{\n\t"Resources": {\n\t\t"Logs": {\n\t\t\t"Type": "AWS::S3::Bucket"\n\t\t},\n\t\t${jsonTrail}\n\t}\n}\n`,
    inserted: `\n\t\t\t"Properties": {\n\t\t\t\t"PublicAccessBlockConfiguration": {\n${jsonSettings("\t\t\t\t\t")}\n\t\t\t\t}\n\t\t\t},`,
  },
  {
    name: "JSON: Properties on one line",
    file: "t.json",
    text: `{\n  "Resources": {\n    "Logs": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": "logs" } },\n    ${jsonTrail}\n  }\n}\n`,
    inserted: ` "PublicAccessBlockConfiguration": { ${jsonSettings("", " ")} },`,
  },
];

describe("--fix adds a public access block to a log bucket that has none (TG008)", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const dir = tempTree({ [c.file]: c.text });
      const before = await scan({ cwd: dir, ...onlyRules("TG008") });
      expect(before.results.map((r) => [r.ruleId, r.messageId, r.fixable])).toEqual([["TG008", "noBlock", true]]);
      const sarif = buildSarif(before, { cwd: dir });
      expect(sarifErrors(sarif)).toEqual([]);
      const fix = sarif.runs[0]!.results![0]!.fixes![0]!;
      expect(fix.description?.text).toBe("Add a public access block with its four settings on");
      expect(fix.artifactChanges[0]!.replacements[0]!.insertedContent!.text).toBe(c.inserted);

      const all = new Set((await scan({ cwd: dir })).results.map(resultKey));
      const first = await runFix({ cwd: dir, ...onlyRules("TG008") }, false);
      expect(first.changed.map((x) => [x.file, x.edits])).toEqual([[c.file, 1]]);
      const after = readTree(dir)[c.file]!;
      expectInsertion(c.text, after, c.inserted);
      expect(firing(first.run, "TG008")).toBe(0);
      expect(first.run.notifications.filter((n) => n.level !== "note")).toEqual([]);
      if (c.file.endsWith(".yaml")) expect(parseYaml(after).ok).toBe(true);
      if (c.file.endsWith(".json")) expect(parseJson(after).ok).toBe(true);
      expect((await scan({ cwd: dir })).results.map(resultKey).filter((k) => !all.has(k)), "no new result").toEqual([]);

      const second = await runFix({ cwd: dir, ...onlyRules("TG008") }, false);
      expect(second.changed).toEqual([]);
      expect(readTree(dir)[c.file]).toBe(after);
    });
  }

  it("a bucket with count or for_each gets no fix (the new resource would need the same expansion)", async () => {
    const text = 'resource "aws_s3_bucket" "logs" {\n  count  = 1\n  bucket = "logs"\n}\n\n' + tfTrail.replace("aws_s3_bucket.logs.id", "aws_s3_bucket.logs[0].id");
    const dir = tempTree({ "main.tf": text });
    const run = await scan({ cwd: dir, ...onlyRules("TG008") });
    expect(run.results.map((r) => [r.messageId, r.fixable])).toEqual([["noBlock", false]]);
    expect((await runFix({ cwd: dir, ...onlyRules("TG008") }, false)).changed).toEqual([]);
  });
});

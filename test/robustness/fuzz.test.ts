/**
 * Fuzzing, bounded in time: mutated Terraform, YAML and JSON through the parsers, evaluators and the
 * whole scan. Anything may come back (a result, a notification), but never an exception, a hang or
 * a stack trace. Seeds of anything found are kept below as regression cases.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Template, isTemplate } from "../../src/adapters/cloudformation/context.ts";
import { adaptTemplate } from "../../src/adapters/cloudformation/adapt.ts";
import { evaluateTerraform } from "../../src/adapters/terraform/index.ts";
import { loadHclParser } from "../../src/parse/hcl.ts";
import { parseJson } from "../../src/parse/json.ts";
import { parseYaml } from "../../src/parse/yaml.ts";
import { scanFiles } from "../support/scan-files.ts";

const SEEDS = {
  tf: `variable "mr" {
  default = true
}
locals {
  name = "audit-\${var.mr ? "a" : "b"}"
  tags = { for k, v in { a = 1, b = 2 } : k => v * 2 }
}
resource "aws_s3_bucket" "logs" {
  bucket = local.name
  count  = var.mr ? 1 : 0
}
resource "aws_cloudtrail" "t" {
  name                  = join("-", [local.name, "trail"])
  s3_bucket_name        = aws_s3_bucket.logs[0].id
  is_multi_region_trail = var.mr
  dynamic "event_selector" {
    for_each = ["All"]
    content { read_write_type = event_selector.value }
  }
  policy = <<-EOT
    {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*"}]}
  EOT
}
`,
  yaml: `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: { Type: String, Default: prod }
Conditions:
  Prod: !Equals [!Ref Env, prod]
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "\${Env}-logs"
      Tags: [{ Key: DataClassification, Value: !If [Prod, pii, internal] }]
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref Logs
      IsLogging: true
      IsMultiRegionTrail: !If [Prod, true, !Ref AWS::NoValue]
      KMSKeyId: !GetAtt Key.Arn
      EventSelectors:
        - DataResources: [{ Type: AWS::S3::Object, Values: [!Join ["", [!GetAtt Logs.Arn, "/"]]] }]
`,
  json: `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Join": ["-", ["a", {"Ref": "AWS::Region"}]]}}},
"T": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": {"Ref": "B"}, "IsLogging": "true", "IsMultiRegionTrail": {"Fn::Select": [0, [true]]}}}}}`,
};

/** A text mutated by deleting, duplicating, inserting and replacing slices and characters. */
function mutated(seed: string): fc.Arbitrary<string> {
  const op = fc.oneof(
    fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant("dup" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 80 }) }),
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom("{", "}", "[", "]", '"', "${", "%{", "!Ref ", "<<EOT\n", "\n", "\t", ":", ",", "\u0000", "\uFFFD", "😀", "&a ", "*a", "- ", "#", "//", "/*") }),
    fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), text: fc.string({ maxLength: 8 }) }),
  );
  return fc.array(op, { minLength: 1, maxLength: 6 }).map((ops) => {
    let s = seed;
    for (const o of ops) {
      const at = s.length ? o.at % s.length : 0;
      if (o.kind === "delete") s = s.slice(0, at) + s.slice(at + o.len);
      else if (o.kind === "dup") s = s.slice(0, at + o.len) + s.slice(at, at + o.len) + s.slice(at + o.len);
      else if (o.kind === "insert") s = s.slice(0, at) + o.text + s.slice(at);
      else s = s.slice(0, at) + o.text + s.slice(at + o.text.length);
    }
    return s;
  });
}

const BUDGET_MS = 12_000;

describe("fuzzing (bounded in time)", () => {
  it("Terraform: the parser and evaluator never throw", async () => {
    const hcl = await loadHclParser();
    fc.assert(
      fc.property(mutated(SEEDS.tf), (text) => {
        const ev = evaluateTerraform(hcl, { dir: ".", files: [{ path: "main.tf", text }] });
        expect(Array.isArray(ev.diagnostics)).toBe(true);
      }),
      { numRuns: 400, interruptAfterTimeLimit: BUDGET_MS },
    );
  });

  it("CloudFormation YAML and JSON: parsers and the adapter never throw", () => {
    fc.assert(
      fc.property(fc.oneof(mutated(SEEDS.yaml).map((t) => ["yaml", t] as const), mutated(SEEDS.json).map((t) => ["json", t] as const)), ([kind, text]) => {
        const r = kind === "json" ? parseJson(text) : parseYaml(text);
        if (r.ok && isTemplate(r.root)) adaptTemplate(new Template("t", text, r.root));
      }),
      { numRuns: 1500, interruptAfterTimeLimit: BUDGET_MS },
    );
  });

  it("the whole scan turns anything into results or notifications, never an exception", async () => {
    await fc.assert(
      fc.asyncProperty(mutated(SEEDS.tf), mutated(SEEDS.yaml), async (tf, yaml) => {
        const run = await scanFiles({ "main.tf": tf, "template.yaml": yaml });
        expect(run.exitCode).toBeGreaterThanOrEqual(0);
        for (const n of run.notifications) expect(n.message).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 40, interruptAfterTimeLimit: BUDGET_MS },
    );
  });

  // Inputs fuzzing found before, kept as regressions.
  it.each([
    ["a heredoc left open", 'resource "aws_cloudtrail" "t" {\n  name = <<EOT\nabc\n'],
    ["an interpolation left open", 'locals {\n  a = "${'],
    ["a lone closing brace", "}\n"],
    ["a NUL in an identifier", 'resource "aws_s3_bucket" "b\u0000" {}\n'],
  ])("Terraform: %s", async (_n, text) => {
    const run = await scanFiles({ "main.tf": text });
    expect(run.notifications.every((n) => typeof n.message === "string")).toBe(true);
  });
});

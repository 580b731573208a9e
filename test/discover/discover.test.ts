import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/index.ts";
import { tempTree } from "../support/scan-files.ts";

const trail = (name: string) =>
  `Resources:\n  ${name}:\n    Type: AWS::CloudTrail::Trail\n    Properties: { S3BucketName: logs, IsLogging: true }\n`;
const trailJson = (name: string) => JSON.stringify({ Resources: { [name]: { Type: "AWS::CloudTrail::Trail", Properties: { S3BucketName: "logs", IsLogging: true } } } });

async function filesWithResults(dir: string, paths?: string[]): Promise<string[]> {
  const run = await scan({ cwd: dir, ...(paths ? { paths } : {}) });
  return [...new Set(run.results.map((r) => r.loc.file!))].sort();
}

describe("discovery", () => {
  it("honours .gitignore (nested, negated) and skips node_modules, .git and .terraform", async () => {
    const dir = tempTree({
      ".git/HEAD": "ref: refs/heads/main\n",
      ".gitignore": "build/\n*.generated.yaml\n!keep.generated.yaml\n",
      "a.yaml": trail("A"),
      "build/b.yaml": trail("B"),
      "x.generated.yaml": trail("X"),
      "keep.generated.yaml": trail("K"),
      "sub/.gitignore": "local.yaml\n",
      "sub/local.yaml": trail("L"),
      "sub/kept.yaml": trail("S"),
      "node_modules/pkg/t.yaml": trail("N"),
      ".terraform/t.yaml": trail("T"),
    });
    expect(await filesWithResults(dir)).toEqual(["a.yaml", "keep.generated.yaml", "sub/kept.yaml"]);
  });

  it("a PATH named on the command line is scanned even when ignored", async () => {
    const dir = tempTree({ ".git/HEAD": "x", ".gitignore": "ignored.yaml\n", "ignored.yaml": trail("I") });
    expect(await filesWithResults(dir)).toEqual([]);
    expect(await filesWithResults(dir, ["ignored.yaml"])).toEqual(["ignored.yaml"]);
  });

  it("a folder named on the command line is scanned even when ignored; ignore files inside it still apply", async () => {
    const dir = tempTree({ ".git/HEAD": "x", ".gitignore": "generated/\n", "generated/t.yaml": trail("G"), "generated/.gitignore": "skip.yaml\n", "generated/skip.yaml": trail("S") });
    expect(await filesWithResults(dir)).toEqual([]);
    expect(await filesWithResults(dir, ["generated"])).toEqual(["generated/t.yaml"]);
  });

  it("CDK: cdk.out/*.template.json is scanned even when ignored; asset folders are not", async () => {
    const dir = tempTree({
      ".git/HEAD": "x",
      ".gitignore": "cdk.out\n",
      "cdk.out/AuditStack.template.json": trailJson("AuditTrail1234ABCD"),
      "cdk.out/assembly-Prod/ProdAudit.template.json": trailJson("ProdTrail"),
      "cdk.out/asset.1234abcd/inner.template.json": trailJson("Asset"),
      "cdk.out/manifest.json": '{"version": "36.0.0", "artifacts": {}}',
      "cdk.out/tree.json": '{"Resources": {"not": "a template"}}',
    });
    expect(await filesWithResults(dir)).toEqual(["cdk.out/AuditStack.template.json", "cdk.out/assembly-Prod/ProdAudit.template.json"]);
  });

  it("SAM templates are scanned like any template", async () => {
    const sam = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      "Transform: AWS::Serverless-2016-10-31",
      "Resources:",
      "  Fn:",
      "    Type: AWS::Serverless::Function",
      "    Properties: { Handler: index.handler, Runtime: nodejs20.x, CodeUri: src/ }",
      "  Trail:",
      "    Type: AWS::CloudTrail::Trail",
      "    Properties: { S3BucketName: logs, IsLogging: true }",
      "",
    ].join("\n");
    const run = await scan({ cwd: tempTree({ "template.yaml": sam }) });
    expect(run.results.filter((r) => r.ruleId === "TG002").map((r) => r.loc.range?.startLine)).toEqual([7]);
  });

  it("symbolic links to folders are not followed; ignorePaths filter file PATHs too", async () => {
    const dir = tempTree({ "real/t.yaml": trail("R"), "other/o.yaml": trail("O"), ".trailguard.yml": "ignorePaths: ['other/**']\n" });
    symlinkSync(path.join(dir, "real"), path.join(dir, "link"));
    mkdirSync(path.join(dir, "empty"));
    expect(await filesWithResults(dir)).toEqual(["real/t.yaml"]);
    expect(await filesWithResults(dir, ["other/o.yaml"])).toEqual([]);
  });

  it("a .template file in JSON and .yml files are found by content", async () => {
    const dir = tempTree({ "stack.template": trailJson("J"), "stack.yml": trail("Y"), "notes.yml": "Resources: are described elsewhere\n" });
    expect(await filesWithResults(dir)).toEqual(["stack.template", "stack.yml"]);
  });

  it("file PATHs read only what they need: other templates are not read; a module file is evaluated through its caller", async () => {
    const dir = tempTree({
      "given.yaml": trail("G"),
      "broken.yaml": "Resources:\n  A: [\n",
      "main.tf": 'module "audit" {\n  source = "./modules/audit"\n  multi   = true\n}\n',
      "modules/audit/main.tf": 'variable "multi" {}\nresource "aws_cloudtrail" "t" {\n  name                  = "t"\n  s3_bucket_name        = "b"\n  is_multi_region_trail = var.multi\n}\n',
    });
    const run = await scan({ cwd: dir, paths: ["given.yaml", "modules/audit/main.tf"] });
    expect(run.notifications).toEqual([]);
    expect([...new Set(run.results.map((r) => r.loc.file))].sort()).toEqual(["given.yaml", "modules/audit/main.tf"]);
    // multi = true arrives from the caller: no TG002 in the module file.
    expect(run.results.filter((r) => r.ruleId === "TG002").map((r) => r.loc.file)).toEqual(["given.yaml"]);
  });
});

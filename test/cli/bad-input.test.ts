import { describe, expect, it } from "vitest";
import { scanFiles } from "../support/scan-files.ts";

const goodTemplate = "Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties: { S3BucketName: logs, IsLogging: true }\n";

describe("bad input gives a notification naming file and line, and the scan goes on", () => {
  it.each([
    ["invalid YAML", "Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n   Properties: {}\n", 4],
    ["duplicate keys", "Resources:\n  A:\n    Type: AWS::S3::Bucket\n  A:\n    Type: AWS::S3::Bucket\n", 4],
    ["10,000 levels of nesting", "Resources:\n  A: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n", 2],
  ])("%s", async (_name, text, line) => {
    const run = await scanFiles({ "bad.yaml": text, "good.yaml": goodTemplate });
    const n = run.notifications.find((x) => x.id === "parse-error");
    expect(n).toMatchObject({ level: "error", file: "bad.yaml" });
    expect(n!.line).toBe(line);
    expect(run.results.some((r) => r.loc.file === "good.yaml")).toBe(true);
    expect(run.exitCode).toBe(1);
  });

  it("a YAML alias bomb is refused quickly", async () => {
    const lines = ["Resources:", "  B: { Type: AWS::S3::Bucket }", "x0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 15; i++) lines.push(`x${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
    const started = Date.now();
    const run = await scanFiles({ "bomb.yaml": lines.join("\n") + "\n" });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.notifications.find((n) => n.id === "parse-error")?.file).toBe("bomb.yaml");
    expect(run.exitCode).toBe(2);
  });

  it("invalid JSON template names its line", async () => {
    const run = await scanFiles({ "t.json": '{\n  "Resources": {\n    "A": { "Type": "AWS::S3::Bucket", }\n  }\n}\n' });
    expect(run.notifications[0]).toMatchObject({ id: "parse-error", file: "t.json", line: 3 });
    expect(run.exitCode).toBe(2);
  });

  it("an unknown tag is a warning; the value is unknown and the file is scanned", async () => {
    const run = await scanFiles({ "t.yaml": goodTemplate.replace("IsLogging: true", "IsLogging: true, IsMultiRegionTrail: !Bogus x") });
    expect(run.notifications).toContainEqual(expect.objectContaining({ id: "unknown-tag", level: "warning", file: "t.yaml", line: 4 }));
    expect(run.results.filter((r) => r.ruleId === "TG002")).toEqual([]);
    expect(run.summary.files).toBe(1);
  });

  it("a cyclic Ref/GetAtt is a warning, not a hang", async () => {
    const text = [
      "Resources:",
      "  Bucket:",
      "    Type: AWS::S3::Bucket",
      "    Properties: { BucketName: !Ref Trail }",
      "  Trail:",
      "    Type: AWS::CloudTrail::Trail",
      "    Properties: { TrailName: !GetAtt Bucket.Arn, S3BucketName: !Ref Bucket, IsLogging: true }",
      "",
    ].join("\n");
    const run = await scanFiles({ "cycle.yaml": text });
    expect(run.notifications).toContainEqual(expect.objectContaining({ id: "cyclic-reference", file: "cycle.yaml" }));
    expect(run.summary.files).toBe(1);
  });

  it("a 10 MB template is scanned", async () => {
    const filler = Array.from({ length: 60_000 }, (_, i) => `  Topic${i}:\n    Type: AWS::SNS::Topic\n    Properties: { TopicName: topic-${i}-${"x".repeat(120)} }\n`).join("");
    const text = "Resources:\n" + goodTemplate.slice("Resources:\n".length) + filler;
    expect(text.length).toBeGreaterThan(10_000_000);
    const run = await scanFiles({ "big.yaml": text });
    expect(run.summary.files).toBe(1);
    expect(run.results.some((r) => r.ruleId === "TG002")).toBe(true);
  });

  it("files that are not templates are skipped silently", async () => {
    const run = await scanFiles({
      "binary.template": "\u0000\u0001\u0002Resources:",
      "empty.yaml": "",
      "chart/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
      "config.json": '{"name": "not a template", "Resources": 3}',
      "resources-only.yaml": "Resources:\n  A: { Type: Custom::Thing }\n",
      "good.yaml": goodTemplate,
    });
    expect(run.notifications).toEqual([]);
    expect(run.summary.files).toBe(1);
  });

  it("no IaC files: exit 0 with a no-files notification", async () => {
    const run = await scanFiles({ "README.md": "# hello\n" });
    expect(run.exitCode).toBe(0);
    expect(run.notifications).toEqual([expect.objectContaining({ id: "no-files", level: "note" })]);
  });
});

/** Hostile inputs: each gives a notification or is skipped with a reason; never a crash or a hang. */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/index.ts";
import { scanFiles, tempTree } from "../support/scan-files.ts";

const trail = 'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = "b"\n}\n';

describe("hostile inputs", () => {
  it("a binary file with a Terraform name is skipped silently", async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const dir = tempTree({ "ok.tf": trail });
    writeFileSync(path.join(dir, "blob.tf"), bytes);
    const run = await scan({ cwd: dir });
    expect(run.notifications).toEqual([]);
    expect(run.summary.files).toBe(1);
  });

  it("invalid UTF-8 is read with replacement characters and scanned or reported, not a crash", async () => {
    const dir = tempTree({});
    writeFileSync(path.join(dir, "bad.tf"), Buffer.concat([Buffer.from('resource "aws_cloudtrail" "t" {\n  name = "'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"\n  s3_bucket_name = "b"\n}\n')]));
    const run = await scan({ cwd: dir });
    expect(run.results.some((r) => r.ruleId === "TG002")).toBe(true);
  });

  it("10,000 levels of nesting in Terraform give a diagnostic naming the line", async () => {
    const deep = `locals {\n  a = ${"(".repeat(10_000)}1${")".repeat(10_000)}\n}\n`;
    const run = await scanFiles({ "deep.tf": deep, "ok.tf": trail });
    expect(run.notifications.some((n) => n.file === "deep.tf" && n.line !== undefined)).toBe(true);
    expect(run.results.some((r) => r.loc.file === "ok.tf")).toBe(true);
  });

  it("a 50 MB template is scanned within memory and time", async () => {
    const resources: string[] = ['"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "logs", "IsLogging": true}}'];
    const filler = "x".repeat(900);
    let size = resources[0]!.length;
    for (let i = 0; size < 50_100_000; i++) {
      const r = `"T${i}": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "${filler}${i}"}}`;
      resources.push(r);
      size += r.length + 2;
    }
    const text = `{"Resources": {${resources.join(",\n")}}}`;
    expect(text.length).toBeGreaterThan(50_000_000);
    const started = Date.now();
    const run = await scanFiles({ "big.json": text });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(run.results.some((r) => r.ruleId === "TG002")).toBe(true);
  }, 90_000);

  it("symlink loops and dangling links are skipped", async () => {
    const dir = tempTree({ "ok.tf": trail });
    symlinkSync(path.join(dir, "loop-b.tf"), path.join(dir, "loop-a.tf"));
    symlinkSync(path.join(dir, "loop-a.tf"), path.join(dir, "loop-b.tf"));
    symlinkSync(path.join(dir, "missing.tf"), path.join(dir, "dangling.tf"));
    mkdirSync(path.join(dir, "sub"));
    symlinkSync(dir, path.join(dir, "sub", "up"));
    const run = await scan({ cwd: dir });
    expect(run.summary.files).toBe(1);
    expect(run.notifications).toEqual([]);
  });

  it("a file that cannot be read gives a notification; the rest is scanned", async () => {
    const dir = tempTree({ "ok.tf": trail });
    // A folder with a template's name cannot be read as a file (root can read any mode bits).
    mkdirSync(path.join(dir, "odd.yaml"));
    writeFileSync(path.join(dir, "locked.yaml"), "Resources: {}\n");
    chmodSync(path.join(dir, "locked.yaml"), 0o000);
    const run = await scan({ cwd: dir, paths: [".", "locked.yaml"] });
    expect(run.summary.files).toBe(1);
    expect(run.exitCode).not.toBe(2);
  });
});

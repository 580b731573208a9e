/** A whole configuration read from test/terraform/fixtures/audit: root module, tfvars, a local module, a downloaded module. */
import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { describe, expect, test } from "vitest";
import { symbol } from "../../src/model/value.ts";
import { evaluateTerraform, type SourceFile } from "../../src/adapters/terraform/index.ts";
import { hclParser } from "./support.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");

/** The files directly in a fixture folder, named by their path relative to the fixtures folder. */
function folder(dir: string): SourceFile[] | undefined {
  try {
    return readdirSync(join(FIXTURES, dir), { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => ({ path: posix.join(dir, e.name), text: readFileSync(join(FIXTURES, dir, e.name), "utf8") }));
  } catch {
    return undefined;
  }
}

describe("fixture: audit", () => {
  test("evaluates the trail, its bucket policy and the downloaded alarms", async () => {
    const r = evaluateTerraform(await hclParser, {
      dir: "audit",
      files: folder("audit")!,
      readFolder: folder,
      modulesManifest: readFileSync(join(FIXTURES, "audit/.terraform/modules/modules.json"), "utf8"),
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.resources.map((x) => x.address)).toEqual([
      "data.aws_caller_identity.current",
      "data.aws_partition.current",
      "aws_s3_bucket.logs",
      "aws_s3_bucket_versioning.logs",
      "data.aws_iam_policy_document.logs",
      "aws_s3_bucket_policy.logs",
      "module.trail.aws_cloudwatch_log_group.this[0]",
      "module.trail.aws_cloudtrail.this",
      "module.alarms.aws_sns_topic.alarms",
      "module.alarms.aws_cloudwatch_log_metric_filter.root",
      "module.alarms.aws_cloudwatch_metric_alarm.root",
    ]);
    const A = symbol("aws:account");
    const R = symbol("aws:region");
    const bucket = `acme-cloudtrail-${A}`;
    const get = (address: string, name: string) => r.resources.find((x) => x.address === address)!.body.attributes.get(name)?.value;

    expect(get("aws_s3_bucket.logs", "bucket")).toBe(bucket);
    expect(get("aws_s3_bucket.logs", "tags")).toEqual({ Owner: "security", Component: "audit" });
    expect(get("module.trail.aws_cloudtrail.this", "s3_bucket_name")).toBe(bucket);
    expect(get("module.trail.aws_cloudtrail.this", "enable_log_file_validation")).toBe(false);
    expect(get("module.trail.aws_cloudtrail.this", "cloud_watch_logs_group_arn")).toBe(`arn:aws:logs:${R}:${A}:log-group:/aws/cloudtrail/acme:*`);
    expect(get("module.alarms.aws_cloudwatch_log_metric_filter.root", "log_group_name")).toBe("/aws/cloudtrail/acme");
    expect(get("module.alarms.aws_cloudwatch_metric_alarm.root", "alarm_actions")).toEqual([`arn:aws:sns:${R}:${A}:cloudtrail-alarms`]);
    expect(get("module.alarms.aws_cloudwatch_metric_alarm.root", "metric_name")).toBe("RootUsage");

    const policy = JSON.parse(get("aws_s3_bucket_policy.logs", "policy") as string) as { Statement: { Resource: string; Condition?: unknown }[] };
    expect(policy.Statement.map((s) => s.Resource)).toEqual([`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/AWSLogs/${A}/*`]);
    expect(policy.Statement[1]!.Condition).toEqual({ StringEquals: { "aws:SourceArn": `arn:aws:cloudtrail:${R}:${A}:trail/acme-trail` } });

    const trail = r.resources.find((x) => x.address === "module.trail.aws_cloudtrail.this")!;
    expect(trail.moduleCalls.map((c) => [c.address, c.downloaded, c.headerRange.startLine])).toEqual([["module.trail", false, 54]]);
    const alarm = r.resources.find((x) => x.address === "module.alarms.aws_cloudwatch_metric_alarm.root")!;
    expect(alarm.moduleCalls[0]).toMatchObject({ downloaded: true, dir: "audit/.terraform/modules/alarms", file: "audit/main.tf" });
    expect(r.files.get("audit/main.tf")!.comments[0]!.text).toMatch(/^# An organization's audit trail/);
  });

  test("without the download, the registry module's outputs and resources are unknown", async () => {
    const r = evaluateTerraform(await hclParser, { dir: "audit", files: folder("audit")!, readFolder: folder, cliVariables: [{ kind: "var", name: "send_to_cloudwatch", value: "false" }] });
    expect(r.resources.some((x) => x.address.startsWith("module.alarms"))).toBe(false);
    const trail = r.resources.find((x) => x.address === "module.trail.aws_cloudtrail.this")!;
    expect(trail.body.attributes.has("cloud_watch_logs_group_arn")).toBe(false);
    expect(r.modules.find((m) => m.address === "module.trail")!.outputs.get("log_group_name")).toBeNull();
    expect(r.diagnostics).toEqual([]);
  });
});

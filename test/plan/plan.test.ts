import { describe, expect, it } from "vitest";
import { scanFiles } from "../support/scan-files.ts";
import { sarifErrors } from "../support/sarif-schema.ts";
import { buildSarif } from "../../src/report/sarif.ts";

/** A plan as `terraform show -json` writes it (trimmed to what matters), pretty-printed like terraform's. */
function plan(opts: { multiRegion?: boolean | "unknown"; childValidation?: boolean } = {}): string {
  const trailValues: Record<string, unknown> = {
    name: "audit",
    enable_logging: true,
    enable_log_file_validation: true,
    include_global_service_events: true,
    is_organization_trail: false,
    kms_key_id: "arn:aws:kms:us-east-1:111122223333:key/abcd",
    cloud_watch_logs_group_arn: null,
    cloud_watch_logs_role_arn: null,
    event_selector: [],
    insight_selector: [{ insight_type: "ApiCallRateInsight" }],
    s3_key_prefix: null,
  };
  if (opts.multiRegion !== "unknown") trailValues["is_multi_region_trail"] = opts.multiRegion ?? false;
  const doc = {
    format_version: "1.2",
    terraform_version: "1.9.5",
    planned_values: {
      root_module: {
        resources: [
          {
            address: "aws_s3_bucket.logs",
            mode: "managed",
            type: "aws_s3_bucket",
            name: "logs",
            provider_name: "registry.terraform.io/hashicorp/aws",
            schema_version: 0,
            values: { bucket: "audit-logs", force_destroy: false, tags: null },
            sensitive_values: {},
          },
          {
            address: "aws_cloudtrail.main",
            mode: "managed",
            type: "aws_cloudtrail",
            name: "main",
            provider_name: "registry.terraform.io/hashicorp/aws",
            schema_version: 0,
            values: trailValues,
            sensitive_values: {},
          },
        ],
        child_modules: [
          {
            address: "module.secondary",
            resources: [
              {
                address: "module.secondary.aws_cloudtrail.this[0]",
                mode: "managed",
                type: "aws_cloudtrail",
                name: "this",
                index: 0,
                values: {
                  name: "secondary",
                  s3_bucket_name: "central-logs",
                  is_multi_region_trail: true,
                  enable_logging: true,
                  enable_log_file_validation: opts.childValidation ?? false,
                  kms_key_id: "alias/trail",
                  insight_selector: [{ insight_type: "ApiErrorRateInsight" }],
                  cloud_watch_logs_group_arn: null,
                },
              },
            ],
          },
        ],
      },
    },
    resource_changes: [
      {
        address: "aws_cloudtrail.main",
        mode: "managed",
        type: "aws_cloudtrail",
        name: "main",
        change: {
          actions: ["create"],
          before: null,
          after: trailValues,
          after_unknown: { arn: true, id: true, s3_bucket_name: true, home_region: true, ...(opts.multiRegion === "unknown" ? { is_multi_region_trail: true } : {}) },
        },
      },
    ],
    configuration: {
      root_module: {
        resources: [
          {
            address: "aws_cloudtrail.main",
            mode: "managed",
            type: "aws_cloudtrail",
            name: "main",
            expressions: { s3_bucket_name: { references: ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"] }, name: { constant_value: "audit" } },
          },
        ],
      },
    },
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

function lineOf(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  return text.slice(0, at).split("\n").length;
}

describe("Terraform plan JSON", () => {
  it("a known false attribute is reported at its member in the plan file", async () => {
    const text = plan();
    const run = await scanFiles({ "tfplan.json": text });
    const tg002 = run.results.filter((r) => r.ruleId === "TG002");
    expect(tg002.map((r) => [r.loc.file, r.loc.range?.startLine, r.address])).toEqual([["tfplan.json", lineOf(text, '"is_multi_region_trail": false'), "aws_cloudtrail.main"]]);
    expect(run.summary.files).toBe(1);
    expect(sarifErrors(buildSarif(run, { cwd: "/w" }))).toEqual([]);
  });

  it("a value known only after apply is unknown: no finding, a review under --strict", async () => {
    const text = plan({ multiRegion: "unknown" });
    expect((await scanFiles({ "tfplan.json": text })).results.filter((r) => r.ruleId === "TG002")).toEqual([]);
    const strict = await scanFiles({ "tfplan.json": text }, { strict: true });
    expect(strict.results.filter((r) => r.ruleId === "TG002").map((r) => r.kind)).toEqual(["review"]);
  });

  it("child module resources are read, at their own members, with their full address", async () => {
    const text = plan();
    const run = await scanFiles({ "tfplan.json": text });
    const tg003 = run.results.filter((r) => r.ruleId === "TG003");
    expect(tg003.map((r) => [r.address, r.loc.range?.startLine])).toEqual([["module.secondary.aws_cloudtrail.this[0]", lineOf(text, '"enable_log_file_validation": false')]]);
    const fixed = await scanFiles({ "tfplan.json": plan({ childValidation: true }) });
    expect(fixed.results.filter((r) => r.ruleId === "TG003")).toEqual([]);
  });

  it("an unknown bucket name that references a planned bucket keeps the link (bucket rules run)", async () => {
    const run = await scanFiles({ "tfplan.json": plan() });
    const tg015 = run.results.filter((r) => r.ruleId === "TG015");
    expect(tg015.map((r) => r.address)).toEqual(["aws_s3_bucket.logs"]);
    expect(tg015[0]!.message).toContain("audit-logs");
  });

  it("a plan beside the .tf files it was made from is scanned alone", async () => {
    const tf = 'resource "aws_cloudtrail" "main" {\n  name           = "audit"\n  s3_bucket_name = "audit-logs"\n}\n';
    const run = await scanFiles({ "main.tf": tf, "tfplan.json": plan() });
    expect(new Set(run.results.map((r) => r.loc.file))).toEqual(new Set(["tfplan.json"]));
  });

  it("an invalid plan file is a parse error naming its line", async () => {
    const run = await scanFiles({ "tfplan.json": '{\n  "format_version": "1.2",\n  "planned_values": {,}\n}\n' });
    expect(run.notifications[0]).toMatchObject({ id: "parse-error", file: "tfplan.json", line: 3 });
  });
});

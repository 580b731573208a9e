// A Terraform scan large enough for the parse pool (parse-pool.ts): the built binary gives the same
// report with parse workers as without them, syntax errors and module folders included.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { POOL_MIN_BYTES } from "../../src/parse/parse-pool.ts";
import { hclFiles } from "../parse/hcl-sources.ts";
import { cli } from "../support/cli.ts";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "tg-workers-"));
  let bytes = 0;
  const write = (rel: string, text: string): void => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
    bytes += text.length;
  };
  for (const f of hclFiles(600)) write(f.path, f.text);
  // A root that calls a local module, and a file with a syntax error.
  write("caller/main.tf", 'module "audit" {\n  source = "../modules/audit"\n  name   = "from-caller"\n}\n');
  write("modules/audit/main.tf", 'variable "name" {}\nresource "aws_cloudtrail" "t" {\n  name           = var.name\n  s3_bucket_name = "b"\n}\n');
  write("broken/main.tf", 'resource "aws_cloudtrail" "t" {\n  name = "open\n');
  expect(bytes).toBeGreaterThan(POOL_MIN_BYTES);
});

describe("parse workers", () => {
  test("the report is the same with and without them", () => {
    const args = ["scan", ".", "--format", "json", "--fail-on", "none"];
    const pooled = cli(args, dir, { TRAILGUARD_PARSE_WORKERS: "1" });
    const alone = cli(args, dir, { TRAILGUARD_PARSE_WORKERS: "0" });
    expect(pooled.stderr).toBe(alone.stderr);
    expect(pooled.code).toBe(0);
    expect(alone.code).toBe(0);
    const report = JSON.parse(pooled.stdout) as { results: { ruleId: string; file: string }[]; notifications: { id: string; file?: string }[] };
    expect(report.results.length).toBeGreaterThan(600);
    expect(report.results.some((r) => r.file === "modules/audit/main.tf")).toBe(true);
    expect(report.notifications.some((n) => n.id === "parse-error" && n.file === "broken/main.tf")).toBe(true);
    expect(pooled.stdout).toBe(alone.stdout);
  }, 60_000);
});

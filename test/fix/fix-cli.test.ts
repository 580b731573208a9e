import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../support/cli.ts";
import { tempTree } from "../support/scan-files.ts";

const trail = 'resource "aws_cloudtrail" "t" {\n  name           = "audit"\n  s3_bucket_name = "logs"\n  is_multi_region_trail = false\n}\n';

describe("--fix and --fix-dry-run on the command line", () => {
  it("--fix-dry-run prints the diff instead of the report, changes nothing, exits as without it", () => {
    const dir = tempTree({ "main.tf": trail });
    const plain = cli(["scan"], dir);
    const r = cli(["scan", "--fix-dry-run"], dir);
    expect(r.code).toBe(plain.code);
    expect(r.stdout).toMatch(/^--- a\/main\.tf\n\+\+\+ b\/main\.tf\n/);
    expect(r.stdout).toMatch(/^- {2}is_multi_region_trail = false$/m);
    expect(r.stdout).toMatch(/^\+ {2}is_multi_region_trail = true$/m);
    expect(readFileSync(path.join(dir, "main.tf"), "utf8")).toBe(trail);
  });

  it("--fix writes the files, says so on stderr, and reports what remains", () => {
    const dir = tempTree({ "main.tf": trail });
    const r = cli(["scan", "--fix", "--format", "json"], dir);
    expect(r.stderr).toBe("trailguard: fixed main.tf (2 edits)\n");
    const out = JSON.parse(r.stdout);
    expect(out.results.map((x: { ruleId: string }) => x.ruleId)).not.toContain("TG002");
    expect(out.results.map((x: { ruleId: string }) => x.ruleId)).not.toContain("TG003");
    expect(readFileSync(path.join(dir, "main.tf"), "utf8")).toMatch(/is_multi_region_trail = true/);
  });

  it("--fix with --live is a usage error", () => {
    const r = cli(["scan", "--live", "--fix"], tempTree({}));
    expect(r.code).toBe(2);
  });
});

// A scan lets go of each file's text once it is analysed and reads again the files its fixes edit:
// the fixes must come out of the text that was scanned, and a file that changed on disk in between
// gets no fix.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/index.ts";
import { lowerFixes } from "../../src/scan/fixes.ts";
import type { SourceFile } from "../../src/scan/analyze.ts";
import { tempTree } from "../support/scan-files.ts";
import { onlyRules } from "./fix-support.ts";

const TRAIL = 'resource "aws_cloudtrail" "t" {\n  name                       = "audit"\n  s3_bucket_name             = "logs"\n  enable_log_file_validation = false\n}\n';

describe("fixes after the texts are let go", () => {
  it("a fix carries the text that was scanned, read again from disk", async () => {
    const dir = tempTree({ "main.tf": TRAIL, "stack.yaml": "Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      EnableLogFileValidation: false\n" });
    const run = await scan({ cwd: dir, ...onlyRules("TG003") });
    const fixes = [...(run.fixes?.values() ?? [])];
    expect(fixes.map((f) => f.file).sort()).toEqual(["main.tf", "stack.yaml"]);
    expect(fixes.find((f) => f.file === "main.tf")!.before).toBe(TRAIL);
  });

  it("a file that changed on disk since the scan read it is not fixed, and says so", async () => {
    const dir = tempTree({ "main.tf": TRAIL });
    const run = await scan({ cwd: dir, ...onlyRules("TG003") });
    const result = run.results.find((r) => r.ruleId === "TG003")!;
    expect(result.fixable).toBe(true);
    writeFileSync(path.join(dir, "main.tf"), TRAIL.replace("audit", "audit-renamed"));
    const file = (stale: boolean): SourceFile => ({ rel: "main.tf", kind: "terraform", text: TRAIL, stale });
    const fresh = lowerFixes([{ ...result, fixable: false }], [file(false)], dir);
    expect(fresh.fixes.size).toBe(1);
    const changed = lowerFixes([{ ...result, fixable: false }], [file(true)], dir);
    expect(changed.fixes.size).toBe(0);
    expect(changed.results[0]!.fixable).toBe(false);
    expect(changed.notifications).toEqual([expect.objectContaining({ id: "fix-unavailable", file: "main.tf", message: expect.stringMatching(/main\.tf changed on disk during the scan/) })]);
  });
});

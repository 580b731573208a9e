/** Rule behaviour across files that the per-rule case tables (one template each) cannot show. */
import { describe, expect, it } from "vitest";
import { scanFiles } from "./support/scan-files.ts";

const stack = (name: string) => `Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties: { BucketName: ${name} }
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties: { S3BucketName: !Ref Logs, IsLogging: true }
`;

describe("the same logical IDs in several templates", () => {
  it("each template's bucket gets its own result (entities are compared by identity, not by address)", async () => {
    const run = await scanFiles({ "a.yaml": stack("logs-a"), "b.yaml": stack("logs-b") });
    for (const id of ["TG007", "TG008", "TG015"]) {
      expect(run.results.filter((r) => r.ruleId === id).map((r) => r.loc.file), id).toEqual(["a.yaml", "b.yaml"]);
    }
    const fps = run.results.map((r) => r.fingerprint);
    expect(new Set(fps).size).toBe(fps.length);
  });
});

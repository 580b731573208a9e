/** Malformed input never throws: the parser and the evaluator report, they do not crash. */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { evaluateTerraform } from "../../src/adapters/terraform/index.ts";
import { hclParser } from "./support.ts";

const valid = `variable "env" { default = "prod" }
locals {
  name = "logs-\${var.env}"
  list = [for i in range(3) : "\${local.name}-\${i}" if i > 0]
}
resource "aws_s3_bucket" "b" {
  for_each = toset(local.list)
  bucket   = each.value
  tags     = { a = 1, "b" = [true, null] }
}
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:*"]
    resources = [for b in aws_s3_bucket.b : "\${b.arn}/*"]
  }
  dynamic "statement" {
    for_each = { x = 1 }
    content {
      sid = statement.key
    }
  }
}
output "o" { value = <<-EOT
  %{ for k, v in aws_s3_bucket.b ~}
  \${k} = \${v.id}
  %{ endfor ~}
  EOT
}
`;

describe("robustness", () => {
  test("the valid sample evaluates cleanly", async () => {
    const r = evaluateTerraform(await hclParser, { dir: ".", files: [{ path: "main.tf", text: valid }] });
    expect(r.diagnostics).toEqual([]);
    expect(r.resources.map((x) => x.address)).toEqual([
      'aws_s3_bucket.b["logs-prod-1"]',
      'aws_s3_bucket.b["logs-prod-2"]',
      "data.aws_iam_policy_document.p",
    ]);
    // As in HCL: `~}` strips the newline before `<<-` looks for line starts, so the loop body keeps its indentation.
    expect(r.modules[0]!.outputs.get("o")).toBe("  logs-prod-1 = logs-prod-1\n  logs-prod-2 = logs-prod-2\n");
  });

  test("mutated configurations never make the parser or the evaluator throw", async () => {
    const hcl = await hclParser;
    const edit = fc.tuple(fc.nat(valid.length), fc.nat(6), fc.constantFrom("", "{", "}", '"', "${", "(", ")", "[", "]", "=", ",", "\n", "%{", "~", "#", "/*", "<<EOT\n", "...", "?", ":"));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = valid;
        for (const [at, del, ins] of edits) text = text.slice(0, at) + ins + text.slice(at + del);
        const r = evaluateTerraform(hcl, { dir: ".", files: [{ path: "main.tf", text }] });
        expect(Array.isArray(r.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("random text never makes the parser throw", async () => {
    const hcl = await hclParser;
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        hcl.parseFile("x.tf", text);
        hcl.parseFile("x.tf.json", text);
        hcl.parseTemplate(text);
      }),
      { numRuns: 500 },
    );
  });
});

import { cases, json, tf, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const tfTrail = (body: string, head = "") =>
  head +
  `resource "aws_cloudtrail" "main" {
  name           = "audit"
  s3_bucket_name = "logs"
${body}}
`;
const dynamicInsights = (forEach: string) => `  dynamic "insight_selector" {\n    for_each = ${forEach}\n    content {\n      insight_type = insight_selector.value\n    }\n  }\n`;
const insightsVar = (def: string | null) => `variable "insights" {\n  type = list(string)\n${def === null ? "" : `  default = ${def}\n`}}\n\n`;
const trailModule = tf`
  variable "insights" {
    type = list(string)
  }

  resource "aws_cloudtrail" "this" {
    name           = "org-audit"
    s3_bucket_name = "logs"
    dynamic "insight_selector" {
      for_each = var.insights
      content {
        insight_type = insight_selector.value
      }
    }
  }
`;
const callModule = (insights: string) => `module "trail" {\n  source   = "./modules/trail"\n  insights = ${insights}\n}\n`;

export default cases({
  valid: [
    {
      name: "cfn: both insight types",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              InsightSelectors:
                - InsightType: ApiCallRateInsight
                - InsightType: ApiErrorRateInsight
      `,
    },
    {
      name: "cfn json: one insight type",
      cfnJson: json`
        { "Resources": { "T": { "Type": "AWS::CloudTrail::Trail",
          "Properties": { "S3BucketName": "logs", "IsLogging": true, "InsightSelectors": [ { "InsightType": "ApiErrorRateInsight" } ] } } } }
      `,
    },
    {
      name: "tf: two insight_selector blocks",
      tf: tfTrail('  insight_selector {\n    insight_type = "ApiCallRateInsight"\n  }\n  insight_selector {\n    insight_type = "ApiErrorRateInsight"\n  }\n'),
    },
    { name: "tf: a dynamic insight_selector over a variable default", tf: tfTrail(dynamicInsights("var.insights"), insightsVar('["ApiCallRateInsight"]')) },
    { name: "tf: a dynamic insight_selector over terraform.tfvars", tf: tfTrail(dynamicInsights("var.insights"), insightsVar("[]")), files: { "terraform.tfvars": 'insights = ["ApiErrorRateInsight"]\n' } },
    { name: "tf: a local module called with insight types", tf: callModule('["ApiCallRateInsight", "ApiErrorRateInsight"]'), files: { "modules/trail/main.tf": trailModule } },
    { name: "tf: a trail with count = 0 does not exist", tf: tfTrail("  count          = 0\n") },
    { name: "live: ApiCallRateInsight", live: live.single() },
    { name: "live: ApiErrorRateInsight", live: live.single({ trail: { insights: ["ApiErrorRateInsight"] } }) },
  ],
  invalid: [
    {
      name: "cfn: no InsightSelectors, at the logical ID",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true }
      `,
      errors: [{ messageId: "none", line: 2, column: 3 }],
    },
    {
      name: "cfn: empty InsightSelectors list",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              InsightSelectors: []
      `,
      errors: [{ messageId: "none", line: 7, column: 7 }],
    },
    {
      name: "cfn json: no InsightSelectors",
      cfnJson: json`
        {"Resources": {"T": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "logs", "IsLogging": true}}}}
      `,
      errors: [{ messageId: "none", line: 1, column: 16 }],
    },
    {
      name: "tf: no insight_selector, at the resource header",
      tf: tfTrail(""),
      errors: [{ messageId: "none", line: 1, column: 1, endLine: 1, endColumn: 35, message: "Trail audit" }],
    },
    {
      name: "tf: a dynamic block over an empty list from a local",
      tf: tfTrail(dynamicInsights("local.insights"), 'locals {\n  insights = []\n}\n\n'),
      errors: [{ messageId: "none", line: 5, column: 1 }],
    },
    {
      name: "tf: a conditional turns insights off outside prod (a *.auto.tfvars file sets env)",
      tf: tfTrail(dynamicInsights('var.env == "prod" ? ["ApiCallRateInsight"] : []'), 'variable "env" {\n  default = "prod"\n}\n\n'),
      files: { "staging.auto.tfvars": 'env = "staging"\n' },
      errors: [{ messageId: "none", line: 5, column: 1 }],
    },
    {
      name: "tf: a module called with no insight types, reported inside the module",
      tf: callModule("[]"),
      files: { "modules/trail/main.tf": trailModule },
      errors: [{ messageId: "none", line: 5, column: 1, file: "modules/trail/main.tf", message: "Trail org-audit" }],
    },
    { name: "live: no Insights selectors (InsightNotEnabledException)", live: live.single({ trail: { insights: [] } }), errors: [{ messageId: "none", arn: live.TRAIL_ARN }] },
    {
      name: "live: the organization trail without Insights, seen from a member",
      live: live.inOrganization(live.MEMBER),
      errors: [{ messageId: "none", arn: live.arnOfTrail("org-audit", live.MANAGEMENT) }],
    },
  ],
  review: [
    {
      name: "cfn: insight selectors from an import under --strict",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              InsightSelectors: !ImportValue insights
      `,
      errors: [{ messageId: "unknown", line: 7, column: 7 }],
    },
    {
      name: "tf: insight type from an unset variable under --strict",
      tf: tfTrail("  insight_selector {\n    insight_type = var.insight\n  }\n", 'variable "insight" {\n  type = string\n}\n\n'),
      errors: [{ messageId: "unknown", line: 8, column: 3 }],
    },
  ],
});

import { cases, json, tf, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

/** A Terraform trail whose enable_logging is `value` (omitted when null), after `head`. */
const tfTrail = (value: string | null, head = "") =>
  head +
  `resource "aws_cloudtrail" "main" {
  name           = "audit"
  s3_bucket_name = "logs"
${value === null ? "" : `  enable_logging = ${value}\n`}}
`;
const loggingVar = (def: string | null) => `variable "logging" {\n  type = bool\n${def === null ? "" : `  default = ${def}\n`}}\n`;
const trailModule = tf`
  variable "logging" {
    type = bool
  }

  resource "aws_cloudtrail" "this" {
    name           = "org-audit"
    s3_bucket_name = "logs"
    enable_logging = var.logging
  }
`;
const callModule = (value: string) => `module "trail" {\n  source = "./modules/trail"\n  logging = ${value}\n}\n`;
const envVar = (def: string | null) => `variable "env" {\n  type = string\n${def === null ? "" : `  default = "${def}"\n`}}\n`;
const cond = 'var.env == "prod" ? true : false';

export default cases({
  valid: [
    {
      name: "cfn: IsLogging true",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true }
      `,
    },
    {
      name: "cfn json: IsLogging \"True\"",
      cfnJson: json`
        { "Resources": { "T": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "logs", "IsLogging": "True" } } } }
      `,
    },
    {
      name: "cfn: IsLogging absent is unknown (the template is invalid), not a finding",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs }
      `,
    },
    { name: "tf: absent defaults to true", tf: tfTrail(null) },
    { name: "tf: enable_logging from a variable default", tf: tfTrail("var.logging", loggingVar("true")) },
    { name: "tf: terraform.tfvars overrides a false default", tf: tfTrail("var.logging", loggingVar("false")), files: { "terraform.tfvars": "logging = true\n" } },
    { name: "tf: a local module called with logging = true", tf: callModule("true"), files: { "modules/trail/main.tf": trailModule } },
    { name: "tf: a conditional decided by a *.auto.tfvars file", tf: tfTrail(cond, envVar("dev")), files: { "prod.auto.tfvars": 'env = "prod"\n' } },
    { name: "tf: a trail with count = 0 does not exist", tf: tfTrail("false").replace('"main" {\n', '"main" {\n  count          = 0\n') },
    { name: "tf: an unset variable is unknown, not a finding", tf: tfTrail("var.logging", loggingVar(null)) },
    { name: "live: GetTrailStatus IsLogging true", live: live.single() },
    { name: "live: IsLogging absent from GetTrailStatus is unknown", live: live.single({ trail: { status: {} } }) },
  ],
  invalid: [
    {
      name: "cfn: IsLogging false",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: false
      `,
      errors: [{ messageId: "stopped", line: 6, column: 7, endLine: 6, endColumn: 23 }],
    },
    {
      name: "cfn: IsLogging through Fn::If with AWS::NoValue in the other branch",
      cfn: yaml`
        Parameters:
          Enabled: { Type: String, Default: "no" }
        Conditions:
          On: !Equals [!Ref Enabled, "yes"]
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: !If [On, true, false]
              KMSKeyId: !If [On, key, !Ref AWS::NoValue]
      `,
      errors: [{ messageId: "stopped", line: 10, column: 7 }],
    },
    {
      name: "cfn json: IsLogging false",
      cfnJson: json`
        {
          "Resources": {
            "T": {
              "Type": "AWS::CloudTrail::Trail",
              "Properties": {
                "S3BucketName": "logs",
                "IsLogging": false
              }
            }
          }
        }
      `,
      errors: [{ messageId: "stopped", line: 7, column: 9 }],
    },
    {
      name: "tf: literal false, at the attribute",
      tf: tfTrail("false"),
      errors: [{ messageId: "stopped", line: 4, column: 3, endLine: 4, endColumn: 25, message: "Trail audit" }],
    },
    {
      name: "tf: false from a local, at the attribute",
      tf: tfTrail("local.logging", "locals {\n  logging = false\n}\n\n"),
      errors: [{ messageId: "stopped", line: 8, column: 3, endLine: 8, endColumn: 33 }],
    },
    {
      name: "tf: terraform.tfvars sets false over a true default",
      tf: tfTrail("var.logging", loggingVar("true")),
      files: { "terraform.tfvars": "logging = false\n" },
      errors: [{ messageId: "stopped", line: 8, column: 3 }],
    },
    {
      name: "tf: false through a module argument, reported inside the module",
      tf: callModule("false"),
      files: { "modules/trail/main.tf": trailModule },
      errors: [{ messageId: "stopped", line: 8, column: 3, file: "modules/trail/main.tf", message: "Trail org-audit" }],
    },
    {
      name: "tf: a conditional on a variable default",
      tf: tfTrail(cond, envVar("dev")),
      errors: [{ messageId: "stopped", line: 8, column: 3 }],
    },
    { name: "live: IsLogging false", live: live.single({ trail: { status: { IsLogging: false } } }), errors: [{ messageId: "stopped", arn: live.TRAIL_ARN }] },
    {
      name: "live: the organization trail stopped, seen from a member account",
      live: live.inOrganization(live.MEMBER, { managementTrails: [live.trail("org-audit", { organization: true, bucket: "org-cloudtrail-archive", status: { IsLogging: false } })] }),
      errors: [{ messageId: "stopped", arn: live.arnOfTrail("org-audit", live.MANAGEMENT) }],
    },
  ],
  review: [
    {
      name: "cfn: IsLogging absent under --strict",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs }
      `,
      errors: [{ messageId: "unknown", line: 2, column: 3 }],
    },
    {
      name: "tf: unset variable under --strict",
      tf: tfTrail("var.logging", loggingVar(null)),
      errors: [{ messageId: "unknown", line: 7, column: 3 }],
    },
  ],
});

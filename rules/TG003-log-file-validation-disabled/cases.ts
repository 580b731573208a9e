import { cases, json, tf, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

/** A Terraform trail whose enable_log_file_validation is `value` (omitted when null), after `head`. */
const tfTrail = (value: string | null, head = "") =>
  head +
  `resource "aws_cloudtrail" "main" {
  name           = "audit"
  s3_bucket_name = "logs"
${value === null ? "" : `  enable_log_file_validation = ${value}\n`}}
`;
const validationVar = (def: string | null) => `variable "validation" {\n  type = bool\n${def === null ? "" : `  default = ${def}\n`}}\n`;
const trailModule = tf`
  variable "validation" {
    type = bool
  }

  resource "aws_cloudtrail" "this" {
    name           = "org-audit"
    s3_bucket_name = "logs"
    enable_log_file_validation = var.validation
  }
`;
const callModule = (value: string) => `module "trail" {\n  source = "./modules/trail"\n  validation = ${value}\n}\n`;
const envVar = (def: string | null) => `variable "env" {\n  type = string\n${def === null ? "" : `  default = "${def}"\n`}}\n`;
const cond = 'var.env == "prod" ? true : false';

export default cases({
  valid: [
    {
      name: "cfn: EnableLogFileValidation true",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              EnableLogFileValidation: true
      `,
    },
    {
      name: "cfn json: EnableLogFileValidation \"true\" as a string",
      cfnJson: json`
        { "Resources": { "T": { "Type": "AWS::CloudTrail::Trail",
          "Properties": { "S3BucketName": "logs", "IsLogging": true, "EnableLogFileValidation": "true" } } } }
      `,
    },
    {
      name: "cfn: value from an !ImportValue is unknown",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              EnableLogFileValidation: !ImportValue shared-setting
      `,
    },
    { name: "tf: enable_log_file_validation from a variable default", tf: tfTrail("var.validation", validationVar("true")) },
    { name: "tf: terraform.tfvars overrides a false default", tf: tfTrail("var.validation", validationVar("false")), files: { "terraform.tfvars": "validation = true\n" } },
    { name: "tf: a local module called with validation = true", tf: callModule("true"), files: { "modules/trail/main.tf": trailModule } },
    { name: "tf: a conditional decided by a *.auto.tfvars file", tf: tfTrail(cond, envVar("dev")), files: { "prod.auto.tfvars": 'env = "prod"\n' } },
    { name: "tf: a trail with count = 0 does not exist", tf: tfTrail("false").replace('"main" {\n', '"main" {\n  count          = 0\n') },
    { name: "tf: an unset variable is unknown, not a finding", tf: tfTrail("var.validation", validationVar(null)) },
    { name: "live: LogFileValidationEnabled true", live: live.single() },
    { name: "live: a trail homed in eu-west-1, validated", live: live.single({ trail: { homeRegion: "eu-west-1" } }) },
  ],
  invalid: [
    {
      name: "cfn: EnableLogFileValidation false",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              EnableLogFileValidation: false
      `,
      errors: [{ messageId: "off", line: 7, column: 7, endLine: 7, endColumn: 37 }],
    },
    {
      name: "cfn: EnableLogFileValidation from a mapping",
      cfn: yaml`
        Mappings:
          Settings:
            prod: { Flag: "false" }
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              EnableLogFileValidation: !FindInMap [Settings, prod, Flag]
      `,
      errors: [{ messageId: "off", line: 10, column: 7 }],
    },
    {
      name: "cfn json: EnableLogFileValidation false",
      cfnJson: json`
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Resources": {
            "Audit": {
              "Type": "AWS::CloudTrail::Trail",
              "Properties": { "S3BucketName": "logs", "IsLogging": true, "EnableLogFileValidation": false }
            }
          }
        }
      `,
      errors: [{ messageId: "off", line: 6, column: 66 }],
    },
    {
      name: "cfn: absent defaults to false, at the logical ID",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
      `,
      errors: [{ messageId: "off", line: 2, column: 3 }],
    },
    {
      name: "tf: absent defaults to false, at the resource header",
      tf: tfTrail(null),
      errors: [{ messageId: "off", line: 1, column: 1, endLine: 1, endColumn: 35, message: "Trail audit" }],
    },
    {
      name: "tf: false from a local, at the attribute",
      tf: tfTrail("local.validation", "locals {\n  validation = false\n}\n\n"),
      errors: [{ messageId: "off", line: 8, column: 3, endLine: 8, endColumn: 48 }],
    },
    {
      name: "tf: terraform.tfvars sets false over a true default",
      tf: tfTrail("var.validation", validationVar("true")),
      files: { "terraform.tfvars": "validation = false\n" },
      errors: [{ messageId: "off", line: 8, column: 3 }],
    },
    {
      name: "tf: false through a module argument, reported inside the module",
      tf: callModule("false"),
      files: { "modules/trail/main.tf": trailModule },
      errors: [{ messageId: "off", line: 8, column: 3, file: "modules/trail/main.tf", message: "Trail org-audit" }],
    },
    {
      name: "tf: a conditional on a variable default",
      tf: tfTrail(cond, envVar("dev")),
      errors: [{ messageId: "off", line: 8, column: 3 }],
    },
    { name: "live: LogFileValidationEnabled false", live: live.single({ trail: { logFileValidation: false } }), errors: [{ messageId: "off", arn: live.TRAIL_ARN }] },
    {
      name: "live: the organization trail, reported once at its home region from the management account",
      live: live.inOrganization(live.MANAGEMENT, { managementTrails: [live.trail("org-audit", { organization: true, bucket: "org-cloudtrail-archive", logFileValidation: false })] }),
      errors: [{ messageId: "off", arn: live.arnOfTrail("org-audit", live.MANAGEMENT) }],
    },
  ],
  review: [
    {
      name: "cfn: parameter without default under --strict",
      cfn: yaml`
        Parameters:
          Flag: { Type: String }
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              EnableLogFileValidation: !Ref Flag
      `,
      errors: [{ messageId: "unknown", line: 9, column: 7 }],
    },
    {
      name: "tf: unset variable under --strict",
      tf: tfTrail("var.validation", validationVar(null)),
      errors: [{ messageId: "unknown", line: 7, column: 3 }],
    },
  ],
});

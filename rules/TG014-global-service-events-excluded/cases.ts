import { cases, json, tf, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

/** A Terraform trail whose include_global_service_events is `value` (omitted when null), after `head`. */
const tfTrail = (value: string | null, head = "") =>
  head +
  `resource "aws_cloudtrail" "main" {
  name           = "audit"
  s3_bucket_name = "logs"
${value === null ? "" : `  include_global_service_events = ${value}\n`}}
`;
const global_eventsVar = (def: string | null) => `variable "global_events" {\n  type = bool\n${def === null ? "" : `  default = ${def}\n`}}\n`;
const trailModule = tf`
  variable "global_events" {
    type = bool
  }

  resource "aws_cloudtrail" "this" {
    name           = "org-audit"
    s3_bucket_name = "logs"
    include_global_service_events = var.global_events
  }
`;
const callModule = (value: string) => `module "trail" {\n  source = "./modules/trail"\n  global_events = ${value}\n}\n`;
const envVar = (def: string | null) => `variable "env" {\n  type = string\n${def === null ? "" : `  default = "${def}"\n`}}\n`;
const cond = 'var.env == "prod" ? true : false';

export default cases({
  valid: [
    {
      name: "cfn: IncludeGlobalServiceEvents true",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IncludeGlobalServiceEvents: true
      `,
    },
    {
      name: "cfn json: IncludeGlobalServiceEvents \"true\" as a string",
      cfnJson: json`
        { "Resources": { "T": { "Type": "AWS::CloudTrail::Trail",
          "Properties": { "S3BucketName": "logs", "IsLogging": true, "IncludeGlobalServiceEvents": "true" } } } }
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
              IncludeGlobalServiceEvents: !ImportValue shared-setting
      `,
    },
    {
      name: "cfn: absent defaults to true",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
      `,
    },
    { name: "tf: absent defaults to true", tf: tfTrail(null) },
    { name: "tf: include_global_service_events from a variable default", tf: tfTrail("var.global_events", global_eventsVar("true")) },
    { name: "tf: terraform.tfvars overrides a false default", tf: tfTrail("var.global_events", global_eventsVar("false")), files: { "terraform.tfvars": "global_events = true\n" } },
    { name: "tf: a local module called with global_events = true", tf: callModule("true"), files: { "modules/trail/main.tf": trailModule } },
    { name: "tf: a conditional decided by a *.auto.tfvars file", tf: tfTrail(cond, envVar("dev")), files: { "prod.auto.tfvars": 'env = "prod"\n' } },
    { name: "tf: a trail with count = 0 does not exist", tf: tfTrail("false").replace('"main" {\n', '"main" {\n  count          = 0\n') },
    { name: "tf: an unset variable is unknown, not a finding", tf: tfTrail("var.global_events", global_eventsVar(null)) },
    { name: "live: IncludeGlobalServiceEvents true", live: live.single() },
    { name: "live: the organization trail seen from a member includes them", live: live.inOrganization(live.MEMBER) },
  ],
  invalid: [
    {
      name: "cfn: IncludeGlobalServiceEvents false",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IncludeGlobalServiceEvents: false
      `,
      errors: [{ messageId: "excluded", line: 7, column: 7, endLine: 7, endColumn: 40 }],
    },
    {
      name: "cfn: IncludeGlobalServiceEvents from a mapping",
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
              IncludeGlobalServiceEvents: !FindInMap [Settings, prod, Flag]
      `,
      errors: [{ messageId: "excluded", line: 10, column: 7 }],
    },
    {
      name: "cfn json: IncludeGlobalServiceEvents false",
      cfnJson: json`
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Resources": {
            "Audit": {
              "Type": "AWS::CloudTrail::Trail",
              "Properties": { "S3BucketName": "logs", "IsLogging": true, "IncludeGlobalServiceEvents": false }
            }
          }
        }
      `,
      errors: [{ messageId: "excluded", line: 6, column: 66 }],
    },
    {
      name: "tf: literal false, at the attribute",
      tf: tfTrail("false"),
      errors: [{ messageId: "excluded", line: 4, column: 3, endLine: 4, endColumn: 40, message: "Trail audit" }],
    },
    {
      name: "tf: false from a local, at the attribute",
      tf: tfTrail("local.global_events", "locals {\n  global_events = false\n}\n\n"),
      errors: [{ messageId: "excluded", line: 8, column: 3, endLine: 8, endColumn: 54 }],
    },
    {
      name: "tf: terraform.tfvars sets false over a true default",
      tf: tfTrail("var.global_events", global_eventsVar("true")),
      files: { "terraform.tfvars": "global_events = false\n" },
      errors: [{ messageId: "excluded", line: 8, column: 3 }],
    },
    {
      name: "tf: false through a module argument, reported inside the module",
      tf: callModule("false"),
      files: { "modules/trail/main.tf": trailModule },
      errors: [{ messageId: "excluded", line: 8, column: 3, file: "modules/trail/main.tf", message: "Trail org-audit" }],
    },
    {
      name: "tf: a conditional on a variable default",
      tf: tfTrail(cond, envVar("dev")),
      errors: [{ messageId: "excluded", line: 8, column: 3 }],
    },
    { name: "live: IncludeGlobalServiceEvents false", live: live.single({ trail: { includeGlobal: false } }), errors: [{ messageId: "excluded", arn: live.TRAIL_ARN }] },
    {
      name: "live: a second trail in eu-west-1 excludes them",
      live: live.single({ account: { trails: [live.trail("audit"), live.trail("regional", { multiRegion: false, homeRegion: "eu-west-1", includeGlobal: false, bucket: "audit-logs" })] } }),
      errors: [{ messageId: "excluded", arn: live.arnOfTrail("regional", live.ACCOUNT, "eu-west-1") }],
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
              IncludeGlobalServiceEvents: !Ref Flag
      `,
      errors: [{ messageId: "unknown", line: 9, column: 7 }],
    },
    {
      name: "tf: unset variable under --strict",
      tf: tfTrail("var.global_events", global_eventsVar(null)),
      errors: [{ messageId: "unknown", line: 7, column: 3 }],
    },
  ],
});

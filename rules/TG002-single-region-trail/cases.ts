import { cases, json, tf, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

/** A Terraform trail whose is_multi_region_trail is `value` (omitted when null). */
const tfTrail = (value: string | null, head = "") =>
  head +
  `resource "aws_cloudtrail" "main" {
  name           = "audit"
  s3_bucket_name = "logs"
${value === null ? "" : `  is_multi_region_trail = ${value}\n`}}
`;
const multiVar = (def: string | null) => `variable "multi_region" {\n  type = bool\n${def === null ? "" : `  default = ${def}\n`}}\n`;
const trailModule = tf`
  variable "multi_region" {
    type = bool
  }

  resource "aws_cloudtrail" "this" {
    name                  = "org-audit"
    s3_bucket_name        = "logs"
    is_multi_region_trail = var.multi_region
  }
`;

export default cases({
  valid: [
    {
      name: "cfn: multi-region trail",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: true
      `,
    },
    {
      name: "cfn: string boolean from a parameter default",
      cfn: yaml`
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          MultiRegion:
            Type: String
            Default: "True"
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: !Ref MultiRegion
      `,
    },
    {
      name: "cfn json: multi-region trail",
      cfnJson: json`
        {
          "Resources": {
            "Trail": {
              "Type": "AWS::CloudTrail::Trail",
              "Properties": { "S3BucketName": "logs", "IsLogging": true, "IsMultiRegionTrail": "true" }
            }
          }
        }
      `,
    },
    {
      name: "cfn: parameter without a default is unknown, not a finding",
      cfn: yaml`
        Parameters:
          MultiRegion:
            Type: String
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: !Ref MultiRegion
      `,
    },
    {
      name: "cfn: a trail whose Condition is false does not exist",
      cfn: yaml`
        Parameters:
          Env: { Type: String, Default: dev }
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Condition: IsProd
            Properties:
              S3BucketName: logs
              IsLogging: true
      `,
    },
    { name: "tf: is_multi_region_trail from a variable default", tf: tfTrail("var.multi_region", multiVar("true")) },
    { name: "tf: terraform.tfvars overrides a false default", tf: tfTrail("var.multi_region", multiVar("false")), files: { "terraform.tfvars": "multi_region = true\n" } },
    {
      name: "tf: a local module called with multi_region = true",
      tf: tf`
        module "trail" {
          source       = "./modules/trail"
          multi_region = true
        }
      `,
      files: { "modules/trail/main.tf": trailModule },
    },
    {
      name: "tf: a conditional decided by terraform.tfvars",
      tf: tfTrail('var.env == "prod" ? true : false', 'variable "env" {\n  type = string\n}\n'),
      files: { "terraform.tfvars": 'env = "prod"\n' },
    },
    { name: "tf: a single-region trail with count = 0 does not exist", tf: tfTrail("false").replace('"main" {\n', '"main" {\n  count          = 0\n') },
    { name: "tf: an unset variable is unknown, not a finding", tf: tfTrail("var.multi_region", multiVar(null)) },
    { name: "live: a multi-region trail, seen as a shadow in every region", live: live.single() },
    { name: "live: the organization trail seen from a member", live: live.inOrganization(live.MEMBER) },
  ],
  invalid: [
    {
      name: "cfn: explicit false points at the attribute",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: false
      `,
      errors: [{ messageId: "single", line: 7, column: 7, endLine: 7, endColumn: 32, message: "Trail Trail" }],
    },
    {
      name: "cfn: absent points at the logical ID",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              TrailName: audit
              S3BucketName: logs
              IsLogging: true
      `,
      errors: [{ messageId: "single", line: 2, column: 3, endLine: 2, endColumn: 8, message: "Trail audit" }],
    },
    {
      name: "cfn: Fn::If whose condition is decided by a parameter default",
      cfn: yaml`
        Parameters:
          Env: { Type: String, Default: dev }
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: !If [IsProd, true, false]
      `,
      errors: [{ messageId: "single", line: 11, column: 7 }],
    },
    {
      name: "cfn: undecided condition, but both branches are false",
      cfn: yaml`
        Parameters:
          Env: { Type: String }
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: !If [IsProd, false, false]
      `,
      errors: [{ messageId: "single", line: 11, column: 7 }],
    },
    {
      name: "cfn json: string false points at the quoted key",
      cfnJson: json`
        {
          "Resources": {
            "Trail": {
              "Type": "AWS::CloudTrail::Trail",
              "Properties": {
                "S3BucketName": "logs",
                "IsLogging": true,
                "IsMultiRegionTrail": "False"
              }
            }
          }
        }
      `,
      errors: [{ messageId: "single", line: 8, column: 9, endLine: 8, endColumn: 38 }],
    },
    {
      name: "cfn json: absent points at the quoted logical ID",
      cfnJson: json`
        {"AWSTemplateFormatVersion": "2010-09-09",
         "Resources": {"MyTrail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "logs", "IsLogging": true}}}}
      `,
      errors: [{ messageId: "single", line: 2, column: 16, endLine: 2, endColumn: 25 }],
    },
    {
      name: "tf: absent defaults to false, at the resource header",
      tf: tfTrail(null),
      errors: [{ messageId: "single", line: 1, column: 1, endLine: 1, endColumn: 35, message: "Trail audit" }],
    },
    {
      name: "tf: false from a local, at the attribute",
      tf: tfTrail("local.multi_region", "locals {\n  multi_region = false\n}\n\n"),
      errors: [{ messageId: "single", line: 8, column: 3, endLine: 8, endColumn: 45 }],
    },
    {
      name: "tf: a *.auto.tfvars file sets false over a true default",
      tf: tfTrail("var.multi_region", multiVar("true")),
      files: { "terraform.tfvars": "multi_region = true\n", "zz-override.auto.tfvars": "multi_region = false\n" },
      errors: [{ messageId: "single", line: 8, column: 3 }],
    },
    {
      name: "tf: false through a module argument, reported inside the module",
      tf: tf`
        module "trail" {
          source       = "./modules/trail"
          multi_region = false
        }
      `,
      files: { "modules/trail/main.tf": trailModule },
      errors: [{ messageId: "single", line: 8, column: 3, file: "modules/trail/main.tf", message: "Trail org-audit" }],
    },
    {
      name: "tf: a conditional on a variable default",
      tf: tfTrail('var.env == "prod" ? true : false', 'variable "env" {\n  default = "dev"\n}\n'),
      errors: [{ messageId: "single", line: 7, column: 3 }],
    },
    {
      name: "tf: count = 2 instances share one result",
      tf: tfTrail("false").replace('"main" {\n  name           = "audit"', '"main" {\n  count          = 2\n  name           = "audit-${count.index}"'),
      errors: [{ messageId: "single", line: 5, column: 3, message: "Trail audit-0" }],
    },
    {
      name: "tf: for_each over an unknown set is evaluated once",
      tf: tfTrail(null, 'variable "names" {\n  type = set(string)\n}\n\n').replace('"main" {\n  name           = "audit"', '"main" {\n  for_each       = var.names\n  name           = each.key'),
      errors: [{ messageId: "single", line: 5, column: 1 }],
    },
    { name: "live: a single-region trail", live: live.single({ trail: { multiRegion: false } }), errors: [{ messageId: "single", arn: live.TRAIL_ARN }] },
    {
      name: "live: a second, single-region trail homed in eu-west-1",
      live: live.single({ account: { trails: [live.trail("audit"), live.trail("regional", { multiRegion: false, homeRegion: "eu-west-1", bucket: "audit-logs" })] } }),
      errors: [{ messageId: "single", arn: live.arnOfTrail("regional", live.ACCOUNT, "eu-west-1") }],
    },
  ],
  review: [
    {
      name: "cfn: unset parameter under --strict",
      cfn: yaml`
        Parameters:
          MultiRegion:
            Type: String
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: !Ref MultiRegion
      `,
      errors: [{ messageId: "unknown", line: 10, column: 7 }],
    },
    {
      name: "tf: unset variable under --strict",
      tf: tfTrail("var.multi_region", multiVar(null)),
      errors: [{ messageId: "unknown", line: 7, column: 3 }],
    },
  ],
});

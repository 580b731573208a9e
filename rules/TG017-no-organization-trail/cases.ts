import { cases, json, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const organization = "organization: true\n";

const tfTrail = (org: string | null, head = "") =>
  head +
  `resource "aws_cloudtrail" "org" {
  name                  = "org-audit"
  s3_bucket_name        = "logs"
  is_multi_region_trail = true
${org === null ? "" : `  is_organization_trail = ${org}\n`}}
`;

export default cases({
  valid: [
    {
      name: "cfn: an organization trail",
      config: organization,
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true, IsMultiRegionTrail: true, IsOrganizationTrail: true }
      `,
    },
    {
      name: "cfn: without organization: true nothing is required",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true }
      `,
    },
    {
      name: "cfn json: organization flag from an unset parameter might be on",
      config: organization,
      cfnJson: json`
        { "Parameters": { "Org": { "Type": "String" } },
          "Resources": { "T": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "logs", "IsLogging": true, "IsOrganizationTrail": { "Ref": "Org" } } } } }
      `,
    },
    { name: "tf: an organization trail, flag from a variable default", config: organization, tf: tfTrail("var.org", 'variable "org" {\n  default = true\n}\n') },
    { name: "tf: without organization: true nothing is required", tf: tfTrail(null) },
    { name: "tf: organization flag from an unset variable might be on", config: organization, tf: tfTrail("var.org", 'variable "org" {\n  type = bool\n}\n') },
    {
      name: "tf: an organization trail in a local module",
      config: organization,
      tf: 'module "trail" {\n  source = "./modules/trail"\n  org    = true\n}\n',
      files: { "modules/trail/main.tf": 'variable "org" {}\n\n' + tfTrail("var.org") },
    },
    { name: "tf: the organization flag from a *.auto.tfvars file", config: organization, tf: tfTrail("var.org", 'variable "org" {\n  default = false\n}\n'), files: { "org.auto.tfvars": "org = true\n" } },
    { name: "live: the management account has an organization trail", live: live.inOrganization(live.MANAGEMENT) },
    { name: "live: an account outside any organization", live: live.single() },
    { name: "live: a member account is not asked for one", live: live.inOrganization(live.MEMBER, { managementTrails: [] }) },
  ],
  invalid: [
    {
      name: "cfn: organization: true and only an account trail",
      config: organization,
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true, IsMultiRegionTrail: true }
      `,
      errors: [{ messageId: "missing", line: 1, column: 1, file: ".trailguard.yml" }],
    },
    {
      name: "cfn: organization: true and IsOrganizationTrail false",
      config: "requireTrail: false\norganization: true\n",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true, IsOrganizationTrail: "false" }
      `,
      errors: [{ messageId: "missing", line: 2, column: 1 }],
    },
    {
      name: "cfn json: organization: true and no trail",
      config: organization,
      cfnJson: json`
        { "AWSTemplateFormatVersion": "2010-09-09", "Resources": { "B": { "Type": "AWS::S3::Bucket" } } }
      `,
      errors: [{ messageId: "missing", line: 1, column: 1 }],
    },
    {
      name: "tf: terraform.tfvars turns the organization flag off",
      config: organization,
      tf: tfTrail("var.org", 'variable "org" {\n  default = true\n}\n'),
      files: { "terraform.tfvars": "org = false\n" },
      errors: [{ messageId: "missing", line: 1, column: 1, file: ".trailguard.yml" }],
    },
    {
      name: "tf: the organization trail has count = 0 outside prod",
      config: organization,
      tf: tfTrail("true", 'variable "env" {\n  default = "dev"\n}\n').replace('"org" {\n', '"org" {\n  count                 = var.env == "prod" ? 1 : 0\n'),
      errors: [{ messageId: "missing", line: 1, column: 1 }],
    },
    {
      name: "tf: the module is called with org = false",
      config: organization,
      tf: 'module "trail" {\n  source = "./modules/trail"\n  org    = false\n}\n',
      files: { "modules/trail/main.tf": 'variable "org" {}\n\n' + tfTrail("var.org") },
      errors: [{ messageId: "missing", line: 1, column: 1 }],
    },
    {
      name: "tf: the organization flag off in a local",
      config: organization,
      tf: tfTrail("local.org", "locals {\n  org = false\n}\n"),
      errors: [{ messageId: "missing", line: 1, column: 1 }],
    },
    {
      name: "live: a management account without an organization trail",
      live: live.inOrganization(live.MANAGEMENT, { managementTrails: [live.trail("audit")] }),
      errors: [{ messageId: "missingLive", arn: live.arnOfAccount(live.MANAGEMENT) }],
    },
    {
      name: "live: CloudTrail's delegated administrator, no organization trail",
      live: live.inOrganization(live.MEMBER, { managementTrails: [live.trail("audit")], delegatedAdmins: [live.MEMBER] }),
      errors: [{ messageId: "missingLive", arn: live.arnOfAccount(live.MEMBER) }],
    },
  ],
});

import { cases, json, tf, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const trail = `
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref Logs
      IsLogging: true`;

const tfBucket = 'resource "aws_s3_bucket" "logs" {\n  bucket = "audit-logs"\n}\n\n';
const tfTrail = '\nresource "aws_cloudtrail" "main" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}\n';
const tfLogging = (head = "") =>
  `resource "aws_s3_bucket_logging" "logs" {\n${head}  bucket        = aws_s3_bucket.logs.id\n  target_bucket = "access-logs"\n  target_prefix = "audit-logs/"\n}\n`;
const logsModule = tf`
  variable "access_log_bucket" {
    type    = string
    default = null
  }

  resource "aws_s3_bucket" "this" {
    bucket = "audit-logs"
  }

  resource "aws_s3_bucket_logging" "this" {
    count         = var.access_log_bucket == null ? 0 : 1
    bucket        = aws_s3_bucket.this.id
    target_bucket = var.access_log_bucket
  }

  output "id" {
    value = aws_s3_bucket.this.id
  }
`;
const callLogs = (args: string) =>
  `module "logs" {\n  source = "./modules/logs"\n${args}}\n\nresource "aws_cloudtrail" "main" {\n  name           = "audit"\n  s3_bucket_name = module.logs.id\n}\n`;

export default cases({
  valid: [
    {
      name: "cfn: access logging to another bucket",
      cfn: yaml`
        Resources:
          Access:
            Type: AWS::S3::Bucket
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LoggingConfiguration: { DestinationBucketName: !Ref Access, LogFilePrefix: trail/ }
      ` + trail,
    },
    {
      name: "cfn: a destination bucket that cannot be resolved still counts",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LoggingConfiguration: { DestinationBucketName: !ImportValue access-log-bucket }
      ` + trail,
    },
    {
      name: "cfn json: a bucket that no trail writes to is not checked",
      cfnJson: json`
        { "Resources": { "Other": { "Type": "AWS::S3::Bucket" } }, "AWSTemplateFormatVersion": "2010-09-09" }
      `,
    },
    {
      name: "cfn: the trail's bucket is in another stack",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: central-logs, IsLogging: true }
      `,
    },
    { name: "tf: access logging via aws_s3_bucket_logging", tf: tfBucket + tfLogging() + tfTrail },
    {
      name: "tf: v3 inline logging block whose target is an unset variable still counts",
      tf: 'variable "access_log_bucket" {}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "audit-logs"\n  logging {\n    target_bucket = var.access_log_bucket\n  }\n}\n' + tfTrail,
    },
    { name: "tf: a local module called with an access-log bucket", tf: callLogs('  access_log_bucket = "access-logs"\n'), files: { "modules/logs/main.tf": logsModule } },
    {
      name: "tf: logging kept in prod by a conditional count (terraform.tfvars)",
      tf: 'variable "env" {\n  default = "dev"\n}\n\n' + tfBucket + tfLogging('  count         = var.env == "prod" ? 1 : 0\n') + tfTrail,
      files: { "terraform.tfvars": 'env = "prod"\n' },
    },
    { name: "tf: the trail's bucket is not in the scanned files", tf: tfBucket + tfTrail.replace("aws_s3_bucket.logs.id", '"central-logs"') },
    {
      name: "tf: a logging resource whose for_each is unknown is evaluated as if it existed",
      tf: 'variable "targets" {\n  type = set(string)\n}\n\n' + tfBucket + 'resource "aws_s3_bucket_logging" "logs" {\n  for_each      = var.targets\n  bucket        = aws_s3_bucket.logs.id\n  target_bucket = each.key\n}\n' + tfTrail,
    },
    {
      name: "tf: an aws_s3_bucket_logging whose bucket argument is an unset variable may be this bucket's",
      tf: 'variable "bucket_id" {\n  type = string\n}\n\n' + tfBucket + tfLogging().replace("aws_s3_bucket.logs.id", "var.bucket_id") + tfTrail,
    },
    { name: "live: server access logging on", live: live.single() },
    { name: "live: the organization trail's bucket is in another account (unknown, no finding)", live: live.inOrganization(live.MEMBER) },
  ],
  invalid: [
    {
      name: "cfn: no LoggingConfiguration, at the bucket's logical ID",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: audit-logs
      ` + trail,
      errors: [{ messageId: "off", line: 2, column: 3, message: "Bucket audit-logs" }],
    },
    {
      name: "cfn: trail names the bucket by its literal name",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: audit-logs, IsLogging: true }
          Bucket:
            Type: AWS::S3::Bucket
            Properties: { BucketName: audit-logs }
      `,
      errors: [{ messageId: "off", line: 5, column: 3 }],
    },
    {
      name: "cfn json: no LoggingConfiguration",
      cfnJson: json`
        {
          "Resources": {
            "Logs": { "Type": "AWS::S3::Bucket" },
            "Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": { "Ref": "Logs" }, "IsLogging": true } }
          }
        }
      `,
      errors: [{ messageId: "off", line: 3, column: 5 }],
    },
    {
      name: "tf: no access logging, at the bucket header",
      tf: tfBucket + tfTrail,
      errors: [{ messageId: "off", line: 1, column: 1, endLine: 1, endColumn: 34, message: "Bucket audit-logs" }],
    },
    {
      name: "tf: the logging resource has count = 0 outside prod (a *.auto.tfvars file)",
      tf: 'variable "env" {\n  default = "prod"\n}\n\n' + tfBucket + tfLogging('  count         = var.env == "prod" ? 1 : 0\n') + tfTrail,
      files: { "env.auto.tfvars": 'env = "dev"\n' },
      errors: [{ messageId: "off", line: 5, column: 1 }],
    },
    {
      name: "tf: a local module called without an access-log bucket, reported inside the module",
      tf: callLogs(""),
      files: { "modules/logs/main.tf": logsModule },
      errors: [{ messageId: "off", line: 6, column: 1, file: "modules/logs/main.tf", message: "Bucket audit-logs" }],
    },
    {
      name: "tf: the trail names the bucket through a variable default and a local",
      tf: 'variable "bucket" {\n  default = "audit-logs"\n}\n\nlocals {\n  bucket = var.bucket\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = local.bucket\n}\n\nresource "aws_cloudtrail" "main" {\n  name           = "audit"\n  s3_bucket_name = local.bucket\n}\n',
      errors: [{ messageId: "off", line: 9, column: 1, message: "Bucket audit-logs" }],
    },
    {
      name: "tf: the bucket name comes from terraform.tfvars",
      tf: 'variable "bucket" {}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = var.bucket\n}\n\nresource "aws_cloudtrail" "main" {\n  name           = "audit"\n  s3_bucket_name = "acme-audit-logs"\n}\n',
      files: { "terraform.tfvars": 'bucket = "acme-audit-logs"\n' },
      errors: [{ messageId: "off", line: 3, column: 1, message: "Bucket acme-audit-logs" }],
    },
    { name: "live: no LoggingEnabled", live: live.withBucket({ logging: undefined }), errors: [{ messageId: "off", arn: live.BUCKET_ARN }] },
    {
      name: "live: the log-archive account's bucket of the organization trail",
      live: (() => {
        const c = live.inOrganization(live.LOG_ARCHIVE);
        return { ...c, world: { ...c.world, accounts: c.world.accounts.map((a) => (a.id === live.LOG_ARCHIVE ? { ...a, buckets: [{ ...a.buckets[0]!, logging: undefined }] } : a)) } };
      })(),
      errors: [{ messageId: "off", arn: live.arnOfBucket("org-cloudtrail-archive") }],
    },
  ],
  review: [
    {
      name: "tf: an aws_s3_bucket_logging whose bucket argument is an unset variable, under --strict",
      tf: 'variable "bucket_id" {\n  type = string\n}\n\n' + tfBucket + tfLogging().replace("aws_s3_bucket.logs.id", "var.bucket_id") + tfTrail,
      errors: [{ messageId: "unknown", line: 5, column: 1, message: "Bucket audit-logs" }],
    },

  ],
});

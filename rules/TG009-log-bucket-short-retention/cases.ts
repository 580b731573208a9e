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
/** aws_s3_bucket_lifecycle_configuration with one rule (filter and expiration days). */
const tfLifecycle = (days: string, filter = "    filter {}\n", status = '"Enabled"') =>
  `resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    id     = "expire"
    status = ${status}
${filter}    expiration {
      days = ${days}
    }
  }
}
`;
const logsModule = tf`
  variable "expire_days" {
    type = number
  }

  resource "aws_s3_bucket" "this" {
    bucket = "audit-logs"
  }

  resource "aws_s3_bucket_lifecycle_configuration" "this" {
    bucket = aws_s3_bucket.this.id
    rule {
      id     = "expire"
      status = "Enabled"
      expiration {
        days = var.expire_days
      }
    }
  }

  output "id" {
    value = aws_s3_bucket.this.id
  }
`;
const callLogs = (days: number) =>
  `module "logs" {\n  source      = "./modules/logs"\n  expire_days = ${days}\n}\n\nresource "aws_cloudtrail" "main" {\n  name           = "audit"\n  s3_bucket_name = module.logs.id\n}\n`;

export default cases({
  valid: [
    {
      name: "cfn: logs kept 400 days",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LifecycleConfiguration:
                Rules:
                  - { Id: expire, Status: Enabled, ExpirationInDays: 400 }
      ` + trail,
    },
    {
      name: "cfn: a short rule for another prefix, a disabled rule, and noncurrent versions",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LifecycleConfiguration:
                Rules:
                  - { Id: tmp, Status: Enabled, Prefix: tmp/, ExpirationInDays: 1 }
                  - { Id: off, Status: Disabled, ExpirationInDays: 7 }
                  - { Id: old, Status: Enabled, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }
      ` + trail,
    },
    {
      name: "cfn: configured minimum retention",
      config: "minRetentionDays: 30\n",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LifecycleConfiguration:
                Rules:
                  - { Id: expire, Status: Enabled, ExpirationInDays: 30 }
      ` + trail,
    },
    {
      name: "cfn json: bucket written by no trail is not checked",
      cfnJson: json`
        { "Resources": { "Other": { "Type": "AWS::S3::Bucket", "Properties": {
          "LifecycleConfiguration": { "Rules": [ { "Status": "Enabled", "ExpirationInDays": 1 } ] } } } } }
      `,
    },
    { name: "tf: logs kept 400 days (aws_s3_bucket_lifecycle_configuration, variable default)", tf: 'variable "expire_days" {\n  default = 400\n}\n\n' + tfBucket + tfLifecycle("var.expire_days") + tfTrail },
    {
      name: "tf: a short rule for another prefix, a disabled rule, and noncurrent versions",
      tf:
        tfBucket +
        tf`
          resource "aws_s3_bucket_lifecycle_configuration" "logs" {
            bucket = aws_s3_bucket.logs.id
            rule {
              id     = "tmp"
              status = "Enabled"
              filter {
                prefix = "tmp/"
              }
              expiration {
                days = 1
              }
            }
            rule {
              id     = "off"
              status = "Disabled"
              expiration {
                days = 7
              }
            }
            rule {
              id     = "old"
              status = "Enabled"
              noncurrent_version_expiration {
                noncurrent_days = 30
              }
            }
          }
        ` +
        tfTrail,
    },
    {
      name: "tf: v3 inline lifecycle_rule, days from terraform.tfvars",
      tf: 'variable "expire_days" {\n  default = 30\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "audit-logs"\n  lifecycle_rule {\n    enabled = true\n    expiration {\n      days = var.expire_days\n    }\n  }\n}\n' + tfTrail,
      files: { "terraform.tfvars": "expire_days = 400\n" },
    },
    { name: "tf: a local module called with 400 days", tf: callLogs(400), files: { "modules/logs/main.tf": logsModule } },
    { name: "tf: configured minimum retention", config: "minRetentionDays: 30\n", tf: tfBucket + tfLifecycle("30") + tfTrail },
    {
      name: "tf: a short rule with count = 0 does not exist",
      tf: tfBucket + tfLifecycle("30").replace('"logs" {\n  bucket', '"logs" {\n  count  = 0\n  bucket') + tfTrail,
    },
    {
      name: "tf: Object Lock for two years (aws_s3_bucket_object_lock_configuration)",
      tf: tfBucket + 'resource "aws_s3_bucket_object_lock_configuration" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  rule {\n    default_retention {\n      mode  = "GOVERNANCE"\n      years = 2\n    }\n  }\n}\n' + tfTrail,
    },
    { name: "live: no lifecycle rule, Object Lock for a year", live: live.single() },
    { name: "live: a lifecycle rule for another prefix", live: live.withBucket({ lifecycle: [{ id: "tmp", enabled: true, prefix: "tmp/", days: 7 }] }) },
  ],
  invalid: [
    {
      name: "cfn: every object expires after 30 days",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LifecycleConfiguration:
                Rules:
                  - Id: expire
                    Status: Enabled
                    ExpirationInDays: 30
      ` + trail,
      errors: [{ messageId: "expires", line: 9, column: 13, message: "after 30 days" }],
    },
    {
      name: "cfn: a rule on the trail's prefix",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LifecycleConfiguration:
                Rules:
                  - { Id: logs, Status: Enabled, Prefix: audit/AWSLogs/, ExpirationInDays: 90 }
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: !Ref Logs
              S3KeyPrefix: audit
              IsLogging: true
      `,
      errors: [{ messageId: "expires", line: 7, column: 66 }],
    },
    {
      name: "cfn: Object Lock retention of 30 days",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              ObjectLockEnabled: true
              ObjectLockConfiguration:
                ObjectLockEnabled: Enabled
                Rule:
                  DefaultRetention: { Mode: GOVERNANCE, Days: 30 }
      ` + trail,
      errors: [{ messageId: "lockShort", line: 9, column: 11 }],
    },
    {
      name: "cfn json: expiry from a parameter default",
      cfnJson: json`
        {
          "Parameters": { "Days": { "Type": "Number", "Default": 7 } },
          "Resources": {
            "Logs": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": "audit-logs",
              "LifecycleConfiguration": { "Rules": [ { "Status": "Enabled", "ExpirationInDays": { "Ref": "Days" } } ] } } },
            "Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "audit-logs", "IsLogging": true } }
          }
        }
      `,
      errors: [{ messageId: "expires", line: 5, column: 69, message: "Bucket audit-logs" }],
    },
    {
      name: "tf: every object expires after 30 days, at the days attribute",
      tf: tfBucket + tfLifecycle("30") + tfTrail,
      errors: [{ messageId: "expires", line: 12, column: 7, endLine: 12, endColumn: 16, message: "after 30 days" }],
    },
    {
      name: "tf: a rule on the trail's prefix, days from a local",
      tf:
        'locals {\n  expire_days = 90\n}\n\n' +
        tfBucket +
        tfLifecycle("local.expire_days", '    filter {\n      prefix = "audit/AWSLogs/"\n    }\n') +
        tfTrail.replace("aws_s3_bucket.logs.id\n", 'aws_s3_bucket.logs.id\n  s3_key_prefix  = "audit"\n'),
      errors: [{ messageId: "expires", line: 18, column: 7, message: "Bucket audit-logs" }],
    },
    {
      name: "tf: Object Lock retention of 30 days (aws_s3_bucket_object_lock_configuration)",
      tf: tfBucket + 'resource "aws_s3_bucket_object_lock_configuration" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  rule {\n    default_retention {\n      mode = "GOVERNANCE"\n      days = 30\n    }\n  }\n}\n' + tfTrail,
      errors: [{ messageId: "lockShort", line: 8, column: 5, message: "30 days" }],
    },
    {
      name: "tf: v3 inline lifecycle_rule, days from a *.auto.tfvars file",
      tf: 'variable "expire_days" {\n  default = 400\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "audit-logs"\n  lifecycle_rule {\n    enabled = true\n    expiration {\n      days = var.expire_days\n    }\n  }\n}\n' + tfTrail,
      files: { "short.auto.tfvars": "expire_days = 60\n" },
      errors: [{ messageId: "expires", line: 10, column: 7, message: "after 60 days" }],
    },
    {
      name: "tf: a local module called with 30 days, reported inside the module",
      tf: callLogs(30),
      files: { "modules/logs/main.tf": logsModule },
      errors: [{ messageId: "expires", line: 15, column: 7, file: "modules/logs/main.tf" }],
    },
    {
      name: "tf: a conditional gives 30 days outside prod",
      tf: 'variable "env" {\n  default = "dev"\n}\n\n' + tfBucket + tfLifecycle('var.env == "prod" ? 400 : 30') + tfTrail,
      errors: [{ messageId: "expires", line: 16, column: 7 }],
    },
    {
      name: "tf: dynamic rules over a local, one of them short",
      tf:
        'locals {\n  rules = { tmp = 1, all = 90 }\n}\n\n' +
        tfBucket +
        tf`
          resource "aws_s3_bucket_lifecycle_configuration" "logs" {
            bucket = aws_s3_bucket.logs.id
            dynamic "rule" {
              for_each = local.rules
              content {
                id     = rule.key
                status = "Enabled"
                filter {
                  prefix = rule.key == "tmp" ? "tmp/" : ""
                }
                expiration {
                  days = rule.value
                }
              }
            }
          }
        ` +
        tfTrail,
      errors: [{ messageId: "expires", line: 20, column: 9, message: "after 90 days" }],
    },
    { name: "live: log objects expire after 90 days", live: live.withBucket({ lifecycle: [{ id: "expire", enabled: true, prefix: "AWSLogs/", days: 90 }] }), errors: [{ messageId: "expires", arn: live.BUCKET_ARN }] },
    { name: "live: Object Lock retention of 30 days", live: live.withBucket({ objectLock: { mode: "COMPLIANCE", days: 30 } }), errors: [{ messageId: "lockShort", arn: live.BUCKET_ARN }] },
  ],
  review: [
    {
      name: "cfn: lifecycle rules imported under --strict",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LifecycleConfiguration:
                Rules: !ImportValue shared-rules
      ` + trail,
      errors: [{ messageId: "unknown", line: 6, column: 9 }],
    },
    {
      name: "tf: a short rule whose prefix is an unset variable, under --strict",
      tf: 'variable "prefix" {\n  type = string\n}\n\n' + tfBucket + tfLifecycle("30", "    filter {\n      prefix = var.prefix\n    }\n") + tfTrail,
      errors: [{ messageId: "unknown", line: 18, column: 7 }],
    },
  ],
});

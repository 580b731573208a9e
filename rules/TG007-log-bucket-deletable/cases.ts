import { cases, tf, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const trail = `  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref Logs
      IsLogging: true
`;
const bucket = "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: audit-logs }\n";
const policy = (statements: string) => `  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
${statements}`;

const tfBucket = 'resource "aws_s3_bucket" "logs" {\n  bucket = "audit-logs"\n}\n\n';
const tfTrail = '\nresource "aws_cloudtrail" "main" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}\n';
const tfPolicy = (policy: string) => `resource "aws_s3_bucket_policy" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  policy = ${policy}\n}\n`;
const tfLock = (retention: string) =>
  `resource "aws_s3_bucket_object_lock_configuration" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  rule {\n    default_retention {\n      mode = "COMPLIANCE"\n${retention}    }\n  }\n}\n`;
const breakGlassDocument = tf`
  data "aws_iam_policy_document" "logs" {
    statement {
      sid       = "DenyLogDeletion"
      effect    = "Deny"
      actions   = ["s3:DeleteObject", "s3:DeleteObjectVersion"]
      resources = ["\${aws_s3_bucket.logs.arn}/*"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      condition {
        test     = "ArnNotEquals"
        variable = "aws:PrincipalArn"
        values   = ["arn:aws:iam::111122223333:role/break-glass"]
      }
    }
  }

`;
const deliveryDocument = tf`
  data "aws_iam_policy_document" "logs" {
    statement {
      actions   = ["s3:GetBucketAcl"]
      resources = [aws_s3_bucket.logs.arn]
      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }
    }
    statement {
      actions   = ["s3:PutObject"]
      resources = ["\${aws_s3_bucket.logs.arn}/AWSLogs/*"]
      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }
    }
  }

`;
const logsModule = tf`
  variable "retention_days" {
    type = number
  }

  resource "aws_s3_bucket" "this" {
    bucket              = "audit-logs"
    object_lock_enabled = true
  }

  resource "aws_s3_bucket_object_lock_configuration" "this" {
    bucket = aws_s3_bucket.this.id
    rule {
      default_retention {
        mode = "GOVERNANCE"
        days = var.retention_days
      }
    }
  }

  output "id" {
    value = aws_s3_bucket.this.id
  }
`;
const callLogs = (days: number) =>
  `module "logs" {\n  source         = "./modules/logs"\n  retention_days = ${days}\n}\n\nresource "aws_cloudtrail" "main" {\n  name           = "audit"\n  s3_bucket_name = module.logs.id\n}\n`;

export default cases({
  valid: [
    {
      name: "cfn: Object Lock in compliance mode for a year",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              ObjectLockEnabled: true
              ObjectLockConfiguration:
                ObjectLockEnabled: Enabled
                Rule: { DefaultRetention: { Mode: COMPLIANCE, Years: 1 } }
      ` + trail,
    },
    {
      name: "cfn: a Deny of deletes with a break-glass exemption",
      cfn:
        bucket +
        policy(`          - Sid: DenyLogDeletion
            Effect: Deny
            Principal: "*"
            Action: [s3:DeleteObject, s3:DeleteObjectVersion]
            Resource: arn:aws:s3:::audit-logs/*
            Condition:
              ArnNotEquals: { aws:PrincipalArn: arn:aws:iam::111122223333:role/break-glass }
`) +
        trail,
    },
    {
      name: "cfn: an s3:* Deny for every principal but a NotPrincipal break-glass role",
      cfn:
        bucket +
        policy(`          - Effect: Deny
            NotPrincipal: { AWS: [arn:aws:iam::111122223333:role/break-glass, arn:aws:iam::111122223333:root] }
            Action: s3:*
            Resource: !Sub "\${Logs.Arn}/*"
`) +
        trail,
    },
    {
      name: "cfn: s3:Delete* denied unless MFA is present",
      cfn:
        bucket +
        policy(`          - Effect: Deny
            Principal: { AWS: "*" }
            Action: s3:Delete*
            Resource: arn:aws:s3:::audit-logs/AWSLogs/*
            Condition: { BoolIfExists: { aws:MultiFactorAuthPresent: "false" } }
`) +
        trail,
    },
    {
      name: "tf: a Deny of deletes with a break-glass aws:PrincipalArn exemption (aws_iam_policy_document)",
      tf: tfBucket + breakGlassDocument + tfPolicy("data.aws_iam_policy_document.logs.json") + tfTrail,
    },
    {
      name: "tf: a NotPrincipal Deny of deletes (heredoc)",
      tf:
        tfBucket +
        tfPolicy(`<<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Deny",
        "NotPrincipal": { "AWS": ["arn:aws:iam::111122223333:role/break-glass", "arn:aws:iam::111122223333:root"] },
        "Action": ["s3:DeleteObject", "s3:DeleteObjectVersion"],
        "Resource": "arn:aws:s3:::audit-logs/*"
      }]
    }
  EOT`) +
        tfTrail,
    },
    {
      name: "tf: an s3:* Deny for everyone but a break-glass role (jsonencode)",
      tf:
        tfBucket +
        tfPolicy(`jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "\${aws_s3_bucket.logs.arn}/*"
      Condition = { ArnNotEquals = { "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/break-glass" } }
    }]
  })`) +
        tfTrail,
    },
    { name: "tf: Object Lock for a year via aws_s3_bucket_object_lock_configuration", tf: tfBucket + tfLock("      years = 1\n") + tfTrail },
    {
      name: "tf: v3 inline Object Lock, retention days from terraform.tfvars",
      tf: tf`
        variable "retention_days" {
          default = 30
        }

        resource "aws_s3_bucket" "logs" {
          bucket = "audit-logs"
          object_lock_configuration {
            object_lock_enabled = "Enabled"
            rule {
              default_retention {
                mode = "GOVERNANCE"
                days = var.retention_days
              }
            }
          }
        }
      ` + tfTrail,
      files: { "terraform.tfvars": "retention_days = 400\n" },
    },
    {
      name: "tf: versioning with MFA Delete (aws_s3_bucket_versioning)",
      tf:
        tfBucket +
        'resource "aws_s3_bucket_versioning" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  versioning_configuration {\n    status     = "Enabled"\n    mfa_delete = "Enabled"\n  }\n}\n' +
        tfTrail,
    },
    {
      name: "tf: v3 inline versioning with mfa_delete from a conditional",
      tf:
        'variable "env" {\n  default = "prod"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "audit-logs"\n  versioning {\n    enabled    = true\n    mfa_delete = var.env == "prod" ? true : false\n  }\n}\n' +
        tfTrail,
    },
    { name: "tf: a local module's Object Lock retention from its argument", tf: callLogs(365), files: { "modules/logs/main.tf": logsModule } },
    { name: "tf: a policy from an unset variable is unknown", tf: 'variable "policy" {\n  type = string\n}\n\n' + tfBucket + tfPolicy("var.policy") + tfTrail },
    { name: "live: Object Lock, compliance mode, 365 days", live: live.single() },
    { name: "live: versioning with MFA Delete", live: live.withBucket({ objectLock: undefined, mfaDelete: true }) },
  ],
  invalid: [
    {
      name: "cfn: versioning without MFA Delete and no policy",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              VersioningConfiguration: { Status: Enabled }
      ` + trail,
      errors: [{ messageId: "deletable", line: 2, column: 3 }],
    },
    {
      name: "cfn: an Allow-only policy (the usual CloudTrail delivery grants)",
      cfn:
        bucket +
        policy(`          - Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:GetBucketAcl
            Resource: arn:aws:s3:::audit-logs
          - Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:PutObject
            Resource: arn:aws:s3:::audit-logs/AWSLogs/*
`) +
        trail,
      errors: [{ messageId: "deletable", line: 2, column: 3, message: "audit-logs" }],
    },
    {
      name: "cfn: a Deny of DeleteObject only leaves old versions deletable",
      cfn:
        bucket +
        policy(`          - Effect: Deny
            Principal: "*"
            Action: s3:DeleteObject
            Resource: arn:aws:s3:::audit-logs/*
`) +
        trail,
      errors: [{ messageId: "deletable", line: 2, column: 3 }],
    },
    {
      name: "cfn: Object Lock retention shorter than the minimum",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              ObjectLockEnabled: true
              ObjectLockConfiguration:
                ObjectLockEnabled: Enabled
                Rule: { DefaultRetention: { Mode: GOVERNANCE, Days: 90 } }
      ` + trail,
      errors: [{ messageId: "deletable", line: 2, column: 3 }],
    },
    {
      name: "tf: an Allow-only policy (the usual delivery grants), at the bucket header",
      tf: tfBucket + deliveryDocument + tfPolicy("data.aws_iam_policy_document.logs.json") + tfTrail,
      errors: [{ messageId: "deletable", line: 1, column: 1, endLine: 1, endColumn: 34, message: "Bucket audit-logs" }],
    },
    {
      name: "tf: Object Lock retention from a local shorter than the minimum",
      tf: 'locals {\n  retention_days = 90\n}\n\n' + tfBucket + tfLock("      days = local.retention_days\n") + tfTrail,
      errors: [{ messageId: "deletable", line: 5, column: 1 }],
    },
    {
      name: "tf: versioning without MFA Delete (aws_s3_bucket_versioning) and no policy",
      tf: tfBucket + 'resource "aws_s3_bucket_versioning" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n' + tfTrail,
      errors: [{ messageId: "deletable", line: 1, column: 1 }],
    },
    {
      name: "tf: a Deny of DeleteObject only leaves old versions deletable (jsonencode)",
      tf:
        tfBucket +
        tfPolicy('jsonencode({\n    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:DeleteObject", Resource = "${aws_s3_bucket.logs.arn}/*" }]\n  })') +
        tfTrail,
      errors: [{ messageId: "deletable", line: 1, column: 1 }],
    },
    {
      name: "tf: v3 inline mfa_delete off outside prod (a *.auto.tfvars file sets env)",
      tf:
        'variable "env" {\n  default = "prod"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "audit-logs"\n  versioning {\n    enabled    = true\n    mfa_delete = var.env == "prod" ? true : false\n  }\n}\n' +
        tfTrail,
      files: { "dev.auto.tfvars": 'env = "dev"\n' },
      errors: [{ messageId: "deletable", line: 5, column: 1 }],
    },
    {
      name: "tf: a local module called with a short retention, reported at the module's bucket",
      tf: callLogs(30),
      files: { "modules/logs/main.tf": logsModule },
      errors: [{ messageId: "deletable", line: 5, column: 1, file: "modules/logs/main.tf" }],
    },
    {
      name: "tf: the protecting policy has count = 0 outside prod",
      tf: 'variable "env" {\n  default = "dev"\n}\n\n' + tfBucket + breakGlassDocument + tfPolicy("data.aws_iam_policy_document.logs.json").replace("{\n  bucket", '{\n  count  = var.env == "prod" ? 1 : 0\n  bucket') + tfTrail,
      errors: [{ messageId: "deletable", line: 5, column: 1 }],
    },
    { name: "live: no Object Lock, versioning without MFA Delete", live: live.withBucket({ objectLock: undefined }), errors: [{ messageId: "deletable", arn: live.BUCKET_ARN }] },
    { name: "live: Object Lock for 30 days only, no versioning", live: live.withBucket({ objectLock: { mode: "GOVERNANCE", days: 30 }, versioning: undefined }), errors: [{ messageId: "deletable", arn: live.BUCKET_ARN }] },
  ],
  review: [
    {
      name: "cfn: policy imported under --strict",
      cfn:
        bucket +
        "  LogsPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Logs\n      PolicyDocument: !ImportValue shared-policy\n" +
        trail,
      errors: [{ messageId: "unknown", line: 2, column: 3 }],
    },
    {
      name: "tf: a policy from an unset variable under --strict",
      tf: 'variable "policy" {\n  type = string\n}\n\n' + tfBucket + tfPolicy("var.policy") + tfTrail,
      errors: [{ messageId: "unknown", line: 5, column: 1 }],
    },
  ],
});

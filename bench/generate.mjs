// A synthetic but realistic corpus: Terraform root modules with variables, locals, tfvars and split
// S3 resources; CloudFormation templates in YAML and JSON with parameters, conditions and intrinsics.
// Deterministic: the same size always gives the same files.
import { mkdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";

function terraform(i) {
  const filters = Array.from({ length: 8 }, (_, k) => `
resource "aws_cloudwatch_log_metric_filter" "f${k}" {
  name           = "\${local.prefix}-filter-${k}"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventName = StopLogging) || ($.eventName = DeleteTrail) || ($.eventName = UpdateTrail) || ($.errorCode = \\"AccessDenied${k}\\") }"

  metric_transformation {
    name      = "Metric${k}"
    namespace = var.namespace
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "a${k}" {
  alarm_name          = "\${local.prefix}-alarm-${k}"
  metric_name         = aws_cloudwatch_log_metric_filter.f${k}.metric_transformation[0].name
  namespace           = var.namespace
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  tags                = local.tags
}
`).join("");
  return `variable "env" {
  type    = string
  default = "prod"
}

variable "multi_region" {
  type    = bool
  default = true
}

variable "retention_days" {
  type    = number
  default = 400
}

variable "namespace" {
  type    = string
  default = "Security"
}

locals {
  prefix = "stack-${i}-\${var.env}"
  tags = {
    Team               = "security"
    DataClassification = var.env == "prod" ? "confidential" : "internal"
    Stack              = "${i}"
  }
}

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "logs" {
  bucket = "\${local.prefix}-trail-logs"
  tags   = local.tags
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    id     = "expire"
    status = "Enabled"
    filter {
      prefix = "AWSLogs/"
    }
    expiration {
      days = var.retention_days
    }
  }
}

data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "AWSCloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.logs.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
  statement {
    sid       = "AWSCloudTrailWrite"
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.logs.arn}/AWSLogs/\${data.aws_caller_identity.current.account_id}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
  }
  statement {
    sid       = "DenyDelete"
    effect    = "Deny"
    actions   = ["s3:DeleteObject", "s3:DeleteObjectVersion"]
    resources = ["\${aws_s3_bucket.logs.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs.json
}

resource "aws_kms_key" "trail" {
  description         = "trail key \${local.prefix}"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "/aws/cloudtrail/\${local.prefix}"
  retention_in_days = var.retention_days
  kms_key_id        = aws_kms_key.trail.arn
}

resource "aws_sns_topic" "alerts" {
  name = "\${local.prefix}-alerts"
}

resource "aws_cloudtrail" "main" {
  name                          = local.prefix
  s3_bucket_name                = aws_s3_bucket.logs.id
  is_multi_region_trail         = var.multi_region
  include_global_service_events = true
  enable_log_file_validation    = var.env == "prod"
  kms_key_id                    = aws_kms_key.trail.arn
  cloud_watch_logs_group_arn    = "\${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn     = "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:role/trail"

  dynamic "event_selector" {
    for_each = ["All"]
    content {
      read_write_type           = event_selector.value
      include_management_events = true
      data_resource {
        type   = "AWS::S3::Object"
        values = ["\${aws_s3_bucket.logs.arn}/"]
      }
    }
  }

  insight_selector {
    insight_type = "ApiCallRateInsight"
  }
  tags = local.tags
}
${filters}`;
}

function cfnYaml(i) {
  const extra = Array.from({ length: 10 }, (_, k) => `
  Filter${k}:
    Type: AWS::Logs::MetricFilter
    Properties:
      LogGroupName: !Ref TrailLogs
      FilterPattern: '{ ($.eventName = StopLogging) || ($.eventName = DeleteTrail) || ($.errorCode = "AccessDenied${k}") }'
      MetricTransformations:
        - { MetricName: !Sub "Metric${k}-\${Env}", MetricNamespace: Security, MetricValue: "1" }
  Alarm${k}:
    Type: AWS::CloudWatch::Alarm
    Properties:
      MetricName: !Sub "Metric${k}-\${Env}"
      Namespace: Security
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      AlarmActions: [!Ref Alerts]
`).join("");
  return `AWSTemplateFormatVersion: "2010-09-09"
Description: synthetic audit stack ${i}
Parameters:
  Env: { Type: String, Default: prod }
  Days: { Type: Number, Default: 400 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "stack-${i}-\${Env}-logs"
      VersioningConfiguration: { Status: Enabled }
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }
      LoggingConfiguration: { DestinationBucketName: !Sub "stack-${i}-access" }
      LifecycleConfiguration:
        Rules:
          - { Id: expire, Status: Enabled, ExpirationInDays: !Ref Days }
      Tags:
        - { Key: DataClassification, Value: !If [IsProd, confidential, internal] }
  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: cloudtrail.amazonaws.com }, Action: s3:GetBucketAcl, Resource: !GetAtt Logs.Arn }
          - Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:PutObject
            Resource: !Sub "\${Logs.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition: { StringEquals: { "aws:SourceArn": !Sub "arn:aws:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/stack-${i}" } }
          - { Effect: Deny, Principal: "*", Action: ["s3:DeleteObject", "s3:DeleteObjectVersion"], Resource: !Sub "\${Logs.Arn}/*" }
  Key:
    Type: AWS::KMS::Key
    Properties: { EnableKeyRotation: true }
  TrailLogs:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: !Sub "/aws/cloudtrail/stack-${i}", RetentionInDays: 400 }
  Alerts:
    Type: AWS::SNS::Topic
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: stack-${i}
      S3BucketName: !Ref Logs
      IsLogging: true
      IsMultiRegionTrail: !If [IsProd, true, false]
      EnableLogFileValidation: true
      KMSKeyId: !GetAtt Key.Arn
      CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn
      CloudWatchLogsRoleArn: !Sub "arn:aws:iam::\${AWS::AccountId}:role/trail"
      InsightSelectors: [{ InsightType: ApiCallRateInsight }]
${extra}`;
}

function cfnJson(i) {
  const resources = {
    Logs: { Type: "AWS::S3::Bucket", Properties: { BucketName: { "Fn::Sub": `stack-${i}-logs` }, VersioningConfiguration: { Status: "Enabled" }, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }, LoggingConfiguration: { DestinationBucketName: "access" } } },
    Key: { Type: "AWS::KMS::Key", Properties: { EnableKeyRotation: true } },
    Trail: { Type: "AWS::CloudTrail::Trail", Properties: { TrailName: `stack-${i}`, S3BucketName: { Ref: "Logs" }, IsLogging: true, IsMultiRegionTrail: true, EnableLogFileValidation: true, KMSKeyId: { "Fn::GetAtt": ["Key", "Arn"] }, EventSelectors: [{ ReadWriteType: "All", DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3"] }] }] } },
  };
  for (let k = 0; k < 24; k++) {
    resources[`Topic${k}`] = { Type: "AWS::SNS::Topic", Properties: { TopicName: `stack-${i}-topic-${k}`, Tags: [{ Key: "Owner", Value: "security" }, { Key: "Index", Value: String(k) }] } };
  }
  return JSON.stringify({ AWSTemplateFormatVersion: "2010-09-09", Description: `synthetic stack ${i}`, Resources: resources }, null, 2) + "\n";
}

/** Write a corpus of about `files` files under dir (a third Terraform, a third YAML, a third JSON). */
export function generate(dir, files) {
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  const per = Math.max(1, Math.round(files / 3));
  let bytes = 0;
  const write = (rel, text) => {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    bytes += Buffer.byteLength(text);
  };
  for (let i = 0; i < per; i++) write(`terraform/stack-${i}/main.tf`, terraform(i));
  for (let i = 0; i < per; i++) write(`cloudformation-yaml/stack-${i}.yaml`, cfnYaml(i));
  for (let i = 0; i < per; i++) write(`cloudformation-json/stack-${i}.json`, cfnJson(i));
  return { files: per * 3, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[3] ?? 300);
  console.log(generate(process.argv[2] ?? "bench/out/corpus", n));
}

import { cases, tf } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const head = "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: audit-logs }\n";
const trail = `  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: org-audit
      S3BucketName: !Ref Logs
      IsLogging: true
`;
const policy = (statements: string) => `  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
${statements}`;
const aclCheck = `          - Sid: AWSCloudTrailAclCheck
            Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:GetBucketAcl
            Resource: !GetAtt Logs.Arn
            Condition: { StringEquals: { aws:SourceArn: !Sub "arn:aws:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit" } }
`;
const write = (condition: string) => `          - Sid: AWSCloudTrailWrite
            Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:PutObject
            Resource: !Sub "arn:aws:s3:::audit-logs/AWSLogs/\${AWS::AccountId}/*"
${condition}`;
const bySource = `            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:aws:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit"
`;

const tfHead = tf`
  data "aws_caller_identity" "current" {}
  data "aws_region" "current" {}

  resource "aws_s3_bucket" "logs" {
    bucket = "audit-logs"
  }

`;
const tfTrail = (prefix = "") =>
  `\nresource "aws_cloudtrail" "main" {\n  name           = "org-audit"\n  s3_bucket_name = aws_s3_bucket.logs.id\n${prefix}}\n`;
/** The documented delivery policy as heredoc JSON; `trail` is the name in its aws:SourceArn conditions. */
const heredocPolicy = (trail: string, writeCondition?: string) => {
  const sourceArn = `"aws:SourceArn": "arn:aws:cloudtrail:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:trail/${trail}"`;
  return `resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "AWSCloudTrailAclCheck",
          "Effect": "Allow",
          "Principal": { "Service": "cloudtrail.amazonaws.com" },
          "Action": "s3:GetBucketAcl",
          "Resource": "\${aws_s3_bucket.logs.arn}",
          "Condition": { "StringEquals": { ${sourceArn} } }
        },
        {
          "Sid": "AWSCloudTrailWrite",
          "Effect": "Allow",
          "Principal": { "Service": "cloudtrail.amazonaws.com" },
          "Action": "s3:PutObject",
          "Resource": "\${aws_s3_bucket.logs.arn}/AWSLogs/\${data.aws_caller_identity.current.account_id}/*",
          "Condition": { "StringEquals": { "s3:x-amz-acl": "bucket-owner-full-control"${writeCondition ?? `, ${sourceArn}`} } }
        }
      ]
    }
  POLICY
}
`;
};
/** The same grants written with aws_iam_policy_document; `condition` is a condition block for both statements. */
const documentPolicy = (condition: string, write = "AWSLogs/${data.aws_caller_identity.current.account_id}/*") => tf`
  data "aws_iam_policy_document" "logs" {
    statement {
      actions   = ["s3:GetBucketAcl"]
      resources = [aws_s3_bucket.logs.arn]
      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }
      ${condition}
    }
    statement {
      actions   = ["s3:PutObject"]
      resources = ["\${aws_s3_bucket.logs.arn}/${write}"]
      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }
      ${condition}
    }
  }

  resource "aws_s3_bucket_policy" "logs" {
    bucket = aws_s3_bucket.logs.id
    policy = data.aws_iam_policy_document.logs.json
  }
`;
/** A condition block, indented to sit inside documentPolicy's template. */
const bySourceAccount = 'condition {\n        test     = "StringEquals"\n        variable = "aws:SourceAccount"\n        values   = [data.aws_caller_identity.current.account_id]\n      }';
const trailModule = tf`
  variable "name" {}
  variable "bucket" {}

  resource "aws_cloudtrail" "this" {
    name           = var.name
    s3_bucket_name = var.bucket
  }
`;
const callTrail = (name: string) => `\nmodule "trail" {\n  source = "./modules/trail"\n  name   = "${name}"\n  bucket = aws_s3_bucket.logs.id\n}\n`;

export default cases({
  valid: [
    { name: "cfn: the documented policy with aws:SourceArn", cfn: head + policy(aclCheck + write(bySource)) + trail },
    {
      name: "cfn: grants conditioned on aws:SourceAccount",
      cfn:
        head +
        policy(
          aclCheck.replace(/Condition: .*\n/, "Condition: { StringEquals: { aws:SourceAccount: !Ref AWS::AccountId } }\n") +
            write("            Condition: { StringEquals: { aws:SourceAccount: !Ref AWS::AccountId } }\n"),
        ) +
        trail,
    },
    {
      name: "cfn: no bucket policy in the template is unknown (attached elsewhere)",
      cfn: head + trail,
    },
    { name: "tf: the documented delivery policy with aws:SourceArn (heredoc JSON)", tf: tfHead + heredocPolicy("org-audit") + tfTrail() },
    { name: "tf: grants conditioned on aws:SourceAccount (aws_iam_policy_document)", tf: tfHead + documentPolicy(bySourceAccount) + tfTrail() },
    {
      name: "tf: a grant by the trail's own ARN (jsonencode)",
      tf:
        tfHead +
        tf`
          resource "aws_s3_bucket_policy" "logs" {
            bucket = aws_s3_bucket.logs.id
            policy = jsonencode({
              Version = "2012-10-17"
              Statement = [
                {
                  Effect    = "Allow"
                  Principal = { Service = "cloudtrail.amazonaws.com" }
                  Action    = ["s3:GetBucketAcl", "s3:PutObject"]
                  Resource  = [aws_s3_bucket.logs.arn, "\${aws_s3_bucket.logs.arn}/*"]
                  Condition = { StringEquals = { "aws:SourceArn" = aws_cloudtrail.main.arn } }
                },
              ]
            })
          }
        ` +
        tfTrail(),
    },
    {
      name: "tf: the key prefix from terraform.tfvars is covered by the grant",
      tf: 'variable "prefix" {\n  default = null\n}\n\n' + tfHead + documentPolicy(bySourceAccount, "audit/AWSLogs/*") + tfTrail("  s3_key_prefix  = var.prefix\n"),
      files: { "terraform.tfvars": 'prefix = "audit"\n' },
    },
    { name: "tf: no bucket policy in the scanned files is unknown (attached elsewhere)", tf: tfHead + tfTrail() },
    {
      name: "tf: a blocking policy with count = 0 does not exist, and the trail name from a local",
      tf: 'locals {\n  trail_name = "org-audit"\n}\n\n' + tfHead + heredocPolicy("someone-else").replace("{\n  bucket", "{\n  count  = 0\n  bucket") + tfTrail().replace('"org-audit"', "local.trail_name"),
    },
    { name: "tf: a local module's trail named by its argument as the policy expects", tf: tfHead + heredocPolicy("org-audit") + callTrail("org-audit"), files: { "modules/trail/main.tf": trailModule } },
    { name: "live: the bucket policy grants CloudTrail with aws:SourceAccount", live: live.single() },
    { name: "live: the organization trail's bucket is in another account (unknown)", live: live.inOrganization(live.MEMBER) },
  ],
  invalid: [
    {
      name: "cfn: only GetBucketAcl is granted",
      cfn: head + policy(aclCheck) + trail,
      errors: [{ messageId: "blocked", line: 9, column: 7, message: "s3:PutObject", level: "error" }],
    },
    {
      name: "cfn: the write grant names another trail",
      cfn: head + policy(aclCheck + write(bySource.replace(":trail/org-audit", ":trail/someone-else"))) + trail,
      errors: [{ messageId: "blocked", line: 9, column: 7 }],
    },
    {
      name: "cfn: delivery grant without aws:SourceArn is a warning (confused deputy)",
      cfn: head + policy(aclCheck + write("            Condition: { StringEquals: { s3:x-amz-acl: bucket-owner-full-control } }\n")) + trail,
      errors: [{ messageId: "confusedDeputy", line: 18, column: 13, level: "warning" }],
    },
    {
      name: "tf: only GetBucketAcl is granted, at the policy attribute",
      tf: tfHead + heredocPolicy("org-audit").replace(/,\n {8}\{\n {10}"Sid": "AWSCloudTrailWrite"[^]*?\n {8}\}\n/, "\n") + tfTrail(),
      errors: [{ messageId: "blocked", line: 10, column: 3, endLine: 24, endColumn: 9, message: "s3:PutObject", level: "error" }],
    },
    {
      name: "tf: the write grant names another trail",
      tf: tfHead + heredocPolicy("org-audit", ', "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/someone-else"') + tfTrail(),
      errors: [{ messageId: "blocked", line: 10, column: 3, message: "bucket audit-logs" }],
    },
    {
      name: "tf: a delivery grant without aws:SourceArn is a warning (confused deputy)",
      tf: tfHead + heredocPolicy("org-audit", "") + tfTrail(),
      errors: [{ messageId: "confusedDeputy", line: 10, column: 3, level: "warning" }],
    },
    {
      name: "tf: the key prefix from a *.auto.tfvars file is outside the grant",
      tf: 'variable "prefix" {\n  default = null\n}\n\n' + tfHead + documentPolicy(bySourceAccount) + tfTrail("  s3_key_prefix  = var.prefix\n"),
      files: { "prefix.auto.tfvars": 'prefix = "audit"\n' },
      errors: [{ messageId: "blocked", line: 43, column: 3, message: "audit/AWSLogs/" }],
    },
    {
      name: "tf: a conditional trail name that the policy does not name",
      tf: 'variable "env" {\n  default = "dev"\n}\n\n' + tfHead + heredocPolicy("org-audit") + tfTrail().replace('"org-audit"', 'var.env == "prod" ? "org-audit" : "dev-audit"'),
      errors: [{ messageId: "blocked", line: 14, column: 3 }],
    },
    {
      name: "tf: a local module's trail named by its argument differently from the policy",
      tf: tfHead + heredocPolicy("org-audit") + callTrail("dev-audit"),
      files: { "modules/trail/main.tf": trailModule },
      errors: [{ messageId: "blocked", line: 10, column: 3, file: "main.tf", message: "trail dev-audit" }],
    },
    {
      name: "tf: the trail name from a local is not the one the policy names",
      tf: 'locals {\n  trail_name = "audit-${terraform.workspace}"\n}\n\n' + tfHead + heredocPolicy("org-audit") + tfTrail().replace('"org-audit"', "local.trail_name"),
      errors: [{ messageId: "blocked", line: 14, column: 3, message: "trail audit-default" }],
    },
    { name: "live: no bucket policy (GetBucketPolicy: NoSuchBucketPolicy)", live: live.withBucket({ policy: null }), errors: [{ messageId: "noPolicy", arn: live.BUCKET_ARN }] },
    {
      name: "live: a policy that grants CloudTrail nothing",
      live: live.withBucket({ policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "s3:*", Resource: "arn:aws:s3:::audit-logs/*" }] } }),
      errors: [{ messageId: "blocked", arn: live.BUCKET_ARN }],
    },
  ],
  review: [
    {
      name: "cfn: policy document imported under --strict",
      cfn: head + "  LogsPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Logs\n      PolicyDocument: !ImportValue p\n" + trail,
      errors: [{ messageId: "unknown", line: 9, column: 7 }],
    },
    {
      name: "tf: the policy from an unset variable under --strict",
      tf: 'variable "policy" {\n  type = string\n}\n\n' + tfHead + 'resource "aws_s3_bucket_policy" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  policy = var.policy\n}\n' + tfTrail(),
      errors: [{ messageId: "unknown", line: 14, column: 3 }],
    },
  ],
});

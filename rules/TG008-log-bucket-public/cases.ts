import { cases, tf } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const trail = `  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref Logs
      IsLogging: true
`;
const blocked = `Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: audit-logs
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        IgnorePublicAcls: true
        BlockPublicPolicy: true
        RestrictPublicBuckets: true
`;
const policy = (statements: string) => `  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Statement:
${statements}`;

const tfBucket = 'resource "aws_s3_bucket" "logs" {\n  bucket = "audit-logs"\n}\n\n';
const tfTrail = '\nresource "aws_cloudtrail" "main" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}\n';
/** aws_s3_bucket_public_access_block with the four settings (in catalog order). */
const tfBlock = (acls = "true", ignore = "true", policy = "true", restrict = "true") =>
  `resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = ${acls}
  ignore_public_acls      = ${ignore}
  block_public_policy     = ${policy}
  restrict_public_buckets = ${restrict}
}
`;
const tfPolicy = (condition: string) => tf`
  resource "aws_s3_bucket_policy" "logs" {
    bucket = aws_s3_bucket.logs.id
    policy = jsonencode({
      Statement = [{
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = "s3:GetObject"
        Resource  = "\${aws_s3_bucket.logs.arn}/*"
        Condition = ${condition}
      }]
    })
  }
`;
const logsModule = tf`
  variable "block" {
    type = bool
  }

  resource "aws_s3_bucket" "this" {
    bucket = "audit-logs"
  }

  resource "aws_s3_bucket_public_access_block" "this" {
    bucket                  = aws_s3_bucket.this.id
    block_public_acls       = true
    ignore_public_acls      = true
    block_public_policy     = var.block
    restrict_public_buckets = true
  }

  output "id" {
    value = aws_s3_bucket.this.id
  }
`;
const callLogs = (block: string) =>
  `module "logs" {\n  source = "./modules/logs"\n  block  = ${block}\n}\n\nresource "aws_cloudtrail" "main" {\n  name           = "audit"\n  s3_bucket_name = module.logs.id\n}\n`;

export default cases({
  valid: [
    { name: "cfn: all four public access block settings on", cfn: blocked + trail },
    {
      name: "cfn: a grant to everyone limited by aws:SourceAccount",
      cfn:
        blocked +
        policy(`          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: arn:aws:s3:::audit-logs/*
            Condition: { StringEquals: { aws:SourceAccount: "111122223333" } }
`) +
        trail,
    },
    {
      name: "cfn: a private canned ACL",
      cfn: blocked.replace("      BucketName: audit-logs\n", "      BucketName: audit-logs\n      AccessControl: LogDeliveryWrite\n") + trail,
    },
    { name: "tf: all four settings on, from a variable default", tf: 'variable "block" {\n  default = true\n}\n\n' + tfBucket + tfBlock("var.block", "var.block", "var.block", "var.block") + tfTrail },
    {
      name: "tf: a grant to everyone limited by aws:SourceAccount",
      tf: tfBucket + tfBlock() + "\n" + tfPolicy('{ StringEquals = { "aws:SourceAccount" = "111122223333" } }') + tfTrail,
    },
    {
      name: "tf: an aws_s3_account_public_access_block with all four on",
      tf: tf`
        resource "aws_s3_account_public_access_block" "account" {
          block_public_acls       = true
          ignore_public_acls      = true
          block_public_policy     = true
          restrict_public_buckets = true
        }

      ` + tfBucket + tfTrail,
    },
    {
      name: "tf: settings off on the bucket are on at the account level",
      tf:
        'resource "aws_s3_account_public_access_block" "account" {\n  block_public_acls  = true\n  ignore_public_acls = true\n}\n\n' +
        tfBucket +
        tfBlock("false", "false") +
        tfTrail,
    },
    {
      name: "tf: a private canned ACL via aws_s3_bucket_acl, and a public one with count = 0",
      tf:
        tfBucket +
        tfBlock() +
        '\nresource "aws_s3_bucket_acl" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  acl    = "log-delivery-write"\n}\n\nresource "aws_s3_bucket_acl" "public" {\n  count  = 0\n  bucket = aws_s3_bucket.logs.id\n  acl    = "public-read"\n}\n' +
        tfTrail,
    },
    { name: "tf: a local module called with block = true", tf: callLogs("true"), files: { "modules/logs/main.tf": logsModule } },
    {
      name: "tf: terraform.tfvars and a conditional turn the settings on",
      tf: 'variable "block" {\n  default = false\n}\nvariable "env" {}\n\n' + tfBucket + tfBlock("var.block", "var.block", 'var.env == "prod" ? true : false', "true") + tfTrail,
      files: { "terraform.tfvars": 'block = true\nenv   = "prod"\n' },
    },
    { name: "tf: a setting from an unset variable is unknown", tf: 'variable "block" {\n  type = bool\n}\n\n' + tfBucket + tfBlock("true", "var.block") + tfTrail },
    {
      name: "tf: a public access block whose count is unknown is evaluated as if it existed",
      tf: 'variable "create_block" {\n  type = bool\n}\n\n' + tfBucket + tfBlock().replace("{\n  bucket", "{\n  count                   = var.create_block ? 1 : 0\n  bucket") + tfTrail,
    },
    {
      name: "tf: a public access block whose bucket argument is an unset variable may be this bucket's",
      tf: 'variable "bucket_id" {\n  type = string\n}\n\n' + tfBucket + tfBlock().replace("aws_s3_bucket.logs.id", "var.bucket_id") + tfTrail,
    },
    { name: "live: the bucket's public access block is on", live: live.single() },
    { name: "live: no bucket-level block, but the account's is on", live: live.withBucket({ publicAccessBlock: null }) },
  ],
  invalid: [
    {
      name: "cfn: no public access block, at the bucket's logical ID",
      cfn: "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n" + trail,
      errors: [{ messageId: "noBlock", line: 2, column: 3 }],
    },
    {
      name: "cfn: one setting off, each cause at its own attribute",
      cfn: blocked.replace("BlockPublicPolicy: true", "BlockPublicPolicy: false").replace("        IgnorePublicAcls: true\n", "") + trail,
      errors: [
        { messageId: "setting", line: 6, column: 7, message: "IgnorePublicAcls" },
        { messageId: "setting", line: 8, column: 9, message: "BlockPublicPolicy" },
      ],
    },
    {
      name: "cfn: a grant to everyone conditioned only on aws:SecureTransport",
      cfn:
        blocked +
        policy(`          - Effect: Allow
            Principal: { AWS: "*" }
            Action: s3:GetObject
            Resource: arn:aws:s3:::audit-logs/*
            Condition: { Bool: { aws:SecureTransport: "true" } }
`) +
        trail,
      errors: [{ messageId: "policy", line: 17, column: 13 }],
    },
    {
      name: "cfn: PublicRead canned ACL",
      cfn: blocked.replace("      BucketName: audit-logs\n", "      BucketName: audit-logs\n      AccessControl: PublicRead\n") + trail,
      errors: [{ messageId: "acl", line: 6, column: 7 }],
    },
    {
      name: "tf: no public access block, at the bucket header",
      tf: tfBucket + tfTrail,
      errors: [{ messageId: "noBlock", line: 1, column: 1, endLine: 1, endColumn: 34, message: "Bucket audit-logs" }],
    },
    {
      name: "tf: each setting off is its own result at its attribute (a local and a *.auto.tfvars file)",
      tf: 'locals {\n  ignore = false\n}\n\nvariable "restrict" {\n  default = true\n}\n\n' + tfBucket + tfBlock("true", "local.ignore", "true", "var.restrict") + tfTrail,
      files: { "open.auto.tfvars": "restrict = false\n" },
      errors: [
        { messageId: "setting", line: 16, column: 3, endLine: 16, endColumn: 41, message: "IgnorePublicAcls" },
        { messageId: "setting", line: 18, column: 3, message: "RestrictPublicBuckets" },
      ],
    },
    {
      name: "tf: all four off: four results",
      tf: tfBucket + tfBlock("false", "false", "false", "false") + tfTrail,
      errors: [
        { messageId: "setting", line: 7, column: 3, message: "BlockPublicAcls" },
        { messageId: "setting", line: 8, column: 3, message: "IgnorePublicAcls" },
        { messageId: "setting", line: 9, column: 3, message: "BlockPublicPolicy" },
        { messageId: "setting", line: 10, column: 3, message: "RestrictPublicBuckets" },
      ],
    },
    {
      name: 'tf: acl = "public-read" via aws_s3_bucket_acl',
      tf: tfBucket + tfBlock() + '\nresource "aws_s3_bucket_acl" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  acl    = "public-read"\n}\n' + tfTrail,
      errors: [{ messageId: "acl", line: 15, column: 3, message: "everyone (public-read)" }],
    },
    {
      name: "tf: v3 inline acl and an AllUsers grant",
      tf:
        'resource "aws_s3_bucket" "logs" {\n  bucket = "audit-logs"\n  acl    = "authenticated-read"\n  grant {\n    type        = "Group"\n    permissions = ["READ"]\n    uri         = "http://acs.amazonaws.com/groups/global/AllUsers"\n  }\n}\n\n' +
        tfBlock() +
        tfTrail,
      errors: [
        { messageId: "acl", line: 3, column: 3, message: "authenticated-read" },
        { messageId: "acl", line: 4, column: 3, message: "AllUsers" },
      ],
    },
    {
      name: "tf: a grant to everyone conditioned only on aws:SecureTransport, at the policy",
      tf: tfBucket + tfBlock() + "\n" + tfPolicy('{ Bool = { "aws:SecureTransport" = "true" } }') + tfTrail,
      errors: [{ messageId: "policy", line: 15, column: 3 }],
    },
    {
      name: "tf: a local module called with block = false, reported inside the module",
      tf: callLogs("false"),
      files: { "modules/logs/main.tf": logsModule },
      errors: [{ messageId: "setting", line: 13, column: 3, file: "modules/logs/main.tf", message: "BlockPublicPolicy" }],
    },
    {
      name: "tf: a conditional off outside prod",
      tf: 'variable "env" {\n  default = "dev"\n}\n\n' + tfBucket + tfBlock('var.env == "prod" ? true : false') + tfTrail,
      errors: [{ messageId: "setting", line: 11, column: 3, message: "BlockPublicAcls" }],
    },
    { name: "live: no public access block at either level", live: live.withBucket({ publicAccessBlock: null }, { publicAccessBlock: null }), errors: [{ messageId: "noBlock", arn: live.BUCKET_ARN }] },
    {
      name: "live: an ACL grant to AllUsers (ignored public ACLs off at both levels)",
      live: live.withBucket(
        { groupGrants: [{ uri: live.ALL_USERS, permission: "READ" }], publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: true } },
        { publicAccessBlock: null },
      ),
      errors: [
        { messageId: "acl", arn: live.BUCKET_ARN, message: "AllUsers" },
        { messageId: "setting", arn: live.BUCKET_ARN, message: "IgnorePublicAcls" },
      ],
    },
  ],
  review: [
    {
      name: "cfn: public access block imported under --strict",
      cfn: "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      PublicAccessBlockConfiguration: !ImportValue pab\n" + trail,
      errors: [{ messageId: "unknown", line: 5, column: 7 }],
    },
    {
      name: "tf: a setting from an unset variable under --strict",
      tf: 'variable "block" {\n  type = bool\n}\n\n' + tfBucket + tfBlock("true", "var.block") + tfTrail,
      errors: [{ messageId: "unknown", line: 12, column: 3 }],
    },
    {
      name: "tf: a public access block whose bucket argument is an unset variable, under --strict",
      tf: 'variable "bucket_id" {\n  type = string\n}\n\n' + tfBucket + tfBlock().replace("aws_s3_bucket.logs.id", "var.bucket_id") + tfTrail,
      errors: [{ messageId: "unknown", line: 5, column: 1, message: "Bucket audit-logs" }],
    },
  ],
});

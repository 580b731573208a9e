import { cases, json, tf, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const tfTrail = (attrs: string, head = "") =>
  head +
  `resource "aws_cloudtrail" "main" {
  name           = "audit"
  s3_bucket_name = "logs"
${attrs}}
`;
const trailModule = tf`
  variable "kms_key_arn" {
    default = null
  }

  resource "aws_cloudtrail" "this" {
    name           = "org-audit"
    s3_bucket_name = "logs"
    kms_key_id     = var.kms_key_arn
  }
`;
const envVar = 'variable "env" {\n  default = "dev"\n}\n\n';

export default cases({
  valid: [
    {
      name: "cfn: key from a resource in the template",
      cfn: yaml`
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties: { EnableKeyRotation: true }
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              KMSKeyId: !GetAtt Key.Arn
      `,
    },
    {
      name: "cfn json: key by alias",
      cfnJson: json`
        { "Resources": { "T": { "Type": "AWS::CloudTrail::Trail",
          "Properties": { "S3BucketName": "logs", "IsLogging": true, "KMSKeyId": "alias/cloudtrail" } } } }
      `,
    },
    {
      name: "cfn: key from a parameter without default is unknown",
      cfn: yaml`
        Parameters:
          KeyArn: { Type: String }
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true, KMSKeyId: !Ref KeyArn }
      `,
    },
    { name: "tf: key from an aws_kms_key resource", tf: tfTrail("  kms_key_id     = aws_kms_key.trail.arn\n", 'resource "aws_kms_key" "trail" {\n  enable_key_rotation = true\n}\n\n') },
    { name: "tf: key alias from a variable default", tf: tfTrail("  kms_key_id     = var.kms_key\n", 'variable "kms_key" {\n  default = "alias/cloudtrail"\n}\n\n') },
    {
      name: "tf: key ARN passed to a local module",
      tf: 'module "trail" {\n  source      = "./modules/trail"\n  kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n',
      files: { "modules/trail/main.tf": trailModule },
    },
    {
      name: "tf: a conditional decided by terraform.tfvars",
      tf: tfTrail('  kms_key_id     = var.env == "prod" ? "alias/cloudtrail" : null\n', envVar),
      files: { "terraform.tfvars": 'env = "prod"\n' },
    },
    { name: "tf: key from an unset variable is unknown", tf: tfTrail("  kms_key_id     = var.kms_key\n", 'variable "kms_key" {}\n\n') },
    { name: "tf: a trail with count = 0 does not exist", tf: tfTrail("  count          = 0\n") },
    { name: "tf: key alias from a *.auto.tfvars file", tf: tfTrail("  kms_key_id     = var.kms_key\n", 'variable "kms_key" {\n  default = null\n}\n\n'), files: { "kms.auto.tfvars": 'kms_key = "alias/cloudtrail"\n' } },
    { name: "live: the trail names a KMS key", live: live.single() },
    { name: "live: an event data store with a KMS key", live: live.withStore({}) },
  ],
  invalid: [
    {
      name: "cfn: no KMSKeyId, at the logical ID",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true }
      `,
      errors: [{ messageId: "noKey", line: 2, column: 3, message: "SSE-S3" }],
    },
    {
      name: "cfn: KMSKeyId removed by AWS::NoValue",
      cfn: yaml`
        Conditions:
          Never: !Equals [a, b]
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              KMSKeyId: !If [Never, some-key, !Ref AWS::NoValue]
      `,
      errors: [{ messageId: "noKey", line: 4, column: 3 }],
    },
    {
      name: "cfn json: no KMSKeyId",
      cfnJson: json`
        {
          "Resources": {
            "Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "logs", "IsLogging": true } }
          }
        }
      `,
      errors: [{ messageId: "noKey", line: 3, column: 5 }],
    },
    {
      name: "cfn: event data store without a key",
      cfn: yaml`
        Resources:
          Store:
            Type: AWS::CloudTrail::EventDataStore
            Properties: { Name: lake }
      `,
      errors: [{ messageId: "storeNoKey", line: 2, column: 3 }],
    },
    {
      name: "tf: no kms_key_id, at the resource header",
      tf: tfTrail(""),
      errors: [{ messageId: "noKey", line: 1, column: 1, endLine: 1, endColumn: 35, message: "SSE-S3" }],
    },
    {
      name: "tf: a conditional that gives null outside prod",
      tf: tfTrail('  kms_key_id     = var.env == "prod" ? "alias/cloudtrail" : null\n', envVar),
      errors: [{ messageId: "noKey", line: 5, column: 1, message: "Trail audit" }],
    },
    {
      name: "tf: an empty key from a local, at the attribute",
      tf: tfTrail("  kms_key_id     = local.kms_key\n", 'locals {\n  kms_key = ""\n}\n\n'),
      errors: [{ messageId: "noKey", line: 8, column: 3 }],
    },
    {
      name: "tf: a module called without a key, reported inside the module",
      tf: 'module "trail" {\n  source = "./modules/trail"\n}\n',
      files: { "modules/trail/main.tf": trailModule },
      errors: [{ messageId: "noKey", line: 5, column: 1, file: "modules/trail/main.tf", message: "Trail org-audit" }],
    },
    {
      name: "tf: an event data store without a key",
      tf: 'resource "aws_cloudtrail_event_data_store" "lake" {\n  name = "lake"\n}\n',
      errors: [{ messageId: "storeNoKey", line: 1, column: 1, message: "lake" }],
    },
    { name: "live: no KmsKeyId", live: live.single({ trail: { kmsKeyId: undefined } }), errors: [{ messageId: "noKey", arn: live.TRAIL_ARN }] },
    { name: "live: an event data store without a key", live: live.withStore({ kmsKeyId: undefined }), errors: [{ messageId: "storeNoKey", arn: live.STORE_ARN }] },
  ],
  review: [
    {
      name: "cfn: key from an unset parameter under --strict",
      cfn: yaml`
        Parameters:
          KeyArn: { Type: String }
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              KMSKeyId: !Ref KeyArn
      `,
      errors: [{ messageId: "unknown", line: 9, column: 7 }],
    },
    {
      name: "tf: key from an unset variable under --strict",
      tf: tfTrail("  kms_key_id     = var.kms_key\n", 'variable "kms_key" {\n  type = string\n}\n\n'),
      errors: [{ messageId: "unknown", line: 8, column: 3 }],
    },
  ],
});

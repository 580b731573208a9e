import { cases, json, tf, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const trail = `
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      KMSKeyId: !GetAtt Key.Arn`;

const tfKey = (rotation: string | null, head = "") =>
  `${head}resource "aws_kms_key" "trail" {\n  description = "trail key"\n${rotation === null ? "" : `  enable_key_rotation = ${rotation}\n`}}\n`;
const tfTrail = (keyId = "aws_kms_key.trail.arn") => `\nresource "aws_cloudtrail" "main" {\n  name           = "audit"\n  s3_bucket_name = "logs"\n  kms_key_id     = ${keyId}\n}\n`;
const keyModule = tf`
  variable "rotate" {
    type = bool
  }

  resource "aws_kms_key" "this" {
    description         = "trail key"
    enable_key_rotation = var.rotate
  }

  output "arn" {
    value = aws_kms_key.this.arn
  }
`;
const callKey = (rotate: string) => `module "key" {\n  source = "./modules/key"\n  rotate = ${rotate}\n}\n` + tfTrail("module.key.arn");
const alias = '\nresource "aws_kms_alias" "trail" {\n  name          = "alias/trail"\n  target_key_id = aws_kms_key.trail.key_id\n}\n';

export default cases({
  valid: [
    {
      name: "cfn: rotation on",
      cfn: yaml`
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties: { EnableKeyRotation: true }
      ` + trail,
    },
    {
      name: "cfn: an asymmetric key cannot rotate and is not checked",
      cfn: yaml`
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties: { KeySpec: RSA_2048, KeyUsage: SIGN_VERIFY }
      ` + trail,
    },
    {
      name: "cfn json: a key that encrypts no trail is not checked",
      cfnJson: json`
        { "Resources": { "Key": { "Type": "AWS::KMS::Key" } }, "AWSTemplateFormatVersion": "2010-09-09" }
      `,
    },
    {
      name: "cfn: trail names its key through an alias in the template",
      cfn: yaml`
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties: { EnableKeyRotation: "true" }
          Alias:
            Type: AWS::KMS::Alias
            Properties: { AliasName: alias/trail, TargetKeyId: !Ref Key }
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true, KMSKeyId: alias/trail }
      `,
    },
    { name: "tf: rotation on from a variable default", tf: tfKey("var.rotate", 'variable "rotate" {\n  default = true\n}\n\n') + tfTrail() },
    { name: "tf: an asymmetric key cannot rotate and is not checked", tf: 'resource "aws_kms_key" "trail" {\n  customer_master_key_spec = "RSA_2048"\n  key_usage                = "SIGN_VERIFY"\n}\n' + tfTrail() },
    { name: "tf: a key that encrypts no trail is not checked", tf: tfKey(null) },
    { name: "tf: the trail names its key through an alias", tf: tfKey('"true"') + alias + tfTrail('"alias/trail"') },
    { name: "tf: a local module called with rotate = true", tf: callKey("true"), files: { "modules/key/main.tf": keyModule } },
    {
      name: "tf: a conditional decided by terraform.tfvars",
      tf: tfKey('var.env == "prod" ? true : false', 'variable "env" {\n  default = "dev"\n}\n\n') + tfTrail(),
      files: { "terraform.tfvars": 'env = "prod"\n' },
    },
    { name: "tf: a key with count = 0 does not exist", tf: tfKey(null).replace("{\n", "{\n  count       = 0\n") + tfTrail("one(aws_kms_key.trail[*].arn)") },
    { name: "live: GetKeyRotationStatus true", live: live.single() },
    { name: "live: an AWS managed key (rotated by AWS)", live: live.withKey({ manager: "AWS", rotation: false }) },
  ],
  invalid: [
    {
      name: "cfn: EnableKeyRotation absent, at the key's logical ID",
      cfn: yaml`
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties: { Description: trail key }
      ` + trail,
      errors: [{ messageId: "off", line: 2, column: 3 }],
    },
    {
      name: "cfn: EnableKeyRotation false, key named through its alias",
      cfn: yaml`
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties:
              EnableKeyRotation: false
          Alias:
            Type: AWS::KMS::Alias
            Properties: { AliasName: alias/trail, TargetKeyId: !Ref Key }
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true, KMSKeyId: !Sub "arn:aws:kms:\${AWS::Region}:\${AWS::AccountId}:alias/trail" }
      `,
      errors: [{ messageId: "off", line: 5, column: 7, message: "alias/trail" }],
    },
    {
      name: "cfn json: rotation false",
      cfnJson: json`
        {
          "Resources": {
            "Key": { "Type": "AWS::KMS::Key", "Properties": { "EnableKeyRotation": false } },
            "Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "logs", "IsLogging": true, "KMSKeyId": { "Fn::GetAtt": ["Key", "Arn"] } } }
          }
        }
      `,
      errors: [{ messageId: "off", line: 3, column: 55 }],
    },
    {
      name: "tf: enable_key_rotation absent, at the key's header",
      tf: tfKey(null) + tfTrail(),
      errors: [{ messageId: "off", line: 1, column: 1, endLine: 1, endColumn: 33, message: "aws_kms_key.trail" }],
    },
    {
      name: "tf: rotation off from a local, key named through its alias",
      tf: tfKey("local.rotate", "locals {\n  rotate = false\n}\n\n") + alias + tfTrail('"arn:aws:kms:us-east-1:111122223333:alias/trail"'),
      errors: [{ messageId: "off", line: 7, column: 3, endLine: 7, endColumn: 37, message: "alias/trail" }],
    },
    {
      name: "tf: a *.auto.tfvars file turns rotation off",
      tf: tfKey("var.rotate", 'variable "rotate" {\n  default = true\n}\n\n') + tfTrail(),
      files: { "keys.auto.tfvars": "rotate = false\n" },
      errors: [{ messageId: "off", line: 7, column: 3 }],
    },
    {
      name: "tf: a local module called with rotate = false, reported inside the module",
      tf: callKey("false"),
      files: { "modules/key/main.tf": keyModule },
      errors: [{ messageId: "off", line: 7, column: 3, file: "modules/key/main.tf" }],
    },
    {
      name: "tf: a conditional on a variable default",
      tf: tfKey('var.env == "prod" ? true : false', 'variable "env" {\n  default = "dev"\n}\n\n') + tfTrail(),
      errors: [{ messageId: "off", line: 7, column: 3 }],
    },
    {
      name: "tf: an event data store's key",
      tf: tfKey("false") + '\nresource "aws_cloudtrail_event_data_store" "lake" {\n  name       = "lake"\n  kms_key_id = aws_kms_key.trail.arn\n}\n',
      errors: [{ messageId: "off", line: 3, column: 3, message: "lake" }],
    },
    { name: "live: GetKeyRotationStatus false", live: live.withKey({ rotation: false }), errors: [{ messageId: "off", arn: live.KEY_ARN }] },
    {
      name: "live: the trail names the key by an alias ARN",
      live: (() => {
        const c = live.withKey({ rotation: false, aliases: ["alias/cloudtrail"] });
        const a = c.world.accounts[0]!;
        return { world: { ...c.world, accounts: [{ ...a, trails: [{ ...a.trails[0]!, kmsKeyId: "arn:aws:kms:us-east-1:111111111111:alias/cloudtrail" }] }] } };
      })(),
      errors: [{ messageId: "off", arn: live.KEY_ARN }],
    },
  ],
  review: [
    {
      name: "cfn: rotation from an unset parameter under --strict",
      cfn: yaml`
        Parameters:
          Rotate: { Type: String }
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties:
              EnableKeyRotation: !Ref Rotate
      ` + trail,
      errors: [{ messageId: "unknown", line: 7, column: 7 }],
    },
    {
      name: "tf: rotation from an unset variable under --strict",
      tf: tfKey("var.rotate", 'variable "rotate" {\n  type = bool\n}\n\n') + tfTrail(),
      errors: [{ messageId: "unknown", line: 7, column: 3 }],
    },
  ],
});

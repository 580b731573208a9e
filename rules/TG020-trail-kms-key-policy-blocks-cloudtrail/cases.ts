import { cases, json, tf } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const key = (statements: string) => `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: Admin
            Effect: Allow
            Principal: { AWS: !Sub "arn:aws:iam::\${AWS::AccountId}:root" }
            Action: kms:*
            Resource: "*"
${statements}  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: audit
      S3BucketName: logs
      IsLogging: true
      KMSKeyId: !GetAtt Key.Arn
`;
const encrypt = (condition: string) => `          - Sid: CloudTrailEncrypt
            Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: kms:GenerateDataKey*
            Resource: "*"
${condition}`;

const tfHead = 'data "aws_caller_identity" "current" {}\ndata "aws_region" "current" {}\n\n';
const tfTrail = (keyId = "aws_kms_key.trail.arn", name = '"audit"') =>
  `\nresource "aws_cloudtrail" "main" {\n  name           = ${name}\n  s3_bucket_name = "logs"\n  kms_key_id     = ${keyId}\n}\n`;
/** An aws_kms_key (its policy attribute on line 3 plus the head) whose policy is an aws_iam_policy_document: an administrator statement, then `statements`. */
const tfKey = (statements: string) => tf`
  resource "aws_kms_key" "trail" {
    enable_key_rotation = true
    policy              = data.aws_iam_policy_document.key.json
  }

  data "aws_iam_policy_document" "key" {
    statement {
      sid       = "Admin"
      actions   = ["kms:*"]
      resources = ["*"]
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root"]
      }
    }
${statements}  }
`;
/** A CloudTrail statement inside tfKey's document, with an optional condition on the trail ARN. */
const tfEncrypt = (action: string, condition?: { test: string; variable: string; values: string }) =>
  `    statement {
      sid       = "CloudTrailEncrypt"
      actions   = ["${action}"]
      resources = ["*"]
      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }
${
  condition
    ? `      condition {
        test     = "${condition.test}"
        variable = "${condition.variable}"
        values   = [${condition.values}]
      }
`
    : ""
}    }
`;
const tfContext = (trail: string) => ({
  test: "StringLike",
  variable: "kms:EncryptionContext:aws:cloudtrail:arn",
  values: `"arn:aws:cloudtrail:*:\${data.aws_caller_identity.current.account_id}:trail/${trail}"`,
});
const keyModule = tf`
  variable "trail_name" {}

  data "aws_caller_identity" "current" {}

  resource "aws_kms_key" "this" {
    enable_key_rotation = true
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "kms:GenerateDataKey*"
        Resource  = "*"
        Condition = { StringEquals = { "aws:SourceArn" = "arn:aws:cloudtrail:us-east-1:\${data.aws_caller_identity.current.account_id}:trail/\${var.trail_name}" } }
      }]
    })
  }

  output "arn" {
    value = aws_kms_key.this.arn
  }
`;
const callKey = (trail: string) => `module "key" {\n  source     = "./modules/key"\n  trail_name = "${trail}"\n}\n` + tfTrail("module.key.arn");

export default cases({
  valid: [
    {
      name: "cfn: the documented grant with the encryption-context condition",
      cfn: key(encrypt('            Condition:\n              StringLike:\n                kms:EncryptionContext:aws:cloudtrail:arn: !Sub "arn:aws:cloudtrail:*:${AWS::AccountId}:trail/*"\n')),
    },
    { name: "cfn: an unconditional grant", cfn: key(encrypt("")) },
    {
      name: "cfn json: no key policy in the template is not judged",
      cfnJson: json`
        { "Resources": { "Key": { "Type": "AWS::KMS::Key" },
          "T": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "logs", "IsLogging": true, "KMSKeyId": { "Ref": "Key" } } } } }
      `,
    },
    { name: "tf: the documented grant with the encryption-context condition (aws_iam_policy_document)", tf: tfHead + tfKey(tfEncrypt("kms:GenerateDataKey*", tfContext("*"))) + tfTrail() },
    {
      name: "tf: an unconditional grant (jsonencode)",
      tf:
        tfHead +
        'resource "aws_kms_key" "trail" {\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { Service = "cloudtrail.amazonaws.com" }, Action = "kms:GenerateDataKey*", Resource = "*" }]\n  })\n}\n' +
        tfTrail(),
    },
    { name: "tf: no key policy in the scanned files is not judged", tf: 'resource "aws_kms_key" "trail" {}\n' + tfTrail() },
    { name: "tf: a local module's key policy names the trail given as its argument", tf: callKey("audit"), files: { "modules/key/main.tf": keyModule } },
    {
      name: "tf: the trail name from terraform.tfvars matches the condition",
      tf: 'variable "trail_name" {\n  default = "other"\n}\n\n' + tfHead + tfKey(tfEncrypt("kms:GenerateDataKey*", tfContext("audit"))) + tfTrail(undefined, "var.trail_name"),
      files: { "terraform.tfvars": 'trail_name = "audit"\n' },
    },
    { name: "tf: a blocking key with count = 0 does not exist", tf: tfHead + tfKey("").replace("{\n  enable_key_rotation", "{\n  count               = 0\n  enable_key_rotation") + tfTrail("one(aws_kms_key.trail[*].arn)") },
    { name: "live: the key policy lets CloudTrail generate data keys for the account's trails", live: live.single() },
    {
      name: "live: an unconditional grant to CloudTrail",
      live: live.withKey({ policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:GenerateDataKey*", Resource: "*" }] } }),
    },
  ],
  invalid: [
    {
      name: "cfn: only the account administrator statement",
      cfn: key(""),
      errors: [{ messageId: "blocked", line: 6, column: 7 }],
    },
    {
      name: "cfn: the condition names another trail",
      cfn: key(encrypt('            Condition:\n              StringLike:\n                kms:EncryptionContext:aws:cloudtrail:arn: !Sub "arn:aws:cloudtrail:*:${AWS::AccountId}:trail/other-trail"\n')),
      errors: [{ messageId: "blocked", line: 6, column: 7 }],
    },
    {
      name: "cfn: Encrypt granted but not GenerateDataKey",
      cfn: key(encrypt("").replace("kms:GenerateDataKey*", "kms:Encrypt")),
      errors: [{ messageId: "blocked", line: 6, column: 7 }],
    },
    {
      name: "tf: only the administrator statement, at the key's policy",
      tf: tfHead + tfKey("") + tfTrail(),
      errors: [{ messageId: "blocked", line: 6, column: 3, endLine: 6, endColumn: 62, message: "trail audit" }],
    },
    {
      name: "tf: the condition names another trail",
      tf: tfHead + tfKey(tfEncrypt("kms:GenerateDataKey*", tfContext("other-trail"))) + tfTrail(),
      errors: [{ messageId: "blocked", line: 6, column: 3 }],
    },
    {
      name: "tf: Encrypt granted but not GenerateDataKey, key named through an alias",
      tf:
        tfHead +
        tfKey(tfEncrypt("kms:Encrypt")) +
        '\nresource "aws_kms_alias" "trail" {\n  name          = "alias/cloudtrail"\n  target_key_id = aws_kms_key.trail.key_id\n}\n' +
        tfTrail('"alias/cloudtrail"'),
      errors: [{ messageId: "blocked", line: 6, column: 3, message: "alias/cloudtrail" }],
    },
    {
      name: "tf: a local module's key policy names another trail, reported inside the module",
      tf: callKey("someone-else"),
      files: { "modules/key/main.tf": keyModule },
      errors: [{ messageId: "blocked", line: 7, column: 3, file: "modules/key/main.tf" }],
    },
    {
      name: "tf: a conditional trail name (a *.auto.tfvars file sets env) that the condition does not match",
      tf: 'variable "env" {\n  default = "prod"\n}\n\n' + tfHead + tfKey(tfEncrypt("kms:GenerateDataKey*", tfContext("audit"))) + tfTrail(undefined, 'var.env == "prod" ? "audit" : "audit-${var.env}"'),
      files: { "dev.auto.tfvars": 'env = "dev"\n' },
      errors: [{ messageId: "blocked", line: 10, column: 3, message: "trail audit-dev" }],
    },
    {
      name: "tf: the trail name from a local is not the one the condition names",
      tf: 'locals {\n  trail_name = "audit-eu"\n}\n\n' + tfHead + tfKey(tfEncrypt("kms:GenerateDataKey*", tfContext("audit"))) + tfTrail(undefined, "local.trail_name"),
      errors: [{ messageId: "blocked", line: 10, column: 3, message: "trail audit-eu" }],
    },
    {
      name: "live: the key policy grants administrators only",
      live: live.withKey({ policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" }] } }),
      errors: [{ messageId: "blocked", arn: live.KEY_ARN }],
    },
    {
      name: "live: the grant is for another account's trails",
      live: live.withKey({
        policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:GenerateDataKey*", Resource: "*", Condition: { StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:444444444444:trail/*" } } }] },
      }),
      errors: [{ messageId: "blocked", arn: live.KEY_ARN }],
    },
  ],
  review: [
    {
      name: "tf: a key policy from an unset variable under --strict",
      tf: 'variable "key_policy" {\n  type = string\n}\n\nresource "aws_kms_key" "trail" {\n  policy = var.key_policy\n}\n' + tfTrail(),
      errors: [{ messageId: "unknown", line: 6, column: 3 }],
    },
  ],
});

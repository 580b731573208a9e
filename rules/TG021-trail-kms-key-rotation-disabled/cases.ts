import { cases, json, yaml } from "../../test/support/cases.ts";

const trail = `
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      KMSKeyId: !GetAtt Key.Arn`;

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
  ],
});

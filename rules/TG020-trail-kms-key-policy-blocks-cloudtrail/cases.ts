import { cases, json } from "../../test/support/cases.ts";

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
  ],
});

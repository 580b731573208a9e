import { cases, json, yaml } from "../../test/support/cases.ts";

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
  ],
});

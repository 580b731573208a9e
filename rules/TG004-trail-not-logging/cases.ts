import { cases, json, yaml } from "../../test/support/cases.ts";

export default cases({
  valid: [
    {
      name: "cfn: IsLogging true",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true }
      `,
    },
    {
      name: "cfn json: IsLogging \"True\"",
      cfnJson: json`
        { "Resources": { "T": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "logs", "IsLogging": "True" } } } }
      `,
    },
    {
      name: "cfn: IsLogging absent is unknown (the template is invalid), not a finding",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs }
      `,
    },
  ],
  invalid: [
    {
      name: "cfn: IsLogging false",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: false
      `,
      errors: [{ messageId: "stopped", line: 6, column: 7, endLine: 6, endColumn: 23 }],
    },
    {
      name: "cfn: IsLogging through Fn::If with AWS::NoValue in the other branch",
      cfn: yaml`
        Parameters:
          Enabled: { Type: String, Default: "no" }
        Conditions:
          On: !Equals [!Ref Enabled, "yes"]
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: !If [On, true, false]
              KMSKeyId: !If [On, key, !Ref AWS::NoValue]
      `,
      errors: [{ messageId: "stopped", line: 10, column: 7 }],
    },
    {
      name: "cfn json: IsLogging false",
      cfnJson: json`
        {
          "Resources": {
            "T": {
              "Type": "AWS::CloudTrail::Trail",
              "Properties": {
                "S3BucketName": "logs",
                "IsLogging": false
              }
            }
          }
        }
      `,
      errors: [{ messageId: "stopped", line: 7, column: 9 }],
    },
  ],
  review: [
    {
      name: "cfn: IsLogging absent under --strict",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs }
      `,
      errors: [{ messageId: "unknown", line: 2, column: 3 }],
    },
  ],
});

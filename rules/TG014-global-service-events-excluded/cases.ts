import { cases, json, yaml } from "../../test/support/cases.ts";

export default cases({
  valid: [
    {
      name: "cfn: IncludeGlobalServiceEvents true",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IncludeGlobalServiceEvents: true
      `,
    },
    {
      name: "cfn json: IncludeGlobalServiceEvents \"true\" as a string",
      cfnJson: json`
        { "Resources": { "T": { "Type": "AWS::CloudTrail::Trail",
          "Properties": { "S3BucketName": "logs", "IsLogging": true, "IncludeGlobalServiceEvents": "true" } } } }
      `,
    },
    {
      name: "cfn: value from an !ImportValue is unknown",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IncludeGlobalServiceEvents: !ImportValue shared-setting
      `,
    },
    {
      name: "cfn: absent defaults to true",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
      `,
    },
  ],
  invalid: [
    {
      name: "cfn: IncludeGlobalServiceEvents false",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IncludeGlobalServiceEvents: false
      `,
      errors: [{ messageId: "excluded", line: 7, column: 7, endLine: 7, endColumn: 40 }],
    },
    {
      name: "cfn: IncludeGlobalServiceEvents from a mapping",
      cfn: yaml`
        Mappings:
          Settings:
            prod: { Flag: "false" }
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IncludeGlobalServiceEvents: !FindInMap [Settings, prod, Flag]
      `,
      errors: [{ messageId: "excluded", line: 10, column: 7 }],
    },
    {
      name: "cfn json: IncludeGlobalServiceEvents false",
      cfnJson: json`
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Resources": {
            "Audit": {
              "Type": "AWS::CloudTrail::Trail",
              "Properties": { "S3BucketName": "logs", "IsLogging": true, "IncludeGlobalServiceEvents": false }
            }
          }
        }
      `,
      errors: [{ messageId: "excluded", line: 6, column: 66 }],
    },
  ],
  review: [
    {
      name: "cfn: parameter without default under --strict",
      cfn: yaml`
        Parameters:
          Flag: { Type: String }
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IncludeGlobalServiceEvents: !Ref Flag
      `,
      errors: [{ messageId: "unknown", line: 9, column: 7 }],
    },
  ],
});

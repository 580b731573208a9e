import { cases, json, yaml } from "../../test/support/cases.ts";

export default cases({
  valid: [
    {
      name: "cfn: EnableLogFileValidation true",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              EnableLogFileValidation: true
      `,
    },
    {
      name: "cfn json: EnableLogFileValidation \"true\" as a string",
      cfnJson: json`
        { "Resources": { "T": { "Type": "AWS::CloudTrail::Trail",
          "Properties": { "S3BucketName": "logs", "IsLogging": true, "EnableLogFileValidation": "true" } } } }
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
              EnableLogFileValidation: !ImportValue shared-setting
      `,
    },
  ],
  invalid: [
    {
      name: "cfn: EnableLogFileValidation false",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              EnableLogFileValidation: false
      `,
      errors: [{ messageId: "off", line: 7, column: 7, endLine: 7, endColumn: 37 }],
    },
    {
      name: "cfn: EnableLogFileValidation from a mapping",
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
              EnableLogFileValidation: !FindInMap [Settings, prod, Flag]
      `,
      errors: [{ messageId: "off", line: 10, column: 7 }],
    },
    {
      name: "cfn json: EnableLogFileValidation false",
      cfnJson: json`
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Resources": {
            "Audit": {
              "Type": "AWS::CloudTrail::Trail",
              "Properties": { "S3BucketName": "logs", "IsLogging": true, "EnableLogFileValidation": false }
            }
          }
        }
      `,
      errors: [{ messageId: "off", line: 6, column: 66 }],
    },
    {
      name: "cfn: absent defaults to false, at the logical ID",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
      `,
      errors: [{ messageId: "off", line: 2, column: 3 }],
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
              EnableLogFileValidation: !Ref Flag
      `,
      errors: [{ messageId: "unknown", line: 9, column: 7 }],
    },
  ],
});

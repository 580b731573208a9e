import { cases, json, yaml } from "../../test/support/cases.ts";

export default cases({
  valid: [
    {
      name: "cfn: multi-region trail",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: true
      `,
    },
    {
      name: "cfn: string boolean from a parameter default",
      cfn: yaml`
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          MultiRegion:
            Type: String
            Default: "True"
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: !Ref MultiRegion
      `,
    },
    {
      name: "cfn json: multi-region trail",
      cfnJson: json`
        {
          "Resources": {
            "Trail": {
              "Type": "AWS::CloudTrail::Trail",
              "Properties": { "S3BucketName": "logs", "IsLogging": true, "IsMultiRegionTrail": "true" }
            }
          }
        }
      `,
    },
    {
      name: "cfn: parameter without a default is unknown, not a finding",
      cfn: yaml`
        Parameters:
          MultiRegion:
            Type: String
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: !Ref MultiRegion
      `,
    },
    {
      name: "cfn: a trail whose Condition is false does not exist",
      cfn: yaml`
        Parameters:
          Env: { Type: String, Default: dev }
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Condition: IsProd
            Properties:
              S3BucketName: logs
              IsLogging: true
      `,
    },
  ],
  invalid: [
    {
      name: "cfn: explicit false points at the attribute",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: false
      `,
      errors: [{ messageId: "single", line: 7, column: 7, endLine: 7, endColumn: 32, message: "Trail Trail" }],
    },
    {
      name: "cfn: absent points at the logical ID",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              TrailName: audit
              S3BucketName: logs
              IsLogging: true
      `,
      errors: [{ messageId: "single", line: 2, column: 3, endLine: 2, endColumn: 8, message: "Trail audit" }],
    },
    {
      name: "cfn: Fn::If whose condition is decided by a parameter default",
      cfn: yaml`
        Parameters:
          Env: { Type: String, Default: dev }
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: !If [IsProd, true, false]
      `,
      errors: [{ messageId: "single", line: 11, column: 7 }],
    },
    {
      name: "cfn: undecided condition, but both branches are false",
      cfn: yaml`
        Parameters:
          Env: { Type: String }
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: !If [IsProd, false, false]
      `,
      errors: [{ messageId: "single", line: 11, column: 7 }],
    },
    {
      name: "cfn json: string false points at the quoted key",
      cfnJson: json`
        {
          "Resources": {
            "Trail": {
              "Type": "AWS::CloudTrail::Trail",
              "Properties": {
                "S3BucketName": "logs",
                "IsLogging": true,
                "IsMultiRegionTrail": "False"
              }
            }
          }
        }
      `,
      errors: [{ messageId: "single", line: 8, column: 9, endLine: 8, endColumn: 38 }],
    },
    {
      name: "cfn json: absent points at the quoted logical ID",
      cfnJson: json`
        {"AWSTemplateFormatVersion": "2010-09-09",
         "Resources": {"MyTrail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "logs", "IsLogging": true}}}}
      `,
      errors: [{ messageId: "single", line: 2, column: 16, endLine: 2, endColumn: 25 }],
    },
  ],
  review: [
    {
      name: "cfn: unset parameter under --strict",
      cfn: yaml`
        Parameters:
          MultiRegion:
            Type: String
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: !Ref MultiRegion
      `,
      errors: [{ messageId: "unknown", line: 10, column: 7 }],
    },
  ],
});

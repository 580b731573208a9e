import { cases, json, yaml } from "../../test/support/cases.ts";

const trail = `
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref Logs
      IsLogging: true`;

export default cases({
  valid: [
    {
      name: "cfn: access logging to another bucket",
      cfn: yaml`
        Resources:
          Access:
            Type: AWS::S3::Bucket
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LoggingConfiguration: { DestinationBucketName: !Ref Access, LogFilePrefix: trail/ }
      ` + trail,
    },
    {
      name: "cfn: a destination bucket that cannot be resolved still counts",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LoggingConfiguration: { DestinationBucketName: !ImportValue access-log-bucket }
      ` + trail,
    },
    {
      name: "cfn json: a bucket that no trail writes to is not checked",
      cfnJson: json`
        { "Resources": { "Other": { "Type": "AWS::S3::Bucket" } }, "AWSTemplateFormatVersion": "2010-09-09" }
      `,
    },
    {
      name: "cfn: the trail's bucket is in another stack",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: central-logs, IsLogging: true }
      `,
    },
  ],
  invalid: [
    {
      name: "cfn: no LoggingConfiguration, at the bucket's logical ID",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: audit-logs
      ` + trail,
      errors: [{ messageId: "off", line: 2, column: 3, message: "Bucket audit-logs" }],
    },
    {
      name: "cfn: trail names the bucket by its literal name",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: audit-logs, IsLogging: true }
          Bucket:
            Type: AWS::S3::Bucket
            Properties: { BucketName: audit-logs }
      `,
      errors: [{ messageId: "off", line: 5, column: 3 }],
    },
    {
      name: "cfn json: no LoggingConfiguration",
      cfnJson: json`
        {
          "Resources": {
            "Logs": { "Type": "AWS::S3::Bucket" },
            "Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": { "Ref": "Logs" }, "IsLogging": true } }
          }
        }
      `,
      errors: [{ messageId: "off", line: 3, column: 5 }],
    },
  ],
});

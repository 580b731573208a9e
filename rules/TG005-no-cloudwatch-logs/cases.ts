import { cases, json, yaml } from "../../test/support/cases.ts";

export default cases({
  valid: [
    {
      name: "cfn: log group and role from resources",
      cfn: yaml`
        Resources:
          Group:
            Type: AWS::Logs::LogGroup
          Role:
            Type: AWS::IAM::Role
            Properties: { AssumeRolePolicyDocument: {} }
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              CloudWatchLogsLogGroupArn: !GetAtt Group.Arn
              CloudWatchLogsRoleArn: !GetAtt [Role, Arn]
      `,
    },
    {
      name: "cfn json: literal ARNs",
      cfnJson: json`
        { "Resources": { "T": { "Type": "AWS::CloudTrail::Trail", "Properties": {
          "S3BucketName": "logs", "IsLogging": true,
          "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:111122223333:log-group:trail:*",
          "CloudWatchLogsRoleArn": "arn:aws:iam::111122223333:role/trail-to-logs" } } } }
      `,
    },
    {
      name: "cfn: log group ARN imported from another stack is unknown",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              CloudWatchLogsLogGroupArn: !ImportValue trail-log-group
              CloudWatchLogsRoleArn: !ImportValue trail-log-role
      `,
    },
  ],
  invalid: [
    {
      name: "cfn: no log group, at the logical ID",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true }
      `,
      errors: [{ messageId: "noLogGroup", line: 2, column: 3 }],
    },
    {
      name: "cfn: log group without a role",
      cfn: yaml`
        Resources:
          Group:
            Type: AWS::Logs::LogGroup
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              CloudWatchLogsLogGroupArn: !GetAtt Group.Arn
      `,
      errors: [{ messageId: "noRole", line: 4, column: 3 }],
    },
    {
      name: "cfn json: no log group",
      cfnJson: json`
        {
          "Resources": {
            "Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "logs", "IsLogging": true } }
          }
        }
      `,
      errors: [{ messageId: "noLogGroup", line: 3, column: 5 }],
    },
  ],
  review: [
    {
      name: "cfn: log group from an unset parameter under --strict",
      cfn: yaml`
        Parameters:
          GroupArn: { Type: String }
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              CloudWatchLogsLogGroupArn: !Ref GroupArn
      `,
      errors: [{ messageId: "unknown", line: 9, column: 7 }],
    },
  ],
});

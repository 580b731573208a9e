import { cases, json, tf, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const tfTrail = (attrs: string, head = "") =>
  head +
  `resource "aws_cloudtrail" "main" {
  name           = "audit"
  s3_bucket_name = "logs"
${attrs}}
`;
const group = 'resource "aws_cloudwatch_log_group" "trail" {\n  name = "trail-events"\n}\n\n';
const trailModule = tf`
  variable "log_group_arn" {
    default = null
  }
  variable "role_arn" {
    default = null
  }

  resource "aws_cloudtrail" "this" {
    name                       = "org-audit"
    s3_bucket_name             = "logs"
    cloud_watch_logs_group_arn = var.log_group_arn
    cloud_watch_logs_role_arn  = var.role_arn
  }
`;

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
    {
      name: "tf: log group and role from resources",
      tf: tfTrail(
        '  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n  cloud_watch_logs_role_arn  = aws_iam_role.trail.arn\n',
        group + 'resource "aws_iam_role" "trail" {\n  name               = "trail-to-logs"\n  assume_role_policy = "{}"\n}\n\n',
      ),
    },
    {
      name: "tf: ARNs from variable defaults and terraform.tfvars",
      tf: tfTrail(
        "  cloud_watch_logs_group_arn = var.group_arn\n  cloud_watch_logs_role_arn  = var.role_arn\n",
        'variable "group_arn" {\n  default = "arn:aws:logs:us-east-1:111122223333:log-group:trail:*"\n}\nvariable "role_arn" {}\n\n',
      ),
      files: { "terraform.tfvars": 'role_arn = "arn:aws:iam::111122223333:role/trail-to-logs"\n' },
    },
    {
      name: "tf: a local module called with both ARNs",
      tf: tf`
        module "trail" {
          source        = "./modules/trail"
          log_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:trail:*"
          role_arn      = "arn:aws:iam::111122223333:role/trail-to-logs"
        }
      `,
      files: { "modules/trail/main.tf": trailModule },
    },
    {
      name: "tf: log group ARN from an unset variable is unknown",
      tf: tfTrail("  cloud_watch_logs_group_arn = var.group_arn\n  cloud_watch_logs_role_arn  = var.role_arn\n", 'variable "group_arn" {}\nvariable "role_arn" {}\n\n'),
    },
    { name: "tf: a trail with count = 0 does not exist", tf: tfTrail("  count = 0\n") },
    { name: "live: a log group, a role, and a delivery in the last hour", live: live.single() },
    { name: "live: no CloudWatch Logs delivery time in the status (unknown, not stale)", live: live.single({ trail: { status: { IsLogging: true } } }) },
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
    {
      name: "tf: no log group, at the resource header",
      tf: tfTrail(""),
      errors: [{ messageId: "noLogGroup", line: 1, column: 1, endLine: 1, endColumn: 35, message: "Trail audit" }],
    },
    {
      name: "tf: log group from a local but no role",
      tf: tfTrail("  cloud_watch_logs_group_arn = local.group_arn\n", 'locals {\n  group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n}\n\n' + group),
      errors: [{ messageId: "noRole", line: 9, column: 1 }],
    },
    {
      name: "tf: a conditional that gives null outside prod (a *.auto.tfvars file sets env)",
      tf: tfTrail(
        '  cloud_watch_logs_group_arn = var.env == "prod" ? "${aws_cloudwatch_log_group.trail.arn}:*" : null\n',
        'variable "env" {\n  default = "prod"\n}\n\n' + group,
      ),
      files: { "dev.auto.tfvars": 'env = "dev"\n' },
      errors: [{ messageId: "noLogGroup", line: 9, column: 1 }],
    },
    {
      name: "tf: a module called without role_arn, reported inside the module",
      tf: 'module "trail" {\n  source        = "./modules/trail"\n  log_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:trail:*"\n}\n',
      files: { "modules/trail/main.tf": trailModule },
      errors: [{ messageId: "noRole", line: 8, column: 1, file: "modules/trail/main.tf", message: "Trail org-audit" }],
    },
    { name: "live: no log group", live: live.single({ trail: { logGroupArn: undefined, roleArn: undefined } }), errors: [{ messageId: "noLogGroup", arn: live.TRAIL_ARN }] },
    {
      name: "live: LatestCloudWatchLogsDeliveryError set",
      live: live.single({ trail: { status: { IsLogging: true, LatestCloudWatchLogsDeliveryError: "Access denied for the role", LatestCloudWatchLogsDeliveryTime: new Date().toISOString() } } }),
      errors: [{ messageId: "deliveryError", arn: live.TRAIL_ARN, message: "Access denied for the role" }],
    },
    {
      name: "live: nothing delivered to CloudWatch Logs for three days",
      live: live.single({ trail: { status: { IsLogging: true, LatestCloudWatchLogsDeliveryTime: new Date(Date.now() - 3 * 86_400_000).toISOString() } } }),
      errors: [{ messageId: "stale", arn: live.TRAIL_ARN }],
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
    {
      name: "tf: log group from an unset variable under --strict",
      tf: tfTrail("  cloud_watch_logs_group_arn = var.group_arn\n  cloud_watch_logs_role_arn  = \"arn:aws:iam::111122223333:role/r\"\n", 'variable "group_arn" {\n  type = string\n}\n\n'),
      errors: [{ messageId: "unknown", line: 8, column: 3 }],
    },
  ],
});

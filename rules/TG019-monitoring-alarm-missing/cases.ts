import { cases, tf } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const CLOUDTRAIL_CHANGES =
  "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }";

function stack(pattern: string | null, extra = ""): string {
  const filter =
    pattern === null
      ? ""
      : `  Filter:
    Type: AWS::Logs::MetricFilter
    Properties:
      LogGroupName: trail-events
      FilterPattern: ${JSON.stringify(pattern)}
      MetricTransformations: [{ MetricName: TrailChanges, MetricNamespace: Security, MetricValue: "1" }]
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      MetricName: TrailChanges
      Namespace: Security
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      AlarmActions: [arn:aws:sns:us-east-1:111122223333:security-alerts]
`;
  return `Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111122223333:log-group:trail-events:*
      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-logs
${filter}${extra}`;
}

/** A trail (its cloud_watch_logs_group_arn on line 4 plus the head's lines) with, unless `pattern` is null, a metric filter, an SNS topic and an alarm. */
function tfStack(pattern: string | null, o: { head?: string; alarmExtra?: string; groupName?: string } = {}): string {
  const chain =
    pattern === null
      ? ""
      : `
resource "aws_cloudwatch_log_metric_filter" "trail_changes" {
  name           = "cloudtrail-changes"
  log_group_name = ${o.groupName ?? '"trail-events"'}
  pattern        = ${pattern}
  metric_transformation {
    name      = "TrailChanges"
    namespace = "Security"
    value     = "1"
  }
}

resource "aws_sns_topic" "security" {
  name = "security-alerts"
}

resource "aws_cloudwatch_metric_alarm" "trail_changes" {
${o.alarmExtra ?? ""}  alarm_name          = "cloudtrail-changes"
  metric_name         = "TrailChanges"
  namespace           = "Security"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security.arn]
}
`;
  return `${o.head ?? ""}resource "aws_cloudtrail" "main" {
  name                       = "audit"
  s3_bucket_name             = "logs"
  cloud_watch_logs_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:trail-events:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/trail-logs"
}
${chain}`;
}
const CIS_CLASSES = [
  "unauthorized-api-calls",
  "console-signin-without-mfa",
  "iam-policy-changes",
  "console-auth-failures",
  "cmk-disable-or-deletion",
  "s3-bucket-policy-changes",
  "config-changes",
  "security-group-changes",
  "nacl-changes",
  "network-gateway-changes",
  "route-table-changes",
  "vpc-changes",
  "organizations-changes",
].sort();
const alarmsModule = tf`
  variable "pattern" {}

  resource "aws_cloudwatch_log_metric_filter" "this" {
    name           = "cloudtrail-changes"
    log_group_name = "trail-events"
    pattern        = var.pattern
    metric_transformation {
      name      = "TrailChanges"
      namespace = "Security"
      value     = "1"
    }
  }

  resource "aws_cloudwatch_metric_alarm" "this" {
    alarm_name          = "cloudtrail-changes"
    metric_name         = "TrailChanges"
    namespace           = "Security"
    statistic           = "Sum"
    period              = 300
    evaluation_periods  = 1
    threshold           = 1
    comparison_operator = "GreaterThanOrEqualToThreshold"
    alarm_actions       = ["arn:aws:sns:us-east-1:111122223333:security-alerts"]
  }
`;

export default cases({
  valid: [
    { name: "live: the CloudTrail-changes filter, alarm and confirmed topic", live: live.single() },
    { name: "live: a root-usage alarm that never fires does not matter to this class", live: live.single({ chain: { alarm: { threshold: 5 } } }) },
    { name: "cfn: the CIS CloudTrail-changes filter and alarm (default monitoring)", cfn: stack(CLOUDTRAIL_CHANGES) },
    {
      name: "cfn: the same filter reformatted over several lines",
      cfn: stack("{\n  $.eventName = StopLogging ||\n  $.eventName = \"DeleteTrail\" || $.eventName=UpdateTrail\n}"),
    },
    { name: "cfn: monitoring turned off with []", config: "monitoring: []\n", cfn: stack(null) },
    { name: "tf: the CIS CloudTrail-changes chain with an aws_sns_topic (default monitoring)", tf: tfStack(JSON.stringify(CLOUDTRAIL_CHANGES)) },
    {
      name: "tf: the filter reformatted over several lines in a heredoc",
      tf: tfStack('<<-EOT\n    {\n      $.eventName = StopLogging ||\n      $.eventName = "DeleteTrail" || $.eventName=UpdateTrail\n    }\n  EOT'),
    },
    { name: "tf: monitoring turned off with []", config: "monitoring: []\n", tf: tfStack(null) },
    {
      name: "tf: the filter and alarm in a local module, the pattern from a variable default",
      tf: 'variable "trail_changes" {\n  default = ' + JSON.stringify(CLOUDTRAIL_CHANGES) + '\n}\n\n' + tfStack(null) + '\nmodule "alarms" {\n  source  = "./modules/alarms"\n  pattern = var.trail_changes\n}\n',
      files: { "modules/alarms/main.tf": alarmsModule },
    },
    { name: "tf: the filter's log group name from terraform.tfvars", tf: 'variable "group" {}\n\n' + tfStack(JSON.stringify(CLOUDTRAIL_CHANGES), { groupName: "var.group" }), files: { "terraform.tfvars": 'group = "trail-events"\n' } },
    { name: "tf: the pattern from a local", tf: "locals {\n  trail_changes = " + JSON.stringify(CLOUDTRAIL_CHANGES) + "\n}\n\n" + tfStack("local.trail_changes") },
  ],
  invalid: [
    {
      name: "live: no alarm on the CloudTrail-changes metric",
      live: live.single({ account: { alarms: [] } }),
      errors: [{ messageId: "no-alarm", arn: live.TRAIL_ARN, message: "cloudtrail-changes" }],
    },
    {
      name: "live: the topic has no confirmed subscription",
      live: live.single({ chain: { topic: { confirmed: 0 } } }),
      errors: [{ messageId: "no-notification", arn: live.TRAIL_ARN }],
    },
    { name: "cfn: no filter for CloudTrail changes", cfn: stack(null), errors: [{ messageId: "no-filter", line: 7, column: 7, message: "cloudtrail-changes" }] },
    {
      name: "cfn: a filter that also matches read-only calls (DescribeTrails)",
      cfn: stack('{ $.eventSource = "cloudtrail.amazonaws.com" }'),
      errors: [{ messageId: "no-filter", line: 7, column: 7 }],
    },
    {
      name: "cfn: monitoring: cis reports one result per missing class",
      config: "monitoring: cis\n",
      cfn: stack(CLOUDTRAIL_CHANGES),
      errors: [
        "unauthorized-api-calls",
        "console-signin-without-mfa",
        "iam-policy-changes",
        "console-auth-failures",
        "cmk-disable-or-deletion",
        "s3-bucket-policy-changes",
        "config-changes",
        "security-group-changes",
        "nacl-changes",
        "network-gateway-changes",
        "route-table-changes",
        "vpc-changes",
        "organizations-changes",
      ]
        .sort()
        .map((c) => ({ messageId: "no-filter", line: 7, column: 7, message: c })),
    },
    {
      name: "tf: no filter for CloudTrail changes, at the trail's cloud_watch_logs_group_arn",
      tf: tfStack(null),
      errors: [{ messageId: "no-filter", line: 4, column: 3, endLine: 4, endColumn: 94, message: "cloudtrail-changes" }],
    },
    {
      name: "tf: a filter that also matches read-only calls (DescribeTrails)",
      tf: tfStack(JSON.stringify('{ $.eventSource = "cloudtrail.amazonaws.com" }')),
      errors: [{ messageId: "no-filter", line: 4, column: 3 }],
    },
    {
      name: "tf: monitoring: cis reports one result per missing class",
      config: "monitoring: cis\n",
      tf: tfStack(JSON.stringify(CLOUDTRAIL_CHANGES)),
      errors: CIS_CLASSES.map((c) => ({ messageId: "no-filter", line: 4, column: 3, message: c })),
    },
    { name: "tf: the only alarm has count = 0", tf: tfStack(JSON.stringify(CLOUDTRAIL_CHANGES), { alarmExtra: "  count               = 0\n" }), errors: [{ messageId: "no-alarm", line: 4, column: 3 }] },
    {
      name: "tf: a pattern from a *.auto.tfvars file that misses DeleteTrail",
      tf: 'variable "pattern" {\n  default = ' + JSON.stringify(CLOUDTRAIL_CHANGES) + '\n}\n\n' + tfStack("var.pattern"),
      files: { "alarms.auto.tfvars": 'pattern = "{ $.eventName = StopLogging || $.eventName = UpdateTrail }"\n' },
      errors: [{ messageId: "no-filter", line: 8, column: 3 }],
    },
    {
      name: "tf: a local module whose pattern argument comes from a conditional",
      tf:
        'variable "env" {\n  default = "dev"\n}\n\n' +
        tfStack(null) +
        '\nmodule "alarms" {\n  source  = "./modules/alarms"\n  pattern = var.env == "prod" ? ' +
        JSON.stringify(CLOUDTRAIL_CHANGES) +
        ' : "{ $.eventName = StopLogging }"\n}\n',
      files: { "modules/alarms/main.tf": alarmsModule },
      errors: [{ messageId: "no-filter", line: 8, column: 3, file: "main.tf" }],
    },
  ],
  review: [
    {
      name: "cfn: the filter's log group comes from an import under --strict",
      cfn: stack(CLOUDTRAIL_CHANGES).replace("LogGroupName: trail-events", "LogGroupName: !ImportValue group"),
      errors: [{ messageId: "unknown", line: 7, column: 7 }],
    },
    {
      name: "tf: the filter's log group from an unset variable under --strict",
      tf: 'variable "group" {\n  type = string\n}\n\n' + tfStack(JSON.stringify(CLOUDTRAIL_CHANGES), { groupName: "var.group" }),
      errors: [{ messageId: "unknown", line: 8, column: 3 }],
    },
  ],
});

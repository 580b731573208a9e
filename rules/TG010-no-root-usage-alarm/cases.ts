import { cases, json, tf } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const ROOT = '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';

/** A trail sending to a log group, a metric filter with `pattern`, an alarm and a topic. */
function stack(opts: { pattern?: string; threshold?: number; comparison?: string; statistic?: string; actions?: string; namespace?: string } = {}): string {
  const pattern = JSON.stringify(opts.pattern ?? ROOT);
  return `Resources:
  Group:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: trail-events }
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      CloudWatchLogsLogGroupArn: !GetAtt Group.Arn
      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-logs
  RootFilter:
    Type: AWS::Logs::MetricFilter
    Properties:
      LogGroupName: !Ref Group
      FilterPattern: ${pattern}
      MetricTransformations:
        - { MetricName: RootUsage, MetricNamespace: CISBenchmark, MetricValue: "1" }
  Alerts:
    Type: AWS::SNS::Topic
  RootAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      MetricName: RootUsage
      Namespace: ${opts.namespace ?? "CISBenchmark"}
      Statistic: ${opts.statistic ?? "Sum"}
      Period: 300
      EvaluationPeriods: 1
      Threshold: ${opts.threshold ?? 1}
      ComparisonOperator: ${opts.comparison ?? "GreaterThanOrEqualToThreshold"}
      AlarmActions: ${opts.actions ?? "[!Ref Alerts]"}
`;
}

interface TfStack {
  pattern?: string;
  threshold?: string;
  comparison?: string;
  statistic?: string;
  actions?: string;
  namespace?: string;
  /** Extra alarm arguments (count, actions_enabled). */
  alarmExtra?: string;
  /** Text before the resources (variables, locals). */
  head?: string;
  /** Leave out the metric filter and alarm (e.g. to call a module instead). */
  noChain?: boolean;
}
/** A trail sending to a log group (the trail's cloud_watch_logs_group_arn is on line 8 plus the head's lines), a metric filter, a topic and an alarm. */
function tfStack(o: TfStack = {}): string {
  const pattern = o.pattern ?? JSON.stringify(ROOT);
  const chain = `
resource "aws_cloudwatch_log_metric_filter" "root" {
  name           = "root-usage"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = ${pattern}
  metric_transformation {
    name      = "RootUsage"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_sns_topic" "alerts" {
  name = "security-alerts"
}

resource "aws_cloudwatch_metric_alarm" "root" {
${o.alarmExtra ?? ""}  alarm_name          = "root-usage"
  metric_name         = "RootUsage"
  namespace           = ${o.namespace ?? '"CISBenchmark"'}
  statistic           = ${o.statistic ?? '"Sum"'}
  period              = 300
  evaluation_periods  = 1
  threshold           = ${o.threshold ?? "1"}
  comparison_operator = ${o.comparison ?? '"GreaterThanOrEqualToThreshold"'}
  alarm_actions       = ${o.actions ?? "[aws_sns_topic.alerts.arn]"}
}
`;
  return `${o.head ?? ""}resource "aws_cloudwatch_log_group" "trail" {
  name = "trail-events"
}

resource "aws_cloudtrail" "main" {
  name                       = "audit"
  s3_bucket_name             = "logs"
  cloud_watch_logs_group_arn = "\${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/trail-logs"
}
${o.noChain ? "" : chain}`;
}
const alarmsModule = tf`
  variable "log_group_name" {}
  variable "namespace" {}
  variable "topic_arn" {}

  resource "aws_cloudwatch_log_metric_filter" "root" {
    name           = "root-usage"
    log_group_name = var.log_group_name
    pattern        = "{ $.userIdentity.type = \\"Root\\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \\"AwsServiceEvent\\" }"
    metric_transformation {
      name      = "RootUsage"
      namespace = "CISBenchmark"
      value     = "1"
    }
  }

  resource "aws_cloudwatch_metric_alarm" "root" {
    alarm_name          = "root-usage"
    metric_name         = "RootUsage"
    namespace           = var.namespace
    statistic           = "Sum"
    period              = 300
    evaluation_periods  = 1
    threshold           = 1
    comparison_operator = "GreaterThanOrEqualToThreshold"
    alarm_actions       = [var.topic_arn]
  }
`;
const callAlarms = (namespace: string) =>
  `\nmodule "alarms" {\n  source         = "./modules/alarms"\n  log_group_name = aws_cloudwatch_log_group.trail.name\n  namespace      = "${namespace}"\n  topic_arn      = "arn:aws:sns:us-east-1:111122223333:security-alerts"\n}\n`;

export default cases({
  valid: [
    { name: "live: the CIS filter, an alarm on one event and a topic with a confirmed subscription", live: live.single() },
    {
      name: "live: a reordered filter with extra exclusions still monitors root usage",
      live: live.single({ chain: { pattern: '{ ($.eventType != "AwsServiceEvent") && ($.userIdentity.type = "Root") && $.userIdentity.invokedBy NOT EXISTS }' } }),
    },
    { name: "cfn: the CIS filter, an alarm on one event, and an SNS topic", cfn: stack() },
    {
      name: "cfn: reordered terms, extra parentheses and an AssumeRoot exclusion",
      cfn: stack({ pattern: '{ ($.eventType != "AwsServiceEvent") && (($.userIdentity.type = "Root")) && $.eventName != "AssumeRoot" }' }),
    },
    { name: "cfn: SampleCount with threshold 0 and GreaterThanThreshold", cfn: stack({ statistic: "SampleCount", threshold: 0, comparison: "GreaterThanThreshold" }) },
    {
      name: "cfn json: a trail without CloudWatch Logs is TG005's business",
      cfnJson: json`
        { "Resources": { "T": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "logs", "IsLogging": true } } } }
      `,
    },
    { name: "tf: the CIS filter, an alarm on one event, and an aws_sns_topic", tf: tfStack() },
    {
      name: "tf: reordered terms, extra parentheses and an AssumeRoot exclusion, from a local heredoc",
      tf: tfStack({
        head: 'locals {\n  root_pattern = <<-EOT\n    {\n      ($.eventType != "AwsServiceEvent") &&\n      (($.userIdentity.type = "Root")) && $.eventName != "AssumeRoot"\n    }\n  EOT\n}\n\n',
        pattern: "local.root_pattern",
      }),
    },
    {
      name: "tf: SampleCount, threshold 0 from a variable default and GreaterThanThreshold",
      tf: tfStack({ head: 'variable "threshold" {\n  default = 0\n}\n\n', statistic: '"SampleCount"', threshold: "var.threshold", comparison: '"GreaterThanThreshold"' }),
    },
    { name: "tf: threshold from terraform.tfvars", tf: tfStack({ head: 'variable "threshold" {\n  default = 5\n}\n\n', threshold: "var.threshold" }), files: { "terraform.tfvars": "threshold = 1\n" } },
    { name: "tf: the filter and alarm in a local module", tf: tfStack({ noChain: true }) + callAlarms("CISBenchmark"), files: { "modules/alarms/main.tf": alarmsModule } },
    {
      name: "tf: a trail without CloudWatch Logs is TG005's business",
      tf: 'resource "aws_cloudtrail" "main" {\n  name           = "audit"\n  s3_bucket_name = "logs"\n}\n',
    },
  ],
  invalid: [
    {
      name: "live: the alarm needs five events in a period",
      live: live.single({ chain: { alarm: { threshold: 5 } } }),
      errors: [{ messageId: "alarm-never-fires", arn: live.TRAIL_ARN }],
    },
    {
      name: "live: nobody confirmed the topic's subscription",
      live: live.single({ chain: { topic: { confirmed: 0 } } }),
      errors: [{ messageId: "no-notification", arn: live.TRAIL_ARN }],
    },
    {
      name: "live: a lowercase root filter matches nothing",
      live: live.single({ chain: { pattern: '{ $.userIdentity.type = "root" }' } }),
      errors: [{ messageId: "no-filter", arn: live.TRAIL_ARN }],
    },
    {
      name: "cfn: no metric filter at all",
      cfn: stack().split("  RootFilter:")[0]!,
      errors: [{ messageId: "no-filter", line: 10, column: 7 }],
    },
    { name: "cfn: a lowercase \"root\" filter matches nothing", cfn: stack({ pattern: '{ $.userIdentity.type = "root" }' }), errors: [{ messageId: "no-filter", line: 10, column: 7 }] },
    {
      name: "cfn: an || filter that also matches IAM users",
      cfn: stack({ pattern: '{ $.userIdentity.type = "Root" || $.userIdentity.type = "IAMUser" }' }),
      errors: [{ messageId: "no-filter", line: 10, column: 7 }],
    },
    {
      name: "cfn: an alarm with threshold 1 and GreaterThanThreshold never fires on one event",
      cfn: stack({ comparison: "GreaterThanThreshold" }),
      errors: [{ messageId: "alarm-never-fires", line: 10, column: 7 }],
    },
    { name: "cfn: the alarm watches another namespace", cfn: stack({ namespace: "Other" }), errors: [{ messageId: "no-alarm", line: 10, column: 7 }] },
    { name: "cfn: the alarm has no SNS action", cfn: stack({ actions: "[]" }), errors: [{ messageId: "no-notification", line: 10, column: 7 }] },
    {
      name: "tf: no metric filter at all, at the trail's cloud_watch_logs_group_arn",
      tf: tfStack({ noChain: true }),
      errors: [{ messageId: "no-filter", line: 8, column: 3, endLine: 8, endColumn: 73, message: "Trail audit" }],
    },
    { name: 'tf: a lowercase "root" filter matches nothing', tf: tfStack({ pattern: JSON.stringify('{ $.userIdentity.type = "root" }') }), errors: [{ messageId: "no-filter", line: 8, column: 3 }] },
    {
      name: "tf: an || filter that also matches IAM users",
      tf: tfStack({ pattern: JSON.stringify('{ $.userIdentity.type = "Root" || $.userIdentity.type = "IAMUser" }') }),
      errors: [{ messageId: "no-filter", line: 8, column: 3 }],
    },
    {
      name: "tf: an alarm with threshold 1 and GreaterThanThreshold never fires on one event",
      tf: tfStack({ comparison: '"GreaterThanThreshold"' }),
      errors: [{ messageId: "alarm-never-fires", line: 8, column: 3 }],
    },
    {
      name: "tf: the alarm watches another namespace (a *.auto.tfvars file)",
      tf: tfStack({ head: 'variable "namespace" {\n  default = "CISBenchmark"\n}\n\n', namespace: "var.namespace" }),
      files: { "ops.auto.tfvars": 'namespace = "Ops"\n' },
      errors: [{ messageId: "no-alarm", line: 12, column: 3 }],
    },
    {
      name: "tf: a conditional leaves the alarm without actions outside prod",
      tf: tfStack({ head: 'variable "env" {\n  default = "dev"\n}\n\n', actions: 'var.env == "prod" ? [aws_sns_topic.alerts.arn] : []' }),
      errors: [{ messageId: "no-notification", line: 12, column: 3 }],
    },
    {
      name: "tf: actions disabled by a local",
      tf: tfStack({ head: "locals {\n  alarms_on = false\n}\n\n", alarmExtra: "  actions_enabled     = local.alarms_on\n" }),
      errors: [{ messageId: "no-notification", line: 12, column: 3 }],
    },
    { name: "tf: the only alarm has count = 0", tf: tfStack({ alarmExtra: "  count               = 0\n" }), errors: [{ messageId: "no-alarm", line: 8, column: 3 }] },
    {
      name: "tf: a local module called with another namespace",
      tf: tfStack({ noChain: true }) + callAlarms("Ops"),
      files: { "modules/alarms/main.tf": alarmsModule },
      errors: [{ messageId: "no-alarm", line: 8, column: 3, file: "main.tf" }],
    },
  ],
  review: [
    {
      name: "cfn: the filter pattern is imported under --strict",
      cfn: stack().replace(/FilterPattern: .*/, "FilterPattern: !ImportValue root-pattern"),
      errors: [{ messageId: "unknown", line: 10, column: 7 }],
    },
    {
      name: "tf: the filter pattern from an unset variable under --strict",
      tf: tfStack({ head: 'variable "pattern" {\n  type = string\n}\n\n', pattern: "var.pattern" }),
      errors: [{ messageId: "unknown", line: 12, column: 3 }],
    },
  ],
});

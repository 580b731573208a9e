import { cases, json } from "../../test/support/cases.ts";

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

export default cases({
  valid: [
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
  ],
  invalid: [
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
  ],
  review: [
    {
      name: "cfn: the filter pattern is imported under --strict",
      cfn: stack().replace(/FilterPattern: .*/, "FilterPattern: !ImportValue root-pattern"),
      errors: [{ messageId: "unknown", line: 10, column: 7 }],
    },
  ],
});

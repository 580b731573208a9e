import { cases } from "../../test/support/cases.ts";

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

export default cases({
  valid: [
    { name: "cfn: the CIS CloudTrail-changes filter and alarm (default monitoring)", cfn: stack(CLOUDTRAIL_CHANGES) },
    {
      name: "cfn: the same filter reformatted over several lines",
      cfn: stack("{\n  $.eventName = StopLogging ||\n  $.eventName = \"DeleteTrail\" || $.eventName=UpdateTrail\n}"),
    },
    { name: "cfn: monitoring turned off with []", config: "monitoring: []\n", cfn: stack(null) },
  ],
  invalid: [
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
  ],
  review: [
    {
      name: "cfn: the filter's log group comes from an import under --strict",
      cfn: stack(CLOUDTRAIL_CHANGES).replace("LogGroupName: trail-events", "LogGroupName: !ImportValue group"),
      errors: [{ messageId: "unknown", line: 7, column: 7 }],
    },
  ],
});

import { str, type JsonHandler } from "../context.ts";

export const cloudwatch: Record<string, JsonHandler> = {
  DescribeAlarmsForMetric(input, ctx) {
    const metric = str(input, "MetricName");
    const namespace = str(input, "Namespace");
    const alarms = ctx.account.alarms.filter((a) => a.region === ctx.region && a.metric === metric && a.namespace === namespace);
    return {
      MetricAlarms: alarms.map((a) => ({
        AlarmName: a.name,
        AlarmArn: `arn:${ctx.world.partition}:cloudwatch:${a.region}:${ctx.account.id}:alarm:${a.name}`,
        ActionsEnabled: a.actionsEnabled,
        AlarmActions: a.actions,
        OKActions: [],
        InsufficientDataActions: [],
        MetricName: a.metric,
        Namespace: a.namespace,
        Statistic: a.statistic,
        Dimensions: [],
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: a.threshold,
        ComparisonOperator: a.comparison,
        StateValue: "OK",
      })),
    };
  },
};

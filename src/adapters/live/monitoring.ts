/**
 * A trail's CloudWatch Logs side, read from the trail's log group outward only (so an account with
 * 100,000 log groups costs no more): the group, its metric filters, the alarms on their metrics
 * (DescribeAlarmsForMetric) and the SNS topics those alarms notify.
 */
import type { Alarm, LogGroup, MetricFilter, Topic } from "../../model/entities.ts";
import { logGroupNameOf } from "../../model/link.ts";
import type { Unknown } from "../../model/sourced.ts";
import { read, readPages } from "./calls.ts";
import { entityBase, fact, gap, splitArn } from "./loc.ts";
import type { AccountScope } from "./scope.ts";

export interface Monitoring {
  readonly group: LogGroup | Unknown;
  readonly filters: readonly MetricFilter[];
  readonly alarms: readonly Alarm[];
  readonly topics: readonly Topic[];
}

export function readMonitoring(scope: AccountScope, groupArn: string): Promise<Monitoring> {
  return scope.once(`logs:${groupArn}`, async () => {
    const parts = splitArn(groupArn);
    const name = logGroupNameOf(groupArn);
    const empty = (u: Unknown): Monitoring => ({ group: u, filters: [], alarms: [], topics: [] });
    if (!parts || name === null) return empty(gap("invalid", groupArn, [], "not a log group ARN"));
    const region = parts.region;
    const { logs } = scope.clients.transport.sdk;
    const c = scope.clients.logs(region);
    const groups = await readPages(
      scope.site("CloudWatchLogsClient", "DescribeLogGroups", region, name),
      scope.notes,
      (nextToken) => c.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: name, ...(nextToken ? { nextToken } : {}) })),
      (p) => p.logGroups,
      (p) => p.nextToken,
    );
    if (!groups.ok) return empty(gap(groups.reason, groupArn, [], groups.code));
    const found = groups.value.find((g) => g.logGroupName === name);
    if (!found) {
      scope.notes.add({ level: "warning", id: "unresolved", message: `Log group ${name} in ${region} for account ${scope.id} does not exist: the monitoring of the trails that name it is unknown.` });
      return empty(gap("not-found", groupArn, [], "the log group does not exist"));
    }
    const arn = (found.arn ?? groupArn).replace(/:\*$/, "");
    const group: LogGroup = {
      type: "log-group",
      ...entityBase(arn, name, scope.id, region),
      name: fact(name, arn, "logGroupName"),
      logGroupArn: fact(found.arn ?? groupArn, arn, "arn"),
      retentionDays: fact(found.retentionInDays ?? null, arn, "retentionInDays"),
    };
    const filters = await readPages(
      scope.site("CloudWatchLogsClient", "DescribeMetricFilters", region, name),
      scope.notes,
      (nextToken) => c.send(new logs.DescribeMetricFiltersCommand({ logGroupName: name, ...(nextToken ? { nextToken } : {}) })),
      (p) => p.metricFilters,
      (p) => p.nextToken,
    );
    if (!filters.ok) {
      // The filters are unknown: one placeholder keeps "no filter" from being concluded.
      const f = `${arn}:metric-filter/*`;
      const u = gap(filters.reason, f, [], filters.code);
      return { group, filters: [{ type: "metric-filter", ...entityBase(f, `${name} filters`, scope.id, region), logGroupName: fact(name, f, "logGroupName"), pattern: u, metrics: u }], alarms: [], topics: [] };
    }
    const metricFilters: MetricFilter[] = filters.value.map((mf) => {
      const f = `${arn}:metric-filter/${mf.filterName ?? ""}`;
      return {
        type: "metric-filter",
        ...entityBase(f, mf.filterName ?? f, scope.id, region),
        logGroupName: fact(mf.logGroupName ?? name, f, "logGroupName"),
        pattern: fact(mf.filterPattern ?? "", f, "filterPattern"),
        metrics: fact((mf.metricTransformations ?? []).map((m) => ({ name: m.metricName ?? null, namespace: m.metricNamespace ?? null, value: m.metricValue ?? null })), f, "metricTransformations"),
      };
    });
    const alarms = await alarmsFor(scope, region, metricFilters);
    const topics = await topicsFor(scope, alarms);
    return { group, filters: metricFilters, alarms, topics };
  });
}

async function alarmsFor(scope: AccountScope, region: string, filters: readonly MetricFilter[]): Promise<Alarm[]> {
  const metrics = new Map<string, { name: string; namespace: string }>();
  for (const f of filters) {
    if (f.metrics.kind !== "known") continue;
    for (const m of f.metrics.value) if (typeof m.name === "string" && typeof m.namespace === "string") metrics.set(`${m.namespace}\u0000${m.name}`, { name: m.name, namespace: m.namespace });
  }
  const { cloudwatch } = scope.clients.transport.sdk;
  const c = scope.clients.cloudwatch(region);
  const byArn = new Map<string, Alarm>();
  await Promise.all(
    [...metrics.values()].map(async (m) => {
      const got = await read(scope.site("CloudWatchClient", "DescribeAlarmsForMetric", region, `${m.namespace}/${m.name}`), scope.notes, () =>
        c.send(new cloudwatch.DescribeAlarmsForMetricCommand({ MetricName: m.name, Namespace: m.namespace })),
      );
      if (!got.ok) return;
      for (const a of got.value.MetricAlarms ?? []) {
        const arn = a.AlarmArn ?? scope.arn("cloudwatch", region, `alarm:${a.AlarmName ?? ""}`);
        byArn.set(arn, {
          type: "alarm",
          ...entityBase(arn, a.AlarmName ?? arn, scope.id, region),
          metricName: fact(a.MetricName ?? null, arn, "MetricName"),
          namespace: fact(a.Namespace ?? null, arn, "Namespace"),
          statistic: fact(a.Statistic ?? null, arn, "Statistic"),
          threshold: fact(a.Threshold ?? null, arn, "Threshold"),
          comparison: a.ComparisonOperator ? fact(a.ComparisonOperator, arn, "ComparisonOperator") : gap("not-found", arn, "ComparisonOperator"),
          actionsEnabled: fact(a.ActionsEnabled ?? true, arn, "ActionsEnabled"),
          alarmActions: fact([...(a.AlarmActions ?? [])], arn, "AlarmActions"),
        });
      }
    }),
  );
  return [...byArn.values()].sort((x, y) => (x.address < y.address ? -1 : 1));
}

/** The account's own SNS topics named by the alarms, with their confirmed subscriptions. */
async function topicsFor(scope: AccountScope, alarms: readonly Alarm[]): Promise<Topic[]> {
  const arns = new Set<string>();
  for (const a of alarms) {
    if (a.alarmActions.kind !== "known") continue;
    for (const x of a.alarmActions.value) {
      const p = typeof x === "string" ? splitArn(x) : null;
      if (p && p.service === "sns" && p.account === scope.id) arns.add(x as string);
    }
  }
  const { sns } = scope.clients.transport.sdk;
  const topics = await Promise.all(
    [...arns].sort().map((arn) =>
      scope.once(`topic:${arn}`, async (): Promise<Topic> => {
        const p = splitArn(arn)!;
        const c = scope.clients.sns(p.region);
        // A topic that is gone notifies no one: no confirmed subscription.
        const gone = { Attributes: { SubscriptionsConfirmed: "0" } };
        const got = await read(scope.site("SNSClient", "GetTopicAttributes", p.region, arn), scope.notes, async () => (await c.send(new sns.GetTopicAttributesCommand({ TopicArn: arn }))) as { Attributes?: Record<string, string> }, { NotFoundException: gone, NotFound: gone });
        const confirmed = got.ok ? Number(got.value.Attributes?.["SubscriptionsConfirmed"]) : NaN;
        return {
          type: "topic",
          ...entityBase(arn, p.resource, scope.id, p.region),
          name: fact(p.resource, arn, "TopicName"),
          topicArn: fact(arn, arn, "TopicArn"),
          subscriptions: !got.ok ? gap(got.reason, arn, "SubscriptionsConfirmed", got.code) : Number.isFinite(confirmed) ? fact(confirmed, arn, "SubscriptionsConfirmed") : gap("not-found", arn, "SubscriptionsConfirmed"),
        };
      }),
    ),
  );
  return topics;
}

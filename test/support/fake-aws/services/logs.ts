import { str, type JsonHandler } from "../context.ts";
import { FakeError } from "../wire.ts";
import { logGroupArn } from "../world.ts";

const PAGE = 50;

export const logs: Record<string, JsonHandler> = {
  DescribeLogGroups(input, ctx) {
    const prefix = typeof input["logGroupNamePrefix"] === "string" ? input["logGroupNamePrefix"] : "";
    const groups = ctx.account.logGroups.filter((g) => g.region === ctx.region && g.name.startsWith(prefix));
    return {
      logGroups: groups.map((g) => ({
        logGroupName: g.name,
        arn: logGroupArn(g, ctx.account.id, ctx.world.partition),
        logGroupArn: logGroupArn(g, ctx.account.id, ctx.world.partition).replace(/:\*$/, ""),
        retentionInDays: g.retention,
        metricFilterCount: g.filters.length,
        storedBytes: 0,
      })),
    };
  },
  DescribeMetricFilters(input, ctx) {
    const name = str(input, "logGroupName");
    const group = ctx.account.logGroups.find((g) => g.region === ctx.region && g.name === name);
    if (!group) throw new FakeError("ResourceNotFoundException", "The specified log group does not exist.");
    const start = typeof input["nextToken"] === "string" ? Number(input["nextToken"]) : 0;
    const page = group.filters.slice(start, start + PAGE);
    return {
      metricFilters: page.map((f) => ({
        filterName: f.name,
        filterPattern: f.pattern,
        logGroupName: group.name,
        metricTransformations: [{ metricName: f.metric, metricNamespace: f.namespace, metricValue: f.value }],
        creationTime: 0,
      })),
      nextToken: start + PAGE < group.filters.length ? String(start + PAGE) : undefined,
    };
  },
};

import type { Model, Trail } from "../model/entities.ts";
import { logGroupNameOf } from "../model/link.ts";
import type { Known, Unknown } from "../model/sourced.ts";
import { monitoringChain, type ChainResult } from "./alarm-chain.ts";

export type TrailMonitoring =
  | { readonly kind: "skip" } // the trail sends nothing to CloudWatch Logs: TG005's business
  | { readonly kind: "unknown"; readonly at: Unknown }
  | { readonly kind: "judged"; readonly at: Known<string | null>; readonly chain: ChainResult };

/** Judge one trail's log group for a class of events, with the pattern test given. */
export function trailMonitoring(model: Model, trail: Trail, monitors: (pattern: string) => "yes" | "no" | "invalid-pattern"): TrailMonitoring {
  const arn = trail.cloudWatchLogsGroupArn;
  if (arn.kind === "unknown") return { kind: "unknown", at: arn };
  if (!arn.value) return { kind: "skip" };
  const group = trail.logGroup?.kind === "resolved" ? trail.logGroup.target.name : null;
  const groupName = group?.kind === "known" ? group.value : logGroupNameOf(arn.value);
  if (groupName === null) return { kind: "unknown", at: { kind: "unknown", reason: "unsupported-expression", loc: arn.loc } };
  const chain = monitoringChain({
    groupName,
    filters: model.metricFilters,
    alarms: model.alarms,
    topics: model.topics,
    live: model.account.source === "live",
    monitors,
  });
  return { kind: "judged", at: arn, chain };
}

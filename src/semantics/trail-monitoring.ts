import type { Alarm, MetricFilter, Model, Trail } from "../model/entities.ts";
import { logGroupNameOf } from "../model/link.ts";
import type { Known, Unknown } from "../model/sourced.ts";
import { isUnknown, type Value } from "../model/value.ts";
import { monitoringChain, type ChainResult } from "./alarm-chain.ts";

export type TrailMonitoring =
  | { readonly kind: "skip" } // the trail sends nothing to CloudWatch Logs: TG005's business
  | { readonly kind: "unknown"; readonly at: Unknown }
  | { readonly kind: "judged"; readonly at: Known<string | null>; readonly chain: ChainResult };

/** Filters by log group and alarms by metric, built once per model: every trail looks up only its own. */
interface ChainIndex {
  readonly filtersByGroup: Map<string, MetricFilter[]>;
  readonly filtersAnyGroup: MetricFilter[];
  readonly alarmsByMetric: Map<string, Alarm[]>;
  readonly alarmsAnyMetric: Alarm[];
}

const indexes = new WeakMap<Model, ChainIndex>();

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function indexOf(model: Model): ChainIndex {
  let ix = indexes.get(model);
  if (ix) return ix;
  ix = { filtersByGroup: new Map(), filtersAnyGroup: [], alarmsByMetric: new Map(), alarmsAnyMetric: [] };
  for (const f of model.metricFilters) {
    if (f.logGroupName.kind === "known") push(ix.filtersByGroup, f.logGroupName.value, f);
    else ix.filtersAnyGroup.push(f);
  }
  for (const a of model.alarms) {
    if (a.metricName.kind === "known" && a.namespace.kind === "known") push(ix.alarmsByMetric, `${a.metricName.value}\u0000${a.namespace.value}`, a);
    else ix.alarmsAnyMetric.push(a);
  }
  indexes.set(model, ix);
  return ix;
}

/** Judge one trail's log group for a class of events, with the pattern test given. */
export function trailMonitoring(model: Model, trail: Trail, monitors: (pattern: string) => "yes" | "no" | "invalid-pattern"): TrailMonitoring {
  const arn = trail.cloudWatchLogsGroupArn;
  if (arn.kind === "unknown") return { kind: "unknown", at: arn };
  if (!arn.value) return { kind: "skip" };
  // A log group in another account, or one that could not be read, has filters nobody can see.
  if (trail.logGroup?.kind === "unknown" && trail.logGroup.reason !== "not-found") return { kind: "unknown", at: trail.logGroup };
  const group = trail.logGroup?.kind === "resolved" ? trail.logGroup.target.name : null;
  const groupName = group?.kind === "known" ? group.value : logGroupNameOf(arn.value);
  if (groupName === null) return { kind: "unknown", at: { kind: "unknown", reason: "unsupported-expression", loc: arn.loc } };
  const ix = indexOf(model);
  const alarmsFor = (name: Value, namespace: Value): readonly Alarm[] =>
    isUnknown(name) || isUnknown(namespace) ? model.alarms : [...(ix.alarmsByMetric.get(`${String(name)}\u0000${String(namespace)}`) ?? []), ...ix.alarmsAnyMetric];
  const chain = monitoringChain({
    groupName,
    filters: [...(ix.filtersByGroup.get(groupName) ?? []), ...ix.filtersAnyGroup],
    alarmsFor,
    topics: model.topics,
    live: model.account.source === "live",
    monitors,
  });
  return { kind: "judged", at: arn, chain };
}

/** A pattern test that parses and evaluates each distinct pattern once. */
export function memoized(test: (pattern: string) => "yes" | "no" | "invalid-pattern"): (pattern: string) => "yes" | "no" | "invalid-pattern" {
  const cache = new Map<string, "yes" | "no" | "invalid-pattern">();
  return (p) => {
    let v = cache.get(p);
    if (v === undefined) cache.set(p, (v = test(p)));
    return v;
  };
}

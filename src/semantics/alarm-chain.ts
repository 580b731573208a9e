/**
 * The monitoring chain of TG010 and TG019: a metric filter on the trail's log group whose pattern
 * monitors the event class → an alarm on that filter's metric (name and namespace, never resource
 * names) that fires on one event → an action that notifies someone through SNS.
 */
import type { Alarm, MetricFilter, Topic } from "../model/entities.ts";
import { perList } from "../model/query.ts";
import type { Sourced } from "../model/sourced.ts";
import { isUnknown, type Value } from "../model/value.ts";
import type { Tri } from "./selectors/tri.ts";

export type ChainGap = "no-filter" | "no-alarm" | "alarm-never-fires" | "no-notification";

export interface ChainResult {
  readonly verdict: Tri;
  /** The furthest link that is missing when the verdict is not "yes". */
  readonly gap: ChainGap | null;
  /** The filters that monitor the class, and the alarms on their metrics. */
  readonly filters: readonly MetricFilter[];
  readonly alarms: readonly Alarm[];
}

export interface ChainInput {
  /** The trail's log group name. */
  readonly groupName: string;
  /** The filters that may be on that group (the caller may pre-select them by name). */
  readonly filters: readonly MetricFilter[];
  /** The alarms that may watch a metric (the caller may pre-select them by name and namespace). */
  readonly alarmsFor: (name: Value, namespace: Value) => readonly Alarm[];
  readonly topics: readonly Topic[];
  /** Live scans need a confirmed subscription on the topic; in IaC naming a topic is enough. */
  readonly live: boolean;
  /** Whether a filter pattern monitors the class. */
  readonly monitors: (pattern: string) => "yes" | "no" | "invalid-pattern";
}

const STAGES: readonly ChainGap[] = ["no-filter", "no-alarm", "alarm-never-fires", "no-notification"];

function tri(v: Sourced<unknown>, test: (x: unknown) => boolean): Tri {
  return v.kind === "unknown" ? "unknown" : test(v.value) ? "yes" : "no";
}

function and(...ts: Tri[]): Tri {
  return ts.includes("no") ? "no" : ts.includes("unknown") ? "unknown" : "yes";
}

/** Does an alarm fire for a period holding one matching event (each event adds `metricValue`)? */
export function firesOnOneEvent(alarm: Alarm, metricValue: Value): Tri {
  if (alarm.statistic.kind === "unknown" || alarm.threshold.kind === "unknown" || alarm.comparison.kind === "unknown") return "unknown";
  const stat = alarm.statistic.value;
  const threshold = alarm.threshold.value;
  if (stat === null || threshold === null) return "unknown"; // extended statistics or metric math
  let v: number;
  if (stat === "SampleCount") v = 1;
  else if (stat === "Sum" || stat === "Maximum" || stat === "Minimum" || stat === "Average") {
    const n = typeof metricValue === "number" ? metricValue : typeof metricValue === "string" ? Number(metricValue) : NaN;
    if (isUnknown(metricValue) || Number.isNaN(n)) return "unknown";
    v = n;
  } else return "unknown";
  switch (alarm.comparison.value) {
    case "GreaterThanOrEqualToThreshold":
      return v >= threshold ? "yes" : "no";
    case "GreaterThanThreshold":
      return v > threshold ? "yes" : "no";
    case "LessThanThreshold":
      return v < threshold ? "yes" : "no";
    case "LessThanOrEqualToThreshold":
      return v <= threshold ? "yes" : "no";
    default:
      return "unknown"; // anomaly-detection bands
  }
}

/** The first topic with each known ARN: alarms look their topics up by ARN. */
const topicsByArn = perList((topics: readonly Topic[]) => {
  const map = new Map<string, Topic>();
  for (const t of topics) if (t.topicArn.kind === "known" && !map.has(t.topicArn.value)) map.set(t.topicArn.value, t);
  return map;
});

/** Does the alarm notify someone through SNS? */
export function notifies(alarm: Alarm, topics: readonly Topic[], live: boolean): Tri {
  const enabled = tri(alarm.actionsEnabled, (x) => x === true);
  if (alarm.alarmActions.kind === "unknown") return and(enabled, "unknown");
  let best: Tri = "no";
  const byArn = topicsByArn(topics);
  for (const a of alarm.alarmActions.value) {
    if (isUnknown(a)) {
      best = best === "yes" ? "yes" : "unknown";
      continue;
    }
    if (typeof a !== "string") continue;
    const topic = byArn.get(a);
    let ok: Tri;
    if (live) ok = topic ? tri(topic.subscriptions, (n) => typeof n === "number" && n > 0) : a.startsWith("arn:") && a.split(":")[2] === "sns" ? "unknown" : "no";
    else ok = topic || /^arn:[^:]*:sns:/.test(a) ? "yes" : "no";
    if (ok === "yes") best = "yes";
    else if (ok === "unknown" && best === "no") best = "unknown";
  }
  return and(enabled, best);
}

/** Judge the chain for one trail's log group. */
export function monitoringChain(input: ChainInput): ChainResult {
  // Every way through the chain ends at the first missing link (its stage); an unknown value on the
  // way means the chain might still be complete. Only the furthest stage and "any unknown" matter.
  let furthest = 0;
  let unknownSeen = false;
  let complete = false;
  const reach = (stage: number, unknown: boolean) => {
    furthest = Math.max(furthest, stage);
    unknownSeen ||= unknown;
    complete ||= stage === STAGES.length;
  };
  const usedFilters: MetricFilter[] = [];
  const usedAlarms: Alarm[] = [];
  for (const f of input.filters) {
    if (complete) break;
    const onGroup = tri(f.logGroupName, (n) => n === input.groupName);
    if (onGroup === "no") continue;
    const monitors: Tri = f.pattern.kind === "unknown" ? "unknown" : input.monitors(f.pattern.value) === "yes" ? "yes" : "no";
    const filterOk = and(onGroup, monitors);
    if (filterOk === "no") continue;
    if (filterOk === "unknown") {
      reach(0, true);
      continue;
    }
    usedFilters.push(f);
    if (f.metrics.kind === "unknown") {
      reach(1, true);
      continue;
    }
    let alarmFound = false;
    for (const m of f.metrics.value) {
      for (const a of input.alarmsFor(m.name, m.namespace)) {
        const sameName = a.metricName.kind === "unknown" || isUnknown(m.name) ? "unknown" : a.metricName.value === m.name ? "yes" : "no";
        const sameNs = a.namespace.kind === "unknown" || isUnknown(m.namespace) ? "unknown" : a.namespace.value === m.namespace ? "yes" : "no";
        const linked = and(sameName, sameNs);
        if (linked === "no") continue;
        if (linked === "unknown") {
          reach(1, true);
          continue;
        }
        alarmFound = true;
        usedAlarms.push(a);
        const fires = firesOnOneEvent(a, m.value);
        if (fires !== "yes") {
          reach(2, fires === "unknown");
          continue;
        }
        const n = notifies(a, input.topics, input.live);
        reach(n === "yes" ? STAGES.length : 3, n === "unknown");
        if (complete) break;
      }
    }
    if (!alarmFound) reach(1, false);
  }
  const result = (verdict: Tri, gap: ChainGap | null): ChainResult => ({ verdict, gap, filters: usedFilters, alarms: usedAlarms });
  if (complete) return result("yes", null);
  return result(unknownSeen ? "unknown" : "no", STAGES[furthest]!);
}

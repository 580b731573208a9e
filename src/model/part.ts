import type { Alarm, Bucket, Directive, EventDataStore, Key, LogGroup, MetricFilter, Topic, Trail } from "./entities.ts";

/** What one adapter unit (a template, a Terraform root, a plan, an account-region) contributes. */
export interface ModelPart {
  trails: Trail[];
  eventDataStores: EventDataStore[];
  buckets: Bucket[];
  keys: Key[];
  logGroups: LogGroup[];
  metricFilters: MetricFilter[];
  alarms: Alarm[];
  topics: Topic[];
  directives: Directive[];
}

export function emptyPart(): ModelPart {
  return { trails: [], eventDataStores: [], buckets: [], keys: [], logGroups: [], metricFilters: [], alarms: [], topics: [], directives: [] };
}

export function mergeParts(parts: readonly ModelPart[]): ModelPart {
  const out = emptyPart();
  for (const p of parts) {
    for (const k of Object.keys(out) as (keyof ModelPart)[]) (out[k] as unknown[]).push(...p[k]);
  }
  return out;
}

// Whether a CloudWatch Logs metric-filter pattern monitors a class of CloudTrail events:
// it must match every event the class requires and none of its look-alikes. The pattern is
// parsed and evaluated (semantics/filter-pattern), never compared as text.

import { matchesEvent, parseFilterPattern } from "../filter-pattern/index.ts";
import type { FilterPattern, ParseError } from "../filter-pattern/index.ts";
import { EVENT_CLASSES, eventClass } from "./classes.ts";
import type { EventClassId } from "./classes.ts";
import type { CloudTrailEvent } from "./events.ts";

export {
  EVENT_CLASSES,
  EVENT_CLASS_IDS,
  MONITORING_CLASS_IDS,
  eventClass,
  isEventClassId,
  isMonitoringClassId,
} from "./classes.ts";
export type { EventClass, EventClassId, MonitoringClassId } from "./classes.ts";
export * from "./events.ts";

export type MonitorVerdict = "yes" | "no" | "invalid-pattern";

export interface ClassCheck {
  readonly monitored: boolean;
  /** required events the pattern does not match */
  readonly missed: readonly CloudTrailEvent[];
  /** look-alike events the pattern matches */
  readonly falseHits: readonly CloudTrailEvent[];
}

/** Judges a parsed pattern against one class, saying which samples decided it. */
export function checkClass(pattern: FilterPattern, classId: EventClassId): ClassCheck {
  const cls = eventClass(classId);
  const missed = cls.mustMatch.filter((e) => !matchesEvent(pattern, e));
  const falseHits = cls.mustNotMatch.filter((e) => matchesEvent(pattern, e));
  return { monitored: missed.length === 0 && falseHits.length === 0, missed, falseHits };
}

/** Whether a parsed pattern monitors the class. */
export function patternMonitorsClass(pattern: FilterPattern, classId: EventClassId): boolean {
  return checkClass(pattern, classId).monitored;
}

/** "yes" when the pattern matches every required event of the class and no look-alike. */
export function monitorsClass(patternText: string, classId: EventClassId): MonitorVerdict {
  const parsed = parseFilterPattern(patternText);
  if (!parsed.ok) return "invalid-pattern";
  return patternMonitorsClass(parsed.pattern, classId) ? "yes" : "no";
}

/** TG010: the pattern matches the root user's sign-in and API call, and not an IAM user's or a role's call. */
export function monitorsRootUsage(patternText: string): MonitorVerdict {
  return monitorsClass(patternText, "root-usage");
}

/** Every class a pattern monitors (parsed once), or the parse error. */
export function monitoredClasses(
  patternText: string,
): { readonly ok: true; readonly classes: readonly EventClassId[] } | { readonly ok: false; readonly error: ParseError } {
  const parsed = parseFilterPattern(patternText);
  if (!parsed.ok) return parsed;
  return { ok: true, classes: EVENT_CLASSES.filter((c) => patternMonitorsClass(parsed.pattern, c.id)).map((c) => c.id) };
}

/**
 * Event-selector coverage: which management and S3 data events a trail (or an event data store)
 * records, judged from its selectors' conditions alone (an advanced selector's name is never read).
 *
 * Every answer is three-valued. Unknown values make an answer "unknown" rather than "no", unless
 * the known parts decide it (another selector already covers the events, or every selector that
 * could is known to miss some of them).
 */
import type { EventSelectors } from "../model/entities.ts";
import type { NormalSelector } from "./selectors/conditions.ts";
import {
  EVENT_CATEGORY,
  EVENT_SOURCE,
  READ_ONLY,
  RESOURCES_ARN,
  RESOURCES_TYPE,
  basicData,
  basicManagement,
  fromAdvanced,
  readBoolean,
} from "./selectors/conditions.ts";
import type { EventClass } from "./selectors/coverage.ts";
import { conditionHolds, covers } from "./selectors/coverage.ts";
import type { Tri } from "./selectors/tri.ts";
import { triOr } from "./selectors/tri.ts";

export type { Tri } from "./selectors/tri.ts";
export { triAnd, triOr } from "./selectors/tri.ts";

/** Whether read events and write events are recorded. */
export interface Coverage {
  readonly read: Tri;
  readonly write: Tri;
}

/** Selectors as one normalized list; null when the default applies (no selectors configured). */
function normalized(
  selectors: EventSelectors,
  fromBasic: (s: Extract<EventSelectors, { kind: "basic" }>["selectors"][number]) => readonly NormalSelector[],
): NormalSelector[] | null {
  // An empty list is taken as "no selectors configured": the default (all management events).
  if (selectors.kind === "none" || selectors.selectors.length === 0) return null;
  if (selectors.kind === "basic") return selectors.selectors.flatMap(fromBasic);
  return selectors.selectors.map(fromAdvanced);
}

function managementClass(readOnly: "true" | "false"): EventClass {
  return {
    fixed: new Map([
      [EVENT_CATEGORY, "Management"],
      [READ_ONLY, readOnly],
    ]),
    prefixed: new Map(),
    required: [EVENT_CATEGORY],
    // Excluding some sources (`eventSource NotEquals kms.amazonaws.com`, the basic
    // ExcludeManagementEventSources) still records management events; limiting a selector to
    // named sources or events does not record them all.
    exclusionsAllowed: true,
  };
}

/**
 * Are read and write management events recorded? No selectors record both. A basic selector
 * records them per `IncludeManagementEvents` (default true) and `ReadWriteType` (default All); an
 * advanced selector when `eventCategory` equals Management, as `readOnly` allows, unless another
 * condition limits it to some sources or events. The trail's selectors add up.
 */
export function managementCoverage(selectors: EventSelectors): Coverage {
  const sels = normalized(selectors, (b) => {
    const m = basicManagement(b);
    return m === null ? [] : [m];
  });
  if (sels === null) return { read: "yes", write: "yes" };
  return { read: covers(sels, managementClass("true")), write: covers(sels, managementClass("false")) };
}

/**
 * True only when the selectors are known and plainly record no management events at all: every basic
 * selector sets `IncludeManagementEvents` false, or every advanced selector's `eventCategory`
 * condition leaves Management out. A quick test, before (or beside) `managementCoverage`.
 */
export function excludesManagementPlainly(selectors: EventSelectors): boolean {
  if (selectors.kind === "none" || selectors.selectors.length === 0) return false;
  if (selectors.kind === "basic") {
    return selectors.selectors.every((b) => readBoolean(b.includeManagementEvents, true) === false);
  }
  return selectors.selectors.every((a) => {
    const sel = fromAdvanced(a);
    return sel !== "unknown" && sel.some((c) => c.field === EVENT_CATEGORY && conditionHolds(c, "Management", false) === "no");
  });
}

function s3ObjectClass(bucketName: string, readOnly: "true" | "false"): EventClass {
  return {
    fixed: new Map([
      [EVENT_CATEGORY, "Data"],
      [RESOURCES_TYPE, "AWS::S3::Object"],
      [READ_ONLY, readOnly],
      [EVENT_SOURCE, "s3.amazonaws.com"],
    ]),
    // The ARN of every object in the bucket: `arn:aws:s3:::bucket/key`, with a non-empty key.
    prefixed: new Map([[RESOURCES_ARN, `arn:aws:s3:::${bucketName}/`]]),
    required: [EVENT_CATEGORY, RESOURCES_TYPE],
    // Any condition that drops some of the bucket's object events leaves the bucket not fully covered.
    exclusionsAllowed: false,
  };
}

/**
 * Are read and write S3 object data events recorded for every object of the bucket? A bucket name
 * may hold a symbolic token: it matches only ARNs written with the same token. Partial coverage (a
 * key prefix, some event names, one excluded object) is "no". No selectors record no data events.
 */
export function s3DataCoverage(selectors: EventSelectors, bucketName: string): Coverage {
  const sels = normalized(selectors, basicData);
  if (sels === null) return { read: "no", write: "no" };
  return {
    read: covers(sels, s3ObjectClass(bucketName, "true")),
    write: covers(sels, s3ObjectClass(bucketName, "false")),
  };
}

/** Coverage from several selectors or several trails together: any "yes" wins, then any "unknown". */
export function combineCoverage(list: readonly Coverage[]): Coverage {
  return {
    read: triOr(...list.map((c) => c.read)),
    write: triOr(...list.map((c) => c.write)),
  };
}

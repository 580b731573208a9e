import { UnknownValue, arnParts } from "./value.ts";
import type { Bucket, Key, LogGroup, Trail } from "./entities.ts";
import type { Ref } from "./sourced.ts";

export function target<T>(ref: Ref<T> | null): T | null {
  return ref && ref.kind === "resolved" ? ref.target : null;
}

export function trailBucket(t: Trail): Bucket | null {
  return target(t.bucket);
}

export function trailKey(t: Trail): Key | null {
  return target(t.kmsKey);
}

export function trailLogGroup(t: Trail): LogGroup | null {
  return target(t.logGroup);
}

/**
 * `build(list)` computed once per list (and again when the list has grown: a model still being
 * built). Rules that look something up for every entity use it to avoid a scan per lookup.
 */
export function perList<T, R>(build: (list: readonly T[]) => R): (list: readonly T[]) => R {
  const cache = new WeakMap<readonly T[], { readonly length: number; readonly value: R }>();
  return (list) => {
    let hit = cache.get(list);
    if (hit === undefined || hit.length !== list.length) cache.set(list, (hit = { length: list.length, value: build(list) }));
    return hit.value;
  };
}

/** Each bucket trails write to, with those trails in list order; buckets in the order their first trail comes. */
export const trailsByBucket: (trails: readonly Trail[]) => ReadonlyMap<Bucket, readonly Trail[]> = perList((trails: readonly Trail[]) => {
  const map = new Map<Bucket, Trail[]>();
  for (const t of trails) {
    const b = trailBucket(t);
    if (b === null) continue;
    const list = map.get(b);
    if (list) list.push(t);
    else map.set(b, [t]);
  }
  return map;
});

/** The object-key prefix under which a trail writes: `[S3KeyPrefix/]AWSLogs/`; null when unknown. */
export function logKeyPrefix(t: Trail): string | null {
  const p = t.s3KeyPrefix;
  if (p.kind === "unknown") return null;
  const prefix = p.value ? p.value.replace(/\/+$/, "") + "/" : "";
  return `${prefix}AWSLogs/`;
}

/** The account in a trail's ARN (`arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME`), possibly symbolic. */
export function trailAccount(t: Trail): string | UnknownValue {
  if (t.trailArn.kind === "unknown") return new UnknownValue(t.trailArn.reason, t.trailArn.detail);
  const parts = arnParts(t.trailArn.value);
  return parts[0] === "arn" && parts[2] === "cloudtrail" && parts.length >= 6 ? parts[4]! : new UnknownValue("invalid", "trail ARN");
}

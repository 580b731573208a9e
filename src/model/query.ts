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

/** The trails that write to a bucket. */
export function trailsOf(bucket: Bucket, trails: readonly Trail[]): Trail[] {
  return trails.filter((t) => trailBucket(t) === bucket);
}

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

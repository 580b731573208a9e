import type { Loc } from "./location.ts";
import { unknown, type Ref, type Sourced } from "./sourced.ts";
import type { Bucket, Key, LogGroup } from "./entities.ts";

function resolved<T>(target: T, via: Loc): Ref<T> {
  return { kind: "resolved", target, via };
}

/** A trail's bucket, by name (names may be symbolic identities). */
export function linkBucket(name: Sourced<string>, buckets: readonly Bucket[]): Ref<Bucket> {
  if (name.kind === "unknown") return name;
  const b = buckets.find((x) => x.name.kind === "known" && x.name.value === name.value);
  return b ? resolved(b, name.loc) : unknown("not-found", name.loc, name.value);
}

/** The last part of a key reference: key ID, `alias/NAME`, or either inside an ARN. */
function keyHandle(s: string): string {
  const m = /:(key\/.+|alias\/.+)$/.exec(s);
  const tail = m ? m[1]! : s;
  return tail.startsWith("key/") ? tail.slice(4) : tail;
}

export function linkKey(id: Sourced<string | null>, keys: readonly Key[]): Ref<Key> | null {
  if (id.kind === "unknown") return id;
  if (id.value === null) return null;
  const h = keyHandle(id.value);
  const k = keys.find((x) => (x.keyId.kind === "known" && x.keyId.value === h) || x.aliases.includes(h));
  return k ? resolved(k, id.loc) : unknown("not-found", id.loc, id.value);
}

/** The log group name inside a log group ARN (with or without the `:*` suffix). */
export function logGroupNameOf(arn: string): string | null {
  const m = /:log-group:(.+?)(:\*)?$/.exec(arn);
  return m ? m[1]! : null;
}

export function linkLogGroup(arn: Sourced<string | null>, groups: readonly LogGroup[]): Ref<LogGroup> | null {
  if (arn.kind === "unknown") return arn;
  if (arn.value === null) return null;
  const name = logGroupNameOf(arn.value);
  const g = name === null ? undefined : groups.find((x) => x.name.kind === "known" && x.name.value === name);
  return g ? resolved(g, arn.loc) : unknown("not-found", arn.loc, arn.value);
}

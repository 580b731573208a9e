/** Live locations: the ARN (as the address too) and the field the value was read from. */
import type { EntityBase } from "../../model/entities.ts";
import type { Loc } from "../../model/location.ts";
import { known, unknown, type Known, type Sourced, type Unknown } from "../../model/sourced.ts";
import type { UnknownReason } from "../../model/value.ts";
import type { Outcome } from "./calls.ts";

export function arnLoc(arn: string, path: readonly (string | number)[] = []): Loc {
  return { arn, address: arn, path };
}

/** A value read from AWS, at its field. */
export function fact<T>(value: T, arn: string, field: string | readonly (string | number)[]): Known<T> {
  return known(value, arnLoc(arn, typeof field === "string" ? [field] : field));
}

export function gap(reason: UnknownReason, arn: string, field: string | readonly (string | number)[], detail?: string): Unknown {
  return unknown(reason, arnLoc(arn, typeof field === "string" ? [field] : field), detail);
}

/** A field of an API answer: unknown when the call failed or the field is absent. */
export function field<T, U>(o: Outcome<T>, arn: string, name: string, pick: (v: T) => U | undefined): Sourced<U> {
  if (!o.ok) return gap(o.reason, arn, name, o.code);
  const v = pick(o.value);
  return v === undefined ? gap("not-found", arn, name, `${name} is absent from the answer`) : fact(v, arn, name);
}

export function entityBase(arn: string, label: string, account: string, region: string): Omit<EntityBase, never> {
  return { address: arn, source: "live", loc: arnLoc(arn), label, arn, account, region };
}

/** The parts of an ARN: partition, service, region, account, resource. */
export function splitArn(arn: string): { partition: string; service: string; region: string; account: string; resource: string } | null {
  const p = arn.split(":");
  if (p.length < 6 || p[0] !== "arn") return null;
  return { partition: p[1]!, service: p[2]!, region: p[3]!, account: p[4]!, resource: p.slice(5).join(":") };
}

/** Tells an entity from the reason it could not be read. */
export function isGap<T extends object>(v: T | Unknown): v is Unknown {
  return "kind" in v && (v as Unknown).kind === "unknown";
}

import { locAtPath, type Loc } from "../../model/location.ts";
import { sharedPath } from "../../model/path.ts";
import { known, unknown, type Sourced } from "../../model/sourced.ts";
import { UnknownValue, isUnknown, type Value } from "../../model/value.ts";

/** Booleans as both sources write them; CloudFormation string booleans ("true", "False") count. */
export function toBool(v: Value): boolean | UnknownValue {
  if (typeof v === "boolean") return v;
  if (typeof v === "string") {
    const l = v.toLowerCase();
    if (l === "true") return true;
    if (l === "false") return false;
  }
  return isUnknown(v) ? v : new UnknownValue("invalid", "expected a boolean");
}

export function toStr(v: Value): string | UnknownValue {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return isUnknown(v) ? v : new UnknownValue("invalid", "expected a string");
}

export function toNum(v: Value): number | UnknownValue {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return isUnknown(v) ? v : new UnknownValue("invalid", "expected a number");
}

/** A Sourced value from an evaluated attribute: unknown when the conversion fails. */
export function sourced<T>(v: Value, conv: (v: Value) => T | UnknownValue, loc: Loc): Sourced<T> {
  const c = conv(v);
  return c instanceof UnknownValue ? unknown(c.reason, loc, c.detail) : known(c, loc, "explicit");
}

/** `loc` moved to an attribute path (where an absent attribute is reported). */
export function atPath(loc: Loc, path: readonly (string | number)[]): Loc {
  return locAtPath(loc, sharedPath(path));
}

export function byDefault<T>(value: T, headerLoc: Loc, path: readonly (string | number)[]): Sourced<T> {
  return known(value, atPath(headerLoc, path), "default");
}

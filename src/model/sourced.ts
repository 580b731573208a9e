import { SpanLoc, type Loc } from "./location.ts";
import { UnknownValue, type UnknownReason } from "./value.ts";

export type Origin = "explicit" | "default";

/** A known value: set in the source (`explicit`, located at the attribute) or a provider default
 * (`default`, located at the resource header because the attribute is absent). */
export interface Known<T> {
  readonly kind: "known";
  readonly value: T;
  readonly origin: Origin;
  readonly loc: Loc;
}

/** A value that could not be resolved. It never yields a failing result. */
export interface Unknown {
  readonly kind: "unknown";
  readonly reason: UnknownReason;
  readonly detail?: string;
  readonly loc: Loc;
}

export type Sourced<T> = Known<T> | Unknown;

/** A link between entities: resolved to its target, or unknown. */
export type Ref<T> = { readonly kind: "resolved"; readonly target: T; readonly via: Loc } | Unknown;

/**
 * A known value at a file location, one object for both: `loc` is the value itself, a SpanLoc.
 * Most of a large model's values are these; a value and a location of its own took half again
 * the memory. Never spread one (`range` and `loc` are not properties of its own): atPath,
 * relocated and plainLoc (location.ts) make other locations of it.
 */
class KnownAt<T> extends SpanLoc implements Known<T> {
  readonly kind = "known";

  constructor(
    readonly value: T,
    readonly origin: Origin,
    at: SpanLoc,
  ) {
    super(...SpanLoc.place(at));
  }

  get loc(): Loc {
    return this;
  }
}

export function known<T>(value: T, loc: Loc, origin: Origin = "explicit"): Known<T> {
  return loc instanceof SpanLoc ? new KnownAt(value, origin, loc) : { kind: "known", value, origin, loc };
}

export function unknown(reason: UnknownReason, loc: Loc, detail?: string): Unknown {
  return detail === undefined ? { kind: "unknown", reason, loc } : { kind: "unknown", reason, loc, detail };
}

export function isKnown<T>(v: Sourced<T>): v is Known<T> {
  return v.kind === "known";
}

/** The value, or an UnknownValue carrying the reason: for the pure evaluators in semantics/. */
export function valueOrUnknown<T>(v: Sourced<T>): T | UnknownValue {
  return v.kind === "known" ? v.value : new UnknownValue(v.reason, v.detail);
}

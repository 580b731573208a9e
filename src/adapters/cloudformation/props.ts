import type { Loc } from "../../model/location.ts";
import { unknown, type Sourced } from "../../model/sourced.ts";
import { UnknownValue, isMap, isUnknown, type Value } from "../../model/value.ts";
import { type DocNode } from "../../parse/tree.ts";
import { atPath, byDefault, sourced } from "../shared/convert.ts";
import type { CfnResource, Template } from "./context.ts";
import { NO_VALUE, type Evaluator } from "./intrinsics.ts";

export interface Found {
  readonly value: Value;
  readonly loc: Loc;
}

function isIntrinsic(n: DocNode): boolean {
  return n.kind === "map" && n.entries.length === 1 && (n.entries[0]!.key === "Ref" || n.entries[0]!.key.startsWith("Fn::"));
}

/** Reads one resource's Properties: evaluated values with the location of the attribute they came from. */
export class Props {
  readonly header: Loc;

  constructor(
    readonly t: Template,
    readonly ev: Evaluator,
    readonly res: CfnResource,
  ) {
    this.header = t.loc(res.keySpan[0], res.keySpan[1], res.logicalId, []);
  }

  /** The value at a property path, or null when absent (or removed by AWS::NoValue). */
  get(path: readonly (string | number)[]): Found | null {
    let node: DocNode | null = this.res.properties;
    if (!node) return null;
    // The span of the node reached and the number of steps to it (none: the header); its location is
    // only made for the node the value is taken from.
    let from = 0;
    let to = 0;
    let depth = 0;
    const loc = (): Loc => (depth === 0 ? this.header : this.t.loc(from, to, this.res.logicalId, path, depth));
    for (let i = 0; i < path.length; i++) {
      const step = path[i]!;
      if (isIntrinsic(node)) return this.navigate(this.ev.value(node), path.slice(i), loc());
      if (node.kind === "map" && typeof step === "string") {
        const e: { keySpan: readonly [number, number]; value: DocNode } | undefined = node.entries.find((x) => x.key === step);
        if (!e) return null;
        from = e.keySpan[0];
        to = e.value.span[1];
        node = e.value;
      } else if (node.kind === "seq" && typeof step === "number") {
        const item: DocNode | undefined = node.items[step];
        if (!item) return null;
        from = item.span[0];
        to = item.span[1];
        node = item;
      } else return null;
      depth = i + 1;
    }
    const v = this.ev.value(node);
    return v === NO_VALUE ? null : { value: v, loc: loc() };
  }

  private navigate(v: Value, rest: readonly (string | number)[], loc: Loc): Found | null {
    let cur: Value = v;
    for (const step of rest) {
      if (cur === NO_VALUE) return null;
      if (isUnknown(cur)) return { value: cur, loc };
      if (typeof step === "number" && Array.isArray(cur)) cur = (cur as Value[])[step] ?? NO_VALUE;
      else if (typeof step === "string" && isMap(cur)) cur = step in cur ? cur[step]! : NO_VALUE;
      else return null;
    }
    return cur === NO_VALUE ? null : { value: cur, loc };
  }

  /** A property as a Sourced value: absent → the provider default at the header (or unknown if none). */
  read<T>(path: readonly (string | number)[], conv: (v: Value) => T | UnknownValue, def: T | undefined): Sourced<T> {
    const f = this.get(path);
    if (!f) return def === undefined ? unknown("not-found", atPath(this.header, path), "absent") : byDefault(def, this.header, path);
    return sourced(f.value, conv, f.loc);
  }

  /** The location of a property path, else of its nearest present ancestor, else the header. */
  locOf(path: readonly (string | number)[]): Loc {
    for (let n = path.length; n > 0; n--) {
      const f = this.get(path.slice(0, n));
      if (f) return f.loc;
    }
    return this.header;
  }
}

export function asList(v: Value): readonly Value[] | UnknownValue {
  if (Array.isArray(v)) return v as readonly Value[];
  return isUnknown(v) ? v : new UnknownValue("invalid", "expected a list");
}

/**
 * Strings that outlive the file they were read from. A parser's strings are mostly slices of the
 * file's text, and V8 keeps a slice as a pointer into the text: one such string in the model keeps
 * the whole file in memory for the rest of the scan. Strings built by concatenation are chains of
 * pieces until something reads them whole. `detachStrings` gives every long string of a model part
 * a compact copy of its own, one per distinct value, so that the texts can go once they are parsed.
 */
import { SpanLoc } from "./location.ts";

/** V8 copies strings shorter than this; only longer ones can be slices. */
const SLICE_MIN = 13;

/** A copy of `s` that shares no memory with the string it was cut from (nor is a chain of pieces). */
export function ownCopy(s: string): string {
  // A JSON round trip builds the string afresh in one piece, lone surrogates included.
  return JSON.parse(JSON.stringify(s)) as string;
}

export class StringTable {
  private readonly table = new Map<string, string>();

  /** `s`, or the table's copy of it: one compact copy per distinct long string. */
  own(s: string): string {
    if (s.length < SLICE_MIN) return s;
    let copy = this.table.get(s);
    if (copy === undefined) {
      copy = ownCopy(s);
      this.table.set(copy, copy);
    }
    return copy;
  }

  /**
   * Replaces every long string in the plain objects and arrays reachable from `root` by its copy
   * in the table. Frozen containers are left as they are (shared paths own their strings already,
   * see path.ts); class instances other than locations (SpanLoc, and the known values that are
   * theirs), maps and sets are not entered. Gives the number of strings replaced.
   */
  detach(root: unknown): number {
    let replaced = 0;
    const seen = new Set<object>();
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const o = stack.pop();
      if (typeof o !== "object" || o === null || seen.has(o)) continue;
      seen.add(o);
      const writable = !Object.isFrozen(o);
      if (Array.isArray(o)) {
        for (let i = 0; i < o.length; i++) {
          const v: unknown = o[i];
          if (typeof v === "string") {
            if (writable && v.length >= SLICE_MIN) {
              o[i] = this.own(v);
              replaced++;
            }
          } else if (typeof v === "object" && v !== null) stack.push(v);
        }
        continue;
      }
      const proto: unknown = Object.getPrototypeOf(o);
      if (proto !== Object.prototype && proto !== null && !(o instanceof SpanLoc)) continue;
      const rec = o as Record<string, unknown>;
      for (const k in rec) {
        const v = rec[k];
        if (typeof v === "string") {
          if (writable && v.length >= SLICE_MIN) {
            rec[k] = this.own(v);
            replaced++;
          }
        } else if (typeof v === "object" && v !== null) stack.push(v);
      }
    }
    return replaced;
  }
}

/**
 * Attribute paths (Loc.path) shared between locations. A scan of a few thousand files makes
 * hundreds of thousands of locations but only some hundred distinct paths (`["BucketName"]`,
 * `["versioning_configuration", 0, "status"]`), so each location points at one frozen array per
 * distinct path instead of holding its own copy. Paths outlive the scanned files: their names
 * are copies, never slices of a file's text (see strings.ts).
 */
import { ownCopy } from "./strings.ts";

type Step = string | number;

interface Node {
  readonly next: Map<Step, Node>;
  path?: readonly Step[];
}

const root: Node = { next: new Map() };

/** The shared array equal to the first `length` steps of `path`. */
export function sharedPath(path: readonly Step[], length = path.length): readonly Step[] {
  let node = root;
  for (let i = 0; i < length; i++) {
    const step = path[i]!;
    let next = node.next.get(step);
    if (next === undefined) node.next.set(typeof step === "string" ? ownCopy(step) : step, (next = { next: new Map() }));
    node = next;
  }
  return (node.path ??= Object.freeze(path.slice(0, length).map((s) => (typeof s === "string" ? ownCopy(s) : s))));
}

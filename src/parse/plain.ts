import type { DocNode } from "./tree.ts";

/** A DocNode as plain data (for schema validation). */
export function toPlain(n: DocNode | null): unknown {
  if (!n) return null;
  if (n.kind === "scalar") return n.value;
  if (n.kind === "seq") return n.items.map(toPlain);
  const o: Record<string, unknown> = {};
  for (const e of n.entries) o[e.key] = toPlain(e.value);
  return o;
}

/** The node at a JSON-pointer-like path of keys and indexes, with the span of its key when it has one. */
export function nodeAt(root: DocNode | null, path: readonly (string | number)[]): { node: DocNode; keyStart: number } | null {
  let node = root;
  let keyStart = root?.span[0] ?? 0;
  for (const step of path) {
    if (!node) return null;
    if (node.kind === "map") {
      const e = node.entries.find((x) => x.key === String(step));
      if (!e) return null;
      keyStart = e.keySpan[0];
      node = e.value;
    } else if (node.kind === "seq") {
      const item: DocNode | undefined = node.items[Number(step)];
      if (!item) return null;
      keyStart = item.span[0];
      node = item;
    } else return null;
  }
  return node ? { node, keyStart } : null;
}

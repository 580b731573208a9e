/**
 * The position-keeping document tree shared by the YAML and JSON parsers. Offsets are [start, end)
 * into the file's text. CloudFormation short-form tags are already normalized to the long form:
 * `!Ref X` is a map with one entry `Ref`, whose key range is the tag's range.
 */
export type Span = readonly [number, number];

export interface MapEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: DocNode;
}

export interface MapNode {
  readonly kind: "map";
  readonly span: Span;
  readonly entries: readonly MapEntry[];
}

export interface SeqNode {
  readonly kind: "seq";
  readonly span: Span;
  readonly items: readonly DocNode[];
}

export interface ScalarNode {
  readonly kind: "scalar";
  readonly span: Span;
  readonly value: string | number | boolean | null;
  /** The source text of a plain YAML scalar that was read as a non-string (`On`, `yes`, `1.10`). */
  readonly raw?: string;
}

/** A scalar used as a name (a condition, a resource): its text as written. */
export function nameText(n: ScalarNode): string {
  return typeof n.value === "string" ? n.value : (n.raw ?? String(n.value));
}

export type DocNode = MapNode | SeqNode | ScalarNode;

export interface ParseProblem {
  readonly message: string;
  readonly offset: number;
}

export type ParseResult =
  | { readonly ok: true; readonly root: DocNode | null; readonly warnings: readonly ParseProblem[] }
  | { readonly ok: false; readonly error: ParseProblem };

export function entry(node: MapNode, key: string): MapEntry | undefined {
  return node.entries.find((e) => e.key === key);
}

/** Maximum nesting accepted; deeper documents are rejected with a parse error, never a stack overflow. */
export const MAX_DEPTH = 500;
/** Maximum nodes (after alias expansion) in one document. */
export const MAX_NODES = 2_000_000;

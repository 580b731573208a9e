/**
 * A tree-sitter cursor that calls the runtime's cursor functions directly.
 *
 * web-tree-sitter's TreeCursor copies the cursor (four words) into the runtime's transfer buffer
 * before each call and back out after it, through a typed setValue/getValue per word; the
 * converter makes some 8,000 cursor calls on a 10 KB Terraform file, and that copying was most of
 * the conversion's time. Every cursor function of the runtime reads the cursor from the transfer
 * buffer and writes it back there, so while nothing else uses the buffer the cursor can simply
 * stay in it: each move or query below is one call into the runtime and nothing else.
 *
 * The runtime's exports come from the Emscripten module object, which is the options object given
 * to Parser.init() (see load() in hcl.ts). Anything that goes through web-tree-sitter's own
 * API meanwhile overwrites the buffer: `withNode` saves and restores the cursor around it.
 */
import type { Node, Tree } from "web-tree-sitter";

/** The runtime exports used here (lib/binding_web/lib/tree-sitter.c of web-tree-sitter 0.27). */
const EXPORTS = [
  "_ts_init",
  "_ts_tree_root_node_wasm",
  "_ts_tree_cursor_new_wasm",
  "_ts_tree_cursor_delete_wasm",
  "_ts_tree_cursor_goto_first_child_wasm",
  "_ts_tree_cursor_goto_next_sibling_wasm",
  "_ts_tree_cursor_goto_parent_wasm",
  "_ts_tree_cursor_current_node_type_id_wasm",
  "_ts_tree_cursor_current_node_is_missing_wasm",
  "_ts_tree_cursor_start_index_wasm",
  "_ts_tree_cursor_end_index_wasm",
  "_ts_tree_cursor_current_descendant_index_wasm",
] as const;

/** Each export takes the tree's address (`_ts_init` nothing) and answers a number, or nothing of use. */
export type TsRuntime = { readonly HEAPU32: Uint32Array } & { readonly [K in (typeof EXPORTS)[number]]: (tree?: number) => number };

/** The runtime as Parser.init() left it in its options object; throws when web-tree-sitter no longer works this way. */
export function runtimeOf(moduleObject: object): TsRuntime {
  const m = moduleObject as Record<string, unknown>;
  const missing = EXPORTS.filter((name) => typeof m[name] !== "function");
  if (missing.length > 0 || !(m["HEAPU32"] instanceof Uint32Array)) {
    throw new Error(`web-tree-sitter does not expose its runtime as expected (missing ${missing.join(", ") || "HEAPU32"})`);
  }
  return moduleObject as TsRuntime;
}

/** The address of a tree in the runtime (web-tree-sitter keeps it as the tree's property 0). */
function treeAddress(tree: Tree): number {
  const address = (tree as unknown as Record<number, unknown>)[0];
  if (typeof address !== "number" || address === 0) throw new Error("web-tree-sitter: a tree without an address");
  return address;
}

/** What the converter (hcl-convert.ts) needs of a cursor: a live tree's (FastCursor) or a flattened one's (FlatCursor). */
export interface CstCursor {
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  readonly typeId: number;
  readonly isMissing: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  withNode<T>(fn: (node: Node) => T): T;
  delete(): void;
}

export class FastCursor implements CstCursor {
  private readonly t: number;
  /** Word index of the transfer buffer in HEAPU32. */
  private readonly buffer: number;

  /** A cursor on the root of `tree`; delete() it when done. */
  constructor(
    private readonly rt: TsRuntime,
    private readonly tree: Tree,
  ) {
    this.t = treeAddress(tree);
    this.buffer = rt._ts_init() >> 2;
    rt._ts_tree_root_node_wasm(this.t);
    rt._ts_tree_cursor_new_wasm(this.t);
  }

  gotoFirstChild(): boolean {
    return this.rt._ts_tree_cursor_goto_first_child_wasm(this.t) === 1;
  }

  gotoNextSibling(): boolean {
    return this.rt._ts_tree_cursor_goto_next_sibling_wasm(this.t) === 1;
  }

  gotoParent(): boolean {
    return this.rt._ts_tree_cursor_goto_parent_wasm(this.t) === 1;
  }

  /** The node's type as the language numbers it (an ERROR node is 65535). */
  get typeId(): number {
    return this.rt._ts_tree_cursor_current_node_type_id_wasm(this.t);
  }

  get isMissing(): boolean {
    return this.rt._ts_tree_cursor_current_node_is_missing_wasm(this.t) === 1;
  }

  /** Offsets in UTF-16 code units, as the parsed string counts them. */
  get startIndex(): number {
    return this.rt._ts_tree_cursor_start_index_wasm(this.t);
  }

  get endIndex(): number {
    return this.rt._ts_tree_cursor_end_index_wasm(this.t);
  }

  /** Runs `fn` on the current node as a web-tree-sitter Node (for the rare paths that need one). */
  withNode<T>(fn: (node: Node) => T): T {
    const index = this.rt._ts_tree_cursor_current_descendant_index_wasm(this.t);
    const heap = this.rt.HEAPU32;
    const saved = heap.slice(this.buffer, this.buffer + 4);
    const walker = this.tree.rootNode.walk();
    try {
      walker.gotoDescendant(index);
      return fn(walker.currentNode);
    } finally {
      walker.delete();
      // The heap may have grown (and been replaced) meanwhile.
      this.rt.HEAPU32.set(saved, this.buffer);
    }
  }

  delete(): void {
    this.rt._ts_tree_cursor_delete_wasm(this.t);
  }
}

/**
 * A tree as plain numbers, so that it can be made in a worker thread and sent to the main thread
 * without copying (parse-pool.ts): four words per node in document order, the node's type id,
 * its start and end offsets, and the index just past its last descendant.
 */
export type FlatTree = Int32Array<ArrayBuffer>;

const WORDS = 4;

/** Flattens `tree`, which must have no ERROR or MISSING node (FlatCursor cannot show one as a Node). */
/**
 * Where trees are flattened before their exact copy is made: kept from one tree to the next, so
 * that a parse worker does not leave a trail of outgrown buffers for its collector to find.
 */
let scratch = new Int32Array(WORDS * 1024);

export function flattenTree(rt: TsRuntime, tree: Tree): FlatTree {
  let out = scratch;
  let n = 0;
  const open: number[] = [];
  const c = new FastCursor(rt, tree);
  try {
    for (;;) {
      if ((n + 1) * WORDS > out.length) {
        const bigger = new Int32Array(out.length * 2);
        bigger.set(out);
        scratch = out = bigger;
      }
      const at = n * WORDS;
      out[at] = c.typeId;
      out[at + 1] = c.startIndex;
      out[at + 2] = c.endIndex;
      open.push(n++);
      if (c.gotoFirstChild()) continue;
      // A leaf: close it and every ancestor whose last child this was, then move right.
      for (;;) {
        out[open.pop()! * WORDS + 3] = n;
        if (c.gotoNextSibling()) break;
        if (!c.gotoParent()) return out.slice(0, n * WORDS);
      }
    }
  } finally {
    c.delete();
  }
}

/** A cursor over a FlatTree; it answers as FastCursor would on the tree that was flattened. */
export class FlatCursor implements CstCursor {
  private at = 0;
  private readonly parents: number[] = [];

  constructor(private readonly nodes: FlatTree) {}

  gotoFirstChild(): boolean {
    const first = this.at + 1;
    if (first >= this.nodes[this.at * WORDS + 3]!) return false;
    this.parents.push(this.at);
    this.at = first;
    return true;
  }

  gotoNextSibling(): boolean {
    const parent = this.parents.at(-1);
    if (parent === undefined) return false;
    const next = this.nodes[this.at * WORDS + 3]!;
    if (next >= this.nodes[parent * WORDS + 3]!) return false;
    this.at = next;
    return true;
  }

  gotoParent(): boolean {
    const parent = this.parents.pop();
    if (parent === undefined) return false;
    this.at = parent;
    return true;
  }

  get typeId(): number {
    return this.nodes[this.at * WORDS]!;
  }

  /** A flattened tree has no MISSING node (see flattenTree). */
  get isMissing(): boolean {
    return false;
  }

  get startIndex(): number {
    return this.nodes[this.at * WORDS + 1]!;
  }

  get endIndex(): number {
    return this.nodes[this.at * WORDS + 2]!;
  }

  withNode<T>(fn: (node: Node) => T): T {
    void fn;
    throw new Error("a flattened syntax tree has no nodes to show (it has no syntax error)");
  }

  delete(): void {}
}

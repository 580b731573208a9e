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
export interface TsRuntime {
  readonly HEAPU32: Uint32Array;
  _ts_init(): number;
  _ts_tree_root_node_wasm(tree: number): void;
  _ts_tree_cursor_new_wasm(tree: number): void;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_descendant_index_wasm(tree: number): number;
}

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

export class FastCursor {
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

// FastCursor relies on how web-tree-sitter keeps its runtime (see src/parse/ts-cursor.ts): these tests
// walk the same trees with it and with web-tree-sitter's own TreeCursor, so that an upgrade that
// changes those internals fails here rather than in the converter.
import { createRequire } from "node:module";
import { Language, Parser, type Tree, type TreeCursor } from "web-tree-sitter";
import { beforeAll, describe, expect, test } from "vitest";
import { FastCursor, FlatCursor, flattenTree, runtimeOf, type CstCursor, type TsRuntime } from "../../src/parse/ts-cursor.ts";

const require = createRequire(import.meta.url);
let runtime: TsRuntime;
let parser: Parser;

beforeAll(async () => {
  const moduleObject = { locateFile: () => require.resolve("web-tree-sitter/web-tree-sitter.wasm") };
  await Parser.init(moduleObject);
  runtime = runtimeOf(moduleObject);
  parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve("@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm")));
});

const SOURCES = {
  config: [
    "# a comment",
    'resource "aws_s3_bucket" "b" {',
    '  bucket = "logs-${var.env}é"',
    "  tags   = { for k, v in var.tags : k => upper(v) if v != null }",
    "  policy = <<-EOT",
    "    %{ for s in local.statements ~}${s}%{ endfor }",
    "  EOT",
    "  count  = var.on ? (1 + 2) * 3 : 0",
    "}",
    "",
  ].join("\n"),
  broken: 'resource "x" "y" {\n  a = [1, 2\n  b = "open\n}\n',
};

type Visit = [type: string, start: number, end: number, missing: boolean];

/** Interface of the two cursors for a depth-first walk. */
interface Walker {
  visit(): Visit;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
}

function depthFirst(w: Walker, onNode: () => void = () => {}): Visit[] {
  const out: Visit[] = [];
  const go = (): void => {
    out.push(w.visit());
    onNode();
    if (!w.firstChild()) return;
    do go();
    while (w.nextSibling());
    w.parent();
  };
  go();
  return out;
}

// The cursors take turns, never interleaved: between two calls of a FastCursor nothing else may use
// the runtime's transfer buffer (withNode saves and restores around its own use).
function fastWalk(tree: Tree, onNode?: (c: FastCursor) => void): Visit[] {
  const c = new FastCursor(runtime, tree);
  try {
    return cursorWalk(c, tree, onNode);
  } finally {
    c.delete();
  }
}

/** A depth-first walk with one of trailguard's cursors (`tree` names the node types). */
function cursorWalk<C extends CstCursor>(c: C, tree: Tree, onNode?: (c: C) => void): Visit[] {
  return depthFirst(
    {
      visit: () => [tree.language.types[c.typeId] || "ERROR", c.startIndex, c.endIndex, c.isMissing],
      firstChild: () => c.gotoFirstChild(),
      nextSibling: () => c.gotoNextSibling(),
      parent: () => c.gotoParent(),
    },
    () => onNode?.(c),
  );
}

function slowWalk(tree: Tree, onNode?: (c: TreeCursor) => void): Visit[] {
  const c = tree.walk();
  try {
    return depthFirst(
      {
        visit: () => [c.nodeType, c.startIndex, c.endIndex, c.nodeIsMissing],
        firstChild: () => c.gotoFirstChild(),
        nextSibling: () => c.gotoNextSibling(),
        parent: () => c.gotoParent(),
      },
      () => onNode?.(c),
    );
  } finally {
    c.delete();
  }
}

const nodeInfo = (n: { type: string; startIndex: number; endIndex: number; hasError: boolean }) => [n.type, n.startIndex, n.endIndex, n.hasError];

describe("FastCursor", () => {
  test.each(Object.entries(SOURCES))("walks the %s tree as web-tree-sitter's TreeCursor does", (_name, text) => {
    const tree = parser.parse(text)!;
    try {
      const fast = fastWalk(tree);
      expect(fast.length).toBeGreaterThan(20);
      expect(fast).toEqual(slowWalk(tree));
    } finally {
      tree.delete();
    }
  });

  test("withNode gives the current node and leaves the cursor where it was", () => {
    const tree = parser.parse(SOURCES.broken)!;
    try {
      const fastNodes: unknown[] = [];
      const slowNodes: unknown[] = [];
      const fast = fastWalk(tree, (c) => fastNodes.push(c.withNode(nodeInfo)));
      const slow = slowWalk(tree, (c) => slowNodes.push(nodeInfo(c.currentNode)));
      expect(fast).toEqual(slow);
      expect(fastNodes).toEqual(slowNodes);
      expect(slowNodes.some((n) => (n as unknown[])[3] === true)).toBe(true);
    } finally {
      tree.delete();
    }
  });

  test("a runtime without the expected exports is refused", () => {
    expect(() => runtimeOf({ locateFile: () => "" })).toThrow(/web-tree-sitter does not expose its runtime/);
  });
});

describe("FlatCursor", () => {
  test("walks a flattened tree as FastCursor walks the tree", () => {
    const tree = parser.parse(SOURCES.config)!;
    try {
      const flat = flattenTree(runtime, tree);
      expect(flat.length).toBe(4 * fastWalk(tree).length);
      const c = new FlatCursor(flat);
      const walked = cursorWalk(c, tree);
      expect(walked).toEqual(fastWalk(tree));
      expect(c.gotoParent()).toBe(false);
      expect(c.gotoNextSibling()).toBe(false);
      expect(() => c.withNode(() => 0)).toThrow(/no nodes/);
    } finally {
      tree.delete();
    }
  });

  test("a lone root flattens to one node", () => {
    const tree = parser.parse("")!;
    try {
      const flat = flattenTree(runtime, tree);
      expect([...flat]).toEqual([flat[0], 0, 0, 1]);
      expect(new FlatCursor(flat).gotoFirstChild()).toBe(false);
    } finally {
      tree.delete();
    }
  });
});

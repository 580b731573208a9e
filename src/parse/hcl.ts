/**
 * HCL parsing entry points. tree-sitter (web-tree-sitter with the Terraform grammar) is loaded once,
 * lazily, on the first call to loadHclParser(); everything after that is synchronous.
 *
 *   const hcl = await loadHclParser();
 *   const file = hcl.parseFile("main.tf", text);   // .tf, .tofu, .tfvars, or their .json forms
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import type { Node, Parser as TreeSitterParser, Tree } from "web-tree-sitter";
import type { Range } from "../model/location.ts";
import type { Attribute, Block, Comment, Expr, HclFile, HclSyntaxError } from "./hcl-ast.ts";
import { CstConverter, HclGrammar } from "./hcl-convert.ts";
import { parseJsonConfig } from "./hcl-json.ts";
import { LineIndex } from "./positions.ts";
import { FastCursor, FlatCursor, flattenTree, runtimeOf, type CstCursor, type FlatTree } from "./ts-cursor.ts";

export interface HclParser {
  /** Chooses the syntax by the name: `*.json` is JSON syntax, anything else native syntax. */
  parseFile(path: string, text: string): HclFile;
  parseNative(path: string, text: string): HclFile;
  /**
   * Native syntax parsed elsewhere (a parse worker, parse-pool.ts): the same file parseNative
   * gives, from the tree `flatten` made of the same text.
   */
  parseFlat(path: string, text: string, tree: FlatTree): HclFile;
  /** Parses native syntax into a FlatTree; null when the text has a syntax error (parseNative reports it). */
  flatten(text: string): FlatTree | null;
  /** This parser, taking native syntax from `trees` when it has the file's tree (parse-pool.ts) and parsing it otherwise. */
  withTrees(trees: (path: string, text: string) => FlatTree | undefined): HclParser;
  /** Terraform JSON syntax; `variableFile` for `.tfvars.json`, whose values are literal data. */
  parseJson(path: string, text: string, variableFile?: boolean): HclFile;
  /**
   * A standalone template (a `templatefile` file, a string in JSON syntax). `rangeOf` maps
   * offsets in `text` to file ranges (default: positions within `text` itself).
   */
  parseTemplate(text: string, rangeOf?: (start: number, end: number) => Range): ParsedExpr;
  /** One expression, e.g. a `-var` value or a type constraint written in a JSON string. */
  parseExpression(text: string, rangeOf?: (start: number, end: number) => Range): ParsedExpr;
}

export interface ParsedExpr {
  readonly expr: Expr;
  readonly errors: readonly HclSyntaxError[];
}

let loading: Promise<HclParser> | undefined;

/** Up to this much Terraform, a scan loads tree-sitter for a quick start (see loadHclParser). */
export const QUICK_START_MAX_BYTES = 128 * 1024;

/**
 * Loads tree-sitter and the Terraform grammar (once) and returns a synchronous parser.
 *
 * `quickStart`, for a scan of little Terraform: V8 compiles the wasm with its baseline compiler
 * only. The parser is ready and the process exits some 40 ms sooner (V8 no longer recompiles hot
 * parser functions in the background), and parses about a third slower, which a few files do not
 * notice. The setting is V8's and so the whole process's; the first load decides it.
 */
export function loadHclParser(options: { quickStart?: boolean } = {}): Promise<HclParser> {
  if (!loading && options.quickStart) setFlagsFromString("--liftoff-only");
  loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

/**
 * Where the wasm files are. A bundle has them beside itself (the build copies them there); from
 * the sources they are read from node_modules.
 */
function wasmFiles(): { runtime: string; grammar: string } {
  const beside = (name: string): string | undefined => {
    try {
      const path = fileURLToPath(new URL(`./${name}`, import.meta.url));
      return existsSync(path) ? path : undefined;
    } catch {
      return undefined;
    }
  };
  const require = createRequire(import.meta.url);
  return {
    runtime:
      beside("web-tree-sitter.wasm") ?? beside("tree-sitter.wasm") ?? require.resolve("web-tree-sitter/web-tree-sitter.wasm"),
    grammar:
      beside("tree-sitter-terraform.wasm") ??
      require.resolve("@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm"),
  };
}

async function load(): Promise<HclParser> {
  const { Parser, Language } = await import("web-tree-sitter");
  const files = wasmFiles();
  // Emscripten makes the options object its module object: the runtime's exports land on it (ts-cursor.ts).
  const moduleObject = { locateFile: () => files.runtime };
  await Parser.init(moduleObject);
  const language = await Language.load(files.grammar);
  const parser = new Parser();
  parser.setLanguage(language);
  return new TreeSitterHcl(parser, new HclGrammar(runtimeOf(moduleObject), language.types));
}

/** The marker of the heredoc that wraps standalone templates; a template line equal to it would end early. */
const TEMPLATE_MARK = "TRAILGUARD_TEMPLATE_END_0d6b";

class TreeSitterHcl implements HclParser {
  constructor(
    private readonly parser: TreeSitterParser,
    private readonly grammar: HclGrammar,
    private readonly trees?: (path: string, text: string) => FlatTree | undefined,
  ) {}

  withTrees(trees: (path: string, text: string) => FlatTree | undefined): HclParser {
    return new TreeSitterHcl(this.parser, this.grammar, trees);
  }

  parseFile(path: string, text: string): HclFile {
    if (path.endsWith(".json")) return this.parseJson(path, text, path.endsWith(".tfvars.json"));
    return this.parseNative(path, text);
  }

  parseNative(path: string, text: string): HclFile {
    const flat = this.trees?.(path, text);
    if (flat) return this.parseFlat(path, text, flat);
    const lines = new LineIndex(text);
    const tree = this.parser.parse(text);
    if (tree === null) return emptyFile(path, lines, "the parser gave no result");
    try {
      const root = tree.rootNode;
      if (!root.hasError) return this.convert(path, text, lines, this.cursor(tree));
      return this.recover(path, text, lines, root);
    } finally {
      tree.delete();
    }
  }

  parseFlat(path: string, text: string, tree: FlatTree): HclFile {
    return this.convert(path, text, new LineIndex(text), new FlatCursor(tree));
  }

  flatten(text: string): FlatTree | null {
    const tree = this.parser.parse(text);
    if (tree === null) return null;
    try {
      return tree.rootNode.hasError ? null : flattenTree(this.grammar.runtime, tree);
    } finally {
      tree.delete();
    }
  }

  private cursor(tree: Tree): CstCursor {
    return new FastCursor(this.grammar.runtime, tree);
  }

  private convert(path: string, text: string, lines: LineIndex, c: CstCursor): HclFile {
    const conv = new CstConverter(this.grammar, text, (s, e) => lines.range(s, e));
    const items = conv.convertFile(c, false);
    return file(path, "native", text, lines, items, conv.comments, conv.errors);
  }

  /**
   * A file with syntax errors: tree-sitter's recovery may swallow the rest of the file into one
   * error, so each top-level item (from a line that starts a block or an attribute at column 1)
   * is parsed alone; the items that parse cleanly are kept.
   */
  private recover(path: string, text: string, lines: LineIndex, wholeRoot: Node): HclFile {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const comments: Comment[] = [];
    const errors: HclSyntaxError[] = [];
    const starts = topLevelStarts(text);
    for (let i = 0; i < starts.length; i++) {
      const from = starts[i]!;
      const to = starts[i + 1] ?? text.length;
      const chunk = text.slice(from, to);
      const tree = this.parser.parse(chunk);
      if (tree === null) continue;
      try {
        const conv = new CstConverter(this.grammar, chunk, (s, e) => lines.range(from + s, from + e));
        const items = conv.convertFile(this.cursor(tree), true);
        attributes.push(...items.attributes);
        blocks.push(...items.blocks);
        comments.push(...conv.comments);
        errors.push(...conv.errors);
      } finally {
        tree.delete();
      }
    }
    if (errors.length === 0) {
      // The pieces parse but the whole does not (an unclosed comment or heredoc across items).
      const conv = new CstConverter(this.grammar, text, (s, e) => lines.range(s, e));
      conv.collectErrors(wholeRoot);
      errors.push(...conv.errors);
    }
    return file(path, "native", text, lines, { attributes, blocks }, comments, errors);
  }

  parseJson(path: string, text: string, variableFile = false): HclFile {
    const lines = new LineIndex(text);
    return parseJsonConfig(path, text, lines, variableFile, (content, rangeOf) => this.parseTemplate(content, rangeOf));
  }

  parseTemplate(text: string, rangeOf?: (start: number, end: number) => Range): ParsedExpr {
    const prefix = `t = <<${TEMPLATE_MARK}\n`;
    const wrapper = `${prefix}${text}\n${TEMPLATE_MARK}\n`;
    const local = rangeOf ?? rangeWithin(text);
    const map = (s: number, e: number): Range =>
      local(clamp(s - prefix.length, text.length), clamp(e - prefix.length, text.length));
    return this.wrapped(wrapper, map, { from: prefix.length, to: prefix.length + text.length });
  }

  parseExpression(text: string, rangeOf?: (start: number, end: number) => Range): ParsedExpr {
    const prefix = "v = ";
    const local = rangeOf ?? rangeWithin(text);
    const map = (s: number, e: number): Range =>
      local(clamp(s - prefix.length, text.length), clamp(e - prefix.length, text.length));
    return this.wrapped(`${prefix}${text}\n`, map, undefined);
  }

  private wrapped(
    wrapper: string,
    map: (s: number, e: number) => Range,
    template: { from: number; to: number } | undefined,
  ): ParsedExpr {
    const tree = this.parser.parse(wrapper);
    const whole = map(0, wrapper.length);
    if (tree === null) return invalid(whole, "the parser gave no result");
    try {
      const conv = new CstConverter(this.grammar, wrapper, map);
      if (tree.rootNode.hasError) {
        conv.collectErrors(tree.rootNode);
        return { expr: { kind: "invalid", message: "syntax error", range: whole }, errors: conv.errors };
      }
      const expr = conv.wrappedValue(this.cursor(tree), template);
      if (expr === undefined) return invalid(whole, "not a single expression");
      return { expr, errors: conv.errors };
    } finally {
      tree.delete();
    }
  }
}

function invalid(range: Range, message: string): ParsedExpr {
  return { expr: { kind: "invalid", message, range }, errors: [{ message: `Syntax error: ${message}`, range }] };
}

function clamp(n: number, max: number): number {
  return n < 0 ? 0 : n > max ? max : n;
}

function rangeWithin(text: string): (s: number, e: number) => Range {
  let lines: LineIndex | undefined;
  return (s, e) => (lines ??= new LineIndex(text)).range(s, e);
}

function emptyFile(path: string, lines: LineIndex, message: string): HclFile {
  const range = lines.range(0, 0);
  return {
    path,
    syntax: "native",
    body: { attributes: [], blocks: [], range },
    comments: [],
    errors: [{ message: `Syntax error on line 1: ${message}`, range }],
  };
}

function file(
  path: string,
  syntax: "native" | "json",
  text: string,
  lines: LineIndex,
  items: { attributes: Attribute[]; blocks: Block[] },
  comments: Comment[],
  errors: HclSyntaxError[],
): HclFile {
  const byPosition = (a: { range: Range }, b: { range: Range }): number =>
    a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn;
  return {
    path,
    syntax,
    body: { attributes: items.attributes, blocks: items.blocks, range: lines.range(0, text.length) },
    comments: comments.sort(byPosition),
    errors: errors.sort(byPosition),
  };
}

/** Offsets of the lines that start a top-level item: an identifier at column 1 followed by labels and `{`, or by `=`. */
function topLevelStarts(text: string): number[] {
  const starts = [0];
  const re = /^[\p{ID_Start}_][\p{ID_Continue}-]*(?:[ \t]+(?:"(?:[^"\\\n]|\\.)*"|[\p{ID_Start}_][\p{ID_Continue}-]*))*[ \t]*[{=]/gmu;
  for (const m of text.matchAll(re)) if (m.index > 0) starts.push(m.index);
  return starts;
}

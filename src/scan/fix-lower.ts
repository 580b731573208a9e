/**
 * Lowering a fix request (set the value at a location to `true`) to one text edit in the file it
 * points into: replace a literal value, or insert the attribute where the provider default applied.
 * A value written as an expression (a variable, a reference) gets no fix.
 */
import type { Loc } from "../model/location.ts";
import type { Origin } from "../model/sourced.ts";
import { LineIndex } from "../parse/positions.ts";
import { parseJson } from "../parse/json.ts";
import { parseYaml } from "../parse/yaml.ts";
import { entry, type DocNode, type MapNode } from "../parse/tree.ts";
import type { FileKind } from "../discover/classify.ts";
import type { TextEdit } from "../engine/fix.ts";

/** One file as the lowering reads it: its line index and (for templates) its parsed tree, each
 * computed once however many results the file has. */
export class FileView {
  private lineIndex: LineIndex | null = null;
  private tree: DocNode | null | undefined = undefined;

  constructor(
    readonly kind: FileKind,
    readonly text: string,
  ) {}

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  /** The parsed template (YAML or JSON), or null when it does not parse. */
  get root(): DocNode | null {
    if (this.tree === undefined) {
      const parsed = this.kind === "cloudformation-json" ? parseJson(this.text) : parseYaml(this.text);
      this.tree = parsed.ok ? parsed.root : null;
    }
    return this.tree;
  }
}

const LITERAL_BOOL = /^(?:true|false|"(?:true|false)"|'(?:true|false)'|True|False|"True"|"False")$/;

function offsetOf(lines: LineIndex, line: number, column: number): number {
  return lines.lineStart(line) + column - 1;
}

function indentOfLine(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** Replace the literal after the first `sep` in the attribute's range with `literal`. */
function replaceValue(text: string, start: number, end: number, sep: string, literal: string): TextEdit | null {
  const at = text.indexOf(sep, start);
  if (at < 0 || at >= end) return null;
  let v = at + sep.length;
  while (v < end && /\s/.test(text[v]!)) v++;
  const value = text.slice(v, end).trim();
  if (!LITERAL_BOOL.test(value)) return null;
  return { start: v, end: v + value.length, text: literal };
}

function terraformEdit(text: string, lines: LineIndex, loc: Loc, origin: Origin, name: string): TextEdit | null {
  const r = loc.range!;
  const start = offsetOf(lines, r.startLine, r.startColumn);
  const end = offsetOf(lines, r.endLine, r.endColumn);
  if (origin === "explicit") return replaceValue(text, start, end, "=", "true");
  // Absent attribute: the location is the block header, ending with its opening brace.
  if (loc.path.length !== 1 || text[end - 1] !== "{") return null;
  const indent = indentOfLine(text, start) + "  ";
  const emptyBlock = /^[ \t]*\}/.test(text.slice(end));
  return { start: end, end, text: `\n${indent}${name} = true${emptyBlock ? "\n" + indentOfLine(text, start) : ""}` };
}

function findResource(root: DocNode | null, logicalId: string): MapNode | null {
  if (!root || root.kind !== "map") return null;
  const res = entry(root, "Resources")?.value;
  const r = res?.kind === "map" ? entry(res, logicalId)?.value : undefined;
  return r?.kind === "map" ? r : null;
}

function yamlEdit(view: FileView, loc: Loc, origin: Origin, name: string): TextEdit | null {
  const { text, lines } = view;
  const r = loc.range!;
  const start = offsetOf(lines, r.startLine, r.startColumn);
  const end = offsetOf(lines, r.endLine, r.endColumn);
  if (origin === "explicit") return replaceValue(text, start, end, ":", "true");
  if (loc.path.length !== 1) return null;
  const res = findResource(view.root, loc.address);
  if (!res) return null;
  const props = entry(res, "Properties");
  if (!props) {
    const type = entry(res, "Type");
    if (!type) return null;
    const lineEnd = text.indexOf("\n", type.value.span[1]);
    const indent = indentOfLine(text, type.keySpan[0]);
    const at = lineEnd < 0 ? text.length : lineEnd + 1;
    return { start: at, end: at, text: `${lineEnd < 0 ? "\n" : ""}${indent}Properties:\n${indent}  ${name}: true\n` };
  }
  const map = props.value;
  if (map.kind !== "map") return null;
  const flow = text[map.span[0]] === "{";
  if (flow) {
    const empty = map.entries.length === 0;
    return { start: map.span[0] + 1, end: map.span[0] + 1, text: empty ? ` ${name}: true ` : ` ${name}: true,` };
  }
  const first = map.entries[0];
  if (!first) return null;
  const lineStart = text.lastIndexOf("\n", first.keySpan[0] - 1) + 1;
  return { start: lineStart, end: lineStart, text: `${indentOfLine(text, first.keySpan[0])}${name}: true\n` };
}

function jsonEdit(view: FileView, loc: Loc, origin: Origin, name: string): TextEdit | null {
  const { text, lines } = view;
  const r = loc.range!;
  const start = offsetOf(lines, r.startLine, r.startColumn);
  const end = offsetOf(lines, r.endLine, r.endColumn);
  if (origin === "explicit") return replaceValue(text, start, end, ":", "true");
  if (loc.path.length !== 1) return null;
  const res = findResource(view.root, loc.address);
  if (!res) return null;
  const props = entry(res, "Properties")?.value;
  const target = props?.kind === "map" ? props : res;
  const member = target === res ? `"Properties": { "${name}": true }` : `"${name}": true`;
  const open = target.span[0] + 1;
  const first = target.entries[0];
  if (!first) return { start: open, end: open, text: ` ${member} ` };
  const multiline = text.slice(open, first.keySpan[0]).includes("\n");
  return multiline
    ? { start: open, end: open, text: `\n${indentOfLine(text, first.keySpan[0])}${member},` }
    : { start: open, end: open, text: ` ${member},` };
}

/** The edit that sets the value at `loc` to true, or null when no safe edit exists. */
export function lowerSetTrue(view: FileView, loc: Loc, origin: Origin): TextEdit | null {
  if (!loc.file || !loc.range) return null;
  const name = String(loc.path[loc.path.length - 1] ?? "");
  if (!name) return null;
  if (view.kind === "terraform") return terraformEdit(view.text, view.lines, loc, origin, name);
  if (view.kind === "cloudformation-yaml") return yamlEdit(view, loc, origin, name);
  if (view.kind === "cloudformation-json") return jsonEdit(view, loc, origin, name);
  return null;
}

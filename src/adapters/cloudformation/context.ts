import { SpanLoc, type Loc } from "../../model/location.ts";
import { sharedPath } from "../../model/path.ts";
import { LineIndex } from "../../parse/positions.ts";
import { entry, type DocNode, type MapNode, type Span } from "../../parse/tree.ts";

export interface CfnResource {
  readonly logicalId: string;
  readonly keySpan: Span;
  readonly node: MapNode;
  readonly type: string;
  readonly properties: MapNode | null;
}

export interface Notice {
  readonly level: "error" | "warning" | "note";
  readonly id: string;
  readonly message: string;
  readonly offset: number;
}

/** A parsed template and what evaluation needs to know about it. */
export class Template {
  readonly lines: LineIndex;
  readonly resources = new Map<string, CfnResource>();
  readonly parameters: MapNode | null;
  readonly mappings: MapNode | null;
  readonly conditions: MapNode | null;
  readonly notices: Notice[] = [];

  constructor(
    readonly file: string,
    readonly text: string,
    readonly root: MapNode,
  ) {
    this.lines = new LineIndex(text);
    this.parameters = asMap(entry(root, "Parameters")?.value);
    this.mappings = asMap(entry(root, "Mappings")?.value);
    this.conditions = asMap(entry(root, "Conditions")?.value);
    const resources = asMap(entry(root, "Resources")?.value);
    for (const e of resources?.entries ?? []) {
      const node = asMap(e.value);
      if (!node) continue;
      const t = entry(node, "Type")?.value;
      const type = t?.kind === "scalar" && typeof t.value === "string" ? t.value : "";
      this.resources.set(e.key, { logicalId: e.key, keySpan: e.keySpan, node, type, properties: asMap(entry(node, "Properties")?.value) });
    }
  }

  /** A location from offsets, with trailing blanks trimmed (block scalars end after their newline); its path is the first `length` steps of `path`. */
  loc(start: number, end: number, address: string, path: readonly (string | number)[], length = path.length): Loc {
    let e = end;
    while (e > start && /\s/.test(this.text[e - 1]!)) e--;
    return SpanLoc.of(this.file, this.lines.range(start, e), address, sharedPath(path, length));
  }

  notice(level: Notice["level"], id: string, message: string, offset: number): void {
    this.notices.push({ level, id, message, offset });
  }
}

export function asMap(n: DocNode | undefined | null): MapNode | null {
  return n && n.kind === "map" ? n : null;
}

/** Looks like a template before parsing: a top-level key at column 1 (YAML) or in the outer JSON object. */
export function sniffTemplate(text: string, json: boolean): boolean {
  if (!json) return /^(?:AWSTemplateFormatVersion|Resources|["']AWSTemplateFormatVersion["']|["']Resources["'])\s*:/m.test(text);
  return hasOuterJsonKey(text, (k) => k === "AWSTemplateFormatVersion" || k === "Resources");
}

/**
 * Whether a key of the outermost JSON object passes `test`, found with a small scanner (no full
 * parse) that stops at the first such key: a template usually starts with one.
 */
function hasOuterJsonKey(text: string, test: (key: string) => boolean): boolean {
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (depth === 1 && expectKey && test(text.slice(i + 1, j))) return true;
      expectKey = false;
      i = j;
    } else if (c === "{" || c === "[") {
      depth++;
      expectKey = depth === 1 && c === "{";
    } else if (c === "}" || c === "]") depth--;
    else if (c === "," && depth === 1) expectKey = true;
    if (depth === 0 && i > 0 && (c === "}" || c === "]")) break;
  }
  return false;
}

/** After parsing: a template has AWSTemplateFormatVersion, or Resources with a Type starting AWS::. */
export function isTemplate(root: DocNode | null): root is MapNode {
  if (!root || root.kind !== "map") return false;
  if (entry(root, "AWSTemplateFormatVersion")) return true;
  const res = asMap(entry(root, "Resources")?.value);
  return !!res?.entries.some((e) => {
    const t = asMap(e.value) && entry(e.value as MapNode, "Type")?.value;
    return !!t && t.kind === "scalar" && typeof t.value === "string" && t.value.startsWith("AWS::");
  });
}

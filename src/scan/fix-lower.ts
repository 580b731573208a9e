/**
 * Lowering a fix request to one text edit: set the value at a location to `true` (replace a
 * literal value, or insert the attribute where the provider default applied), or add a public
 * access block to a bucket that has none. A Terraform value that only names a variable or a local
 * is set where it was written (a variable's default, a tfvars assignment, a module argument, a
 * local: `lowerWrittenValue`); any other expression gets no fix.
 */
import type { Loc, Range } from "../model/location.ts";
import type { Origin } from "../model/sourced.ts";
import { LineIndex } from "../parse/positions.ts";
import { parseJson } from "../parse/json.ts";
import { parseYaml } from "../parse/yaml.ts";
import { entry, type DocNode, type MapEntry, type MapNode } from "../parse/tree.ts";
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

  /** The [start, end) offsets of a range. */
  span(range: Range): [number, number] {
    const lines = this.lines;
    return [lines.lineStart(range.startLine) + range.startColumn - 1, lines.lineStart(range.endLine) + range.endColumn - 1];
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

function terraformEdit(view: FileView, loc: Loc, origin: Origin, name: string): TextEdit | null {
  const { text } = view;
  const [start, end] = view.span(loc.range!);
  if (origin === "explicit") return replaceValue(text, start, end, "=", "true");
  // Absent attribute: the location is the block header, ending with its opening brace.
  if (loc.path.length !== 1 || text[end - 1] !== "{") return null;
  const indent = indentOfLine(text, start) + "  ";
  const emptyBlock = /^[ \t]*\}/.test(text.slice(end));
  return { start: end, end, text: `\n${indent}${name} = true${emptyBlock ? "\n" + indentOfLine(text, start) : ""}` };
}

/** The entry of a template's resource, when the resource is a map. */
function findResourceEntry(root: DocNode | null, logicalId: string): (MapEntry & { readonly value: MapNode }) | null {
  if (!root || root.kind !== "map") return null;
  const res = entry(root, "Resources")?.value;
  const e = res?.kind === "map" ? entry(res, logicalId) : undefined;
  return e?.value.kind === "map" ? (e as MapEntry & { readonly value: MapNode }) : null;
}

function findResource(root: DocNode | null, logicalId: string): MapNode | null {
  return findResourceEntry(root, logicalId)?.value ?? null;
}

function isBucket(res: MapNode): boolean {
  const type = entry(res, "Type")?.value;
  return type?.kind === "scalar" && type.value === "AWS::S3::Bucket";
}

function yamlEdit(view: FileView, loc: Loc, origin: Origin, name: string): TextEdit | null {
  const { text } = view;
  const [start, end] = view.span(loc.range!);
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
  const { text } = view;
  const [start, end] = view.span(loc.range!);
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
  if (view.kind === "terraform") return terraformEdit(view, loc, origin, name);
  if (view.kind === "cloudformation-yaml") return yamlEdit(view, loc, origin, name);
  if (view.kind === "cloudformation-json") return jsonEdit(view, loc, origin, name);
  return null;
}

/** Replace the literal `false` written at `range` (a default, a tfvars value, a module argument) with `true`. */
export function lowerWrittenValue(view: FileView, range: Range): TextEdit | null {
  const [start, end] = view.span(range);
  const value = view.text.slice(start, end);
  if (!LITERAL_BOOL.test(value) || /true/i.test(value)) return null;
  return { start, end, text: "true" };
}

const PAB_SETTINGS = ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"] as const;
const PAB_TERRAFORM = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] as const;

/** What `indent` adds to `outer`, or two spaces when it does not extend it. */
function unitOf(outer: string, indent: string): string {
  return indent.length > outer.length && indent.startsWith(outer) ? indent.slice(outer.length) : "  ";
}

/**
 * TG008 without any public access block: a new `aws_s3_bucket_public_access_block` resource
 * after the bucket's block (Terraform), or a `PublicAccessBlockConfiguration` with the four
 * settings on (CloudFormation). `taken` tells whether a public access block resource name is
 * already used in the bucket's module folder.
 */
export function lowerAddPublicAccessBlock(view: FileView, loc: Loc, taken: (name: string) => boolean): TextEdit | null {
  if (!loc.file || !loc.range) return null;
  if (view.kind === "terraform") return terraformPublicAccessBlock(view, loc, taken);
  if (view.kind === "cloudformation-yaml") return yamlPublicAccessBlock(view, loc);
  if (view.kind === "cloudformation-json") return jsonPublicAccessBlock(view, loc);
  return null;
}

function terraformPublicAccessBlock(view: FileView, loc: Loc, taken: (name: string) => boolean): TextEdit | null {
  const m = /^aws_s3_bucket\.([A-Za-z_][\w-]*)$/.exec(loc.address);
  if (!m || !loc.block) return null;
  const { text } = view;
  const [start, end] = view.span(loc.block);
  if (text[end - 1] !== "}") return null;
  const body = text.slice(start, end);
  // A bucket with count or for_each would need the same expansion on the new resource.
  if (/^[ \t]*(count|for_each)[ \t]*=/m.test(body)) return null;
  const bucket = m[1]!;
  const name = [bucket, `${bucket}_public_access_block`].find((n) => !taken(n));
  if (!name) return null;
  const indent = indentOfLine(text, start);
  const firstLine = body.split("\n")[1];
  const unit = firstLine !== undefined && firstLine.trim() !== "" && firstLine.trim() !== "}" ? unitOf(indent, /^[ \t]*/.exec(firstLine)![0]) : "  ";
  // The new resource must be created through the bucket's provider (its region and account).
  const providerLine = /^[ \t]*provider[ \t]*=(.*)$/m.exec(body);
  const provider = providerLine ? /^[ \t]*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)?)[ \t]*(?:(?:#|\/\/).*)?$/.exec(providerLine[1]!)?.[1] : undefined;
  if (providerLine && !provider) return null;
  const rows: [string, string][] = [
    ...(provider ? [["provider", provider] as [string, string]] : []),
    ["bucket", `aws_s3_bucket.${bucket}.id`],
    ...PAB_TERRAFORM.map((k): [string, string] => [k, "true"]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const block = [
    `${indent}resource "aws_s3_bucket_public_access_block" "${name}" {`,
    ...rows.map(([k, v]) => `${indent}${unit}${k.padEnd(width)} = ${v}`),
    `${indent}}`,
  ].join("\n");
  // After the line that closes the bucket, so that a comment after its brace stays with it.
  const lineEnd = text.indexOf("\n", end);
  const at = lineEnd < 0 ? text.length : lineEnd;
  return { start: at, end: at, text: `\n\n${block}` };
}

function yamlPublicAccessBlock(view: FileView, loc: Loc): TextEdit | null {
  const { text } = view;
  const resEntry = findResourceEntry(view.root, loc.address);
  if (!resEntry) return null;
  const res = resEntry.value;
  if (!isBucket(res)) return null;
  const type = entry(res, "Type")!;
  const settings = (indent: string, unit: string): string => PAB_SETTINGS.map((k) => `${indent}${unit}${k}: true\n`).join("");
  const props = entry(res, "Properties");
  if (!props) {
    if (text[res.span[0]] === "{") return null;
    const indent = indentOfLine(text, type.keySpan[0]);
    const unit = unitOf(indentOfLine(text, resEntry.keySpan[0]), indent);
    const lineEnd = text.indexOf("\n", type.value.span[1]);
    const at = lineEnd < 0 ? text.length : lineEnd + 1;
    return { start: at, end: at, text: `${lineEnd < 0 ? "\n" : ""}${indent}Properties:\n${indent}${unit}PublicAccessBlockConfiguration:\n${settings(indent + unit, unit)}` };
  }
  const map = props.value;
  if (map.kind !== "map") return null;
  if (text[map.span[0]] === "{") {
    const flow = `PublicAccessBlockConfiguration: { ${PAB_SETTINGS.map((k) => `${k}: true`).join(", ")} }`;
    const open = map.span[0] + 1;
    return { start: open, end: open, text: map.entries.length === 0 ? ` ${flow} ` : ` ${flow},` };
  }
  const first = map.entries[0];
  if (!first) return null;
  const indent = indentOfLine(text, first.keySpan[0]);
  const unit = unitOf(indentOfLine(text, props.keySpan[0]), indent);
  const lineStart = text.lastIndexOf("\n", first.keySpan[0] - 1) + 1;
  return { start: lineStart, end: lineStart, text: `${indent}PublicAccessBlockConfiguration:\n${settings(indent, unit)}` };
}

function jsonPublicAccessBlock(view: FileView, loc: Loc): TextEdit | null {
  const { text } = view;
  const res = findResource(view.root, loc.address);
  if (!res) return null;
  if (!isBucket(res)) return null;
  const props = entry(res, "Properties")?.value;
  if (props && props.kind !== "map") return null;
  const target = props ?? res;
  const open = target.span[0] + 1;
  const first = target.entries[0];
  const inline = (): string => {
    const pab = `"PublicAccessBlockConfiguration": { ${PAB_SETTINGS.map((k) => `"${k}": true`).join(", ")} }`;
    return target === res ? `"Properties": { ${pab} }` : pab;
  };
  if (!first) return { start: open, end: open, text: ` ${inline()} ` };
  if (!text.slice(open, first.keySpan[0]).includes("\n")) return { start: open, end: open, text: ` ${inline()},` };
  const indent = indentOfLine(text, first.keySpan[0]);
  const unit = unitOf(indentOfLine(text, target.span[0]), indent);
  const object = (at: string, members: readonly string[]): string => `{\n${members.map((m) => `${at}${unit}${m}`).join(",\n")}\n${at}}`;
  const pabAt = target === res ? indent + unit : indent;
  let member = `"PublicAccessBlockConfiguration": ${object(pabAt, PAB_SETTINGS.map((k) => `"${k}": true`))}`;
  if (target === res) member = `"Properties": ${object(indent, [member])}`;
  return { start: open, end: open, text: `\n${indent}${member},` };
}

/**
 * `data "aws_iam_policy_document"`: the `json` and `minified_json` attributes built from its
 * statement blocks and merged with `source_policy_documents` and `override_policy_documents` as the
 * AWS provider documents it: source statements first; a statement of this document or of an
 * override document replaces the earlier statement with the same non-empty Sid, others are
 * appended. Lists of one element are written as a string, as the provider does; the order of
 * actions and resources is kept as written.
 *
 * An unknown part stays unknown inside the document, whose structure is kept: the attributes are
 * then a PartialJson carrying the document. A statement made by a `dynamic` block with an unknown
 * `for_each` is an unknown statement; an unknown source or override document makes the whole
 * document unknown.
 */
import { isMap, UnknownValue, type Value, type ValueMap } from "../../model/value.ts";
import type { EvaluatedBlock, EvaluatedBody } from "./results.ts";
import { firstUnknown, makeObject, own, PartialJson, unknownFrom } from "./values.ts";

export function policyDocumentAttributes(body: EvaluatedBody): Record<string, Value> {
  const doc = policyDocument(body);
  if (doc instanceof UnknownValue) return { json: doc, minified_json: doc };
  const u = firstUnknown(doc);
  if (u !== undefined) {
    const partial = new PartialJson(doc, u.reason, u.detail);
    return { json: partial, minified_json: partial };
  }
  return { json: JSON.stringify(doc, null, 2), minified_json: JSON.stringify(doc) };
}

export function policyDocument(body: EvaluatedBody): ValueMap | UnknownValue {
  const attr = (name: string): Value | undefined => body.attributes.get(name)?.value;
  let statements: Value[] = [];
  const sources = documents(attr("source_policy_documents"));
  if (sources instanceof UnknownValue) return sources;
  for (const d of sources) statements.push(...d);
  const own: Value[] = body.blocks.filter((b) => b.type === "statement").map(statement);
  statements = mergeBySid(statements, own);
  const overrides = documents(attr("override_policy_documents"));
  if (overrides instanceof UnknownValue) return overrides;
  for (const d of overrides) statements = mergeBySid(statements, d);
  const entries: [string, Value][] = [["Version", attr("version") ?? "2012-10-17"]];
  const id = attr("policy_id");
  if (id !== undefined) entries.push(["Id", id]);
  entries.push(["Statement", statements]);
  return makeObject(entries);
}

/** The statements of each JSON document in a list attribute. */
function documents(v: Value | undefined): Value[][] | UnknownValue {
  if (v === undefined || v === null) return [];
  if (v instanceof UnknownValue) return unknownFrom(v);
  if (!Array.isArray(v)) return new UnknownValue("invalid", "policy documents must be a list");
  const out: Value[][] = [];
  for (const item of v as readonly Value[]) {
    let doc: Value;
    if (item instanceof PartialJson) doc = item.document;
    else if (item instanceof UnknownValue) return unknownFrom(item);
    else if (typeof item === "string") {
      try {
        doc = JSON.parse(item) as Value;
      } catch {
        return new UnknownValue("invalid", "a policy document is not valid JSON");
      }
    } else return new UnknownValue("invalid", "a policy document must be a JSON string");
    const st = isMap(doc) ? own(doc, "Statement") : undefined;
    if (st instanceof UnknownValue) return unknownFrom(st);
    out.push(Array.isArray(st) ? [...(st as readonly Value[])] : isMap(st) ? [st] : []);
  }
  return out;
}

function sidOf(s: Value): string | undefined {
  if (!isMap(s)) return undefined;
  const sid = own(s, "Sid");
  return typeof sid === "string" && sid !== "" ? sid : undefined;
}

function mergeBySid(base: Value[], incoming: readonly Value[]): Value[] {
  const out = [...base];
  for (const s of incoming) {
    const sid = sidOf(s);
    const at = sid === undefined ? -1 : out.findIndex((x) => sidOf(x) === sid);
    if (at >= 0) out[at] = s;
    else out.push(s);
  }
  return out;
}

function statement(block: EvaluatedBlock): Value {
  if (block.dynamic?.unknownCount) return unknownFrom(block.dynamic.key);
  const get = (name: string): Value | undefined => block.body.attributes.get(name)?.value;
  const entries: [string, Value][] = [];
  const sid = get("sid");
  if (sid !== undefined && sid !== "") entries.push(["Sid", sid]);
  entries.push(["Effect", get("effect") ?? "Allow"]);
  for (const [attr, key] of [
    ["actions", "Action"],
    ["not_actions", "NotAction"],
    ["resources", "Resource"],
    ["not_resources", "NotResource"],
  ] as const) {
    const v = get(attr);
    if (v !== undefined) entries.push([key, collapse(v)]);
  }
  const principal = principals(block.body.blocks.filter((b) => b.type === "principals"));
  if (principal !== undefined) entries.push(["Principal", principal]);
  const notPrincipal = principals(block.body.blocks.filter((b) => b.type === "not_principals"));
  if (notPrincipal !== undefined) entries.push(["NotPrincipal", notPrincipal]);
  const condition = conditions(block.body.blocks.filter((b) => b.type === "condition"));
  if (condition !== undefined) entries.push(["Condition", condition]);
  return makeObject(entries);
}

/** A list of one element is written as that element. */
function collapse(v: Value): Value {
  if (Array.isArray(v) && (v as readonly Value[]).length === 1) return (v as readonly Value[])[0]!;
  return v;
}

function principals(blocks: readonly EvaluatedBlock[]): Value | undefined {
  if (blocks.length === 0) return undefined;
  const byType = new Map<string, Value[]>();
  for (const b of blocks) {
    if (b.dynamic?.unknownCount) return unknownFrom(b.dynamic.key);
    const type = b.body.attributes.get("type")?.value;
    const ids = b.body.attributes.get("identifiers")?.value;
    if (type instanceof UnknownValue) return unknownFrom(type);
    if (typeof type !== "string") continue;
    const list = byType.get(type) ?? [];
    if (ids instanceof UnknownValue) list.push(unknownFrom(ids));
    else if (Array.isArray(ids)) list.push(...(ids as readonly Value[]));
    else if (ids !== undefined) list.push(ids);
    byType.set(type, list);
  }
  const star = byType.get("*");
  if (byType.size === 1 && star !== undefined && star.length === 1 && star[0] === "*") return "*";
  return makeObject([...byType].map(([t, ids]) => [t, collapse(ids)]));
}

function conditions(blocks: readonly EvaluatedBlock[]): Value | undefined {
  if (blocks.length === 0) return undefined;
  const byTest = new Map<string, Map<string, Value[]>>();
  for (const b of blocks) {
    if (b.dynamic?.unknownCount) return unknownFrom(b.dynamic.key);
    const test = b.body.attributes.get("test")?.value;
    const variable = b.body.attributes.get("variable")?.value;
    const values = b.body.attributes.get("values")?.value;
    if (test instanceof UnknownValue) return unknownFrom(test);
    if (variable instanceof UnknownValue) return unknownFrom(variable);
    if (typeof test !== "string" || typeof variable !== "string") continue;
    const vars = byTest.get(test) ?? new Map<string, Value[]>();
    const list = vars.get(variable) ?? [];
    if (values instanceof UnknownValue) list.push(unknownFrom(values));
    else if (Array.isArray(values)) list.push(...(values as readonly Value[]));
    else if (values !== undefined) list.push(values);
    vars.set(variable, list);
    byTest.set(test, vars);
  }
  return makeObject([...byTest].map(([test, vars]) => [test, makeObject([...vars].map(([k, v]) => [k, collapse(v)]))]));
}

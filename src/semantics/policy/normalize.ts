/**
 * A policy document (a `Value` as the adapters evaluated it) turned into typed statements.
 * Nothing is dropped: a part that is unknown or malformed becomes an `Unreadable` in its place,
 * and the questions treat it as "could be anything".
 */
import { isList, isMap, isUnknown } from "../../model/value.ts";
import type { UnknownReason, Value, ValueMap } from "../../model/value.ts";

export interface Unreadable {
  readonly kind: "unknown";
  readonly reason: UnknownReason;
  readonly detail?: string;
}

/** One entry of a list as written: a string (it may hold symbolic tokens) or something unreadable. */
export type Element = string | Unreadable;

/** Action/NotAction or Resource/NotResource. */
export type Names = { readonly kind: "match" | "not"; readonly values: readonly Element[] } | Unreadable;

/** `type` is `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for `"Principal": "*"`. */
export interface PrincipalId {
  readonly type: string;
  readonly id: Element;
}

export type Principals =
  /** No Principal element: an identity policy, which applies to whoever it is attached to. */
  | { readonly kind: "implicit" }
  | { readonly kind: "match" | "not"; readonly ids: readonly PrincipalId[] }
  | Unreadable;

export type SetOperator = "any" | "all" | null;

export interface Clause {
  readonly kind: "clause";
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The base operator, lower case, without qualifier or IfExists: `stringlike`. */
  readonly op: string;
  readonly set: SetOperator;
  readonly ifExists: boolean;
  /** The condition key as written; keys compare case-insensitively. */
  readonly key: string;
  readonly values: readonly Element[] | Unreadable;
}

export type Conditions = { readonly kind: "conditions"; readonly clauses: readonly (Clause | Unreadable)[] } | Unreadable;

export interface Statement {
  readonly kind: "statement";
  /** Position in the Statement list (0 for a single statement object), for locating results. */
  readonly index: number;
  readonly sid: string | null;
  readonly effect: "Allow" | "Deny" | Unreadable;
  readonly principal: Principals;
  readonly action: Names;
  readonly resource: Names;
  readonly condition: Conditions;
}

export type UnreadableStatement = Unreadable & { readonly index: number };

export type AnyStatement = Statement | UnreadableStatement;

export interface KnownPolicy {
  readonly kind: "policy";
  readonly statements: readonly AnyStatement[];
}

export type Policy = KnownPolicy | Unreadable;

export function unreadable(reason: UnknownReason, detail?: string): Unreadable {
  return detail === undefined ? { kind: "unknown", reason } : { kind: "unknown", reason, detail };
}

export function isUnreadable(x: unknown): x is Unreadable {
  return typeof x === "object" && x !== null && (x as { kind?: unknown }).kind === "unknown";
}

function fromValue(v: Value): Unreadable | null {
  return isUnknown(v) ? unreadable(v.reason, v.detail) : null;
}

const STATEMENT_FIELDS = ["Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal"];

/** Accepts a whole document, a bare Statement list, a single statement, or JSON text of either. */
export function normalizePolicy(doc: Value): Policy {
  if (typeof doc === "string") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(doc);
    } catch {
      return unreadable("invalid", "policy text is not JSON");
    }
    return normalizePolicy(parsed as Value);
  }
  const u = fromValue(doc);
  if (u) return u;
  if (isList(doc)) return { kind: "policy", statements: doc.map(normalizeStatement) };
  if (isMap(doc)) {
    if ("Statement" in doc) {
      const list = doc["Statement"]!;
      const lu = fromValue(list);
      if (lu) return lu;
      if (isList(list)) return { kind: "policy", statements: list.map(normalizeStatement) };
      if (isMap(list)) return { kind: "policy", statements: [normalizeStatement(list, 0)] };
      return unreadable("invalid", "Statement is neither a list nor an object");
    }
    if (STATEMENT_FIELDS.some((f) => f in doc)) return { kind: "policy", statements: [normalizeStatement(doc, 0)] };
  }
  return unreadable("invalid", "not a policy document");
}

export function normalizeStatement(v: Value, index: number): AnyStatement {
  const u = fromValue(v);
  if (u) return { ...u, index };
  if (!isMap(v)) return { ...unreadable("invalid", "statement is not an object"), index };
  const sid = typeof v["Sid"] === "string" ? v["Sid"] : null;
  return {
    kind: "statement",
    index,
    sid,
    effect: effectOf(v["Effect"]),
    principal: principalsOf(v),
    action: namesOf(v, "Action", "NotAction"),
    resource: namesOf(v, "Resource", "NotResource"),
    condition: conditionsOf(v["Condition"]),
  };
}

function effectOf(v: Value | undefined): Statement["effect"] {
  if (v === "Allow" || v === "Deny") return v;
  if (v === undefined) return unreadable("invalid", "no Effect");
  return fromValue(v) ?? unreadable("invalid", `Effect ${JSON.stringify(v)}`);
}

function element(v: Value): Element {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return fromValue(v) ?? unreadable("invalid", "not a string");
}

/** A string or a list of strings. An empty list is rejected by AWS, so it is unreadable here. */
function elements(v: Value): readonly Element[] | Unreadable {
  const u = fromValue(v);
  if (u) return u;
  if (isList(v)) return v.length === 0 ? unreadable("invalid", "empty list") : v.map(element);
  if (isMap(v) || v === null) return unreadable("invalid", "not a string or list");
  return [element(v)];
}

function namesOf(st: ValueMap, pos: string, neg: string): Names {
  const p = st[pos];
  const n = st[neg];
  if (p !== undefined && n !== undefined) return unreadable("invalid", `both ${pos} and ${neg}`);
  if (p === undefined && n === undefined) return unreadable("invalid", `no ${pos}`);
  const values = elements((p ?? n)!);
  return isUnreadable(values) ? values : { kind: p !== undefined ? "match" : "not", values };
}

/** YAML may read an account ID as a number, losing its leading zeros. */
function accountElement(v: Value): Element {
  if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 1e12) return String(v).padStart(12, "0");
  return element(v);
}

function principalsOf(st: ValueMap): Principals {
  const p = st["Principal"];
  const n = st["NotPrincipal"];
  if (p !== undefined && n !== undefined) return unreadable("invalid", "both Principal and NotPrincipal");
  if (p === undefined && n === undefined) return { kind: "implicit" };
  const kind = p !== undefined ? "match" : "not";
  const v = (p ?? n)!;
  const u = fromValue(v);
  if (u) return u;
  if (v === "*") return { kind, ids: [{ type: "*", id: "*" }] };
  if (!isMap(v) || Object.keys(v).length === 0) return unreadable("invalid", "Principal is not `*` or a map");
  const ids: PrincipalId[] = [];
  for (const [type, raw] of Object.entries(v)) {
    const list = isUnknown(raw) ? [raw] : isList(raw) ? raw : [raw];
    for (const one of list) ids.push({ type, id: type === "AWS" ? accountElement(one) : element(one) });
  }
  return { kind, ids };
}

/** Splits `ForAnyValue:StringLikeIfExists` into its parts; operator names are read case-insensitively. */
export function parseOperator(operator: string): { op: string; set: SetOperator; ifExists: boolean } {
  let rest = operator.toLowerCase();
  let set: SetOperator = null;
  if (rest.startsWith("foranyvalue:")) {
    set = "any";
    rest = rest.slice("foranyvalue:".length);
  } else if (rest.startsWith("forallvalues:")) {
    set = "all";
    rest = rest.slice("forallvalues:".length);
  }
  const ifExists = rest.endsWith("ifexists");
  if (ifExists) rest = rest.slice(0, -"ifexists".length);
  return { op: rest, set, ifExists };
}

function conditionsOf(v: Value | undefined): Conditions {
  if (v === undefined || v === null) return { kind: "conditions", clauses: [] };
  const u = fromValue(v);
  if (u) return u;
  if (!isMap(v)) return unreadable("invalid", "Condition is not a map");
  const clauses: (Clause | Unreadable)[] = [];
  for (const [operator, block] of Object.entries(v)) {
    const bu = fromValue(block);
    if (bu) {
      clauses.push(bu);
      continue;
    }
    if (!isMap(block)) {
      clauses.push(unreadable("invalid", `${operator} is not a map`));
      continue;
    }
    const parsed = parseOperator(operator);
    for (const [key, values] of Object.entries(block)) {
      clauses.push({ kind: "clause", operator, ...parsed, key, values: elements(values) });
    }
  }
  return { kind: "conditions", clauses };
}

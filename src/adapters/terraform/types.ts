/** Variable type constraints (`list(string)`, `object({a = optional(number, 1)})`) and conversion to them. */
import { hasSymbol, isMap, UnknownValue, type Value } from "../../model/value.ts";
import type { Expr } from "../../parse/hcl-ast.ts";
import { parseNumber } from "./evaluate.ts";
import { makeObject, makeSet, numberToString, own, typeName } from "./values.ts";

export type TypeSpec =
  | { readonly kind: "any" | "string" | "number" | "bool" }
  | { readonly kind: "list" | "set" | "map"; readonly element: TypeSpec }
  | { readonly kind: "tuple"; readonly elements: readonly TypeSpec[] }
  | { readonly kind: "object"; readonly attributes: ReadonlyMap<string, ObjectAttribute> };

export interface ObjectAttribute {
  readonly type: TypeSpec;
  readonly optional: boolean;
  readonly default?: Value;
}

export const ANY: TypeSpec = { kind: "any" };

export class TypeError extends Error {}

/** Reads a type constraint; `literal` evaluates optional() defaults. */
export function parseType(expr: Expr, literal: (e: Expr) => Value): TypeSpec {
  const e = expr.kind === "parens" ? expr.expr : expr;
  if (e.kind === "variable") {
    if (e.name === "any" || e.name === "string" || e.name === "number" || e.name === "bool") return { kind: e.name };
    throw new TypeError(`unknown type ${e.name}`);
  }
  if (e.kind === "literal" && typeof e.value === "string") {
    // Terraform 0.11 quoted hints.
    if (e.value === "string") return { kind: "string" };
    if (e.value === "list") return { kind: "list", element: ANY };
    if (e.value === "map") return { kind: "map", element: ANY };
  }
  if (e.kind === "template" && e.unwrap && e.parts[0]?.kind === "interpolation") return parseType(e.parts[0].expr, literal);
  if (e.kind === "call") {
    const [arg] = e.args;
    if ((e.name === "list" || e.name === "set" || e.name === "map") && e.args.length === 1) {
      return { kind: e.name, element: parseType(arg!, literal) };
    }
    if (e.name === "tuple" && arg?.kind === "tuple") return { kind: "tuple", elements: arg.items.map((i) => parseType(i, literal)) };
    if (e.name === "object" && arg?.kind === "object") {
      const attributes = new Map<string, ObjectAttribute>();
      for (const item of arg.items) {
        const name = literal(item.key);
        if (typeof name !== "string") throw new TypeError("object type attribute names must be strings");
        const v = item.value.kind === "parens" ? item.value.expr : item.value;
        if (v.kind === "call" && v.name === "optional" && v.args.length >= 1) {
          const type = parseType(v.args[0]!, literal);
          const def = v.args[1] === undefined ? undefined : convert(literal(v.args[1]), type);
          attributes.set(name, def === undefined ? { type, optional: true } : { type, optional: true, default: def });
        } else attributes.set(name, { type: parseType(v, literal), optional: false });
      }
      return { kind: "object", attributes };
    }
  }
  throw new TypeError("invalid type constraint");
}

export function isPrimitive(t: TypeSpec): boolean {
  return t.kind === "string" || t.kind === "number" || t.kind === "bool";
}

/** Converts a value to a type as Terraform does for variables; throws TypeError when it cannot. */
export function convert(v: Value, t: TypeSpec): Value {
  if (v instanceof UnknownValue || t.kind === "any") return v;
  if (v === null) return null;
  switch (t.kind) {
    case "string":
      if (typeof v === "string") return v;
      if (typeof v === "number") return numberToString(v);
      if (typeof v === "boolean") return String(v);
      break;
    case "number":
      if (typeof v === "number") return v;
      if (typeof v === "string") {
        if (hasSymbol(v)) return new UnknownValue("known-after-apply", "number known only by identity");
        const n = parseNumber(v);
        if (n !== undefined) return n;
      }
      break;
    case "bool":
      if (typeof v === "boolean") return v;
      if (v === "true" || v === "1") return true;
      if (v === "false" || v === "0") return false;
      break;
    case "list":
    case "set":
      if (Array.isArray(v)) {
        const items = (v as readonly Value[]).map((x) => convert(x, t.element));
        return t.kind === "set" && !items.some((x) => x instanceof UnknownValue) ? makeSet(items) : items;
      }
      break;
    case "tuple":
      if (Array.isArray(v) && (v as readonly Value[]).length === t.elements.length) {
        return (v as readonly Value[]).map((x, i) => convert(x, t.elements[i]!));
      }
      break;
    case "map":
      if (isMap(v)) return makeObject(Object.keys(v).map((k) => [k, convert(v[k]!, t.element)]));
      break;
    case "object":
      if (isMap(v)) {
        const entries: [string, Value][] = [];
        for (const [name, attr] of t.attributes) {
          const given = own(v, name);
          if (given === undefined || given === null) {
            if (!attr.optional && given === undefined) throw new TypeError(`attribute ${JSON.stringify(name)} is required`);
            entries.push([name, attr.default ?? null]);
          } else entries.push([name, convert(given, attr.type)]);
        }
        return makeObject(entries);
      }
      break;
  }
  throw new TypeError(`a ${typeName(v)} cannot be used as ${describe(t)}`);
}

export function describe(t: TypeSpec): string {
  switch (t.kind) {
    case "list":
    case "set":
    case "map":
      return `${t.kind}(${describe(t.element)})`;
    case "tuple":
      return `tuple([${t.elements.map(describe).join(", ")}])`;
    case "object":
      return `object({${[...t.attributes].map(([k, a]) => `${k} = ${describe(a.type)}`).join(", ")}})`;
    default:
      return t.kind;
  }
}

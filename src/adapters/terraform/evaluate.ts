/**
 * The HCL expression evaluator with Terraform's semantics. Pure: everything it needs (references,
 * files, the template parser) comes through the EvalContext.
 *
 * Unknown flows like a value: an operation on an unknown gives an unknown that keeps the reason of
 * its source. An expression that Terraform would reject raises an EvalError inside the evaluator;
 * `evaluateAttribute` turns it into a diagnostic and UnknownValue("invalid"), and `try`, `can` and
 * conditionals catch it where Terraform does.
 */
import type { Range, WrittenAt } from "../../model/location.ts";
import { hasSymbol, isMap, UnknownValue, type Value, type ValueMap } from "../../model/value.ts";
import type { Expr, ForExpr, TemplatePart } from "../../parse/hcl-ast.ts";
import {
  isSetValue,
  makeObject,
  numberToString,
  own,
  sameValue,
  sortedKeys,
  tidyNumber,
  typeName,
  UnknownInstances,
  unknownFrom,
  valueEquals,
} from "./values.ts";

export interface Diagnostic {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
  readonly severity: "error" | "warning";
}

/** A step after a root name: `.name` or `[key]` (the key already evaluated). */
export type RefStep = { readonly kind: "attr"; readonly name: string } | { readonly kind: "index"; readonly key: Value };

/** Resolves the root names of a module scope (`var`, `local`, `module`, `data`, resource types, ...). */
export interface ReferenceResolver {
  /**
   * The value of `root` followed by some of `steps`, and how many steps were used; undefined when
   * `root` names nothing.
   */
  resolve(root: string, steps: readonly RefStep[], range: Range): { value: Value; consumed: number } | undefined;
  /** For an attribute whose expression is just `var.x` or `local.y`: where its value was written. */
  written?(expr: Expr, file: string): WrittenAt | undefined;
}

export interface FunctionCall {
  readonly name: string;
  readonly range: Range;
  readonly ctx: EvalContext;
}

export interface FunctionDef {
  readonly min: number;
  /** Infinity for variadic functions. */
  readonly max: number;
  /** The function handles unknown arguments itself; otherwise any unknown part makes the result unknown. */
  readonly partial?: boolean;
  readonly impl: (args: readonly Value[], call: FunctionCall) => Value;
}

/** Files and parsing for `file`, `templatefile` and friends; no I/O happens through it. */
export interface EvalHost {
  /** The text of a file the caller supplied (the path already resolved against the root module). */
  readFile(path: string): string | undefined;
  /** A standalone template, parsed (and cached) for `templatefile`. */
  parseTemplate?(path: string, text: string): Expr;
  /** The folder relative paths are resolved against (`path.root`, where Terraform runs). */
  readonly rootDir: string;
}

interface Binding {
  readonly name: string;
  readonly value: Value;
  readonly next: Binding | undefined;
}

export interface EvalContext {
  readonly file: string;
  readonly functions: ReadonlyMap<string, FunctionDef>;
  readonly refs?: ReferenceResolver;
  readonly host?: EvalHost;
  readonly bindings?: Binding;
  readonly diagnostics: Diagnostic[];
  /** Diagnostics of an evaluation whose errors are caught (`try`, a branch not taken) are dropped. */
  readonly muted?: boolean;
  /** Shared counter of nested evaluations, to report runaway recursion instead of overflowing the stack. */
  readonly depth?: { n: number };
}

export class EvalError extends Error {
  constructor(
    message: string,
    readonly range: Range,
  ) {
    super(message);
  }
}

const SPLAT_ITEM = "\u0000splat";
/** Evaluations nested deeper than this (through references between values) are reported. */
export const MAX_EVAL_DEPTH = 1500;

/** Binds names (for-expression variables, `count`, `each`, dynamic iterators) in a child context. */
export function withBindings(ctx: EvalContext, vars: Iterable<readonly [string, Value]>): EvalContext {
  let b = ctx.bindings;
  for (const [name, value] of vars) b = { name, value, next: b };
  return { ...ctx, bindings: b };
}

function lookupBinding(ctx: EvalContext, name: string): Binding | undefined {
  for (let b = ctx.bindings; b !== undefined; b = b.next) if (b.name === name) return b;
  return undefined;
}

export function report(ctx: EvalContext, range: Range, message: string, severity: "error" | "warning" = "error"): void {
  if (!ctx.muted) ctx.diagnostics.push({ file: ctx.file, range, message, severity });
}

/**
 * Evaluates an attribute's expression: errors become a diagnostic and UnknownValue("invalid").
 * This is the boundary every caller outside the evaluator uses.
 */
export function evaluateAttribute(expr: Expr, ctx: EvalContext): Value {
  try {
    return evaluate(expr, ctx);
  } catch (err) {
    if (err instanceof EvalError) {
      report(ctx, err.range, err.message);
      return new UnknownValue("invalid", err.message);
    }
    if (err instanceof RangeError) {
      report(ctx, expr.range, "expression too complex to evaluate (nesting too deep)");
      return new UnknownValue("invalid", "nesting too deep");
    }
    throw err;
  }
}

export function evaluate(expr: Expr, ctx: EvalContext): Value {
  const depth = ctx.depth;
  if (depth !== undefined) {
    if (depth.n >= MAX_EVAL_DEPTH) throw new EvalError("expression nested too deeply to evaluate", expr.range);
    depth.n++;
  }
  try {
    return evalInner(expr, ctx);
  } finally {
    if (depth !== undefined) depth.n--;
  }
}

function evalInner(expr: Expr, ctx: EvalContext): Value {
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "parens":
      return evaluate(expr.expr, ctx);
    case "template":
      return evalTemplate(expr.parts, expr.unwrap, ctx);
    case "tuple":
      return expr.items.map((item) => evaluate(item, ctx));
    case "object":
      return evalObject(expr, ctx);
    case "variable":
    case "getattr":
    case "index":
      return evalTraversal(expr, ctx);
    case "splat-item": {
      const b = lookupBinding(ctx, SPLAT_ITEM);
      if (b === undefined) throw new EvalError("splat item outside a splat expression", expr.range);
      return b.value;
    }
    case "splat":
      return evalSplat(expr.source, expr.each, ctx);
    case "call":
      return callFunction(expr, ctx);
    case "unary":
      return evalUnary(expr.op, evaluate(expr.operand, ctx), expr.range);
    case "binary":
      return evalBinary(expr, ctx);
    case "conditional":
      return evalConditional(expr.condition, expr.whenTrue, expr.whenFalse, ctx);
    case "for":
      return evalFor(expr, ctx);
    case "invalid":
      throw new EvalError(expr.message, expr.range);
  }
}

// ---- collections and references ----

function evalObject(expr: Extract<Expr, { kind: "object" }>, ctx: EvalContext): Value {
  const entries: [string, Value][] = [];
  for (const item of expr.items) {
    const key = evaluate(item.key, ctx);
    if (key instanceof UnknownValue) return unknownFrom(key);
    const value = evaluate(item.value, ctx);
    entries.push([keyString(key, item.key.range), value]);
  }
  return makeObject(entries);
}

function keyString(key: Value, range: Range): string {
  if (typeof key === "string") return key;
  if (typeof key === "number") return numberToString(key);
  if (typeof key === "boolean") return String(key);
  if (key === null) throw new EvalError("object key is null", range);
  throw new EvalError(`object key must be a string, not a ${typeName(key)}`, range);
}

/** `root.a[b].c`: the root is a bound name, a name the resolver knows, or any other expression. */
function evalTraversal(expr: Expr, ctx: EvalContext): Value {
  const chain: Expr[] = [];
  let root = expr;
  while (root.kind === "getattr" || root.kind === "index") {
    chain.push(root);
    root = root.target;
  }
  chain.reverse();
  const steps: RefStep[] = chain.map((e) =>
    e.kind === "getattr" ? { kind: "attr", name: e.name } : { kind: "index", key: evaluate((e as { key: Expr }).key, ctx) },
  );
  let value: Value;
  let consumed = 0;
  if (root.kind === "variable") {
    const bound = lookupBinding(ctx, root.name);
    if (bound !== undefined) value = bound.value;
    else {
      const resolved = ctx.refs?.resolve(root.name, steps, expr.range);
      if (resolved === undefined) throw new EvalError(`unknown variable ${JSON.stringify(root.name)}`, root.range);
      value = resolved.value;
      consumed = resolved.consumed;
    }
  } else value = evaluate(root, ctx);
  for (let i = consumed; i < steps.length; i++) value = applyStep(value, steps[i]!, chain[i]!.range);
  return value;
}

/** `.name` or `[key]` on a value. Objects marked open (resources) give unknown for absent attributes. */
export function applyStep(value: Value, step: RefStep, range: Range): Value {
  return step.kind === "attr" ? getAttr(value, step.name, range) : getIndex(value, step.key, range);
}

const openObjects = new WeakSet<ValueMap>();

/** Marks an object whose absent attributes are unknown rather than errors (a resource's attributes). */
export function markOpen<T extends ValueMap>(o: T): T {
  openObjects.add(o);
  return o;
}

function getAttr(value: Value, name: string, range: Range): Value {
  if (value instanceof UnknownValue) return unknownFrom(value);
  if (isMap(value)) {
    const v = own(value, name);
    if (v !== undefined) return v;
    if (openObjects.has(value)) return new UnknownValue("known-after-apply", name);
    throw new EvalError(`this object has no attribute named ${JSON.stringify(name)}`, range);
  }
  if (value === null) throw new EvalError(`cannot read attribute ${JSON.stringify(name)} of a null value`, range);
  if (Array.isArray(value)) {
    throw new EvalError(`cannot read attribute ${JSON.stringify(name)} of a list (did you mean [*].${name}?)`, range);
  }
  throw new EvalError(`cannot read attribute ${JSON.stringify(name)} of a ${typeName(value)}`, range);
}

function getIndex(value: Value, key: Value, range: Range): Value {
  if (value instanceof UnknownInstances) return value.element;
  if (value instanceof UnknownValue) return unknownFrom(value);
  if (value === null) throw new EvalError("cannot index a null value", range);
  if (key instanceof UnknownValue) {
    if (Array.isArray(value) || isMap(value)) return unknownFrom(key);
    throw new EvalError(`cannot index a ${typeName(value)}`, range);
  }
  if (Array.isArray(value)) {
    if (isSetValue(value)) throw new EvalError("elements of a set have no index; convert it with tolist() first", range);
    const n = typeof key === "number" ? key : typeof key === "string" && /^-?\d+$/.test(key) ? Number(key) : NaN;
    if (!Number.isInteger(n)) throw new EvalError(`a list index must be a whole number, not ${show(key)}`, range);
    const list = value as readonly Value[];
    if (n < 0 || n >= list.length) throw new EvalError(`index ${n} is out of range for a list of ${list.length}`, range);
    return list[n]!;
  }
  if (isMap(value)) {
    const k = typeof key === "string" ? key : typeof key === "number" || typeof key === "boolean" ? keyString(key, range) : null;
    if (k === null) throw new EvalError(`a map key must be a string, not ${typeName(key)}`, range);
    const v = own(value, k);
    if (v !== undefined) return v;
    if (openObjects.has(value)) return new UnknownValue("known-after-apply", k);
    throw new EvalError(`the map has no element with the key ${JSON.stringify(k)}`, range);
  }
  throw new EvalError(`cannot index a ${typeName(value)}`, range);
}

function evalSplat(sourceExpr: Expr, each: Expr, ctx: EvalContext): Value {
  const source = evaluate(sourceExpr, ctx);
  if (source instanceof UnknownValue) return unknownFrom(source);
  if (source === null) return [];
  const items: readonly Value[] = Array.isArray(source) ? (source as readonly Value[]) : [source];
  return items.map((item) => evaluate(each, withBindings(ctx, [[SPLAT_ITEM, item]])));
}

// ---- operators ----

function toNumber(v: Value, range: Range): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    if (hasSymbol(v)) throw new SymbolicOperand();
    const n = parseNumber(v);
    if (n !== undefined) return n;
    throw new EvalError(`cannot use ${show(v)} as a number`, range);
  }
  if (v === null) throw new EvalError("a null value cannot be used as a number", range);
  throw new EvalError(`a ${typeName(v)} cannot be used as a number`, range);
}

/** A string in Terraform's number syntax, or undefined. */
export function parseNumber(s: string): number | undefined {
  return /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s.trim()) ? Number(s) : undefined;
}

function toBool(v: Value, range: Range): boolean {
  if (typeof v === "boolean") return v;
  // The HCL specification accepts "1" and "0" as well.
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  if (v === null) throw new EvalError("a null value cannot be used as a bool", range);
  throw new EvalError(`${show(v)} cannot be used as a bool`, range);
}

/** A string operand whose text is a symbolic token: the arithmetic result is unknown. */
class SymbolicOperand extends Error {}

function evalUnary(op: "-" | "!", v: Value, range: Range): Value {
  if (v instanceof UnknownValue) return unknownFrom(v);
  if (op === "!") return !toBool(v, range);
  try {
    return -toNumber(v, range);
  } catch (err) {
    if (err instanceof SymbolicOperand) return symbolicUnknown();
    throw err;
  }
}

function symbolicUnknown(): UnknownValue {
  return new UnknownValue("known-after-apply", "arithmetic on a value known only by identity");
}

function evalBinary(expr: Extract<Expr, { kind: "binary" }>, ctx: EvalContext): Value {
  const { op, range } = expr;
  if (op === "&&" || op === "||") return evalLogical(expr, ctx);
  const left = evaluate(expr.left, ctx);
  const right = evaluate(expr.right, ctx);
  if (op === "==" || op === "!=") {
    const eq = valueEquals(left, right);
    if (eq instanceof UnknownValue) return eq;
    return op === "==" ? eq : !eq;
  }
  if (left instanceof UnknownValue) return unknownFrom(left);
  if (right instanceof UnknownValue) return unknownFrom(right);
  let a: number;
  let b: number;
  try {
    a = toNumber(left, expr.left.range);
    b = toNumber(right, expr.right.range);
  } catch (err) {
    if (err instanceof SymbolicOperand) return symbolicUnknown();
    throw err;
  }
  switch (op) {
    case "+":
      return tidyNumber(a + b);
    case "-":
      return tidyNumber(a - b);
    case "*":
      return tidyNumber(a * b);
    case "/":
      if (b === 0) throw new EvalError("division by zero", range);
      return tidyNumber(a / b);
    case "%":
      if (b === 0) throw new EvalError("modulo by zero", range);
      return tidyNumber(a % b);
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
  }
}

/**
 * `&&` and `||` short-circuit as in HCL 2.23 (Terraform 1.10): when one operand decides the
 * result, the other may be unknown or even fail.
 */
function evalLogical(expr: Extract<Expr, { kind: "binary" }>, ctx: EvalContext): Value {
  const deciding = expr.op === "||";
  const left = evaluate(expr.left, ctx);
  if (left !== null && !(left instanceof UnknownValue) && toBool(left, expr.left.range) === deciding) return deciding;
  const right = evaluate(expr.right, ctx);
  if (right !== null && !(right instanceof UnknownValue) && toBool(right, expr.right.range) === deciding) return deciding;
  if (left instanceof UnknownValue) return unknownFrom(left);
  if (right instanceof UnknownValue) return unknownFrom(right);
  toBool(left, expr.left.range);
  toBool(right, expr.right.range);
  return !deciding;
}

function evalConditional(condExpr: Expr, yes: Expr, no: Expr, ctx: EvalContext): Value {
  const cond = evaluate(condExpr, ctx);
  if (cond instanceof UnknownValue) {
    const a = tryEvaluate(yes, ctx);
    const b = tryEvaluate(no, ctx);
    if (a.ok && b.ok && sameValue(a.value, b.value)) return a.value;
    return unknownFrom(cond);
  }
  if (cond === null) throw new EvalError("the condition is null", condExpr.range);
  const pick = toBool(cond, condExpr.range);
  const chosen = evaluate(pick ? yes : no, ctx);
  // Both results take one type: a number or bool opposite a string becomes a string.
  if (typeof chosen === "number" || typeof chosen === "boolean") {
    const other = tryEvaluate(pick ? no : yes, ctx);
    if (other.ok && typeof other.value === "string") return typeof chosen === "number" ? numberToString(chosen) : String(chosen);
  }
  return chosen;
}

/** Evaluates with errors caught and diagnostics dropped. */
export function tryEvaluate(expr: Expr, ctx: EvalContext): { ok: true; value: Value } | { ok: false; error: EvalError } {
  try {
    return { ok: true, value: evaluate(expr, { ...ctx, muted: true }) };
  } catch (err) {
    if (err instanceof EvalError) return { ok: false, error: err };
    throw err;
  }
}

// ---- for expressions ----

/** The (key, value) pairs a `for` visits: lists by index, sets by value, objects by sorted key. */
export function iterationPairs(coll: Value, range: Range): [Value, Value][] {
  if (coll === null) throw new EvalError("cannot iterate over a null value", range);
  if (Array.isArray(coll)) {
    const list = coll as readonly Value[];
    return isSetValue(coll) ? list.map((v) => [v, v]) : list.map((v, i) => [i, v]);
  }
  if (isMap(coll)) return sortedKeys(coll).map((k) => [k, coll[k]!]);
  throw new EvalError(`cannot iterate over a ${typeName(coll)}`, range);
}

function evalFor(expr: ForExpr, ctx: EvalContext): Value {
  const coll = evaluate(expr.collection, ctx);
  if (coll instanceof UnknownValue) return unknownFrom(coll);
  const pairs = iterationPairs(coll, expr.collection.range);
  const isObject = expr.keyExpr !== undefined;
  const tuple: Value[] = [];
  const object = new Map<string, Value>();
  const groups = new Map<string, Value[]>();
  for (const [k, v] of pairs) {
    const vars: [string, Value][] = [[expr.valueVar, v]];
    if (expr.keyVar !== undefined) vars.push([expr.keyVar, k]);
    const inner = withBindings(ctx, vars);
    if (expr.condition !== undefined) {
      const c = evaluate(expr.condition, inner);
      if (c instanceof UnknownValue) return unknownFrom(c);
      if (c === null) throw new EvalError("the for expression's condition is null", expr.condition.range);
      if (!toBool(c, expr.condition.range)) continue;
    }
    if (!isObject) {
      tuple.push(evaluate(expr.valueExpr, inner));
      continue;
    }
    const key = evaluate(expr.keyExpr!, inner);
    if (key instanceof UnknownValue) return unknownFrom(key);
    const name = keyString(key, expr.keyExpr!.range);
    const value = evaluate(expr.valueExpr, inner);
    if (expr.grouping) {
      const g = groups.get(name);
      if (g === undefined) groups.set(name, [value]);
      else g.push(value);
    } else {
      if (object.has(name)) {
        throw new EvalError(`duplicate key ${JSON.stringify(name)} in a for expression (add ... to group values)`, expr.keyExpr!.range);
      }
      object.set(name, value);
    }
  }
  if (!isObject) return tuple;
  return makeObject(expr.grouping ? groups : object);
}

// ---- templates ----

function evalTemplate(parts: readonly TemplatePart[], unwrap: boolean, ctx: EvalContext): Value {
  const only = parts[0];
  if (unwrap && parts.length === 1 && only?.kind === "interpolation") return evaluate(only.expr, ctx);
  return renderParts(parts, ctx);
}

function renderParts(parts: readonly TemplatePart[], ctx: EvalContext): string | UnknownValue {
  let out = "";
  let unknown: UnknownValue | undefined;
  for (const part of parts) {
    let piece: string | UnknownValue;
    switch (part.kind) {
      case "literal":
        piece = part.value;
        break;
      case "interpolation":
        piece = templateString(evaluate(part.expr, ctx), part.range);
        break;
      case "if": {
        const c = evaluate(part.condition, ctx);
        if (c instanceof UnknownValue) piece = unknownFrom(c);
        else {
          if (c === null) throw new EvalError("the template condition is null", part.condition.range);
          piece = renderParts(toBool(c, part.condition.range) ? part.then : part.else, ctx);
        }
        break;
      }
      case "for": {
        const coll = evaluate(part.collection, ctx);
        if (coll instanceof UnknownValue) piece = unknownFrom(coll);
        else {
          piece = "";
          for (const [k, v] of iterationPairs(coll, part.collection.range)) {
            const vars: [string, Value][] = [[part.valueVar, v]];
            if (part.keyVar !== undefined) vars.push([part.keyVar, k]);
            const body = renderParts(part.body, withBindings(ctx, vars));
            if (body instanceof UnknownValue) {
              piece = body;
              break;
            }
            piece += body;
          }
        }
        break;
      }
    }
    if (piece instanceof UnknownValue) unknown ??= piece;
    else out += piece;
  }
  return unknown ?? out;
}

function templateString(v: Value, range: Range): string | UnknownValue {
  if (v instanceof UnknownValue) return unknownFrom(v);
  if (typeof v === "string") return v;
  if (typeof v === "number") return numberToString(v);
  if (typeof v === "boolean") return String(v);
  if (v === null) throw new EvalError("a template interpolation value is null", range);
  throw new EvalError(`cannot include a ${typeName(v)} in a string template`, range);
}

// ---- function calls ----

function callFunction(expr: Extract<Expr, { kind: "call" }>, ctx: EvalContext): Value {
  const name = expr.name.startsWith("core::") ? expr.name.slice(6) : expr.name;
  if (name === "try") return evalTry(expr.args, ctx, expr.range);
  if (name === "can") return evalCan(expr.args, ctx, expr.range);
  const def = ctx.functions.get(name);
  if (def === undefined) {
    report(ctx, expr.nameRange, `function ${expr.name} is not supported; its result is unknown`, "warning");
    return new UnknownValue("unsupported-expression", expr.name);
  }
  let args = expr.args.map((a) => evaluate(a, ctx));
  if (expr.expandFinal) {
    const last = args[args.length - 1];
    if (last instanceof UnknownValue) return unknownFrom(last);
    if (!Array.isArray(last)) throw new EvalError("the argument before ... must be a list", expr.args[args.length - 1]!.range);
    args = [...args.slice(0, -1), ...(last as readonly Value[])];
  }
  if (args.length < def.min || args.length > def.max) {
    const want = def.min === def.max ? `${def.min}` : def.max === Infinity ? `at least ${def.min}` : `${def.min} to ${def.max}`;
    throw new EvalError(`${expr.name} takes ${want} argument${want === "1" ? "" : "s"}, not ${args.length}`, expr.range);
  }
  if (!def.partial) {
    for (const a of args) {
      const u = deepUnknown(a);
      if (u !== undefined) return u;
    }
  }
  return def.impl(args, { name: expr.name, range: expr.range, ctx });
}

function deepUnknown(v: Value): UnknownValue | undefined {
  if (v instanceof UnknownValue) return unknownFrom(v);
  if (Array.isArray(v)) {
    for (const x of v as readonly Value[]) {
      const u = deepUnknown(x);
      if (u !== undefined) return u;
    }
  } else if (isMap(v)) {
    for (const k in v) {
      const u = deepUnknown(v[k]!);
      if (u !== undefined) return u;
    }
  }
  return undefined;
}

/**
 * `try`: the first argument that evaluates without error. An argument whose references are not
 * wholly known makes the result unknown, since it might fail or succeed once they are known.
 */
function evalTry(args: readonly Expr[], ctx: EvalContext, range: Range): Value {
  if (args.length === 0) throw new EvalError("try needs at least one argument", range);
  let lastError: EvalError | undefined;
  for (const arg of args) {
    const u = referencedUnknown(arg, ctx);
    if (u !== undefined) return u;
    const r = tryEvaluate(arg, ctx);
    if (r.ok) return r.value;
    lastError = r.error;
  }
  throw new EvalError(`no argument of try could be evaluated: ${lastError?.message ?? ""}`, range);
}

function evalCan(args: readonly Expr[], ctx: EvalContext, range: Range): Value {
  if (args.length !== 1) throw new EvalError("can takes 1 argument", range);
  const u = referencedUnknown(args[0]!, ctx);
  if (u !== undefined) return u;
  return tryEvaluate(args[0]!, ctx).ok;
}

/** The first unknown among the values the expression's static references lead to. */
function referencedUnknown(expr: Expr, ctx: EvalContext): UnknownValue | undefined {
  for (const ref of staticReferences(expr, new Set())) {
    const r = tryEvaluate(ref, ctx);
    if (!r.ok) continue;
    const u = deepUnknown(r.value);
    if (u !== undefined) return u;
  }
  return undefined;
}

/**
 * The references in an expression, each cut at its first step whose key is not a literal
 * (`a.b[var.i].c` gives `a.b` and `var.i`); names bound inside the expression are left out.
 */
function staticReferences(expr: Expr, bound: ReadonlySet<string>): Expr[] {
  const out: Expr[] = [];
  const visit = (e: Expr, names: ReadonlySet<string>): void => {
    switch (e.kind) {
      case "variable":
      case "getattr":
      case "index": {
        let root: Expr = e;
        const chain: Expr[] = [];
        while (root.kind === "getattr" || root.kind === "index") {
          chain.push(root);
          root = root.target;
        }
        if (root.kind !== "variable") {
          visit(root, names);
          for (const c of chain) if (c.kind === "index") visit(c.key, names);
          return;
        }
        if (names.has(root.name)) {
          for (const c of chain) if (c.kind === "index") visit(c.key, names);
          return;
        }
        let cut: Expr = root;
        for (let i = chain.length - 1; i >= 0; i--) {
          const c = chain[i]!;
          if (c.kind === "index") {
            visit(c.key, names);
            if (c.key.kind !== "literal") break;
          }
          cut = c;
        }
        out.push(cut);
        return;
      }
      case "for": {
        visit(e.collection, names);
        const inner = new Set(names);
        inner.add(e.valueVar);
        if (e.keyVar !== undefined) inner.add(e.keyVar);
        if (e.keyExpr !== undefined) visit(e.keyExpr, inner);
        visit(e.valueExpr, inner);
        if (e.condition !== undefined) visit(e.condition, inner);
        return;
      }
      case "template":
        for (const p of e.parts) visitPart(p, names);
        return;
      default:
        for (const child of childExprs(e)) visit(child, names);
    }
  };
  const visitPart = (p: TemplatePart, names: ReadonlySet<string>): void => {
    if (p.kind === "interpolation") visit(p.expr, names);
    else if (p.kind === "if") {
      visit(p.condition, names);
      for (const q of [...p.then, ...p.else]) visitPart(q, names);
    } else if (p.kind === "for") {
      visit(p.collection, names);
      const inner = new Set(names);
      inner.add(p.valueVar);
      if (p.keyVar !== undefined) inner.add(p.keyVar);
      for (const q of p.body) visitPart(q, inner);
    }
  };
  visit(expr, bound);
  return out;
}

/** The expressions inside a template's parts, those of its `if` and `for` directives included. */
function templateExprs(parts: readonly TemplatePart[]): Expr[] {
  return parts.flatMap((p): Expr[] => {
    switch (p.kind) {
      case "literal":
        return [];
      case "interpolation":
        return [p.expr];
      case "if":
        return [p.condition, ...templateExprs(p.then), ...templateExprs(p.else)];
      case "for":
        return [p.collection, ...templateExprs(p.body)];
    }
  });
}

/**
 * The sub-expressions of an expression: its direct ones, every one inside a template, and a for
 * expression's key last. They are not scoped: a caller that tracks the names a for expression or
 * a template `for` binds handles those two kinds itself (see staticReferences).
 */
export function childExprs(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case "tuple":
      return e.items;
    case "object":
      return e.items.flatMap((i) => [i.key, i.value]);
    case "getattr":
      return [e.target];
    case "index":
      return [e.target, e.key];
    case "splat":
      return [e.source, e.each];
    case "call":
      return e.args;
    case "unary":
      return [e.operand];
    case "binary":
      return [e.left, e.right];
    case "conditional":
      return [e.condition, e.whenTrue, e.whenFalse];
    case "parens":
      return [e.expr];
    case "for":
      return [e.collection, e.valueExpr, ...(e.condition === undefined ? [] : [e.condition]), ...(e.keyExpr === undefined ? [] : [e.keyExpr])];
    case "template":
      return templateExprs(e.parts);
    default:
      return [];
  }
}

/** A value for messages. */
export function show(v: Value): string {
  if (v instanceof UnknownValue) return "(unknown)";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return numberToString(v);
  if (v === null || typeof v === "boolean") return String(v);
  return Array.isArray(v) ? "a list" : "an object";
}

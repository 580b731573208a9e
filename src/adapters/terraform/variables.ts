/**
 * Input variables. A root module's variables take, from lowest to highest precedence: the default,
 * `TF_VAR_name`, terraform.tfvars, terraform.tfvars.json, `*.auto.tfvars(.json)` in lexical order,
 * then `-var` and `-var-file` in command-line order. Strings from `-var` and `TF_VAR_` are taken
 * literally for primitive types (and untyped variables) and parsed as HCL otherwise. Every value
 * is converted to the declared type.
 */
import type { Range } from "../../model/location.ts";
import { UnknownValue, type Value } from "../../model/value.ts";
import type { Block, Expr, HclFile } from "../../parse/hcl-ast.ts";
import type { HclParser } from "../../parse/hcl.ts";
import { evaluateAttribute, type Diagnostic, type EvalContext } from "./evaluate.ts";
import { terraformFunctions } from "./functions.ts";
import { parseOnce, type Decl, type ModuleDef, type SourceFile } from "./module-def.ts";
import type { VariableValue } from "./results.ts";
import { ANY, convert, describe, isPrimitive, parseType, TypeError, type TypeSpec } from "./types.ts";

export type CliVariable =
  | { readonly kind: "var"; readonly name: string; readonly value: string }
  | { readonly kind: "var-file"; readonly file: SourceFile };

export interface VariableDecl {
  readonly name: string;
  readonly type: TypeSpec;
  /** Declared with `type`: strings from the command line are parsed for non-primitive types. */
  readonly typed: boolean;
  readonly default: Value | undefined;
  /** The `default` expression, when there is one. */
  readonly defaultExpr?: Expr;
  readonly nullable: boolean;
  readonly file: string;
  readonly block: Block;
}

/** A context for literal values: functions, but no references. */
export function literalContext(file: string, diagnostics: Diagnostic[]): EvalContext {
  return { file, functions: terraformFunctions, diagnostics, depth: { n: 0 } };
}

export function readVariableDecl(name: string, decl: Decl<Block>, diagnostics: Diagnostic[]): VariableDecl {
  const ctx = literalContext(decl.file, diagnostics);
  const attr = (n: string): Expr | undefined => decl.node.body.attributes.find((a) => a.name === n)?.expr;
  const typeExpr = attr("type");
  let type: TypeSpec = ANY;
  if (typeExpr !== undefined) {
    try {
      type = parseType(typeExpr, (e) => evaluateAttribute(e, ctx));
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
      diagnostics.push({ file: decl.file, range: typeExpr.range, message: `variable "${name}": ${err.message}`, severity: "error" });
    }
  }
  const defaultExpr = attr("default");
  let def: Value | undefined;
  if (defaultExpr !== undefined) def = typed(evaluateAttribute(defaultExpr, ctx), type, name, decl.file, defaultExpr.range, diagnostics);
  const nullableExpr = attr("nullable");
  const nullable = nullableExpr === undefined || evaluateAttribute(nullableExpr, ctx) !== false;
  return { name, type, typed: typeExpr !== undefined, default: def, ...(defaultExpr === undefined ? {} : { defaultExpr }), nullable, file: decl.file, block: decl.node };
}

/** Converts to the declared type; a value that does not fit is reported and becomes unknown. */
export function typed(v: Value, type: TypeSpec, name: string, file: string, range: Range, diagnostics: Diagnostic[]): Value {
  try {
    return convert(v, type);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    diagnostics.push({ file, range, message: `variable "${name}" must be ${describe(type)}: ${err.message}`, severity: "error" });
    return new UnknownValue("invalid", `variable ${name}`);
  }
}

export interface RootVariableInputs {
  readonly cliVariables?: readonly CliVariable[];
  readonly environment?: Readonly<Record<string, string>>;
}

interface Candidate {
  readonly value: Value;
  readonly source: VariableValue["source"];
  readonly file?: string;
  readonly range?: Range;
  readonly valueRange?: Range;
}

/** The values of a root module's variables, with where each came from. */
export function rootVariableValues(
  hcl: HclParser,
  def: ModuleDef,
  decls: ReadonlyMap<string, VariableDecl>,
  inputs: RootVariableInputs,
  parsed: Map<string, HclFile>,
  diagnostics: Diagnostic[],
): Map<string, VariableValue> {
  const chosen = new Map<string, Candidate>();
  const fromString = (decl: VariableDecl, raw: string, source: "environment" | "cli", label: string): Candidate => {
    if (!decl.typed || isPrimitive(decl.type)) return { value: raw, source };
    const parsedExpr = hcl.parseExpression(raw);
    const where = decl.block.headerRange;
    if (parsedExpr.errors.length > 0) {
      diagnostics.push({ file: decl.file, range: where, message: `${label}: the value for "${decl.name}" is not a valid expression`, severity: "error" });
      return { value: new UnknownValue("invalid", decl.name), source };
    }
    return { value: evaluateAttribute(parsedExpr.expr, literalContext(decl.file, diagnostics)), source };
  };
  const fromFile = (file: HclFile, source: "tfvars" | "cli"): void => {
    const ctx = literalContext(file.path, diagnostics);
    for (const attr of file.body.attributes) {
      if (!decls.has(attr.name)) {
        diagnostics.push({ file: file.path, range: attr.nameRange, message: `a value was given for the undeclared variable "${attr.name}"`, severity: "warning" });
        continue;
      }
      chosen.set(attr.name, { value: evaluateAttribute(attr.expr, ctx), source, file: file.path, range: attr.range, valueRange: attr.expr.range });
    }
  };

  for (const [name, decl] of decls) {
    const env = inputs.environment?.[name];
    if (env !== undefined && Object.hasOwn(inputs.environment!, name)) chosen.set(name, fromString(decl, env, "environment", `TF_VAR_${name}`));
  }
  for (const file of def.autoVarFiles) fromFile(file, "tfvars");
  for (const cli of inputs.cliVariables ?? []) {
    if (cli.kind === "var-file") fromFile(parseOnce(hcl, cli.file, parsed, diagnostics), "cli");
    else {
      const decl = decls.get(cli.name);
      if (decl === undefined) {
        diagnostics.push({ file: def.dir, range: ZERO, message: `-var: the variable "${cli.name}" is not declared`, severity: "warning" });
        continue;
      }
      chosen.set(cli.name, fromString(decl, cli.value, "cli", "-var"));
    }
  }

  const out = new Map<string, VariableValue>();
  for (const [name, decl] of decls) {
    const c = chosen.get(name);
    out.set(name, finalValue(decl, c, diagnostics));
  }
  return out;
}

const ZERO: Range = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

/** The value a variable ends with: converted to its type, null replaced by the default when not nullable. */
export function finalValue(decl: VariableDecl, given: Candidate | undefined, diagnostics: Diagnostic[]): VariableValue {
  const fromDefault = (): VariableValue =>
    decl.default === undefined
      ? { name: decl.name, value: new UnknownValue("unset-variable", `var.${decl.name}`), source: "unset" }
      : { name: decl.name, value: decl.default, source: "default", file: decl.file, range: decl.block.range };
  if (given === undefined) return fromDefault();
  if (given.value === null && !decl.nullable && decl.default !== undefined) return fromDefault();
  const value = typed(given.value, decl.type, decl.name, given.file ?? decl.file, given.range ?? decl.block.headerRange, diagnostics);
  return {
    name: decl.name,
    value,
    source: given.source,
    ...(given.file === undefined ? {} : { file: given.file }),
    ...(given.range === undefined ? {} : { range: given.range }),
    ...(given.valueRange === undefined ? {} : { valueRange: given.valueRange }),
  };
}

/** Shared helpers for the Terraform tests: parse and evaluate small snippets. */
import type { Value } from "../../src/model/value.ts";
import { loadHclParser, type HclParser } from "../../src/parse/hcl.ts";
import type { Expr, TemplatePart } from "../../src/parse/hcl-ast.ts";
import { evaluateAttribute, type Diagnostic, type EvalContext } from "../../src/adapters/terraform/evaluate.ts";
import { terraformFunctions } from "../../src/adapters/terraform/functions.ts";

export const hclParser: Promise<HclParser> = loadHclParser();

export interface Evaluated {
  readonly value: Value;
  readonly diagnostics: Diagnostic[];
}

export interface Scope {
  /** `var.NAME` */
  readonly vars?: Record<string, Value>;
  /** Bare names, as HCL's own specification uses them. */
  readonly names?: Record<string, Value>;
  /** Files for file() and templatefile(). */
  readonly files?: Record<string, string>;
}

/** Evaluates an expression in a small scope. */
export function evalWith(hcl: HclParser, src: string, scope: Scope = {}): Evaluated {
  const vars = scope.vars ?? {};
  const names = scope.names ?? {};
  const files = scope.files ?? {};
  const parsed = hcl.parseExpression(src);
  if (parsed.errors.length > 0) throw new Error(`syntax: ${parsed.errors.map((e) => e.message).join("; ")}`);
  const diagnostics: Diagnostic[] = [];
  const ctx: EvalContext = {
    file: "test.tf",
    functions: terraformFunctions,
    diagnostics,
    depth: { n: 0 },
    host: {
      rootDir: ".",
      readFile: (p) => files[p],
      parseTemplate: (_p, text) => hcl.parseTemplate(text).expr,
    },
    refs: {
      resolve(root, steps) {
        if (Object.hasOwn(names, root)) return { value: names[root]!, consumed: 0 };
        if (root !== "var" && root !== "local") return undefined;
        const first = steps[0];
        if (first?.kind !== "attr") return undefined;
        if (!Object.hasOwn(vars, first.name)) return undefined;
        return { value: vars[first.name]!, consumed: 1 };
      },
    },
  };
  return { value: evaluateAttribute(parsed.expr, ctx), diagnostics };
}

/** A compact S-expression of an expression tree, for structure assertions. */
export function sexpr(e: Expr): string {
  switch (e.kind) {
    case "literal":
      return JSON.stringify(e.value);
    case "template":
      return `(template${e.unwrap ? "!" : ""} ${e.parts.map(part).join(" ")})`;
    case "tuple":
      return `[${e.items.map(sexpr).join(" ")}]`;
    case "object":
      return `{${e.items.map((i) => `${sexpr(i.key)}=${sexpr(i.value)}`).join(" ")}}`;
    case "variable":
      return e.name;
    case "getattr":
      return `${sexpr(e.target)}.${e.name}`;
    case "index":
      return `${sexpr(e.target)}[${sexpr(e.key)}]`;
    case "splat":
      return `(splat${e.full ? "[*]" : ".*"} ${sexpr(e.source)} ${sexpr(e.each)})`;
    case "splat-item":
      return "@";
    case "call":
      return `(${e.name} ${e.args.map(sexpr).join(" ")}${e.expandFinal ? "..." : ""})`;
    case "unary":
      return `(${e.op} ${sexpr(e.operand)})`;
    case "binary":
      return `(${e.op} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case "conditional":
      return `(? ${sexpr(e.condition)} ${sexpr(e.whenTrue)} ${sexpr(e.whenFalse)})`;
    case "for":
      return `(for ${e.keyVar ?? "_"} ${e.valueVar} ${sexpr(e.collection)}${e.keyExpr ? " " + sexpr(e.keyExpr) + " =>" : ""} ${sexpr(e.valueExpr)}${e.grouping ? "..." : ""}${e.condition ? " if " + sexpr(e.condition) : ""})`;
    case "parens":
      return `(${sexpr(e.expr)})`;
    case "invalid":
      return `(invalid ${e.message})`;
  }
}

function part(p: TemplatePart): string {
  switch (p.kind) {
    case "literal":
      return JSON.stringify(p.value);
    case "interpolation":
      return `\${${sexpr(p.expr)}}`;
    case "if":
      return `%{if ${sexpr(p.condition)} ${p.then.map(part).join(" ")} else ${p.else.map(part).join(" ")}}`;
    case "for":
      return `%{for ${p.keyVar ?? "_"} ${p.valueVar} ${sexpr(p.collection)} ${p.body.map(part).join(" ")}}`;
  }
}

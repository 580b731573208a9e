/**
 * Evaluates a Terraform configuration the way Terraform plans it, without providers: a root module
 * and the modules it calls, with variables, locals, count/for_each, dynamic blocks, module
 * outputs and references between resources. Pure: the caller supplies every file as data.
 *
 *   const hcl = await loadHclParser();
 *   const result = evaluateTerraform(hcl, { dir: "infra", files, readFolder, modulesManifest });
 *
 * Module calls are loaded synchronously through `readFolder(dir)`, so the caller preloads the
 * folders it may be asked for: a local source `./x` from a module in D is the folder
 * `posix.join(D, "./x")`; a source listed in the root's `.terraform/modules/modules.json` is
 * `posix.join(rootDir, Dir)`. A folder that is not available makes that module's outputs unknown.
 *
 * Values are computed on demand and memoized: a local, a variable, an output, a resource and a
 * module call are each a cell; a cell reached again while it is being computed is a reference
 * cycle, reported and unknown.
 */
import { posix } from "node:path";
import type { OtherReader, Range, WrittenAt, WrittenSite } from "../../model/location.ts";
import { isMap, UnknownValue, type Value, type ValueMap } from "../../model/value.ts";
import type { Attribute, Block, Expr, HclFile } from "../../parse/hcl-ast.ts";
import type { HclParser } from "../../parse/hcl.ts";
import { evaluateBody } from "./body.ts";
import {
  evaluateAttribute,
  EvalError,
  parseNumber,
  withBindings,
  type Diagnostic,
  type EvalContext,
  type EvalHost,
  type RefStep,
  type ReferenceResolver,
} from "./evaluate.ts";
import { terraformFunctions } from "./functions.ts";
import { loadModuleDef, resourceKey, type ModuleDef, type ResourceDecl, type SourceFile } from "./module-def.ts";
import { instanceObject } from "./references.ts";
import type {
  EvaluatedBody,
  EvaluatedResource,
  ModuleCallSite,
  ModuleInstanceResult,
  TerraformEvaluation,
  VariableValue,
} from "./results.ts";
import { MODULE_META_ATTRIBUTES, RESOURCE_META_ATTRIBUTES, RESOURCE_META_BLOCKS } from "./schema.ts";
import { makeObject, numberToString, sortedKeys, UnknownInstances, unknownFrom } from "./values.ts";
import { finalValue, readVariableDecl, rootVariableValues, type CliVariable, type VariableDecl } from "./variables.ts";
import { referencesOf, straight, type RefSite, type Straight } from "./written.ts";

export interface TerraformInputs {
  /** The root module's folder, a posix path ("." for the working directory). */
  readonly dir: string;
  /** The root module's files: `.tf`, `.tf.json`, `.tofu`, `.tofu.json`, its `.tfvars` files, and any
   * other file its `file()`/`templatefile()` calls read. */
  readonly files: readonly SourceFile[];
  /** The files of another module folder, or undefined when it is not available. Synchronous. */
  readonly readFolder?: (dir: string) => readonly SourceFile[] | undefined;
  /** A file outside the loaded folders, for `file()` and `templatefile()`. Synchronous. */
  readonly readFile?: (path: string) => string | undefined;
  /** The text of the root module's `.terraform/modules/modules.json`. */
  readonly modulesManifest?: string;
  /** `-var NAME=VALUE` and `-var-file FILE`, in command-line order. */
  readonly cliVariables?: readonly CliVariable[];
  /** `TF_VAR_name` values by variable name (without the prefix). */
  readonly environment?: Readonly<Record<string, string>>;
}

/** Modules nested deeper than this are not followed. */
export const MAX_MODULE_DEPTH = 32;

export function evaluateTerraform(hcl: HclParser, inputs: TerraformInputs): TerraformEvaluation {
  return new Run(hcl, inputs).evaluate();
}

class Cell<T> {
  private state: "new" | "busy" | "done" = "new";
  private value: T | undefined;

  constructor(
    private readonly compute: () => T,
    private readonly onCycle: () => T,
  ) {}

  get(): T {
    if (this.state === "done") return this.value!;
    if (this.state === "busy") return this.onCycle();
    this.state = "busy";
    try {
      this.value = this.compute();
      this.state = "done";
      return this.value;
    } finally {
      if (this.state === "busy") this.state = "new";
    }
  }
}

class Run {
  readonly diagnostics: Diagnostic[] = [];
  readonly files = new Map<string, HclFile>();
  readonly depth = { n: 0 };
  readonly rootDir: string;
  readonly host: EvalHost;
  readonly manifest = new Map<string, string>();
  private readonly folders = new Map<string, ModuleDef | undefined>();
  private readonly texts = new Map<string, string>();
  private readonly templates = new Map<string, Expr>();
  private readonly declCache = new Map<ModuleDef, Map<string, VariableDecl>>();
  private readonly refCache = new Map<ModuleDef, Map<string, RefSite[]>>();
  /** The distinct chains of module blocks each module folder is instantiated through (count and for_each instances are one chain). */
  private readonly chains = new Map<ModuleDef, Map<string, ModuleCallSite | undefined>>();
  /** Written values handed out, whose other readers are listed once everything is evaluated. */
  private readonly traced: { readonly trace: Traced; readonly others: OtherReader[] }[] = [];

  constructor(
    readonly hcl: HclParser,
    readonly inputs: TerraformInputs,
  ) {
    this.rootDir = normalizeDir(inputs.dir);
    this.readManifest();
    this.host = {
      rootDir: this.rootDir,
      readFile: (path) => this.texts.get(posix.normalize(path)) ?? this.inputs.readFile?.(path),
      parseTemplate: (path, text) => {
        let expr = this.templates.get(path);
        if (expr === undefined) {
          const parsed = this.hcl.parseTemplate(text);
          for (const e of parsed.errors) this.diagnostics.push({ file: path, range: e.range, message: e.message, severity: "error" });
          expr = parsed.expr;
          this.templates.set(path, expr);
        }
        return expr;
      },
    };
  }

  private readManifest(): void {
    const text = this.inputs.modulesManifest;
    if (text === undefined) return;
    try {
      const data = JSON.parse(text) as unknown;
      const modules = isRecord(data) && Array.isArray(data.Modules) ? (data.Modules as unknown[]) : [];
      for (const m of modules) {
        if (isRecord(m) && typeof m.Key === "string" && typeof m.Dir === "string" && m.Key !== "") {
          this.manifest.set(m.Key, normalizeDir(posix.join(this.rootDir, m.Dir)));
        }
      }
    } catch {
      const range = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
      this.diagnostics.push({ file: posix.join(this.rootDir, ".terraform/modules/modules.json"), range, message: "modules.json is not valid JSON", severity: "warning" });
    }
  }

  folder(dir: string): ModuleDef | undefined {
    if (this.folders.has(dir)) return this.folders.get(dir);
    const files = dir === this.rootDir ? this.inputs.files : this.inputs.readFolder?.(dir);
    const def = files === undefined ? undefined : loadModuleDef(this.hcl, dir, files, this.files, this.diagnostics);
    for (const f of files ?? []) this.texts.set(posix.normalize(f.path), f.text);
    this.folders.set(dir, def);
    return def;
  }

  /** The variable declarations of a module, read once. */
  decls(def: ModuleDef): Map<string, VariableDecl> {
    let decls = this.declCache.get(def);
    if (decls === undefined) {
      decls = new Map([...def.variables].map(([name, decl]) => [name, readVariableDecl(name, decl, this.diagnostics)]));
      this.declCache.set(def, decls);
    }
    return decls;
  }

  /** Every mention of `var.*` and `local.*` in a module, read once. */
  refs(def: ModuleDef): Map<string, RefSite[]> {
    let refs = this.refCache.get(def);
    if (refs === undefined) this.refCache.set(def, (refs = referencesOf(def.files)));
    return refs;
  }

  noteInstance(def: ModuleDef, chain: readonly ModuleCallSite[]): void {
    const chains = this.chains.get(def) ?? new Map<string, ModuleCallSite | undefined>();
    chains.set(chainKey(chain), chain[chain.length - 1]);
    this.chains.set(def, chains);
  }

  /** The WrittenAt an attribute carries; its other readers are filled in at the end of the run. */
  written(trace: Traced): WrittenAt {
    const at = trace.at;
    if (!("file" in at)) return at;
    const others: OtherReader[] = [];
    this.traced.push({ trace, others });
    const site: WrittenSite = { ...at, others };
    return site;
  }

  /**
   * What else reads each written value: any other mention of a name on its way to the attribute,
   * and the other module blocks through which the module holding the value is instantiated.
   */
  private listOtherReaders(): void {
    for (const { trace, others } of this.traced) {
      const seen = new Set<string>();
      const add = (o: OtherReader): void => {
        const key = `${o.what}\0${o.file}\0${o.line}`;
        if (!seen.has(key) && others.length < MAX_OTHERS) {
          seen.add(key);
          others.push(o);
        }
      };
      for (const hop of trace.hops) {
        for (const r of this.refs(hop.def).get(hop.name) ?? []) {
          if (others.length >= MAX_OTHERS) break;
          if (r.file === hop.file && sameRange(r.range, hop.range)) continue;
          add({ what: r.what, reads: hop.name, file: r.file, line: r.range.startLine });
        }
      }
      if (trace.siteDef !== undefined) {
        for (const [key, call] of this.chains.get(trace.siteDef) ?? []) {
          if (key === trace.siteChain || call === undefined) continue;
          add({ what: `module.${call.name}`, reads: trace.at.name, file: call.file, line: call.headerRange.startLine });
        }
      }
    }
  }

  evaluate(): TerraformEvaluation {
    const def = this.folder(this.rootDir)!;
    const decls = this.decls(def);
    const values = rootVariableValues(this.hcl, def, decls, this.inputs, this.files, this.diagnostics);
    const root = new ModuleInstance(this, def, "", [], [], [this.rootDir], (name) => values.get(name));
    const modules: ModuleInstanceResult[] = [];
    root.collect(modules);
    this.listOtherReaders();
    return { modules, resources: modules.flatMap((m) => m.resources), diagnostics: distinct(this.diagnostics), files: this.files };
  }
}

/** Names followed through module arguments and locals before giving up. */
const MAX_TRACE = 32;
/** Other readers listed for one value (one is enough to refuse a fix; a few tell the user where to look). */
const MAX_OTHERS = 10;

/** A value followed back to where it was written; a place in a file gets its other readers at the end of the run (Run.written). */
interface Traced {
  readonly at: Omit<WrittenSite, "others"> | Exclude<WrittenAt, WrittenSite>;
  /** The module the value is written in, and the chain of module blocks of that instance. */
  readonly siteDef?: ModuleDef;
  readonly siteChain?: string;
  /** The names the value went through, from where it was written to the attribute, each with the
   * mention that carried it on (a module argument, a local, the attribute itself). */
  readonly hops: readonly { readonly def: ModuleDef; readonly name: string; readonly file: string; readonly range: Range }[];
}

function chainKey(chain: readonly ModuleCallSite[]): string {
  return chain.map((c) => `${c.file}:${c.range.startLine}:${c.range.startColumn}`).join(" > ");
}

function sameRange(a: Range, b: Range): boolean {
  return a.startLine === b.startLine && a.startColumn === b.startColumn && a.endLine === b.endLine && a.endColumn === b.endColumn;
}

interface Instance<T> {
  readonly key: number | string | UnknownValue | undefined;
  readonly address: string;
  readonly item: T;
}

type Expansion =
  | { readonly kind: "single" }
  | { readonly kind: "count"; readonly keys: readonly number[] }
  | { readonly kind: "for_each"; readonly entries: readonly (readonly [string, Value])[] }
  | { readonly kind: "unknown"; readonly reason: UnknownValue };

interface ResourceState {
  readonly decl: ResourceDecl;
  readonly instances: readonly Instance<{ body: EvaluatedBody; object: ValueMap }>[];
  readonly value: Value;
}

interface CallState {
  readonly name: string;
  readonly expansion: Expansion;
  /** Undefined when the module's source is not available. */
  readonly instances: readonly Instance<ModuleInstance>[] | undefined;
}

class ModuleInstance implements ReferenceResolver {
  private readonly vars = new Map<string, Cell<VariableValue>>();
  private readonly locals = new Map<string, Cell<Value>>();
  private readonly outputs = new Map<string, Cell<Value>>();
  private readonly resources = new Map<string, Cell<ResourceState>>();
  private readonly calls = new Map<string, Cell<CallState>>();

  constructor(
    private readonly run: Run,
    private readonly def: ModuleDef,
    readonly address: string,
    private readonly callChain: readonly ModuleCallSite[],
    private readonly keyPath: readonly string[],
    private readonly ancestors: readonly string[],
    variableValue: (name: string, decl: VariableDecl) => VariableValue | undefined,
    /** Where the argument for a variable was written, through the calling module. */
    private readonly traceArgument?: (name: string, depth: number) => Traced | undefined,
  ) {
    run.noteInstance(def, callChain);
    for (const [name, decl] of run.decls(def)) {
      this.vars.set(
        name,
        this.cell(
          () => variableValue(name, decl) ?? finalValue(decl, undefined, run.diagnostics),
          () => ({ name, value: new UnknownValue("cycle", `var.${name}`), source: "unset" }),
          decl.file,
          decl.block.headerRange,
          `var.${name}`,
        ),
      );
    }
    for (const [name, decl] of def.locals) {
      this.locals.set(
        name,
        this.cell(() => evaluateAttribute(decl.node.expr, this.ctx(decl.file)), undefined, decl.file, decl.node.range, `local.${name}`),
      );
    }
    for (const [name, decl] of def.outputs) {
      const valueExpr = decl.node.body.attributes.find((a) => a.name === "value")?.expr;
      this.outputs.set(
        name,
        this.cell(
          () => (valueExpr === undefined ? null : evaluateAttribute(valueExpr, this.ctx(decl.file))),
          undefined,
          decl.file,
          decl.node.headerRange,
          `output.${name}`,
        ),
      );
    }
    for (const decl of def.resources) {
      const label = `${decl.mode === "data" ? "data." : ""}${decl.type}.${decl.name}`;
      this.resources.set(
        resourceKey(decl.mode, decl.type, decl.name),
        this.cell(() => this.evaluateResource(decl), () => this.cycleResource(decl), decl.file, decl.block.headerRange, label),
      );
    }
    for (const [name, decl] of def.calls) {
      this.calls.set(
        name,
        this.cell(
          () => this.evaluateCall(name, decl.node, decl.file),
          () => ({ name, expansion: { kind: "single" }, instances: undefined }),
          decl.file,
          decl.node.headerRange,
          `module.${name}`,
        ),
      );
    }
  }

  private cell<T>(compute: () => T, onCycle: (() => T) | undefined, file: string, range: Range, label: string): Cell<T> {
    let reported = false;
    return new Cell(compute, () => {
      if (!reported) {
        reported = true;
        this.run.diagnostics.push({ file, range, message: `${label} refers to itself through a reference cycle`, severity: "error" });
      }
      return onCycle === undefined ? (new UnknownValue("cycle", label) as T) : onCycle();
    });
  }

  ctx(file: string): EvalContext {
    return {
      file,
      functions: terraformFunctions,
      refs: this,
      host: this.run.host,
      diagnostics: this.run.diagnostics,
      depth: this.run.depth,
    };
  }

  // ---- where values were written ----

  /** For an attribute that is just `var.x` or `local.y`: where its value was written (ReferenceResolver.written). */
  written(expr: Expr, file: string): WrittenAt | undefined {
    const s = straight(expr);
    if (s?.kind !== "ref") return undefined;
    const t = this.traceRef(s, file, 0);
    return t === undefined ? undefined : this.run.written(t);
  }

  private traceRef(s: Extract<Straight, { kind: "ref" }>, file: string, depth: number): Traced | undefined {
    if (depth > MAX_TRACE) return undefined;
    const inner = s.root === "var" ? this.traceVar(s.name, depth) : this.traceLocal(s.name, depth);
    return inner && { ...inner, hops: [...inner.hops, { def: this.def, name: `${s.root}.${s.name}`, file, range: s.range }] };
  }

  /** A literal is where the value was written; a lone name is followed further. */
  private traceExpr(expr: Expr, file: string, kind: "argument" | "local", name: string, depth: number): Traced | undefined {
    const s = straight(expr);
    if (s === undefined) return undefined;
    if (s.kind === "literal") return this.site(kind, name, file, s.range);
    return this.traceRef(s, file, depth + 1);
  }

  private site(kind: "default" | "tfvars" | "var-file" | "argument" | "local", name: string, file: string, range: Range): Traced {
    return { at: { kind, name, file, range, rootDir: this.run.rootDir }, siteDef: this.def, siteChain: chainKey(this.callChain), hops: [] };
  }

  private traceVar(name: string, depth: number): Traced | undefined {
    const v = this.vars.get(name)?.get();
    const decl = this.run.decls(this.def).get(name);
    if (v === undefined || decl === undefined) return undefined;
    const label = `var.${name}`;
    switch (v.source) {
      case "default":
        return decl.defaultExpr !== undefined && straight(decl.defaultExpr)?.kind === "literal" ? this.site("default", label, decl.file, decl.defaultExpr.range) : undefined;
      case "tfvars":
        return v.file !== undefined && v.valueRange !== undefined ? this.site("tfvars", label, v.file, v.valueRange) : undefined;
      case "cli":
        if (v.file === undefined) return { at: { kind: "cli", name: label }, hops: [] };
        return v.valueRange !== undefined ? this.site("var-file", label, v.file, v.valueRange) : undefined;
      case "environment":
        return { at: { kind: "environment", name: label }, hops: [] };
      case "argument":
        return this.traceArgument?.(name, depth);
      case "unset":
        return undefined;
    }
  }

  private traceLocal(name: string, depth: number): Traced | undefined {
    const decl = this.def.locals.get(name);
    return decl === undefined ? undefined : this.traceExpr(decl.node.expr, decl.file, "local", `local.${name}`, depth);
  }

  // ---- references ----

  resolve(root: string, steps: readonly RefStep[], range: Range): { value: Value; consumed: number } | undefined {
    const first = steps[0];
    const attrName = first?.kind === "attr" ? first.name : undefined;
    switch (root) {
      case "var": {
        if (attrName === undefined) throw new EvalError("var must be followed by a variable name", range);
        const v = this.vars.get(attrName);
        if (v === undefined) throw new EvalError(`there is no variable named "${attrName}"`, range);
        return { value: v.get().value, consumed: 1 };
      }
      case "local": {
        if (attrName === undefined) throw new EvalError("local must be followed by a local value name", range);
        const v = this.locals.get(attrName);
        if (v === undefined) throw new EvalError(`there is no local value named "${attrName}"`, range);
        return { value: v.get(), consumed: 1 };
      }
      case "module":
        if (attrName === undefined) throw new EvalError("module must be followed by a module name", range);
        return this.resolveModule(attrName, steps, range);
      case "data": {
        const second = steps[1];
        if (attrName === undefined || second?.kind !== "attr") throw new EvalError("data must be followed by a type and a name", range);
        const cell = this.resources.get(resourceKey("data", attrName, second.name));
        if (cell === undefined) throw new EvalError(`there is no data "${attrName}" "${second.name}" in this module`, range);
        return { value: cell.get().value, consumed: 2 };
      }
      case "path": {
        if (attrName === "module") return { value: this.pathModule(), consumed: 1 };
        if (attrName === "root" || attrName === "cwd") return { value: ".", consumed: 1 };
        throw new EvalError(`unknown path attribute`, range);
      }
      case "terraform":
        if (attrName === "workspace") return { value: "default", consumed: 1 };
        throw new EvalError("unknown terraform attribute", range);
      case "self":
        return { value: new UnknownValue("known-after-apply", "self"), consumed: steps.length };
      case "count":
      case "each":
        throw new EvalError(`${root} can only be used in a block that sets ${root === "count" ? "count" : "for_each"}`, range);
    }
    if (attrName === undefined) return undefined;
    const cell = this.resources.get(resourceKey("managed", root, attrName));
    if (cell === undefined) {
      if (/^[a-z0-9]+_/.test(root)) throw new EvalError(`there is no resource "${root}" "${attrName}" in this module`, range);
      return undefined;
    }
    return { value: cell.get().value, consumed: 1 };
  }

  private pathModule(): string {
    const rel = posix.relative(this.run.rootDir, this.def.dir);
    return rel === "" ? "." : rel;
  }

  private resolveModule(name: string, steps: readonly RefStep[], range: Range): { value: Value; consumed: number } {
    const cell = this.calls.get(name);
    if (cell === undefined) throw new EvalError(`there is no module "${name}" in this module`, range);
    const state = cell.get();
    const unknown = (): UnknownValue => new UnknownValue("module-output", `${this.prefix()}module.${name}`);
    if (state.instances === undefined) return { value: unknown(), consumed: steps.length };
    const [, s1, s2] = steps;
    const output = (inst: ModuleInstance, step: RefStep | undefined): Value => {
      if (step?.kind !== "attr") throw new EvalError("a module output name is required", range);
      return inst.output(step.name, range);
    };
    const exp = state.expansion;
    if (exp.kind === "single") {
      const inst = state.instances[0]!.item;
      if (s1?.kind === "attr") return { value: output(inst, s1), consumed: 2 };
      return { value: inst.outputsObject(range), consumed: 1 };
    }
    if (s1?.kind === "index" && s2?.kind === "attr") {
      if (exp.kind === "unknown") return { value: output(state.instances[0]!.item, s2), consumed: 3 };
      const key = s1.key;
      if (key instanceof UnknownValue) return { value: unknownFrom(key), consumed: 3 };
      const inst = state.instances.find((i) => i.key === key || (typeof key === "string" && String(i.key) === key));
      if (inst === undefined) throw new EvalError(`module.${name} has no instance ${JSON.stringify(key)}`, range);
      return { value: output(inst.item, s2), consumed: 3 };
    }
    return { value: collectionValue(exp, state.instances.map((i) => ({ key: i.key, value: i.item.outputsObject(range) }))), consumed: 1 };
  }

  output(name: string, range: Range): Value {
    const cell = this.outputs.get(name);
    if (cell === undefined) throw new EvalError(`the module ${this.address} has no output named "${name}"`, range);
    return cell.get();
  }

  outputsObject(range: Range): ValueMap {
    return makeObject([...this.outputs.keys()].map((k) => [k, this.output(k, range)]));
  }

  private prefix(): string {
    return this.address === "" ? "" : `${this.address}.`;
  }

  // ---- count and for_each ----

  /** Reads `count` or `for_each` of a resource or module block. */
  private expansion(attrs: readonly Attribute[], ctx: EvalContext, file: string): Expansion {
    const count = attrs.find((a) => a.name === "count");
    const forEach = attrs.find((a) => a.name === "for_each");
    if (count !== undefined && forEach !== undefined) {
      this.run.diagnostics.push({ file, range: forEach.range, message: "count and for_each cannot be used together", severity: "error" });
    }
    if (count !== undefined) {
      const raw = evaluateAttribute(count.expr, ctx);
      if (raw instanceof UnknownValue) return { kind: "unknown", reason: unknownFrom(raw) };
      const v = typeof raw === "string" ? parseNumber(raw) : raw;
      if (typeof v === "number" && Number.isInteger(v) && v >= 0) return { kind: "count", keys: Array.from({ length: v }, (_, i) => i) };
      this.run.diagnostics.push({ file, range: count.expr.range, message: "count must be a whole number of at least 0", severity: "error" });
      return { kind: "unknown", reason: new UnknownValue("invalid", "count") };
    }
    if (forEach !== undefined) {
      const v = evaluateAttribute(forEach.expr, ctx);
      if (v instanceof UnknownValue) return { kind: "unknown", reason: unknownFrom(v) };
      if (isMap(v)) return { kind: "for_each", entries: sortedKeys(v).map((k) => [k, v[k]!] as const) };
      if (Array.isArray(v)) {
        const items = v as readonly Value[];
        const u = items.find((x) => x instanceof UnknownValue);
        if (u !== undefined) return { kind: "unknown", reason: unknownFrom(u) };
        if (items.every((x) => typeof x === "string" || typeof x === "number")) {
          const keys = [...new Set(items.map((x) => (typeof x === "number" ? numberToString(x) : (x as string))))].sort();
          return { kind: "for_each", entries: keys.map((k) => [k, k] as const) };
        }
      }
      this.run.diagnostics.push({ file, range: forEach.expr.range, message: "for_each must be a map or a set of strings", severity: "error" });
      return { kind: "unknown", reason: new UnknownValue("invalid", "for_each") };
    }
    return { kind: "single" };
  }

  /** The instances of an expansion: key, address suffix and the `count`/`each` bindings. */
  private instanceKeys(exp: Expansion): { key: Instance<unknown>["key"]; suffix: string; bindings: [string, Value][] }[] {
    switch (exp.kind) {
      case "single":
        return [{ key: undefined, suffix: "", bindings: [] }];
      case "count":
        return exp.keys.map((i) => ({ key: i, suffix: `[${i}]`, bindings: [["count", makeObject([["index", i]])]] }));
      case "for_each":
        return exp.entries.map(([k, v]) => ({
          key: k,
          suffix: `[${JSON.stringify(k)}]`,
          bindings: [["each", makeObject([["key", k], ["value", v]])]],
        }));
      case "unknown":
        return [
          {
            key: exp.reason,
            suffix: "[*]",
            bindings: [
              ["count", makeObject([["index", exp.reason]])],
              ["each", makeObject([["key", exp.reason], ["value", exp.reason]])],
            ],
          },
        ];
    }
  }

  // ---- resources ----

  private evaluateResource(decl: ResourceDecl): ResourceState {
    const ctx = this.ctx(decl.file);
    const exp = this.expansion(decl.block.body.attributes, ctx, decl.file);
    const base = `${this.prefix()}${decl.mode === "data" ? "data." : ""}${decl.type}.${decl.name}`;
    const instances = this.instanceKeys(exp).map(({ key, suffix, bindings }) => {
      const address = base + suffix;
      const body = evaluateBody(decl.block.body, withBindings(ctx, bindings), {
        skipAttributes: RESOURCE_META_ATTRIBUTES,
        skipBlocks: RESOURCE_META_BLOCKS,
      });
      return { key, address, item: { body, object: instanceObject(decl.mode, decl.type, address, body) } };
    });
    const value = collectionValue(exp, instances.map((i) => ({ key: i.key, value: i.item.object })));
    return { decl, instances, value };
  }

  private cycleResource(decl: ResourceDecl): ResourceState {
    const label = `${this.prefix()}${decl.mode === "data" ? "data." : ""}${decl.type}.${decl.name}`;
    return { decl, instances: [], value: new UnknownValue("cycle", label) };
  }

  // ---- module calls ----

  private evaluateCall(name: string, block: Block, file: string): CallState {
    const ctx = this.ctx(file);
    const attrs = block.body.attributes;
    const sourceAttr = attrs.find((a) => a.name === "source");
    const source = sourceAttr === undefined ? undefined : evaluateAttribute(sourceAttr.expr, ctx);
    const exp = this.expansion(attrs, ctx, file);
    const keyPath = [...this.keyPath, name];
    let dir: string | undefined;
    let downloaded = false;
    if (typeof source === "string") {
      if (source.startsWith("./") || source.startsWith("../")) dir = normalizeDir(posix.join(this.def.dir, source));
      else {
        dir = this.run.manifest.get(keyPath.join("."));
        downloaded = dir !== undefined;
      }
    } else {
      this.run.diagnostics.push({ file, range: sourceAttr?.range ?? block.headerRange, message: `module "${name}" needs a literal source`, severity: "error" });
    }
    if (dir !== undefined && (this.ancestors.includes(dir) || this.ancestors.length > MAX_MODULE_DEPTH)) {
      this.run.diagnostics.push({ file, range: block.headerRange, message: `module "${name}" calls itself (directly or through other modules); it is not followed`, severity: "error" });
      dir = undefined;
    }
    const def = dir === undefined ? undefined : this.run.folder(dir);
    if (def === undefined) return { name, expansion: exp, instances: undefined };
    const args = attrs.filter((a) => !MODULE_META_ATTRIBUTES.has(a.name));
    // The first argument of each name, as a lookup by name would find it.
    const argByName = new Map<string, Attribute>();
    for (const a of args) if (!argByName.has(a.name)) argByName.set(a.name, a);
    const instances = this.instanceKeys(exp).map(({ key, suffix, bindings }) => {
      const address = `${this.prefix()}module.${name}${suffix}`;
      const site: ModuleCallSite = {
        name,
        address,
        file,
        range: block.range,
        headerRange: block.headerRange,
        source: typeof source === "string" ? source : "",
        dir,
        downloaded,
      };
      const argCtx = withBindings(ctx, bindings);
      const child = new ModuleInstance(this.run, def, address, [...this.callChain, site], keyPath, [...this.ancestors, dir!], (v, decl) => {
        const arg = argByName.get(v);
        if (arg === undefined) {
          if (decl.default === undefined) {
            this.run.diagnostics.push({ file, range: block.headerRange, message: `module "${name}" does not set the required variable "${v}"`, severity: "warning" });
          }
          return undefined;
        }
        const value = evaluateAttribute(arg.expr, argCtx);
        return finalValue(decl, { value, source: "argument", file, range: arg.range }, this.run.diagnostics);
      }, (v, depth) => {
        const arg = argByName.get(v);
        return arg === undefined ? undefined : this.traceExpr(arg.expr, file, "argument", `${v} of module.${name}`, depth);
      });
      for (const arg of args) {
        if (!def.variables.has(arg.name)) {
          this.run.diagnostics.push({ file, range: arg.nameRange, message: `module "${name}" has no variable named "${arg.name}"`, severity: "error" });
        }
      }
      return { key, address, item: child };
    });
    return { name, expansion: exp, instances };
  }

  // ---- results ----

  collect(out: ModuleInstanceResult[]): void {
    const variables = [...this.vars.values()].map((c) => c.get());
    const locals = new Map([...this.locals].map(([k, c]) => [k, c.get()]));
    const outputs = new Map([...this.outputs].map(([k, c]) => [k, c.get()]));
    const resources: EvaluatedResource[] = [];
    for (const cell of this.resources.values()) {
      const state = cell.get();
      const { decl } = state;
      const addresses = state.instances.map((i) => i.address);
      const provider = providerText(decl.block.body.attributes.find((a) => a.name === "provider")?.expr);
      for (const inst of state.instances) {
        resources.push({
          mode: decl.mode,
          type: decl.type,
          name: decl.name,
          configAddress: `${decl.mode === "data" ? "data." : ""}${decl.type}.${decl.name}`,
          address: inst.address,
          key: inst.key,
          instances: addresses,
          module: this.address,
          file: decl.file,
          range: decl.block.range,
          headerRange: decl.block.headerRange,
          body: inst.item.body,
          attributes: inst.item.object,
          ...(provider === undefined ? {} : { provider }),
          moduleCalls: this.callChain,
        });
      }
    }
    const calls = [...this.calls.values()].map((c) => c.get());
    out.push({ address: this.address, dir: this.def.dir, calls: this.callChain, resources, variables, locals, outputs });
    for (const call of calls) for (const inst of call.instances ?? []) inst.item.collect(out);
  }
}

/** The value a reference to all instances sees: one object, a list (count), a map (for_each), or unknown instances. */
function collectionValue(exp: Expansion, items: readonly { key: Instance<unknown>["key"]; value: Value }[]): Value {
  switch (exp.kind) {
    case "single":
      return items[0]?.value ?? null;
    case "count":
      return items.map((i) => i.value);
    case "for_each":
      return makeObject(items.map((i) => [String(i.key), i.value]));
    case "unknown":
      return new UnknownInstances(items[0]?.value ?? null, exp.reason.reason, exp.reason.detail);
  }
}

function providerText(e: Expr | undefined): string | undefined {
  if (e === undefined) return undefined;
  if (e.kind === "literal" && typeof e.value === "string") return e.value;
  if (e.kind === "variable") return e.name;
  if (e.kind === "getattr") {
    const base = providerText(e.target);
    return base === undefined ? undefined : `${base}.${e.name}`;
  }
  if (e.kind === "template" && e.unwrap && e.parts[0]?.kind === "interpolation") return providerText(e.parts[0].expr);
  return undefined;
}

function normalizeDir(dir: string): string {
  const d = posix.normalize(dir === "" ? "." : dir);
  return d.length > 1 && d.endsWith("/") ? d.slice(0, -1) : d;
}

/** Diagnostics without repeats (a module called several times reports its problems once). */
function distinct(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}\0${d.range.startLine}:${d.range.startColumn}-${d.range.endLine}:${d.range.endColumn}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export type { SourceFile } from "./module-def.ts";
export type { CliVariable } from "./variables.ts";

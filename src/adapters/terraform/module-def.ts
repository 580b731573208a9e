/** A module folder read into its declarations: variables, locals, outputs, resources, module calls. */
import { posix } from "node:path";
import type { Attribute, Block, HclFile } from "../../parse/hcl-ast.ts";
import type { HclParser } from "../../parse/hcl.ts";
import type { Diagnostic } from "./evaluate.ts";

export interface SourceFile {
  /** A posix path, as the caller names it (relative to the working directory, or absolute). */
  readonly path: string;
  readonly text: string;
}

export interface Decl<T> {
  readonly node: T;
  readonly file: string;
}

export interface ResourceDecl {
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly block: Block;
  readonly file: string;
}

export interface ModuleDef {
  readonly dir: string;
  readonly variables: ReadonlyMap<string, Decl<Block>>;
  readonly locals: ReadonlyMap<string, Decl<Attribute>>;
  readonly outputs: ReadonlyMap<string, Decl<Block>>;
  readonly resources: readonly ResourceDecl[];
  readonly resourceIndex: ReadonlyMap<string, ResourceDecl>;
  readonly calls: ReadonlyMap<string, Decl<Block>>;
  /** terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in lexical order. */
  readonly autoVarFiles: readonly HclFile[];
  /** The configuration files read (override files left out), for finding every reference to a name. */
  readonly files: readonly HclFile[];
}

const CONFIG = /\.(tf|tofu)(\.json)?$/;
const OVERRIDE = /(^|_)override\.(tf|tofu)(\.json)?$/;

export function resourceKey(mode: "managed" | "data", type: string, name: string): string {
  return `${mode}:${type}.${name}`;
}

/** Parses a folder's files and collects its declarations; syntax errors and duplicates become diagnostics. */
export function loadModuleDef(
  hcl: HclParser,
  dir: string,
  files: readonly SourceFile[],
  parsed: Map<string, HclFile>,
  diagnostics: Diagnostic[],
): ModuleDef {
  const byName = new Map(files.map((f) => [posix.basename(f.path), f]));
  const configFiles = files
    .filter((f) => {
      const base = posix.basename(f.path);
      if (!CONFIG.test(base)) return false;
      // OpenTofu reads x.tofu instead of x.tf when both exist.
      if (/\.tf(\.json)?$/.test(base) && byName.has(base.replace(/\.tf(\.json)?$/, ".tofu$1"))) return false;
      return true;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const variables = new Map<string, Decl<Block>>();
  const locals = new Map<string, Decl<Attribute>>();
  const outputs = new Map<string, Decl<Block>>();
  const resources: ResourceDecl[] = [];
  const resourceIndex = new Map<string, ResourceDecl>();
  const calls = new Map<string, Decl<Block>>();
  const read: HclFile[] = [];

  const duplicate = (file: string, block: { headerRange: Block["headerRange"] } | Attribute, what: string): void => {
    const range = "headerRange" in block ? block.headerRange : block.range;
    diagnostics.push({ file, range, message: `duplicate ${what}; the first one is used`, severity: "error" });
  };

  for (const source of configFiles) {
    const file = parseOnce(hcl, source, parsed, diagnostics);
    const base = posix.basename(source.path);
    if (OVERRIDE.test(base)) {
      diagnostics.push({
        file: source.path,
        range: file.body.range,
        message: "override files are not merged into the configuration; this file is ignored",
        severity: "warning",
      });
      continue;
    }
    read.push(file);
    for (const block of file.body.blocks) {
      const [l0, l1] = block.labels;
      switch (block.type) {
        case "variable":
          if (l0 === undefined) break;
          if (variables.has(l0)) duplicate(source.path, block, `variable "${l0}"`);
          else variables.set(l0, { node: block, file: source.path });
          break;
        case "output":
          if (l0 === undefined) break;
          if (outputs.has(l0)) duplicate(source.path, block, `output "${l0}"`);
          else outputs.set(l0, { node: block, file: source.path });
          break;
        case "module":
          if (l0 === undefined) break;
          if (calls.has(l0)) duplicate(source.path, block, `module "${l0}"`);
          else calls.set(l0, { node: block, file: source.path });
          break;
        case "locals":
          for (const attr of block.body.attributes) {
            if (locals.has(attr.name)) duplicate(source.path, attr, `local value "${attr.name}"`);
            else locals.set(attr.name, { node: attr, file: source.path });
          }
          break;
        case "resource":
        case "data": {
          if (l0 === undefined || l1 === undefined) break;
          const mode = block.type === "data" ? "data" : "managed";
          const key = resourceKey(mode, l0, l1);
          if (resourceIndex.has(key)) {
            duplicate(source.path, block, `${block.type} "${l0}" "${l1}"`);
            break;
          }
          const decl: ResourceDecl = { mode, type: l0, name: l1, block, file: source.path };
          resources.push(decl);
          resourceIndex.set(key, decl);
          break;
        }
      }
    }
  }

  const autoVarFiles = files
    .filter((f) => /^terraform\.tfvars(\.json)?$|\.auto\.tfvars(\.json)?$/.test(posix.basename(f.path)))
    .sort((a, b) => varFileRank(a.path) - varFileRank(b.path) || (posix.basename(a.path) < posix.basename(b.path) ? -1 : 1))
    .map((f) => parseOnce(hcl, f, parsed, diagnostics));

  return { dir, variables, locals, outputs, resources, resourceIndex, calls, autoVarFiles, files: read };
}

function varFileRank(path: string): number {
  const base = posix.basename(path);
  return base === "terraform.tfvars" ? 0 : base === "terraform.tfvars.json" ? 1 : 2;
}

/** Parses a file once per run; its syntax errors are reported once. */
export function parseOnce(hcl: HclParser, source: SourceFile, parsed: Map<string, HclFile>, diagnostics: Diagnostic[]): HclFile {
  const known = parsed.get(source.path);
  if (known !== undefined) return known;
  const file = hcl.parseFile(source.path, source.text);
  parsed.set(source.path, file);
  for (const e of file.errors) diagnostics.push({ file: source.path, range: e.range, message: e.message, severity: "error" });
  return file;
}

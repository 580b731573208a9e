/** Terraform folders → model: roots found, each evaluated through its module calls, then adapted. */
import { posix } from "node:path";
import { adaptResources } from "../adapters/terraform/adapt.ts";
import { fromConfig } from "../adapters/terraform/from-config.ts";
import { evaluateTerraform, type CliVariable, type SourceFile as TfSource } from "../adapters/terraform/index.ts";
import { directivesOf } from "../adapters/terraform/suppress.ts";
import { localModuleSourcesOf } from "../discover/modules.ts";
import { TERRAFORM_CONFIG as CONFIG, folderOf } from "../discover/paths.ts";
import type { Notification } from "../engine/result.ts";
import type { PublicAccessBlock } from "../model/entities.ts";
import type { ModelPart } from "../model/part.ts";
import type { Sourced } from "../model/sourced.ts";
import { StringTable } from "../model/strings.ts";
import type { HclParser } from "../parse/hcl.ts";
import type { ParsePool } from "../parse/parse-pool.ts";

export interface TerraformHost {
  /** The Terraform files of a folder outside the scanned set (a module source), or undefined. */
  readFolder(dir: string): readonly TfSource[] | undefined;
  readFile(path: string): string | undefined;
  /** `.terraform/modules/modules.json` of a root folder, if present. */
  modulesManifest(dir: string): string | undefined;
  readonly cliVariables: readonly CliVariable[];
  readonly environment: Readonly<Record<string, string>>;
}

/** A Terraform file of the scan; `release` lets its text go (see SourceFile in analyze.ts). */
export type ScanSource = TfSource & { release?(): void };

export interface TerraformResult {
  readonly parts: ModelPart[];
  readonly accountPublicAccessBlock: Sourced<PublicAccessBlock | null> | null;
  readonly notifications: Notification[];
  readonly scanned: string[];
  readonly failed: string[];
}

/** Native syntax: what tree-sitter parses (JSON syntax has a parser of its own). */
const NATIVE = /\.(tf|tofu|tfvars)$/;

/** Folders that another scanned folder calls as a local module are not roots. */
function rootFolders(byFolder: ReadonlyMap<string, readonly TfSource[]>): string[] {
  const called = new Set<string>();
  for (const [dir, files] of byFolder) {
    for (const f of files) {
      if (!CONFIG.test(f.path)) continue;
      for (const s of localModuleSourcesOf(f.path, f.text)) called.add(posix.normalize(posix.join(dir, s)).replace(/\/$/, ""));
    }
  }
  return [...byFolder.keys()].filter((d) => !called.has(d) && byFolder.get(d)!.some((f) => CONFIG.test(f.path))).sort();
}

/**
 * With a parse pool, the files are handed to it root by root in the order they are evaluated, and
 * each root waits only for its own files that a worker is parsing.
 */
export async function analyzeTerraform(
  hcl: HclParser,
  files: readonly ScanSource[],
  host: TerraformHost,
  pool: ParsePool | null = null,
  strings: StringTable = new StringTable(),
): Promise<TerraformResult> {
  const byFolder = new Map<string, ScanSource[]>();
  for (const f of files) byFolder.set(folderOf(f.path), [...(byFolder.get(folderOf(f.path)) ?? []), f]);
  const out = { parts: [] as ModelPart[], notifications: [] as Notification[], scanned: [] as string[], failed: [] as string[] };
  let accountPublicAccessBlock: TerraformResult["accountPublicAccessBlock"] = null;
  const given = new Set(files.map((f) => f.path));
  const seenFiles = new Set<string>();
  const noted = new Set<string>();
  const roots = rootFolders(byFolder);
  const parser = pool ? hcl.withTrees((path, text) => pool.take(path, text)) : hcl;
  if (pool) {
    const native = (dir: string): TfSource[] => (byFolder.get(dir) ?? []).filter((f) => NATIVE.test(f.path));
    const rootSet = new Set(roots);
    pool.submit([...roots.flatMap(native), ...[...byFolder.keys()].filter((d) => !rootSet.has(d)).flatMap(native)]);
  }
  for (const dir of roots) {
    if (pool) await pool.settle(byFolder.get(dir)!.map((f) => f.path), hcl);
    const manifest = host.modulesManifest(dir);
    const ev = evaluateTerraform(parser, {
      dir,
      files: byFolder.get(dir)!,
      readFolder: (d) => byFolder.get(posix.normalize(d)) ?? host.readFolder(d),
      readFile: (p) => host.readFile(p),
      ...(manifest !== undefined ? { modulesManifest: manifest } : {}),
      cliVariables: host.cliVariables,
      environment: host.environment,
    });
    const adapted = adaptResources(ev.resources.filter((r) => r.mode === "managed").map(fromConfig));
    const part = { ...adapted.part, directives: [...ev.files.values()].filter((f) => given.has(f.path)).flatMap((f) => directivesOf(f, adapted.splitsOf)) };
    strings.detach(part);
    strings.detach(adapted.accountPublicAccessBlock);
    out.parts.push(part);
    accountPublicAccessBlock ??= adapted.accountPublicAccessBlock;
    for (const d of ev.diagnostics) {
      const key = `${d.file}:${d.range.startLine}:${d.range.startColumn}:${d.message}`;
      if (noted.has(key)) continue;
      noted.add(key);
      const syntax = d.severity === "error" && /^Syntax error/i.test(d.message);
      out.notifications.push({
        level: d.severity,
        id: syntax ? "parse-error" : "terraform-evaluation",
        message: d.message,
        file: d.file,
        line: d.range.startLine,
        column: d.range.startColumn,
      });
    }
    for (const [path, f] of ev.files) {
      if (!given.has(path) || seenFiles.has(path)) continue;
      seenFiles.add(path);
      const empty = f.body.blocks.length === 0 && f.body.attributes.length === 0;
      (f.errors.length > 0 && empty ? out.failed : out.scanned).push(path);
    }
    // No other root calls a root folder: its texts are done with (a module folder's may be read again).
    for (const f of byFolder.get(dir)!) f.release?.();
  }
  // tfvars and files of folders nobody evaluated (a module folder whose callers are all gone) still count as seen.
  for (const f of files) if (!seenFiles.has(f.path) && !CONFIG.test(f.path)) out.scanned.push(f.path);
  return { ...out, accountPublicAccessBlock };
}

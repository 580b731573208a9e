import { Template, isTemplate } from "../adapters/cloudformation/context.ts";
import { adaptTemplate } from "../adapters/cloudformation/adapt.ts";
import type { ResolvedConfig } from "../config/config.ts";
import type { Account, Model, PublicAccessBlock } from "../model/entities.ts";
import type { SourceKind } from "../model/location.ts";
import { known, unknown, type Sourced } from "../model/sourced.ts";
import type { TerraformHost, TerraformResult } from "./terraform.ts";
import { folderOf } from "../discover/paths.ts";
import { isPlan, planResources } from "../adapters/plan/adapt.ts";
import { adaptResources } from "../adapters/terraform/adapt.ts";
import { emptyPart, mergeParts, type ModelPart } from "../model/part.ts";
import { StringTable } from "../model/strings.ts";
import type { FileKind } from "../discover/classify.ts";
import type { Notification } from "../engine/result.ts";
import { parseJson } from "../parse/json.ts";
import { LineIndex } from "../parse/positions.ts";
import { parseYaml } from "../parse/yaml.ts";

export interface SourceFile {
  /** Path as every output shows it. */
  readonly rel: string;
  readonly text: string;
  readonly kind: FileKind;
  /**
   * The analysis is done with the text: it may let go of it (reading `text` again reads the file
   * again). A large scan keeps only its model, not every file it read.
   */
  release?(): void;
  /** The file on disk is no longer the one analysed (a fix must not be computed on it). */
  readonly stale?: boolean;
}

export interface Analysis {
  readonly model: Model;
  readonly part: ModelPart;
  readonly notifications: Notification[];
  /** Files that were parsed and recognised (templates, Terraform files, plans). */
  readonly scanned: readonly string[];
  /** IaC files that were found but could not be parsed. */
  readonly failed: readonly string[];
}

function notice(file: string, lines: LineIndex, offset: number, level: Notification["level"], id: string, message: string): Notification {
  const p = lines.position(offset);
  return { level, id, message, file, line: p.line, column: p.column };
}

/** CloudFormation: parse, recognise, adapt. A file that fails to parse becomes a notification. */
function analyzeTemplate(f: SourceFile, out: { parts: ModelPart[]; notifications: Notification[]; scanned: string[]; failed: string[] }, strings: StringTable): void {
  const parsed = f.kind === "cloudformation-json" ? parseJson(f.text) : parseYaml(f.text);
  if (!parsed.ok) {
    out.failed.push(f.rel);
    out.notifications.push(notice(f.rel, new LineIndex(f.text), parsed.error.offset, "error", "parse-error", parsed.error.message));
    return;
  }
  if (!isTemplate(parsed.root)) return; // looked like a template, but is not one: skipped silently
  const t = new Template(f.rel, f.text, parsed.root);
  for (const w of parsed.warnings) out.notifications.push(notice(f.rel, t.lines, w.offset, "warning", "unknown-tag", `${w.message}: its value is treated as unknown`));
  const part = adaptTemplate(t);
  strings.detach(part);
  out.parts.push(part);
  for (const n of t.notices) out.notifications.push(notice(f.rel, t.lines, n.offset, n.level, n.id, n.message));
  out.scanned.push(f.rel);
}

const TERRAFORM_KINDS: ReadonlySet<FileKind> = new Set(["terraform", "terraform-json", "tfvars", "tfvars-json"]);

/** Source files → one model. No I/O of its own: Terraform module folders outside the set come through `host`. */
export async function analyze(files: readonly SourceFile[], config: ResolvedConfig, host: TerraformHost | null = null): Promise<Analysis> {
  const acc = { parts: [] as ModelPart[], notifications: [] as Notification[], scanned: [] as string[], failed: [] as string[] };
  const kinds = new Set<SourceKind>();
  const strings = new StringTable();
  let accountPab: Sourced<PublicAccessBlock | null> | null = null;
  // A plan beside the .tf files it was made from is scanned alone: the folder's results are not reported twice.
  const planFolders = new Set<string>();
  for (const f of files) {
    if (f.kind !== "plan") continue;
    const parsed = parseJson(f.text);
    if (!parsed.ok) {
      acc.failed.push(f.rel);
      acc.notifications.push(notice(f.rel, new LineIndex(f.text), parsed.error.offset, "error", "parse-error", parsed.error.message));
      continue;
    }
    if (!isPlan(parsed.root)) continue;
    kinds.add("plan");
    planFolders.add(folderOf(f.rel));
    const adapted = adaptResources(planResources(f.rel, f.text, parsed.root));
    strings.detach(adapted);
    acc.parts.push(adapted.part);
    f.release?.();
    accountPab ??= adapted.accountPublicAccessBlock;
    acc.scanned.push(f.rel);
  }
  const tfFiles = files.filter((f) => TERRAFORM_KINDS.has(f.kind) && !planFolders.has(folderOf(f.rel)));
  if (tfFiles.length) {
    kinds.add("terraform");
    // tree-sitter, the Terraform evaluator and the parse pool load only when there is Terraform to parse.
    const [{ loadHclParser, QUICK_START_MAX_BYTES }, { poolFor }, { analyzeTerraform }] = await Promise.all([
      import("../parse/hcl.ts"),
      import("../parse/parse-pool.ts"),
      import("./terraform.ts"),
    ]);
    const sources = tfFiles.map((f) => ({
      path: f.rel,
      get text(): string {
        return f.text;
      },
      release: () => f.release?.(),
    }));
    let bytes = 0;
    for (const s of sources) bytes += s.text.length;
    const pool = poolFor(bytes);
    let tf: TerraformResult;
    try {
      const hcl = await loadHclParser({ quickStart: bytes <= QUICK_START_MAX_BYTES });
      tf = await analyzeTerraform(hcl, sources, host ?? NO_HOST, pool, strings);
    } finally {
      await pool?.close();
    }
    acc.parts.push(...tf.parts);
    acc.notifications.push(...tf.notifications);
    acc.scanned.push(...tf.scanned);
    acc.failed.push(...tf.failed);
    accountPab ??= tf.accountPublicAccessBlock;
  }
  // Templates come last, so that the Terraform parse workers are gone before their models are made;
  // their parts, files and notices still come first, as they always have.
  const cfn = { parts: [] as ModelPart[], notifications: [] as Notification[], scanned: [] as string[], failed: [] as string[] };
  for (const f of files) {
    if (f.kind === "cloudformation-yaml" || f.kind === "cloudformation-json") {
      kinds.add("cloudformation");
      analyzeTemplate(f, cfn, strings);
      f.release?.();
    }
  }
  acc.parts.unshift(...cfn.parts);
  acc.notifications.unshift(...cfn.notifications);
  acc.scanned.unshift(...cfn.scanned);
  acc.failed.unshift(...cfn.failed);
  const part = acc.parts.length ? mergeParts(acc.parts) : emptyPart();
  const model: Model = { kinds, ...part, account: iacAccount(config, kinds.has("terraform") ? "terraform" : "cloudformation", accountPab) };
  return { model, part, notifications: acc.notifications, scanned: acc.scanned, failed: acc.failed };
}

const NO_HOST: TerraformHost = { readFolder: () => undefined, readFile: () => undefined, modulesManifest: () => undefined, cliVariables: [], environment: {} };

/** The IaC stand-in for the account: the scanned set, located at the configuration when there is one. */
function iacAccount(config: ResolvedConfig, source: "terraform" | "cloudformation", pab: Sourced<PublicAccessBlock | null> | null): Account {
  const loc = { file: config.file ?? undefined, address: "(scanned files)", path: [] };
  return {
    type: "account",
    address: "(scanned files)",
    source,
    loc: config.file ? { ...loc, file: config.file } : { address: "(scanned files)", path: [] },
    label: "(scanned files)",
    accountId: unknown("other-account", loc),
    ...(config.requireTrailAt ? { requireTrailAt: config.requireTrailAt } : {}),
    ...(config.organizationAt ? { organizationAt: config.organizationAt } : {}),
    publicAccessBlock: pab ?? known(null, loc, "default"),
  };
}

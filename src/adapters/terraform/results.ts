/** What the Terraform evaluator hands to the adapter. */
import type { Range, WrittenAt } from "../../model/location.ts";
import type { UnknownValue, Value, ValueMap } from "../../model/value.ts";
import type { HclFile } from "../../parse/hcl-ast.ts";
import type { Diagnostic } from "./evaluate.ts";

export interface EvaluatedAttribute {
  readonly name: string;
  readonly value: Value;
  /** From the name to the end of the value. */
  readonly range: Range;
  readonly nameRange: Range;
  readonly valueRange: Range;
  /** A false boolean (`false` or `"false"`) whose expression is just `var.x` or `local.y`: where the value was written (a default, a tfvars file, a module argument, a local). */
  readonly written?: WrittenAt;
}

/**
 * A body after evaluation. An attribute whose value is null is absent (Terraform's meaning of
 * null), so it is not listed. Blocks are in source order, `dynamic` blocks expanded in place.
 */
export interface EvaluatedBody {
  readonly attributes: ReadonlyMap<string, EvaluatedAttribute>;
  readonly blocks: readonly EvaluatedBlock[];
  readonly range: Range;
}

export interface EvaluatedBlock {
  readonly type: string;
  readonly labels: readonly string[];
  /** A block made by `dynamic` has the dynamic block's range and header. */
  readonly range: Range;
  readonly headerRange: Range;
  readonly body: EvaluatedBody;
  /** Set on blocks made by `dynamic`: the element's key; `unknownCount` when `for_each` was unknown
   * (this one block stands for an unknown number of blocks). */
  readonly dynamic?: { readonly key: Value; readonly unknownCount: boolean };
}

/** A module call that a module instance came through. */
export interface ModuleCallSite {
  readonly name: string;
  /** The instance address, e.g. `module.audit` or `module.audit["eu"].module.trail`. */
  readonly address: string;
  readonly file: string;
  /** The `module` block, type name to closing brace, and its header line. */
  readonly range: Range;
  readonly headerRange: Range;
  readonly source: string;
  /** The folder the module was read from; undefined when its source is not available. */
  readonly dir: string | undefined;
  /** Read from a download (`.terraform/modules/` through modules.json) rather than a local path. */
  readonly downloaded: boolean;
}

export interface EvaluatedResource {
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** As written in its file: `aws_s3_bucket.logs`, `data.aws_iam_policy_document.p`. */
  readonly configAddress: string;
  /** Full instance address: `module.a.aws_s3_bucket.logs["x"]`. */
  readonly address: string;
  /** The `count` index or `for_each` key; UnknownValue when they are unknown; undefined without them. */
  readonly key: number | string | UnknownValue | undefined;
  /** Addresses of all instances of this resource block in the same module instance. */
  readonly instances: readonly string[];
  /** The module instance address ("" for the root module). */
  readonly module: string;
  readonly file: string;
  /** The block, type name to closing brace, and its header (`resource "T" "N" {`). */
  readonly range: Range;
  readonly headerRange: Range;
  readonly body: EvaluatedBody;
  /** What a reference to this instance sees: configured values plus computed attributes. */
  readonly attributes: ValueMap;
  /** The `provider` meta-argument as written (`aws.west`), if any. */
  readonly provider?: string;
  /** The module calls it came through, outermost first (empty in the root module). */
  readonly moduleCalls: readonly ModuleCallSite[];
}

export type VariableSource = "default" | "environment" | "tfvars" | "cli" | "argument" | "unset";

export interface VariableValue {
  readonly name: string;
  readonly value: Value;
  readonly source: VariableSource;
  /** Where the winning value was written (a tfvars file, the module call, the default). */
  readonly file?: string;
  readonly range?: Range;
  /** The value expression alone, for a value from a tfvars file or a -var-file. */
  readonly valueRange?: Range;
}

export interface ModuleInstanceResult {
  /** "" for the root module. */
  readonly address: string;
  readonly dir: string;
  readonly calls: readonly ModuleCallSite[];
  readonly resources: readonly EvaluatedResource[];
  readonly variables: readonly VariableValue[];
  readonly locals: ReadonlyMap<string, Value>;
  readonly outputs: ReadonlyMap<string, Value>;
}

export interface TerraformEvaluation {
  /** The root module first, then module instances in call order, depth first. */
  readonly modules: readonly ModuleInstanceResult[];
  /** Every resource and data source instance of every module instance. */
  readonly resources: readonly EvaluatedResource[];
  /** Syntax errors, evaluation errors, cycles, unsupported functions. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every file parsed, by path (comments for inline suppressions). */
  readonly files: ReadonlyMap<string, HclFile>;
}

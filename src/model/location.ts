/** A 1-based region in a file; columns count UTF-16 code units, endColumn is exclusive. */
export interface Range {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export type SourceKind = "terraform" | "plan" | "cloudformation" | "live";

/**
 * Where a value or an entity is. IaC locations have a file and a range; live locations have an ARN.
 * `address` is the resource as written in that file (`aws_cloudtrail.main`, a logical ID, an ARN) and
 * `path` the attribute path inside it: both feed fingerprints, which never use line numbers.
 */
export interface Loc {
  readonly file?: string;
  readonly range?: Range;
  readonly arn?: string;
  readonly address: string;
  readonly path: readonly (string | number)[];
  /** Terraform: the value came straight from a variable or a local written elsewhere (see WrittenAt). */
  readonly written?: WrittenAt;
  /** Terraform resource headers: the whole block, type name to closing brace (a fix adds a resource after it). */
  readonly block?: Range;
}

/**
 * Where a Terraform value was written when the attribute only names it (`var.x` as the whole
 * expression, through module arguments and locals that are themselves just a name): a variable's
 * `default`, a tfvars assignment, a module argument or a local. `others` lists everything else
 * that reads the value on its way (filled in once the whole configuration is evaluated); a fix
 * edits the written value only when there is nothing else. A value given with `-var` or
 * `TF_VAR_name` has no place in a file to edit.
 */
export type WrittenAt = WrittenSite | { readonly kind: "cli"; readonly name: string } | { readonly kind: "environment"; readonly name: string };

/** A value written in a file: see WrittenAt. */
export interface WrittenSite {
  readonly kind: "default" | "tfvars" | "var-file" | "argument" | "local";
  /** The name the value is written to, in its module: `var.validation`, `local.on`. */
  readonly name: string;
  readonly file: string;
  /** The value expression alone (`false`, `"false"`). */
  readonly range: Range;
  /** The root module the value was evaluated in (a -var-file feeds every root). */
  readonly rootDir: string;
  /** At most ten of them. */
  readonly others: readonly OtherReader[];
}

/** Something else that reads a value: what it is (`aws_cloudtrail.other`, `module.b`, `local.x`), the name it reads and where. */
export interface OtherReader {
  readonly what: string;
  readonly reads: string;
  readonly file: string;
  readonly line: number;
}

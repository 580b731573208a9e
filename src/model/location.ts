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
}

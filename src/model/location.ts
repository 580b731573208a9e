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

/** Columns below 2^11 and lines below 2^20 pack into one small integer (see SpanLoc). */
const COLUMN_BITS = 11;
const COLUMN_LIMIT = 1 << COLUMN_BITS;
const LINE_LIMIT = 1 << (31 - COLUMN_BITS);

function pack(line: number, column: number): number {
  return Number.isInteger(line) && Number.isInteger(column) && line >= 0 && line < LINE_LIMIT && column >= 0 && column < COLUMN_LIMIT ? line * COLUMN_LIMIT + column : -1;
}

/**
 * A file location as the model keeps it. A large scan holds hundreds of thousands of locations,
 * and a range object of their own nearly doubled each one's size: a SpanLoc keeps each end of its
 * range packed in one small integer, and `range` makes the Range when it is read. A position
 * beyond what packs (a line of more than 2,047 columns) keeps the Range itself.
 *
 * A SpanLoc is not copied by spreading (`range` is not a property of its own): `withPath` moves it.
 */
export class SpanLoc implements Loc {
  protected constructor(
    readonly file: string,
    readonly address: string,
    readonly path: readonly (string | number)[],
    /** The packed start, or -1 when `end` is the Range itself. */
    private readonly start: number,
    private readonly end: number | Range,
  ) {}

  /** What a subclass passes on to be the same place (see KnownAt in sourced.ts). */
  protected static place(l: SpanLoc): [string, string, readonly (string | number)[], number, number | Range] {
    return [l.file, l.address, l.path, l.start, l.end];
  }

  static of(file: string, range: Range, address: string, path: readonly (string | number)[]): SpanLoc {
    const start = pack(range.startLine, range.startColumn);
    const end = pack(range.endLine, range.endColumn);
    if (start >= 0 && end >= 0) return new SpanLoc(file, address, path, start, end);
    return new SpanLoc(file, address, path, -1, { startLine: range.startLine, startColumn: range.startColumn, endLine: range.endLine, endColumn: range.endColumn });
  }

  get range(): Range {
    if (typeof this.end !== "number") return this.end;
    return {
      startLine: Math.floor(this.start / COLUMN_LIMIT),
      startColumn: this.start % COLUMN_LIMIT,
      endLine: Math.floor(this.end / COLUMN_LIMIT),
      endColumn: this.end % COLUMN_LIMIT,
    };
  }

  /** The same place at another attribute path. */
  withPath(path: readonly (string | number)[]): SpanLoc {
    return new SpanLoc(this.file, this.address, path, this.start, this.end);
  }
}

/** `loc` at another attribute path: a SpanLoc stays one. */
export function locAtPath(loc: Loc, path: readonly (string | number)[]): Loc {
  return loc instanceof SpanLoc ? loc.withPath(path) : { ...loc, path };
}

/** `loc` as a plain object, as results carry it (callers may spread or serialize it). */
export function plainLoc(loc: Loc): Loc {
  return loc instanceof SpanLoc ? { file: loc.file, range: loc.range, address: loc.address, path: loc.path } : loc;
}

/** `loc` with some of its fields replaced: a plain object, whatever `loc` is (a SpanLoc is not spread). */
export function relocated(loc: Loc, changes: Partial<Loc>): Loc {
  return { ...plainLoc(loc), ...changes };
}

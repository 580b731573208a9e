/**
 * One shape for a Terraform resource instance, whichever syntax it came from: evaluated HCL (a
 * configuration) or `planned_values` of a plan. The adapter reads attributes and nested blocks
 * through it, with the range each came from.
 */
import type { Loc, Range, SourceKind, WrittenAt } from "../../model/location.ts";
import type { Value } from "../../model/value.ts";

export interface TfAttr {
  readonly value: Value;
  readonly range: Range;
  /** Where a value the attribute only names was written (configurations only). */
  readonly written?: WrittenAt;
}

export interface TfBody {
  /** An attribute, or undefined when absent (null counts as absent). */
  attr(name: string): TfAttr | undefined;
  /** Nested blocks of a type, in order. */
  blocks(type: string): readonly TfBlockNode[];
}

export interface TfBlockNode extends TfBody {
  readonly range: Range;
}

export interface TfResource extends TfBody {
  readonly source: Extract<SourceKind, "terraform" | "plan">;
  readonly type: string;
  /** The address as written in the file (`aws_cloudtrail.main`). */
  readonly address: string;
  /** Full instance addresses this block stands for. */
  readonly instances: readonly string[];
  /** The module instance ("" for the root module). */
  readonly module: string;
  readonly file: string;
  /** `resource "T" "N" {` (plan: the `address` member). */
  readonly header: Range;
  /** The whole block, type name to closing brace (configurations only, not inside a downloaded module). */
  readonly block?: Range;
  /** The module calls it came through (related locations). */
  readonly via: readonly Loc[];
  /** What references to the instance see (computed names and ARNs). */
  readonly computed: (name: string) => Value | undefined;
}

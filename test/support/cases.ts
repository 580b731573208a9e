/** The table every rule's cases.ts fills in, and tagged templates that strip common indentation. */
import type { LiveCase, VerifyCase } from "./fake-aws/harness.ts";

export interface Expected {
  readonly messageId: string;
  /** IaC results: where the result is. */
  readonly line?: number;
  readonly column?: number;
  /** Live results: the ARN the result is located at (instead of a line and column). */
  readonly arn?: string;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** A part of the message (names the resource). */
  readonly message?: string;
  readonly file?: string;
  /** The result's level, when a rule gives some results another level than its default. */
  readonly level?: "error" | "warning" | "note";
}

export interface Case {
  readonly name: string;
  /** CloudFormation YAML, written as template.yaml */
  readonly cfn?: string;
  /** CloudFormation JSON, written as template.json */
  readonly cfnJson?: string;
  /** Terraform, written as main.tf */
  readonly tf?: string;
  /** More files, by relative path. */
  readonly files?: Readonly<Record<string, string>>;
  /** .trailguard.yml */
  readonly config?: string;
  /** A live scan of a scripted AWS world (the fake server in test/support/fake-aws). */
  readonly live?: LiveCase;
  /** `trailguard verify` of a scene of delivered files (test/support/fake-aws/verify-scenes.ts). */
  readonly verify?: VerifyCase;
  readonly errors?: readonly Expected[];
}

export interface CaseTable {
  readonly valid: readonly Case[];
  readonly invalid: readonly Case[];
  /** Results only under --strict, as kind "review". */
  readonly review?: readonly Case[];
}

export function cases(table: CaseTable): CaseTable {
  return table;
}

/** Dedenting template tag: the text as written, less the smallest common indentation and the first newline. */
export function dedent(strings: TemplateStringsArray, ...values: unknown[]): string {
  let raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ""), "");
  raw = raw.replace(/^\n/, "").replace(/\n[ \t]*$/, "\n");
  const lines = raw.split("\n");
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const min = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(min)).join("\n");
}

export const yaml = dedent;
export const json = dedent;
export const tf = dedent;

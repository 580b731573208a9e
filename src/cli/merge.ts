import { readFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../index.ts";
import { SarifMergeError, mergeSarif, type MergeInput } from "../report/sarif-merge.ts";
import { writeOutput } from "./output.ts";

export interface MergeFlags {
  readonly output?: string;
}

/** `trailguard merge A.sarif B.sarif ...`: one SARIF log on stdout or in --output. */
export function runMerge(files: readonly string[], flags: MergeFlags, io: { readonly cwd: string; stdout(s: string): void }): number {
  const inputs: MergeInput[] = files.map((file) => {
    let text: string;
    try {
      text = readFileSync(path.resolve(io.cwd, file), "utf8");
    } catch (e) {
      throw new UsageError(`merge: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    try {
      return { name: file, log: JSON.parse(text) as unknown };
    } catch {
      throw new UsageError(`merge: ${file} is not JSON`);
    }
  });
  let out: string;
  try {
    out = JSON.stringify(mergeSarif(inputs), null, 2) + "\n";
  } catch (e) {
    if (e instanceof SarifMergeError) throw new UsageError(`merge: ${e.message}`);
    throw e;
  }
  if (flags.output) writeOutput(flags.output, out, io.cwd);
  else io.stdout(out);
  return 0;
}

import { readFileSync } from "node:fs";
import path from "node:path";
import type { Result } from "../../src/engine/result.ts";
import type { RunResult } from "../../src/run-result.ts";
import { scanFiles } from "../support/scan-files.ts";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const FLAWED = readFileSync(path.join(REPO_ROOT, "examples/cloudformation/flawed.yaml"), "utf8");
export const FIXED = readFileSync(path.join(REPO_ROOT, "examples/cloudformation/fixed.yaml"), "utf8");

/** A real run over the flawed example: the base the synthetic cases below are made from. */
export async function flawedRun(): Promise<RunResult> {
  return scanFiles({ "flawed.yaml": FLAWED });
}

/** A copy of a real result with some fields replaced. */
export function variant(base: Result, over: Partial<Result>): Result {
  return { ...base, ...over };
}

/** A live-style result: no file, no line; the ARN says where. */
export function accountLevel(base: Result): Result {
  const arn = "arn:aws:iam::111122223333:root";
  return variant(base, {
    loc: { arn, address: arn, path: [] },
    address: arn,
    arn,
    account: "111122223333",
    region: "us-east-1",
    message: "Account 111122223333 has no multi-region trail recording management events.",
  });
}

/** The run with other results (summary counts left as they were: reporters read them as given). */
export function withResults(run: RunResult, results: readonly Result[]): RunResult {
  return { ...run, results };
}

import { readFileSync } from "node:fs";
import { changedLinesSince, fetchCommit, hasCommit, type ChangedLines } from "../cli/git-diff.ts";

export interface PullRequest {
  readonly baseSha: string;
  readonly headSha: string | null;
}

/** The pull request of a `pull_request` event, from the payload the runner writes to GITHUB_EVENT_PATH. */
export function pullRequestOf(env: NodeJS.ProcessEnv): PullRequest | null {
  if (env["GITHUB_EVENT_NAME"] !== "pull_request" || !env["GITHUB_EVENT_PATH"]) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(env["GITHUB_EVENT_PATH"], "utf8"));
  } catch {
    return null;
  }
  const pr = (payload as { pull_request?: { base?: { sha?: unknown }; head?: { sha?: unknown } } }).pull_request;
  const base = pr?.base?.sha;
  const head = pr?.head?.sha;
  if (typeof base !== "string" || !/^[0-9a-f]{7,64}$/i.test(base)) return null;
  return { baseSha: base, headSha: typeof head === "string" ? head : null };
}

export type ChangedOrProblem = { readonly lines: ChangedLines; readonly fetched: boolean } | { readonly problem: string };

/**
 * The lines a pull request changes, in the checked-out work tree. A shallow checkout lacks the
 * base commit: it is fetched alone (`git fetch --depth=1 origin BASE`), and without history the
 * work tree is compared with the base commit itself.
 */
export function pullRequestChanges(pr: PullRequest, cwd: string): ChangedOrProblem {
  let fetched = false;
  if (!hasCommit(pr.baseSha, cwd)) {
    if (!fetchCommit(pr.baseSha, cwd)) return { problem: `the base commit ${pr.baseSha} is not in the checkout and could not be fetched` };
    fetched = true;
  }
  try {
    return { lines: changedLinesSince(pr.baseSha, cwd, { mergeBase: "prefer" }), fetched };
  } catch (e) {
    return { problem: `cannot compare with the base commit ${pr.baseSha}: ${(e as Error).message}` };
  }
}

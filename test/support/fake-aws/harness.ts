/**
 * Runs a live rule case: one fake AWS server per test process, scripted with the case's world,
 * and scanLive driven through the standard environment chain against it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { scanLive, type LiveScanOptions } from "../../../src/live.ts";
import { verifyLogs, type VerifyOptions } from "../../../src/verify.ts";
import type { Scene } from "./verify-scenes.ts";
import type { RunResult } from "../../../src/run-result.ts";
import { useFakeEnv } from "./env.ts";
import { startFakeAws, type FakeAws, type Faults } from "./server.ts";
import type { FakeWorld } from "./world.ts";

export interface LiveCase {
  readonly world: FakeWorld;
  /** The account whose credentials the scan starts with (default: the first one). */
  readonly caller?: string;
  readonly options?: Pick<LiveScanOptions, "org" | "roleName" | "roleArns" | "regions" | "shard" | "concurrency">;
  readonly faults?: Partial<Faults>;
  /** Error notifications the case expects (e.g. `access-denied`); any other fails the case. */
  readonly expectNotifications?: readonly string[];
}

/** The file live SARIF results of the cases point at. */
export const CASE_ANCHOR = "audit/cloudtrail.md";

let shared: Promise<FakeAws> | null = null;

/** The process's fake server, started on first use (it closes with the process). */
export function sharedFake(): Promise<FakeAws> {
  shared ??= startFakeAws({ partition: "aws", accounts: [] }).then((f) => {
    process.once("beforeExit", () => void f.close());
    return f;
  });
  return shared;
}

export interface CaseOptions {
  readonly strict?: boolean;
  /** The text of the case's `.trailguard.yml`; none when absent. */
  readonly config?: string;
}

/**
 * Serves `world` from the shared fake (its call log emptied) and runs `run` in a temporary directory
 * that holds the case's configuration, with the environment pointing the SDK at the fake as `caller`.
 */
async function inFakeCase(
  world: FakeWorld,
  caller: string,
  faults: Partial<Faults> | undefined,
  dirPrefix: string,
  opts: CaseOptions,
  run: (dir: string) => Promise<RunResult>,
): Promise<{ run: RunResult; fake: FakeAws }> {
  const fake = await sharedFake();
  fake.world = world;
  fake.faults = { latencyMs: 0, throttleRate: 0, seed: 1, ...faults };
  fake.calls.length = 0;
  const dir = mkdtempSync(path.join(tmpdir(), dirPrefix));
  if (opts.config !== undefined) writeFileSync(path.join(dir, ".trailguard.yml"), opts.config);
  const restore = useFakeEnv(fake.url, caller);
  try {
    return { run: await run(dir), fake };
  } finally {
    restore();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function scanLiveCase(c: LiveCase, opts: CaseOptions = {}): Promise<{ run: RunResult; fake: FakeAws }> {
  return inFakeCase(c.world, c.caller ?? c.world.accounts[0]!.id, c.faults, "trailguard-live-", opts, (dir) => scanLive({ cwd: dir, strict: !!opts.strict, anchor: CASE_ANCHOR, ...c.options }));
}

/** A `trailguard verify` case: a scene (damaged or not) verified over its whole period. */
export interface VerifyCase {
  readonly scene: Scene;
  readonly options?: Pick<VerifyOptions, "trails" | "regions" | "startTime" | "endTime" | "concurrency" | "org" | "roleName">;
  readonly faults?: Partial<Faults>;
  readonly expectNotifications?: readonly string[];
}

export function verifyCase(c: VerifyCase, opts: CaseOptions = {}): Promise<{ run: RunResult; fake: FakeAws }> {
  const s = c.scene;
  return inFakeCase(s.world, s.world.accounts[0]!.id, c.faults, "trailguard-verify-", opts, (dir) =>
    verifyLogs({ cwd: dir, strict: !!opts.strict, anchor: CASE_ANCHOR, startTime: s.start, endTime: s.end, now: s.now, ...c.options }),
  );
}

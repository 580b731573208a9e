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

export async function scanLiveCase(c: LiveCase, opts: { strict?: boolean; config?: string } = {}): Promise<{ run: RunResult; fake: FakeAws }> {
  const fake = await sharedFake();
  fake.world = c.world;
  fake.faults = { latencyMs: 0, throttleRate: 0, seed: 1, ...c.faults };
  fake.calls.length = 0;
  const dir = mkdtempSync(path.join(tmpdir(), "trailguard-live-"));
  if (opts.config !== undefined) writeFileSync(path.join(dir, ".trailguard.yml"), opts.config);
  const restore = useFakeEnv(fake.url, c.caller ?? c.world.accounts[0]!.id);
  try {
    const run = await scanLive({ cwd: dir, strict: !!opts.strict, anchor: CASE_ANCHOR, ...c.options });
    return { run, fake };
  } finally {
    restore();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A `trailguard verify` case: a scene (damaged or not) verified over its whole period. */
export interface VerifyCase {
  readonly scene: Scene;
  readonly options?: Pick<VerifyOptions, "trails" | "regions" | "startTime" | "endTime" | "concurrency" | "org" | "roleName">;
  readonly faults?: Partial<Faults>;
  readonly expectNotifications?: readonly string[];
}

export async function verifyCase(c: VerifyCase, opts: { strict?: boolean; config?: string } = {}): Promise<{ run: RunResult; fake: FakeAws }> {
  const fake = await sharedFake();
  fake.world = c.scene.world;
  fake.faults = { latencyMs: 0, throttleRate: 0, seed: 1, ...c.faults };
  fake.calls.length = 0;
  const dir = mkdtempSync(path.join(tmpdir(), "trailguard-verify-"));
  if (opts.config !== undefined) writeFileSync(path.join(dir, ".trailguard.yml"), opts.config);
  const restore = useFakeEnv(fake.url, c.scene.world.accounts[0]!.id);
  try {
    const run = await verifyLogs({ cwd: dir, strict: !!opts.strict, anchor: CASE_ANCHOR, startTime: c.scene.start, endTime: c.scene.end, now: c.scene.now, ...c.options });
    return { run, fake };
  } finally {
    restore();
    rmSync(dir, { recursive: true, force: true });
  }
}

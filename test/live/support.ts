/** Reads scripted worlds through the real live adapter, and runs chosen rules on the models. */
import { rules } from "../../rules/index.ts";
import { readAccounts, type LiveRead, type ReadOptions } from "../../src/adapters/live/read.ts";
import { DEFAULT_SETTINGS } from "../../src/config/config.ts";
import { runRules, type RawResult } from "../../src/engine/run.ts";
import { useFakeEnv } from "../support/fake-aws/env.ts";
import { sharedFake } from "../support/fake-aws/harness.ts";
import type { Faults, FakeAws } from "../support/fake-aws/server.ts";
import type { FakeWorld } from "../support/fake-aws/world.ts";

export async function readWorld(world: FakeWorld, opts: Partial<ReadOptions> & { caller?: string; faults?: Partial<Faults> } = {}): Promise<{ read: LiveRead; fake: FakeAws }> {
  const fake = await sharedFake();
  fake.world = world;
  fake.faults = { latencyMs: 0, throttleRate: 0, seed: 7, ...opts.faults };
  fake.calls.length = 0;
  const restore = useFakeEnv(fake.url, opts.caller ?? world.accounts[0]!.id);
  try {
    const read = await readAccounts({ regions: "enabled", roleArns: [], org: false, roleName: null, concurrency: 8, shard: null, ...opts });
    return { read, fake };
  } finally {
    restore();
  }
}

/** Run rules by ID on every account's model, whatever sources they declare. */
export function check(read: LiveRead, ...ids: string[]): RawResult[] {
  const chosen = rules.filter((r) => ids.includes(r.meta.id));
  return read.accounts.flatMap((a) => runRules(a.model, chosen, DEFAULT_SETTINGS).results).filter((r) => r.kind === "fail");
}

export const brief = (rs: readonly RawResult[]) => rs.map((r) => `${r.rule.meta.id} ${r.loc.arn}`).sort();

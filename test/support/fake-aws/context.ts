import type { FakeAccount, FakeTrail, FakeWorld } from "./world.ts";
import { FakeError, type Xml } from "./wire.ts";
import { trailArn } from "./world.ts";

/** Who is calling, where. */
export interface CallContext {
  readonly world: FakeWorld;
  readonly account: FakeAccount;
  readonly principalArn: string;
  readonly region: string;
}

export type Input = Readonly<Record<string, unknown>>;
export type JsonHandler = (input: Input, ctx: CallContext) => unknown;

export function str(input: Input, name: string): string {
  const v = input[name];
  if (typeof v !== "string") throw new FakeError("ValidationException", `${name} is required`);
  return v;
}

export function accountById(world: FakeWorld, id: string): FakeAccount | undefined {
  return world.accounts.find((a) => a.id === id);
}

export interface OwnedTrail {
  readonly trail: FakeTrail;
  readonly owner: FakeAccount;
  readonly arn: string;
}

/** Trails the caller sees in a region: its own (home there, or multi-region) and its organization's. */
export function visibleTrails(ctx: CallContext, region: string): OwnedTrail[] {
  const out: OwnedTrail[] = [];
  const add = (owner: FakeAccount, t: FakeTrail) => {
    if (t.homeRegion === region || (t.multiRegion && owner.regions.includes(region))) out.push({ trail: t, owner, arn: trailArn(t, owner.id, ctx.world.partition) });
  };
  for (const t of ctx.account.trails) add(ctx.account, t);
  const org = ctx.world.org;
  if (org && org.members.includes(ctx.account.id) && org.managementId !== ctx.account.id) {
    const mgmt = accountById(ctx.world, org.managementId);
    for (const t of mgmt?.trails ?? []) if (t.organization) add(mgmt!, t);
  }
  return out;
}

/** A trail by name (the caller's own) or ARN (any the caller sees). */
export function findTrail(ctx: CallContext, nameOrArn: string): OwnedTrail {
  const all = new Map<string, OwnedTrail>();
  for (const r of ctx.account.regions) for (const t of visibleTrails(ctx, r)) all.set(t.arn, t);
  const hit = nameOrArn.startsWith("arn:") ? all.get(nameOrArn) : [...all.values()].find((t) => t.owner === ctx.account && t.trail.name === nameOrArn);
  if (!hit) throw new FakeError("TrailNotFoundException", `Unknown trail: ${nameOrArn} for the user: ${ctx.account.id}`);
  return hit;
}

/** ISO strings of the scenario as the epoch seconds awsJson uses for timestamps. */
export function epoch(iso: string): number {
  return Date.parse(iso) / 1000;
}

export function tags(t: Readonly<Record<string, string>>): Xml {
  return { Tag: Object.entries(t).map(([Key, Value]) => ({ Key, Value })) } as Xml;
}

import type { JsonHandler } from "../context.ts";
import { DEFAULT_REGIONS } from "../world.ts";

/** Regions the partition knows beyond the default ones: opt-in regions. */
const OPT_IN = ["af-south-1", "ap-east-1", "eu-south-1", "me-south-1"];

export const accountService: Record<string, JsonHandler> = {
  ListRegions(input, ctx) {
    const wanted = Array.isArray(input["RegionOptStatusContains"]) ? (input["RegionOptStatusContains"] as string[]) : null;
    const all = [...new Set([...DEFAULT_REGIONS, ...OPT_IN, ...ctx.account.regions])].sort();
    const regions = all
      .map((r) => ({ RegionName: r, RegionOptStatus: ctx.account.regions.includes(r) ? (DEFAULT_REGIONS.includes(r) ? "ENABLED_BY_DEFAULT" : "ENABLED") : "DISABLED" }))
      .filter((r) => !wanted || wanted.includes(r.RegionOptStatus));
    const start = typeof input["NextToken"] === "string" ? Number(input["NextToken"]) : 0;
    const size = typeof input["MaxResults"] === "number" ? input["MaxResults"] : 20;
    return { Regions: regions.slice(start, start + size), NextToken: start + size < regions.length ? String(start + size) : undefined };
  },
};

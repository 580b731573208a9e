import { defineRule } from "../../src/engine/rule.ts";
import type { DataResource, Trail } from "../../src/model/entities.ts";
import type { Value } from "../../src/model/value.ts";
import { perList } from "../../src/model/query.ts";
import { valueOrUnknown } from "../../src/model/sourced.ts";
import { combineCoverage, s3DataCoverage, triAnd, type Coverage, type Tri } from "../../src/semantics/selectors.ts";
import { isSensitiveBucket } from "../../src/semantics/sensitive.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

function logging(t: Trail): Tri {
  return t.isLogging.kind === "unknown" ? "unknown" : t.isLogging.value ? "yes" : "no";
}

/** What one trail records of a bucket's object events; a stopped trail records nothing. */
function trailCoverage(t: Trail, bucketName: string): Coverage {
  if (t.selectors.kind === "unknown") return { read: triAnd(logging(t), "unknown"), write: triAnd(logging(t), "unknown") };
  const c = s3DataCoverage(t.selectors.value, bucketName);
  return { read: triAnd(logging(t), c.read), write: triAnd(logging(t), c.write) };
}

/**
 * Which buckets a trail's data selectors could cover at all: every bucket (a catch-all value, an
 * advanced selector, anything unknown) or only the buckets its values name. A cheap, conservative
 * filter before the exact evaluation, so that many buckets times many trails stays fast.
 */
interface Reach {
  readonly all: boolean;
  readonly names: ReadonlySet<string>;
}

const reaches = new WeakMap<Trail, Reach>();

function reachOf(t: Trail): Reach {
  let r = reaches.get(t);
  if (r) return r;
  const names = new Set<string>();
  let all = false;
  const s = t.selectors;
  if (s.kind === "unknown" || s.value.kind === "advanced") all = true;
  else if (s.value.kind === "basic") {
    for (const sel of s.value.selectors) {
      if (!Array.isArray(sel.dataResources)) {
        all = true;
        continue;
      }
      for (const d of sel.dataResources as readonly DataResource[]) {
        if (!Array.isArray(d.values)) {
          all = true;
          continue;
        }
        for (const v of d.values as readonly Value[]) {
          const m = typeof v === "string" ? /^arn:[^:]+:s3:::([^/]+)/.exec(v) : null;
          if (m) names.add(m[1]!);
          else all = true; // arn:aws:s3, arn:aws:s3:::, unknown or unexpected: may cover anything
        }
      }
    }
  }
  r = { all, names };
  reaches.set(t, r);
  return r;
}

/** The trails that may cover any bucket, and those that may cover a bucket by its name. */
const reachIndex = perList((trails: readonly Trail[]) => {
  const all: Trail[] = [];
  const named = new Map<string, Trail[]>();
  for (const t of trails) {
    const reach = reachOf(t);
    if (reach.all) all.push(t);
    else
      for (const n of reach.names) {
        const list = named.get(n);
        if (list) list.push(t);
        else named.set(n, [t]);
      }
  }
  return { all, named };
});

/** Read and write coverage added up over the trails that may cover the bucket, stopping once both are recorded. */
function coverageAcross(trails: readonly Trail[], bucketName: string): Coverage {
  const { all, named } = reachIndex(trails);
  let c: Coverage = { read: "no", write: "no" };
  // Coverage is an "or" over the trails: the order they are taken in does not matter.
  for (const t of [...all, ...(named.get(bucketName) ?? [])]) {
    c = combineCoverage([c, trailCoverage(t, bucketName)]);
    if (c.read === "yes" && c.write === "yes") break;
  }
  return c;
}

export default defineRule({
  meta: {
    id: "TG006",
    ...factsOf("TG006"),
    name: "sensitive-bucket-without-data-events",
    level: "error",
    summary: "Sensitive bucket's object reads and writes are not recorded by any trail",
    tags: ["security", "cloudtrail", "s3"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "high",
    messages: {
      none: "Sensitive bucket {{bucket}}: no logging trail records its S3 object reads or writes (data events).",
      noRead: "Sensitive bucket {{bucket}}: no logging trail records reads of its objects (GetObject data events).",
      noWrite: "Sensitive bucket {{bucket}}: no logging trail records writes to its objects (PutObject, DeleteObject data events).",
      unknown: "Sensitive bucket {{bucket}}: whether a trail records its data events cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    const trails = ctx.model.trails;
    // In IaC, judge coverage only where the scanned set defines a trail (data events are often
    // configured by a central trail elsewhere).
    if (trails.length === 0 && ctx.model.account.source !== "live") return;
    // The same for every bucket: built once, not once per bucket.
    const related = trails.map((t) => ({ at: t, message: `trail ${t.label}` }));
    for (const bucket of ctx.model.buckets) {
      const sensitive = isSensitiveBucket({ name: valueOrUnknown(bucket.name), tags: valueOrUnknown(bucket.tags) }, ctx.settings.sensitiveBuckets);
      if (sensitive === "no") continue;
      const data = { bucket: bucket.label };
      const undecided = { kind: "unknown" as const, reason: "unsupported-expression" as const, loc: bucket.loc };
      if (sensitive === "unknown" || bucket.name.kind === "unknown") {
        ctx.review(bucket.name.kind === "unknown" ? bucket.name : undecided, { messageId: "unknown", data, entity: bucket, related });
        continue;
      }
      const name = bucket.name.value;
      const c = coverageAcross(trails, name);
      if (c.read === "yes" && c.write === "yes") continue;
      if (c.read === "unknown" || c.write === "unknown") {
        ctx.review(undecided, { messageId: "unknown", data, entity: bucket, related });
        continue;
      }
      const messageId = c.read === "no" && c.write === "no" ? "none" : c.read === "no" ? "noRead" : "noWrite";
      ctx.report({ messageId, data, at: bucket, related });
    }
  },
});

import { defineRule, requireOn, type RuleContext } from "../../src/engine/rule.ts";
import type { Bucket, PublicAccessBlock } from "../../src/model/entities.ts";
import { known } from "../../src/model/sourced.ts";
import { trailsByBucket } from "../../src/model/query.ts";
import { publicGrants } from "../../src/semantics/policy/index.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";

const SETTINGS: readonly [keyof PublicAccessBlock, string][] = [
  ["blockPublicAcls", "BlockPublicAcls"],
  ["ignorePublicAcls", "IgnorePublicAcls"],
  ["blockPublicPolicy", "BlockPublicPolicy"],
  ["restrictPublicBuckets", "RestrictPublicBuckets"],
];
const PUBLIC_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PUBLIC_GROUPS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;

/** Canned ACLs as S3 names them: CloudFormation's `PublicRead` is `public-read`. */
function cannedAcl(v: string): string {
  return v.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
}

type Messages = "noBlock" | "setting" | "policy" | "acl" | "unknown";

export default defineRule({
  meta: {
    id: "TG008",
    ...factsOf("TG008"),
    name: "log-bucket-public",
    level: "error",
    summary: "Log bucket is or can become public",
    tags: ["security", "cloudtrail", "s3"],
    appliesTo: ["cloudformation", "terraform", "live"],
    precision: "high",
    fix: "safe",
    messages: {
      noBlock: "Bucket {{bucket}} holds the logs of {{trail}} but has no public access block: a policy or ACL could make the logs public.",
      setting: "Bucket {{bucket}} holds the logs of {{trail}} but its public access block has {{setting}} off.",
      policy: "Bucket {{bucket}}'s policy lets anyone ({{principal}}) access it without a restricting condition: the logs of {{trail}} are public.",
      acl: "Bucket {{bucket}} grants {{grantee}} through its ACL: the logs of {{trail}} are public.",
      unknown: "Bucket {{bucket}}: whether it is public cannot be determined.",
    },
  },
  doc,
  check(ctx) {
    for (const [bucket, trails] of trailsByBucket(ctx.model.trails)) checkBucket(ctx, bucket, trails.map((t) => t.label).join(", "));
  },
});

function checkBucket(ctx: RuleContext<Messages>, bucket: Bucket, trails: string): void {
  const data = { bucket: bucket.label, trail: trails };
  const account = ctx.model.account.publicAccessBlock;
  const accountOn = (k: keyof PublicAccessBlock): boolean => account?.kind === "known" && !!account.value && account.value[k].kind === "known" && account.value[k].value === true;
  const pab = bucket.publicAccessBlock;
  if (pab.kind === "unknown") ctx.review(pab, { messageId: "unknown", data, entity: bucket });
  else if (pab.value === null) {
    // S3 blocks public access on new buckets, but the code does not pin it (the catalog's one exception to defaults).
    if (!SETTINGS.every(([k]) => accountOn(k))) ctx.report({ messageId: "noBlock", data, at: bucket, key: "public-access-block", fix: { add: "public-access-block" } });
  } else {
    for (const [k, name] of SETTINGS) {
      if (accountOn(k)) continue;
      requireOn(ctx, pab.value[k], { off: "setting", unknown: "unknown", data: { ...data, setting: name }, entity: bucket, key: `public-access-block:${name}` });
    }
  }

  const policy = bucket.policy;
  if (policy.kind === "unknown") ctx.review(policy, { messageId: "unknown", data, entity: bucket });
  else if (policy.value) {
    const g = publicGrants(policy.value.document);
    for (const i of g.statements) {
      const loc = policy.value.statementLocs[i] ?? policy.loc;
      ctx.report({ messageId: "policy", data: { ...data, principal: "*" }, at: known(i, loc), entity: bucket, key: `policy:${i}` });
    }
    if (g.unknown && g.statements.length === 0) ctx.review({ kind: "unknown", reason: "unsupported-expression", loc: policy.loc }, { messageId: "unknown", data, entity: bucket });
  }

  const acl = bucket.acl;
  if (acl.kind === "unknown") ctx.review(acl, { messageId: "unknown", data, entity: bucket });
  else if (acl.value && PUBLIC_ACLS.has(cannedAcl(acl.value)))
    ctx.report({ messageId: "acl", data: { ...data, grantee: cannedAcl(acl.value) === "authenticated-read" ? "every AWS account (authenticated-read)" : `everyone (${cannedAcl(acl.value)})` }, at: acl, entity: bucket, key: "acl" });
  const grants = bucket.aclGranteeUris;
  if (grants.kind === "known") {
    const pub = grants.value.find((u) => PUBLIC_GROUPS.test(u));
    if (pub) ctx.report({ messageId: "acl", data: { ...data, grantee: pub.replace(/^.*\//, "") }, at: grants, entity: bucket, key: "acl-grant" });
  }
}

/**
 * Terraform resource instances (from a configuration or a plan) → model entities. The S3 bucket is
 * one entity across the provider v3 inline blocks and the v4+ split resources; every value keeps
 * the location it was written at (the split resource's attribute, or the block's header for a
 * provider default).
 */
import type {
  AdvancedSelector,
  Alarm,
  BasicSelector,
  Bucket,
  EventDataStore,
  EventSelectors,
  FieldSelector,
  InsightType,
  Key,
  LifecycleRule,
  LogGroup,
  MetricFilter,
  ObjectLock,
  PolicyDoc,
  PublicAccessBlock,
  Topic,
  Trail,
} from "../../model/entities.ts";
import { linkBucket, linkKey, linkLogGroup } from "../../model/link.ts";
import { SpanLoc, relocated, type Loc, type Range } from "../../model/location.ts";
import { sharedPath } from "../../model/path.ts";
import { emptyPart, type ModelPart } from "../../model/part.ts";
import { known, unknown, type Sourced } from "../../model/sourced.ts";
import { UnknownValue, hasSymbol, isMap, isUnknown, type Value } from "../../model/value.ts";
import { atPath, sourced, toBool, toNum, toStr } from "../shared/convert.ts";
import type { TfAttr, TfBlockNode, TfBody, TfResource } from "./source.ts";
import { PartialJson } from "./values.ts";

const nullableStr = (v: Value): string | null | UnknownValue => (v === null ? null : toStr(v));

/** Reads one resource instance: Sourced values located at their attributes or, for defaults, at the header. */
class Reader {
  readonly header: Loc;
  constructor(readonly res: TfResource) {
    this.header = { file: res.file, range: res.header, address: res.address, path: sharedPath([]), ...(res.block ? { block: res.block } : {}) };
  }

  loc(range: Range, path: readonly (string | number)[]): Loc {
    return SpanLoc.of(this.res.file, range, this.res.address, sharedPath(path));
  }

  /** A location at an attribute path of the header (or of `from`): where an absent attribute's default is reported. */
  at(path: readonly (string | number)[], from: Loc = this.header): Loc {
    return atPath(from, path);
  }

  attrLoc(a: TfAttr, path: readonly (string | number)[]): Loc {
    const loc = this.loc(a.range, path);
    return a.written ? relocated(loc, { written: a.written }) : loc;
  }

  /** A top-level or nested attribute; absent → the default at the header (or unknown without one). */
  read<T>(body: TfBody, path: readonly (string | number)[], conv: (v: Value) => T | UnknownValue, def: T | undefined, fallback: Loc = this.header): Sourced<T> {
    const name = String(path[path.length - 1]);
    const a = body.attr(name);
    if (!a) return def === undefined ? unknown("not-found", this.at(path, fallback), "absent") : known(def, this.at(path, fallback), "default");
    return sourced(a.value, conv, this.attrLoc(a, path));
  }

  top<T>(name: string, conv: (v: Value) => T | UnknownValue, def: T | undefined): Sourced<T> {
    return this.read(this.res, [name], conv, def);
  }
}

function label(name: Sourced<string>, fallback: string): string {
  return name.kind === "known" && !hasSymbol(name.value) ? name.value : fallback;
}

function arnPart(name: Sourced<string>): string {
  return name.kind === "known" && !hasSymbol(name.value) ? name.value : "*";
}

/** A name: the configured text, else the computed (symbolic) identity. */
function nameOf(r: Reader, attr: string): Sourced<string> {
  const a = r.res.attr(attr);
  if (a) return sourced(a.value, toStr, r.attrLoc(a, [attr]));
  const c = r.res.computed(attr);
  return typeof c === "string" ? known(c, r.at([attr]), "default") : unknown("known-after-apply", r.at([attr]));
}

function computedStr(r: Reader, attr: string): Sourced<string> {
  const c = r.res.computed(attr);
  return typeof c === "string" ? known(c, r.at([attr]), "default") : unknown(isUnknown(c) ? c.reason : "known-after-apply", r.at([attr]));
}

function base(r: Reader, name: Sourced<string>, arn: string) {
  return {
    address: r.res.address,
    source: r.res.source,
    loc: r.header,
    label: label(name, r.res.address),
    arn,
    ...(r.res.instances.length ? { instances: r.res.instances } : {}),
    ...(r.res.via.length ? { via: r.res.via } : {}),
  };
}

/** A policy document from a JSON string, a partly unknown document, or unknown. */
function policyValue(v: Value): Value | UnknownValue {
  if (v instanceof PartialJson) return v.document;
  if (isUnknown(v)) return v;
  if (typeof v === "string") {
    try {
      return JSON.parse(v) as Value;
    } catch {
      return new UnknownValue("invalid", "policy is not valid JSON");
    }
  }
  return isMap(v) ? v : new UnknownValue("invalid", "policy");
}

function policyDoc(a: TfAttr, loc: Loc): Sourced<PolicyDoc | null> {
  const doc = policyValue(a.value);
  if (isUnknown(doc)) return unknown(doc.reason, loc, doc.detail);
  const st = isMap(doc) ? doc["Statement"] : undefined;
  const count = Array.isArray(st) ? st.length : st === undefined ? 0 : 1;
  // Statements inside a JSON string have no positions of their own: they point at the attribute.
  return known({ document: doc, statementLocs: Array.from({ length: count }, () => loc) }, loc);
}

// ---------------------------------------------------------------- selectors

function basicSelectors(r: Reader, blocks: readonly TfBlockNode[]): BasicSelector[] {
  return blocks.map((b, i) => ({
    readWriteType: b.attr("read_write_type")?.value ?? "All",
    includeManagementEvents: b.attr("include_management_events")?.value ?? true,
    excludeManagementEventSources: b.attr("exclude_management_event_sources")?.value ?? [],
    dataResources: b.blocks("data_resource").map((d) => ({ type: d.attr("type")?.value ?? null, values: d.attr("values")?.value ?? null })),
    loc: r.loc(b.range, ["event_selector", i]),
  }));
}

function advancedSelectors(r: Reader, blocks: readonly TfBlockNode[]): AdvancedSelector[] {
  return blocks.map((b, i) => ({
    name: b.attr("name")?.value ?? null,
    fieldSelectors: b.blocks("field_selector").map(
      (f): FieldSelector => ({
        field: f.attr("field")?.value ?? null,
        equals: f.attr("equals")?.value ?? null,
        notEquals: f.attr("not_equals")?.value ?? null,
        startsWith: f.attr("starts_with")?.value ?? null,
        notStartsWith: f.attr("not_starts_with")?.value ?? null,
        endsWith: f.attr("ends_with")?.value ?? null,
        notEndsWith: f.attr("not_ends_with")?.value ?? null,
      }),
    ),
    loc: r.loc(b.range, ["advanced_event_selector", i]),
  }));
}

function selectorsOf(r: Reader): Sourced<EventSelectors> {
  const adv = r.res.blocks("advanced_event_selector");
  if (adv.length) return known({ kind: "advanced", selectors: advancedSelectors(r, adv) }, r.loc(adv[0]!.range, ["advanced_event_selector"]));
  const basic = r.res.blocks("event_selector");
  if (basic.length) return known({ kind: "basic", selectors: basicSelectors(r, basic) }, r.loc(basic[0]!.range, ["event_selector"]));
  return known({ kind: "none" }, r.at(["event_selector"]), "default");
}

function insightsOf(r: Reader): Sourced<readonly InsightType[]> {
  const blocks = r.res.blocks("insight_selector");
  if (!blocks.length) return known([], r.at(["insight_selector"]), "default");
  const types: InsightType[] = [];
  for (const b of blocks) {
    const t = b.attr("insight_type")?.value;
    if (isUnknown(t)) return unknown(t.reason, r.loc(b.range, ["insight_selector"]), t.detail);
    if (t === "ApiCallRateInsight" || t === "ApiErrorRateInsight") types.push(t);
  }
  return known(types, r.loc(blocks[0]!.range, ["insight_selector"]));
}

// ---------------------------------------------------------------- S3 buckets (inline and split)

/** The split resources that configure one bucket, found by their `bucket` argument. */
interface Splits {
  readonly of: (type: string) => Reader | undefined;
  readonly all: readonly Reader[];
}

function bucketEntity(r: Reader, splits: Splits, part: ModelPart): Bucket {
  const name = nameOf(r, "bucket");
  const versioning = splits.of("aws_s3_bucket_versioning");
  const inlineVersioning = r.res.blocks("versioning")[0];
  let versioningEnabled: Sourced<boolean>;
  let mfaDelete: Sourced<boolean>;
  if (versioning) {
    const cfg = versioning.res.blocks("versioning_configuration")[0];
    const cfgLoc = cfg ? versioning.loc(cfg.range, ["versioning_configuration"]) : versioning.header;
    versioningEnabled = cfg ? versioning.read(cfg, ["versioning_configuration", "status"], (v) => (isUnknown(v) ? v : v === "Enabled"), undefined, cfgLoc) : unknown("not-found", versioning.header);
    mfaDelete = cfg ? versioning.read(cfg, ["versioning_configuration", "mfa_delete"], (v) => (isUnknown(v) ? v : v === "Enabled"), false, cfgLoc) : known(false, versioning.header, "default");
  } else if (inlineVersioning) {
    const l = r.loc(inlineVersioning.range, ["versioning"]);
    versioningEnabled = r.read(inlineVersioning, ["versioning", "enabled"], toBool, false, l);
    mfaDelete = r.read(inlineVersioning, ["versioning", "mfa_delete"], toBool, false, l);
  } else {
    versioningEnabled = known(false, r.at(["versioning"]), "default");
    mfaDelete = known(false, r.at(["versioning", "mfa_delete"]), "default");
  }
  return {
    type: "bucket",
    ...base(r, name, `arn:aws:s3:::${arnPart(name)}`),
    name,
    tags: r.top("tags", (v) => (isUnknown(v) ? v : isMap(v) ? v : {}), {}),
    versioningEnabled,
    mfaDelete,
    objectLock: objectLock(r, splits.of("aws_s3_bucket_object_lock_configuration")),
    publicAccessBlock: publicAccessBlock(splits.of("aws_s3_bucket_public_access_block"), r),
    policy: bucketPolicy(r, splits.of("aws_s3_bucket_policy")),
    acl: acl(r, splits.of("aws_s3_bucket_acl")),
    aclGranteeUris: aclGrants(r, splits.of("aws_s3_bucket_acl")),
    lifecycle: lifecycle(r, splits.of("aws_s3_bucket_lifecycle_configuration")),
    accessLogging: accessLogging(r, splits.of("aws_s3_bucket_logging"), part),
  };
}

function retentionDays(body: TfBody): number | null | UnknownValue {
  const d = body.attr("days")?.value;
  const y = body.attr("years")?.value;
  if (d !== undefined) return toNum(d);
  if (y !== undefined) {
    const n = toNum(y);
    return typeof n === "number" ? n * 365 : n;
  }
  return null;
}

function objectLock(r: Reader, split: Reader | undefined): Sourced<ObjectLock | null> {
  const enabledAttr = r.res.attr("object_lock_enabled");
  const inline = r.res.blocks("object_lock_configuration")[0];
  const holder = split ?? (inline ? r : undefined);
  const cfg: TfBody | undefined = split ? split.res : inline;
  if (!holder || !cfg) {
    if (!enabledAttr) return known(null, r.at(["object_lock_enabled"]), "default");
    const on = toBool(enabledAttr.value);
    const l = r.attrLoc(enabledAttr, ["object_lock_enabled"]);
    return isUnknown(on) ? unknown(on.reason, l) : known(on ? { enabled: true, mode: null, defaultRetentionDays: null } : null, l);
  }
  const loc = split ? split.header : r.loc(inline!.range, ["object_lock_configuration"]);
  const flag = cfg.attr("object_lock_enabled")?.value ?? "Enabled";
  if (isUnknown(flag)) return unknown(flag.reason, loc);
  if (flag !== "Enabled" && flag !== true) return known({ enabled: false, mode: null, defaultRetentionDays: null }, loc);
  const ret = cfg.blocks("rule")[0]?.blocks("default_retention")[0];
  if (!ret) return known({ enabled: true, mode: null, defaultRetentionDays: null }, loc);
  const days = retentionDays(ret);
  const mode = ret.attr("mode")?.value ?? null;
  const retLoc = holder.loc(ret.range, ["rule", "default_retention"]);
  if (isUnknown(days)) return unknown(days.reason, retLoc, days.detail);
  if (isUnknown(mode)) return unknown(mode.reason, retLoc, mode.detail);
  return known({ enabled: true, mode: typeof mode === "string" ? mode : null, defaultRetentionDays: days }, retLoc);
}

export function publicAccessBlockOf(r: Reader): PublicAccessBlock {
  const s = (name: string) => r.top(name, toBool, false);
  return {
    blockPublicAcls: s("block_public_acls"),
    ignorePublicAcls: s("ignore_public_acls"),
    blockPublicPolicy: s("block_public_policy"),
    restrictPublicBuckets: s("restrict_public_buckets"),
  };
}

function publicAccessBlock(split: Reader | undefined, r: Reader): Sourced<PublicAccessBlock | null> {
  if (!split) return known(null, r.at(["public_access_block"]), "default");
  return known(publicAccessBlockOf(split), split.header);
}

function bucketPolicy(r: Reader, split: Reader | undefined): Sourced<PolicyDoc | null> {
  const holder = split ?? r;
  const a = holder.res.attr("policy");
  if (!a) return known(null, r.at(["policy"]), "default");
  return policyDoc(a, holder.attrLoc(a, ["policy"]));
}

function acl(r: Reader, split: Reader | undefined): Sourced<string | null> {
  if (split && split.res.attr("acl")) return split.top("acl", nullableStr, null);
  return r.top("acl", nullableStr, null);
}

function aclGrants(r: Reader, split: Reader | undefined): Sourced<readonly string[]> {
  const policy = split?.res.blocks("access_control_policy")[0];
  const grants = policy ? policy.blocks("grant") : r.res.blocks("grant");
  const holder = policy ? split! : r;
  const uris: string[] = [];
  for (const g of grants) {
    const grantee = g.blocks("grantee")[0];
    const uri = grantee?.attr("uri")?.value ?? g.attr("uri")?.value;
    if (isUnknown(uri)) return unknown(uri.reason, holder.loc(g.range, ["grant"]));
    if (typeof uri === "string") uris.push(uri);
  }
  return known(uris, grants[0] ? holder.loc(grants[0].range, ["grant"]) : r.at(["grant"]), grants.length ? "explicit" : "default");
}

function lifecycleRule(holder: Reader, b: TfBlockNode, i: number, split: boolean): LifecycleRule {
  const enabled = split ? b.attr("status")?.value : b.attr("enabled")?.value;
  const filter = b.blocks("filter")[0];
  let prefix: Value = b.attr("prefix")?.value ?? "";
  if (filter) {
    const and = filter.blocks("and")[0];
    const tagged = filter.blocks("tag").length > 0 || (and && and.attr("tags") !== undefined);
    prefix = tagged ? null : (filter.attr("prefix")?.value ?? and?.attr("prefix")?.value ?? "");
    if (filter.attr("object_size_greater_than") || filter.attr("object_size_less_than")) prefix = new UnknownValue("unsupported-expression", "size filter");
  }
  const exp = b.blocks("expiration")[0];
  const days = exp?.attr("days");
  return {
    id: b.attr("id")?.value ?? null,
    enabled: isUnknown(enabled) ? enabled : split ? enabled === "Enabled" : enabled === true,
    prefix,
    expirationDays: days ? toNum(days.value) : null,
    loc: days ? holder.attrLoc(days, ["rule", i, "expiration", "days"]) : holder.loc(b.range, ["rule", i]),
  };
}

function lifecycle(r: Reader, split: Reader | undefined): Sourced<readonly LifecycleRule[]> {
  if (split) {
    const rules = split.res.blocks("rule");
    return known(rules.map((b, i) => lifecycleRule(split, b, i, true)), split.header);
  }
  const inline = r.res.blocks("lifecycle_rule");
  if (!inline.length) return known([], r.at(["lifecycle_rule"]), "default");
  return known(inline.map((b, i) => lifecycleRule(r, b, i, false)), r.loc(inline[0]!.range, ["lifecycle_rule"]));
}

function accessLogging(r: Reader, split: Reader | undefined, _part: ModelPart): Sourced<boolean> {
  // A configured destination counts as logging on, even when its name cannot be resolved.
  if (split) return known(true, split.header);
  const inline = r.res.blocks("logging")[0];
  if (inline) return known(true, r.loc(inline.range, ["logging"]));
  return known(false, r.at(["logging"]), "default");
}

// ---------------------------------------------------------------- the other resources

function key(r: Reader, aliases: readonly Reader[]): Key {
  const keyId = computedStr(r, "key_id");
  const arn = r.res.computed("arn");
  const names: string[] = [];
  for (const a of aliases) {
    const target = a.res.attr("target_key_id")?.value;
    const name = a.res.attr("name")?.value;
    if (typeof name !== "string" || typeof target !== "string") continue;
    if ((keyId.kind === "known" && target === keyId.value) || target === arn) names.push(name);
  }
  const policy = r.res.attr("policy");
  return {
    type: "key",
    address: r.res.address,
    source: r.res.source,
    loc: r.header,
    label: names[0] ?? r.res.address,
    arn: "arn:aws:kms:*:*:key/*",
    ...(r.res.instances.length ? { instances: r.res.instances } : {}),
    ...(r.res.via.length ? { via: r.res.via } : {}),
    keyId,
    aliases: names,
    rotationEnabled: r.top("enable_key_rotation", toBool, false),
    policy: policy ? policyDoc(policy, r.attrLoc(policy, ["policy"])) : known(null, r.at(["policy"]), "default"),
    keySpec: r.top("customer_master_key_spec", toStr, "SYMMETRIC_DEFAULT"),
    customerManaged: known(true, r.header, "default"),
  };
}

function logGroup(r: Reader): LogGroup {
  const name = nameOf(r, "name");
  return {
    type: "log-group",
    ...base(r, name, `arn:aws:logs:*:*:log-group:${arnPart(name)}`),
    name,
    logGroupArn: computedStr(r, "arn"),
    retentionDays: r.top("retention_in_days", (v) => (v === null ? null : toNum(v)), null),
  };
}

function metricFilter(r: Reader): MetricFilter {
  const mt = r.res.blocks("metric_transformation");
  return {
    type: "metric-filter",
    address: r.res.address,
    source: r.res.source,
    loc: r.header,
    label: r.res.address,
    ...(r.res.instances.length ? { instances: r.res.instances } : {}),
    logGroupName: r.top("log_group_name", toStr, undefined),
    pattern: r.top("pattern", toStr, undefined),
    metrics: mt.length
      ? known(
          mt.map((m) => ({ name: m.attr("name")?.value ?? null, namespace: m.attr("namespace")?.value ?? null, value: m.attr("value")?.value ?? null })),
          r.loc(mt[0]!.range, ["metric_transformation"]),
        )
      : unknown("not-found", r.header, "metric_transformation"),
  };
}

function alarm(r: Reader): Alarm {
  const nullable = (v: Value) => (v === null ? null : toStr(v));
  const actions = r.res.attr("alarm_actions");
  let alarmActions: Sourced<readonly Value[]>;
  if (!actions) alarmActions = known([], r.at(["alarm_actions"]), "default");
  else if (isUnknown(actions.value)) alarmActions = unknown(actions.value.reason, r.attrLoc(actions, ["alarm_actions"]));
  else alarmActions = known(Array.isArray(actions.value) ? (actions.value as Value[]) : [actions.value], r.attrLoc(actions, ["alarm_actions"]));
  return {
    type: "alarm",
    address: r.res.address,
    source: r.res.source,
    loc: r.header,
    label: r.res.address,
    ...(r.res.instances.length ? { instances: r.res.instances } : {}),
    metricName: r.top("metric_name", nullable, null),
    namespace: r.top("namespace", nullable, null),
    statistic: r.top("statistic", nullable, null),
    threshold: r.top("threshold", (v) => (v === null ? null : toNum(v)), null),
    comparison: r.top("comparison_operator", toStr, undefined),
    actionsEnabled: r.top("actions_enabled", toBool, true),
    alarmActions,
  };
}

function topic(r: Reader, subscriptions: readonly Reader[]): Topic {
  const name = nameOf(r, "name");
  const arn = computedStr(r, "arn");
  const count = subscriptions.filter((s) => arn.kind === "known" && s.res.attr("topic_arn")?.value === arn.value).length;
  return {
    type: "topic",
    ...base(r, name, `arn:aws:sns:*:*:${arnPart(name)}`),
    name,
    topicArn: arn,
    subscriptions: known(count, r.header, "default"),
  };
}

function trail(r: Reader, part: ModelPart): Trail {
  const name = nameOf(r, "name");
  const bucketName = r.top("s3_bucket_name", toStr, undefined);
  const kmsKeyId = r.top("kms_key_id", nullableStr, null);
  const cwArn = r.top("cloud_watch_logs_group_arn", nullableStr, null);
  return {
    type: "trail",
    ...base(r, name, `arn:aws:cloudtrail:*:*:trail/${arnPart(name)}`),
    name,
    trailArn: computedStr(r, "arn"),
    isMultiRegion: r.top("is_multi_region_trail", toBool, false),
    logFileValidation: r.top("enable_log_file_validation", toBool, false),
    isLogging: r.top("enable_logging", toBool, true),
    includeGlobalServiceEvents: r.top("include_global_service_events", toBool, true),
    isOrganizationTrail: r.top("is_organization_trail", toBool, false),
    kmsKeyId,
    kmsKey: linkKey(kmsKeyId, part.keys),
    cloudWatchLogsGroupArn: cwArn,
    cloudWatchLogsRoleArn: r.top("cloud_watch_logs_role_arn", nullableStr, null),
    logGroup: linkLogGroup(cwArn, part.logGroups),
    bucketName,
    bucket: linkBucket(bucketName, part.buckets),
    s3KeyPrefix: r.top("s3_key_prefix", nullableStr, null),
    selectors: selectorsOf(r),
    insights: insightsOf(r),
  };
}

function eventDataStore(r: Reader, part: ModelPart): EventDataStore {
  const name = nameOf(r, "name");
  const kmsKeyId = r.top("kms_key_id", nullableStr, null);
  const adv = r.res.blocks("advanced_event_selector");
  return {
    type: "event-data-store",
    ...base(r, name, "arn:aws:cloudtrail:*:*:eventdatastore/*"),
    name,
    isMultiRegion: r.top("multi_region_enabled", toBool, true),
    isOrganization: r.top("organization_enabled", toBool, false),
    ingesting: known(true, r.header, "default"),
    selectors: adv.length
      ? known({ kind: "advanced", selectors: advancedSelectors(r, adv) }, r.loc(adv[0]!.range, ["advanced_event_selector"]))
      : known({ kind: "none" }, r.at(["advanced_event_selector"]), "default"),
    kmsKeyId,
    kmsKey: linkKey(kmsKeyId, part.keys),
  };
}

const SPLIT_TYPES = [
  "aws_s3_bucket_versioning",
  "aws_s3_bucket_object_lock_configuration",
  "aws_s3_bucket_policy",
  "aws_s3_bucket_public_access_block",
  "aws_s3_bucket_acl",
  "aws_s3_bucket_lifecycle_configuration",
  "aws_s3_bucket_logging",
  "aws_s3_bucket_server_side_encryption_configuration",
];

/** The bucket fields each split resource type sets. */
type SplitField = "versioningEnabled" | "mfaDelete" | "objectLock" | "policy" | "publicAccessBlock" | "acl" | "aclGranteeUris" | "lifecycle" | "accessLogging";
const SPLIT_FIELDS: Readonly<Record<string, readonly SplitField[]>> = {
  aws_s3_bucket_versioning: ["versioningEnabled", "mfaDelete"],
  aws_s3_bucket_object_lock_configuration: ["objectLock"],
  aws_s3_bucket_policy: ["policy"],
  aws_s3_bucket_public_access_block: ["publicAccessBlock"],
  aws_s3_bucket_acl: ["acl", "aclGranteeUris"],
  aws_s3_bucket_lifecycle_configuration: ["lifecycle"],
  aws_s3_bucket_logging: ["accessLogging"],
};

/**
 * A split resource whose `bucket` is unknown may configure any bucket: a field that a bucket leaves
 * at its provider default (no split resource of that type names it) is unknown, not the default.
 */
function maybeConfigured(bucket: Bucket, unknownTargets: ReadonlyMap<string, UnknownValue>, own: readonly Reader[]): Bucket {
  const patch: { -readonly [K in SplitField]?: Bucket[K] } = {};
  for (const [type, u] of unknownTargets) {
    if (own.some((s) => s.res.type === type)) continue;
    for (const f of SPLIT_FIELDS[type] ?? []) {
      const v = bucket[f];
      if (v.kind === "known" && v.origin === "default") patch[f] = unknown(u.reason, v.loc, `${type} for a bucket that cannot be resolved`);
    }
  }
  return { ...bucket, ...patch };
}

export interface TerraformPart {
  readonly part: ModelPart;
  /** Account-level public access block (aws_s3_account_public_access_block), if defined. */
  readonly accountPublicAccessBlock: Sourced<PublicAccessBlock | null> | null;
  /** The split resources of each bucket, by the bucket's address (for suppressions above the bucket). */
  readonly splitsOf: ReadonlyMap<string, readonly string[]>;
}

/** Resource instances → model entities, linked. */
export function adaptResources(resources: readonly TfResource[]): TerraformPart {
  const part = emptyPart();
  const readers = resources.map((r) => new Reader(r));
  const of = (type: string) => readers.filter((r) => r.res.type === type);

  // Split resources by the bucket name they configure (a name, or a symbolic identity).
  const byBucket = new Map<string, Reader[]>();
  const unknownTargets = new Map<string, UnknownValue>();
  for (const t of SPLIT_TYPES) {
    for (const r of of(t)) {
      const b = r.res.attr("bucket")?.value;
      if (isUnknown(b)) unknownTargets.set(t, b);
      if (typeof b !== "string") continue;
      byBucket.set(b, [...(byBucket.get(b) ?? []), r]);
    }
  }
  const splitsOf = new Map<string, string[]>();
  part.keys = of("aws_kms_key").map((r) => key(r, of("aws_kms_alias")));
  part.logGroups = of("aws_cloudwatch_log_group").map(logGroup);
  part.buckets = of("aws_s3_bucket").map((r) => {
    const name = nameOf(r, "bucket");
    const list = name.kind === "known" ? (byBucket.get(name.value) ?? []) : [];
    splitsOf.set(r.res.address, list.map((s) => s.res.address));
    return maybeConfigured(bucketEntity(r, { of: (type) => list.find((s) => s.res.type === type), all: list }, part), unknownTargets, list);
  });
  part.metricFilters = of("aws_cloudwatch_log_metric_filter").map(metricFilter);
  part.alarms = of("aws_cloudwatch_metric_alarm").map(alarm);
  const subscriptions = of("aws_sns_topic_subscription");
  part.topics = of("aws_sns_topic").map((r) => topic(r, subscriptions));
  part.trails = of("aws_cloudtrail").map((r) => trail(r, part));
  part.eventDataStores = of("aws_cloudtrail_event_data_store").map((r) => eventDataStore(r, part));
  const account = of("aws_s3_account_public_access_block")[0];
  return {
    part,
    accountPublicAccessBlock: account ? known(publicAccessBlockOf(account), account.header) : null,
    splitsOf,
  };
}


import type {
  AdvancedSelector,
  Alarm,
  BasicSelector,
  Bucket,
  DataResource,
  Directive,
  EventDataStore,
  EventSelectors,
  FieldSelector,
  InsightType,
  Key,
  LifecycleRule,
  LogGroup,
  MetricFilter,
  MetricTransformation,
  ObjectLock,
  PolicyDoc,
  PublicAccessBlock,
  Topic,
  Trail,
} from "../../model/entities.ts";
import { linkBucket, linkKey, linkLogGroup } from "../../model/link.ts";
import type { Loc } from "../../model/location.ts";
import { emptyPart, type ModelPart } from "../../model/part.ts";
import { known, unknown, type Sourced } from "../../model/sourced.ts";
import { hasSymbol, isMap, isUnknown, symbol, type UnknownValue, type Value } from "../../model/value.ts";
import { entry, nameText, type DocNode } from "../../parse/tree.ts";
import { byDefault, sourced, toBool, toNum, toStr } from "../shared/convert.ts";
import { asMap, type CfnResource, type Template } from "./context.ts";
import { ACCOUNT, Evaluator, REGION } from "./intrinsics.ts";
import { Props, asList } from "./props.ts";

const nullableStr = (v: Value): string | null | UnknownValue => (v === null ? null : toStr(v));

/** CloudFormation template → model entities, linked within the template. */
export function adaptTemplate(t: Template): ModelPart {
  const ev = new Evaluator(t);
  const part = emptyPart();
  const props: Props[] = [];
  for (const res of t.resources.values()) {
    if (!exists(t, ev, res)) continue;
    const p = new Props(t, ev, res);
    props.push(p);
    part.directives.push(...directives(t, res));
  }
  const of = (type: string): Props[] => props.filter((p) => p.res.type === type);

  const aliases = of("AWS::KMS::Alias");
  const policies = of("AWS::S3::BucketPolicy");
  const subscriptions = of("AWS::SNS::Subscription");
  part.keys = of("AWS::KMS::Key").map((p) => key(p, aliases));
  part.logGroups = of("AWS::Logs::LogGroup").map(logGroup);
  part.buckets = of("AWS::S3::Bucket").map((p) => bucket(p, policies));
  part.metricFilters = of("AWS::Logs::MetricFilter").map(metricFilter);
  part.alarms = of("AWS::CloudWatch::Alarm").map(alarm);
  part.topics = of("AWS::SNS::Topic").map((p) => topic(p, subscriptions));
  part.trails = of("AWS::CloudTrail::Trail").map((p) => trail(p, part));
  part.eventDataStores = of("AWS::CloudTrail::EventDataStore").map((p) => eventDataStore(p, part));
  return part;
}

/** A resource whose Condition is known to be false does not exist; an unknown condition counts as existing. */
function exists(t: Template, ev: Evaluator, res: CfnResource): boolean {
  const c = entry(res.node, "Condition")?.value;
  if (!c || c.kind !== "scalar") return true;
  return ev.namedCondition(nameText(c), c.span[0]) !== false;
}

function directives(t: Template, res: CfnResource): Directive[] {
  const meta = asMap(entry(res.node, "Metadata")?.value);
  const tg = meta && asMap(entry(meta, "trailguard")?.value);
  const ignore = tg && entry(tg, "ignore")?.value;
  if (!ignore || ignore.kind !== "seq") return [];
  const out: Directive[] = [];
  for (const item of ignore.items) {
    const m = asMap(item);
    const id = m && scalarString(entry(m, "id")?.value);
    if (!m || !id) {
      t.notice("warning", "invalid-suppression", "trailguard ignore entries need an `id`", item.span[0]);
      continue;
    }
    const reason = scalarString(entry(m, "reason")?.value);
    out.push({
      rules: id.split(",").map((s) => s.trim()),
      reason: reason && reason.trim() ? reason.trim() : null,
      loc: t.loc(item.span[0], item.span[1], res.logicalId, []),
      file: t.file,
      address: res.logicalId,
    });
  }
  return out;
}

function scalarString(n: DocNode | undefined): string | null {
  return n && n.kind === "scalar" && n.value !== null ? String(n.value) : null;
}

function label(name: Sourced<string>, fallback: string): string {
  return name.kind === "known" && !hasSymbol(name.value) ? name.value : fallback;
}

function nameOf(p: Props, prop: string): Sourced<string> {
  const f = p.get([prop]);
  if (!f) return byDefault(symbol(p.res.logicalId), p.header, [prop]);
  return sourced(f.value, toStr, f.loc);
}

function arnPart(s: Sourced<string>): string {
  return s.kind === "known" && !hasSymbol(s.value) ? s.value : "*";
}

function base(p: Props, name: Sourced<string>, arn: string) {
  return { address: p.res.logicalId, source: "cloudformation" as const, loc: p.header, label: label(name, p.res.logicalId), arn };
}

function trail(p: Props, part: ModelPart): Trail {
  const name = nameOf(p, "TrailName");
  const bucketName = p.read(["S3BucketName"], toStr, undefined);
  const kmsKeyId = p.read(["KMSKeyId"], nullableStr, null);
  const cwArn = p.read(["CloudWatchLogsLogGroupArn"], nullableStr, null);
  const arn = p.ev.getAttOf(p.res, "Arn");
  return {
    type: "trail",
    ...base(p, name, `arn:aws:cloudtrail:*:*:trail/${arnPart(name)}`),
    name,
    trailArn: sourced(arn, toStr, name.loc),
    isMultiRegion: p.read(["IsMultiRegionTrail"], toBool, false),
    logFileValidation: p.read(["EnableLogFileValidation"], toBool, false),
    // IsLogging is required by CloudFormation: absent means the template is invalid, so unknown.
    isLogging: p.read(["IsLogging"], toBool, undefined),
    includeGlobalServiceEvents: p.read(["IncludeGlobalServiceEvents"], toBool, true),
    isOrganizationTrail: p.read(["IsOrganizationTrail"], toBool, false),
    kmsKeyId,
    kmsKey: linkKey(kmsKeyId, part.keys),
    cloudWatchLogsGroupArn: cwArn,
    cloudWatchLogsRoleArn: p.read(["CloudWatchLogsRoleArn"], nullableStr, null),
    logGroup: linkLogGroup(cwArn, part.logGroups),
    bucketName,
    bucket: linkBucket(bucketName, part.buckets),
    s3KeyPrefix: p.read(["S3KeyPrefix"], nullableStr, null),
    selectors: selectors(p),
    insights: insights(p),
  };
}

function selectors(p: Props): Sourced<EventSelectors> {
  const adv = p.get(["AdvancedEventSelectors"]);
  if (adv) return advancedSelectors(p, adv.value, adv.loc, ["AdvancedEventSelectors"]);
  const basic = p.get(["EventSelectors"]);
  if (!basic) return byDefault({ kind: "none" }, p.header, ["EventSelectors"]);
  const list = asList(basic.value);
  if (isUnknown(list)) return unknown(list.reason, basic.loc, list.detail);
  if (list.length === 0) return known({ kind: "none" }, basic.loc);
  const out: BasicSelector[] = list.map((s, i) => {
    const m = isMap(s) ? s : {};
    const dr = m["DataResources"];
    const dataResources: readonly DataResource[] | Value = Array.isArray(dr)
      ? (dr as Value[]).map((d) => (isMap(d) ? { type: d["Type"] ?? null, values: d["Values"] ?? null } : { type: d, values: d }))
      : (dr ?? []);
    return {
      readWriteType: m["ReadWriteType"] ?? "All",
      includeManagementEvents: m["IncludeManagementEvents"] ?? true,
      excludeManagementEventSources: m["ExcludeManagementEventSources"] ?? [],
      dataResources,
      loc: isUnknown(s) ? basic.loc : p.locOf(["EventSelectors", i]),
    };
  });
  return known({ kind: "basic", selectors: out }, basic.loc);
}

function advancedSelectors(p: Props, v: Value, loc: Loc, path: (string | number)[]): Sourced<EventSelectors> {
  const list = asList(v);
  if (isUnknown(list)) return unknown(list.reason, loc, list.detail);
  const out: AdvancedSelector[] = list.map((s, i) => {
    const m = isMap(s) ? s : {};
    const fs = m["FieldSelectors"];
    const fieldSelectors: readonly FieldSelector[] | Value = Array.isArray(fs)
      ? (fs as Value[]).map((f) => fieldSelector(isMap(f) ? f : {}))
      : (fs ?? (isUnknown(s) ? s : []));
    return { name: m["Name"] ?? null, fieldSelectors, loc: isUnknown(s) ? loc : p.locOf([...path, i]) };
  });
  return known({ kind: "advanced", selectors: out }, loc);
}

function fieldSelector(f: { readonly [k: string]: Value }): FieldSelector {
  return {
    field: f["Field"] ?? null,
    equals: f["Equals"] ?? null,
    notEquals: f["NotEquals"] ?? null,
    startsWith: f["StartsWith"] ?? null,
    notStartsWith: f["NotStartsWith"] ?? null,
    endsWith: f["EndsWith"] ?? null,
    notEndsWith: f["NotEndsWith"] ?? null,
  };
}

function insights(p: Props): Sourced<readonly InsightType[]> {
  const f = p.get(["InsightSelectors"]);
  if (!f) return byDefault([], p.header, ["InsightSelectors"]);
  const list = asList(f.value);
  if (isUnknown(list)) return unknown(list.reason, f.loc, list.detail);
  const types: InsightType[] = [];
  for (const s of list) {
    const t = isMap(s) ? s["InsightType"] : s;
    if (isUnknown(t)) return unknown(t.reason, f.loc, t.detail);
    if (t === "ApiCallRateInsight" || t === "ApiErrorRateInsight") types.push(t);
  }
  return known(types, f.loc);
}

function eventDataStore(p: Props, part: ModelPart): EventDataStore {
  const name = nameOf(p, "Name");
  const kmsKeyId = p.read(["KmsKeyId"], nullableStr, null);
  const adv = p.get(["AdvancedEventSelectors"]);
  return {
    type: "event-data-store",
    ...base(p, name, `arn:aws:cloudtrail:*:*:eventdatastore/*`),
    name,
    isMultiRegion: p.read(["MultiRegionEnabled"], toBool, true),
    isOrganization: p.read(["OrganizationEnabled"], toBool, false),
    ingesting: p.read(["IngestionEnabled"], toBool, true),
    selectors: adv ? advancedSelectors(p, adv.value, adv.loc, ["AdvancedEventSelectors"]) : byDefault({ kind: "none" }, p.header, ["AdvancedEventSelectors"]),
    kmsKeyId,
    kmsKey: linkKey(kmsKeyId, part.keys),
  };
}

function tagsOf(p: Props): Sourced<Readonly<Record<string, Value>>> {
  const f = p.get(["Tags"]);
  if (!f) return byDefault({}, p.header, ["Tags"]);
  const list = asList(f.value);
  if (isUnknown(list)) return unknown(list.reason, f.loc, list.detail);
  const tags: Record<string, Value> = {};
  for (const t of list) {
    if (!isMap(t)) continue;
    const k = t["Key"];
    if (typeof k === "string") tags[k] = t["Value"] ?? null;
    else if (isUnknown(k)) return unknown(k.reason, f.loc, k.detail);
  }
  return known(tags, f.loc);
}

function bucket(p: Props, policies: readonly Props[]): Bucket {
  const name = nameOf(p, "BucketName");
  const versioning = p.get(["VersioningConfiguration", "Status"]);
  return {
    type: "bucket",
    ...base(p, name, `arn:aws:s3:::${arnPart(name)}`),
    name,
    tags: tagsOf(p),
    versioningEnabled: versioning
      ? sourced(versioning.value, (v) => (isUnknown(v) ? v : v === "Enabled"), versioning.loc)
      : byDefault(false, p.header, ["VersioningConfiguration"]),
    // CloudFormation cannot enable MFA Delete (only the root user can, through the API).
    mfaDelete: byDefault(false, p.header, ["VersioningConfiguration", "MfaDelete"]),
    objectLock: objectLock(p),
    publicAccessBlock: publicAccessBlock(p),
    policy: bucketPolicy(p, name, policies),
    acl: p.read(["AccessControl"], nullableStr, null),
    aclGranteeUris: byDefault([], p.header, ["AccessControl"]),
    lifecycle: lifecycle(p),
    accessLogging: accessLogging(p),
  };
}

function objectLock(p: Props): Sourced<ObjectLock | null> {
  const cfg = p.get(["ObjectLockConfiguration"]);
  const enabledFlag = p.get(["ObjectLockEnabled"]);
  if (!cfg && !enabledFlag) return byDefault(null, p.header, ["ObjectLockConfiguration"]);
  const enabledV = cfg ? p.get(["ObjectLockConfiguration", "ObjectLockEnabled"]) : null;
  const enabled = enabledV ? enabledV.value : enabledFlag ? toBool(enabledFlag.value) : false;
  const loc = cfg?.loc ?? enabledFlag!.loc;
  if (isUnknown(enabled)) return unknown(enabled.reason, loc, enabled.detail);
  const on = enabled === true || enabled === "Enabled";
  const ret = p.get(["ObjectLockConfiguration", "Rule", "DefaultRetention"]);
  if (!on) return known({ enabled: false, mode: null, defaultRetentionDays: null }, loc);
  if (!ret) return known({ enabled: true, mode: null, defaultRetentionDays: null }, loc);
  const r = isMap(ret.value) ? ret.value : null;
  if (!r) return unknown(isUnknown(ret.value) ? ret.value.reason : "invalid", ret.loc);
  const days = r["Days"] !== undefined ? toNum(r["Days"]) : r["Years"] !== undefined ? mul365(toNum(r["Years"])) : null;
  const mode = r["Mode"] ?? null;
  if (isUnknown(days)) return unknown(days.reason, ret.loc, days.detail);
  if (isUnknown(mode)) return unknown(mode.reason, ret.loc, mode.detail);
  return known({ enabled: true, mode: typeof mode === "string" ? mode : null, defaultRetentionDays: days }, ret.loc);
}

function mul365(v: number | UnknownValue): number | UnknownValue {
  return typeof v === "number" ? v * 365 : v;
}

function publicAccessBlock(p: Props): Sourced<PublicAccessBlock | null> {
  const f = p.get(["PublicAccessBlockConfiguration"]);
  if (!f) return byDefault(null, p.header, ["PublicAccessBlockConfiguration"]);
  if (isUnknown(f.value)) return unknown(f.value.reason, f.loc, f.value.detail);
  // Within the block, an absent setting is false (as S3 stores it).
  const setting = (k: string): Sourced<boolean> => {
    const s = p.get(["PublicAccessBlockConfiguration", k]);
    return s ? sourced(s.value, toBool, s.loc) : byDefault(false, f.loc, ["PublicAccessBlockConfiguration", k]);
  };
  return known(
    {
      blockPublicAcls: setting("BlockPublicAcls"),
      ignorePublicAcls: setting("IgnorePublicAcls"),
      blockPublicPolicy: setting("BlockPublicPolicy"),
      restrictPublicBuckets: setting("RestrictPublicBuckets"),
    },
    f.loc,
  );
}

function lifecycle(p: Props): Sourced<readonly LifecycleRule[]> {
  const f = p.get(["LifecycleConfiguration", "Rules"]);
  if (!f) return byDefault([], p.header, ["LifecycleConfiguration"]);
  const list = asList(f.value);
  if (isUnknown(list)) return unknown(list.reason, f.loc, list.detail);
  const rules: LifecycleRule[] = list.map((r, i) => {
    const m = isMap(r) ? r : {};
    const status = m["Status"];
    const tagged = m["TagFilters"] !== undefined;
    const prefix: Value = tagged ? null : (m["Prefix"] ?? "");
    const exp = m["ExpirationInDays"];
    return {
      id: m["Id"] ?? null,
      enabled: isUnknown(status) ? status : status === "Enabled",
      prefix,
      expirationDays: exp === undefined ? null : toNum(exp),
      loc: p.locOf(["LifecycleConfiguration", "Rules", i, "ExpirationInDays"]),
    };
  });
  return known(rules, f.loc);
}

function accessLogging(p: Props): Sourced<boolean> {
  const f = p.get(["LoggingConfiguration"]);
  if (!f) return byDefault(false, p.header, ["LoggingConfiguration"]);
  // A configured destination counts as logging on, even when its name cannot be resolved.
  return known(true, f.loc);
}

function policyDoc(p: Props, path: (string | number)[], f: { value: Value; loc: Loc }): PolicyDoc {
  const doc = f.value;
  const st = isMap(doc) ? doc["Statement"] : undefined;
  const count = Array.isArray(st) ? st.length : st === undefined ? 0 : 1;
  const statementLocs: Loc[] = [];
  for (let i = 0; i < count; i++) statementLocs.push(Array.isArray(st) ? p.locOf([...path, "Statement", i]) : p.locOf([...path, "Statement"]));
  return { document: doc, statementLocs };
}

/** The bucket's policy from an AWS::S3::BucketPolicy in the template; none → known null by default
 * (rules that need a policy to be present treat a default null from IaC as unknown). */
function bucketPolicy(p: Props, name: Sourced<string>, policies: readonly Props[]): Sourced<PolicyDoc | null> {
  for (const bp of policies) {
    const target = bp.get(["Bucket"]);
    if (!target) continue;
    if (isUnknown(target.value)) continue;
    if (name.kind !== "known" || target.value !== name.value) continue;
    const doc = bp.get(["PolicyDocument"]);
    if (!doc) return unknown("not-found", bp.header, "PolicyDocument");
    return known(policyDoc(bp, ["PolicyDocument"], doc), doc.loc);
  }
  return byDefault(null, p.header, ["Policy"]);
}

function key(p: Props, aliases: readonly Props[]): Key {
  const keyId = known(symbol(p.res.logicalId), p.header, "default");
  const names: string[] = [];
  for (const a of aliases) {
    const target = a.get(["TargetKeyId"]);
    const alias = a.get(["AliasName"]);
    if (!target || !alias || typeof alias.value !== "string") continue;
    const tv = typeof target.value === "string" ? target.value : null;
    if (tv && (tv === keyId.value || tv.endsWith(`key/${keyId.value}`))) names.push(alias.value);
  }
  const policy = p.get(["KeyPolicy"]);
  return {
    type: "key",
    address: p.res.logicalId,
    source: "cloudformation",
    loc: p.header,
    label: names[0] ?? p.res.logicalId,
    arn: "arn:aws:kms:*:*:key/*",
    keyId,
    aliases: names,
    rotationEnabled: p.read(["EnableKeyRotation"], toBool, false),
    policy: policy ? known(policyDoc(p, ["KeyPolicy"], policy), policy.loc) : byDefault(null, p.header, ["KeyPolicy"]),
    keySpec: p.read(["KeySpec"], toStr, "SYMMETRIC_DEFAULT"),
    customerManaged: known(true, p.header, "default"),
  };
}

function logGroup(p: Props): LogGroup {
  const name = nameOf(p, "LogGroupName");
  const arn: Sourced<string> =
    name.kind === "known" ? known(`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name.value}:*`, name.loc, name.origin) : name;
  return {
    type: "log-group",
    ...base(p, name, `arn:aws:logs:*:*:log-group:${arnPart(name)}`),
    name,
    logGroupArn: arn,
    retentionDays: p.read(["RetentionInDays"], (v) => (v === null ? null : toNum(v)), null),
  };
}

function metricFilter(p: Props): MetricFilter {
  const mt = p.get(["MetricTransformations"]);
  let metrics: Sourced<readonly MetricTransformation[]>;
  if (!mt) metrics = unknown("not-found", p.header, "MetricTransformations");
  else {
    const list = asList(mt.value);
    metrics = isUnknown(list)
      ? unknown(list.reason, mt.loc, list.detail)
      : known(
          list.map((m) => (isMap(m) ? { name: m["MetricName"] ?? null, namespace: m["MetricNamespace"] ?? null, value: m["MetricValue"] ?? null } : { name: m, namespace: m, value: m })),
          mt.loc,
        );
  }
  return {
    type: "metric-filter",
    address: p.res.logicalId,
    source: "cloudformation",
    loc: p.header,
    label: p.res.logicalId,
    logGroupName: p.read(["LogGroupName"], toStr, undefined),
    pattern: p.read(["FilterPattern"], toStr, undefined),
    metrics,
  };
}

function alarm(p: Props): Alarm {
  const actions = p.get(["AlarmActions"]);
  let alarmActions: Sourced<readonly Value[]>;
  if (!actions) alarmActions = byDefault([], p.header, ["AlarmActions"]);
  else {
    const list = asList(actions.value);
    alarmActions = isUnknown(list) ? unknown(list.reason, actions.loc, list.detail) : known(list, actions.loc);
  }
  const nullable = (v: Value) => (v === null ? null : toStr(v));
  return {
    type: "alarm",
    address: p.res.logicalId,
    source: "cloudformation",
    loc: p.header,
    label: p.res.logicalId,
    metricName: p.read(["MetricName"], nullable, null),
    namespace: p.read(["Namespace"], nullable, null),
    statistic: p.read(["Statistic"], nullable, null),
    threshold: p.read(["Threshold"], (v) => (v === null ? null : toNum(v)), null),
    comparison: p.read(["ComparisonOperator"], toStr, undefined),
    actionsEnabled: p.read(["ActionsEnabled"], toBool, true),
    alarmActions,
  };
}

function topic(p: Props, subscriptions: readonly Props[]): Topic {
  const name = nameOf(p, "TopicName");
  const arn: Sourced<string> =
    name.kind === "known" ? known(`arn:aws:sns:${REGION}:${ACCOUNT}:${name.value}`, name.loc, name.origin) : name;
  const inline = p.get(["Subscription"]);
  let count = inline && Array.isArray(inline.value) ? inline.value.length : 0;
  for (const s of subscriptions) {
    const t = s.get(["TopicArn"]);
    if (t && arn.kind === "known" && t.value === arn.value) count++;
  }
  return {
    type: "topic",
    ...base(p, name, `arn:aws:sns:*:*:${arnPart(name)}`),
    name,
    topicArn: arn,
    subscriptions: known(count, p.header, "default"),
  };
}


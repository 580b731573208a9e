/**
 * Terraform plan JSON (`terraform show -json`) → the same TfResource shape as configurations, so
 * that one adapter serves both. Values come from `planned_values` (root and child modules); those
 * that are known only after apply (`after_unknown`) are unknown. Every location points into the
 * plan file: an attribute at its member in `values`, a resource at its `address` member.
 */
import type { Range } from "../../model/location.ts";
import { UnknownValue, symbol, type Value } from "../../model/value.ts";
import { LineIndex } from "../../parse/positions.ts";
import { entry, type DocNode, type MapNode } from "../../parse/tree.ts";
import type { TfAttr, TfBlockNode, TfBody, TfResource } from "../terraform/source.ts";

const AFTER_APPLY = new UnknownValue("known-after-apply");
const REGION = symbol("aws:region");
const ACCOUNT = symbol("aws:account");

function plain(n: DocNode): Value {
  if (n.kind === "scalar") return n.value;
  if (n.kind === "seq") return n.items.map(plain);
  const o: Record<string, Value> = {};
  for (const e of n.entries) o[e.key] = plain(e.value);
  return o;
}

/** Whether `after_unknown` marks the whole value unknown. */
function wholeUnknown(u: DocNode | undefined): boolean {
  return !!u && u.kind === "scalar" && u.value === true;
}

/** A value with its unknown parts (from the matching `after_unknown` node) replaced. */
function withUnknowns(n: DocNode, u: DocNode | undefined): Value {
  if (wholeUnknown(u)) return AFTER_APPLY;
  if (!u) return plain(n);
  if (n.kind === "seq") return n.items.map((item, i) => withUnknowns(item, u.kind === "seq" ? u.items[i] : undefined));
  if (n.kind === "map") {
    const o: Record<string, Value> = {};
    for (const e of n.entries) o[e.key] = withUnknowns(e.value, u.kind === "map" ? entry(u, e.key)?.value : undefined);
    if (u.kind === "map") for (const e of u.entries) if (!(e.key in o) && wholeUnknown(e.value)) o[e.key] = AFTER_APPLY;
    return o;
  }
  return plain(n);
}

class PlanBody implements TfBody {
  constructor(
    protected readonly values: MapNode | null,
    protected readonly unknowns: DocNode | undefined,
    protected readonly range: (start: number, end: number) => Range,
    protected readonly fallback: Range,
  ) {}

  attr(name: string): TfAttr | undefined {
    const e = this.values ? entry(this.values, name) : undefined;
    const u = this.unknowns?.kind === "map" ? entry(this.unknowns, name)?.value : undefined;
    if (!e) return wholeUnknown(u) ? { value: AFTER_APPLY, range: this.fallback } : undefined;
    const value = withUnknowns(e.value, u);
    if (value === null) return undefined;
    return { value, range: this.range(e.keySpan[0], e.value.span[1]) };
  }

  blocks(type: string): readonly TfBlockNode[] {
    const e = this.values ? entry(this.values, type) : undefined;
    if (!e || e.value.kind !== "seq") return [];
    const u = this.unknowns?.kind === "map" ? entry(this.unknowns, type)?.value : undefined;
    return e.value.items.map((item, i) => {
      const r = this.range(item.span[0], item.span[1]);
      const body = new PlanBody(item.kind === "map" ? item : null, u?.kind === "seq" ? u.items[i] : undefined, this.range, r);
      return { range: r, attr: (n: string) => body.attr(n), blocks: (t: string) => body.blocks(t) };
    });
  }
}

/** Names and ARNs other resources would see, from the planned values (symbols where unknown). */
function computedOf(type: string, address: string, values: Value): (name: string) => Value | undefined {
  const v = (k: string): Value | undefined => (typeof values === "object" && values !== null && !Array.isArray(values) && !(values instanceof UnknownValue) ? (values as Record<string, Value>)[k] : undefined);
  const named = (k: string): string => {
    const x = v(k);
    return typeof x === "string" ? x : symbol(`${address}.${k}`);
  };
  return (name) => {
    const given = v(name);
    if (given !== undefined && !(given instanceof UnknownValue)) return given;
    switch (`${type}.${name}`) {
      case "aws_s3_bucket.bucket":
      case "aws_s3_bucket.id":
        return named("bucket");
      case "aws_s3_bucket.arn":
        return `arn:aws:s3:::${named("bucket")}`;
      case "aws_cloudtrail.name":
        return named("name");
      case "aws_cloudtrail.arn":
        return `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${named("name")}`;
      case "aws_kms_key.key_id":
      case "aws_kms_key.id":
        return symbol(`${address}.key_id`);
      case "aws_kms_key.arn":
        return `arn:aws:kms:${REGION}:${ACCOUNT}:key/${symbol(`${address}.key_id`)}`;
      case "aws_cloudwatch_log_group.name":
        return named("name");
      case "aws_cloudwatch_log_group.arn":
        return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${named("name")}`;
      case "aws_sns_topic.name":
        return named("name");
      case "aws_sns_topic.arn":
        return `arn:aws:sns:${REGION}:${ACCOUNT}:${named("name")}`;
      default:
        return given;
    }
  };
}

interface PlannedResource {
  readonly node: MapNode;
  readonly module: string;
}

function collect(mod: MapNode | null, moduleAddress: string, out: PlannedResource[], depth = 0): void {
  if (!mod || depth > 64) return;
  const resources = entry(mod, "resources")?.value;
  if (resources?.kind === "seq") for (const r of resources.items) if (r.kind === "map") out.push({ node: r, module: moduleAddress });
  const children = entry(mod, "child_modules")?.value;
  if (children?.kind === "seq")
    for (const c of children.items) {
      if (c.kind !== "map") continue;
      const a = entry(c, "address")?.value;
      collect(c, a?.kind === "scalar" ? String(a.value) : moduleAddress, out, depth + 1);
    }
}

function str(n: DocNode | undefined): string | null {
  return n?.kind === "scalar" && typeof n.value === "string" ? n.value : null;
}

/** Is this parsed JSON a Terraform plan? */
export function isPlan(root: DocNode | null): root is MapNode {
  return !!root && root.kind === "map" && !!entry(root, "format_version") && !!entry(root, "planned_values");
}

/**
 * The managed resources of a plan. Values that are unknown in the plan but written in the
 * configuration as a reference to another planned resource (`aws_s3_bucket.logs.id`) take that
 * resource's identity, so that links between resources survive "known after apply".
 */
export function planResources(file: string, text: string, root: MapNode): TfResource[] {
  const lines = new LineIndex(text);
  const range = (s: number, e: number): Range => lines.range(s, e);
  const planned: PlannedResource[] = [];
  collect(entry(entry(root, "planned_values")?.value as MapNode, "root_module")?.value as MapNode | null, "", planned);
  const unknownsByAddress = new Map<string, DocNode>();
  const changes = entry(root, "resource_changes")?.value;
  if (changes?.kind === "seq")
    for (const c of changes.items) {
      if (c.kind !== "map") continue;
      const a = str(entry(c, "address")?.value);
      const change = entry(c, "change")?.value;
      const u = change?.kind === "map" ? entry(change, "after_unknown")?.value : undefined;
      if (a && u) unknownsByAddress.set(a, u);
    }
  const refs = configurationReferences(root);
  const out: TfResource[] = [];
  const byAddress = new Map<string, TfResource>();
  for (const p of planned) {
    if (str(entry(p.node, "mode")?.value) !== "managed") continue;
    const address = str(entry(p.node, "address")?.value);
    const type = str(entry(p.node, "type")?.value);
    if (!address || !type) continue;
    const addrEntry = entry(p.node, "address")!;
    const header = range(addrEntry.keySpan[0], addrEntry.value.span[1]);
    const valuesNode = entry(p.node, "values")?.value;
    const values = valuesNode?.kind === "map" ? valuesNode : null;
    const unknowns = unknownsByAddress.get(address);
    const body = new PlanBody(values, unknowns, range, header);
    const plainValues = values ? withUnknowns(values, unknowns) : {};
    const configAddress = address.replace(/\[[^\]]*\]$/, "").replace(/^(module\.[^.]+(\[[^\]]*\])?\.)+/, "");
    const res: TfResource = {
      source: "plan",
      type,
      address,
      instances: [address],
      module: p.module,
      file,
      header,
      via: [],
      computed: computedOf(type, address, plainValues),
      attr: (name) => {
        const a = body.attr(name);
        if (!a || !(a.value instanceof UnknownValue)) return a;
        // Unknown in the plan: a reference to another planned resource keeps its identity.
        const ref = refs.get(`${p.module}|${configAddress}|${name}`);
        const target = ref && byAddress.get(p.module ? `${p.module}.${ref.resource}` : ref.resource);
        const v = target?.computed(ref!.attribute);
        return typeof v === "string" ? { value: v, range: a.range } : a;
      },
      blocks: (t) => body.blocks(t),
    };
    out.push(res);
    byAddress.set(address, res);
    byAddress.set(address.replace(/\[[^\]]*\]$/, ""), res);
  }
  return out;
}

/** configuration.*.resources[].expressions[attr].references → the first `TYPE.NAME.ATTR` reference. */
function configurationReferences(root: MapNode): Map<string, { resource: string; attribute: string }> {
  const out = new Map<string, { resource: string; attribute: string }>();
  const visit = (mod: DocNode | undefined, moduleAddress: string, depth: number) => {
    if (!mod || mod.kind !== "map" || depth > 64) return;
    const resources = entry(mod, "resources")?.value;
    if (resources?.kind === "seq")
      for (const r of resources.items) {
        if (r.kind !== "map") continue;
        const address = str(entry(r, "address")?.value);
        const exprs = entry(r, "expressions")?.value;
        if (!address || exprs?.kind !== "map") continue;
        for (const e of exprs.entries) {
          const list = e.value.kind === "map" ? entry(e.value, "references")?.value : undefined;
          if (list?.kind !== "seq") continue;
          for (const item of list.items) {
            const m = /^([a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(str(item) ?? "");
            if (m && !m[1]!.startsWith("var.") && !m[1]!.startsWith("local.") && !m[1]!.startsWith("module.")) {
              out.set(`${moduleAddress}|${address}|${e.key}`, { resource: m[1]!, attribute: m[2]! });
              break;
            }
          }
        }
      }
    const calls = entry(mod, "module_calls")?.value;
    if (calls?.kind === "map")
      for (const c of calls.entries) {
        const m = c.value.kind === "map" ? entry(c.value, "module")?.value : undefined;
        visit(m, moduleAddress ? `${moduleAddress}.module.${c.key}` : `module.${c.key}`, depth + 1);
      }
  };
  const config = entry(root, "configuration")?.value;
  visit(config?.kind === "map" ? entry(config, "root_module")?.value : undefined, "", 0);
  return out;
}

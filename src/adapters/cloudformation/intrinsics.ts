import { UnknownValue, isMap, isUnknown, symbol, type Value } from "../../model/value.ts";
import { entry, nameText, type DocNode, type MapNode } from "../../parse/tree.ts";
import { asMap, type CfnResource, type Template } from "./context.ts";

/** `Ref AWS::NoValue`: the property is removed. Never escapes this module's callers' objects. */
export const NO_VALUE = new UnknownValue("invalid", "AWS::NoValue");

const PSEUDO: Readonly<Record<string, Value>> = {
  "AWS::AccountId": symbol("AWS::AccountId"),
  "AWS::Region": symbol("AWS::Region"),
  "AWS::StackName": symbol("AWS::StackName"),
  "AWS::StackId": symbol("AWS::StackId"),
  "AWS::Partition": "aws",
  "AWS::URLSuffix": "amazonaws.com",
  "AWS::NotificationARNs": new UnknownValue("unsupported-expression", "AWS::NotificationARNs"),
};

/** The stack's account and Region as symbols, made once rather than for every ARN built from them. */
export const ACCOUNT = symbol("AWS::AccountId");
export const REGION = symbol("AWS::Region");

/**
 * Evaluates CloudFormation values: intrinsic functions, Parameters (defaults), Mappings and
 * Conditions. Whatever cannot be known becomes an UnknownValue; nothing throws on user input.
 */
export class Evaluator {
  private readonly conditionCache = new Map<string, boolean | UnknownValue>();
  private readonly visiting = new Set<string>();

  constructor(private readonly t: Template) {}

  value(node: DocNode, depth = 0): Value {
    if (depth > 200) return new UnknownValue("unsupported-expression", "nesting too deep");
    if (node.kind === "scalar") return node.value;
    if (node.kind === "seq") {
      const out: Value[] = [];
      for (const item of node.items) {
        const v = this.value(item, depth + 1);
        if (v !== NO_VALUE) out.push(v);
      }
      return out;
    }
    const fn = node.entries.length === 1 ? node.entries[0]! : null;
    if (fn && (fn.key === "Ref" || fn.key.startsWith("Fn::"))) return this.call(fn.key, fn.value, node, depth);
    const out: Record<string, Value> = {};
    for (const e of node.entries) {
      const v = this.value(e.value, depth + 1);
      if (v !== NO_VALUE) out[e.key] = v;
    }
    return out;
  }

  private call(name: string, arg: DocNode, node: MapNode, depth: number): Value {
    switch (name) {
      case "Ref":
        return arg.kind === "scalar" ? this.ref(nameText(arg), node.span[0]) : invalid("Ref");
      case "Fn::GetAtt":
        return this.getAtt(arg, depth);
      case "Fn::Sub":
        return this.sub(arg, depth);
      case "Fn::Join":
        return this.join(arg, depth);
      case "Fn::Select":
        return this.select(arg, depth);
      case "Fn::Split":
        return this.split(arg, depth);
      case "Fn::If":
        return this.fnIf(arg, depth);
      case "Fn::FindInMap":
        return this.findInMap(arg, depth);
      case "Fn::Base64": {
        const v = this.value(arg, depth + 1);
        return typeof v === "string" && !isUnknown(v) ? Buffer.from(v, "utf8").toString("base64") : unknownOf(v, "Fn::Base64");
      }
      case "Fn::ToJsonString": {
        const v = this.value(arg, depth + 1);
        return containsUnknownDeep(v) ? new UnknownValue("unsupported-expression", "Fn::ToJsonString") : JSON.stringify(v);
      }
      case "Fn::Length": {
        const v = this.value(arg, depth + 1);
        return Array.isArray(v) ? v.length : unknownOf(v, "Fn::Length");
      }
      case "Fn::Equals":
      case "Fn::Not":
      case "Fn::And":
      case "Fn::Or":
        return this.condition(node, depth);
      case "Fn::ImportValue":
        return new UnknownValue("import-value", "Fn::ImportValue");
      default:
        // Fn::GetAZs, Fn::Cidr, Fn::Transform, Fn::ForEach and anything newer: not evaluated.
        return new UnknownValue("unsupported-expression", name);
    }
  }

  ref(name: string, offset: number): Value {
    if (name === "AWS::NoValue") return NO_VALUE;
    const pseudo = PSEUDO[name];
    if (pseudo !== undefined) return pseudo;
    const param = this.t.parameters && entry(this.t.parameters, name);
    if (param) return this.parameter(name, param.value);
    const res = this.t.resources.get(name);
    if (res) return this.resourceRef(res);
    this.t.notice("warning", "unresolved-reference", `Ref to '${name}', which is not a parameter or resource of this template`, offset);
    return new UnknownValue("not-found", name);
  }

  private parameter(name: string, node: DocNode): Value {
    const def = asMap(node) && entry(node as MapNode, "Default");
    if (!def) return new UnknownValue("unset-variable", name);
    const v = this.value(def.value);
    const typeNode = entry(node as MapNode, "Type")?.value;
    const type = typeNode?.kind === "scalar" ? String(typeNode.value) : "String";
    if ((type.startsWith("List<") || type === "CommaDelimitedList") && typeof v === "string") return v.split(",").map((s) => s.trim());
    return v;
  }

  /** What `Ref` returns for a resource of the types this tool models; a stable symbol otherwise. */
  resourceRef(res: CfnResource): Value {
    switch (res.type) {
      case "AWS::S3::Bucket":
        return this.nameOf(res, "BucketName");
      case "AWS::CloudTrail::Trail":
        return this.nameOf(res, "TrailName");
      case "AWS::Logs::LogGroup":
        return this.nameOf(res, "LogGroupName");
      case "AWS::KMS::Alias":
        return this.nameOf(res, "AliasName");
      case "AWS::SNS::Topic":
        return `arn:aws:sns:${REGION}:${ACCOUNT}:${str(this.nameOf(res, "TopicName"))}`;
      case "AWS::CloudTrail::EventDataStore":
        return this.getAttOf(res, "EventDataStoreArn");
      default:
        return symbol(res.logicalId);
    }
  }

  /** The resource's name property, or a symbol standing for its generated name. */
  nameOf(res: CfnResource, prop: string): Value {
    const p = res.properties && entry(res.properties, prop);
    if (!p) return symbol(res.logicalId);
    if (this.visiting.has(res.logicalId)) {
      this.t.notice("warning", "cyclic-reference", `cyclic reference through resource '${res.logicalId}'`, p.keySpan[0]);
      return new UnknownValue("cycle", res.logicalId);
    }
    this.visiting.add(res.logicalId);
    try {
      const v = this.value(p.value);
      return v === NO_VALUE ? symbol(res.logicalId) : v;
    } finally {
      this.visiting.delete(res.logicalId);
    }
  }

  getAttOf(res: CfnResource, attr: string): Value {
    const name = (prop: string): string | UnknownValue => str(this.nameOf(res, prop));
    const join = (...parts: (string | UnknownValue)[]): Value => {
      const bad = parts.find(isUnknown);
      return bad ?? parts.join("");
    };
    switch (`${res.type}.${attr}`) {
      case "AWS::S3::Bucket.Arn":
        return join("arn:aws:s3:::", name("BucketName"));
      case "AWS::CloudTrail::Trail.Arn":
        return join(`arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/`, name("TrailName"));
      case "AWS::Logs::LogGroup.Arn":
        return join(`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:`, name("LogGroupName"), ":*");
      case "AWS::KMS::Key.Arn":
        return `arn:aws:kms:${REGION}:${ACCOUNT}:key/${symbol(res.logicalId)}`;
      case "AWS::KMS::Key.KeyId":
        return symbol(res.logicalId);
      case "AWS::SNS::Topic.TopicArn":
        return join(`arn:aws:sns:${REGION}:${ACCOUNT}:`, name("TopicName"));
      case "AWS::SNS::Topic.TopicName":
        return name("TopicName");
      case "AWS::IAM::Role.Arn":
        return join(`arn:aws:iam::${ACCOUNT}:role/`, name("RoleName"));
      case "AWS::CloudTrail::EventDataStore.EventDataStoreArn":
        return `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:eventdatastore/${symbol(res.logicalId)}`;
      default:
        return symbol(`${res.logicalId}.${attr}`);
    }
  }

  private getAtt(arg: DocNode, depth: number): Value {
    let parts: Value[];
    if (arg.kind === "scalar" && typeof arg.value === "string") {
      const dot = arg.value.indexOf(".");
      parts = dot < 0 ? [arg.value] : [arg.value.slice(0, dot), arg.value.slice(dot + 1)];
    } else {
      const v = this.value(arg, depth + 1);
      if (!Array.isArray(v)) return invalid("Fn::GetAtt");
      parts = [...v];
    }
    const [resName, attr] = parts;
    if (typeof resName !== "string" || typeof attr !== "string") return unknownOf(attr ?? null, "Fn::GetAtt");
    const res = this.t.resources.get(resName);
    if (!res) {
      this.t.notice("warning", "unresolved-reference", `Fn::GetAtt names '${resName}', which is not a resource of this template`, arg.span[0]);
      return new UnknownValue("not-found", resName);
    }
    return this.getAttOf(res, attr);
  }

  private sub(arg: DocNode, depth: number): Value {
    let template: Value;
    let vars: Record<string, Value> = {};
    if (arg.kind === "seq") {
      template = arg.items[0] ? this.value(arg.items[0], depth + 1) : null;
      const v = arg.items[1] ? this.value(arg.items[1], depth + 1) : {};
      if (isMap(v)) vars = { ...v };
    } else template = this.value(arg, depth + 1);
    if (typeof template !== "string") return unknownOf(template, "Fn::Sub");
    let out = "";
    let last = 0;
    const re = /\$\{([^}]*)\}/g;
    for (let m = re.exec(template); m; m = re.exec(template)) {
      out += template.slice(last, m.index);
      last = m.index + m[0].length;
      const name = m[1]!.trim();
      if (name.startsWith("!")) {
        out += "${" + name.slice(1) + "}";
        continue;
      }
      let v: Value;
      if (name in vars) v = vars[name]!;
      else if (name.includes(".") && !name.startsWith("AWS::")) {
        const dot = name.indexOf(".");
        const res = this.t.resources.get(name.slice(0, dot));
        v = res ? this.getAttOf(res, name.slice(dot + 1)) : this.ref(name, arg.span[0]);
      } else v = this.ref(name, arg.span[0]);
      const s = str(v);
      if (isUnknown(s)) return s;
      out += s;
    }
    return out + template.slice(last);
  }

  private join(arg: DocNode, depth: number): Value {
    const v = this.value(arg, depth + 1);
    if (!Array.isArray(v) || v.length !== 2) return unknownOf(v, "Fn::Join");
    const [sep, list] = v as Value[];
    if (typeof sep !== "string") return unknownOf(sep ?? null, "Fn::Join");
    if (!Array.isArray(list)) return unknownOf(list ?? null, "Fn::Join");
    const parts: string[] = [];
    for (const item of list as Value[]) {
      const s = str(item);
      if (isUnknown(s)) return s;
      parts.push(s);
    }
    return parts.join(sep);
  }

  private select(arg: DocNode, depth: number): Value {
    const v = this.value(arg, depth + 1);
    if (!Array.isArray(v) || v.length !== 2) return unknownOf(v, "Fn::Select");
    const [i, list] = v as Value[];
    const index = typeof i === "string" ? Number(i) : i;
    if (typeof index !== "number" || !Array.isArray(list)) return unknownOf(Array.isArray(list) ? (i ?? null) : (list ?? null), "Fn::Select");
    return (list as Value[])[index] ?? invalid("Fn::Select");
  }

  private split(arg: DocNode, depth: number): Value {
    const v = this.value(arg, depth + 1);
    if (!Array.isArray(v) || v.length !== 2) return unknownOf(v, "Fn::Split");
    const [sep, s] = v as Value[];
    if (typeof sep !== "string" || typeof s !== "string") return unknownOf(typeof sep === "string" ? (s ?? null) : (sep ?? null), "Fn::Split");
    return s.split(sep);
  }

  private fnIf(arg: DocNode, depth: number): Value {
    if (arg.kind !== "seq" || arg.items.length !== 3) return invalid("Fn::If");
    const c = arg.items[0]!;
    const cond = c.kind === "scalar" ? this.namedCondition(nameText(c), c.span[0]) : new UnknownValue("invalid", "Fn::If");
    if (cond === true) return this.value(arg.items[1]!, depth + 1);
    if (cond === false) return this.value(arg.items[2]!, depth + 1);
    // Undecidable: the value is known only when both branches agree.
    const a = this.value(arg.items[1]!, depth + 1);
    const b = this.value(arg.items[2]!, depth + 1);
    return sameValue(a, b) ? a : new UnknownValue("condition", c.kind === "scalar" ? String(c.value) : "Fn::If");
  }

  private findInMap(arg: DocNode, depth: number): Value {
    const v = this.value(arg, depth + 1);
    if (!Array.isArray(v) || v.length < 3) return unknownOf(v, "Fn::FindInMap");
    const [m, k1, k2, opts] = v as Value[];
    if (typeof m !== "string" || typeof k1 !== "string" || typeof k2 !== "string") return unknownOf([m, k1, k2].find(isUnknown) ?? null, "Fn::FindInMap");
    const table = this.t.mappings && asMap(entry(this.t.mappings, m)?.value);
    const row = table && asMap(entry(table, k1)?.value);
    const cell = row && entry(row, k2);
    if (cell) return this.value(cell.value, depth + 1);
    if (isMap(opts) && "DefaultValue" in opts) return opts["DefaultValue"]!;
    return new UnknownValue("not-found", `Fn::FindInMap ${m}.${k1}.${k2}`);
  }

  /** A named condition from the Conditions section: true, false or unknown. */
  namedCondition(name: string, offset: number): boolean | UnknownValue {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const def = this.t.conditions && entry(this.t.conditions, name);
    if (!def) {
      this.t.notice("warning", "unresolved-reference", `condition '${name}' is not defined in Conditions`, offset);
      return new UnknownValue("not-found", name);
    }
    if (this.visiting.has(`condition:${name}`)) {
      this.t.notice("warning", "cyclic-reference", `condition '${name}' refers to itself`, def.keySpan[0]);
      return new UnknownValue("cycle", name);
    }
    this.visiting.add(`condition:${name}`);
    const v = this.condition(def.value, 0);
    this.visiting.delete(`condition:${name}`);
    const result = typeof v === "boolean" ? v : v instanceof UnknownValue ? v : new UnknownValue("invalid", name);
    this.conditionCache.set(name, result);
    return result;
  }

  private condition(node: DocNode, depth: number): boolean | UnknownValue {
    if (depth > 100) return new UnknownValue("unsupported-expression", "condition nesting");
    const fn = node.kind === "map" && node.entries.length === 1 ? node.entries[0]! : null;
    if (!fn) {
      const v = this.value(node, depth + 1);
      return typeof v === "boolean" ? v : v === "true" ? true : v === "false" ? false : new UnknownValue("invalid", "condition");
    }
    if (fn.key === "Condition") {
      const n = fn.value;
      return n.kind === "scalar" ? this.namedCondition(nameText(n), n.span[0]) : new UnknownValue("invalid", "Condition");
    }
    const args = fn.value.kind === "seq" ? fn.value.items : [];
    switch (fn.key) {
      case "Fn::Equals": {
        if (args.length !== 2) return new UnknownValue("invalid", "Fn::Equals");
        const a = this.value(args[0]!, depth + 1);
        const b = this.value(args[1]!, depth + 1);
        if (containsUnknownDeep(a) || containsUnknownDeep(b)) return new UnknownValue("condition", "Fn::Equals");
        return String(a) === String(b) || sameValue(a, b);
      }
      case "Fn::Not": {
        const v = args[0] ? this.condition(args[0], depth + 1) : new UnknownValue("invalid", "Fn::Not");
        return typeof v === "boolean" ? !v : v;
      }
      case "Fn::And":
      case "Fn::Or": {
        const decisive = fn.key === "Fn::Or";
        let unknownSeen: UnknownValue | null = null;
        for (const a of args) {
          const v = this.condition(a, depth + 1);
          if (v === decisive) return decisive;
          if (v instanceof UnknownValue) unknownSeen = v;
        }
        return unknownSeen ?? !decisive;
      }
      default: {
        const v = this.value(node, depth + 1);
        return typeof v === "boolean" ? v : new UnknownValue("condition", fn.key);
      }
    }
  }
}

function str(v: Value): string | UnknownValue {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return isUnknown(v) ? v : new UnknownValue("invalid", "expected a string");
}

function invalid(fn: string): UnknownValue {
  return new UnknownValue("invalid", fn);
}

function unknownOf(v: Value, fn: string): UnknownValue {
  return isUnknown(v) ? v : invalid(fn);
}

function containsUnknownDeep(v: Value): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknownDeep);
  if (isMap(v)) return Object.values(v).some(containsUnknownDeep);
  return false;
}

export function sameValue(a: Value, b: Value): boolean {
  if (isUnknown(a) || isUnknown(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, (b as Value[])[i]!));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameValue(a[k]!, b[k]!));
  }
  return a === b;
}

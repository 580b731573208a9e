/** Encoding, hashing, file and miscellaneous functions. Files come from the EvalHost, never from disk. */
import { createHash } from "node:crypto";
import { posix } from "node:path";
import { parse as parseYaml } from "yaml";
import { isMap, UnknownValue, type Value } from "../../model/value.ts";
import { evaluate, EvalError, report, withBindings, type FunctionCall, type FunctionDef } from "./evaluate.ts";
import { fail, map, str, text, unknownArg } from "./function-args.ts";
import { firstUnknown, numberToString, PartialJson, sortedKeys, typeName, unknownFrom } from "./values.ts";

type Impl = FunctionDef["impl"];
const fn = (min: number, max: number, impl: Impl, partial = false): FunctionDef => ({ min, max, impl, partial });

const hash = (algorithm: string) =>
  fn(1, 1, ([s], call) => createHash(algorithm).update(text(s!, call), "utf8").digest("hex"));

export const encodingFunctions: Readonly<Record<string, FunctionDef>> = {
  jsonencode: fn(
    1,
    1,
    ([v]) => {
      const u = firstUnknown(v!);
      if (u === undefined) return jsonText(v!);
      // The encoding of a partly unknown value keeps the value for readers of policies.
      return v instanceof UnknownValue ? unknownFrom(v) : new PartialJson(v!, u.reason, u.detail);
    },
    true,
  ),
  jsondecode: fn(
    1,
    1,
    ([s], call) => {
      if (s instanceof PartialJson) return s.document;
      if (s instanceof UnknownValue) return unknownFrom(s);
      return parseJsonValue(str(s!, call), call);
    },
    true,
  ),
  yamldecode: fn(1, 1, ([s], call) => {
    try {
      return toValue(parseYaml(text(s!, call)), call);
    } catch (err) {
      if (err instanceof EvalError) throw err;
      return fail(call, `invalid YAML: ${(err as Error).message.split("\n")[0] ?? ""}`);
    }
  }),
  base64encode: fn(1, 1, ([s], call) => Buffer.from(text(s!, call), "utf8").toString("base64")),
  base64decode: fn(1, 1, ([s], call) => {
    const b = text(s!, call);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b) || b.length % 4 !== 0) fail(call, "invalid base64 data");
    return Buffer.from(b, "base64").toString("utf8");
  }),
  base64sha256: fn(1, 1, ([s], call) => createHash("sha256").update(text(s!, call), "utf8").digest("base64")),
  sha1: hash("sha1"),
  sha256: hash("sha256"),
  sha512: hash("sha512"),
  md5: hash("md5"),
  urlencode: fn(1, 1, ([s], call) =>
    encodeURIComponent(text(s!, call)).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, "+"),
  ),
  file: fn(1, 1, ([p], call) => readFile(str(p!, call), call)),
  fileexists: fn(1, 1, ([p], call) => {
    const host = call.ctx.host;
    if (host?.readFile(resolvePath(str(p!, call), call)) !== undefined) return true;
    return new UnknownValue("not-found", str(p!, call));
  }),
  templatefile: fn(2, 2, (args, call) => unknownArg(args.slice(0, 1)) ?? templatefile(args[0]!, args[1]!, call), true),
  basename: fn(1, 1, ([p], call) => posix.basename(str(p!, call))),
  dirname: fn(1, 1, ([p], call) => posix.dirname(str(p!, call))),
  abspath: fn(1, 1, ([p], call) => resolvePath(str(p!, call), call)),
  timestamp: fn(0, 0, () => new UnknownValue("known-after-apply", "timestamp()")),
  uuid: fn(0, 0, () => new UnknownValue("known-after-apply", "uuid()")),
  sensitive: fn(1, 1, ([v]) => v!, true),
  nonsensitive: fn(1, 1, ([v]) => v!, true),
};

/** Terraform's JSON encoding: object keys sorted, no spaces, `<`, `>` and `&` escaped. */
export function jsonText(v: Value): string {
  if (v === null) return "null";
  if (typeof v === "string") return jsonString(v);
  if (typeof v === "number") return numberToString(v);
  if (typeof v === "boolean") return String(v);
  if (v instanceof UnknownValue) return "null";
  if (Array.isArray(v)) return `[${(v as readonly Value[]).map(jsonText).join(",")}]`;
  if (isMap(v)) return `{${sortedKeys(v).map((k) => `${jsonString(k)}:${jsonText(v[k]!)}`).join(",")}}`;
  return "null";
}

function jsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029\b\f]/g, (c) => {
    if (c === "\b") return "\\u0008";
    if (c === "\f") return "\\u000c";
    return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
  });
}

function parseJsonValue(s: string, call: FunctionCall): Value {
  try {
    return JSON.parse(s) as Value;
  } catch (err) {
    return fail(call, `invalid JSON: ${(err as Error).message}`);
  }
}

/** YAML data as a Value: dates and other tags become strings. */
function toValue(v: unknown, call: FunctionCall): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map((x) => toValue(x, call));
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Map) return Object.fromEntries(Array.from(v, ([k, x]) => [String(k), toValue(x, call)]));
  if (typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toValue(x, call)]));
  return fail(call, `unsupported YAML value of type ${typeof v}`);
}

/** A path as Terraform resolves it: relative to the folder Terraform runs in (the root module). */
function resolvePath(p: string, call: FunctionCall): string {
  const root = call.ctx.host?.rootDir ?? ".";
  return posix.normalize(posix.isAbsolute(p) ? p : posix.join(root, p));
}

function readFile(p: string, call: FunctionCall): Value {
  const host = call.ctx.host;
  const path = resolvePath(p, call);
  const content = host?.readFile(path);
  if (content === undefined) {
    report(call.ctx, call.range, `${call.name}: file ${JSON.stringify(p)} was not provided; its content is unknown`, "warning");
    return new UnknownValue("not-found", p);
  }
  return content;
}

function templatefile(pathArg: Value, vars: Value, call: FunctionCall): Value {
  const content = readFile(str(pathArg, call), call);
  if (typeof content !== "string") return content;
  if (vars instanceof UnknownValue) return unknownFrom(vars);
  const bindings = map(vars, call);
  const host = call.ctx.host!;
  const path = resolvePath(str(pathArg, call), call);
  if (host.parseTemplate === undefined) return new UnknownValue("unsupported-expression", "templatefile");
  const expr = host.parseTemplate(path, content);
  const ctx = withBindings({ ...call.ctx, file: path, refs: undefined, bindings: undefined }, Object.entries(bindings));
  let result: Value;
  try {
    result = evaluate(expr, ctx);
  } catch (err) {
    if (err instanceof EvalError) {
      fail(call, `in ${path} on line ${err.range.startLine}: ${err.message}`);
    }
    throw err;
  }
  if (result instanceof UnknownValue || typeof result === "string") return result;
  if (typeof result === "number") return numberToString(result);
  if (typeof result === "boolean") return String(result);
  return fail(call, `the template produced a ${typeName(result)}, not a string`);
}

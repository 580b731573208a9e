import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ErrorObject } from "ajv";
import validateConfig from "./config-validator.generated.js";
import { ruleIdOf } from "../engine/catalog.ts";
import type { Level } from "../engine/rule.ts";
import { LineIndex } from "../parse/positions.ts";
import { nodeAt, toPlain } from "../parse/plain.ts";
import { parseYaml } from "../parse/yaml.ts";
import type { DocNode } from "../parse/tree.ts";
import { ConfigError, DEFAULT_SETTINGS, type ConfigSuppression, type ResolvedConfig } from "./config.ts";
import { MONITORING_CLASS_IDS } from "../semantics/monitoring/classes.ts";
import { relPath } from "../discover/paths.ts";

export const CONFIG_NAME = ".trailguard.yml";

/** The first .trailguard.yml in `start` or a parent folder, stopping at the work-tree root. */
export function findConfig(start: string): string | null {
  let dir = path.resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    if (existsSync(path.join(dir, ".git"))) return null;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

interface RawConfig {
  rules?: Record<string, Level | "off">;
  minRetentionDays?: number;
  requireTrail?: boolean;
  organization?: boolean;
  monitoring?: "cis" | string[];
  sensitiveBuckets?: { tags?: Record<string, string[]>; names?: string[] };
  ignorePaths?: string[];
  suppressions?: { rule: string; resource: string; reason?: string; expires?: string }[];
}

function validate(data: unknown): ErrorObject[] {
  return validateConfig(data) ? [] : (validateConfig.errors ?? []);
}

function describe(e: ErrorObject): { path: string[]; message: string } {
  const p = e.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (e.keyword === "additionalProperties") {
    const extra = String((e.params as { additionalProperty: string }).additionalProperty);
    return { path: [...p, extra], message: "unknown key" };
  }
  const badName = e.propertyName ?? (e.keyword === "propertyNames" ? String((e.params as { propertyName: string }).propertyName) : undefined);
  if (badName !== undefined) return { path: [...p, badName], message: p[0] === "rules" ? "unknown rule ID or name" : "invalid key" };
  if (e.keyword === "enum") return { path: p, message: `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).slice(0, 8).join(", ")}` };
  return { path: p, message: e.message ?? "invalid" };
}

/** Read, validate and resolve a configuration file. Throws ConfigError naming the file, line and key path. */
export function loadConfig(file: string, cwd: string): ResolvedConfig {
  const rel = relPath(file, cwd);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(`${rel}: cannot read the configuration: ${(e as Error).message}`);
  }
  const lines = new LineIndex(text);
  const parsed = parseYaml(text, "1.2");
  if (!parsed.ok) throw new ConfigError(`${rel}:${lines.position(parsed.error.offset).line}: invalid YAML: ${parsed.error.message}`);
  const root = parsed.root;
  const data = toPlain(root) ?? {};
  const errors = validate(data);
  if (errors.length > 0) {
    const lead = pickError(errors);
    const d = describe(lead);
    const at = nodeAt(root, d.path) ?? nodeAt(root, d.path.slice(0, -1));
    const line = at ? lines.position(at.keyStart).line : 1;
    throw new ConfigError(`${rel}:${line}: ${d.path.join(".") || "(top level)"}: ${d.message}`);
  }
  return resolve(data as RawConfig, root, rel, path.dirname(file), lines);
}

/** The most useful of ajv's errors: the deepest one that is not a oneOf summary. */
function pickError(errors: readonly ErrorObject[]): ErrorObject {
  const concrete = errors.filter((e) => e.keyword !== "oneOf" && e.keyword !== "if");
  const list = concrete.length ? concrete : errors;
  return [...list].sort((a, b) => b.instancePath.length - a.instancePath.length)[0]!;
}

function resolve(raw: RawConfig, root: DocNode | null, rel: string, dir: string, lines: LineIndex): ResolvedConfig {
  const locAt = (p: (string | number)[]) => {
    const at = nodeAt(root, p);
    const start = at?.keyStart ?? 0;
    const end = at?.node.span[1] ?? start;
    return { file: rel, range: lines.range(start, end), address: rel, path: p };
  };
  const levels = new Map<string, Level | "off">();
  for (const [k, v] of Object.entries(raw.rules ?? {})) levels.set(ruleIdOf(k)!, v);
  const monitoring = raw.monitoring === "cis" ? [...MONITORING_CLASS_IDS] : (raw.monitoring ?? DEFAULT_SETTINGS.monitoring);
  const suppressions: ConfigSuppression[] = (raw.suppressions ?? []).map((s, i) => ({
    ruleId: ruleIdOf(s.rule)!,
    resource: s.resource,
    reason: s.reason?.trim() ? s.reason.trim() : null,
    expires: s.expires ?? null,
    loc: locAt(["suppressions", i]),
  }));
  return {
    file: rel,
    dir,
    levels,
    settings: {
      minRetentionDays: raw.minRetentionDays ?? DEFAULT_SETTINGS.minRetentionDays,
      requireTrail: raw.requireTrail ?? false,
      organization: raw.organization ?? false,
      sensitiveBuckets: { tags: raw.sensitiveBuckets?.tags ?? null, names: raw.sensitiveBuckets?.names ?? [] },
      monitoring,
    },
    ignorePaths: raw.ignorePaths ?? [],
    suppressions,
    ...(raw.requireTrail ? { requireTrailAt: locAt(["requireTrail"]) } : {}),
    ...(raw.organization ? { organizationAt: locAt(["organization"]) } : {}),
  };
}

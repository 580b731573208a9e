import type * as Sarif from "sarif";
import { MAX_SARIF_RESULTS } from "./sarif.ts";

/** An input that cannot be merged (not SARIF 2.1.0, another tool, another category): a usage error. */
export class SarifMergeError extends Error {}

export interface MergeInput {
  /** How the input is named in messages (its file name). */
  readonly name: string;
  readonly log: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The runs of one input, after the few checks the merge relies on. */
function runsOf(input: MergeInput): Sarif.Run[] {
  const log = input.log;
  if (!isObject(log) || log["version"] !== "2.1.0" || !Array.isArray(log["runs"])) throw new SarifMergeError(`${input.name}: not a SARIF 2.1.0 log`);
  const runs = log["runs"] as unknown[];
  if (!runs.length) throw new SarifMergeError(`${input.name}: the log has no run`);
  for (const run of runs) {
    const tool = isObject(run) ? run["tool"] : undefined;
    const driver = isObject(tool) ? tool["driver"] : undefined;
    if (!isObject(run) || !isObject(driver) || typeof driver["name"] !== "string") throw new SarifMergeError(`${input.name}: a run has no tool.driver.name`);
    if (run["results"] !== undefined && !Array.isArray(run["results"])) throw new SarifMergeError(`${input.name}: results is not an array`);
  }
  return runs as Sarif.Run[];
}

const SEVERITY: Record<string, number> = { error: 0, warning: 1, note: 2, none: 3 };

/**
 * Joins SARIF logs of one tool and one category (the shards of a scan) into one run: rules
 * declared once in ID order, `ruleIndex` recomputed, results concatenated without the ones that
 * repeat an earlier result's fingerprint and location, every notification kept (exact repeats once),
 * `executionSuccessful` true only when every input succeeded.
 */
export function mergeSarif(inputs: readonly MergeInput[]): Sarif.Log {
  if (!inputs.length) throw new SarifMergeError("nothing to merge");
  const all = inputs.flatMap((input) => runsOf(input).map((run) => ({ input, run })));
  const first = all[0]!.run;
  const tool = first.tool.driver.name;
  const category = first.automationDetails?.id ?? "";
  for (const { input, run } of all) {
    if (run.tool.driver.name !== tool) throw new SarifMergeError(`${input.name}: made by ${run.tool.driver.name}, not ${tool}: only logs of one tool can be merged`);
    const c = run.automationDetails?.id ?? "";
    if (c !== category) throw new SarifMergeError(`${input.name}: category '${c}' differs from '${category}' (${all[0]!.input.name}): only shards of one scan can be merged`);
  }

  // Rules: the first declaration of each ID wins.
  const rules = new Map<string, Sarif.ReportingDescriptor>();
  for (const { run } of all) for (const r of run.tool.driver.rules ?? []) if (!rules.has(r.id)) rules.set(r.id, r);
  const ordered = [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(ordered.map((r, i) => [r.id, i] as const));
  const reindex = (ref: Sarif.ReportingDescriptorReference): Sarif.ReportingDescriptorReference => {
    const i = ref.id !== undefined ? index.get(ref.id) : undefined;
    const { index: _old, ...rest } = ref;
    return i === undefined ? rest : { ...rest, index: i };
  };

  const seen = new Set<string>();
  let results: Sarif.Result[] = [];
  for (const { run } of all) {
    const own = run.tool.driver.rules ?? [];
    for (const r of run.results ?? []) {
      const ruleId = r.ruleId ?? r.rule?.id ?? (r.ruleIndex !== undefined ? own[r.ruleIndex]?.id : undefined);
      const key = JSON.stringify([ruleId ?? null, r.partialFingerprints ?? r.fingerprints ?? null, r.locations ?? []]);
      if (seen.has(key)) continue;
      seen.add(key);
      const out: Sarif.Result = { ...r };
      delete out.ruleIndex;
      if (ruleId !== undefined) {
        out.ruleId = ruleId;
        const i = index.get(ruleId);
        if (i !== undefined) out.ruleIndex = i;
      }
      if (r.rule) out.rule = reindex({ ...r.rule, ...(ruleId !== undefined ? { id: ruleId } : {}) });
      results.push(out);
    }
  }

  const invocations = all.flatMap(({ run }) => run.invocations ?? []);
  const noted = new Set<string>();
  const notifications: Sarif.Notification[] = [];
  for (const inv of invocations) {
    for (const n of inv.toolExecutionNotifications ?? []) {
      const key = JSON.stringify(n);
      if (noted.has(key)) continue;
      noted.add(key);
      notifications.push(n);
    }
  }
  const overrides = new Map<string, Sarif.ConfigurationOverride>();
  for (const inv of invocations) {
    for (const o of inv.ruleConfigurationOverrides ?? []) {
      const id = o.descriptor.id;
      if (id !== undefined && !overrides.has(id)) overrides.set(id, { ...o, descriptor: reindex(o.descriptor) });
    }
  }

  if (results.length > MAX_SARIF_RESULTS) {
    const total = results.length;
    results = results
      .map((r, i) => ({ r, i }))
      .sort((a, b) => (SEVERITY[a.r.level ?? "warning"] ?? 3) - (SEVERITY[b.r.level ?? "warning"] ?? 3) || a.i - b.i)
      .slice(0, MAX_SARIF_RESULTS)
      .map(({ r }) => r);
    notifications.push({ level: "warning", message: { text: `only the ${MAX_SARIF_RESULTS} most severe of ${total} results are in this log (GitHub's limit)` }, descriptor: { id: "results-truncated" } });
  }

  const invocation: Sarif.Invocation = {
    executionSuccessful: invocations.length > 0 && all.every(({ run }) => (run.invocations ?? []).length > 0 && run.invocations!.every((i) => i.executionSuccessful === true)),
    toolExecutionNotifications: notifications,
  };
  if (overrides.size) invocation.ruleConfigurationOverrides = [...overrides.values()];

  const merged: Sarif.Run = {
    tool: { ...first.tool, driver: { ...first.tool.driver, rules: ordered } },
    ...(first.automationDetails ? { automationDetails: first.automationDetails } : {}),
    ...(first.originalUriBaseIds ? { originalUriBaseIds: first.originalUriBaseIds } : {}),
    ...(first.columnKind ? { columnKind: first.columnKind } : {}),
    invocations: [invocation],
    results,
  };
  return { $schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0", runs: [merged] };
}

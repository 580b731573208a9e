/** CloudTrail's event and insight selectors, as the API returns them, in the model's terms. */
import type { AdvancedSelector, BasicSelector, EventSelectors, FieldSelector, InsightType } from "../../model/entities.ts";
import { arnLoc } from "./loc.ts";

interface ApiBasic {
  readonly ReadWriteType?: string;
  readonly IncludeManagementEvents?: boolean;
  readonly DataResources?: readonly { readonly Type?: string; readonly Values?: readonly string[] }[];
  readonly ExcludeManagementEventSources?: readonly string[];
}

interface ApiField {
  readonly Field?: string;
  readonly Equals?: readonly string[];
  readonly NotEquals?: readonly string[];
  readonly StartsWith?: readonly string[];
  readonly NotStartsWith?: readonly string[];
  readonly EndsWith?: readonly string[];
  readonly NotEndsWith?: readonly string[];
}

interface ApiAdvanced {
  readonly Name?: string;
  readonly FieldSelectors?: readonly ApiField[];
}

const list = (v: readonly string[] | undefined) => (v ? [...v] : null);

function field(f: ApiField): FieldSelector {
  return {
    field: f.Field ?? null,
    equals: list(f.Equals),
    notEquals: list(f.NotEquals),
    startsWith: list(f.StartsWith),
    notStartsWith: list(f.NotStartsWith),
    endsWith: list(f.EndsWith),
    notEndsWith: list(f.NotEndsWith),
  };
}

export function advancedSelectors(selectors: readonly ApiAdvanced[], arn: string, path: string): EventSelectors {
  const out: AdvancedSelector[] = selectors.map((s, i) => ({
    name: s.Name ?? null,
    fieldSelectors: (s.FieldSelectors ?? []).map(field),
    loc: arnLoc(arn, [path, i]),
  }));
  return { kind: "advanced", selectors: out };
}

export function basicSelectors(selectors: readonly ApiBasic[], arn: string): EventSelectors {
  const out: BasicSelector[] = selectors.map((s, i) => ({
    // The API fills in its defaults; absent fields take them too.
    readWriteType: s.ReadWriteType ?? "All",
    includeManagementEvents: s.IncludeManagementEvents ?? true,
    excludeManagementEventSources: [...(s.ExcludeManagementEventSources ?? [])],
    dataResources: (s.DataResources ?? []).map((d) => ({ type: d.Type ?? null, values: list(d.Values) })),
    loc: arnLoc(arn, ["EventSelectors", i]),
  }));
  return { kind: "basic", selectors: out };
}

/** GetEventSelectors: advanced selectors when the trail uses them, else basic ones; null when the answer has neither. */
export function eventSelectors(answer: { readonly EventSelectors?: readonly ApiBasic[]; readonly AdvancedEventSelectors?: readonly ApiAdvanced[] }, arn: string): EventSelectors | null {
  if (answer.AdvancedEventSelectors?.length) return advancedSelectors(answer.AdvancedEventSelectors, arn, "AdvancedEventSelectors");
  if (answer.EventSelectors) return basicSelectors(answer.EventSelectors, arn);
  if (answer.AdvancedEventSelectors) return advancedSelectors([], arn, "AdvancedEventSelectors");
  return null;
}

export function insightTypes(selectors: readonly { readonly InsightType?: string }[] | undefined): InsightType[] {
  const out: InsightType[] = [];
  for (const s of selectors ?? []) if (s.InsightType === "ApiCallRateInsight" || s.InsightType === "ApiErrorRateInsight") out.push(s.InsightType);
  return out;
}

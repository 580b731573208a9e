import type { PolicyDoc } from "../../model/entities.ts";
import { UnknownValue, isMap, type Value } from "../../model/value.ts";
import { arnLoc } from "./loc.ts";

/** A policy document as AWS returns it (JSON text), with a location per statement. */
export function policyDoc(text: string, arn: string, at: string): PolicyDoc {
  let document: Value;
  try {
    document = JSON.parse(text) as Value;
  } catch {
    return { document: new UnknownValue("invalid", `${at} is not valid JSON`), statementLocs: [] };
  }
  const st = isMap(document) ? document["Statement"] : undefined;
  const count = Array.isArray(st) ? st.length : st === undefined ? 0 : 1;
  const statementLocs = Array.from({ length: count }, (_v, i) => arnLoc(arn, Array.isArray(st) ? [at, "Statement", i] : [at, "Statement"]));
  return { document, statementLocs };
}

import { createHash } from "node:crypto";
import type { Loc } from "../model/location.ts";

/**
 * Stable identity of a result across edits: the rule, the file of the primary location (none for
 * live, where the ARN is enough), the resource address as written there, the attribute path and
 * the result's distinguishing key. Never line numbers or message text.
 */
export function fingerprint(ruleId: string, loc: Loc, key: string): string {
  const parts = [ruleId, loc.arn ? "" : (loc.file ?? ""), loc.arn ?? loc.address, loc.path.join("."), key];
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}

import picomatch from "picomatch";
import type { ConfigSuppression } from "../config/config.ts";
import type { Directive } from "../model/entities.ts";
import { ruleIdOf } from "./catalog.ts";
import type { Notification, Result, Suppression } from "./result.ts";

function pathCovers(prefix: readonly (string | number)[] | undefined, p: readonly (string | number)[]): boolean {
  if (!prefix) return true;
  return prefix.length <= p.length && prefix.every((s, i) => String(s) === String(p[i]));
}

function directiveCovers(d: Directive, r: Result, ruleIds: ReadonlySet<string>): boolean {
  if (!ruleIds.has(r.ruleId)) return false;
  // A directive above a bucket also covers its split resources, which may live in another file.
  if (d.alsoAddresses?.includes(r.loc.address)) return true;
  if (r.loc.file !== d.file || r.loc.address !== d.address) return false;
  return pathCovers(d.path, r.loc.path);
}

/** ARN glob matching where `*` in the resource's own ARN stands for an unknown part: only `*` matches it. */
function arnMatches(glob: string, arn: string): boolean {
  const g = glob.split(":");
  const a = arn.split(":");
  if (g.length < 6 || a.length < 6) return false;
  const gHead = g.slice(0, 5);
  const aHead = a.slice(0, 5);
  for (let i = 0; i < 5; i++) {
    if (aHead[i] === "*") {
      if (gHead[i] !== "*") return false;
    } else if (!picomatch.isMatch(aHead[i]!, gHead[i]!, { dot: true })) return false;
  }
  const gRes = g.slice(5).join(":");
  const aRes = a.slice(5).join(":");
  return picomatch.isMatch(aRes, gRes, { dot: true });
}

function configCovers(s: ConfigSuppression, r: Result): boolean {
  if (s.ruleId !== r.ruleId) return false;
  if (s.resource.startsWith("arn:")) {
    const arn = r.arn ?? r.entityArn;
    return !!arn && arnMatches(s.resource, arn);
  }
  const names = [r.address, ...(r.instances ?? [])];
  return names.some((n) => picomatch.isMatch(n, s.resource, { dot: true }));
}

/**
 * Applies inline directives and config suppressions. A suppression without a reason does not
 * suppress; an expired one stops suppressing; both say so in a notification.
 */
export function applySuppressions(
  results: readonly Result[],
  directives: readonly Directive[],
  config: readonly ConfigSuppression[],
  today: string,
): { results: Result[]; notifications: Notification[] } {
  const notifications: Notification[] = [];
  const noted = new Set<object>();
  const note = (key: object, n: Notification) => {
    if (noted.has(key)) return;
    noted.add(key);
    notifications.push(n);
  };
  const directiveIds = new Map<Directive, Set<string>>();
  for (const d of directives) {
    const ids = new Set<string>();
    for (const r of d.rules) {
      const id = ruleIdOf(r);
      if (id) ids.add(id);
      else note(d, { level: "warning", id: "invalid-suppression", message: `suppression names no rule: '${r}'`, ...at(d.loc) });
    }
    directiveIds.set(d, ids);
  }
  const out = results.map((r): Result => {
    let suppression: Suppression | null = null;
    for (const d of directives) {
      if (!directiveCovers(d, r, directiveIds.get(d)!)) continue;
      if (!d.reason) {
        note(d, { level: "warning", id: "suppression-without-reason", message: `suppression of ${d.rules.join(", ")} has no reason, so it does not suppress; add one after "--"`, ...at(d.loc) });
        continue;
      }
      suppression = { kind: "inSource", reason: d.reason };
      break;
    }
    if (!suppression) {
      for (const s of config) {
        if (!configCovers(s, r)) continue;
        if (s.expires !== null && s.expires < today) {
          note(s, { level: "warning", id: "suppression-expired", message: `suppression of ${s.ruleId} for '${s.resource}' expired on ${s.expires} and no longer suppresses`, ...at(s.loc) });
          continue;
        }
        if (!s.reason) {
          note(s, { level: "warning", id: "suppression-without-reason", message: `suppression of ${s.ruleId} for '${s.resource}' has no reason, so it does not suppress`, ...at(s.loc) });
          continue;
        }
        suppression = { kind: "external", reason: s.reason };
        break;
      }
    }
    return suppression ? { ...r, suppression } : r;
  });
  return { results: out, notifications };
}

function at(loc: { file?: string; range?: { startLine: number; startColumn: number } }): Pick<Notification, "file" | "line" | "column"> {
  return loc.file && loc.range ? { file: loc.file, line: loc.range.startLine, column: loc.range.startColumn } : loc.file ? { file: loc.file } : {};
}

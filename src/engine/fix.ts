/**
 * Fixes as exact text edits on the original source (never a re-serialized file): collected per
 * file, applied without overlaps, and written atomically.
 */
import { createTwoFilesPatch } from "diff";

export interface TextEdit {
  /** Offsets into the file's text, [start, end). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * A fix a rule asks for: set the reported value (an attribute, or a default at its header), or
 * add the missing public access block to the reported bucket (TG008).
 */
export type FixRequest = { readonly value: boolean } | { readonly add: "public-access-block" };

/** Apply non-overlapping edits (the first of two overlapping ones wins; the other waits for a later pass). */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  let applied = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.text;
    at = e.end;
    applied++;
  }
  return { text: out + text.slice(at), applied };
}

/** A unified diff with a/ and b/ prefixes, usable by `git apply`. */
export function unifiedDiff(rel: string, before: string, after: string): string {
  if (before === after) return "";
  const patch = createTwoFilesPatch(`a/${rel}`, `b/${rel}`, before, after, "", "", { context: 3 });
  // Drop the "Index:"/"====" header lines the library writes before ---/+++.
  return patch.replace(/^(Index:.*\n)?=+\n/, "");
}

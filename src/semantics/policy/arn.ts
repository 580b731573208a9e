/** ARN fields, split without looking inside symbolic tokens (a token's name may hold colons). */
const OPEN = "\uE000";
const CLOSE = "\uE001";

/** Splits at `:` outside tokens. */
export function splitColons(s: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === OPEN) depth++;
    else if (ch === CLOSE && depth > 0) depth--;
    else if (ch === ":" && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** The six fields of an ARN (the last keeps its colons), or null when `s` is not one. */
export function splitArn(s: string): string[] | null {
  const parts = splitColons(s);
  if (parts.length < 6 || parts[0] !== "arn") return null;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

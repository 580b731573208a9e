import type { Result } from "../engine/result.ts";

/** The level a person sees: `review` for review results. */
export function shownLevel(r: Result): string {
  return r.kind === "review" ? "review" : r.level;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Three-valued answers for coverage questions. "unknown" means the known parts of the configuration
 * do not decide the question; it never counts as "no".
 */
export type Tri = "yes" | "no" | "unknown";

/** "yes" if any is "yes"; otherwise "unknown" if any is "unknown"; otherwise "no" (also for none). */
export function triOr(...xs: readonly Tri[]): Tri {
  if (xs.includes("yes")) return "yes";
  return xs.includes("unknown") ? "unknown" : "no";
}

/** "no" if any is "no"; otherwise "unknown" if any is "unknown"; otherwise "yes" (also for none). */
export function triAnd(...xs: readonly Tri[]): Tri {
  if (xs.includes("no")) return "no";
  return xs.includes("unknown") ? "unknown" : "yes";
}

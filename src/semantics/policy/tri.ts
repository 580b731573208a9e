/**
 * Three-valued logic. A policy part we cannot read makes an answer "unknown", never false:
 * `false` wins an AND, `true` wins an OR, and otherwise one unknown makes the whole unknown.
 */
export type Tri = boolean | "unknown";

export function and(...xs: readonly Tri[]): Tri {
  if (xs.includes(false)) return false;
  return xs.includes("unknown") ? "unknown" : true;
}

export function or(...xs: readonly Tri[]): Tri {
  if (xs.includes(true)) return true;
  return xs.includes("unknown") ? "unknown" : false;
}

export function not(x: Tri): Tri {
  return x === "unknown" ? x : !x;
}

/** OR over items, computed lazily; stops at the first `true`. */
export function some<T>(items: Iterable<T>, test: (item: T) => Tri): Tri {
  let seenUnknown = false;
  for (const item of items) {
    const r = test(item);
    if (r === true) return true;
    if (r === "unknown") seenUnknown = true;
  }
  return seenUnknown ? "unknown" : false;
}

/** AND over items, computed lazily; stops at the first `false`. */
export function every<T>(items: Iterable<T>, test: (item: T) => Tri): Tri {
  let seenUnknown = false;
  for (const item of items) {
    const r = test(item);
    if (r === false) return false;
    if (r === "unknown") seenUnknown = true;
  }
  return seenUnknown ? "unknown" : true;
}

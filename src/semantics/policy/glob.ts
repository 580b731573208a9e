/**
 * Wildcard strings as IAM writes them (`*` any run, `?` one character), over strings that may hold
 * symbolic tokens (see model/value.ts). A token is one opaque atom: it equals only the same token,
 * `*` may swallow it, `?` may not (its text, hence its length, is unknown).
 */
export type Atom =
  | { readonly t: "char"; readonly c: string }
  | { readonly t: "token"; readonly name: string }
  | { readonly t: "star" }
  | { readonly t: "one" };

export interface ParseOptions {
  /** `*` and `?` are wildcards (a pattern) rather than plain characters (a concrete name). */
  readonly wild: boolean;
  /** Compare case-insensitively (action names). Token names are never folded. */
  readonly fold?: boolean;
  /** Policy variables (`${aws:username}`) may appear; they make the string unreadable (null). */
  readonly variables?: boolean;
}

const OPEN = "\uE000";
const CLOSE = "\uE001";
const ESCAPES: Readonly<Record<string, string>> = { "${*}": "*", "${?}": "?", "${$}": "$" };

/** Splits a string into atoms; null when it holds a policy variable whose value is not known. */
export function parseGlob(s: string, opts: ParseOptions): Atom[] | null {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === OPEN) {
      const end = s.indexOf(CLOSE, i + 1);
      if (end > i) {
        atoms.push({ t: "token", name: s.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (opts.variables && ch === "$" && s[i + 1] === "{") {
      const escaped = ESCAPES[s.slice(i, i + 4)];
      if (escaped === undefined) return null;
      atoms.push({ t: "char", c: escaped });
      i += 4;
      continue;
    }
    if (opts.wild && ch === "*") atoms.push({ t: "star" });
    else if (opts.wild && ch === "?") atoms.push({ t: "one" });
    else atoms.push({ t: "char", c: opts.fold ? ch.toLowerCase() : ch });
    i += 1;
  }
  return atoms;
}

function sameAtom(a: Atom, b: Atom): boolean {
  if (a.t === "char" && b.t === "char") return a.c === b.c;
  if (a.t === "token" && b.t === "token") return a.name === b.name;
  return false;
}

/**
 * True when every string `q` stands for is matched by `p` (a concrete `q` is just a string).
 * Each wildcard of `q` must be absorbed by a `*` of `p` (or a `?` of `q` by a `?` of `p`):
 * sound, and exact for the patterns policies use.
 */
export function covers(p: readonly Atom[], q: readonly Atom[]): boolean {
  const w = q.length + 1;
  const memo = new Int8Array((p.length + 1) * w); // 0 unvisited, 1 true, 2 false
  const go = (i: number, j: number): boolean => {
    const k = i * w + j;
    if (memo[k] !== 0) return memo[k] === 1;
    let r: boolean;
    const a = p[i];
    const b = q[j];
    if (a === undefined) r = b === undefined;
    else if (a.t === "star") r = go(i + 1, j) || (b !== undefined && go(i, j + 1));
    else if (b === undefined) r = false;
    else if (a.t === "one") r = (b.t === "char" || b.t === "one") && go(i + 1, j + 1);
    else r = sameAtom(a, b) && go(i + 1, j + 1);
    memo[k] = r ? 1 : 2;
    return r;
  };
  return go(0, 0);
}

/** True when some string is matched by both patterns. Every step advances i + j, so no loops. */
export function overlaps(p: readonly Atom[], q: readonly Atom[]): boolean {
  const w = q.length + 1;
  const memo = new Int8Array((p.length + 1) * w);
  const go = (i: number, j: number): boolean => {
    const k = i * w + j;
    if (memo[k] !== 0) return memo[k] === 1;
    const a = p[i];
    const b = q[j];
    let r = false;
    if (a?.t === "star") r = go(i + 1, j) || (b !== undefined && b.t !== "star" && go(i, j + 1));
    if (!r && b?.t === "star") r = go(i, j + 1) || (a !== undefined && a.t !== "star" && go(i + 1, j));
    if (!r && a === undefined && b === undefined) r = true;
    if (!r && a !== undefined && b !== undefined && a.t !== "star" && b.t !== "star") {
      const oneChar = (x: Atom, y: Atom): boolean => x.t === "one" && (y.t === "char" || y.t === "one");
      r = (sameAtom(a, b) || oneChar(a, b) || oneChar(b, a)) && go(i + 1, j + 1);
    }
    memo[k] = r ? 1 : 2;
    return r;
  };
  return go(0, 0);
}

/** A pattern made only of `*` matches everything. */
export function isMatchAll(p: readonly Atom[]): boolean {
  return p.length > 0 && p.every((a) => a.t === "star");
}

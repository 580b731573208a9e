// The regular-expression subset that CloudWatch Logs accepts between `%` signs, compiled to a
// small automaton and run in time linear in the text (no backtracking, so no pathological
// pattern can hang a scan).
//
// The subset, as documented: letters, digits, the symbols `: _ # = @ / ; , -` (and the space,
// which the documented examples use), and the operators `^ $ ? [ ] { } | \ * + .`; the escapes
// `\d \D \s \S \w \W \xhh` and a backslash before an operator or symbol. Parentheses (groups)
// and multi-byte characters are not supported. Because there are no groups, `|` separates whole
// alternatives and a quantifier always applies to a single character matcher.

interface CharSet {
  readonly negate: boolean;
  /** inclusive UTF-16 code-unit ranges */
  readonly ranges: readonly (readonly [number, number])[];
}

type Item =
  | { readonly kind: "char"; readonly set: CharSet; readonly rep: "one" | "opt" | "star" }
  | { readonly kind: "bol" }
  | { readonly kind: "eol" };

/** A compiled expression: alternatives, each a sequence of items. */
export interface RegexProgram {
  readonly branches: readonly (readonly Item[])[];
}

export type RegexCompileResult =
  | { readonly ok: true; readonly program: RegexProgram }
  | { readonly ok: false; readonly message: string; readonly offset: number };

const MAX_REPEAT = 1000;
const MAX_ITEMS = 5000;

const SYMBOLS = ":_#=@/;,- ";
const OPERATORS = "^$?[]{}|\\*+.";

const DIGIT: CharSet = { negate: false, ranges: [[0x30, 0x39]] };
const WORD: CharSet = {
  negate: false,
  ranges: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};
const SPACE: CharSet = {
  negate: false,
  ranges: [
    [0x09, 0x0a],
    [0x0d, 0x0d],
    [0x20, 0x20],
  ],
};
const ANY: CharSet = { negate: true, ranges: [] };

function isAlnum(ch: string): boolean {
  return /^[A-Za-z0-9]$/.test(ch);
}

function single(code: number): CharSet {
  return { negate: false, ranges: [[code, code]] };
}

function negated(set: CharSet): CharSet {
  return { negate: !set.negate, ranges: set.ranges };
}

function inSet(set: CharSet, code: number): boolean {
  let hit = false;
  for (const [lo, hi] of set.ranges) {
    if (code >= lo && code <= hi) {
      hit = true;
      break;
    }
  }
  return hit !== set.negate;
}

class RegexSyntaxError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

/** Checks that a character may appear literally in an expression. */
function checkLiteral(ch: string, at: number): void {
  if (ch.charCodeAt(0) > 0x7f) throw new RegexSyntaxError("multi-byte characters are not supported in a regular expression", at);
  if (ch === "(" || ch === ")") throw new RegexSyntaxError("parentheses are not supported in a regular expression", at);
  if (!isAlnum(ch) && !SYMBOLS.includes(ch) && !OPERATORS.includes(ch)) {
    throw new RegexSyntaxError(`the character '${ch}' is not supported in a regular expression (use \\xhh)`, at);
  }
}

class RegexParser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): RegexProgram {
    const branches: Item[][] = [[]];
    let total = 0;
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      const current = branches[branches.length - 1]!;
      if (ch === "|") {
        if (current.length === 0) throw new RegexSyntaxError("empty alternative before '|'", this.pos);
        this.pos++;
        branches.push([]);
        continue;
      }
      if (ch === "^" || ch === "$") {
        this.pos++;
        current.push({ kind: ch === "^" ? "bol" : "eol" });
        this.rejectQuantifier("an anchor cannot be repeated");
        continue;
      }
      const atStart = this.pos;
      const set = this.atom();
      const items = this.quantified(set, atStart);
      total += items.length;
      if (total > MAX_ITEMS) throw new RegexSyntaxError("the regular expression is too large", atStart);
      current.push(...items);
    }
    if (branches[branches.length - 1]!.length === 0) throw new RegexSyntaxError("empty alternative after '|'", this.src.length);
    return { branches };
  }

  private rejectQuantifier(message: string): void {
    const next = this.src[this.pos];
    if (next === "*" || next === "+" || next === "?" || next === "{") throw new RegexSyntaxError(message, this.pos);
  }

  private atom(): CharSet {
    const at = this.pos;
    const ch = this.src[this.pos]!;
    switch (ch) {
      case ".":
        this.pos++;
        return ANY;
      case "[":
        return this.charClass();
      case "\\":
        return this.escape(false);
      case "*":
      case "+":
      case "?":
      case "{":
        throw new RegexSyntaxError(`'${ch}' has nothing to repeat`, at);
      case "]":
      case "}":
        throw new RegexSyntaxError(`unmatched '${ch}'`, at);
      default:
        checkLiteral(ch, at);
        this.pos++;
        return single(ch.charCodeAt(0));
    }
  }

  private escape(inClass: boolean): CharSet {
    const at = this.pos;
    const next = this.src[this.pos + 1];
    if (next === undefined) throw new RegexSyntaxError("a backslash ends the regular expression", at);
    this.pos += 2;
    switch (next) {
      case "d":
        return DIGIT;
      case "D":
        return negated(DIGIT);
      case "w":
        return WORD;
      case "W":
        return negated(WORD);
      case "s":
        return SPACE;
      case "S":
        return negated(SPACE);
      case "x": {
        const hex = this.src.slice(this.pos, this.pos + 2);
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new RegexSyntaxError("\\x needs two hexadecimal digits", at);
        this.pos += 2;
        return single(parseInt(hex, 16));
      }
      default:
        if (OPERATORS.includes(next) || SYMBOLS.includes(next) || (inClass && next === "-")) return single(next.charCodeAt(0));
        throw new RegexSyntaxError(`unsupported escape '\\${next}'`, at);
    }
  }

  private charClass(): CharSet {
    const open = this.pos;
    this.pos++;
    let negate = false;
    if (this.src[this.pos] === "^") {
      negate = true;
      this.pos++;
    }
    const ranges: (readonly [number, number])[] = [];
    let first = true;
    for (;;) {
      const at = this.pos;
      const ch = this.src[this.pos];
      if (ch === undefined) throw new RegexSyntaxError("unterminated character class", open);
      if (ch === "]" && !first) {
        this.pos++;
        break;
      }
      first = false;
      const lo = this.classMember();
      if (lo.kind === "set") {
        ranges.push(...this.setRanges(lo.set, at));
        continue;
      }
      if (this.src[this.pos] === "-" && this.src[this.pos + 1] !== undefined && this.src[this.pos + 1] !== "]") {
        this.pos++;
        const hiAt = this.pos;
        const hi = this.classMember();
        if (hi.kind === "set") throw new RegexSyntaxError("a class escape cannot end a range", hiAt);
        if (hi.code < lo.code) throw new RegexSyntaxError("range out of order in character class", at);
        ranges.push([lo.code, hi.code]);
      } else {
        ranges.push([lo.code, lo.code]);
      }
    }
    return { negate, ranges };
  }

  private setRanges(set: CharSet, at: number): (readonly [number, number])[] {
    if (!set.negate) return [...set.ranges];
    // A negated escape (\D, \W, \S) inside a class: spell out its complement over UTF-16.
    const out: [number, number][] = [];
    let start = 0;
    const sorted = [...set.ranges].sort((a, b) => a[0] - b[0]);
    for (const [lo, hi] of sorted) {
      if (lo > start) out.push([start, lo - 1]);
      start = Math.max(start, hi + 1);
    }
    if (start <= 0xffff) out.push([start, 0xffff]);
    if (out.length === 0) throw new RegexSyntaxError("empty character class", at);
    return out;
  }

  private classMember(): { kind: "char"; code: number } | { kind: "set"; set: CharSet } {
    const at = this.pos;
    const ch = this.src[this.pos]!;
    if (ch === "\\") {
      const set = this.escape(true);
      const only = set.ranges[0];
      if (!set.negate && set.ranges.length === 1 && only !== undefined && only[0] === only[1]) return { kind: "char", code: only[0] };
      return { kind: "set", set };
    }
    checkLiteral(ch, at);
    this.pos++;
    return { kind: "char", code: ch.charCodeAt(0) };
  }

  private quantified(set: CharSet, atomAt: number): Item[] {
    const ch = this.src[this.pos];
    const one: Item = { kind: "char", set, rep: "one" };
    const opt: Item = { kind: "char", set, rep: "opt" };
    const star: Item = { kind: "char", set, rep: "star" };
    let items: Item[];
    if (ch === "?") {
      this.pos++;
      items = [opt];
    } else if (ch === "*") {
      this.pos++;
      items = [star];
    } else if (ch === "+") {
      this.pos++;
      items = [one, star];
    } else if (ch === "{") {
      const [min, max] = this.braces();
      if (max !== null && max > MAX_REPEAT) throw new RegexSyntaxError(`a repetition count above ${MAX_REPEAT} is not supported`, atomAt);
      if (min > MAX_REPEAT) throw new RegexSyntaxError(`a repetition count above ${MAX_REPEAT} is not supported`, atomAt);
      items = [];
      for (let i = 0; i < min; i++) items.push(one);
      if (max === null) items.push(star);
      else for (let i = min; i < max; i++) items.push(opt);
    } else {
      return [one];
    }
    this.rejectQuantifier("a quantifier cannot follow another quantifier");
    return items;
  }

  /** `{m}`, `{m,}`, `{,n}`, `{m,n}` (spaces allowed around the numbers). */
  private braces(): [number, number | null] {
    const open = this.pos;
    const close = this.src.indexOf("}", open);
    if (close < 0) throw new RegexSyntaxError("unterminated repetition '{'", open);
    const body = this.src.slice(open + 1, close);
    const m = /^\s*(\d*)\s*(,?)\s*(\d*)\s*$/.exec(body);
    if (m === null || (m[1] === "" && m[3] === "")) throw new RegexSyntaxError("invalid repetition '{...}'", open);
    const min = m[1] === "" ? 0 : Number(m[1]);
    const max = m[2] === "" ? min : m[3] === "" ? null : Number(m[3]);
    if (max !== null && max < min) throw new RegexSyntaxError("repetition maximum is below its minimum", open);
    this.pos = close + 1;
    return [min, max];
  }
}

/** Compiles the text between the `%` signs. Offsets in errors are relative to `source`. */
export function compileRegex(source: string): RegexCompileResult {
  if (source.length === 0) return { ok: false, message: "empty regular expression", offset: 0 };
  try {
    return { ok: true, program: new RegexParser(source).parse() };
  } catch (e) {
    if (e instanceof RegexSyntaxError) return { ok: false, message: e.message, offset: e.offset };
    throw e;
  }
}

/** True when the expression matches somewhere in `text` (an unanchored search, like CloudWatch). */
export function regexSearch(program: RegexProgram, text: string): boolean {
  // States are (branch, position in branch); the automaton is simulated breadth-first.
  const offsets: number[] = [];
  let total = 0;
  for (const branch of program.branches) {
    offsets.push(total);
    total += branch.length + 1;
  }
  const itemAt: (Item | null)[] = new Array<Item | null>(total).fill(null);
  program.branches.forEach((branch, b) => {
    branch.forEach((item, i) => {
      itemAt[offsets[b]! + i] = item;
    });
  });

  const n = text.length;
  let marks = new Uint32Array(total);
  let generation = 1;
  let current: number[] = [];
  let accepted = false;

  const add = (list: number[], state: number, pos: number): void => {
    const stack = [state];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (marks[s] === generation) continue;
      marks[s] = generation;
      list.push(s);
      const item = itemAt[s];
      if (item === null || item === undefined) {
        accepted = true;
        continue;
      }
      if (item.kind === "bol") {
        if (pos === 0) stack.push(s + 1);
      } else if (item.kind === "eol") {
        if (pos === n) stack.push(s + 1);
      } else if (item.rep !== "one") {
        stack.push(s + 1);
      }
    }
  };

  for (let pos = 0; ; pos++) {
    for (const start of offsets) add(current, start, pos);
    if (accepted) return true;
    if (pos === n) return false;
    const code = text.charCodeAt(pos);
    generation++;
    if (generation === 0xffffffff) {
      marks = new Uint32Array(total);
      generation = 1;
    }
    const next: number[] = [];
    for (const s of current) {
      const item = itemAt[s];
      if (item === null || item === undefined || item.kind !== "char") continue;
      if (!inSet(item.set, code)) continue;
      add(next, item.rep === "star" ? s : s + 1, pos + 1);
    }
    if (accepted) return true;
    current = next;
  }
}

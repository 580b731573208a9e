import { MAX_DEPTH, type DocNode, type MapEntry, type ParseResult } from "./tree.ts";

class JsonError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parse JSON text into a DocNode tree with offsets. Duplicate keys and excessive depth are errors. */
export function parseJson(text: string): ParseResult {
  const p = new JsonParser(text);
  try {
    p.skipWs();
    if (p.pos >= text.length) return { ok: true, root: null, warnings: [] };
    const root = p.value(0);
    p.skipWs();
    if (p.pos < text.length) throw new JsonError("unexpected content after the JSON value", p.pos);
    return { ok: true, root, warnings: [] };
  } catch (e) {
    if (e instanceof JsonError) return { ok: false, error: { message: e.message, offset: e.offset } };
    throw e;
  }
}

class JsonParser {
  pos: number;
  constructor(private readonly s: string) {
    this.pos = s.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  skipWs(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  value(depth: number): DocNode {
    if (depth > MAX_DEPTH) throw new JsonError(`nesting deeper than ${MAX_DEPTH} levels`, this.pos);
    const s = this.s;
    const start = this.pos;
    const c = s[this.pos];
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"') return { kind: "scalar", value: this.string(), span: [start, this.pos] };
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(s.slice(this.pos, this.pos + 400));
      if (!m) throw new JsonError("invalid number", this.pos);
      this.pos += m[0].length;
      return { kind: "scalar", value: Number(m[0]), span: [start, this.pos] };
    }
    for (const [word, v] of [["true", true], ["false", false], ["null", null]] as const) {
      if (s.startsWith(word, this.pos)) {
        this.pos += word.length;
        return { kind: "scalar", value: v, span: [start, this.pos] };
      }
    }
    if (c === undefined) throw new JsonError("unexpected end of input", this.pos);
    throw new JsonError(`unexpected character '${c}'`, this.pos);
  }

  private object(depth: number): DocNode {
    const s = this.s;
    const start = this.pos++;
    const entries: MapEntry[] = [];
    const seen = new Set<string>();
    this.skipWs();
    if (s[this.pos] === "}") {
      this.pos++;
      return { kind: "map", entries, span: [start, this.pos] };
    }
    for (;;) {
      this.skipWs();
      if (s[this.pos] !== '"') throw new JsonError("expected a string key", this.pos);
      const keyStart = this.pos;
      const key = this.string();
      const keySpan = [keyStart, this.pos] as const;
      if (seen.has(key)) throw new JsonError(`duplicate key "${key}"`, keyStart);
      seen.add(key);
      this.skipWs();
      if (s[this.pos] !== ":") throw new JsonError("expected ':'", this.pos);
      this.pos++;
      this.skipWs();
      entries.push({ key, keySpan, value: this.value(depth + 1) });
      this.skipWs();
      const c = s[this.pos];
      if (c === ",") {
        this.pos++;
        continue;
      }
      if (c === "}") {
        this.pos++;
        return { kind: "map", entries, span: [start, this.pos] };
      }
      throw new JsonError("expected ',' or '}'", this.pos);
    }
  }

  private array(depth: number): DocNode {
    const s = this.s;
    const start = this.pos++;
    const items: DocNode[] = [];
    this.skipWs();
    if (s[this.pos] === "]") {
      this.pos++;
      return { kind: "seq", items, span: [start, this.pos] };
    }
    for (;;) {
      this.skipWs();
      items.push(this.value(depth + 1));
      this.skipWs();
      const c = s[this.pos];
      if (c === ",") {
        this.pos++;
        continue;
      }
      if (c === "]") {
        this.pos++;
        return { kind: "seq", items, span: [start, this.pos] };
      }
      throw new JsonError("expected ',' or ']'", this.pos);
    }
  }

  private string(): string {
    const s = this.s;
    const start = this.pos;
    let i = this.pos + 1;
    // Fast path: no escapes.
    const close = s.indexOf('"', i);
    if (close < 0) throw new JsonError("unterminated string", start);
    // Look for a backslash only up to the closing quote (searching the rest of the file would be quadratic).
    let bs = -1;
    for (let j = i; j < close; j++) {
      if (s.charCodeAt(j) === 92) {
        bs = j;
        break;
      }
    }
    if (bs < 0) {
      const raw = s.slice(i, close);
      if (/[\u0000-\u001f]/.test(raw)) throw new JsonError("control character in string", start);
      this.pos = close + 1;
      return raw;
    }
    let out = "";
    for (;;) {
      if (i >= s.length) throw new JsonError("unterminated string", start);
      const c = s[i]!;
      if (c === '"') break;
      if (c === "\\") {
        const e = s[i + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          i += 2;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
          i += 6;
        } else throw new JsonError("invalid escape in string", i);
      } else if (c.charCodeAt(0) < 0x20) {
        throw new JsonError("control character in string", i);
      } else {
        out += c;
        i++;
      }
    }
    this.pos = i + 1;
    return out;
  }
}

/**
 * Template assembly, the part of HCL's template language that happens at parse time: escapes,
 * strip markers (`${~ x ~}`), `<<-` indentation removal and the nesting of `%{ if }`/`%{ for }`.
 * The converter hands over a flat token list in source order; literal text in heredocs comes one
 * line at a time, because HCL applies strip markers and indentation to line-sized pieces.
 */
import type { Expr, TemplatePart } from "./hcl-ast.ts";
import type { Range } from "../model/location.ts";

export type FlatToken =
  | { readonly t: "lit"; value: string; readonly start: number; readonly end: number }
  | {
      readonly t: "interp";
      readonly expr: Expr;
      readonly start: number;
      readonly end: number;
      readonly stripLeft: boolean;
      readonly stripRight: boolean;
    }
  | {
      readonly t: "if" | "else" | "endif" | "endfor";
      readonly condition?: Expr;
      readonly start: number;
      readonly end: number;
      readonly stripLeft: boolean;
      readonly stripRight: boolean;
    }
  | {
      readonly t: "for";
      readonly keyVar?: string;
      readonly valueVar: string;
      readonly collection: Expr;
      readonly start: number;
      readonly end: number;
      readonly stripLeft: boolean;
      readonly stripRight: boolean;
    };

const SPACE = /\p{White_Space}/u;
const LEADING_SPACE = /^\p{White_Space}+/u;
const TRAILING_SPACE = /\p{White_Space}+$/u;

/** Decodes the text of a quoted string: backslash escapes, `$${` and `%%{`. */
export function decodeQuoted(raw: string): { value: string; error?: string } {
  if (!raw.includes("\\") && !raw.includes("$${") && !raw.includes("%%{")) return { value: nfc(raw) };
  let out = "";
  let error: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === "\\") {
      const next = raw[i + 1];
      const simple = next === undefined ? undefined : ESCAPES[next];
      if (simple !== undefined) {
        out += simple;
        i++;
      } else if (next === "u" || next === "U") {
        const len = next === "u" ? 4 : 8;
        const hex = raw.slice(i + 2, i + 2 + len);
        const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === len ? parseInt(hex, 16) : NaN;
        if (Number.isNaN(code) || code > 0x10ffff) {
          error ??= `invalid escape sequence \\${next}${hex}`;
          out += ch;
        } else {
          out += String.fromCodePoint(code);
          i += 1 + len;
        }
      } else {
        error ??= `invalid escape sequence \\${next ?? ""}`;
        out += ch;
      }
    } else if ((ch === "$" || ch === "%") && raw[i + 1] === ch && raw[i + 2] === "{") {
      out += ch + "{";
      i += 2;
    } else {
      out += ch;
    }
  }
  return error === undefined ? { value: nfc(out) } : { value: nfc(out), error };
}

const ESCAPES: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

/** Heredoc and standalone template text: only `$${` and `%%{` are escapes. */
export function decodeHeredoc(raw: string): string {
  if (!raw.includes("$${") && !raw.includes("%%{")) return nfc(raw);
  return nfc(raw.replace(/([$%])\1\{/g, "$1{"));
}

function nfc(s: string): string {
  // HCL normalizes string literals to NFC; ASCII text is already normalized.
  return /[^\x00-\x7f]/.test(s) ? s.normalize("NFC") : s;
}

/**
 * Heredoc literal text as pieces that each end with a newline (the last one may not), decoded;
 * `start` is the offset of `raw` in the file.
 */
export function heredocPieces(raw: string, start: number): FlatToken[] {
  const pieces: FlatToken[] = [];
  let from = 0;
  while (from < raw.length) {
    const nl = raw.indexOf("\n", from);
    const to = nl < 0 ? raw.length : nl + 1;
    pieces.push({ t: "lit", value: decodeHeredoc(raw.slice(from, to)), start: start + from, end: start + to });
    from = to;
  }
  return pieces;
}

export interface AssembledTemplate {
  readonly parts: TemplatePart[];
  readonly unwrap: boolean;
  readonly errors: { message: string; start: number; end: number }[];
}

/** Applies strip markers and (for `<<-`) indentation removal, then nests the directives. */
export function assembleTemplate(
  tokens: FlatToken[],
  flush: boolean,
  range: (start: number, end: number) => Range,
): AssembledTemplate {
  applyStripMarkers(tokens);
  if (flush) flushIndentation(tokens);
  const unwrap = tokens.length === 1 && tokens[0]!.t === "interp";
  const errors: AssembledTemplate["errors"] = [];
  let pos = 0;

  const parseSeq = (): TemplatePart[] => {
    const parts: TemplatePart[] = [];
    while (pos < tokens.length) {
      const tok = tokens[pos]!;
      if (STOP.has(tok.t)) return parts;
      pos++;
      switch (tok.t) {
        case "lit":
          if (tok.value !== "") parts.push({ kind: "literal", value: tok.value, range: range(tok.start, tok.end) });
          break;
        case "interp":
          parts.push({ kind: "interpolation", expr: tok.expr, range: range(tok.start, tok.end) });
          break;
        case "if": {
          const thenParts = parseSeq();
          let elseParts: TemplatePart[] = [];
          if (tokens[pos]?.t === "else") {
            pos++;
            elseParts = parseSeq();
          }
          const end = tokens[pos];
          if (end?.t === "endif") pos++;
          else errors.push({ message: "template `if` directive without `endif`", start: tok.start, end: tok.end });
          parts.push({
            kind: "if",
            condition: tok.condition!,
            then: mergeLiterals(thenParts),
            else: mergeLiterals(elseParts),
            range: range(tok.start, end?.t === "endif" ? end.end : tok.end),
          });
          break;
        }
        case "for": {
          const body = parseSeq();
          const end = tokens[pos];
          if (end?.t === "endfor") pos++;
          else errors.push({ message: "template `for` directive without `endfor`", start: tok.start, end: tok.end });
          const part: TemplatePart = {
            kind: "for",
            valueVar: tok.valueVar,
            collection: tok.collection,
            body: mergeLiterals(body),
            range: range(tok.start, end?.t === "endfor" ? end.end : tok.end),
            ...(tok.keyVar === undefined ? {} : { keyVar: tok.keyVar }),
          };
          parts.push(part);
          break;
        }
        default:
          errors.push({ message: `unexpected template directive \`${tok.t}\``, start: tok.start, end: tok.end });
      }
    }
    return parts;
  };

  const parts: TemplatePart[] = [];
  for (;;) {
    parts.push(...parseSeq());
    if (pos >= tokens.length) break;
    const stray = tokens[pos++]!;
    errors.push({ message: `unexpected template directive \`${stray.t}\``, start: stray.start, end: stray.end });
  }
  return { parts: mergeLiterals(parts), unwrap, errors };
}

/** Where a sequence of parts ends; a closer that does not match its opener is an error. */
const STOP: ReadonlySet<string> = new Set(["else", "endif", "endfor"]);

function applyStripMarkers(tokens: FlatToken[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.t === "lit") continue;
    const prev = tokens[i - 1];
    if (tok.stripLeft && prev?.t === "lit") prev.value = prev.value.replace(TRAILING_SPACE, "");
    const next = tokens[i + 1];
    if (tok.stripRight && next?.t === "lit") next.value = next.value.replace(LEADING_SPACE, "");
  }
}

/** `<<-`: finds the smallest indentation among line-leading literals and removes it from each. */
function flushIndentation(tokens: FlatToken[]): void {
  let min = Infinity;
  let lineStart = true;
  const adjust: Extract<FlatToken, { t: "lit" }>[] = [];
  for (const tok of tokens) {
    if (lineStart) {
      lineStart = false;
      let spaces = 0;
      if (tok.t === "lit") {
        const lead = leadingSpaceCount(tok.value);
        // A line of nothing but spaces does not count, and keeps its spaces.
        if (lead === tok.value.length && tok.value.endsWith("\n")) spaces = Infinity;
        else {
          spaces = lead;
          adjust.push(tok);
        }
      }
      if (spaces < min) min = spaces;
    }
    if (tok.t === "lit" && tok.value.endsWith("\n")) lineStart = true;
  }
  if (min === Infinity || min === 0) return;
  for (const tok of adjust) tok.value = tok.value.slice(min);
}

function leadingSpaceCount(s: string): number {
  let n = 0;
  while (n < s.length && SPACE.test(s[n]!)) n++;
  return n;
}

function mergeLiterals(parts: TemplatePart[]): TemplatePart[] {
  const out: TemplatePart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === "literal" && last?.kind === "literal") {
      out[out.length - 1] = {
        kind: "literal",
        value: last.value + p.value,
        range: { ...last.range, endLine: p.range.endLine, endColumn: p.range.endColumn },
      };
    } else out.push(p);
  }
  return out;
}

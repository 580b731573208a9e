import type { Range } from "../model/location.ts";

/** Offsets (UTF-16 code units into the JS string) to 1-based lines and columns, built once per file. */
export class LineIndex {
  private readonly starts: number[];
  private last = 0;

  constructor(text: string) {
    const starts = [0];
    if (!text.includes("\r")) {
      // The common case: indexOf finds newlines much faster than a loop over every character.
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const i = this.lineAt(offset);
    return { line: i + 1, column: offset - this.starts[i]! + 1 };
  }

  /** A Range from [start, end) offsets. */
  range(start: number, end: number): Range {
    const a = this.lineAt(start);
    const startColumn = start - this.starts[a]! + 1;
    const b = end === start ? a : this.lineAt(end);
    return { startLine: a + 1, startColumn, endLine: b + 1, endColumn: end - this.starts[b]! + 1 };
  }

  /**
   * The 0-based line holding an offset. Callers mostly ask in nearly ascending order (a converter
   * walking a tree), so the line found last is tried before searching.
   */
  private lineAt(offset: number): number {
    const s = this.starts;
    const last = this.last;
    if (offset >= s[last]! && (last + 1 >= s.length || offset < s[last + 1]!)) return last;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.last = lo;
    return lo;
  }

  lineStart(line: number): number {
    return this.starts[line - 1] ?? 0;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

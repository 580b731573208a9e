/**
 * `JSON.stringify(value, null, 2) + "\n"`, in pieces. The members and elements of the outer
 * `depth` levels of objects and arrays are serialized one at a time, so that a large report (a
 * SARIF log of tens of thousands of results) is written out without first being one string of
 * tens of megabytes, and then a buffer of as many. Joined, the pieces are exactly what
 * JSON.stringify gives.
 */
export function* jsonPieces(value: unknown, depth = 4): Generator<string> {
  yield* pieces(value, "", depth);
  yield "\n";
}

/** Skipped as an object member, null as an array element: as JSON.stringify treats them. */
const absent = (v: unknown): boolean => v === undefined || typeof v === "function" || typeof v === "symbol";

function* pieces(value: unknown, indent: string, depth: number): Generator<string> {
  // What JSON.stringify does not write as an object of members, it writes here whole: a leaf, a
  // value with toJSON, a boxed primitive.
  if (depth === 0 || typeof value !== "object" || value === null || typeof (value as { toJSON?: unknown }).toJSON === "function" || value instanceof Number || value instanceof String || value instanceof Boolean) {
    // A nested value's own lines are indented as deep as it sits.
    yield (JSON.stringify(value, null, 2) ?? "null").replaceAll("\n", `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return yield "[]";
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "[" : ","}\n${inner}`;
      const v: unknown = value[i];
      if (absent(v)) yield "null";
      else yield* pieces(v, inner, depth - 1);
    }
    return yield `\n${indent}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => !absent(record[k]));
  if (keys.length === 0) return yield "{}";
  for (let i = 0; i < keys.length; i++) {
    yield `${i === 0 ? "{" : ","}\n${inner}${JSON.stringify(keys[i])}: `;
    yield* pieces(record[keys[i]!], inner, depth - 1);
  }
  yield `\n${indent}}`;
}

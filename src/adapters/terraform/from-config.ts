/** Evaluated configuration (TerraformEvaluation) → the TfResource shape the adapter reads. */
import type { Loc, Range } from "../../model/location.ts";
import type { UnknownValue } from "../../model/value.ts";
import type { EvaluatedBlock, EvaluatedBody, EvaluatedResource, ModuleCallSite } from "./results.ts";
import type { TfBlockNode, TfBody, TfResource } from "./source.ts";
import { unknownFrom } from "./values.ts";

type RangeMap = (r: Range) => Range;

function body(b: EvaluatedBody, map: RangeMap): TfBody {
  return {
    attr(name) {
      const a = b.attributes.get(name);
      return a ? { value: a.value, range: map(a.range), ...(a.written ? { written: a.written } : {}) } : undefined;
    },
    blocks(type) {
      return b.blocks.filter((x) => x.type === type).map((x) => block(x, map));
    },
  };
}

function block(b: EvaluatedBlock, map: RangeMap): TfBlockNode {
  if (b.dynamic?.unknownCount) return unknownBlock(b, unknownFrom(b.dynamic.key), map);
  // Not `...body()`: spreading an object of fresh closures takes V8's slow path, many times over a scan.
  const { attr, blocks } = body(b.body, map);
  return { attr, blocks, range: map(b.range) };
}

/**
 * A `dynamic` block whose `for_each` is unknown stands for an unknown number of blocks (maybe
 * none): nothing about it is known, so every attribute, present or absent, reads as unknown.
 */
function unknownBlock(b: EvaluatedBlock, u: UnknownValue, map: RangeMap): TfBlockNode {
  return {
    attr: (name) => ({ value: u, range: map(b.body.attributes.get(name)?.range ?? b.range) }),
    blocks: (type) => b.body.blocks.filter((x) => x.type === type).map((x) => unknownBlock(x, u, map)),
    range: map(b.range),
  };
}

function callLoc(c: ModuleCallSite): Loc {
  return { file: c.file, range: c.headerRange, address: `module.${c.name}`, path: [] };
}

/**
 * One TfResource per instance. A resource inside a downloaded module (`.terraform/modules/`) is
 * located at the module call in the user's code; the line inside the module becomes related.
 */
export function fromConfig(res: EvaluatedResource): TfResource {
  const downloaded = res.moduleCalls.find((c) => c.downloaded);
  const map: RangeMap = downloaded ? () => downloaded.headerRange : (r) => r;
  const inside: Loc = { file: res.file, range: res.headerRange, address: res.configAddress, path: [] };
  const via = res.moduleCalls.filter((c) => c !== downloaded).map(callLoc);
  if (downloaded) via.push(inside);
  const { attr, blocks } = body(res.body, map);
  return {
    attr,
    blocks,
    source: "terraform",
    type: res.type,
    address: downloaded ? `module.${downloaded.name}` : res.configAddress,
    instances: [res.address],
    module: res.module,
    file: downloaded ? downloaded.file : res.file,
    header: downloaded ? downloaded.headerRange : res.headerRange,
    ...(downloaded ? {} : { block: res.range }),
    via,
    computed: (name) => res.attributes[name],
  };
}

/**
 * A parse worker (parse-pool.ts): parses Terraform native syntax with tree-sitter and sends each
 * tree back flattened, its buffer transferred. A text with a syntax error comes back as null, and
 * the main thread parses it itself (its recovery needs the live tree).
 */
import { parentPort } from "node:worker_threads";
import { loadHclParser } from "./hcl.ts";
import type { FlatTree } from "./ts-cursor.ts";

export interface ParseJob {
  readonly id: number;
  readonly text: string;
}

export interface ParseDone {
  readonly id: number;
  readonly tree: FlatTree | null;
}

const port = parentPort;
if (port) {
  const hcl = await loadHclParser();
  port.on("message", (job: ParseJob) => {
    let tree: FlatTree | null;
    try {
      tree = hcl.flatten(job.text);
    } catch {
      tree = null;
    }
    const done: ParseDone = { id: job.id, tree };
    port.postMessage(done, tree ? [tree.buffer] : []);
  });
}

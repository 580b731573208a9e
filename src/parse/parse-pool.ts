/**
 * Parsing Terraform across cores. tree-sitter's parse is most of a large Terraform scan, and it
 * needs nothing of the rest: worker threads (hcl-worker.ts) parse the files in the order the
 * evaluator will want them, a few at a time each, and the main thread converts the flattened trees
 * they send back. While the main thread waits for a file a worker has, it parses the next queued
 * files itself, so that it and the workers share the parsing and stay busy.
 *
 * Only bundles use it: the worker is dist/hcl-worker.js, beside the chunk that holds this module.
 * Anything that goes wrong with a worker makes the pool hand every file back to the main thread.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type * as WorkerThreads from "node:worker_threads";
import type { HclParser } from "./hcl.ts";
import type { ParseDone, ParseJob } from "./hcl-worker.ts";
import type { FlatTree } from "./ts-cursor.ts";

/** Below this much native Terraform, starting a worker costs more than it saves. */
export const POOL_MIN_BYTES = 512 * 1024;
/** Files handed to one worker before it answers: enough to keep it busy, few enough to take back. */
const AHEAD = 6;

interface Job {
  readonly id: number;
  readonly path: string;
  /** Dropped once the file is handed out. */
  text: string | undefined;
  /** queued: not yet with a worker; sent: with one; parsed: back (tree null: parse it here); taken: handed out. */
  state: "queued" | "sent" | "parsed" | "taken";
  tree?: FlatTree | null;
  readonly waiting: (() => void)[];
}

interface Slot {
  readonly worker: WorkerThreads.Worker;
  busy: number;
}

/** How many workers a scan of this machine gets: one core stays with the main thread; TRAILGUARD_PARSE_WORKERS overrides. */
export function parseWorkerCount(env: NodeJS.ProcessEnv = process.env): number {
  const set = env["TRAILGUARD_PARSE_WORKERS"];
  if (set !== undefined && /^\d+$/.test(set.trim())) return Math.min(Number(set), 16);
  return Math.max(1, Math.min(availableParallelism() - 1, 3));
}

/** Worker threads parse a large Terraform scan (`bytes` of native syntax and JSON); a small one parses on the main thread. */
export function poolFor(bytes: number): ParsePool | null {
  return bytes >= POOL_MIN_BYTES ? ParsePool.start(parseWorkerCount()) : null;
}

/** node:worker_threads, loaded when a pool starts: a scan that needs none starts sooner without it. */
function workerThreads(): typeof WorkerThreads {
  return createRequire(import.meta.url)("node:worker_threads") as typeof WorkerThreads;
}

/** The worker script beside this module, when this module runs from a bundle that has one. */
function workerFile(): string | undefined {
  try {
    const file = fileURLToPath(new URL("./hcl-worker.js", import.meta.url));
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly jobs = new Map<string, Job>();
  /** Every job, by id. */
  private readonly byId: Job[] = [];
  private readonly queue: Job[] = [];
  private broken = false;
  private closing: Promise<void> | undefined;

  /** A pool of `count` workers running `file` (hcl-worker.js), or null when there is none to start. */
  static start(count: number, file: string | undefined = workerFile()): ParsePool | null {
    if (!file || count < 1) return null;
    try {
      return new ParsePool(file, count);
    } catch {
      return null;
    }
  }

  private constructor(file: string, count: number) {
    for (let i = 0; i < count; i++) {
      const worker = new (workerThreads().Worker)(file);
      const slot: Slot = { worker, busy: 0 };
      worker.on("message", (m: ParseDone) => this.done(slot, m));
      // A worker that fails or stops sends every file back to the main thread.
      worker.on("error", () => void this.close());
      worker.on("exit", () => void this.close());
      this.slots.push(slot);
    }
  }

  /** Workers that have not exited yet (a worker's thread ID is -1 once it has). */
  get workersRunning(): number {
    return this.slots.filter((s) => s.worker.threadId !== -1).length;
  }

  /** Files to parse, in the order they will be wanted. */
  submit(files: readonly { readonly path: string; readonly text: string }[]): void {
    for (const f of files) {
      if (this.jobs.has(f.path)) continue;
      const job: Job = { id: this.byId.length, path: f.path, text: f.text, state: "queued", waiting: [] };
      this.jobs.set(f.path, job);
      this.byId.push(job);
      this.queue.push(job);
    }
    this.feed();
  }

  /**
   * Resolves once none of these files is with a worker. Rather than wait, the main thread parses
   * the next queued files itself (with `hcl`), letting the workers' answers in after each one.
   */
  async settle(paths: readonly string[], hcl: HclParser): Promise<void> {
    const jobs = paths.map((p) => this.jobs.get(p)).filter((j): j is Job => j !== undefined);
    for (;;) {
      const pending = jobs.filter((j) => j.state === "sent");
      if (pending.length === 0) return;
      const job = this.broken ? undefined : this.nextQueued();
      if (job === undefined) {
        await Promise.all(pending.map((j) => new Promise<void>((resolve) => j.waiting.push(resolve))));
        return;
      }
      job.tree = hcl.flatten(job.text!);
      job.state = "parsed";
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * The flattened tree of a file, once: undefined when the caller has to parse it (not submitted,
   * still queued, with a worker, or with a syntax error; a queued file is withdrawn).
   */
  take(path: string, text: string): FlatTree | undefined {
    const job = this.jobs.get(path);
    if (!job || job.text !== text || job.state === "taken") return undefined;
    const tree = job.state === "parsed" ? job.tree : undefined;
    // A file still with a worker is parsed here all the same; the worker's tree is dropped when it comes.
    job.state = "taken";
    job.tree = undefined;
    job.text = undefined;
    return tree ?? undefined;
  }

  /** Stops the workers; files still with them are handed back unparsed (their callers parse them). */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.broken = true;
    // Until a worker has exited, its memory (tree-sitter's wasm heap above all) is still the process's.
    this.closing = Promise.all(this.slots.map((s) => s.worker.terminate())).then(() => undefined);
    for (const job of this.byId) {
      if (job.state !== "sent") continue;
      job.state = "parsed";
      job.tree = null;
      for (const w of job.waiting.splice(0)) w();
    }
    return this.closing;
  }

  private feed(): void {
    if (this.broken) return;
    for (const slot of this.slots) {
      while (slot.busy < AHEAD) {
        const job = this.nextQueued();
        if (!job) return;
        job.state = "sent";
        slot.busy++;
        const message: ParseJob = { id: job.id, text: job.text! };
        slot.worker.postMessage(message);
      }
    }
  }

  private nextQueued(): Job | undefined {
    while (this.queue.length > 0) {
      const job = this.queue.shift()!;
      if (job.state === "queued") return job;
    }
    return undefined;
  }

  private done(slot: Slot, m: ParseDone): void {
    slot.busy--;
    const job = this.byId[m.id];
    if (job?.state === "sent") {
      job.state = "parsed";
      job.tree = m.tree;
      for (const w of job.waiting.splice(0)) w();
    }
    this.feed();
  }
}

import { boundHeapGrowth } from "./heap.ts";
import { main } from "./main.ts";

boundHeapGrowth();

// Large reports must not be cut short when stdout is a pipe.
for (const stream of [process.stdout, process.stderr] as const) {
  const handle = (stream as unknown as { _handle?: { setBlocking?: (b: boolean) => void } })._handle;
  handle?.setBlocking?.(true);
}

const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdoutIsTTY: !!process.stdout.isTTY,
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
process.exitCode = code;

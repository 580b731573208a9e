/**
 * Memory for large scans. A scan's model grows steadily while the files are read, and V8 lets the
 * heap grow to several times what is alive before a full collection: on a 50 MB corpus that was
 * anywhere from 400 to 750 MB resident, run to run. Capping the growth between collections at a
 * tenth keeps the peak near what the scan needs; there it cost no time that could be measured (the
 * marking runs beside the scan), and a quarter left peaks 10 to 30 MB higher.
 * A scan of a few files never reaches a full collection, so it costs them nothing.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const FLAG = "--heap-growing-percent";

/** Applies the cap unless node was started with a growth setting of its own. */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((a) => a.startsWith(FLAG))) return;
  setFlagsFromString(`${FLAG}=10`);
}

/** Above this much heap in use when a scan is done, reports are written after a full collection. */
const COLLECT_ABOVE = 64 * 1024 * 1024;

/**
 * A scan's model is garbage once its results are made, but V8 collects it only when the heap next
 * fills up: writing the reports of a large scan would first grow the heap past the dead model (on
 * the 50 MB corpus the peak came there, not during the scan). A full collection between the two
 * lets the reports reuse that memory. It takes a few milliseconds, and only large scans pay them.
 */
export function collectBeforeReports(heapUsed: number = process.memoryUsage().heapUsed): boolean {
  if (heapUsed < COLLECT_ABOVE) return false;
  // `gc` is exposed to contexts made after the flag is set; this one is made for that alone. A
  // node that does not expose it so only misses the saving: the reports are written all the same.
  try {
    setFlagsFromString("--expose-gc");
    (runInNewContext("gc") as () => void)();
    return true;
  } catch {
    return false;
  }
}

/**
 * Memory for large scans. A scan's model grows steadily while the files are read, and V8 lets the
 * heap grow to several times what is alive before a full collection: on a 50 MB corpus that was
 * anywhere from 400 to 750 MB resident, run to run. Capping the growth between collections at a
 * quarter keeps the peak near what the scan needs (about 360 MB there), for some 5% more time.
 * A scan of a few files never reaches a full collection, so it costs them nothing.
 */
import { setFlagsFromString } from "node:v8";

const FLAG = "--heap-growing-percent";

/** Applies the cap unless node was started with a growth setting of its own. */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((a) => a.startsWith(FLAG))) return;
  setFlagsFromString(`${FLAG}=25`);
}

/**
 * Runs the fake AWS server alone (for `npm run bench:live`): prints its URL, then serves until
 * stdin closes. `GET /__fake/calls` returns every operation it received.
 *   node fake-aws.mjs ACCOUNTS LATENCY_MS THROTTLE_RATE
 */
import { benchWorld } from "./bench-world.ts";
import { startFakeAws } from "./server.ts";

const [accounts = "100", latency = "50", throttle = "0"] = process.argv.slice(2);
const fake = await startFakeAws(benchWorld(Number(accounts)), { latencyMs: Number(latency), throttleRate: Number(throttle), seed: 3 });
process.stdout.write(`${fake.url}\n`);
process.stdin.resume();
process.stdin.on("end", () => void fake.close().then(() => process.exit(0)));

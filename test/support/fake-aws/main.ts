/**
 * Runs the fake AWS server alone (for `npm run bench:live`): prints its URL, then serves until
 * stdin closes. `GET /__fake/calls` returns every operation it received.
 *   node fake-aws.mjs ACCOUNTS LATENCY_MS THROTTLE_RATE
 * For the verify bench: one account and trail whose bucket holds TOTAL_MB of log data (uncompressed,
 * MB = 2^20 bytes) with its signed digests; a second line gives the world as JSON (VerifyBenchInfo:
 * account, region, trailArn, start, end, logBytes, gzBytes, logFiles, digests). LOG_MB sets the
 * uncompressed size of each log file (default 4).
 *   node fake-aws.mjs verify TOTAL_MB LATENCY_MS [THROTTLE_RATE] [LOG_MB]
 */
import { benchWorld } from "./bench-world.ts";
import { startFakeAws, type FakeAws } from "./server.ts";
import { verifyBenchWorld } from "./trail-logs.ts";

const args = process.argv.slice(2);
let fake: FakeAws;
if (args[0] === "verify") {
  const [, totalMb = "2048", latency = "0", throttle = "0", logMb = "4"] = args;
  const { world, info } = verifyBenchWorld(Number(totalMb) * 1024 * 1024, { logBytes: Number(logMb) * 1024 * 1024 });
  fake = await startFakeAws(world, { latencyMs: Number(latency), throttleRate: Number(throttle), seed: 3 });
  process.stdout.write(`${fake.url}\n${JSON.stringify(info)}\n`);
} else {
  const [accounts = "100", latency = "50", throttle = "0"] = args;
  fake = await startFakeAws(benchWorld(Number(accounts)), { latencyMs: Number(latency), throttleRate: Number(throttle), seed: 3 });
  process.stdout.write(`${fake.url}\n`);
}
process.stdin.resume();
process.stdin.on("end", () => void fake.close().then(() => process.exit(0)));

/** `trailguard verify`: its options, and a run reported like a scan. */
import type { Command } from "commander";
import { liveAnchor, liveFlagOptions } from "../live.ts";
import { parseTime, VERIFY_CONCURRENCY, verifyLogs } from "../verify.ts";
import { addReportOptions, collect, emitReports, liveCommon, liveProgress, type Io, type ScanFlags } from "./main.ts";
import { parseFormats } from "./output.ts";

export interface VerifyFlags extends ScanFlags {
  trail: string[];
  startTime?: string;
  endTime?: string;
}

export async function runVerify(flags: VerifyFlags, io: Io): Promise<number> {
  const targets = parseFormats(flags.format, flags.output);
  const run = await verifyLogs({
    ...liveFlagOptions(flags),
    ...liveCommon(flags, io),
    ...liveProgress(flags, io),
    trails: flags.trail,
    ...(flags.startTime !== undefined ? { startTime: parseTime("--start-time", flags.startTime) } : {}),
    ...(flags.endTime !== undefined ? { endTime: parseTime("--end-time", flags.endTime) } : {}),
  });
  emitReports(run, targets, { quiet: !!flags.quiet, anchor: liveAnchor(run, flags, io.cwd) }, io);
  return run.exitCode;
}

export function addVerifyCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  addReportOptions(program.command("verify").description("check the log files trails delivered against their signed digest files (read-only)"))
    .option("--trail <arn|name>", "verify this trail (repeatable; default: every trail the accounts own)", collect, [])
    .option("--start-time <time>", "ISO 8601 start of the period verified (default: 24 hours before --end-time)")
    .option("--end-time <time>", "ISO 8601 end of the period verified (default: now)")
    .option("--baseline <file>", "ignore results whose fingerprint is in this earlier SARIF or JSON report")
    .option("--quiet", "no progress and no warnings on stderr")
    .option("--profile <name>", "AWS profile (default: AWS_PROFILE and the standard credential chain)")
    .option("--regions <all|r1,r2>", "regions of multi-region trails to verify (default: those enabled, and any with digest files)")
    .option("--role-arn <arn>", "verify the trails of this role's account, through it (repeatable)", collect, [])
    .option("--org", "verify the trails of every account of the caller's organization; needs --role-name")
    .option("--role-name <name>", "with --org: the role to assume in each member account")
    .option("--concurrency <n>", `S3 objects and listings read at once (default: ${VERIFY_CONCURRENCY})`)
    .option("--shard <I/N>", "verify the I-th of N shares of the accounts (sorted by ID, the k-th goes to shard k mod N + 1)")
    .option("--anchor <file>", "the repository file SARIF results point at (default: the configuration file)")
    .addHelpText(
      "after",
      "\nOnly reads: S3 ListObjectsV2, GetObject and HeadObject, CloudTrail ListPublicKeys, DescribeTrails and GetTrailStatus, besides the account and region discovery of live scans and, for organization trails, Organizations DescribeOrganization (docs/iam-policy.json).\n" +
        "Results: TG022 digest missing, TG023 digest signature invalid, TG024 log file missing, TG025 log file modified, TG026 log file listed by no digest, TG027 digests missing for a period.\n" +
        "Exit status: 0 no counted result at or above --fail-on; 1 there are; 2 usage error, invalid configuration, or no account could be read.",
    )
    .action(async (flags: VerifyFlags) => setExit(await runVerify(flags, io)));
}

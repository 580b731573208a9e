import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { rules as allRules } from "../../rules/index.ts";
import { CONFIG_NAME } from "../config/load.ts";
import { INIT_TEMPLATE } from "../config/init.ts";
import { ConfigError } from "../config/config.ts";
import { ruleIdOf } from "../engine/catalog.ts";
import type { Level } from "../engine/rule.ts";
import { UsageError, scan } from "../index.ts";
import { ruleJson, rulesMarkdown, rulesText } from "../report/catalog.ts";
import { VERSION, ruleHelpUri } from "../version.ts";
import { parseFormats, render, writeOutput } from "./output.ts";

const LEVELS = ["error", "warning", "note", "off"] as const;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseRuleLevel(v: string): [string, Level | "off"] {
  const eq = v.indexOf("=");
  const level = v.slice(eq + 1).trim();
  if (eq < 0 || !(LEVELS as readonly string[]).includes(level)) throw new UsageError(`--rule ${v}: expected ID=LEVEL with LEVEL one of ${LEVELS.join(", ")}`);
  return [v.slice(0, eq).trim(), level as Level | "off"];
}

interface ScanFlags {
  format: string[];
  output?: string;
  failOn: Level | "none";
  config?: string;
  rule: string[];
  strict?: boolean;
  quiet?: boolean;
  baseline?: string;
  var: string[];
  varFile: string[];
}

async function runScan(paths: string[], flags: ScanFlags, io: Io): Promise<number> {
  const targets = parseFormats(flags.format, flags.output);
  const run = await scan({
    paths,
    cwd: io.cwd,
    ...(flags.config ? { config: flags.config } : {}),
    strict: !!flags.strict,
    ruleLevels: flags.rule.map(parseRuleLevel),
    failOn: flags.failOn,
    ...(flags.baseline ? { baseline: flags.baseline } : {}),
    vars: flags.var,
    varFiles: flags.varFile,
  });
  const color = io.stdoutIsTTY && !process.env["NO_COLOR"];
  const textOnStdout = targets.some((t) => t.format === "text" && t.file === null);
  if (run.exitCode !== 2) {
    for (const t of targets) {
      const out = render(run, t.format, { color: t.file === null && color, cwd: io.cwd });
      if (t.file === null) io.stdout(out);
      else writeOutput(t.file, out, io.cwd);
    }
  } else if (textOnStdout) io.stdout(render(run, "text", { color, cwd: io.cwd }));
  if (!flags.quiet && (!textOnStdout || run.exitCode === 2)) {
    for (const n of run.notifications) {
      if (n.level === "note") continue;
      const where = n.file ? `${n.file}${n.line ? `:${n.line}` : ""}: ` : "";
      io.stderr(`trailguard: ${n.level}: ${where}${n.message}\n`);
    }
  }
  return run.exitCode;
}

export interface Io {
  readonly cwd: string;
  readonly stdoutIsTTY: boolean;
  stdout(s: string): void;
  stderr(s: string): void;
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name("trailguard")
    .description("Lint AWS CloudTrail configuration in CloudFormation templates (and, as they land, Terraform and live accounts).")
    .version(VERSION, "--version", "print the version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError();

  program
    .command("scan")
    .description("scan IaC files under each PATH (default: the current folder)")
    .argument("[paths...]", "files or folders to scan")
    .option("--format <F[=FILE]>", "text, json or sarif; F=FILE writes F to FILE (repeatable)", collect, [])
    .option("--output <file>", "write the report (the format without FILE) to this file")
    .addOption(new Option("--fail-on <level>", "lowest level that makes the exit status 1").choices(["error", "warning", "note", "none"]).default("error"))
    .option("--config <file>", `configuration file (default: the nearest ${CONFIG_NAME})`)
    .option("--rule <ID=LEVEL>", "set a rule's level: error, warning, note or off (repeatable)", collect, [])
    .option("--strict", "report unknown values as review results")
    .option("--baseline <file>", "ignore results whose fingerprint is in this earlier SARIF or JSON report")
    .option("--var <NAME=VALUE>", "a Terraform variable, as terraform -var takes it (repeatable)", collect, [])
    .option("--var-file <file>", "a Terraform variables file, as terraform -var-file takes it (repeatable)", collect, [])
    .option("--quiet", "no progress and no warnings on stderr")
    .addHelpText(
      "after",
      "\nExit status: 0 no counted result at or above --fail-on; 1 there are; 2 usage error, invalid configuration, or nothing could be scanned.",
    )
    .action(async (paths: string[], flags: ScanFlags) => setExit(await runScan(paths, flags, io)));

  program
    .command("rules")
    .description("list the rule catalog")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .action((flags: { format: "text" | "json" | "markdown" }) => {
      if (flags.format === "json") io.stdout(JSON.stringify(allRules.map(ruleJson), null, 2) + "\n");
      else if (flags.format === "markdown") io.stdout(rulesMarkdown(allRules));
      else io.stdout(rulesText(allRules));
      setExit(0);
    });

  program
    .command("explain")
    .description("print one rule's full help")
    .argument("<rule>", "a rule ID (TG003) or name (log-file-validation-disabled)")
    .action((name: string) => {
      const id = ruleIdOf(name);
      const rule = allRules.find((r) => r.meta.id === id);
      if (!rule) throw new UsageError(id ? `${id} is in the catalog but not available in this version` : `unknown rule '${name}'`);
      const m = rule.meta;
      const controls = [...(m.controls.cis ?? []).map((c) => `CIS ${c}`), ...(m.controls.securityHub ?? []).map((c) => `Security Hub ${c}`)];
      const header = [
        `${m.id} ${m.name} (${m.level}, security severity ${m.securitySeverity.toFixed(1)})`,
        `Applies to: ${m.appliesTo.join(", ")}${controls.length ? `   Controls: ${controls.join(", ")}` : ""}`,
        `Help: ${ruleHelpUri(m.id, m.name)}`,
        "",
      ];
      io.stdout(header.join("\n") + "\n" + rule.doc.trimEnd() + "\n");
      setExit(0);
    });

  program
    .command("init")
    .description(`write ./${CONFIG_NAME} with every key at its default`)
    .option("--force", "overwrite an existing file")
    .action((flags: { force?: boolean }) => {
      const file = path.join(io.cwd, CONFIG_NAME);
      if (existsSync(file) && !flags.force) throw new UsageError(`${CONFIG_NAME} already exists (use --force to overwrite it)`);
      writeFileSync(file, INIT_TEMPLATE);
      io.stderr(`trailguard: wrote ${CONFIG_NAME}\n`);
      setExit(0);
    });
  return program;
}

/** Run the CLI; returns the exit status. Never throws. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      return 2;
    }
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.stderr(`trailguard: ${e.message}\n`);
      return 2;
    }
    io.stderr(`trailguard: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

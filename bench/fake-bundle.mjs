// What the live and verify benches share: the fake AWS server and the CLI bundled from source
// into bench/out, and a hook that writes a process's peak RSS (KiB) to a file when it exits.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

export async function bundleFakeAndCli(root, out) {
  mkdirSync(out, { recursive: true });
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const common = { bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "warning" };
  await build({ ...common, entryPoints: [path.join(root, "test/support/fake-aws/main.ts")], outfile: path.join(out, "fake-aws.mjs") });
  await build({
    ...common,
    entryPoints: [path.join(root, "src/cli/bin.ts")],
    outfile: path.join(out, "trailguard-live.mjs"),
    loader: { ".md": "text" },
    define: { __TRAILGUARD_VERSION__: JSON.stringify(pkg.version) },
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  });
  return { fake: path.join(out, "fake-aws.mjs"), cli: path.join(out, "trailguard-live.mjs") };
}

/**
 * The environment of a CLI run against the fake at `url`: the standard chain pointed at it, as the
 * IAM user `user` of `account` (the fake's access keys name both), away from any real configuration.
 */
export function fakeAwsEnv(url, account, region, user) {
  return {
    ...process.env,
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: `FAKE-${account}-user.${user}`,
    AWS_SECRET_ACCESS_KEY: "fake",
    AWS_REGION: region,
    AWS_CONFIG_FILE: "/nonexistent",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** A module to `--import` that writes the process's peak RSS to `rssFile` on exit. */
export function rssHook(out, name) {
  const rssFile = path.join(out, `${name}-rss.txt`);
  const hook = path.join(out, `${name}-rss-hook.mjs`);
  writeFileSync(hook, `import { writeFileSync } from "node:fs";\nprocess.on("exit", () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
  rmSync(rssFile, { force: true });
  return { hook, peakMb: () => Number(readFileSync(rssFile, "utf8")) / 1024 };
}

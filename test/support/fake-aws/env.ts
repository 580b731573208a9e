/**
 * Points the real SDK clients at the fake server through the standard environment chain
 * (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_REGION), as a user would, and away from any real
 * configuration files or instance metadata.
 */
import { callerKey } from "./world.ts";

const VARS = [
  "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE",
  "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_EC2_METADATA_DISABLED", "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE",
  "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NO_PROXY", "no_proxy",
] as const;

/** The environment a scan of `accountId` against the fake at `url` runs with. */
export function fakeEnv(url: string, accountId: string, region = "us-east-1"): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: callerKey(accountId),
    AWS_SECRET_ACCESS_KEY: "fake-secret",
    AWS_REGION: region,
    AWS_CONFIG_FILE: "/nonexistent/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** Set the fake environment in this process; returns a function that restores the previous one. */
export function useFakeEnv(url: string, accountId: string, region = "us-east-1"): () => void {
  const saved = new Map<string, string | undefined>(VARS.map((v) => [v, process.env[v]]));
  for (const v of VARS) Reflect.deleteProperty(process.env, v);
  Object.assign(process.env, fakeEnv(url, accountId, region));
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
    }
  };
}

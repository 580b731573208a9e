import type * as CloudTrail from "@aws-sdk/client-cloudtrail";
import type * as S3 from "@aws-sdk/client-s3";
import type * as S3Control from "@aws-sdk/client-s3-control";
import type * as CloudWatchLogs from "@aws-sdk/client-cloudwatch-logs";
import type * as CloudWatch from "@aws-sdk/client-cloudwatch";
import type * as SNS from "@aws-sdk/client-sns";
import type * as KMS from "@aws-sdk/client-kms";
import type * as STS from "@aws-sdk/client-sts";
import type * as Organizations from "@aws-sdk/client-organizations";
import type * as Account from "@aws-sdk/client-account";

/**
 * The AWS SDK v3 clients, loaded only when a live scan starts: IaC scans never pay for them.
 */

export interface Sdk {
  readonly cloudtrail: typeof CloudTrail;
  readonly s3: typeof S3;
  readonly s3control: typeof S3Control;
  readonly logs: typeof CloudWatchLogs;
  readonly cloudwatch: typeof CloudWatch;
  readonly sns: typeof SNS;
  readonly kms: typeof KMS;
  readonly sts: typeof STS;
  readonly organizations: typeof Organizations;
  readonly account: typeof Account;
}

let loading: Promise<Sdk> | null = null;

/**
 * A CommonJS package imported dynamically from a split bundle arrives as `{ default: exports }`;
 * from source, as the exports themselves. Either way, the exports.
 */
function interop<T extends object>(m: T): T {
  const d: unknown = (m as { default?: unknown }).default;
  return d !== null && typeof d === "object" && Object.keys(d).length > Object.keys(m).length ? (d as T) : m;
}

export function loadSdk(): Promise<Sdk> {
  // The SDK warns once per process that future versions need Node 22; a scan's stderr is for
  // trailguard's own messages. The user's own setting wins.
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
  loading ??= (async () => {
    const [cloudtrail, s3, s3control, logs, cloudwatch, sns, kms, sts, organizations, account] = await Promise.all([
      import("@aws-sdk/client-cloudtrail"),
      import("@aws-sdk/client-s3"),
      import("@aws-sdk/client-s3-control"),
      import("@aws-sdk/client-cloudwatch-logs"),
      import("@aws-sdk/client-cloudwatch"),
      import("@aws-sdk/client-sns"),
      import("@aws-sdk/client-kms"),
      import("@aws-sdk/client-sts"),
      import("@aws-sdk/client-organizations"),
      import("@aws-sdk/client-account"),
    ]);
    return {
      cloudtrail: interop(cloudtrail),
      s3: interop(s3),
      s3control: interop(s3control),
      logs: interop(logs),
      cloudwatch: interop(cloudwatch),
      sns: interop(sns),
      kms: interop(kms),
      sts: interop(sts),
      organizations: interop(organizations),
      account: interop(account),
    };
  })();
  return loading;
}

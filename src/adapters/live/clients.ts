/**
 * SDK clients for one account, built the same way everywhere: the standard credential, region and
 * endpoint chain (profile, SSO, web identity, AWS_ENDPOINT_URL[_SERVICE]), HTTPS_PROXY, adaptive
 * retries, timeouts, one keep-alive connection pool per scan, and the read-only guard.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { readOnlyGuard } from "./allow-list.ts";
import { TunnelingHttpAgent, TunnelingHttpsAgent, proxyFor } from "./proxy.ts";
import type { Sdk } from "./sdk.ts";

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Explicit credentials, a provider (assumed roles refresh themselves), or undefined: the SDK's default chain. */
export type CredentialSource = Credentials | (() => Promise<Credentials>) | undefined;

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Names under `localhost` are the loopback address (RFC 6761), as curl and browsers treat them;
 * Node's resolver does not. It matters for a local endpoint: S3 Control puts the account ID in
 * front of the endpoint's host name.
 */
export function loopbackLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) {
    if (options.all) callback(null, [{ address: "127.0.0.1", family: 4 }]);
    else callback(null, "127.0.0.1", 4);
    return;
  }
  if (options.all) dnsLookup(hostname, { ...options, all: true }, (err, addresses) => callback(err, addresses));
  else dnsLookup(hostname, { ...options, all: false }, (err, address, family) => callback(err, address, family));
}

/** What every client of one scan shares. */
export interface Transport {
  readonly sdk: Sdk;
  readonly profile: string | undefined;
  readonly maxAttempts: number;
  /** An endpoint is configured (AWS_ENDPOINT_URL...): S3 is addressed path-style. */
  readonly pathStyle: boolean;
  readonly httpAgent: HttpAgent;
  readonly httpsAgent: HttpsAgent;
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** Called once per operation sent (for progress and statistics). */
  readonly onCall: (client: string, operation: string) => void;
}

export async function createTransport(sdk: Sdk, options: { profile: string | undefined; maxSockets: number; onCall: Transport["onCall"] }): Promise<Transport> {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, lookup: loopbackLookup };
  const envAttempts = Number(process.env["AWS_MAX_ATTEMPTS"]);
  // Whether the standard chain configures an endpoint for S3 (environment or profile).
  const probe = new sdk.s3.S3Client({ region: "us-east-1", ...(options.profile ? { profile: options.profile } : {}) });
  const configured = await probe.config.serviceConfiguredEndpoint?.();
  const httpProxy = proxyFor(process.env, false);
  const httpsProxy = proxyFor(process.env, true);
  return {
    sdk,
    profile: options.profile,
    maxAttempts: Number.isInteger(envAttempts) && envAttempts > 0 ? envAttempts : 10,
    pathStyle: !!configured && !probe.config.ignoreConfiguredEndpointUrls,
    httpAgent: httpProxy ? new TunnelingHttpAgent(httpProxy, agentOptions) : new HttpAgent(agentOptions),
    httpsAgent: httpsProxy ? new TunnelingHttpsAgent(httpsProxy, agentOptions) : new HttpsAgent(agentOptions),
    connectionTimeoutMs: 5_000,
    requestTimeoutMs: 30_000,
    onCall: options.onCall,
  };
}

export function closeTransport(t: Transport): void {
  t.httpAgent.destroy();
  t.httpsAgent.destroy();
}

interface Guardable {
  readonly middlewareStack: { add: (mw: typeof readOnlyGuard, options: { step: "initialize"; priority: "high"; name: string }) => void };
}

/** The clients of one account, made on first use per service and region. */
export class AccountClients {
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly transport: Transport,
    private readonly credentials: CredentialSource,
  ) {}

  private config(region: string) {
    const t = this.transport;
    return {
      region,
      maxAttempts: t.maxAttempts,
      retryMode: "adaptive",
      requestHandler: { httpAgent: t.httpAgent, httpsAgent: t.httpsAgent, connectionTimeout: t.connectionTimeoutMs, requestTimeout: t.requestTimeoutMs },
      ...(t.profile ? { profile: t.profile } : {}),
      ...(this.credentials ? { credentials: this.credentials } : {}),
    };
  }

  private get<C extends Guardable>(name: string, region: string, make: () => C): C {
    const key = `${name}@${region}`;
    const hit = this.cache.get(key) as C | undefined;
    if (hit) return hit;
    const client = make();
    client.middlewareStack.add(readOnlyGuard, { step: "initialize", priority: "high", name: "trailguardReadOnly" });
    client.middlewareStack.add(this.counter(name), { step: "initialize", priority: "high", name: "trailguardCallCounter" });
    this.cache.set(key, client);
    return client;
  }

  private counter(name: string) {
    const onCall = this.transport.onCall;
    return <A, R>(next: (args: A) => Promise<R>, context: { readonly commandName?: string }) =>
      (args: A) => {
        onCall(name, (context.commandName ?? "").replace(/Command$/, ""));
        return next(args);
      };
  }

  cloudtrail(region: string) {
    return this.get("CloudTrailClient", region, () => new this.transport.sdk.cloudtrail.CloudTrailClient(this.config(region)));
  }
  s3(region: string) {
    return this.get("S3Client", region, () => new this.transport.sdk.s3.S3Client({ ...this.config(region), forcePathStyle: this.transport.pathStyle, followRegionRedirects: true }));
  }
  s3control(region: string) {
    return this.get("S3ControlClient", region, () => new this.transport.sdk.s3control.S3ControlClient(this.config(region)));
  }
  logs(region: string) {
    return this.get("CloudWatchLogsClient", region, () => new this.transport.sdk.logs.CloudWatchLogsClient(this.config(region)));
  }
  cloudwatch(region: string) {
    return this.get("CloudWatchClient", region, () => new this.transport.sdk.cloudwatch.CloudWatchClient(this.config(region)));
  }
  sns(region: string) {
    return this.get("SNSClient", region, () => new this.transport.sdk.sns.SNSClient(this.config(region)));
  }
  kms(region: string) {
    return this.get("KMSClient", region, () => new this.transport.sdk.kms.KMSClient(this.config(region)));
  }
  sts(region: string) {
    return this.get("STSClient", region, () => new this.transport.sdk.sts.STSClient(this.config(region)));
  }
  organizations(region: string) {
    return this.get("OrganizationsClient", region, () => new this.transport.sdk.organizations.OrganizationsClient(this.config(region)));
  }
  account(region: string) {
    return this.get("AccountClient", region, () => new this.transport.sdk.account.AccountClient(this.config(region)));
  }
}

/**
 * A loopback HTTP server that answers the real AWS SDK v3 clients from a scripted world, on the
 * wire protocols they speak. It injects latency, throttling and 503s at a rate, denies operations
 * per account, and records every operation it receives (the proof that a scan only reads).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { accountById, type CallContext, type JsonHandler } from "./context.ts";
import { accountService } from "./services/account.ts";
import { cloudtrail } from "./services/cloudtrail.ts";
import { cloudwatch } from "./services/cloudwatch.ts";
import { kms } from "./services/kms.ts";
import { logs } from "./services/logs.ts";
import { organizations } from "./services/organizations.ts";
import { s3, s3Control, s3Operation } from "./services/s3.ts";
import { sns } from "./services/sns.ts";
import { sts, type QueryHandler } from "./services/sts.ts";
import { FakeError, deniedError, dice, errorReply, jsonReply, optInError, parseAuthorization, parseForm, queryReply, throttleError, type Protocol, type Reply } from "./wire.ts";
import type { FakeWorld } from "./world.ts";

export interface Faults {
  /** Delay before every answer. */
  latencyMs: number;
  /** Share of calls (0..1) answered with a throttling error; one in five of them a 503. */
  throttleRate: number;
  /** Seed of the throttling dice, for repeatable runs. */
  seed: number;
}

export interface RecordedCall {
  readonly service: string;
  readonly operation: string;
  readonly account: string;
  readonly region: string;
  readonly status: number;
  readonly throttled: boolean;
}

export interface FakeAws {
  /** `http://localhost:PORT`: S3 Control puts the account ID in front of the host, and names under localhost are loopback. */
  readonly url: string;
  world: FakeWorld;
  faults: Faults;
  readonly calls: RecordedCall[];
  close(): Promise<void>;
}

const JSON_TARGETS: Record<string, { service: string; protocol: Protocol; ops: Record<string, JsonHandler>; ns?: string }> = {
  CloudTrail_20131101: { service: "cloudtrail", protocol: "json", ops: cloudtrail },
  Logs_20140328: { service: "logs", protocol: "json", ops: logs },
  TrentService: { service: "kms", protocol: "json", ops: kms },
  AWSOrganizationsV20161128: { service: "organizations", protocol: "json", ops: organizations },
  GraniteServiceVersion20100801: { service: "cloudwatch", protocol: "json-query-compat", ops: cloudwatch, ns: "com.amazonaws.cloudwatch" },
};

const QUERY: Record<string, { ops: Record<string, QueryHandler>; ns: string }> = {
  sts: { ops: sts, ns: "https://sts.amazonaws.com/doc/2011-06-15/" },
  sns: { ops: sns, ns: "http://sns.amazonaws.com/doc/2010-03-31/" },
};

/** Services whose endpoints are regional: a call to a region the account has not enabled fails. */
const REGIONAL = new Set(["cloudtrail", "logs", "kms", "cloudwatch", "sns"]);

interface Routed {
  readonly service: string;
  readonly operation: string;
  readonly protocol: Protocol;
  readonly ns?: string;
  run(ctx: CallContext): Reply;
}

function route(req: IncomingMessage, url: URL, body: string, signedService: string): Routed {
  const target = req.headers["x-amz-target"];
  if (typeof target === "string") {
    const dot = target.lastIndexOf(".");
    const prefix = target.slice(0, dot).split(".").pop()!;
    const operation = target.slice(dot + 1);
    const svc = JSON_TARGETS[prefix];
    if (!svc) throw new FakeError("UnknownOperationException", `unknown target ${target}`);
    const handler = svc.ops[operation];
    const input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    return {
      service: svc.service,
      operation,
      protocol: svc.protocol,
      ...(svc.ns ? { ns: svc.ns } : {}),
      run: (ctx) => {
        if (!handler) throw new FakeError("UnknownOperationException", `${operation} is not supported by the fake`);
        return jsonReply(svc.protocol, handler(input, ctx));
      },
    };
  }
  if (url.pathname.startsWith("/v20180820/")) {
    const operation = req.method === "GET" && url.pathname === "/v20180820/configuration/publicAccessBlock" ? "GetPublicAccessBlock" : `${req.method}:${url.pathname}`;
    const header = req.headers["x-amz-account-id"];
    return { service: "s3-control", operation, protocol: "s3-control", run: (ctx) => s3Control(operation, typeof header === "string" ? header : undefined, ctx) };
  }
  const query = QUERY[signedService];
  if (query) {
    const form = parseForm(body);
    const operation = form.get("Action") ?? "";
    return {
      service: signedService,
      operation,
      protocol: "query",
      ns: query.ns,
      run: (ctx) => {
        const handler = query.ops[operation];
        if (!handler) throw new FakeError("InvalidAction", `${operation} is not supported by the fake`);
        return queryReply(operation, handler(form, ctx), query.ns);
      },
    };
  }
  if (signedService === "account") {
    const operation = url.pathname === "/listRegions" ? "ListRegions" : `${req.method}:${url.pathname}`;
    const input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    return {
      service: "account",
      operation,
      protocol: "rest-json",
      run: (ctx) => {
        const handler = accountService[operation];
        if (!handler) throw new FakeError("ResourceNotFoundException", `${operation} is not supported by the fake`, 404);
        return jsonReply("rest-json", handler(input, ctx));
      },
    };
  }
  // The raw path: object keys may hold "..", "//" or "%2F", which URL parsing would rewrite.
  const rawPath = (req.url ?? "/").split("?")[0]!;
  const { operation, bucket, key } = s3Operation(req.method ?? "GET", rawPath, url.searchParams);
  return { service: "s3", operation, protocol: "s3", run: (ctx) => s3(operation, bucket, ctx, { key, query: url.searchParams }) };
}


function principalOf(world: FakeWorld, accessKeyId: string): { accountId: string; arn: string } | null {
  const m = /^FAKE-(\d{12})-(user|role)\.(.+)$/.exec(accessKeyId);
  if (!m) return null;
  const [, id, kind, name] = m;
  return { accountId: id!, arn: kind === "user" ? `arn:${world.partition}:iam::${id}:user/${name}` : `arn:${world.partition}:sts::${id}:assumed-role/${name}/trailguard` };
}

function denied(deny: readonly string[], service: string, operation: string): boolean {
  return deny.includes(`${service}:${operation}`) || deny.includes(`${service}:*`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Writes a reply; an answer to HEAD keeps its headers (the object's content-length) and drops the body, as S3 does, errors included. */
function send(res: ServerResponse, reply: Reply, head = false): void {
  const length = reply.headers["content-length"] ?? (head ? "0" : String(Buffer.byteLength(reply.body)));
  res.writeHead(reply.status, { ...reply.headers, "content-length": length });
  if (head) res.end();
  else res.end(reply.body);
}

export async function startFakeAws(world: FakeWorld, faults: Partial<Faults> = {}): Promise<FakeAws> {
  const calls: RecordedCall[] = [];
  let roll = dice(faults.seed ?? 1);
  const state: FakeAws = {
    url: "",
    world,
    faults: { latencyMs: 0, throttleRate: 0, seed: 1, ...faults },
    calls,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  let seed = state.faults.seed;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const body = await readBody(req);
    if (url.pathname === "/__fake/calls") return send(res, { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(calls) });
    const cred = parseAuthorization(req.headers["authorization"]);
    let routed: Routed;
    try {
      routed = route(req, url, body, cred?.service ?? "");
    } catch (e) {
      return send(res, errorReply("json", e instanceof FakeError ? e : new FakeError("InternalFailure", String(e), 500, false)));
    }
    const who = cred && principalOf(state.world, cred.accessKeyId);
    const account = who ? accountById(state.world, who.accountId) : undefined;
    const region = cred?.region ?? "us-east-1";
    if (state.faults.seed !== seed) {
      seed = state.faults.seed;
      roll = dice(seed);
    }
    const throttled = state.faults.throttleRate > 0 && roll() < state.faults.throttleRate;
    const fail = (e: FakeError): Reply => errorReply(routed.protocol, e, routed.ns);
    let reply: Reply;
    if (!who || !account) reply = fail(new FakeError(routed.protocol === "query" ? "InvalidClientTokenId" : "UnrecognizedClientException", "The security token included in the request is invalid.", 403));
    else if (throttled) reply = fail(throttleError(routed.protocol, roll() < 0.2));
    else if (REGIONAL.has(routed.service) && !account.regions.includes(region)) reply = fail(optInError(routed.protocol));
    else if (denied(account.deny, routed.service, routed.operation)) reply = fail(deniedError(routed.protocol, `${routed.service}:${routed.operation}`, who.arn));
    else {
      try {
        reply = routed.run({ world: state.world, account, principalArn: who.arn, region });
      } catch (e) {
        reply = fail(e instanceof FakeError ? e : new FakeError("InternalFailure", e instanceof Error ? e.message : String(e), 500, false));
      }
    }
    calls.push({ service: routed.service, operation: routed.operation, account: who?.accountId ?? "", region, status: reply.status, throttled });
    if (state.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, state.faults.latencyMs));
    send(res, reply, req.method === "HEAD");
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, errorReply("json", new FakeError("InternalFailure", String(e), 500, false))));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  (state as { url: string }).url = `http://localhost:${port}`;
  return state;
}

/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY, which the SDK's Node handler does not read by itself:
 * requests go through an HTTP CONNECT tunnel to the proxy. Loopback hosts never do.
 */
import { Agent as HttpAgent, request, type AgentOptions as HttpAgentOptions, type ClientRequestArgs } from "node:http";
import { Agent as HttpsAgent, type AgentOptions, type RequestOptions } from "node:https";
import type { Duplex } from "node:stream";
import { connect as tlsConnect } from "node:tls";

type Done = (err: Error | null, stream: Duplex) => void;

/** Node's agents take the callback's stream even on failure; there is none then. */
const failed = (done: Done | undefined, err: Error) => done?.(err, undefined as unknown as Duplex);

export function proxyFor(env: NodeJS.ProcessEnv, secure: boolean): URL | null {
  const raw = secure ? (env["HTTPS_PROXY"] ?? env["https_proxy"]) : (env["HTTP_PROXY"] ?? env["http_proxy"]);
  if (!raw) return null;
  try {
    return new URL(raw.includes("://") ? raw : `http://${raw}`);
  } catch {
    return null;
  }
}

/** NO_PROXY: `*`, host names, `.suffix` or `suffix` entries (ports ignored); loopback always bypasses. */
export function bypasses(host: string, env: NodeJS.ProcessEnv): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h.endsWith(".localhost") || h.startsWith("127.") || h === "::1") return true;
  const list = (env["NO_PROXY"] ?? env["no_proxy"] ?? "").split(/[\s,]+/).filter(Boolean);
  return list.some((e) => {
    const entry = e.toLowerCase().replace(/:\d+$/, "").replace(/^\*?\./, "");
    return entry === "*" || h === entry || h.endsWith(`.${entry}`);
  });
}

/** Open a CONNECT tunnel to host:port through the proxy. */
function tunnel(proxy: URL, host: string, port: number, done: (err: Error | null, socket?: Duplex) => void): void {
  const auth = proxy.username ? { "proxy-authorization": `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString("base64")}` } : {};
  const req = request({ host: proxy.hostname, port: Number(proxy.port) || 80, method: "CONNECT", path: `${host}:${port}`, headers: { host: `${host}:${port}`, ...auth } });
  req.once("connect", (res, socket) => {
    if (res.statusCode !== 200) {
      socket.destroy();
      done(new Error(`proxy ${proxy.host} refused the tunnel to ${host}:${port} (HTTP ${res.statusCode})`));
    } else done(null, socket);
  });
  req.once("error", (e) => done(e));
  req.end();
}

function target(options: ClientRequestArgs, defaultPort: number): { host: string; port: number } {
  return { host: options.hostname ?? options.host ?? "localhost", port: Number(options.port) || defaultPort };
}

export class TunnelingHttpsAgent extends HttpsAgent {
  constructor(
    private readonly proxy: URL,
    options: AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: RequestOptions, done?: Done): Duplex | null | undefined {
    const { host, port } = target(options, 443);
    if (bypasses(host, process.env)) return super.createConnection(options, done);
    tunnel(this.proxy, host, port, (err, socket) => {
      if (err || !socket) return failed(done, err ?? new Error("no tunnel"));
      done?.(null, tlsConnect({ ...(options as object), socket, servername: options.servername ?? host }));
    });
    return undefined;
  }
}

export class TunnelingHttpAgent extends HttpAgent {
  constructor(
    private readonly proxy: URL,
    options: HttpAgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: ClientRequestArgs, done?: Done): Duplex | null | undefined {
    const { host, port } = target(options, 80);
    if (bypasses(host, process.env)) return super.createConnection(options, done);
    tunnel(this.proxy, host, port, (err, socket) => (err || !socket ? failed(done, err ?? new Error("no tunnel")) : done?.(null, socket)));
    return undefined;
  }
}

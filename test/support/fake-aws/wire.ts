/**
 * Wire formats of the AWS protocols the SDK v3 clients speak: awsJson1_0/1_1 (X-Amz-Target),
 * awsQuery (form body, XML answer), restXml (S3, S3 Control) and restJson1 (Account), each with
 * its own error shape.
 */
import { randomUUID } from "node:crypto";

export type Protocol = "json" | "json-query-compat" | "query" | "s3" | "s3-control" | "rest-json";

/** An error as a service would return it. */
export class FakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly sender = true,
    /** More fields of the error body, after Message (S3: `Key` of NoSuchKey, `BucketName` of NoSuchBucket). */
    readonly detail: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export interface Reply {
  readonly status: number;
  /** A `content-length` here wins over the body's length (HEAD answers carry the object's length and no body). */
  readonly headers: Record<string, string>;
  /** Text, or bytes (S3 objects). */
  readonly body: string | Buffer;
}

export interface Credential {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
}

/** The credential scope of a SigV4 Authorization header. */
export function parseAuthorization(header: string | undefined): Credential | null {
  const m = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(header ?? "");
  return m ? { accessKeyId: m[1]!, region: m[2]!, service: m[3]! } : null;
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** XML content: a string is text; an object is child elements (an array value repeats the element). */
export type Xml = string | number | boolean | XmlObject;
export interface XmlObject {
  readonly [name: string]: Xml | readonly Xml[] | undefined;
}

export function xml(content: Xml): string {
  if (typeof content !== "object") return xmlEscape(String(content));
  let out = "";
  for (const [name, v] of Object.entries(content)) {
    if (v === undefined) continue;
    const items = Array.isArray(v) ? (v as readonly Xml[]) : [v as Xml];
    for (const item of items) out += `<${name}>${xml(item)}</${name}>`;
  }
  return out;
}

export function xmlDoc(root: string, content: Xml, ns?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns ? ` xmlns="${ns}"` : ""}>${xml(content)}</${root}>`;
}

const requestId = () => randomUUID();

export function jsonReply(protocol: Protocol, body: unknown): Reply {
  const type = protocol === "json-query-compat" ? "application/x-amz-json-1.0" : protocol === "rest-json" ? "application/json" : "application/x-amz-json-1.1";
  return { status: 200, headers: { "content-type": type, "x-amzn-requestid": requestId() }, body: JSON.stringify(body ?? {}) };
}

export function xmlReply(body: string, extra: Record<string, string> = {}): Reply {
  return { status: 200, headers: { "content-type": "application/xml", "x-amz-request-id": requestId(), ...extra }, body };
}

/** An awsQuery answer: `<OpResponse><OpResult>...</OpResult><ResponseMetadata/></OpResponse>`. */
export function queryReply(operation: string, result: Xml, ns: string): Reply {
  const body = xmlDoc(`${operation}Response`, { [`${operation}Result`]: result, ResponseMetadata: { RequestId: requestId() } }, ns);
  return xmlReply(body);
}

/** The error in the shape the protocol uses. */
export function errorReply(protocol: Protocol, e: FakeError, namespace = ""): Reply {
  const id = requestId();
  switch (protocol) {
    case "json":
      return { status: e.status, headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": id }, body: JSON.stringify({ __type: e.code, message: e.message }) };
    case "json-query-compat":
      return {
        status: e.status,
        headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": id, "x-amzn-query-error": `${e.code};${e.sender ? "Sender" : "Receiver"}` },
        body: JSON.stringify({ __type: `${namespace}#${e.code}`, message: e.message }),
      };
    case "rest-json":
      return { status: e.status, headers: { "content-type": "application/json", "x-amzn-requestid": id, "x-amzn-errortype": e.code }, body: JSON.stringify({ message: e.message }) };
    case "query":
      return {
        status: e.status,
        headers: { "content-type": "text/xml", "x-amzn-requestid": id },
        body: xmlDoc("ErrorResponse", { Error: { Type: e.sender ? "Sender" : "Receiver", Code: e.code, Message: e.message }, RequestId: id }, namespace || undefined),
      };
    case "s3":
      return { status: e.status, headers: { "content-type": "application/xml", "x-amz-request-id": id }, body: xmlDoc("Error", { Code: e.code, Message: e.message, ...e.detail, RequestId: id, HostId: "fake" }) };
    case "s3-control":
      return { status: e.status, headers: { "content-type": "application/xml", "x-amz-request-id": id }, body: xmlDoc("ErrorResponse", { Error: { Code: e.code, Message: e.message }, RequestId: id, HostId: "fake" }) };
  }
}

/** The throttling answer of each protocol (S3 says SlowDown with 503). */
export function throttleError(protocol: Protocol, serviceUnavailable: boolean): FakeError {
  if (serviceUnavailable) return new FakeError(protocol === "s3" || protocol === "s3-control" ? "ServiceUnavailable" : "ServiceUnavailableException", "Service is unavailable", 503, false);
  switch (protocol) {
    case "s3":
    case "s3-control":
      return new FakeError("SlowDown", "Please reduce your request rate.", 503, false);
    case "query":
    case "json-query-compat":
      return new FakeError("Throttling", "Rate exceeded", 400);
    case "rest-json":
      return new FakeError("TooManyRequestsException", "Too many requests", 429);
    case "json":
      return new FakeError("ThrottlingException", "Rate exceeded", 400);
  }
}

/** The access-denied answer of each protocol. */
export function deniedError(protocol: Protocol, action: string, principalArn: string): FakeError {
  const message = `User: ${principalArn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
  switch (protocol) {
    case "s3":
    case "s3-control":
      return new FakeError("AccessDenied", message, 403);
    case "query":
      return new FakeError(action.startsWith("sns:") ? "AuthorizationError" : "AccessDenied", message, 403);
    case "json-query-compat":
      return new FakeError("AccessDenied", message, 403);
    case "rest-json":
    case "json":
      return new FakeError("AccessDeniedException", message, 400);
  }
}

/** A call to a region the account has not enabled: the token is not valid there. */
export function optInError(protocol: Protocol): FakeError {
  if (protocol === "query") return new FakeError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
  return new FakeError("UnrecognizedClientException", "The security token included in the request is invalid.", 400);
}

/** Form fields of an awsQuery body, with `a.member.1` lists left flat. */
export function parseForm(body: string): Map<string, string> {
  return new Map(new URLSearchParams(body).entries());
}

/** Repeatable dice (mulberry32): the same seed gives the same rolls. */
export function dice(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

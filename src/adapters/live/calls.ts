/**
 * One place where AWS calls are made and their failures become notifications. An API error never
 * becomes a finding: the value it would have given is unknown, and the reason is said once.
 */
import type { Notification } from "../../engine/result.ts";
import type { UnknownReason } from "../../model/value.ts";
import { permissionOf, type ClientName } from "./allow-list.ts";

const DENIED = new Set(["AccessDenied", "AccessDeniedException", "AuthorizationError", "AuthorizationErrorException", "UnauthorizedOperation", "Forbidden"]);
const OPT_IN = new Set(["UnrecognizedClientException", "InvalidClientTokenId", "OptInRequired", "AuthFailure"]);

/** Notifications of a scan, each said once. */
export class Notes {
  private readonly seen = new Set<string>();
  readonly list: Notification[] = [];

  add(n: Notification): void {
    const key = `${n.level}\u0000${n.id}\u0000${n.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(n);
  }
}

export interface Site {
  readonly account: string;
  readonly region: string;
  readonly client: ClientName;
  readonly operation: string;
  /** What the call was about (a bucket, a trail ARN), for the message. */
  readonly resource?: string;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: UnknownReason; readonly code: string };

export function errorCode(e: unknown): string {
  if (e && typeof e === "object") {
    const o = e as { name?: unknown; Code?: unknown; code?: unknown };
    if (typeof o.name === "string" && o.name !== "Error") return o.name;
    if (typeof o.Code === "string") return o.Code;
    if (typeof o.code === "string") return o.code;
  }
  return "Error";
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message.split("\n")[0]! : String(e);
}

function where(site: Site): string {
  return `${site.operation} in ${site.region} for account ${site.account}${site.resource ? ` (${site.resource})` : ""}`;
}

/** Say why a call failed, and what its value becomes. */
export function failure(site: Site, e: unknown, notes: Notes): { reason: UnknownReason; code: string } {
  const code = errorCode(e);
  if (code === "ForbiddenOperationError") throw e; // a bug in trailguard, never an AWS answer
  if (DENIED.has(code)) {
    const permission = permissionOf(site.client, site.operation);
    notes.add({ level: "error", id: "access-denied", message: `${where(site)} was denied: the scan needs the IAM permission ${permission ?? site.operation} (docs/iam-policy.json); the values it reads are unknown.` });
    return { reason: "access-denied", code };
  }
  if (OPT_IN.has(code)) {
    notes.add({
      level: "error",
      id: "access-denied",
      message: `${where(site)} was refused (${code}): the region is not enabled for the account (an opt-in region) or the credentials are not valid there; the values it reads are unknown.`,
    });
    return { reason: "access-denied", code };
  }
  notes.add({ level: "error", id: "api-error", message: `${where(site)} failed: ${code}: ${errorMessage(e)}; the values it reads are unknown.` });
  // Not "not-found": nothing says the resource is absent, only that it could not be read.
  return { reason: "access-denied", code };
}

/**
 * Send one call. `absent` maps the error codes that mean "not configured" (NoSuchBucketPolicy,
 * InsightNotEnabledException, ...) to the value that absence stands for.
 */
export async function read<T>(site: Site, notes: Notes, send: () => Promise<T>, absent: Readonly<Record<string, T>> = {}): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await send() };
  } catch (e) {
    const code = errorCode(e);
    if (Object.hasOwn(absent, code)) return { ok: true, value: absent[code]! };
    return { ok: false, ...failure(site, e, notes) };
  }
}

/** Read every page of a paginated call. */
export async function readPages<P, T>(
  site: Site,
  notes: Notes,
  send: (token: string | undefined) => Promise<P>,
  items: (page: P) => readonly T[] | undefined,
  next: (page: P) => string | undefined,
): Promise<Outcome<T[]>> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await read(site, notes, () => send(token));
    if (!page.ok) return page;
    out.push(...(items(page.value) ?? []));
    token = next(page.value);
  } while (token);
  return { ok: true, value: out };
}

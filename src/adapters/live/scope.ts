import type { AccountClients } from "./clients.ts";
import type { Notes, Site } from "./calls.ts";
import type { ClientName } from "./allow-list.ts";

/** What every reader of one account needs. */
export class AccountScope {
  private readonly memo = new Map<string, Promise<unknown>>();
  /** Buckets the account owns, by name, with their region; null when they could not be listed. */
  ownBuckets: ReadonlyMap<string, string> | null = null;
  /** The AWS Organizations ID of the account's organization, when known. */
  orgId: string | null = null;

  constructor(
    readonly id: string,
    readonly partition: string,
    /** The region for global services (STS, Organizations, Account, S3 Control). */
    readonly home: string,
    readonly clients: AccountClients,
    readonly notes: Notes,
  ) {}

  site(client: ClientName, operation: string, region: string, resource?: string): Site {
    return resource === undefined ? { account: this.id, region, client, operation } : { account: this.id, region, client, operation, resource };
  }

  /** Read something once per account, however many trails name it. */
  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = read();
      this.memo.set(key, p);
    }
    return p;
  }

  arn(service: string, region: string, resource: string): string {
    return `arn:${this.partition}:${service}:${region}:${this.id}:${resource}`;
  }
}

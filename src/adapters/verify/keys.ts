/**
 * CloudTrail's public keys (ListPublicKeys), per region, by fingerprint: listed once per region
 * and run, for the time range verified, and turned into key objects once. The keys are the
 * region's, the same for every account, so one account's list serves all; a list that fails (the
 * account may not call ListPublicKeys, say) fails for that account only, and the next account
 * lists the keys itself.
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import { readPages } from "../live/calls.ts";
import type { AccountScope } from "../live/scope.ts";

export type KeyLookup = { readonly key: KeyObject } | { readonly unknownFingerprint: true } | { readonly unreadable: true };

const HOUR = 3_600_000;

type Keys = Map<string, KeyObject>;

export class PublicKeys {
  /** The region's keys, listed (or being listed) by some account. */
  private readonly byRegion = new Map<string, Promise<Keys | null>>();
  /** Accounts whose own list of a region's keys failed, by region: they do not ask again. */
  private readonly failedFor = new Map<string, Set<string>>();

  constructor(
    private readonly start: Date,
    private readonly end: Date,
    private readonly now: Date,
  ) {}

  private async list(scope: AccountScope, region: string): Promise<Keys | null> {
    // Ends: each turn either has keys, or sees this account's own list fail, or sees another
    // account's fail and lists them itself on the next turn.
    for (;;) {
      if (this.failedFor.get(region)?.has(scope.id)) return null;
      let p = this.byRegion.get(region);
      if (!p) {
        const listing: Promise<Keys | null> = this.load(scope, region).then((keys) => {
          if (!keys) {
            let failed = this.failedFor.get(region);
            if (!failed) this.failedFor.set(region, (failed = new Set()));
            failed.add(scope.id);
            if (this.byRegion.get(region) === listing) this.byRegion.delete(region);
          }
          return keys;
        });
        this.byRegion.set(region, (p = listing));
      }
      const keys = await p;
      if (keys) return keys;
    }
  }

  private async load(scope: AccountScope, region: string): Promise<Keys | null> {
    const { cloudtrail } = scope.clients.transport.sdk;
    const c = scope.clients.cloudtrail(region);
    // A digest is signed at the end of its hour: keys valid a little around the range.
    const StartTime = new Date(this.start.getTime() - 2 * HOUR);
    const EndTime = new Date(Math.min(this.now.getTime(), this.end.getTime() + 2 * HOUR));
    const got = await readPages(
      scope.site("CloudTrailClient", "ListPublicKeys", region),
      scope.notes,
      (NextToken) => c.send(new cloudtrail.ListPublicKeysCommand({ StartTime, EndTime, ...(NextToken ? { NextToken } : {}) })),
      (p) => p.PublicKeyList,
      (p) => p.NextToken,
    );
    if (!got.ok) return null;
    const keys: Keys = new Map();
    for (const k of got.value) {
      if (!k.Fingerprint || !k.Value) continue;
      try {
        keys.set(k.Fingerprint.toLowerCase(), createPublicKey({ key: Buffer.from(k.Value), format: "der", type: "pkcs1" }));
      } catch {
        scope.notes.add({ level: "warning", id: "api-error", message: `ListPublicKeys in ${region} returned a key (fingerprint ${k.Fingerprint}) that is not a PKCS #1 RSA public key; digests signed with it cannot be verified.` });
      }
    }
    return keys;
  }

  /** The key a digest names, looked up in its region, then in the trail's home region. */
  async find(scope: AccountScope, regions: readonly string[], fingerprint: string): Promise<KeyLookup> {
    let readable = false;
    for (const region of new Set(regions)) {
      const keys = await this.list(scope, region);
      if (!keys) continue;
      readable = true;
      const key = keys.get(fingerprint.toLowerCase());
      if (key) return { key };
    }
    return readable ? { unknownFingerprint: true } : { unreadable: true };
  }
}

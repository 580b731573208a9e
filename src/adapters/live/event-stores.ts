/** CloudTrail Lake event data stores of one region (ListEventDataStores, then GetEventDataStore each). */
import type { EventDataStore, Key } from "../../model/entities.ts";
import type { Ref } from "../../model/sourced.ts";
import type { UnknownReason } from "../../model/value.ts";
import { read, readPages, type Outcome } from "./calls.ts";
import { readKey } from "./keys.ts";
import { entityBase, fact, field, gap, isGap, splitArn } from "./loc.ts";
import type { AccountScope } from "./scope.ts";
import { advancedSelectors } from "./selectors.ts";

async function storeKey(scope: AccountScope, arn: string, id: string | undefined, region: string): Promise<{ ref: Ref<Key> | null; key: Key | null }> {
  if (!id) return { ref: null, key: null };
  const p = splitArn(id);
  if (p && p.account !== scope.id) return { ref: gap("other-account", arn, "KmsKeyId", id), key: null };
  const k = await readKey(scope, id, region);
  return isGap(k) ? { ref: { ...k, loc: { arn, address: arn, path: ["KmsKeyId"] } }, key: null } : { ref: { kind: "resolved", target: k, via: { arn, address: arn, path: ["KmsKeyId"] } }, key: k };
}

export async function listStores(scope: AccountScope, region: string): Promise<Outcome<{ stores: EventDataStore[]; keys: Key[] }>> {
  const { cloudtrail } = scope.clients.transport.sdk;
  const c = scope.clients.cloudtrail(region);
  const listed = await readPages(
    scope.site("CloudTrailClient", "ListEventDataStores", region),
    scope.notes,
    (NextToken) => c.send(new cloudtrail.ListEventDataStoresCommand(NextToken ? { NextToken } : {})),
    (p) => p.EventDataStores,
    (p) => p.NextToken,
  );
  if (!listed.ok) return listed;
  const stores: EventDataStore[] = [];
  const keys: Key[] = [];
  for (const s of listed.value) {
    const arn = s.EventDataStoreArn;
    if (!arn) continue;
    const got = await read(scope.site("CloudTrailClient", "GetEventDataStore", region, arn), scope.notes, () => c.send(new cloudtrail.GetEventDataStoreCommand({ EventDataStore: arn })));
    const key = await storeKey(scope, arn, got.ok ? got.value.KmsKeyId : undefined, region);
    if (key.key) keys.push(key.key);
    stores.push({
      type: "event-data-store",
      ...entityBase(arn, s.Name ?? arn, scope.id, region),
      name: fact(s.Name ?? arn, arn, "Name"),
      isMultiRegion: field(got, arn, "MultiRegionEnabled", (v) => v.MultiRegionEnabled),
      isOrganization: field(got, arn, "OrganizationEnabled", (v) => v.OrganizationEnabled),
      ingesting: field(got, arn, "Status", (v) => (v.Status === undefined ? undefined : v.Status === "ENABLED")),
      selectors: field(got, arn, "AdvancedEventSelectors", (v) => (v.AdvancedEventSelectors ? advancedSelectors(v.AdvancedEventSelectors, arn, "AdvancedEventSelectors") : undefined)),
      kmsKeyId: got.ok ? fact(got.value.KmsKeyId ?? null, arn, "KmsKeyId") : gap(got.reason, arn, "KmsKeyId", got.code),
      kmsKey: got.ok ? key.ref : gap(got.reason, arn, "KmsKeyId", got.code),
    });
  }
  return { ok: true, value: { stores, keys } };
}

/** Stands for the stores of regions that could not be listed, so that no rule concludes there are none. */
export function unknownStore(scope: AccountScope, region: string, reason: UnknownReason): EventDataStore {
  const arn = scope.arn("cloudtrail", region, "eventdatastore/*");
  const u = gap(reason, arn, [], "the region's event data stores could not be listed");
  return {
    type: "event-data-store",
    ...entityBase(arn, `(event data stores of ${scope.id} in ${region})`, scope.id, region),
    name: u,
    isMultiRegion: u,
    isOrganization: u,
    ingesting: u,
    selectors: u,
    kmsKeyId: u,
    kmsKey: u,
  };
}

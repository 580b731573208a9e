/** The KMS key a trail (or event data store) encrypts with: DescribeKey, GetKeyPolicy, GetKeyRotationStatus. */
import type { Key } from "../../model/entities.ts";
import type { Unknown } from "../../model/sourced.ts";
import { read } from "./calls.ts";
import { entityBase, fact, field, gap, splitArn } from "./loc.ts";
import { policyDoc } from "./policy.ts";
import type { AccountScope } from "./scope.ts";

/** The key, or why it is unknown. `keyRef` is the ARN a trail names (key or alias). */
export function readKey(scope: AccountScope, keyRef: string, fallbackRegion: string): Promise<Key | Unknown> {
  return scope.once(`key:${keyRef}`, async () => {
    const parts = splitArn(keyRef);
    const region = parts?.region || fallbackRegion;
    const { kms } = scope.clients.transport.sdk;
    const c = scope.clients.kms(region);
    const n = scope.notes;
    const described = await read(scope.site("KMSClient", "DescribeKey", region, keyRef), n, () => c.send(new kms.DescribeKeyCommand({ KeyId: keyRef })));
    if (!described.ok) return gap(described.reason, keyRef, [], described.code);
    const meta = described.value.KeyMetadata;
    const arn = meta?.Arn ?? keyRef;
    const keyId = meta?.KeyId ?? arn;
    const [policy, rotation] = await Promise.all([
      read(scope.site("KMSClient", "GetKeyPolicy", region, arn), n, async () => (await c.send(new kms.GetKeyPolicyCommand({ KeyId: arn, PolicyName: "default" }))).Policy ?? null),
      // Asymmetric and HMAC keys cannot rotate automatically.
      read(scope.site("KMSClient", "GetKeyRotationStatus", region, arn), n, async () => (await c.send(new kms.GetKeyRotationStatusCommand({ KeyId: arn }))).KeyRotationEnabled ?? false, { UnsupportedOperationException: false }),
    ]);
    const alias = /:(alias\/.+)$/.exec(keyRef)?.[1];
    return {
      type: "key",
      ...entityBase(arn, alias ?? keyId, parts?.account ?? scope.id, region),
      keyId: fact(keyId, arn, "KeyId"),
      aliases: alias ? [alias] : [],
      rotationEnabled: field(rotation, arn, "KeyRotationEnabled", (v) => v),
      policy: field(policy, arn, "Policy", (p) => (p === null ? null : policyDoc(p, arn, "Policy"))),
      keySpec: meta?.KeySpec ?? meta?.CustomerMasterKeySpec ? fact(String(meta.KeySpec ?? meta.CustomerMasterKeySpec), arn, "KeySpec") : gap("not-found", arn, "KeySpec"),
      customerManaged: meta?.KeyManager ? fact(meta.KeyManager === "CUSTOMER", arn, "KeyManager") : gap("not-found", arn, "KeyManager"),
    };
  });
}

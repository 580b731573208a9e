import { str, type CallContext, type JsonHandler } from "../context.ts";
import { FakeError } from "../wire.ts";
import { keyArn, type FakeKey } from "../world.ts";

/** A key by ID, key ARN, alias name or alias ARN, in the caller's account and region. */
function findKey(id: string, ctx: CallContext): FakeKey {
  const m = /^arn:[^:]+:kms:([^:]+):(\d+):(key\/|)(.+)$/.exec(id);
  if (m && (m[2] !== ctx.account.id || m[1] !== ctx.region)) throw new FakeError("AccessDeniedException", `User: ${ctx.principalArn} is not authorized to access ${id}`);
  const handle = m ? m[4]! : id;
  const k = ctx.account.keys.find((x) => x.region === ctx.region && (x.id === handle || x.aliases.includes(handle)));
  if (!k) throw new FakeError("NotFoundException", `Key '${id}' does not exist`);
  return k;
}

export const kms: Record<string, JsonHandler> = {
  DescribeKey(input, ctx) {
    const k = findKey(str(input, "KeyId"), ctx);
    return {
      KeyMetadata: {
        AWSAccountId: ctx.account.id,
        KeyId: k.id,
        Arn: keyArn(k, ctx.account.id, ctx.world.partition),
        Enabled: true,
        KeyState: "Enabled",
        KeyUsage: "ENCRYPT_DECRYPT",
        KeyManager: k.manager,
        KeySpec: k.spec,
        CustomerMasterKeySpec: k.spec,
        Origin: "AWS_KMS",
        CreationDate: 1_700_000_000,
      },
    };
  },
  GetKeyPolicy(input, ctx) {
    const k = findKey(str(input, "KeyId"), ctx);
    return { Policy: JSON.stringify(k.policy), PolicyName: "default" };
  },
  GetKeyRotationStatus(input, ctx) {
    const k = findKey(str(input, "KeyId"), ctx);
    if (k.spec !== "SYMMETRIC_DEFAULT") throw new FakeError("UnsupportedOperationException", `${k.id} key spec does not support rotation`);
    return { KeyRotationEnabled: k.rotation, KeyId: keyArn(k, ctx.account.id, ctx.world.partition) };
  },
};

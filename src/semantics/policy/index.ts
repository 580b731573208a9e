/**
 * IAM, S3 bucket and KMS key policy evaluation: pure functions of a policy `Value`.
 * Every answer is three-valued; a part that could not be read never counts as "bad".
 */
export { normalizePolicy } from "./normalize.ts";
export type {
  AnyStatement,
  Clause,
  Conditions,
  Element,
  KnownPolicy,
  Names,
  Policy,
  PrincipalId,
  Principals,
  Statement,
  Unreadable,
} from "./normalize.ts";
export type { Tri } from "./tri.ts";
export { namesCover, namesTouch, principalMatches } from "./match.ts";
export type { RequestPrincipal, Target } from "./match.ts";
export { clauseRestricts, conditionsRestrict, evaluateConditions, lookupFromRecord, RESTRICTING_KEYS } from "./conditions.ts";
export type { ContextRecord, EvalContext } from "./conditions.ts";
export { evaluateRequest } from "./evaluate.ts";
export type { Decision, Request, RequestResult } from "./evaluate.ts";
export { deleteProtection, DELETE_ACTIONS } from "./delete-protection.ts";
export type { DeleteAction, DeleteProtection, LogObjects, ProtectionResult } from "./delete-protection.ts";
export { publicGrants, statementIsPublic } from "./public-grants.ts";
export type { PublicGrants } from "./public-grants.ts";
export { CLOUDTRAIL, cloudTrailDelivery, kmsAllowsCloudTrail } from "./cloudtrail-access.ts";
export type {
  Delivery,
  DeliveryNeed,
  DeliveryResult,
  KeyAccess,
  KeyAccessResult,
  TrailBucket,
  TrailIdentity,
  TrailKey,
} from "./cloudtrail-access.ts";

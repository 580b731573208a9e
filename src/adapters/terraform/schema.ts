/**
 * The little schema knowledge the evaluator needs. In JSON syntax a nested block and an attribute
 * holding an object look the same; these names (nested blocks of the AWS resources trailguard
 * reads, and Terraform's own) are read as blocks.
 */
const NESTED_BLOCKS = new Set([
  // Terraform
  "dynamic",
  "content",
  "lifecycle",
  "provisioner",
  "connection",
  "timeouts",
  "precondition",
  "postcondition",
  // aws_cloudtrail, aws_cloudtrail_event_data_store
  "event_selector",
  "data_resource",
  "advanced_event_selector",
  "field_selector",
  "insight_selector",
  // aws_s3_bucket (provider v3 inline blocks) and the v4 split resources
  "versioning",
  "versioning_configuration",
  "logging",
  "lifecycle_rule",
  "rule",
  "filter",
  "and",
  "tag",
  "expiration",
  "noncurrent_version_expiration",
  "transition",
  "noncurrent_version_transition",
  "abort_incomplete_multipart_upload",
  "server_side_encryption_configuration",
  "apply_server_side_encryption_by_default",
  "object_lock_configuration",
  "default_retention",
  "grant",
  "grantee",
  "owner",
  "access_control_policy",
  "target_grant",
  "target_object_key_format",
  "partitioned_prefix",
  "simple_prefix",
  "cors_rule",
  "website",
  "replication_configuration",
  "destination",
  // aws_iam_policy_document
  "statement",
  "principals",
  "not_principals",
  "condition",
  // CloudWatch
  "metric_transformation",
  "metric_query",
  "metric",
  // aws_iam_role
  "inline_policy",
]);

export function isNestedBlockName(name: string): boolean {
  return NESTED_BLOCKS.has(name);
}

/** Meta-arguments of resource and data blocks, not part of the resource's configuration. */
export const RESOURCE_META_ATTRIBUTES: ReadonlySet<string> = new Set(["count", "for_each", "depends_on", "provider"]);
export const RESOURCE_META_BLOCKS: ReadonlySet<string> = new Set(["lifecycle", "provisioner", "connection"]);

/** Arguments of a module block that are not input variables. */
export const MODULE_META_ATTRIBUTES: ReadonlySet<string> = new Set([
  "source",
  "version",
  "count",
  "for_each",
  "providers",
  "depends_on",
]);

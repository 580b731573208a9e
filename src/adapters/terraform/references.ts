/**
 * What a reference to a resource sees besides its configured arguments: the attributes the
 * provider computes. Names and ARNs that only exist after apply are built from symbolic tokens
 * (`symbol("aws_s3_bucket.logs.bucket")`) so that every reference to the same resource yields the
 * same text; the region and account are `symbol("aws:region")` and `symbol("aws:account")`. The
 * partition is "aws". Anything else not configured is unknown (see markOpen in evaluate.ts).
 */
import { symbol, UnknownValue, type Value, type ValueMap } from "../../model/value.ts";
import { bodyValue } from "./body.ts";
import { markOpen } from "./evaluate.ts";
import { policyDocumentAttributes } from "./policy-document.ts";
import type { EvaluatedBody } from "./results.ts";
import { own } from "./values.ts";

export const REGION = symbol("aws:region");
export const ACCOUNT = symbol("aws:account");
export const PARTITION = "aws";

type Computed = Record<string, Value>;

/** The object a reference to this resource instance evaluates to. */
export function instanceObject(mode: "managed" | "data", type: string, address: string, body: EvaluatedBody): ValueMap {
  const config = bodyValue(body);
  const computed = mode === "managed" ? managedAttributes(type, address, config) : dataAttributes(type, config, body);
  // `config` is this instance's own fresh object: the computed attributes go straight into it.
  const object = config as Record<string, Value>;
  for (const [k, v] of Object.entries(computed)) {
    const given = own(config, k);
    // Computed identity wins over an unknown configured value: the name is unknown text but a known identity.
    if (given === undefined || (given instanceof UnknownValue && typeof v === "string")) object[k] = v;
  }
  return markOpen(config);
}

/** A configured name when its text is known, else the resource's symbolic name. */
function nameOf(config: ValueMap, attr: string, address: string): string {
  const v = own(config, attr);
  if (typeof v === "string") return v;
  return symbol(`${address}.${attr}`);
}

function regionOf(config: ValueMap): string {
  const r = own(config, "region");
  return typeof r === "string" ? r : REGION;
}

function managedAttributes(type: string, address: string, config: ValueMap): Computed {
  const region = regionOf(config);
  switch (type) {
    case "aws_s3_bucket": {
      const name = nameOf(config, "bucket", address);
      return {
        id: name,
        bucket: name,
        arn: `arn:${PARTITION}:s3:::${name}`,
        bucket_domain_name: `${name}.s3.amazonaws.com`,
        bucket_regional_domain_name: `${name}.s3.${region}.amazonaws.com`,
        region,
      };
    }
    case "aws_cloudtrail": {
      const name = nameOf(config, "name", address);
      const arn = `arn:${PARTITION}:cloudtrail:${region}:${ACCOUNT}:trail/${name}`;
      const topic = own(config, "sns_topic_name");
      const computed: Computed = { name, arn, id: arn, home_region: region };
      if (typeof topic === "string") {
        computed.sns_topic_arn = topic.startsWith("arn:") ? topic : `arn:${PARTITION}:sns:${region}:${ACCOUNT}:${topic}`;
      }
      return computed;
    }
    case "aws_kms_key": {
      const keyId = symbol(`${address}.key_id`);
      return { id: keyId, key_id: keyId, arn: `arn:${PARTITION}:kms:${region}:${ACCOUNT}:key/${keyId}` };
    }
    case "aws_kms_alias": {
      const name = nameOf(config, "name", address);
      const target = own(config, "target_key_id");
      const computed: Computed = { id: name, name, arn: `arn:${PARTITION}:kms:${region}:${ACCOUNT}:${name}` };
      if (typeof target === "string") {
        computed.target_key_arn = target.startsWith("arn:") ? target : `arn:${PARTITION}:kms:${region}:${ACCOUNT}:key/${target}`;
      }
      return computed;
    }
    case "aws_cloudwatch_log_group": {
      const name = nameOf(config, "name", address);
      return { id: name, name, arn: `arn:${PARTITION}:logs:${region}:${ACCOUNT}:log-group:${name}` };
    }
    case "aws_sns_topic": {
      const name = nameOf(config, "name", address);
      const arn = `arn:${PARTITION}:sns:${region}:${ACCOUNT}:${name}`;
      return { id: arn, arn, name };
    }
    case "aws_iam_role": {
      const name = nameOf(config, "name", address);
      const path = own(config, "path");
      const prefix = typeof path === "string" ? path.replace(/^\//, "") : "";
      return { id: name, name, arn: `arn:${PARTITION}:iam::${ACCOUNT}:role/${prefix}${name}` };
    }
    case "aws_s3_bucket_policy":
    case "aws_s3_bucket_versioning":
    case "aws_s3_bucket_public_access_block":
    case "aws_s3_bucket_object_lock_configuration":
    case "aws_s3_bucket_lifecycle_configuration":
    case "aws_s3_bucket_logging":
    case "aws_s3_bucket_acl":
    case "aws_s3_bucket_server_side_encryption_configuration": {
      const bucket = own(config, "bucket");
      return typeof bucket === "string" ? { id: bucket } : {};
    }
    default:
      return {};
  }
}

function dataAttributes(type: string, config: ValueMap, body: EvaluatedBody): Computed {
  switch (type) {
    case "aws_caller_identity":
      return { id: ACCOUNT, account_id: ACCOUNT, arn: symbol("aws:caller-arn") };
    case "aws_region": {
      const given = own(config, "name") ?? own(config, "region");
      const name = typeof given === "string" ? given : REGION;
      return { id: name, name, region: name };
    }
    case "aws_partition":
      return { id: PARTITION, partition: PARTITION, dns_suffix: "amazonaws.com", reverse_dns_prefix: "com.amazonaws" };
    case "aws_organizations_organization":
      return { id: symbol("aws:organization") };
    case "aws_iam_policy_document":
      return policyDocumentAttributes(body);
    case "aws_s3_bucket": {
      const name = own(config, "bucket");
      if (typeof name !== "string") return {};
      return { id: name, arn: `arn:${PARTITION}:s3:::${name}` };
    }
    case "aws_kms_key": {
      const keyId = own(config, "key_id");
      if (typeof keyId === "string" && keyId.startsWith("arn:")) return { arn: keyId };
      return {};
    }
    default:
      return {};
  }
}

import { cases, json, tf, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const requireTrail = "# the pipeline owns the account's trail\nrequireTrail: true\n";

/** A Terraform trail, multi-region and logging unless told otherwise. */
const tfTrail = (attrs = "  is_multi_region_trail = true\n", head = "") =>
  head +
  `resource "aws_cloudtrail" "main" {
  name           = "audit"
  s3_bucket_name = "logs"
${attrs}}
`;

export default cases({
  valid: [
    {
      name: "cfn: a multi-region logging trail with default selectors",
      config: requireTrail,
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true, IsMultiRegionTrail: true }
      `,
    },
    {
      name: "cfn: without requireTrail, a template with no trail is fine",
      cfn: yaml`
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
      `,
    },
    {
      name: "cfn json: one compliant trail is enough beside a stopped secondary trail",
      config: requireTrail,
      cfnJson: json`
        { "Resources": {
          "Main": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "logs", "IsLogging": true, "IsMultiRegionTrail": true } },
          "Side": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "logs", "IsLogging": false } } } }
      `,
    },
    {
      name: "cfn: a multi-region event data store that records management events",
      config: requireTrail,
      cfn: yaml`
        Resources:
          Lake:
            Type: AWS::CloudTrail::EventDataStore
            Properties:
              Name: lake
              AdvancedEventSelectors:
                - Name: management
                  FieldSelectors:
                    - { Field: eventCategory, Equals: [Management] }
      `,
    },
    {
      name: "cfn: multi-region flag from an unset parameter might qualify (unknown is not bad)",
      config: requireTrail,
      cfn: yaml`
        Parameters:
          MultiRegion: { Type: String }
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true, IsMultiRegionTrail: !Ref MultiRegion }
      `,
    },
    {
      name: "tf: multi-region from a variable default",
      config: requireTrail,
      tf: tfTrail("  is_multi_region_trail = var.multi_region\n", 'variable "multi_region" {\n  default = true\n}\n'),
    },
    {
      name: "tf: a multi-region event data store",
      config: requireTrail,
      tf: tf`
        resource "aws_cloudtrail_event_data_store" "lake" {
          name = "lake"
          advanced_event_selector {
            name = "management"
            field_selector {
              field  = "eventCategory"
              equals = ["Management"]
            }
          }
        }
      `,
    },
    {
      name: "tf: a compliant trail in a local module, multi-region from the module argument",
      config: requireTrail,
      tf: 'module "trail" {\n  source       = "./modules/trail"\n  multi_region = true\n}\n',
      files: { "modules/trail/main.tf": 'variable "multi_region" {}\n\n' + tfTrail("  is_multi_region_trail = var.multi_region\n") },
    },
    {
      name: "tf: one compliant trail is enough beside a stopped one with a conditional",
      config: requireTrail,
      tf: tfTrail() + '\nresource "aws_cloudtrail" "side" {\n  name           = "side"\n  s3_bucket_name = "logs"\n  enable_logging = var.env == "prod" ? true : false\n}\n\nvariable "env" {\n  default = "dev"\n}\n',
    },
    { name: "tf: without requireTrail, no trail is fine", tf: 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n' },
    {
      name: "tf: a *.auto.tfvars file makes the trail multi-region",
      config: requireTrail,
      tf: tfTrail("  is_multi_region_trail = var.multi_region\n", 'variable "multi_region" {\n  default = false\n}\n'),
      files: { "org.auto.tfvars": "multi_region = true\n" },
    },
    { name: "live: a multi-region trail that is logging", live: live.single() },
    { name: "live: a member account covered by its organization's trail", live: live.inOrganization(live.MEMBER) },
    { name: "live: no trail, but an event data store records management events in every region", live: live.withStore({}, []) },
  ],
  invalid: [
    {
      name: "cfn: requireTrail and no trail at all, at the config key",
      config: requireTrail,
      cfn: yaml`
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
      `,
      errors: [{ messageId: "missing", line: 2, column: 1, endLine: 2, endColumn: 19, file: ".trailguard.yml" }],
    },
    {
      name: "cfn: only a single-region trail",
      config: requireTrail,
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true }
      `,
      errors: [{ messageId: "missing", line: 2, column: 1 }],
    },
    {
      name: "cfn: a multi-region trail that records only write management events",
      config: requireTrail,
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              IsMultiRegionTrail: true
              EventSelectors:
                - { ReadWriteType: WriteOnly, IncludeManagementEvents: true }
      `,
      errors: [{ messageId: "missing", line: 2, column: 1 }],
    },
    {
      name: "cfn json: a stopped multi-region trail",
      config: requireTrail,
      cfnJson: json`
        { "Resources": { "T": { "Type": "AWS::CloudTrail::Trail",
          "Properties": { "S3BucketName": "logs", "IsLogging": false, "IsMultiRegionTrail": true } } } }
      `,
      errors: [{ messageId: "missing", line: 2, column: 1 }],
    },
    {
      name: "tf: only a single-region trail (terraform.tfvars), at the config key",
      config: requireTrail,
      tf: tfTrail("  is_multi_region_trail = var.multi_region\n", 'variable "multi_region" {\n  default = true\n}\n'),
      files: { "terraform.tfvars": "multi_region = false\n" },
      errors: [{ messageId: "missing", line: 2, column: 1, endLine: 2, endColumn: 19, file: ".trailguard.yml" }],
    },
    {
      name: "tf: the only compliant trail has count = 0",
      config: requireTrail,
      tf: tfTrail("  count                 = 0\n  is_multi_region_trail = true\n"),
      errors: [{ messageId: "missing", line: 2, column: 1, file: ".trailguard.yml" }],
    },
    {
      name: "tf: a multi-region trail whose dynamic event_selector records only writes",
      config: requireTrail,
      tf: tfTrail(
        '  is_multi_region_trail = true\n  dynamic "event_selector" {\n    for_each = local.selectors\n    content {\n      read_write_type = event_selector.value\n    }\n  }\n',
        'locals {\n  selectors = ["WriteOnly"]\n}\n',
      ),
      errors: [{ messageId: "missing", line: 2, column: 1 }],
    },
    {
      name: "tf: a module trail stopped by its module argument",
      config: requireTrail,
      tf: 'module "trail" {\n  source  = "./modules/trail"\n  logging = false\n}\n',
      files: { "modules/trail/main.tf": 'variable "logging" {}\n\n' + tfTrail("  is_multi_region_trail = true\n  enable_logging        = var.logging\n") },
      errors: [{ messageId: "missing", line: 2, column: 1 }],
    },
    {
      name: "tf: an event data store made single-region by a local",
      config: requireTrail,
      tf: 'locals {\n  multi_region = false\n}\n\nresource "aws_cloudtrail_event_data_store" "lake" {\n  name                 = "lake"\n  multi_region_enabled = local.multi_region\n}\n',
      errors: [{ messageId: "missing", line: 2, column: 1 }],
    },
    { name: "live: no trail at all", live: { world: live.world(live.account(live.ACCOUNT, { regions: ["us-east-1", "eu-west-1"] })) }, errors: [{ messageId: "missingLive", arn: live.ACCOUNT_ARN }] },
    {
      name: "live: a stopped trail and a single-region one (each gets its own results, the account TG001)",
      live: { world: live.world(live.account(live.ACCOUNT, { regions: ["us-east-1", "eu-west-1"], trails: [live.trail("stopped", { status: { IsLogging: false } }), live.trail("regional", { multiRegion: false })] })) },
      errors: [{ messageId: "missingLive", arn: live.ACCOUNT_ARN, message: "111111111111" }],
    },
    { name: "live: an event data store that stopped ingesting", live: live.withStore({ status: "STOPPED_INGESTION" }, []), errors: [{ messageId: "missingLive", arn: live.ACCOUNT_ARN }] },
  ],
  review: [
    {
      name: "cfn: the only trail's logging flag is unknown, under --strict",
      config: requireTrail,
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsMultiRegionTrail: true }
      `,
      errors: [{ messageId: "unknown", line: 2, column: 1 }],
    },
    {
      name: "tf: the only trail's logging flag is an unset variable, under --strict",
      config: requireTrail,
      tf: tfTrail("  is_multi_region_trail = true\n  enable_logging        = var.logging\n", 'variable "logging" {\n  type = bool\n}\n'),
      errors: [{ messageId: "unknown", line: 2, column: 1 }],
    },
  ],
});

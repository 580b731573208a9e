import { cases, json, tf, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const trail = (selectors: string) => yaml`
  Resources:
    Trail:
      Type: AWS::CloudTrail::Trail
      Properties:
        S3BucketName: logs
        IsLogging: true
` + selectors;

const tfTrail = (body: string, head = "") =>
  head +
  `resource "aws_cloudtrail" "main" {
  name           = "audit"
  s3_bucket_name = "logs"
${body}}
`;
const selector = (rw: string, extra = "") => `  event_selector {\n    read_write_type           = ${rw}\n    include_management_events = true\n${extra}  }\n`;
const dynamicSelectors = (forEach: string) =>
  `  dynamic "event_selector" {\n    for_each = ${forEach}\n    content {\n      read_write_type = event_selector.value\n    }\n  }\n`;
const trailModule = tf`
  variable "read_write_type" {
    type = string
  }

  resource "aws_cloudtrail" "this" {
    name           = "org-audit"
    s3_bucket_name = "logs"
    event_selector {
      read_write_type = var.read_write_type
    }
  }
`;
const callModule = (rw: string) => `module "trail" {\n  source          = "./modules/trail"\n  read_write_type = "${rw}"\n}\n`;

export default cases({
  valid: [
    { name: "cfn: no selectors record all management events", cfn: trail("") },
    {
      name: "cfn: basic selector with ReadWriteType All and data events",
      cfn: trail(
        "      EventSelectors:\n        - ReadWriteType: All\n          IncludeManagementEvents: true\n          DataResources: [{ Type: AWS::S3::Object, Values: [arn:aws:s3] }]\n",
      ),
    },
    {
      name: "cfn json: advanced management selector excluding KMS events",
      cfnJson: json`
        { "Resources": { "T": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "logs", "IsLogging": true,
          "AdvancedEventSelectors": [ { "Name": "mgmt", "FieldSelectors": [
            { "Field": "eventCategory", "Equals": ["Management"] },
            { "Field": "eventSource", "NotEquals": ["kms.amazonaws.com"] } ] } ] } } } }
      `,
    },
    {
      name: "cfn: read and write selectors add up",
      cfn: trail(
        "      EventSelectors:\n        - { ReadWriteType: ReadOnly, IncludeManagementEvents: true }\n        - { ReadWriteType: WriteOnly, IncludeManagementEvents: true }\n",
      ),
    },
    { name: "tf: no selectors record all management events", tf: tfTrail("") },
    {
      name: "tf: read_write_type from a variable default, with S3 data events",
      tf: tfTrail(
        selector("var.read_write_type", '    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3"]\n    }\n'),
        'variable "read_write_type" {\n  default = "All"\n}\n\n',
      ),
    },
    { name: "tf: read and write selectors from a dynamic block over a local add up", tf: tfTrail(dynamicSelectors("local.kinds"), 'locals {\n  kinds = ["ReadOnly", "WriteOnly"]\n}\n\n') },
    { name: "tf: a local module called with read_write_type = All", tf: callModule("All"), files: { "modules/trail/main.tf": trailModule } },
    {
      name: "tf: a conditional decided by terraform.tfvars",
      tf: tfTrail(selector('var.env == "prod" ? "All" : "WriteOnly"'), 'variable "env" {}\n\n'),
      files: { "terraform.tfvars": 'env = "prod"\n' },
    },
    {
      name: "tf: an advanced management selector excluding KMS events",
      tf: tfTrail(
        '  advanced_event_selector {\n    name = "mgmt"\n    field_selector {\n      field  = "eventCategory"\n      equals = ["Management"]\n    }\n    field_selector {\n      field      = "eventSource"\n      not_equals = ["kms.amazonaws.com"]\n    }\n  }\n',
      ),
    },
    {
      name: "tf: a dynamic ReadOnly selector over an unset variable may make no block at all (unknown)",
      tf: tfTrail(dynamicSelectors("var.kinds").replace("event_selector.value", '"ReadOnly"'), 'variable "kinds" {\n  type = list(string)\n}\n\n'),
    },
    { name: "tf: a WriteOnly trail with count = 0 does not exist", tf: tfTrail(selector('"WriteOnly"')).replace('"main" {\n', '"main" {\n  count          = 0\n') },
    { name: "live: the default selector (all management events)", live: live.single() },
    {
      name: "live: an advanced selector for all management events, whatever its name",
      live: live.single({ trail: { advancedEventSelectors: [{ Name: "read-only please", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] }] } }),
    },
  ],
  invalid: [
    {
      name: "cfn: only write management events",
      cfn: trail("      EventSelectors:\n        - ReadWriteType: WriteOnly\n          IncludeManagementEvents: true\n"),
      errors: [{ messageId: "onlyWrite", line: 7, column: 7 }],
    },
    {
      name: "cfn: management events excluded, data events only",
      cfn: trail(
        "      EventSelectors:\n        - ReadWriteType: All\n          IncludeManagementEvents: false\n          DataResources: [{ Type: AWS::S3::Object, Values: [arn:aws:s3] }]\n",
      ),
      errors: [{ messageId: "none", line: 7, column: 7 }],
    },
    {
      name: "cfn json: advanced selector with readOnly true only (judged by fields, not by its name)",
      cfnJson: json`
        { "Resources": { "T": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "logs", "IsLogging": true,
          "AdvancedEventSelectors": [ { "Name": "All management events", "FieldSelectors": [
            { "Field": "eventCategory", "Equals": ["Management"] },
            { "Field": "readOnly", "Equals": ["true"] } ] } ] } } } }
      `,
      errors: [{ messageId: "onlyRead", line: 2, column: 3 }],
    },
    {
      name: 'tf: read_write_type = "WriteOnly", at the selector block',
      tf: tfTrail(selector('"WriteOnly"')),
      errors: [{ messageId: "onlyWrite", line: 4, column: 3, endLine: 7, endColumn: 4, message: "Trail audit" }],
    },
    {
      name: "tf: include_management_events false from terraform.tfvars",
      tf: tfTrail(
        '  event_selector {\n    include_management_events = var.management\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3"]\n    }\n  }\n',
        'variable "management" {\n  default = true\n}\n\n',
      ),
      files: { "terraform.tfvars": "management = false\n" },
      errors: [{ messageId: "none", line: 8, column: 3 }],
    },
    {
      name: "tf: a dynamic event_selector over a *.auto.tfvars list of reads only",
      tf: tfTrail(dynamicSelectors("var.kinds"), 'variable "kinds" {\n  default = ["All"]\n}\n\n'),
      files: { "selectors.auto.tfvars": 'kinds = ["ReadOnly"]\n' },
      errors: [{ messageId: "onlyRead", line: 8, column: 3 }],
    },
    {
      name: "tf: a module called with WriteOnly, reported inside the module",
      tf: callModule("WriteOnly"),
      files: { "modules/trail/main.tf": trailModule },
      errors: [{ messageId: "onlyWrite", line: 8, column: 3, file: "modules/trail/main.tf", message: "Trail org-audit" }],
    },
    {
      name: "tf: a conditional on a variable default",
      tf: tfTrail(selector('var.env == "prod" ? "All" : "WriteOnly"'), 'variable "env" {\n  default = "dev"\n}\n\n'),
      errors: [{ messageId: "onlyWrite", line: 8, column: 3 }],
    },
    {
      name: "tf: an advanced selector with readOnly = true only (judged by fields, not by name)",
      tf: tfTrail(
        '  advanced_event_selector {\n    name = "All management events"\n    field_selector {\n      field  = "eventCategory"\n      equals = ["Management"]\n    }\n    field_selector {\n      field  = "readOnly"\n      equals = ["true"]\n    }\n  }\n',
      ),
      errors: [{ messageId: "onlyRead", line: 4, column: 3 }],
    },
    {
      name: "live: write-only management events",
      live: live.single({ trail: { eventSelectors: [{ ReadWriteType: "WriteOnly", IncludeManagementEvents: true, DataResources: [] }] } }),
      errors: [{ messageId: "onlyWrite", arn: live.TRAIL_ARN }],
    },
    {
      name: "live: an advanced selector for read-only management events",
      live: live.single({ trail: { advancedEventSelectors: [{ Name: "all", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }, { Field: "readOnly", Equals: ["true"] }] }] } }),
      errors: [{ messageId: "onlyRead", arn: live.TRAIL_ARN }],
    },
  ],
  review: [
    {
      name: "cfn: selectors from an import under --strict",
      cfn: trail("      EventSelectors: !ImportValue selectors\n"),
      errors: [{ messageId: "unknown", line: 7, column: 7 }],
    },
    {
      name: "tf: a dynamic event_selector over an unset variable under --strict",
      tf: tfTrail(dynamicSelectors("var.kinds"), 'variable "kinds" {\n  type = list(string)\n}\n\n'),
      errors: [{ messageId: "unknown", line: 8, column: 3 }],
    },
    {
      name: "tf: read_write_type from an unset variable under --strict",
      tf: tfTrail(selector("var.read_write_type"), 'variable "read_write_type" {\n  type = string\n}\n\n'),
      errors: [{ messageId: "unknown", line: 8, column: 3 }],
    },
  ],
});

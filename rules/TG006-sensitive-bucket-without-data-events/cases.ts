import { cases, tf, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const bucket = `Resources:
  Customers:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-customers
      Tags:
        - { Key: DataClassification, Value: PII }
`;
const trail = (props: string) => `  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
${props}`;

const tfBucket = (tags = '{ DataClassification = "PII" }') => `resource "aws_s3_bucket" "customers" {\n  bucket = "acme-customers"\n  tags   = ${tags}\n}\n\n`;
const tfTrail = (body: string, name = "main") =>
  `resource "aws_cloudtrail" "${name}" {\n  name           = "${name}"\n  s3_bucket_name = "logs"\n${body}}\n`;
const basic = (values: string, rw = '"All"') =>
  `  event_selector {\n    read_write_type = ${rw}\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ${values}\n    }\n  }\n`;
const advanced = (arnCondition: string, readOnly = "") => tf`
  advanced_event_selector {
    name = "customers"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
    ${arnCondition}${readOnly}
  }
`.replace(/^(?=.)/gm, "  ");
const bucketModule = tf`
  variable "classification" {
    type = string
  }

  resource "aws_s3_bucket" "this" {
    bucket = "acme-customers"
    tags   = { DataClassification = var.classification }
  }
`;

export default cases({
  valid: [
    {
      name: "cfn: basic data selector for every bucket, read and write",
      cfn: bucket + trail("      EventSelectors:\n        - ReadWriteType: All\n          DataResources: [{ Type: AWS::S3::Object, Values: ['arn:aws:s3'] }]\n"),
    },
    {
      name: "cfn: advanced selector with StartsWith on the bucket ARN",
      cfn:
        bucket +
        trail(
          "      AdvancedEventSelectors:\n        - Name: customers\n          FieldSelectors:\n            - { Field: eventCategory, Equals: [Data] }\n            - { Field: resources.type, Equals: ['AWS::S3::Object'] }\n            - { Field: resources.ARN, StartsWith: [!Sub '${Customers.Arn}/'] }\n",
        ),
    },
    {
      name: "cfn: read and write from two trails",
      cfn:
        bucket +
        trail("      EventSelectors:\n        - ReadWriteType: ReadOnly\n          DataResources: [{ Type: AWS::S3::Object, Values: ['arn:aws:s3:::acme-customers/'] }]\n") +
        trail("      EventSelectors:\n        - ReadWriteType: WriteOnly\n          DataResources: [{ Type: AWS::S3::Object, Values: ['arn:aws:s3:::'] }]\n").replace("  Trail:", "  Trail2:"),
    },
    {
      name: "cfn: an untagged bucket is not sensitive",
      cfn: yaml`
        Resources:
          Plain:
            Type: AWS::S3::Bucket
      ` + trail(""),
    },
    {
      name: "cfn: a sensitive bucket with no trail in the scanned set is not judged",
      cfn: bucket,
    },
    { name: 'tf: basic data_resource with "arn:aws:s3", read and write', tf: tfBucket() + tfTrail(basic('["arn:aws:s3"]')) },
    {
      name: "tf: advanced selectors with starts_with on the bucket ARN",
      tf: tfBucket() + tfTrail(advanced('field_selector {\n      field       = "resources.ARN"\n      starts_with = ["${aws_s3_bucket.customers.arn}/"]\n    }')),
    },
    {
      name: "tf: read and write from two trails",
      tf: tfBucket() + tfTrail(basic('["arn:aws:s3:::acme-customers/"]', '"ReadOnly"'), "reads") + "\n" + tfTrail(basic('["arn:aws:s3:::"]', '"WriteOnly"'), "writes"),
    },
    { name: "tf: an untagged bucket is not sensitive", tf: tfBucket("{}") + tfTrail("") },
    { name: "tf: a sensitive bucket with no trail in the scanned files is not judged", tf: tfBucket() },
    {
      name: "tf: tags from terraform.tfvars make the bucket not sensitive",
      tf: 'variable "classification" {\n  default = "PII"\n}\n\n' + tfBucket("{ DataClassification = var.classification }") + tfTrail(""),
      files: { "terraform.tfvars": 'classification = "internal"\n' },
    },
    {
      name: "tf: data_resource values from a dynamic block over a local",
      tf:
        'locals {\n  logged = ["${aws_s3_bucket.customers.arn}/"]\n}\n\n' +
        tfBucket() +
        tfTrail('  event_selector {\n    dynamic "data_resource" {\n      for_each = local.logged\n      content {\n        type   = "AWS::S3::Object"\n        values = [data_resource.value]\n      }\n    }\n  }\n'),
    },
    { name: "tf: a data_resource with count = 0 trail and no other trail is not judged", tf: tfBucket() + tfTrail("").replace('{\n  name', '{\n  count          = 0\n  name') },
    {
      name: "live: a trail records S3 data events for every bucket",
      live: live.withSensitiveBucket({ eventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3"] }] }] }),
    },
    {
      name: "live: advanced selectors for the bucket's objects",
      live: live.withSensitiveBucket({
        advancedEventSelectors: [
          { Name: "management", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] },
          { Name: "pii", FieldSelectors: [{ Field: "eventCategory", Equals: ["Data"] }, { Field: "resources.type", Equals: ["AWS::S3::Object"] }, { Field: "resources.ARN", StartsWith: ["arn:aws:s3:::customer-records/"] }] },
        ],
      }),
    },
  ],
  invalid: [
    {
      name: "cfn: a trail with management events only",
      cfn: bucket + trail(""),
      errors: [{ messageId: "none", line: 2, column: 3, message: "acme-customers" }],
    },
    {
      name: "cfn: advanced selector with readOnly = true only",
      cfn:
        bucket +
        trail(
          "      AdvancedEventSelectors:\n        - FieldSelectors:\n            - { Field: eventCategory, Equals: [Data] }\n            - { Field: resources.type, Equals: ['AWS::S3::Object'] }\n            - { Field: readOnly, Equals: ['true'] }\n",
        ),
      errors: [{ messageId: "noWrite", line: 2, column: 3 }],
    },
    {
      name: "cfn: a narrower prefix covers only part of the bucket; a stopped trail covers nothing",
      cfn:
        bucket +
        trail("      EventSelectors:\n        - DataResources: [{ Type: AWS::S3::Object, Values: ['arn:aws:s3:::acme-customers/exports/'] }]\n") +
        trail("      EventSelectors:\n        - DataResources: [{ Type: AWS::S3::Object, Values: ['arn:aws:s3'] }]\n").replace("  Trail:", "  Stopped:").replace("IsLogging: true", "IsLogging: false"),
      errors: [{ messageId: "none", line: 2, column: 3 }],
    },
    {
      name: "cfn: sensitive by a configured name glob",
      config: "sensitiveBuckets:\n  names: ['*-ledger']\n",
      cfn: yaml`
        Resources:
          Ledger:
            Type: AWS::S3::Bucket
            Properties: { BucketName: finance-ledger }
      ` + trail(""),
      errors: [{ messageId: "none", line: 2, column: 3 }],
    },
    {
      name: "tf: a trail with management events only, at the bucket header",
      tf: tfBucket() + tfTrail(""),
      errors: [{ messageId: "none", line: 1, column: 1, endLine: 1, endColumn: 39, message: "acme-customers" }],
    },
    {
      name: "tf: advanced selectors with readOnly = true only",
      tf: tfBucket() + tfTrail(advanced('field_selector {\n      field       = "resources.ARN"\n      starts_with = ["${aws_s3_bucket.customers.arn}/"]\n    }', '\n    field_selector {\n      field  = "readOnly"\n      equals = ["true"]\n    }')),
      errors: [{ messageId: "noWrite", line: 1, column: 1 }],
    },
    {
      name: "tf: a narrower prefix, and a trail stopped by terraform.tfvars",
      tf:
        'variable "logging" {\n  default = true\n}\n\n' +
        tfBucket() +
        tfTrail(basic('["arn:aws:s3:::acme-customers/exports/"]'), "narrow") +
        "\n" +
        tfTrail("  enable_logging = var.logging\n" + basic('["arn:aws:s3"]'), "stopped"),
      files: { "terraform.tfvars": "logging = false\n" },
      errors: [{ messageId: "none", line: 5, column: 1 }],
    },
    {
      name: "tf: sensitive by a configured name glob",
      config: "sensitiveBuckets:\n  names: ['*-ledger']\n",
      tf: 'resource "aws_s3_bucket" "ledger" {\n  bucket = "finance-ledger"\n}\n\n' + tfTrail(""),
      errors: [{ messageId: "none", line: 1, column: 1, message: "finance-ledger" }],
    },
    {
      name: "tf: tags merged in a local, classification from a *.auto.tfvars file",
      tf: 'variable "classification" {\n  default = "public"\n}\n\nlocals {\n  tags = merge({ Team = "crm" }, { data-classification = var.classification })\n}\n\n' + tfBucket("local.tags") + tfTrail(""),
      files: { "classification.auto.tfvars": 'classification = "Confidential"\n' },
      errors: [{ messageId: "none", line: 9, column: 1 }],
    },
    {
      name: "tf: a bucket made sensitive by its module argument, reported inside the module",
      tf: 'module "customers" {\n  source         = "./modules/bucket"\n  classification = "pci"\n}\n\n' + tfTrail(""),
      files: { "modules/bucket/main.tf": bucketModule },
      errors: [{ messageId: "none", line: 5, column: 1, file: "modules/bucket/main.tf", message: "acme-customers" }],
    },
    {
      name: "tf: a conditional gives no data resources outside prod",
      tf: 'variable "env" {\n  default = "dev"\n}\n\n' + tfBucket() + tfTrail(basic('var.env == "prod" ? ["arn:aws:s3"] : []')),
      errors: [{ messageId: "none", line: 5, column: 1 }],
    },
    { name: "live: no data events for a bucket tagged PII", live: live.withSensitiveBucket(), errors: [{ messageId: "none", arn: live.arnOfBucket("customer-records") }] },
    {
      name: "live: read-only data events",
      live: live.withSensitiveBucket({ eventSelectors: [{ ReadWriteType: "ReadOnly", IncludeManagementEvents: true, DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3"] }] }] }),
      errors: [{ messageId: "noWrite", arn: live.arnOfBucket("customer-records") }],
    },
  ],
  review: [
    {
      name: "cfn: trail selectors imported under --strict",
      cfn: bucket + trail("      EventSelectors: !ImportValue shared-selectors\n"),
      errors: [{ messageId: "unknown", line: 2, column: 3 }],
    },
    {
      name: "tf: the classification tag from an unset variable under --strict",
      tf: 'variable "classification" {\n  type = string\n}\n\n' + tfBucket("{ DataClassification = var.classification }") + tfTrail(""),
      errors: [{ messageId: "unknown", line: 5, column: 1 }],
    },
    {
      name: "tf: a dynamic event_selector over an unset variable under --strict",
      tf: 'variable "selectors" {\n  type = list(string)\n}\n\n' + tfBucket() + tfTrail('  dynamic "event_selector" {\n    for_each = var.selectors\n    content {\n      data_resource {\n        type   = "AWS::S3::Object"\n        values = ["arn:aws:s3"]\n      }\n    }\n  }\n'),
      errors: [{ messageId: "unknown", line: 5, column: 1 }],
    },
  ],
});

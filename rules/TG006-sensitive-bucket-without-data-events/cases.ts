import { cases, yaml } from "../../test/support/cases.ts";

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
  ],
  review: [
    {
      name: "cfn: trail selectors imported under --strict",
      cfn: bucket + trail("      EventSelectors: !ImportValue shared-selectors\n"),
      errors: [{ messageId: "unknown", line: 2, column: 3 }],
    },
  ],
});

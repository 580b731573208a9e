import { cases, json, yaml } from "../../test/support/cases.ts";

const trail = (selectors: string) => yaml`
  Resources:
    Trail:
      Type: AWS::CloudTrail::Trail
      Properties:
        S3BucketName: logs
        IsLogging: true
` + selectors;

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
  ],
  review: [
    {
      name: "cfn: selectors from an import under --strict",
      cfn: trail("      EventSelectors: !ImportValue selectors\n"),
      errors: [{ messageId: "unknown", line: 7, column: 7 }],
    },
  ],
});

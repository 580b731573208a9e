import { cases, json, yaml } from "../../test/support/cases.ts";

const requireTrail = "# the pipeline owns the account's trail\nrequireTrail: true\n";

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
  ],
});

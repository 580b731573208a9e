import { cases, json, yaml } from "../../test/support/cases.ts";

export default cases({
  valid: [
    {
      name: "cfn: both insight types",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              InsightSelectors:
                - InsightType: ApiCallRateInsight
                - InsightType: ApiErrorRateInsight
      `,
    },
    {
      name: "cfn json: one insight type",
      cfnJson: json`
        { "Resources": { "T": { "Type": "AWS::CloudTrail::Trail",
          "Properties": { "S3BucketName": "logs", "IsLogging": true, "InsightSelectors": [ { "InsightType": "ApiErrorRateInsight" } ] } } } }
      `,
    },
  ],
  invalid: [
    {
      name: "cfn: no InsightSelectors, at the logical ID",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true }
      `,
      errors: [{ messageId: "none", line: 2, column: 3 }],
    },
    {
      name: "cfn: empty InsightSelectors list",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              InsightSelectors: []
      `,
      errors: [{ messageId: "none", line: 7, column: 7 }],
    },
    {
      name: "cfn json: no InsightSelectors",
      cfnJson: json`
        {"Resources": {"T": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "logs", "IsLogging": true}}}}
      `,
      errors: [{ messageId: "none", line: 1, column: 16 }],
    },
  ],
  review: [
    {
      name: "cfn: insight selectors from an import under --strict",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: logs
              IsLogging: true
              InsightSelectors: !ImportValue insights
      `,
      errors: [{ messageId: "unknown", line: 7, column: 7 }],
    },
  ],
});

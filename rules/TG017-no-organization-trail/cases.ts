import { cases, json, yaml } from "../../test/support/cases.ts";

const organization = "organization: true\n";

export default cases({
  valid: [
    {
      name: "cfn: an organization trail",
      config: organization,
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true, IsMultiRegionTrail: true, IsOrganizationTrail: true }
      `,
    },
    {
      name: "cfn: without organization: true nothing is required",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true }
      `,
    },
    {
      name: "cfn json: organization flag from an unset parameter might be on",
      config: organization,
      cfnJson: json`
        { "Parameters": { "Org": { "Type": "String" } },
          "Resources": { "T": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "logs", "IsLogging": true, "IsOrganizationTrail": { "Ref": "Org" } } } } }
      `,
    },
  ],
  invalid: [
    {
      name: "cfn: organization: true and only an account trail",
      config: organization,
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true, IsMultiRegionTrail: true }
      `,
      errors: [{ messageId: "missing", line: 1, column: 1, file: ".trailguard.yml" }],
    },
    {
      name: "cfn: organization: true and IsOrganizationTrail false",
      config: "requireTrail: false\norganization: true\n",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true, IsOrganizationTrail: "false" }
      `,
      errors: [{ messageId: "missing", line: 2, column: 1 }],
    },
    {
      name: "cfn json: organization: true and no trail",
      config: organization,
      cfnJson: json`
        { "AWSTemplateFormatVersion": "2010-09-09", "Resources": { "B": { "Type": "AWS::S3::Bucket" } } }
      `,
      errors: [{ messageId: "missing", line: 1, column: 1 }],
    },
  ],
});

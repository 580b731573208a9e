import { cases, json, yaml } from "../../test/support/cases.ts";

const trail = `
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref Logs
      IsLogging: true`;

export default cases({
  valid: [
    {
      name: "cfn: logs kept 400 days",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LifecycleConfiguration:
                Rules:
                  - { Id: expire, Status: Enabled, ExpirationInDays: 400 }
      ` + trail,
    },
    {
      name: "cfn: a short rule for another prefix, a disabled rule, and noncurrent versions",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LifecycleConfiguration:
                Rules:
                  - { Id: tmp, Status: Enabled, Prefix: tmp/, ExpirationInDays: 1 }
                  - { Id: off, Status: Disabled, ExpirationInDays: 7 }
                  - { Id: old, Status: Enabled, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }
      ` + trail,
    },
    {
      name: "cfn: configured minimum retention",
      config: "minRetentionDays: 30\n",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LifecycleConfiguration:
                Rules:
                  - { Id: expire, Status: Enabled, ExpirationInDays: 30 }
      ` + trail,
    },
    {
      name: "cfn json: bucket written by no trail is not checked",
      cfnJson: json`
        { "Resources": { "Other": { "Type": "AWS::S3::Bucket", "Properties": {
          "LifecycleConfiguration": { "Rules": [ { "Status": "Enabled", "ExpirationInDays": 1 } ] } } } } }
      `,
    },
  ],
  invalid: [
    {
      name: "cfn: every object expires after 30 days",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LifecycleConfiguration:
                Rules:
                  - Id: expire
                    Status: Enabled
                    ExpirationInDays: 30
      ` + trail,
      errors: [{ messageId: "expires", line: 9, column: 13, message: "after 30 days" }],
    },
    {
      name: "cfn: a rule on the trail's prefix",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LifecycleConfiguration:
                Rules:
                  - { Id: logs, Status: Enabled, Prefix: audit/AWSLogs/, ExpirationInDays: 90 }
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              S3BucketName: !Ref Logs
              S3KeyPrefix: audit
              IsLogging: true
      `,
      errors: [{ messageId: "expires", line: 7, column: 66 }],
    },
    {
      name: "cfn: Object Lock retention of 30 days",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              ObjectLockEnabled: true
              ObjectLockConfiguration:
                ObjectLockEnabled: Enabled
                Rule:
                  DefaultRetention: { Mode: GOVERNANCE, Days: 30 }
      ` + trail,
      errors: [{ messageId: "lockShort", line: 9, column: 11 }],
    },
    {
      name: "cfn json: expiry from a parameter default",
      cfnJson: json`
        {
          "Parameters": { "Days": { "Type": "Number", "Default": 7 } },
          "Resources": {
            "Logs": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": "audit-logs",
              "LifecycleConfiguration": { "Rules": [ { "Status": "Enabled", "ExpirationInDays": { "Ref": "Days" } } ] } } },
            "Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "S3BucketName": "audit-logs", "IsLogging": true } }
          }
        }
      `,
      errors: [{ messageId: "expires", line: 5, column: 69, message: "Bucket audit-logs" }],
    },
  ],
  review: [
    {
      name: "cfn: lifecycle rules imported under --strict",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              LifecycleConfiguration:
                Rules: !ImportValue shared-rules
      ` + trail,
      errors: [{ messageId: "unknown", line: 6, column: 9 }],
    },
  ],
});

import { cases, yaml } from "../../test/support/cases.ts";

const trail = `  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref Logs
      IsLogging: true
`;
const bucket = "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: audit-logs }\n";
const policy = (statements: string) => `  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
${statements}`;

export default cases({
  valid: [
    {
      name: "cfn: Object Lock in compliance mode for a year",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              ObjectLockEnabled: true
              ObjectLockConfiguration:
                ObjectLockEnabled: Enabled
                Rule: { DefaultRetention: { Mode: COMPLIANCE, Years: 1 } }
      ` + trail,
    },
    {
      name: "cfn: a Deny of deletes with a break-glass exemption",
      cfn:
        bucket +
        policy(`          - Sid: DenyLogDeletion
            Effect: Deny
            Principal: "*"
            Action: [s3:DeleteObject, s3:DeleteObjectVersion]
            Resource: arn:aws:s3:::audit-logs/*
            Condition:
              ArnNotEquals: { aws:PrincipalArn: arn:aws:iam::111122223333:role/break-glass }
`) +
        trail,
    },
    {
      name: "cfn: an s3:* Deny for every principal but a NotPrincipal break-glass role",
      cfn:
        bucket +
        policy(`          - Effect: Deny
            NotPrincipal: { AWS: [arn:aws:iam::111122223333:role/break-glass, arn:aws:iam::111122223333:root] }
            Action: s3:*
            Resource: !Sub "\${Logs.Arn}/*"
`) +
        trail,
    },
    {
      name: "cfn: s3:Delete* denied unless MFA is present",
      cfn:
        bucket +
        policy(`          - Effect: Deny
            Principal: { AWS: "*" }
            Action: s3:Delete*
            Resource: arn:aws:s3:::audit-logs/AWSLogs/*
            Condition: { BoolIfExists: { aws:MultiFactorAuthPresent: "false" } }
`) +
        trail,
    },
  ],
  invalid: [
    {
      name: "cfn: versioning without MFA Delete and no policy",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              VersioningConfiguration: { Status: Enabled }
      ` + trail,
      errors: [{ messageId: "deletable", line: 2, column: 3 }],
    },
    {
      name: "cfn: an Allow-only policy (the usual CloudTrail delivery grants)",
      cfn:
        bucket +
        policy(`          - Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:GetBucketAcl
            Resource: arn:aws:s3:::audit-logs
          - Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:PutObject
            Resource: arn:aws:s3:::audit-logs/AWSLogs/*
`) +
        trail,
      errors: [{ messageId: "deletable", line: 2, column: 3, message: "audit-logs" }],
    },
    {
      name: "cfn: a Deny of DeleteObject only leaves old versions deletable",
      cfn:
        bucket +
        policy(`          - Effect: Deny
            Principal: "*"
            Action: s3:DeleteObject
            Resource: arn:aws:s3:::audit-logs/*
`) +
        trail,
      errors: [{ messageId: "deletable", line: 2, column: 3 }],
    },
    {
      name: "cfn: Object Lock retention shorter than the minimum",
      cfn: yaml`
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              ObjectLockEnabled: true
              ObjectLockConfiguration:
                ObjectLockEnabled: Enabled
                Rule: { DefaultRetention: { Mode: GOVERNANCE, Days: 90 } }
      ` + trail,
      errors: [{ messageId: "deletable", line: 2, column: 3 }],
    },
  ],
  review: [
    {
      name: "cfn: policy imported under --strict",
      cfn:
        bucket +
        "  LogsPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Logs\n      PolicyDocument: !ImportValue shared-policy\n" +
        trail,
      errors: [{ messageId: "unknown", line: 2, column: 3 }],
    },
  ],
});

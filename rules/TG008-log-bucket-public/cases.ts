import { cases } from "../../test/support/cases.ts";

const trail = `  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref Logs
      IsLogging: true
`;
const blocked = `Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: audit-logs
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        IgnorePublicAcls: true
        BlockPublicPolicy: true
        RestrictPublicBuckets: true
`;
const policy = (statements: string) => `  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Statement:
${statements}`;

export default cases({
  valid: [
    { name: "cfn: all four public access block settings on", cfn: blocked + trail },
    {
      name: "cfn: a grant to everyone limited by aws:SourceAccount",
      cfn:
        blocked +
        policy(`          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: arn:aws:s3:::audit-logs/*
            Condition: { StringEquals: { aws:SourceAccount: "111122223333" } }
`) +
        trail,
    },
    {
      name: "cfn: a private canned ACL",
      cfn: blocked.replace("      BucketName: audit-logs\n", "      BucketName: audit-logs\n      AccessControl: LogDeliveryWrite\n") + trail,
    },
  ],
  invalid: [
    {
      name: "cfn: no public access block, at the bucket's logical ID",
      cfn: "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n" + trail,
      errors: [{ messageId: "noBlock", line: 2, column: 3 }],
    },
    {
      name: "cfn: one setting off, each cause at its own attribute",
      cfn: blocked.replace("BlockPublicPolicy: true", "BlockPublicPolicy: false").replace("        IgnorePublicAcls: true\n", "") + trail,
      errors: [
        { messageId: "setting", line: 6, column: 7, message: "IgnorePublicAcls" },
        { messageId: "setting", line: 8, column: 9, message: "BlockPublicPolicy" },
      ],
    },
    {
      name: "cfn: a grant to everyone conditioned only on aws:SecureTransport",
      cfn:
        blocked +
        policy(`          - Effect: Allow
            Principal: { AWS: "*" }
            Action: s3:GetObject
            Resource: arn:aws:s3:::audit-logs/*
            Condition: { Bool: { aws:SecureTransport: "true" } }
`) +
        trail,
      errors: [{ messageId: "policy", line: 17, column: 13 }],
    },
    {
      name: "cfn: PublicRead canned ACL",
      cfn: blocked.replace("      BucketName: audit-logs\n", "      BucketName: audit-logs\n      AccessControl: PublicRead\n") + trail,
      errors: [{ messageId: "acl", line: 6, column: 7 }],
    },
  ],
  review: [
    {
      name: "cfn: public access block imported under --strict",
      cfn: "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      PublicAccessBlockConfiguration: !ImportValue pab\n" + trail,
      errors: [{ messageId: "unknown", line: 5, column: 7 }],
    },
  ],
});

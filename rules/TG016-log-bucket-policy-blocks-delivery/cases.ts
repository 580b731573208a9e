import { cases } from "../../test/support/cases.ts";

const head = "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: audit-logs }\n";
const trail = `  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: org-audit
      S3BucketName: !Ref Logs
      IsLogging: true
`;
const policy = (statements: string) => `  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
${statements}`;
const aclCheck = `          - Sid: AWSCloudTrailAclCheck
            Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:GetBucketAcl
            Resource: !GetAtt Logs.Arn
            Condition: { StringEquals: { aws:SourceArn: !Sub "arn:aws:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit" } }
`;
const write = (condition: string) => `          - Sid: AWSCloudTrailWrite
            Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:PutObject
            Resource: !Sub "arn:aws:s3:::audit-logs/AWSLogs/\${AWS::AccountId}/*"
${condition}`;
const bySource = `            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:aws:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit"
`;

export default cases({
  valid: [
    { name: "cfn: the documented policy with aws:SourceArn", cfn: head + policy(aclCheck + write(bySource)) + trail },
    {
      name: "cfn: grants conditioned on aws:SourceAccount",
      cfn:
        head +
        policy(
          aclCheck.replace(/Condition: .*\n/, "Condition: { StringEquals: { aws:SourceAccount: !Ref AWS::AccountId } }\n") +
            write("            Condition: { StringEquals: { aws:SourceAccount: !Ref AWS::AccountId } }\n"),
        ) +
        trail,
    },
    {
      name: "cfn: no bucket policy in the template is unknown (attached elsewhere)",
      cfn: head + trail,
    },
  ],
  invalid: [
    {
      name: "cfn: only GetBucketAcl is granted",
      cfn: head + policy(aclCheck) + trail,
      errors: [{ messageId: "blocked", line: 9, column: 7, message: "s3:PutObject", level: "error" }],
    },
    {
      name: "cfn: the write grant names another trail",
      cfn: head + policy(aclCheck + write(bySource.replace(":trail/org-audit", ":trail/someone-else"))) + trail,
      errors: [{ messageId: "blocked", line: 9, column: 7 }],
    },
    {
      name: "cfn: delivery grant without aws:SourceArn is a warning (confused deputy)",
      cfn: head + policy(aclCheck + write("            Condition: { StringEquals: { s3:x-amz-acl: bucket-owner-full-control } }\n")) + trail,
      errors: [{ messageId: "confusedDeputy", line: 18, column: 13, level: "warning" }],
    },
  ],
  review: [
    {
      name: "cfn: policy document imported under --strict",
      cfn: head + "  LogsPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Logs\n      PolicyDocument: !ImportValue p\n" + trail,
      errors: [{ messageId: "unknown", line: 9, column: 7 }],
    },
  ],
});

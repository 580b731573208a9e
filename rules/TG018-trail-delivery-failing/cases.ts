import { cases, yaml } from "../../test/support/cases.ts";
import * as live from "../../test/support/fake-aws/scenarios.ts";

const failing = (status: Record<string, string | boolean>) => live.single({ trail: { status: { IsLogging: true, ...status } } });

export default cases({
  valid: [
    { name: "live: deliveries succeed", live: live.single() },
    { name: "live: no error fields at all (absent is unknown, not failing)", live: failing({}) },
    { name: "live: an empty error string is no error", live: failing({ LatestDeliveryError: "", LatestDigestDeliveryError: "" }) },
    {
      name: "live: a member account sees the organization trail; its owner is told, at the home region",
      live: live.inOrganization(live.MEMBER),
    },
    {
      name: "cfn: templates never give this rule (a template cannot show deliveries)",
      cfn: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { S3BucketName: logs, IsLogging: true }
      `,
    },
  ],
  invalid: [
    {
      name: "live: log files fail to reach the bucket",
      live: failing({ LatestDeliveryError: "AccessDenied" }),
      errors: [{ messageId: "logs", arn: live.TRAIL_ARN, message: "AccessDenied" }],
    },
    {
      name: "live: digest files fail",
      live: failing({ LatestDigestDeliveryError: "NoSuchBucket" }),
      errors: [{ messageId: "digests", arn: live.TRAIL_ARN, message: "NoSuchBucket" }],
    },
    {
      name: "live: both, for a multi-region trail homed in eu-west-1 (reported once, there)",
      live: live.single({ trail: { homeRegion: "eu-west-1", status: { IsLogging: true, LatestDeliveryError: "KMS.DisabledException", LatestDigestDeliveryError: "KMS.DisabledException" } } }),
      errors: [
        { messageId: "digests", arn: live.arnOfTrail("audit", live.ACCOUNT, "eu-west-1") },
        { messageId: "logs", arn: live.arnOfTrail("audit", live.ACCOUNT, "eu-west-1") },
      ],
    },
    {
      name: "live: an organization trail failing, seen from its management account",
      live: live.inOrganization(live.MANAGEMENT, { managementTrails: [{ ...live.organization().accounts[0]!.trails[0]!, status: { IsLogging: true, LatestDeliveryError: "AccessDenied" } }] }),
      errors: [{ messageId: "logs", arn: live.arnOfTrail("org-audit", live.MANAGEMENT) }],
    },
  ],
  review: [
    {
      name: "live: GetTrailStatus denied",
      live: { ...live.single({ account: { deny: ["cloudtrail:GetTrailStatus"], regions: ["us-east-1"] } }), expectNotifications: ["access-denied"] },
      errors: [{ messageId: "unknown", arn: live.TRAIL_ARN }],
    },
  ],
});

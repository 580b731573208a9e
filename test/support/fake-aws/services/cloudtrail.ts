import { epoch, findTrail, str, visibleTrails, type JsonHandler } from "../context.ts";
import { FakeError } from "../wire.ts";

const TIME_FIELDS = new Set([
  "LatestDeliveryTime", "LatestNotificationTime", "StartLoggingTime", "StopLoggingTime", "LatestCloudWatchLogsDeliveryTime", "LatestDigestDeliveryTime",
]);

export const cloudtrail: Record<string, JsonHandler> = {
  DescribeTrails(input, ctx) {
    const shadows = input["includeShadowTrails"] !== false;
    const list = visibleTrails(ctx, ctx.region).filter((t) => shadows || t.trail.homeRegion === ctx.region);
    return {
      trailList: list.map(({ trail: t, arn }) => ({
        Name: t.name,
        S3BucketName: t.bucket,
        S3KeyPrefix: t.prefix,
        IncludeGlobalServiceEvents: t.includeGlobal,
        IsMultiRegionTrail: t.multiRegion,
        HomeRegion: t.homeRegion,
        TrailARN: arn,
        LogFileValidationEnabled: t.logFileValidation,
        CloudWatchLogsLogGroupArn: t.logGroupArn,
        CloudWatchLogsRoleArn: t.roleArn,
        KmsKeyId: t.kmsKeyId,
        HasCustomEventSelectors: !!(t.eventSelectors || t.advancedEventSelectors),
        HasInsightSelectors: !!t.insights?.length,
        IsOrganizationTrail: t.organization,
      })),
    };
  },
  GetTrailStatus(input, ctx) {
    const { trail } = findTrail(ctx, str(input, "Name"));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(trail.status)) out[k] = TIME_FIELDS.has(k) && typeof v === "string" ? epoch(v) : v;
    return out;
  },
  GetEventSelectors(input, ctx) {
    const { trail, arn } = findTrail(ctx, str(input, "TrailName"));
    if (trail.advancedEventSelectors) return { TrailARN: arn, AdvancedEventSelectors: trail.advancedEventSelectors };
    return { TrailARN: arn, EventSelectors: trail.eventSelectors ?? [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }] };
  },
  GetInsightSelectors(input, ctx) {
    const { trail, arn } = findTrail(ctx, str(input, "TrailName"));
    if (!trail.insights?.length) throw new FakeError("InsightNotEnabledException", `Trail ${arn} does not have Insights enabled.`);
    return { TrailARN: arn, InsightSelectors: trail.insights.map((InsightType) => ({ InsightType })) };
  },
  ListEventDataStores(_input, ctx) {
    const stores = ctx.account.eventDataStores.filter((s) => s.region === ctx.region);
    return { EventDataStores: stores.map((s) => ({ EventDataStoreArn: storeArn(ctx.world.partition, s.region, ctx.account.id, s.name), Name: s.name })) };
  },
  /**
   * The digest signing keys valid at some time in [StartTime, EndTime] (epoch seconds; both default
   * to now, which returns the current key), of the caller's region.
   */
  ListPublicKeys(input, ctx) {
    const time = (name: string): number => {
      const v = input[name];
      if (v === undefined || v === null) return Date.now();
      if (typeof v !== "number") throw new FakeError("ValidationException", `${name} must be a timestamp`);
      return v * 1000;
    };
    const start = time("StartTime");
    const end = time("EndTime");
    if (start > end) throw new FakeError("InvalidTimeRangeException", "Occurs if the timestamp values are not valid. Either the start time occurs after the end time, or the time range is outside the range of possible values.");
    const keys = (ctx.world.publicKeys ?? []).filter((k) => (k.region === undefined || k.region === ctx.region) && Date.parse(k.validFrom) <= end && Date.parse(k.validTo) >= start);
    return {
      PublicKeyList: keys.map((k) => ({ Value: k.der.toString("base64"), ValidityStartTime: epoch(k.validFrom), ValidityEndTime: epoch(k.validTo), Fingerprint: k.fingerprint })),
    };
  },
  GetEventDataStore(input, ctx) {
    const arn = str(input, "EventDataStore");
    const s = ctx.account.eventDataStores.find((x) => storeArn(ctx.world.partition, x.region, ctx.account.id, x.name) === arn || x.name === arn);
    if (!s) throw new FakeError("EventDataStoreNotFoundException", `The specified event data store ${arn} was not found.`);
    return {
      EventDataStoreArn: storeArn(ctx.world.partition, s.region, ctx.account.id, s.name),
      Name: s.name,
      Status: s.status,
      AdvancedEventSelectors: s.advancedEventSelectors,
      MultiRegionEnabled: s.multiRegion,
      OrganizationEnabled: s.organization,
      RetentionPeriod: 2557,
      KmsKeyId: s.kmsKeyId,
    };
  },
};

export function storeArn(partition: string, region: string, accountId: string, name: string): string {
  return `arn:${partition}:cloudtrail:${region}:${accountId}:eventdatastore/${name}`;
}

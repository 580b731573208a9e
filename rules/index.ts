import type { Rule } from "../src/engine/rule.ts";
import TG001 from "./TG001-no-account-trail/rule.ts";
import TG002 from "./TG002-single-region-trail/rule.ts";
import TG003 from "./TG003-log-file-validation-disabled/rule.ts";
import TG004 from "./TG004-trail-not-logging/rule.ts";
import TG005 from "./TG005-no-cloudwatch-logs/rule.ts";
import TG006 from "./TG006-sensitive-bucket-without-data-events/rule.ts";
import TG007 from "./TG007-log-bucket-deletable/rule.ts";
import TG008 from "./TG008-log-bucket-public/rule.ts";
import TG009 from "./TG009-log-bucket-short-retention/rule.ts";
import TG010 from "./TG010-no-root-usage-alarm/rule.ts";
import TG011 from "./TG011-trail-not-kms-encrypted/rule.ts";
import TG012 from "./TG012-insights-disabled/rule.ts";
import TG013 from "./TG013-management-events-excluded/rule.ts";
import TG014 from "./TG014-global-service-events-excluded/rule.ts";
import TG015 from "./TG015-log-bucket-access-logging-disabled/rule.ts";
import TG016 from "./TG016-log-bucket-policy-blocks-delivery/rule.ts";
import TG017 from "./TG017-no-organization-trail/rule.ts";
import TG018 from "./TG018-trail-delivery-failing/rule.ts";
import TG019 from "./TG019-monitoring-alarm-missing/rule.ts";
import TG020 from "./TG020-trail-kms-key-policy-blocks-cloudtrail/rule.ts";
import TG021 from "./TG021-trail-kms-key-rotation-disabled/rule.ts";
import TG022 from "./TG022-log-digest-missing/rule.ts";
import TG023 from "./TG023-log-digest-signature-invalid/rule.ts";
import TG024 from "./TG024-log-file-missing/rule.ts";
import TG025 from "./TG025-log-file-modified/rule.ts";
import TG026 from "./TG026-log-file-unlisted/rule.ts";
import TG027 from "./TG027-log-digest-gap/rule.ts";

/** Every registered rule, in ID order. Rules are small and pure, so they load eagerly. */
export const rules: readonly Rule[] = [
  TG001, TG002, TG003, TG004, TG005, TG006, TG007, TG008, TG009, TG010, TG011, TG012, TG013, TG014, TG015, TG016, TG017, TG018, TG019, TG020, TG021, TG022, TG023, TG024, TG025, TG026, TG027,
] as readonly Rule[];

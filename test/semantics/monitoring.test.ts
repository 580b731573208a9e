// Monitoring classes (TG010 root usage, TG019 CIS monitoring): the reviewed event table, the
// CIS AWS Foundations Benchmark filters (4.1 to 4.15), and the traps of the rule catalog.

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { matchesEvent, parseFilterPattern, printFilterPattern } from "../../src/semantics/filter-pattern/index.ts";
import {
  ASSUMED_ROLE_API_CALL,
  EVENT_CLASSES,
  EVENT_CLASS_IDS,
  FEDERATED_SIGN_IN,
  IAM_USER_API_CALL,
  IAM_USER_SIGN_IN_FAILURE,
  MONITORING_CLASS_IDS,
  ROOT_API_CALL,
  ROOT_CONSOLE_SIGN_IN,
  ROOT_SERVICE_EVENT,
  checkClass,
  eventClass,
  isEventClassId,
  isMonitoringClassId,
  monitoredClasses,
  monitorsClass,
  monitorsRootUsage,
} from "../../src/semantics/monitoring/index.ts";
import type { CloudTrailEvent, EventClassId } from "../../src/semantics/monitoring/index.ts";

const CIS_ROOT = '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';

describe("the class table", () => {
  test("the TG019 IDs are exactly those of the rule catalog, in its order", () => {
    expect(MONITORING_CLASS_IDS).toEqual([
      "unauthorized-api-calls",
      "console-signin-without-mfa",
      "iam-policy-changes",
      "cloudtrail-changes",
      "console-auth-failures",
      "cmk-disable-or-deletion",
      "s3-bucket-policy-changes",
      "config-changes",
      "security-group-changes",
      "nacl-changes",
      "network-gateway-changes",
      "route-table-changes",
      "vpc-changes",
      "organizations-changes",
    ]);
    expect(EVENT_CLASS_IDS).toEqual(["root-usage", ...MONITORING_CLASS_IDS]);
    expect(EVENT_CLASSES.map((c) => c.id)).toEqual(EVENT_CLASS_IDS);
  });

  test("ID guards", () => {
    expect(isMonitoringClassId("cloudtrail-changes")).toBe(true);
    expect(isMonitoringClassId("root-usage")).toBe(false);
    expect(isMonitoringClassId("cis")).toBe(false);
    expect(isMonitoringClassId(7)).toBe(false);
    expect(isEventClassId("root-usage")).toBe(true);
    expect(isEventClassId("Root-Usage")).toBe(false);
    expect(() => eventClass("nope" as EventClassId)).toThrow(/unknown event class/);
  });

  test("cloudtrail-changes names StopLogging, DeleteTrail, UpdateTrail and rejects DescribeTrails, GetTrailStatus, LookupEvents", () => {
    const cls = eventClass("cloudtrail-changes");
    expect(cls.mustMatch.map((e) => e.eventName)).toEqual(["StopLogging", "DeleteTrail", "UpdateTrail"]);
    expect(cls.mustNotMatch.map((e) => e.eventName)).toEqual(["DescribeTrails", "GetTrailStatus", "LookupEvents"]);
  });

  test("root-usage requires the root sign-in and API call, rejects IAM users and roles, and leaves the service event out", () => {
    const cls = eventClass("root-usage");
    expect(cls.mustMatch).toEqual([ROOT_CONSOLE_SIGN_IN, ROOT_API_CALL]);
    expect(cls.mustNotMatch).toContain(IAM_USER_API_CALL);
    expect(cls.mustNotMatch).toContain(ASSUMED_ROLE_API_CALL);
    expect(cls.mustMatch).not.toContain(ROOT_SERVICE_EVENT);
    expect(cls.mustNotMatch).not.toContain(ROOT_SERVICE_EVENT);
    expect(cls.eitherWay).toContain(ROOT_SERVICE_EVENT);
    expect(ROOT_SERVICE_EVENT.userIdentity.type).toBe("Root");
    expect(ROOT_SERVICE_EVENT.userIdentity.invokedBy).toBeDefined();
    expect(ROOT_SERVICE_EVENT.eventType).toBe("AwsServiceEvent");
    for (const e of cls.mustMatch) {
      expect(e.userIdentity.type).toBe("Root");
      expect(e.userIdentity.invokedBy).toBeUndefined();
      expect(["AwsApiCall", "AwsConsoleSignIn"]).toContain(e.eventType);
    }
    expect(cls.mustMatch.map((e) => e.eventType).sort()).toEqual(["AwsApiCall", "AwsConsoleSignIn"]);
  });

  for (const cls of EVENT_CLASSES) {
    test(`${cls.id}: has a title, a CIS reference, required events and look-alikes, none listed twice`, () => {
      expect(cls.title.length).toBeGreaterThan(5);
      expect(cls.cis).toMatch(/^4\.\d+$/);
      expect(cls.mustMatch.length).toBeGreaterThan(0);
      expect(cls.mustNotMatch.length).toBeGreaterThan(0);
      const ids = [...cls.mustMatch, ...cls.mustNotMatch, ...cls.eitherWay].map((e) => e.eventID);
      expect(new Set(ids).size).toBe(ids.length);
    });

    test(`${cls.id}: every sample is a realistic CloudTrail record`, () => {
      for (const e of [...cls.mustMatch, ...cls.mustNotMatch, ...cls.eitherWay]) checkRecord(e);
    });
  }
});

function checkRecord(e: CloudTrailEvent): void {
  expect(e.eventVersion).toMatch(/^1\.\d\d$/);
  expect(["Root", "IAMUser", "AssumedRole", "AWSService", "FederatedUser"]).toContain(e.userIdentity.type);
  expect(e.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(e.eventSource).toMatch(/^[a-z0-9-]+\.amazonaws\.com$/);
  expect(e.eventName).toMatch(/^[A-Z][A-Za-z]+$/);
  expect(e.awsRegion).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
  expect(e.eventID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(["AwsApiCall", "AwsConsoleSignIn", "AwsServiceEvent"]).toContain(e.eventType);
  expect(typeof e.readOnly).toBe("boolean");
  expect(e.recipientAccountId).toMatch(/^\d{12}$/);
  expect(e.errorCode === undefined || typeof e.errorMessage === "string").toBe(true);
  if (e.userIdentity.type !== "AWSService") expect(e.userIdentity.accountId).toBe(e.recipientAccountId);
  if (e.readOnly) expect(e.eventName).toMatch(/^(Describe|Get|List|Lookup|Head|Decrypt)/);
  // As delivered to CloudWatch Logs: one line of JSON that parses back to the same record.
  const line = JSON.stringify(e);
  expect(line).not.toContain("\n");
  expect(JSON.parse(line)).toEqual(e);
}

// ---- CIS AWS Foundations Benchmark filters --------------------------------------------------

describe("CIS AWS Foundations Benchmark monitoring filters", () => {
  for (const cls of EVENT_CLASSES) {
    test(`CIS ${cls.cis} (${cls.id}): the CIS filter monitors the class`, () => {
      expect(monitorsClass(cls.cisPattern, cls.id)).toBe("yes");
      for (const e of cls.mustMatch) expect(matchesEvent(parsed(cls.cisPattern), e)).toBe(true);
      for (const e of cls.mustNotMatch) expect(matchesEvent(parsed(cls.cisPattern), e)).toBe(false);
    });

    test(`CIS ${cls.cis} (${cls.id}): the CIS filter monitors no other class`, () => {
      expect(monitoredClasses(cls.cisPattern)).toEqual({ ok: true, classes: [cls.id] });
    });

    test(`CIS ${cls.cis} (${cls.id}): a filter that matches everything does not monitor it`, () => {
      expect(monitorsClass("", cls.id)).toBe("no");
      expect(monitorsClass("{ $.eventVersion = * }", cls.id)).toBe("no");
      expect(monitorsClass("{ $.eventID = * }", cls.id)).toBe("no");
    });

    test(`CIS ${cls.cis} (${cls.id}): every required event is needed (a filter missing one does not monitor)`, () => {
      const ids = (events: readonly CloudTrailEvent[]): string => events.map((e) => `($.eventID = "${e.eventID}")`).join(" || ");
      expect(monitorsClass(`{ ${ids(cls.mustMatch)} }`, cls.id)).toBe("yes");
      for (const left of cls.mustMatch) {
        const rest = cls.mustMatch.filter((e) => e !== left);
        const text = rest.length === 0 ? `{ $.eventID = "none" }` : `{ ${ids(rest)} }`;
        expect(monitorsClass(text, cls.id)).toBe("no");
        expect(checkClass(parsed(text), cls.id).missed).toEqual([left]);
      }
    });

    test(`CIS ${cls.cis} (${cls.id}): every look-alike is rejected (a filter that also matches one does not monitor)`, () => {
      for (const lookAlike of cls.mustNotMatch) {
        const text = `{ (${cls.cisPattern.trim().slice(1, -1)}) || $.eventID = "${lookAlike.eventID}" }`;
        expect(monitorsClass(text, cls.id)).toBe("no");
        expect(checkClass(parsed(text), cls.id).falseHits).toEqual([lookAlike]);
      }
    });
  }

  for (const cls of EVENT_CLASSES) {
    test(`CIS ${cls.cis} (${cls.id}): the filter printed canonically and parsed again still monitors the class`, () => {
      const printed = printFilterPattern(parsed(cls.cisPattern));
      expect(parsed(printed)).toEqual(parsed(cls.cisPattern));
      expect(printFilterPattern(parsed(printed))).toBe(printed);
      expect(monitorsClass(printed, cls.id)).toBe("yes");
    });

    test(`CIS ${cls.cis} (${cls.id}): property: any reformatting (operand order, parentheses, spacing, newlines, quoting) keeps it monitoring`, () => {
      fc.assert(
        fc.property(fc.integer(), (seed) => {
          const text = reformat(cls.cisPattern, seed);
          expect(parsed(printFilterPattern(parsed(text)))).toEqual(parsed(text));
          expect(monitorsClass(text, cls.id)).toBe("yes");
          expect(monitorsClass(printFilterPattern(parsed(text)), cls.id)).toBe("yes");
        }),
        { numRuns: 40 },
      );
    });
  }

  test("reformatting really changes the text", () => {
    const cls = eventClass("s3-bucket-policy-changes");
    const texts = new Set(Array.from({ length: 20 }, (_, i) => reformat(cls.cisPattern, i + 1)));
    expect(texts.size).toBe(20);
    for (const t of texts) expect(t).not.toBe(cls.cisPattern);
  });

  // Earlier and alternative wordings of the benchmark's filters still monitor the classes.
  const variants: [string, EventClassId, string][] = [
    ["CIS v1.2 3.1", "unauthorized-api-calls", '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }'],
    ["CIS v1.2 3.2", "console-signin-without-mfa", '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }'],
    ["CIS v1.2 3.3", "root-usage", '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'],
    [
      "CIS 4.4 with an eventSource condition",
      "iam-policy-changes",
      "{($.eventSource=iam.amazonaws.com)&&(($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy))}",
    ],
    [
      "CIS v1.2 3.13 (no eventSource condition)",
      "route-table-changes",
      "{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }",
    ],
    ["CIS v1.2 3.9 (quoted)", "config-changes", '{($.eventSource = "config.amazonaws.com") && (($.eventName="StopConfigurationRecorder")||($.eventName="DeleteDeliveryChannel")||($.eventName="PutDeliveryChannel")||($.eventName="PutConfigurationRecorder"))}'],
  ];
  for (const [name, id, text] of variants) {
    test(`${name} monitors ${id}`, () => {
      expect(monitorsClass(text, id)).toBe("yes");
    });
  }

  test("look-alikes left out of the table are indeed treated differently by CIS versions", () => {
    const v12 = (id: EventClassId): string => variants.find(([, vid, text]) => vid === id && text.length > 0)![2];
    const [headBucket, logDelivery] = eventClass("unauthorized-api-calls").eitherWay;
    expect(matchesEvent(parsed(v12("unauthorized-api-calls")), headBucket)).toBe(true);
    expect(matchesEvent(parsed(eventClass("unauthorized-api-calls").cisPattern), headBucket)).toBe(false);
    expect(matchesEvent(parsed(v12("unauthorized-api-calls")), logDelivery)).toBe(true);
    expect(matchesEvent(parsed(eventClass("unauthorized-api-calls").cisPattern), logDelivery)).toBe(false);
    for (const e of [IAM_USER_SIGN_IN_FAILURE, FEDERATED_SIGN_IN]) {
      expect(matchesEvent(parsed(v12("console-signin-without-mfa")), e)).toBe(true);
      expect(matchesEvent(parsed(eventClass("console-signin-without-mfa").cisPattern), e)).toBe(false);
    }
    const [apiGatewayRoute] = eventClass("route-table-changes").eitherWay;
    expect(matchesEvent(parsed(v12("route-table-changes")), apiGatewayRoute)).toBe(true);
    expect(matchesEvent(parsed(eventClass("route-table-changes").cisPattern), apiGatewayRoute)).toBe(false);
    const [orgCreatePolicy] = eventClass("iam-policy-changes").eitherWay;
    expect(matchesEvent(parsed(eventClass("iam-policy-changes").cisPattern), orgCreatePolicy)).toBe(true);
    expect(matchesEvent(parsed(v12("iam-policy-changes")), orgCreatePolicy)).toBe(false);
    expect(matchesEvent(parsed(CIS_ROOT), ROOT_SERVICE_EVENT)).toBe(false);
    expect(matchesEvent(parsed('{ $.userIdentity.type = "Root" }'), ROOT_SERVICE_EVENT)).toBe(true);
  });
});

// ---- traps of the rule catalog ----------------------------------------------------------------

describe("traps: filter patterns are parsed, never matched as text", () => {
  const rootUsageFilters: [string, string][] = [
    ["canonical CIS", CIS_ROOT],
    ["reordered terms", '{ $.eventType != "AwsServiceEvent" && $.userIdentity.invokedBy NOT EXISTS && $.userIdentity.type = "Root" }'],
    ["extra parentheses", '{ ((($.userIdentity.type = "Root"))) && (($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent")) }'],
    ["no spacing, unquoted", "{($.userIdentity.type=Root)&&($.userIdentity.invokedBy NOT EXISTS)&&($.eventType!=AwsServiceEvent)}"],
    ["newlines and tabs", '{\n\t$.userIdentity.type = "Root"\n\t&& $.userIdentity.invokedBy NOT EXISTS\n\t&& $.eventType != "AwsServiceEvent"\n}'],
    ["no exclusions", '{ $.userIdentity.type = "Root" }'],
    ["only the invokedBy exclusion", '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }'],
    ["only the AwsServiceEvent exclusion", '{ $.userIdentity.type = "Root" && $.eventType != "AwsServiceEvent" }'],
    ["an AssumeRoot exclusion", '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" && $.eventName != "AssumeRoot" }'],
    ["a wildcard value", "{ $.userIdentity.type = Roo* && $.eventType != AwsServiceEvent }"],
    ["the root ARN instead of the type", '{ $.userIdentity.arn = "arn:aws:iam::*:root" }'],
  ];
  for (const [name, text] of rootUsageFilters) {
    test(`root usage is monitored: ${name}`, () => {
      expect(monitorsRootUsage(text)).toBe("yes");
    });
  }

  const notRootUsage: [string, string, "no" | "invalid-pattern"][] = [
    ['a lower-case "root" value', '{ $.userIdentity.type = "root" && $.userIdentity.invokedBy NOT EXISTS }', "no"],
    ["an || that also matches IAM users", '{ $.userIdentity.type = "Root" || $.userIdentity.type = "IAMUser" }', "no"],
    ["a != that matches every other principal", '{ $.userIdentity.type != "IAMUser" }', "no"],
    ["API calls only (misses the console sign-in)", '{ $.userIdentity.type = "Root" && $.eventType = "AwsApiCall" }', "no"],
    ["console sign-ins only (misses the API call)", '{ $.userIdentity.type = "Root" && $.eventName = "ConsoleLogin" }', "no"],
    ["the text of the canonical filter without its braces", '$.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS', "no"],
    ["a misspelled field", '{ $.useridentity.type = "Root" }', "no"],
    ["an exclusion that removes root calls too", '{ $.userIdentity.type = "Root" && $.userIdentity.accountId NOT EXISTS }', "no"],
    ["an unsupported EXISTS", '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy EXISTS }', "invalid-pattern"],
    ["unbalanced parentheses", '{ ($.userIdentity.type = "Root" }', "invalid-pattern"],
  ];
  for (const [name, text, verdict] of notRootUsage) {
    test(`root usage is not monitored: ${name}`, () => {
      expect(monitorsRootUsage(text)).toBe(verdict);
    });
  }

  test("the || filter fails because it matches the IAM user's call", () => {
    const check = checkClass(parsed('{ $.userIdentity.type = "Root" || $.userIdentity.type = "IAMUser" }'), "root-usage");
    expect(check.missed).toEqual([]);
    expect(check.falseHits).toContain(IAM_USER_API_CALL);
  });

  test('the lower-case "root" filter fails because it matches neither root event', () => {
    const check = checkClass(parsed('{ $.userIdentity.type = "root" }'), "root-usage");
    expect(check.missed).toEqual([ROOT_CONSOLE_SIGN_IN, ROOT_API_CALL]);
  });

  test("cloudtrail-changes: a filter on the service alone matches the read-only look-alikes; one on its write calls monitors", () => {
    expect(monitorsClass("{ $.eventSource = cloudtrail.amazonaws.com }", "cloudtrail-changes")).toBe("no");
    expect(monitorsClass("{ $.eventSource = cloudtrail.amazonaws.com && $.readOnly IS FALSE }", "cloudtrail-changes")).toBe("yes");
    expect(monitorsClass("{ $.eventName = StopLogging }", "cloudtrail-changes")).toBe("no");
    expect(monitorsClass("{ $.eventName = StopLogging || $.eventName = DeleteTrail || $.eventName = UpdateTrail }", "cloudtrail-changes")).toBe("yes");
    expect(monitorsClass("{ $.eventName = *Trail || $.eventName = StopLogging }", "cloudtrail-changes")).toBe("yes");
    expect(monitorsClass("{ $.eventName = *Trail* || $.eventName = StopLogging }", "cloudtrail-changes")).toBe("no");
  });

  test("failure classes reject successful calls and other errors", () => {
    expect(monitorsClass("{ $.errorCode = * }", "unauthorized-api-calls")).toBe("no");
    expect(monitorsClass('{ $.eventName = ConsoleLogin && $.responseElements.ConsoleLogin = "Failure" }', "console-auth-failures")).toBe("yes");
    expect(monitorsClass("{ $.eventName = ConsoleLogin }", "console-auth-failures")).toBe("no");
  });

  test("a term pattern over the JSON text is still evaluated, not compared", () => {
    expect(monitorsClass("StopLogging", "cloudtrail-changes")).toBe("no");
    expect(monitorsClass('?"\\"eventName\\":\\"StopLogging\\"" ?"\\"eventName\\":\\"DeleteTrail\\"" ?"\\"eventName\\":\\"UpdateTrail\\""', "cloudtrail-changes")).toBe("yes");
  });

  test("an invalid pattern is reported as such for every class", () => {
    for (const id of EVENT_CLASS_IDS) expect(monitorsClass("{ $.eventName = ", id)).toBe("invalid-pattern");
    expect(monitoredClasses("{ $.eventName = ")).toEqual({ ok: false, error: { message: expect.stringMatching(/expected a value/) as string, offset: 16 } });
  });
});

// ---- helpers --------------------------------------------------------------------------

function parsed(text: string) {
  const result = parseFilterPattern(text);
  if (!result.ok) throw new Error(`${result.error.message} at ${result.error.offset}: ${text}`);
  return result.pattern;
}

/**
 * Rewrites a CIS filter the way people do: shuffles the operands of each `||` and `&&` (both
 * commute), adds or drops parentheses around conditions, changes spacing and line breaks, and
 * quotes or unquotes plain values. Built from the parsed tree, so it changes form, not meaning.
 */
function reformat(text: string, seed: number): string {
  let state = seed >>> 0 || 1;
  const rand = (n: number): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const space = (): string => [" ", "", "\n", "  ", "\t", "\n  "][rand(6)]!;
  const pattern = parsed(text);
  if (pattern.kind !== "json") throw new Error("CIS filters are JSON patterns");
  type Node = typeof pattern.expr;
  const space1 = (): string => [" ", "\n", "  ", "\t", "\n  "][rand(5)]!;
  const leafText = (node: Node): string => {
    const printed = printFilterPattern({ kind: "json", expr: node }).slice(2, -2);
    const m = /^(\S+) (\S+) (.*)$/s.exec(printed);
    if (m === null) throw new Error(`unexpected condition ${printed}`);
    const [, selector, op, value] = m as unknown as [string, string, string, string];
    const plain = /^"([A-Za-z0-9_.:-]+)"$/.exec(value);
    const shownValue = plain !== null && rand(2) === 0 ? plain[1]! : value;
    const gap = op === "=" || op === "!=" ? space : space1;
    const base = `${selector}${gap()}${op}${op === "IS" || op === "NOT" ? space1() : gap()}${shownValue}`;
    return rand(3) === 0 ? `(${space()}${base}${space()})` : base;
  };
  const walk = (node: Node): string => {
    if (node.kind !== "and" && node.kind !== "or") return leafText(node);
    const operands = [...node.operands];
    for (let i = operands.length - 1; i > 0; i--) {
      const j = rand(i + 1);
      [operands[i], operands[j]] = [operands[j]!, operands[i]!];
    }
    const joiner = node.kind === "and" ? "&&" : "||";
    const parts = operands.map((o) => {
      const inner = walk(o);
      return o.kind === "or" && node.kind === "and" ? `(${inner})` : o.kind === "and" && rand(2) === 0 ? `(${inner})` : inner;
    });
    return parts.join(`${space()}${joiner}${space()}`);
  };
  return `{${space()}${walk(pattern.expr)}${space()}}`;
}

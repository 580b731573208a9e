// CloudWatch Logs filter patterns: the documented examples, then parser, evaluator and
// printer behaviour. Test titles that start with a documentation section reproduce an example
// of the CloudWatch Logs User Guide ("Filter pattern syntax for metric filters, subscription
// filters, filter log events, and Live Tail", and its earlier edition "Filter and pattern
// syntax") under that section's heading.

import { describe, expect, test } from "vitest";
import { matchesEvent, parseFilterPattern, printFilterPattern, splitFields, wildcardMatch } from "../../src/semantics/filter-pattern/index.ts";
import type { FilterPattern, ParseError } from "../../src/semantics/filter-pattern/index.ts";

function parse(text: string): FilterPattern {
  const result = parseFilterPattern(text);
  if (!result.ok) throw new Error(`unexpected parse error: ${result.error.message} at ${result.error.offset}`);
  return result.pattern;
}

function parseError(text: string): ParseError {
  const result = parseFilterPattern(text);
  if (result.ok) throw new Error(`expected a parse error for ${text}`);
  return result.error;
}

function matches(pattern: string, event: unknown): boolean {
  return matchesEvent(parse(pattern), event);
}

/** Which of the lines a pattern matches. */
function matching(pattern: string, lines: readonly string[]): string[] {
  const parsed = parse(pattern);
  return lines.filter((line) => matchesEvent(parsed, line));
}

// ---- documented examples ------------------------------------------------------------------

const UNSTRUCTURED = "Using filter patterns to match terms in unstructured log events";

describe(UNSTRUCTURED, () => {
  const lines = [
    "[ERROR 400] BAD REQUEST",
    "[ERROR 401] UNAUTHORIZED REQUEST",
    "[ERROR 419] MISSING ARGUMENTS",
    "[ERROR 420] INVALID ARGUMENTS",
    "[INFO] REQUEST FAILED",
    "[WARN] UNAUTHORIZED REQUEST",
    "[ERROR 500] INTERNAL SERVER ERROR",
    "[INFO 200] OK",
  ];

  test(`${UNSTRUCTURED} > Example: Match a single term: ERROR`, () => {
    expect(matching("ERROR", lines)).toEqual([
      "[ERROR 400] BAD REQUEST",
      "[ERROR 401] UNAUTHORIZED REQUEST",
      "[ERROR 419] MISSING ARGUMENTS",
      "[ERROR 420] INVALID ARGUMENTS",
      "[ERROR 500] INTERNAL SERVER ERROR",
    ]);
  });

  test(`${UNSTRUCTURED} > Example: Match multiple terms: ERROR ARGUMENTS`, () => {
    expect(matching("ERROR ARGUMENTS", lines)).toEqual(["[ERROR 419] MISSING ARGUMENTS", "[ERROR 420] INVALID ARGUMENTS"]);
  });

  test(`${UNSTRUCTURED} > Example: Match optional terms: ?ERROR ?ARGUMENTS`, () => {
    expect(matching("?ERROR ?ARGUMENTS", lines)).toEqual([
      "[ERROR 400] BAD REQUEST",
      "[ERROR 401] UNAUTHORIZED REQUEST",
      "[ERROR 419] MISSING ARGUMENTS",
      "[ERROR 420] INVALID ARGUMENTS",
      "[ERROR 500] INTERNAL SERVER ERROR",
    ]);
  });

  test(`${UNSTRUCTURED} > Example: Match optional terms: ?ERROR ?ARGUMENTS REQUEST ignores the optional terms`, () => {
    expect(matching("?ERROR ?ARGUMENTS REQUEST", ["[INFO] REQUEST FAILED", "[WARN] UNAUTHORIZED REQUEST", "[ERROR] 400 BAD REQUEST", "[ERROR 419] MISSING ARGUMENTS"])).toEqual([
      "[INFO] REQUEST FAILED",
      "[WARN] UNAUTHORIZED REQUEST",
      "[ERROR] 400 BAD REQUEST",
    ]);
  });

  test(`${UNSTRUCTURED} > Example: Match exact phrases: "INTERNAL SERVER ERROR"`, () => {
    expect(matching('"INTERNAL SERVER ERROR"', [...lines, "[ERROR 500] INTERNAL ERROR SERVER"])).toEqual(["[ERROR 500] INTERNAL SERVER ERROR"]);
  });

  test(`${UNSTRUCTURED} > Example: Include and exclude terms: ERROR -ARGUMENTS`, () => {
    expect(matching("ERROR -ARGUMENTS", lines.slice(0, 4))).toEqual(["[ERROR 400] BAD REQUEST", "[ERROR 401] UNAUTHORIZED REQUEST"]);
  });

  test(`${UNSTRUCTURED} > Example: Match everything: " "`, () => {
    expect(matching('" "', [...lines, "nospaces", ""])).toEqual([...lines, "nospaces", ""]);
  });

  test(`${UNSTRUCTURED} > Note: filter patterns are case sensitive`, () => {
    expect(matching("error", lines)).toEqual([]);
  });
});

const REGEX_TERMS = "Using filter patterns to match terms with a regular expression (regex)";

test(`${REGEX_TERMS}: %AUTHORIZED%`, () => {
  expect(matching("%AUTHORIZED%", ["[ERROR 401] UNAUTHORIZED REQUEST", "[SUCCESS 200] AUTHORIZED REQUEST", "[ERROR 403] FORBIDDEN"])).toEqual([
    "[ERROR 401] UNAUTHORIZED REQUEST",
    "[SUCCESS 200] AUTHORIZED REQUEST",
  ]);
});

const REGEX_SYNTAX = "Supported regular expressions (regex) syntax > Usage of supported operators";

describe(REGEX_SYNTAX, () => {
  const cases: [string, string[], string[]][] = [
    ["%^[hc]at%", ["hat", "cat", "cat food"], ["that", "bat"]],
    ["%[hc]at$%", ["hat", "the cat"], ["hats", "cattle"]],
    ["%colou?r%", ["color", "colour"], ["colouur", "colr"]],
    ["%[abc]%", ["a", "b", "xcx"], ["d", "xyz"]],
    ["%[a-z]%", ["q", "1q1"], ["Q", "123"]],
    ["%[abcx-z]%", ["a", "y", "z"], ["d", "w"]],
    ["%^a{3,5}$%", ["aaa", "aaaa", "aaaaa"], ["aa", "aaaaaa"]],
    ["%gra|ey%", ["gray", "grey"], ["gruy"]],
    ["%^starting|^initializing|^shutting down%", ["starting ...", "initializing ...", "shutting down"], ["skipping initializing ..."]],
    ["%\\[.\\]%", ["[a]", "[b]", "[7]", "[@]", "[]]", "[ ]"], ["[]", "[ab]"]],
    ["%10\\.10\\.0\\.1%", ["10.10.0.1"], ["10010,051"]],
    ["%10.10.0.1%", ["10.10.0.1", "10010,051"], ["10.10.0.2"]],
    ["%ab*c%", ["ac", "abc", "abbbc"], ["a c"]],
    ["%ab[0-9]*%", ["ab", "ab0", "ab129"], ["a b"]],
    ["%ab+c%", ["abc", "abbc", "abbbc"], ["ac"]],
    ["%.at%", ["hat", "cat", "bat", "4at", "#at", " at"], ["at"]],
    ["%\\d%", ["a1"], ["abc"]],
    ["%\\D%", ["1a1"], ["123"]],
    ["%\\s%", ["a b", "a\tb"], ["ab"]],
    ["%\\S%", [" a "], ["   "]],
    ["%\\w%", ["_", "a", "7"], ["!?", " "]],
    ["%\\W%", ["a!"], ["a_1"]],
    ["%\\x3A%", ["host:port"], ["hostport"]],
    ["%\\x28%", ["f(x)"], ["fx"]],
  ];
  for (const [pattern, yes, no] of cases) {
    test(`${REGEX_SYNTAX}: ${pattern}`, () => {
      expect(matching(pattern, [...yes, ...no])).toEqual(yes);
    });
  }

  test(`${REGEX_SYNTAX}: %something!% is rejected ('!' is not supported)`, () => {
    expect(parseError("%something!%")).toEqual({ message: expect.stringContaining("'!'") as string, offset: 10 });
  });

  test(`${REGEX_SYNTAX}: parentheses cannot define a subpattern`, () => {
    expect(parseError("%(ab)+%").message).toMatch(/parentheses/);
  });

  test(`${REGEX_SYNTAX}: multi-byte characters are not supported`, () => {
    expect(parseError("%café%").message).toMatch(/multi-byte/);
  });
});

/** The JSON log event of the documentation's JSON examples. */
const DOC_EVENT = {
  eventType: "UpdateTrail",
  sourceIPAddress: "111.111.111.111",
  arrayKey: ["value", "another value"],
  objectList: [
    { name: "a", id: 1 },
    { name: "b", id: 2 },
  ],
  SomeObject: null,
  "cluster.name": "c",
};

const JSON_TERMS = "Using filter patterns to match terms in JSON log events";
const JSON_METRIC = "Using metric filters to match terms and extract values from JSON log events";

describe(JSON_TERMS, () => {
  test(`${JSON_TERMS} > Example: Filter pattern that matches string values: { $.eventType = "UpdateTrail" }`, () => {
    expect(matches('{ $.eventType = "UpdateTrail" }', DOC_EVENT)).toBe(true);
    expect(matches('{ $.eventType = "DeleteTrail" }', DOC_EVENT)).toBe(false);
  });

  test(`${JSON_TERMS} > Example: Filter pattern that matches string values (IP address): { $.sourceIPAddress != 123.123.* }`, () => {
    expect(matches("{ $.sourceIPAddress != 123.123.* }", DOC_EVENT)).toBe(true);
    expect(matches("{ $.sourceIPAddress != 111.111.* }", DOC_EVENT)).toBe(false);
  });

  test(`${JSON_TERMS} > Example: Filter pattern that matches a specific array element with a string value: { $.arrayKey[0] = "value" }`, () => {
    expect(matches('{ $.arrayKey[0] = "value" }', DOC_EVENT)).toBe(true);
    expect(matches('{ $.arrayKey[1] = "value" }', DOC_EVENT)).toBe(false);
  });

  test(`${JSON_TERMS} > Example: Filter pattern that matches a string using regex: { $.eventType = %Trail% }`, () => {
    expect(matches("{ $.eventType = %Trail% }", DOC_EVENT)).toBe(true);
    expect(matches("{ $.eventType = %^Trail% }", DOC_EVENT)).toBe(false);
  });

  test(`${JSON_TERMS} > Example: Filter pattern that uses a wildcard to match values of any element in the array using regex: { $.arrayKey[*] = %val.{2}% }`, () => {
    expect(matches("{ $.arrayKey[*] = %val.{2}% }", DOC_EVENT)).toBe(true);
    expect(matches("{ $.arrayKey[*] = %val.{6}% }", DOC_EVENT)).toBe(false);
  });

  test(`${JSON_TERMS} > Example: Filter pattern that uses a wildcard to match values of any element with a specific prefix and subnet using regex (IP address): { $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }`, () => {
    expect(matches("{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }", DOC_EVENT)).toBe(true);
    expect(matches("{ $.* = %111\\.111\\.111\\.2[0-9]{1,2}% }", DOC_EVENT)).toBe(false);
  });

  test(`${JSON_TERMS} > Example: Filter pattern that matches a JSON property with a period (.) in the key: { $.['cluster.name'] = "c" }`, () => {
    expect(matches("{ $.['cluster.name'] = \"c\" }", DOC_EVENT)).toBe(true);
    expect(matches('{ $.cluster.name = "c" }', DOC_EVENT)).toBe(false);
  });

  test(`${JSON_TERMS} > Example: Filter pattern that matches JSON logs using IS: { $.SomeObject IS NULL }`, () => {
    expect(matches("{ $.SomeObject IS NULL }", DOC_EVENT)).toBe(true);
    expect(matches("{ $.eventType IS NULL }", DOC_EVENT)).toBe(false);
    expect(matches("{ $.SomeOtherObject IS NULL }", DOC_EVENT)).toBe(false);
  });

  test(`${JSON_TERMS} > Example: Filter pattern that matches JSON logs using NOT EXISTS: { $.SomeOtherObject NOT EXISTS }`, () => {
    expect(matches("{ $.SomeOtherObject NOT EXISTS }", DOC_EVENT)).toBe(true);
    expect(matches("{ $.eventType NOT EXISTS }", DOC_EVENT)).toBe(false);
    expect(matches("{ $.SomeObject NOT EXISTS }", DOC_EVENT)).toBe(false);
  });

  test(`${JSON_TERMS} > Note: the variables IS NOT and EXISTS currently aren't supported`, () => {
    expect(parseError("{ $.SomeObject IS NOT NULL }")).toEqual({ message: expect.stringMatching(/IS NOT is not supported/) as string, offset: 15 });
    expect(parseError("{ $.SomeObject EXISTS }")).toEqual({ message: expect.stringMatching(/EXISTS is not supported/) as string, offset: 15 });
  });

  test(`${JSON_TERMS} > Writing filter patterns that match numeric values`, () => {
    expect(matches("{ $.bandwidth > 75 }", { bandwidth: 80 })).toBe(true);
    expect(matches("{ $.bandwidth > 75 }", { bandwidth: 75 })).toBe(false);
    expect(matches("{ $.latency < 50 }", { latency: 49.5 })).toBe(true);
    expect(matches("{ $.latency < 50 }", { latency: 50 })).toBe(false);
    expect(matches("{ $.refreshRate >= 60 }", { refreshRate: 60 })).toBe(true);
    expect(matches("{ $.refreshRate >= 60 }", { refreshRate: 59 })).toBe(false);
    expect(matches("{ $.responseTime <= 5 }", { responseTime: 5 })).toBe(true);
    expect(matches("{ $.responseTime <= 5 }", { responseTime: 6 })).toBe(false);
    expect(matches("{ $.errorCode = 400}", { errorCode: 400 })).toBe(true);
    expect(matches("{ $.errorCode = 400}", { errorCode: 404 })).toBe(false);
    expect(matches("{ $.errorCode != 500 }", { errorCode: 400 })).toBe(true);
    expect(matches("{ $.errorCode != 500 }", { errorCode: 500 })).toBe(false);
    expect(matches("{ $.number[0] = 1e+3 }", { number: [1000] })).toBe(true);
    expect(matches("{ $.number[0] = 1e+3 }", { number: [100] })).toBe(false);
    expect(matches("{ $.number[0] != 1e-3 }", { number: [1000] })).toBe(true);
    expect(matches("{ $.number[0] != 1e-3 }", { number: [0.001] })).toBe(false);
  });
});

describe(`${JSON_METRIC} > Matching terms in JSON log events`, () => {
  test(`${JSON_METRIC} > Matching terms in JSON log events > Example: Metric filter that matches an object in array: { $.objectList[1].id = 2 }`, () => {
    expect(matches("{ $.objectList[1].id = 2 }", DOC_EVENT)).toBe(true);
    expect(matches("{ $.objectList[0].id = 2 }", DOC_EVENT)).toBe(false);
  });

  test(`${JSON_METRIC} > Matching terms in JSON log events > Example: Metric filter that matches number: { $.sourceIPAddress != 123.123.* }`, () => {
    expect(matches("{ $.sourceIPAddress != 123.123.* }", DOC_EVENT)).toBe(true);
  });

  test(`${JSON_METRIC} > a property selector that points to an array or object does not match`, () => {
    expect(matches('{ $.arrayKey = "value" }', DOC_EVENT)).toBe(false);
    expect(matches('{ $.arrayKey != "value" }', DOC_EVENT)).toBe(false);
    expect(matches("{ $.objectList[0] = * }", DOC_EVENT)).toBe(false);
    expect(matches("{ $.objectList[0] != x }", DOC_EVENT)).toBe(false);
  });
});

const COMPOUND = "Using compound expressions to match terms in JSON objects";

describe(COMPOUND, () => {
  const object = {
    user: { id: 1, email: "John.Stiles@example.com" },
    users: [
      { id: 2, email: "John.Doe@example.com" },
      { id: 3, email: "Jane.Doe@example.com" },
    ],
    actions: ["GET", "PUT", "DELETE"],
    coordinates: [
      [0, 1, 2],
      [4, 5, 6],
      [7, 8, 9],
    ],
  };

  test(`${COMPOUND} > Example: Expression that matches using AND (&&)`, () => {
    expect(matches('{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', object)).toBe(true);
  });

  test(`${COMPOUND} > Example: Expression that matches using OR (||)`, () => {
    expect(matches('{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }', object)).toBe(true);
  });

  test(`${COMPOUND} > Example: Expression that doesn't match using AND (&&)`, () => {
    expect(matches('{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }', object)).toBe(false);
  });

  test(`${COMPOUND} > Example: Expression that doesn't match using OR (||)`, () => {
    expect(matches('{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', object)).toBe(false);
  });

  test(`${COMPOUND} > order of operations () > && > ||`, () => {
    expect(matches("{ $.coordinates[0][1] = 1 }", object)).toBe(true);
    expect(matches('{ $.actions[0] = "GET" || $.actions[1] = "nonmatch" && $.actions[2] = "nonmatch" }', object)).toBe(true);
    expect(matches('{ ($.actions[0] = "GET" || $.actions[1] = "nonmatch") && $.actions[2] = "nonmatch" }', object)).toBe(false);
  });
});

const DIMENSIONS_JSON = "Publishing dimensions with metrics from values in JSON or space-delimited log events > Publishing dimensions with metrics from JSON log events";

test(`${DIMENSIONS_JSON}: { $.eventType = "*" && $.sourceIPAddress != 123.123.* }`, () => {
  expect(matches('{ $.eventType = "*" && $.sourceIPAddress != 123.123.* }', DOC_EVENT)).toBe(true);
  expect(matches('{ $.eventType = "*" && $.sourceIPAddress != 123.123.* }', { ...DOC_EVENT, sourceIPAddress: "123.123.0.1" })).toBe(false);
  expect(matches('{ $.eventType = "*" && $.sourceIPAddress != 123.123.* }', { sourceIPAddress: "111.111.111.111" })).toBe(false);
});

test("Using values in log events to increment a metric's value: { $.latency = * }", () => {
  expect(matches("{ $.latency = * }", { latency: 50, requestType: "GET" })).toBe(true);
  expect(matches("{ $.latency = * }", { requestType: "GET" })).toBe(false);
});

const APACHE = '127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';
const SPACE = "Using filter patterns to match terms in space-delimited log events";
const SPACE_METRIC = "Using metric filters to extract values from space-delimited log events";

describe(SPACE, () => {
  test(`${SPACE} > Writing filter patterns that match terms in a space-delimited log event: seven fields with regex and wildcards`, () => {
    const pattern = "[ip=%127\\.0\\.0\\.[1-9]%, user, username, timestamp, request =*.html*, status_code = 4*, bytes]";
    expect(matches(pattern, APACHE)).toBe(true);
    expect(matches(pattern, APACHE.replace("127.0.0.1", "10.0.0.1"))).toBe(false);
    expect(matches(pattern, APACHE.replace(" 404 ", " 200 "))).toBe(false);
    expect(matches(pattern, APACHE.replace("index.html", "index.php"))).toBe(false);
  });

  test(`${SPACE} > ellipsis references any unnamed fields: [..., request =*.html*, status_code = 4*, bytes]`, () => {
    expect(matches("[..., request =*.html*, status_code = 4*, bytes]", APACHE)).toBe(true);
    expect(matches("[..., request =*.html*, status_code = 4*, bytes]", APACHE.replace(" 404 ", " 304 "))).toBe(false);
  });

  test(`${SPACE} > compound expression: status_code = 404 || status_code = 410`, () => {
    const pattern = "[ip, user, username, timestamp, request =*.html*, status_code = 404 || status_code = 410, bytes]";
    expect(matches(pattern, APACHE)).toBe(true);
    expect(matches(pattern, APACHE.replace(" 404 ", " 410 "))).toBe(true);
    expect(matches(pattern, APACHE.replace(" 404 ", " 403 "))).toBe(false);
  });

  const lines = [
    "INFO 09/25/2014 12:00:00 GET /service/resource/67 1200",
    "INFO 09/25/2014 12:00:01 POST /service/resource/67/part/111 1310",
    "WARNING 09/25/2014 12:00:02 Invalid user request",
    "ERROR 09/25/2014 12:00:02 Failed to process request",
  ];

  test(`${SPACE} > Example: Match terms in order: [w1=ERROR, w2]`, () => {
    expect(matching("[w1=ERROR, w2]", lines)).toEqual([lines[3]]);
  });

  test(`${SPACE} > Example: Match terms with AND (&&) and OR (||): [w1=ERROR || w1=WARNING, w2]`, () => {
    expect(matching("[w1=ERROR || w1=WARNING, w2]", lines)).toEqual([lines[2], lines[3]]);
  });

  test(`${SPACE} > Example: Exclude terms from matches: [w1!=ERROR && w1!=WARNING, w2]`, () => {
    expect(matching("[w1!=ERROR && w1!=WARNING, w2]", lines)).toEqual([lines[0], lines[1]]);
  });

  test(`${SPACE} > Example: Match the top level item in a resource URI`, () => {
    expect(matching("[logLevel, date, time, method, url=%/service/resource/[0-9]+$%, response_time]", lines)).toEqual([lines[0]]);
  });

  test(`${SPACE} > Example: Match the child level item in a resource URI`, () => {
    expect(matching("[logLevel, date, time, method, url=%/service/resource/[0-9]+/part/[0-9]+$%, response_time]", lines)).toEqual([lines[1]]);
  });
});

test(`${SPACE_METRIC} > Example: Extracted fields and values (brackets and quotes make single fields)`, () => {
  expect(splitFields(APACHE).map((t) => t.value)).toEqual(["127.0.0.1", "Prod", "frank", "10/Oct/2000:13:25:15 -0700", "GET /index.html HTTP/1.0", "404", "1534"]);
});

test("Publishing dimensions with metrics from values in JSON or space-delimited log events > Publishing dimensions with metrics from space-delimited log events: bytes > 1000", () => {
  expect(matches("[ip, server, username, timestamp, request, status_code, bytes > 1000]", APACHE)).toBe(true);
  expect(matches("[ip, server, username, timestamp, request, status_code, bytes > 1000]", APACHE.replace(" 1534", " 512"))).toBe(false);
});

// ---- parser ---------------------------------------------------------------------------

describe("parser", () => {
  test("&& binds tighter than ||", () => {
    const pattern = parse("{ $.a = 1 || $.b = 2 && $.c = 3 }");
    expect(pattern.kind === "json" && pattern.expr.kind).toBe("or");
    expect(pattern).toEqual(parse("{ $.a = 1 || ($.b = 2 && $.c = 3) }"));
    expect(pattern).not.toEqual(parse("{ ($.a = 1 || $.b = 2) && $.c = 3 }"));
  });

  test("redundant and nested parentheses do not change the tree", () => {
    expect(parse("{ ((($.a = 1))) }")).toEqual(parse("{ $.a = 1 }"));
    expect(parse("{ ($.a = 1 && $.b = 2) && $.c = 3 }")).toEqual(parse("{ $.a = 1 && ($.b = 2 && $.c = 3) }"));
    expect(parse("{ (($.a = 1) || (($.b = 2))) || $.c = 3 }")).toEqual(parse("{ $.a = 1 || $.b = 2 || $.c = 3 }"));
  });

  test("whitespace and newlines may appear anywhere between tokens", () => {
    const compact = parse('{$.a="x"&&($.b IS NULL||$.c>=2)}');
    expect(parse('\n {\n\t$.a\n=\n"x"\r\n&&\n(\n  $.b\nIS\n\tNULL\n||\n$.c\n>=\n2\n)\n}\n ')).toEqual(compact);
  });

  test("quoted and unquoted strings are the same value", () => {
    expect(parse("{ $.eventName = CreateTrail }")).toEqual(parse('{ $.eventName = "CreateTrail" }'));
    expect(parse("{ $.eventSource = kms.amazonaws.com }")).toEqual(parse('{ $.eventSource = "kms.amazonaws.com" }'));
  });

  test("quoted strings take backslash escapes", () => {
    expect(parse('{ $.a = "say \\"hi\\" \\\\ there" }')).toEqual({
      kind: "json",
      expr: { kind: "compare", selector: { steps: [{ kind: "field", name: "a" }] }, op: "=", value: { kind: "string", value: 'say "hi" \\ there' } },
    });
  });

  test("numbers: integer, decimal, signed, exponent; dotted and wildcard values are strings", () => {
    const valueOf = (v: string): unknown => {
      const p = parse(`{ $.a = ${v} }`);
      return p.kind === "json" && p.expr.kind === "compare" ? p.expr.value : undefined;
    };
    for (const n of ["1", "-1", "+1", "1.5", "-0.25", "1e3", "1E+3", "2.5e-3", ".5", "400"]) expect(valueOf(n)).toEqual({ kind: "number", text: n });
    for (const s of ["123.123.*", "1.2.3", "4*", "1e", "0x10", "abc"]) expect(valueOf(s)).toEqual({ kind: "string", value: s });
  });

  test("selectors: names, indexes, bracketed names, wildcards", () => {
    const steps = (sel: string): unknown => {
      const p = parse(`{ ${sel} NOT EXISTS }`);
      return p.kind === "json" && p.expr.kind === "notExists" ? p.expr.selector.steps : undefined;
    };
    expect(steps("$.a.b")).toEqual([
      { kind: "field", name: "a" },
      { kind: "field", name: "b" },
    ]);
    expect(steps("$.a.b[1].c")).toEqual([
      { kind: "field", name: "a" },
      { kind: "field", name: "b" },
      { kind: "index", index: 1 },
      { kind: "field", name: "c" },
    ]);
    expect(steps("$.a[0][12]")).toEqual([
      { kind: "field", name: "a" },
      { kind: "index", index: 0 },
      { kind: "index", index: 12 },
    ]);
    expect(steps("$.['cluster.name']")).toEqual([{ kind: "field", name: "cluster.name" }]);
    expect(steps("$.a['b c'].['d']")).toEqual([
      { kind: "field", name: "a" },
      { kind: "field", name: "b c" },
      { kind: "field", name: "d" },
    ]);
    expect(steps("$.*")).toEqual([{ kind: "anyField" }]);
    expect(steps("$.a[*].id")).toEqual([{ kind: "field", name: "a" }, { kind: "anyIndex" }, { kind: "field", name: "id" }]);
    expect(steps("$.x-amz_acl")).toEqual([{ kind: "field", name: "x-amz_acl" }]);
  });

  test("IS TRUE, IS FALSE, IS NULL, NOT EXISTS", () => {
    const sel = { steps: [{ kind: "field", name: "f" }] };
    expect(parse("{ $.f IS TRUE }")).toEqual({ kind: "json", expr: { kind: "is", selector: sel, test: "true" } });
    expect(parse("{ $.f IS FALSE }")).toEqual({ kind: "json", expr: { kind: "is", selector: sel, test: "false" } });
    expect(parse("{ $.f IS NULL }")).toEqual({ kind: "json", expr: { kind: "is", selector: sel, test: "null" } });
    expect(parse("{ $.f NOT EXISTS }")).toEqual({ kind: "json", expr: { kind: "notExists", selector: sel } });
  });

  test("term patterns: include, exclude, optional, quoted phrases, empty", () => {
    expect(parse('ERROR -"debug mode" ?WARN "a \\"b\\""')).toEqual({
      kind: "terms",
      terms: [
        { mode: "include", text: "ERROR" },
        { mode: "exclude", text: "debug mode" },
        { mode: "optional", text: "WARN" },
        { mode: "include", text: 'a "b"' },
      ],
    });
    expect(parse("")).toEqual({ kind: "terms", terms: [] });
    expect(parse("  \n ")).toEqual({ kind: "terms", terms: [] });
  });

  test("space-delimited patterns: ellipsis, plain fields, conditions", () => {
    expect(parse("[ip, ..., status = 4* || status = 5*, bytes > 1000]")).toEqual({
      kind: "delimited",
      fields: [
        { kind: "field", name: "ip", condition: null },
        { kind: "ellipsis" },
        {
          kind: "field",
          name: "status",
          condition: {
            kind: "or",
            operands: [
              { kind: "compare", op: "=", value: { kind: "string", value: "4*" } },
              { kind: "compare", op: "=", value: { kind: "string", value: "5*" } },
            ],
          },
        },
        { kind: "field", name: "bytes", condition: { kind: "compare", op: ">", value: { kind: "number", text: "1000" } } },
      ],
    });
  });

  const errors: [string, string, RegExp, number][] = [
    ["unclosed brace", "{ $.a = 1", /expected '&&', '\|\|' or '}'/, 9],
    ["empty braces", "{ }", /empty JSON filter pattern/, 2],
    ["selector without $.", "{ a = 1 }", /expected a property selector/, 2],
    ["$ without a dot", "{ $a = 1 }", /starts with '\$\.'/, 3],
    ["missing operator", "{ $.a 1 }", /expected an operator/, 6],
    ["missing value", "{ $.a = }", /expected a value after '='/, 8],
    ["double equals", "{ $.a == 1 }", /expected a value after '='/, 7],
    ["relational operator on a string", "{ $.a > abc }", /'>' compares numbers/, 8],
    ["relational operator on a regex", "{ $.a <= %x% }", /'<=' compares numbers/, 9],
    ["unterminated string", '{ $.a = "x }', /unterminated quoted string/, 8],
    ["text after the pattern", "{ $.a = 1 } extra", /unexpected 'e' after the closing '}'/, 12],
    ["unknown IS test", "{ $.a IS MAYBE }", /expected TRUE, FALSE or NULL/, 9],
    ["NOT without EXISTS", "{ $.a NOT THERE }", /expected EXISTS after NOT/, 10],
    ["lower-case keyword", "{ $.a is null }", /unknown keyword 'is'/, 6],
    ["unclosed parenthesis", "{ ($.a = 1 }", /expected '\)' to close the '\(' at offset 2/, 11],
    ["stray closing parenthesis", "{ $.a = 1) }", /expected '&&', '\|\|' or '}'/, 9],
    ["dangling &&", "{ $.a = 1 && }", /expected a property selector/, 13],
    ["two wildcards in one selector", "{ $.*.x[*] = 1 }", /only one wildcard/, 2],
    ["four wildcard selectors", "{ $.a[*] = 1 || $.b[*] = 1 || $.c[*] = 1 || $.* = 1 }", /at most 3 wildcard selectors/, 44],
    ["three regexes", "{ $.a = %x% || $.b = %y% || $.c = %z% }", /at most 2 regular expressions/, 34],
    ["bad index", "{ $.a[x] = 1 }", /expected an array index/, 6],
    ["index first", "{ $.[0] = 1 }", /expected a quoted property name/, 5],
    ["unterminated bracket name", "{ $.['a = 1 }", /unterminated quoted property name/, 5],
    ["empty bracket name", "{ $.[''] = 1 }", /empty property name/, 5],
    ["regex error offset", '{ $.a = %ab(c% }', /parentheses/, 11],
    ["empty delimited", "[]", /empty space-delimited pattern/, 1],
    ["unclosed delimited", "[a, b", /expected ',' or '\]'/, 5],
    ["conditions on another field", "[a = 1 && b = 2]", /must all name that field \('a'\), not 'b'/, 10],
    ["delimited missing operator", "[a b]", /expected an operator/, 3],
    ["unterminated term", '"unterminated', /unterminated quoted string/, 0],
    ["quote inside a term", 'ab"c', /double quote inside an unquoted term/, 2],
    ["exclusion without a term", "ERROR -", /expected a term after '-'/, 7],
    ["regex among terms", "ERROR %abc%", /must be the whole filter pattern/, 6],
    ["unterminated regex", "%abc", /unterminated regular expression/, 0],
    ["text after a regex", "%abc% def", /must be the whole filter pattern/, 6],
  ];
  for (const [name, text, message, offset] of errors) {
    test(`parse error: ${name}`, () => {
      const error = parseError(text);
      expect(error.message).toMatch(message);
      expect(error.offset).toBe(offset);
    });
  }

  test("10,000 nested parentheses give a parse error, not a stack overflow", () => {
    const deep = `{ ${"(".repeat(10_000)}$.a = 1${")".repeat(10_000)} }`;
    const error = parseError(deep);
    expect(error.message).toMatch(/nested deeper than 200/);
    expect(error.offset).toBe(2 + 200);
    expect(parseError(`[${"(".repeat(10_000)}a = 1${")".repeat(10_000)}]`).message).toMatch(/nested deeper/);
  });

  test("200 nested parentheses are accepted", () => {
    expect(parse(`{ ${"(".repeat(200)}$.a = 1${")".repeat(200)} }`)).toEqual(parse("{ $.a = 1 }"));
  });

  test("a 100 KB pattern parses and evaluates in linear time", () => {
    const names = Array.from({ length: 4000 }, (_, i) => `($.eventName = Event${i})`);
    const text = `{ ${names.join(" || ")} }`;
    expect(text.length).toBeGreaterThan(100_000);
    const started = Date.now();
    const pattern = parse(text);
    expect(matchesEvent(pattern, { eventName: "Event3999" })).toBe(true);
    expect(matchesEvent(pattern, { eventName: "Event4000" })).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test("100 KB of junk is a parse error or a result, never an exception", () => {
    for (const junk of ["{".repeat(100_000), "[".repeat(100_000), "%".repeat(100_000), '"'.repeat(100_001), "(".repeat(100_000), "{ $.a = 1 ".repeat(10_000)]) {
      expect(() => parseFilterPattern(junk)).not.toThrow();
    }
  });
});

// ---- evaluator ------------------------------------------------------------------------

describe("evaluator", () => {
  const event = {
    name: "Root",
    count: 5,
    ratio: 0.5,
    numeric: "42",
    flag: true,
    off: false,
    nothing: null,
    obj: { inner: "x" },
    list: [{ id: 1 }, { id: 2, tag: "b" }],
    words: ["alpha", "beta"],
  };

  test("string comparison is case-sensitive", () => {
    expect(matches('{ $.name = "Root" }', event)).toBe(true);
    expect(matches('{ $.name = "root" }', event)).toBe(false);
    expect(matches('{ $.name != "root" }', event)).toBe(true);
  });

  test("a missing field makes every comparison false, != included; NOT EXISTS is true only then", () => {
    for (const p of ['{ $.missing = "x" }', '{ $.missing != "x" }', "{ $.missing = * }", "{ $.missing > 1 }", "{ $.missing != 1 }", "{ $.missing IS NULL }", "{ $.missing IS FALSE }", "{ $.obj.missing != x }", "{ $.name.deeper != x }"]) {
      expect(matches(p, event)).toBe(false);
    }
    expect(matches("{ $.missing NOT EXISTS }", event)).toBe(true);
    expect(matches("{ $.name NOT EXISTS }", event)).toBe(false);
    expect(matches("{ $.obj NOT EXISTS }", event)).toBe(false);
  });

  test("IS NULL only for JSON null; null never equals or differs from a value", () => {
    expect(matches("{ $.nothing IS NULL }", event)).toBe(true);
    expect(matches("{ $.name IS NULL }", event)).toBe(false);
    expect(matches('{ $.nothing = "null" }', event)).toBe(false);
    expect(matches('{ $.nothing != "x" }', event)).toBe(false);
    expect(matches("{ $.nothing = * }", event)).toBe(false);
  });

  test("IS TRUE and IS FALSE only for JSON booleans", () => {
    expect(matches("{ $.flag IS TRUE }", event)).toBe(true);
    expect(matches("{ $.flag IS FALSE }", event)).toBe(false);
    expect(matches("{ $.off IS FALSE }", event)).toBe(true);
    expect(matches("{ $.off IS TRUE }", event)).toBe(false);
    expect(matches("{ $.flag IS TRUE }", { flag: "true" })).toBe(false);
    expect(matches("{ $.nothing IS FALSE }", event)).toBe(false);
  });

  test("numeric comparison on numbers, and on strings that are numbers", () => {
    expect(matches("{ $.count = 5 }", event)).toBe(true);
    expect(matches("{ $.count = 5.0 }", event)).toBe(true);
    expect(matches("{ $.count = 5e0 }", event)).toBe(true);
    expect(matches("{ $.ratio < 1 }", event)).toBe(true);
    expect(matches("{ $.ratio > -1 }", event)).toBe(true);
    expect(matches("{ $.count >= 6 }", event)).toBe(false);
    expect(matches("{ $.numeric > 41 }", event)).toBe(true);
    expect(matches("{ $.name > 1 }", event)).toBe(false);
    expect(matches("{ $.name = 1 }", event)).toBe(false);
    expect(matches("{ $.name != 1 }", event)).toBe(true);
    expect(matches("{ $.flag > 0 }", event)).toBe(false);
  });

  test("string values compare with the text of numbers and booleans", () => {
    expect(matches('{ $.count = "5" }', event)).toBe(true);
    expect(matches("{ $.count = 5* }", { count: 512 })).toBe(true);
    expect(matches("{ $.flag = true }", event)).toBe(true);
    expect(matches('{ $.off = "false" }', event)).toBe(true);
  });

  test("wildcards at the start, the end, both, or alone", () => {
    expect(matches('{ $.e = "*UnauthorizedOperation" }', { e: "Client.UnauthorizedOperation" })).toBe(true);
    expect(matches('{ $.e = "*UnauthorizedOperation" }', { e: "UnauthorizedOperation" })).toBe(true);
    expect(matches('{ $.e = "*UnauthorizedOperation" }', { e: "Client.UnauthorizedOperations" })).toBe(false);
    expect(matches('{ $.e = "AccessDenied*" }', { e: "AccessDeniedException" })).toBe(true);
    expect(matches('{ $.e = "AccessDenied*" }', { e: "accessDenied" })).toBe(false);
    expect(matches("{ $.e = *Denied* }", { e: "AccessDeniedException" })).toBe(true);
    expect(matches("{ $.e = * }", { e: "" })).toBe(true);
    expect(matches("{ $.e != * }", { e: "anything" })).toBe(false);
  });

  test("arrays are entered by index or wildcard only", () => {
    expect(matches("{ $.list[1].id = 2 }", event)).toBe(true);
    expect(matches("{ $.list[2].id = 2 }", event)).toBe(false);
    expect(matches("{ $.list.id = 2 }", event)).toBe(false);
    expect(matches("{ $.list[*].id = 2 }", event)).toBe(true);
    expect(matches("{ $.list[*].id = 3 }", event)).toBe(false);
    expect(matches('{ $.list[*].tag = "b" }', event)).toBe(true);
    expect(matches('{ $.words[*] != "alpha" }', event)).toBe(true);
    expect(matches('{ $.words[*] != "*" }', event)).toBe(false);
    expect(matches("{ $.list[5] NOT EXISTS }", event)).toBe(true);
    expect(matches("{ $.obj[0] NOT EXISTS }", event)).toBe(true);
    expect(matches('{ $.obj.* = "x" }', event)).toBe(true);
    expect(matches('{ $.words.* = "alpha" }', event)).toBe(false);
  });

  test("JSON patterns match only JSON objects; a string event is parsed first", () => {
    expect(matches('{ $.a = "b" }', '{"a":"b"}')).toBe(true);
    expect(matches("{ $.a NOT EXISTS }", "not json at all")).toBe(false);
    expect(matches("{ $.a NOT EXISTS }", "[1,2]")).toBe(false);
    expect(matches("{ $.a NOT EXISTS }", null)).toBe(false);
    expect(matches("{ $.a NOT EXISTS }", {})).toBe(true);
  });

  test("inherited properties are not fields", () => {
    expect(matches("{ $.constructor NOT EXISTS }", {})).toBe(true);
    expect(matches("{ $.toString = * }", {})).toBe(false);
  });

  test("term patterns read an object event as its JSON text", () => {
    const record = { eventName: "StopLogging", userIdentity: { type: "Root" } };
    expect(matches("StopLogging", record)).toBe(true);
    expect(matches('"\\"type\\":\\"Root\\""', record)).toBe(true);
    expect(matches("StopLogging -Root", record)).toBe(false);
    expect(matches("", record)).toBe(true);
    expect(matches("", "")).toBe(true);
  });

  test("the last named field of a space-delimited pattern takes the rest of the line", () => {
    expect(matches("[a, b]", "one two three")).toBe(true);
    expect(matches('[a, b = "two three"]', "one two three")).toBe(true);
    expect(matches("[a, b, c, d]", "one two three")).toBe(false);
    expect(matches("[a, ..., z = three]", "one two three")).toBe(true);
    expect(matches("[a, ..., z = three]", "one three")).toBe(true);
    expect(matches("[...]", "")).toBe(true);
    expect(matches("[a]", "")).toBe(false);
  });

  test("regex matching is linear: no catastrophic backtracking", () => {
    const started = Date.now();
    expect(matches("%a*a*a*a*a*a*a*a*a*a*a*a*b%", "a".repeat(20_000))).toBe(false);
    expect(matches("%^a+a+a+a+a+a+a+a+b$%", "a".repeat(50_000))).toBe(false);
    expect(matches("%^a+a+a+a+a+a+a+a+b$%", `${"a".repeat(50_000)}b`)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

test("wildcardMatch", () => {
  expect(wildcardMatch("abc", "abc")).toBe(true);
  expect(wildcardMatch("abc", "abcd")).toBe(false);
  expect(wildcardMatch("a*c", "abbbc")).toBe(true);
  expect(wildcardMatch("a*c", "ac")).toBe(true);
  expect(wildcardMatch("a*b*c", "axbyc")).toBe(true);
  expect(wildcardMatch("a*b*c", "axcyb")).toBe(false);
  expect(wildcardMatch("ab*ba", "aba")).toBe(false);
  expect(wildcardMatch("**", "")).toBe(true);
});

// ---- printer --------------------------------------------------------------------------

describe("printer", () => {
  test("canonical JSON form: single spaces, quoted strings, parentheses only for || inside &&", () => {
    expect(printFilterPattern(parse('{($.errorCode="*UnauthorizedOperation")||($.errorCode="AccessDenied*")&&($.sourceIPAddress!="delivery.logs.amazonaws.com")&&($.eventName!="HeadBucket")}'))).toBe(
      '{ $.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*" && $.sourceIPAddress != "delivery.logs.amazonaws.com" && $.eventName != "HeadBucket" }',
    );
    expect(printFilterPattern(parse("{ ($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }"))).toBe(
      '{ $.eventSource = "kms.amazonaws.com" && ($.eventName = "DisableKey" || $.eventName = "ScheduleKeyDeletion") }',
    );
    expect(printFilterPattern(parse("{$.a[0]['b.c'].*>=-1e3&&$.['x y'] IS NULL&&$.z NOT EXISTS&&$.r=%^a+$%}"))).toBe(
      "{ $.a[0]['b.c'].* >= -1e3 && $.['x y'] IS NULL && $.z NOT EXISTS && $.r = %^a+$% }",
    );
  });

  test("canonical space-delimited, regex and term forms", () => {
    expect(printFilterPattern(parse("[ip,...,status_code=404||status_code=410,bytes>1000]"))).toBe("[ip, ..., status_code = 404 || status_code = 410, bytes > 1000]");
    expect(printFilterPattern(parse("%a{3,5}%"))).toBe("%a{3,5}%");
    expect(printFilterPattern(parse('  ERROR   -"x y"  ?"WARN"  "-dash" ')).toString()).toBe('ERROR -"x y" ?WARN "-dash"');
    expect(printFilterPattern(parse(""))).toBe("");
  });
});

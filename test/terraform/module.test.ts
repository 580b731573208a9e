import { posix } from "node:path";
import { describe, expect, test } from "vitest";
import { symbol, UnknownValue, type Value } from "../../src/model/value.ts";
import {
  evaluateTerraform,
  PartialJson,
  UnknownInstances,
  type EvaluatedResource,
  type SourceFile,
  type TerraformEvaluation,
  type TerraformInputs,
} from "../../src/adapters/terraform/index.ts";
import { hclParser } from "./support.ts";

/** Evaluates a tree of files; the root module is `root`. */
async function run(tree: Record<string, string>, extra: Partial<TerraformInputs> = {}): Promise<TerraformEvaluation> {
  const files: SourceFile[] = Object.entries(tree).map(([path, text]) => ({ path, text }));
  const inFolder = (dir: string): SourceFile[] => files.filter((f) => posix.dirname(f.path) === dir);
  return evaluateTerraform(await hclParser, {
    dir: "root",
    files: inFolder("root"),
    readFolder: (dir) => {
      const found = inFolder(dir);
      return found.length === 0 ? undefined : found;
    },
    ...extra,
  });
}

function resource(r: TerraformEvaluation, address: string): EvaluatedResource {
  const found = r.resources.find((x) => x.address === address);
  if (found === undefined) throw new Error(`no ${address} in ${r.resources.map((x) => x.address).join(", ")}`);
  return found;
}

const attr = (res: EvaluatedResource, name: string): Value | undefined => res.body.attributes.get(name)?.value;
const rootVar = (r: TerraformEvaluation, name: string) => r.modules[0]!.variables.find((v) => v.name === name);
const output = (r: TerraformEvaluation, name: string, module = "") => r.modules.find((m) => m.address === module)!.outputs.get(name);
const messages = (r: TerraformEvaluation) => r.diagnostics.map((d) => `${d.file}:${d.range.startLine}: ${d.message}`);

describe("variables", () => {
  const decl = `
variable "v" { default = "default" }
variable "n" { type = number }
variable "l" { type = list(string) }
variable "raw" {}
variable "req" { type = string }
output "v" { value = var.v }
`;

  test("precedence: default < TF_VAR < terraform.tfvars < .tfvars.json < *.auto.tfvars < -var/-var-file in order", async () => {
    const base = { "root/main.tf": decl };
    expect(rootVar(await run(base), "v")).toMatchObject({ value: "default", source: "default" });
    const env = { environment: { v: "env" } };
    expect(rootVar(await run(base, env), "v")).toMatchObject({ value: "env", source: "environment" });
    const tfvars = { ...base, "root/terraform.tfvars": 'v = "tfvars"' };
    expect(rootVar(await run(tfvars, env), "v")).toMatchObject({ value: "tfvars", source: "tfvars", file: "root/terraform.tfvars" });
    const json = { ...tfvars, "root/terraform.tfvars.json": '{"v": "tfvars.json"}' };
    expect(rootVar(await run(json, env), "v")!.value).toBe("tfvars.json");
    const auto = { ...json, "root/b.auto.tfvars": 'v = "b.auto"', "root/a.auto.tfvars.json": '{"v": "a.auto"}' };
    expect(rootVar(await run(auto, env), "v")!.value).toBe("b.auto");
    const cli = {
      ...env,
      cliVariables: [
        { kind: "var", name: "v", value: "cli-var" },
        { kind: "var-file", file: { path: "prod.tfvars", text: 'v = "cli-file"' } },
      ] as const,
    };
    expect(rootVar(await run(auto, cli), "v")).toMatchObject({ value: "cli-file", source: "cli", file: "prod.tfvars" });
    const reversed = { cliVariables: [cli.cliVariables[1], cli.cliVariables[0]] };
    expect(rootVar(await run(auto, reversed), "v")).toMatchObject({ value: "cli-var", source: "cli" });
  });

  test("-var-file may be JSON; values for undeclared variables are warned about", async () => {
    const r = await run(
      { "root/main.tf": decl },
      { cliVariables: [{ kind: "var-file", file: { path: "x.tfvars.json", text: '{"v": "json", "other": 1}' } }] },
    );
    expect(rootVar(r, "v")).toMatchObject({ value: "json", source: "cli", file: "x.tfvars.json" });
    expect(messages(r)).toEqual(['x.tfvars.json:1: a value was given for the undeclared variable "other"']);
  });

  test("a .tfvars file not named for auto-loading is not read", async () => {
    const r = await run({ "root/main.tf": decl, "root/prod.tfvars": 'v = "prod"' });
    expect(rootVar(r, "v")!.value).toBe("default");
  });

  test("strings from -var and TF_VAR_ are converted by the declared type", async () => {
    const r = await run(
      { "root/main.tf": decl },
      {
        environment: { n: "5", l: '["a", "b"]' },
        cliVariables: [{ kind: "var", name: "raw", value: '["x"]' }],
      },
    );
    expect(rootVar(r, "n")!.value).toBe(5);
    expect(rootVar(r, "l")!.value).toEqual(["a", "b"]);
    expect(rootVar(r, "raw")!.value).toBe('["x"]');
  });

  test("a variable without a value is unknown", async () => {
    const r = await run({ "root/main.tf": decl });
    expect(rootVar(r, "req")).toMatchObject({ value: new UnknownValue("unset-variable", "var.req"), source: "unset" });
    expect(r.diagnostics).toEqual([]);
  });

  test("a value of the wrong type is reported", async () => {
    const r = await run({ "root/main.tf": decl, "root/terraform.tfvars": 'n = "five"' });
    expect(rootVar(r, "n")!.value).toEqual(new UnknownValue("invalid", "variable n"));
    expect(messages(r)).toEqual(['root/terraform.tfvars:1: variable "n" must be number: a string cannot be used as number']);
  });

  test("object types fill optional attributes with their defaults", async () => {
    const r = await run({
      "root/main.tf": `variable "o" {
  type = object({ name = string, retention = optional(number, 365), tags = optional(map(string)) })
  default = { name = "x" }
}`,
    });
    expect(rootVar(r, "o")!.value).toEqual({ name: "x", retention: 365, tags: null });
  });

  test("nullable = false replaces null with the default", async () => {
    const r = await run({ "root/main.tf": 'variable "x" {\n  default = 1\n  nullable = false\n}', "root/terraform.tfvars": "x = null" });
    expect(rootVar(r, "x")!.value).toBe(1);
  });
});

describe("locals", () => {
  test("are evaluated in any order", async () => {
    const r = await run({ "root/main.tf": 'locals {\n  c = "${local.b}-c"\n  a = "a"\n  b = "${local.a}-b"\n}' });
    expect(r.modules[0]!.locals.get("c")).toBe("a-b-c");
  });

  test("a reference cycle is reported and unknown", async () => {
    const r = await run({ "root/main.tf": "locals {\n  a = local.b\n  b = local.a\n  c = 1\n}" });
    expect(r.modules[0]!.locals.get("a")).toBeInstanceOf(UnknownValue);
    expect(r.modules[0]!.locals.get("c")).toBe(1);
    expect(messages(r)).toEqual(["root/main.tf:2: local.a refers to itself through a reference cycle"]);
  });

  test("a chain of 5,000 locals gives a diagnostic, not a crash", async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `  l${i} = local.l${i + 1}`);
    const r = await run({ "root/main.tf": `locals {\n${lines.join("\n")}\n  l5000 = 1\n}` });
    expect(r.modules[0]!.locals.get("l0")).toBeInstanceOf(UnknownValue);
    expect(r.diagnostics.some((d) => /too deeply|too complex/.test(d.message))).toBe(true);
  });

  test("an undeclared reference is an error", async () => {
    const r = await run({ "root/main.tf": 'locals {\n  a = aws_s3_bucket.nope.id\n  b = var.nope\n}' });
    expect(messages(r)).toEqual([
      'root/main.tf:2: there is no resource "aws_s3_bucket" "nope" in this module',
      'root/main.tf:3: there is no variable named "nope"',
    ]);
  });
});

describe("count and for_each", () => {
  test("count 0 means the resource does not exist", async () => {
    const r = await run({
      "root/main.tf": 'variable "on" { default = false }\nresource "aws_cloudtrail" "t" {\n  count = var.on ? 1 : 0\n  name = "t"\n}',
    });
    expect(r.resources).toEqual([]);
  });

  test("count may be a numeric string", async () => {
    const r = await run({ "root/main.tf": 'resource "aws_sns_topic" "t" {\n  count = "2"\n}' });
    expect(r.resources.map((x) => x.address)).toEqual(["aws_sns_topic.t[0]", "aws_sns_topic.t[1]"]);
  });

  test("count gives indexed instances", async () => {
    const r = await run({
      "root/main.tf": 'resource "aws_s3_bucket" "b" {\n  count = 2\n  bucket = "logs-${count.index}"\n}\noutput "second" { value = aws_s3_bucket.b[1].arn }\noutput "all" { value = aws_s3_bucket.b[*].id }',
    });
    expect(r.resources.map((x) => [x.address, x.key, attr(x, "bucket")])).toEqual([
      ["aws_s3_bucket.b[0]", 0, "logs-0"],
      ["aws_s3_bucket.b[1]", 1, "logs-1"],
    ]);
    expect(r.resources[0]!.instances).toEqual(["aws_s3_bucket.b[0]", "aws_s3_bucket.b[1]"]);
    expect(output(r, "second")).toBe("arn:aws:s3:::logs-1");
    expect(output(r, "all")).toEqual(["logs-0", "logs-1"]);
  });

  test("an unknown count evaluates the resource once, with count.index unknown", async () => {
    const r = await run({
      "root/main.tf": 'variable "n" { type = number }\nresource "aws_s3_bucket" "b" {\n  count = var.n\n  bucket = "logs"\n  tags = { i = count.index }\n}\noutput "arn" { value = aws_s3_bucket.b[0].arn }\noutput "n" { value = length(aws_s3_bucket.b) }',
    });
    const b = resource(r, "aws_s3_bucket.b[*]");
    expect(b.key).toEqual(new UnknownValue("unset-variable", "var.n"));
    expect(attr(b, "tags")).toEqual({ i: new UnknownValue("unset-variable", "var.n") });
    expect(output(r, "arn")).toBe("arn:aws:s3:::logs");
    expect(output(r, "n")).toBeInstanceOf(UnknownValue);
  });

  test("for_each over a map and a set", async () => {
    const r = await run({
      "root/main.tf": `resource "aws_s3_bucket" "m" {
  for_each = { b = "beta", a = "alpha" }
  bucket = "\${each.key}-\${each.value}"
}
resource "aws_s3_bucket" "s" {
  for_each = toset(["x"])
  bucket = each.value
}
output "a" { value = aws_s3_bucket.m["a"].bucket }`,
    });
    expect(r.resources.map((x) => [x.address, x.key, attr(x, "bucket")])).toEqual([
      ['aws_s3_bucket.m["a"]', "a", "a-alpha"],
      ['aws_s3_bucket.m["b"]', "b", "b-beta"],
      ['aws_s3_bucket.s["x"]', "x", "x"],
    ]);
    expect(output(r, "a")).toBe("a-alpha");
  });

  test("an unknown for_each evaluates once with each unknown", async () => {
    const r = await run({
      "root/main.tf": 'variable "m" { type = map(string) }\nresource "aws_sns_topic" "t" {\n  for_each = var.m\n  name = each.value\n}\noutput "arn" { value = aws_sns_topic.t["any"].arn }',
    });
    const t = resource(r, "aws_sns_topic.t[*]");
    expect(attr(t, "name")).toBeInstanceOf(UnknownValue);
    expect(output(r, "arn")).toBe(`arn:aws:sns:${symbol("aws:region")}:${symbol("aws:account")}:${symbol("aws_sns_topic.t[*].name")}`);
  });
});

describe("dynamic blocks", () => {
  test("expand over lists and maps, with iterator names", async () => {
    const r = await run({
      "root/main.tf": `resource "aws_cloudtrail" "t" {
  name = "t"
  dynamic "event_selector" {
    for_each = ["All", "ReadOnly"]
    content {
      read_write_type = event_selector.value
      dynamic "data_resource" {
        for_each = { s3 = "AWS::S3::Object" }
        iterator = dr
        content {
          type   = dr.value
          values = [dr.key]
        }
      }
    }
  }
}`,
    });
    const t = resource(r, "aws_cloudtrail.t");
    expect(t.body.blocks.map((b) => [b.type, b.body.attributes.get("read_write_type")!.value, b.dynamic])).toEqual([
      ["event_selector", "All", { key: 0, unknownCount: false }],
      ["event_selector", "ReadOnly", { key: 1, unknownCount: false }],
    ]);
    const dr = t.body.blocks[0]!.body.blocks[0]!;
    expect([dr.type, dr.body.attributes.get("type")!.value, dr.body.attributes.get("values")!.value]).toEqual([
      "data_resource",
      "AWS::S3::Object",
      ["s3"],
    ]);
    expect(dr.range.startLine).toBe(7);
    expect(t.attributes.event_selector).toMatchObject([{ read_write_type: "All" }, { read_write_type: "ReadOnly" }]);
  });

  test("an unknown for_each gives one block marked unknownCount", async () => {
    const r = await run({
      "root/main.tf": 'variable "s" { type = list(string) }\nresource "aws_cloudtrail" "t" {\n  dynamic "insight_selector" {\n    for_each = var.s\n    content { insight_type = insight_selector.value }\n  }\n}',
    });
    const [b] = resource(r, "aws_cloudtrail.t").body.blocks;
    expect(b!.dynamic).toEqual({ key: new UnknownValue("unset-variable", "var.s"), unknownCount: true });
    expect(b!.body.attributes.get("insight_type")!.value).toBeInstanceOf(UnknownValue);
  });
});

describe("bodies", () => {
  test("null means absent; meta-arguments are left out; ranges are kept", async () => {
    const r = await run({
      "root/main.tf": 'resource "aws_cloudtrail" "t" {\n  provider = aws.west\n  depends_on = []\n  name = "t"\n  enable_log_file_validation = null\n  lifecycle {\n    prevent_destroy = true\n  }\n}',
    });
    const t = resource(r, "aws_cloudtrail.t");
    expect([...t.body.attributes.keys()]).toEqual(["name"]);
    expect(t.body.blocks).toEqual([]);
    expect(t.provider).toBe("aws.west");
    expect(t.body.attributes.get("name")).toMatchObject({
      range: { startLine: 4, startColumn: 3, endLine: 4, endColumn: 13 },
      nameRange: { startLine: 4, startColumn: 3, endLine: 4, endColumn: 7 },
      valueRange: { startLine: 4, startColumn: 10, endLine: 4, endColumn: 13 },
    });
    expect(t.headerRange).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 32 });
  });

  test("an OpenTofu .tofu file replaces the .tf file of the same name", async () => {
    const r = await run({
      "root/main.tf": 'resource "aws_sns_topic" "t" { name = "tf" }',
      "root/main.tofu": 'resource "aws_sns_topic" "t" { name = "tofu" }',
    });
    expect(r.resources.map((x) => attr(x, "name"))).toEqual(["tofu"]);
  });

  test("JSON syntax, with nested blocks read through the schema", async () => {
    const r = await run({
      "root/main.tf.json": JSON.stringify({
        variable: { name: { default: "trail" } },
        resource: {
          aws_cloudtrail: {
            t: {
              name: "${var.name}",
              tags: { Team: "sec" },
              event_selector: [{ read_write_type: "All", data_resource: { type: "AWS::S3::Object", values: ["arn:aws:s3"] } }],
              dynamic: { insight_selector: { for_each: '${["ApiCallRateInsight"]}', content: { insight_type: "${insight_selector.value}" } } },
            },
          },
        },
      }),
    });
    const t = resource(r, "aws_cloudtrail.t");
    expect(attr(t, "name")).toBe("trail");
    expect(attr(t, "tags")).toEqual({ Team: "sec" });
    expect(t.body.blocks.map((b) => b.type)).toEqual(["event_selector", "insight_selector"]);
    expect(t.body.blocks[0]!.body.blocks[0]!.body.attributes.get("values")!.value).toEqual(["arn:aws:s3"]);
    expect(t.body.blocks[1]!.body.attributes.get("insight_type")!.value).toBe("ApiCallRateInsight");
  });
});

describe("modules", () => {
  const child = `
variable "bucket" { type = string }
variable "prefix" { default = "logs" }
resource "aws_cloudtrail" "this" {
  name           = "trail"
  s3_bucket_name = var.bucket
  s3_key_prefix  = var.prefix
}
output "arn" { value = aws_cloudtrail.this.arn }
output "where" { value = path.module }
`;

  test("a local module is evaluated with the caller's arguments", async () => {
    const r = await run({
      "root/main.tf": 'resource "aws_s3_bucket" "logs" { bucket = "audit-logs" }\nmodule "audit" {\n  source = "./modules/trail"\n  bucket = aws_s3_bucket.logs.id\n}\noutput "arn" { value = module.audit.arn }',
      "root/modules/trail/main.tf": child,
    });
    const t = resource(r, "module.audit.aws_cloudtrail.this");
    expect(attr(t, "s3_bucket_name")).toBe("audit-logs");
    expect(attr(t, "s3_key_prefix")).toBe("logs");
    expect(t.configAddress).toBe("aws_cloudtrail.this");
    expect(t.module).toBe("module.audit");
    expect(t.file).toBe("root/modules/trail/main.tf");
    expect(t.moduleCalls).toEqual([
      {
        name: "audit",
        address: "module.audit",
        file: "root/main.tf",
        range: { startLine: 2, startColumn: 1, endLine: 5, endColumn: 2 },
        headerRange: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 17 },
        source: "./modules/trail",
        dir: "root/modules/trail",
        downloaded: false,
      },
    ]);
    expect(output(r, "arn")).toBe(`arn:aws:cloudtrail:${symbol("aws:region")}:${symbol("aws:account")}:trail/trail`);
    expect(output(r, "where", "module.audit")).toBe("modules/trail");
    expect(r.modules.map((m) => m.address)).toEqual(["", "module.audit"]);
    expect(r.modules[1]!.variables.find((v) => v.name === "bucket")).toMatchObject({ source: "argument", file: "root/main.tf" });
  });

  test("file() and templatefile() read module files through path.module", async () => {
    const r = await run({
      "root/main.tf": 'module "m" {\n  source = "./m"\n  for_each = toset(["a", "b"])\n  name = each.key\n}',
      "root/m/main.tf": 'variable "name" {}\nresource "aws_s3_bucket_policy" "p" {\n  bucket = var.name\n  policy = templatefile("${path.module}/policy.json.tpl", { bucket = var.name })\n  other = file("${path.module}/nope.json")\n}',
      "root/m/policy.json.tpl": '{"Statement": [{"Resource": "arn:aws:s3:::${bucket}/*"}]}',
    });
    expect(r.resources.map((x) => JSON.parse(attr(x, "policy") as string).Statement[0].Resource)).toEqual(["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]);
    expect(messages(r)).toEqual(['root/m/main.tf:5: file: file "m/nope.json" was not provided; its content is unknown']);
  });

  test("module count and for_each make instances", async () => {
    const r = await run({
      "root/main.tf": 'module "a" {\n  source = "./m"\n  for_each = toset(["eu", "us"])\n  bucket = "logs-${each.key}"\n}\noutput "eu" { value = module.a["eu"].arn }\noutput "n" { value = length(module.a) }',
      "root/m/main.tf": child,
    });
    expect(r.resources.map((x) => [x.address, attr(x, "s3_bucket_name")])).toEqual([
      ['module.a["eu"].aws_cloudtrail.this', "logs-eu"],
      ['module.a["us"].aws_cloudtrail.this', "logs-us"],
    ]);
    expect(output(r, "n")).toBe(2);
  });

  test("nested modules resolve relative to their own folder", async () => {
    const r = await run({
      "root/main.tf": 'module "outer" { source = "../shared/outer" }',
      "shared/outer/main.tf": 'module "inner" {\n  source = "../inner"\n  bucket = "b"\n}\noutput "arn" { value = module.inner.arn }',
      "shared/inner/main.tf": child,
    });
    const t = resource(r, "module.outer.module.inner.aws_cloudtrail.this");
    expect(t.moduleCalls.map((c) => c.address)).toEqual(["module.outer", "module.outer.module.inner"]);
    expect(output(r, "arn", "module.outer")).toMatch(/trail\/trail$/);
  });

  test("modules.json maps registry modules to their downloaded folder", async () => {
    const r = await run(
      {
        "root/main.tf": 'module "ct" {\n  source = "cloudposse/cloudtrail/aws"\n  version = "1.0.0"\n  bucket = "x"\n}',
        "root/.terraform/modules/ct/main.tf": child,
      },
      { modulesManifest: JSON.stringify({ Modules: [{ Key: "", Source: "", Dir: "." }, { Key: "ct", Source: "registry.terraform.io/cloudposse/cloudtrail/aws", Dir: ".terraform/modules/ct" }] }) },
    );
    const t = resource(r, "module.ct.aws_cloudtrail.this");
    expect(t.moduleCalls[0]).toMatchObject({ downloaded: true, dir: "root/.terraform/modules/ct" });
  });

  test("a module that is not available has unknown outputs", async () => {
    const r = await run({
      "root/main.tf": 'module "remote" { source = "git::https://example.com/x.git" }\nmodule "gone" { source = "./nowhere" }\noutput "a" { value = module.remote.arn }\noutput "b" { value = "${module.gone.x}-y" }',
    });
    expect(output(r, "a")).toEqual(new UnknownValue("module-output", "module.remote"));
    expect(output(r, "b")).toEqual(new UnknownValue("module-output", "module.gone"));
    expect(r.diagnostics).toEqual([]);
  });

  test("a module that calls itself is not followed", async () => {
    const r = await run({ "root/main.tf": 'module "me" { source = "./" }' });
    expect(messages(r)).toEqual(['root/main.tf:1: module "me" calls itself (directly or through other modules); it is not followed']);
  });

  test("an unknown module count gives one instance", async () => {
    const r = await run({
      "root/main.tf": 'variable "n" { type = number }\nmodule "a" {\n  source = "./m"\n  count = var.n\n  bucket = "b-${count.index}"\n}\noutput "arn" { value = module.a[0].arn }',
      "root/m/main.tf": child,
    });
    expect(resource(r, "module.a[*].aws_cloudtrail.this").moduleCalls[0]!.address).toBe("module.a[*]");
    expect(output(r, "arn")).toMatch(/trail\/trail$/);
  });
});

describe("references to resources", () => {
  const A = symbol("aws:account");
  const R = symbol("aws:region");

  test("computed attributes follow the provider", async () => {
    const r = await run({
      "root/main.tf": `
resource "aws_s3_bucket" "named" { bucket = "logs" }
resource "aws_s3_bucket" "generated" {}
resource "aws_cloudtrail" "t" {
  name = "main"
  sns_topic_name = aws_sns_topic.n.name
}
resource "aws_kms_key" "k" {}
resource "aws_kms_alias" "a" {
  name = "alias/ct"
  target_key_id = aws_kms_key.k.key_id
}
resource "aws_cloudwatch_log_group" "g" { name = "ct" }
resource "aws_sns_topic" "n" { name = "alerts" }
resource "aws_iam_role" "r" {
  name = "ct-logs"
  path = "/service/"
}
data "aws_caller_identity" "me" {}
data "aws_region" "here" {}
data "aws_partition" "p" {}
data "aws_organizations_organization" "o" {}
output "all" {
  value = {
    named = [aws_s3_bucket.named.id, aws_s3_bucket.named.arn]
    generated = [aws_s3_bucket.generated.bucket, aws_s3_bucket.generated.arn]
    trail = [aws_cloudtrail.t.arn, aws_cloudtrail.t.id, aws_cloudtrail.t.home_region, aws_cloudtrail.t.sns_topic_arn]
    key = [aws_kms_key.k.arn, aws_kms_alias.a.arn, aws_kms_alias.a.target_key_arn]
    group = aws_cloudwatch_log_group.g.arn
    topic = [aws_sns_topic.n.arn, aws_sns_topic.n.id]
    role = aws_iam_role.r.arn
    me = [data.aws_caller_identity.me.account_id, data.aws_region.here.name, data.aws_partition.p.partition, data.aws_organizations_organization.o.id]
    unknown = aws_kms_key.k.policy
  }
}`,
    });
    const key = symbol("aws_kms_key.k.key_id");
    expect(output(r, "all")).toEqual({
      named: ["logs", "arn:aws:s3:::logs"],
      generated: [symbol("aws_s3_bucket.generated.bucket"), `arn:aws:s3:::${symbol("aws_s3_bucket.generated.bucket")}`],
      trail: [`arn:aws:cloudtrail:${R}:${A}:trail/main`, `arn:aws:cloudtrail:${R}:${A}:trail/main`, R, `arn:aws:sns:${R}:${A}:alerts`],
      key: [`arn:aws:kms:${R}:${A}:key/${key}`, `arn:aws:kms:${R}:${A}:alias/ct`, `arn:aws:kms:${R}:${A}:key/${key}`],
      group: `arn:aws:logs:${R}:${A}:log-group:ct`,
      topic: [`arn:aws:sns:${R}:${A}:alerts`, `arn:aws:sns:${R}:${A}:alerts`],
      role: `arn:aws:iam::${A}:role/service/ct-logs`,
      me: [A, R, "aws", symbol("aws:organization")],
      unknown: new UnknownValue("known-after-apply", "policy"),
    });
  });

  test("a bucket name from an unset variable becomes the bucket's symbol", async () => {
    const r = await run({
      "root/main.tf": 'variable "name" { type = string }\nresource "aws_s3_bucket" "b" { bucket = var.name }\nresource "aws_cloudtrail" "t" { s3_bucket_name = aws_s3_bucket.b.id }',
    });
    expect(attr(resource(r, "aws_s3_bucket.b"), "bucket")).toEqual(new UnknownValue("unset-variable", "var.name"));
    expect(attr(resource(r, "aws_cloudtrail.t"), "s3_bucket_name")).toBe(symbol("aws_s3_bucket.b.bucket"));
  });

  test("a resource that refers to itself is a cycle", async () => {
    const r = await run({ "root/main.tf": 'resource "aws_sns_topic" "t" { name = aws_sns_topic.t.arn }' });
    expect(messages(r)).toEqual(["root/main.tf:1: aws_sns_topic.t refers to itself through a reference cycle"]);
  });
});

describe("aws_iam_policy_document", () => {
  test("json from statements, principals and conditions", async () => {
    const r = await run({
      "root/main.tf": `
data "aws_iam_policy_document" "p" {
  statement {
    sid       = "Write"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::logs/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["1", "2"]
    }
  }
  statement {
    effect        = "Deny"
    not_actions   = ["s3:Get*", "s3:List*"]
    resources     = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = "logs"
  policy = data.aws_iam_policy_document.p.json
}`,
    });
    const policy = attr(resource(r, "aws_s3_bucket_policy.p"), "policy") as string;
    expect(JSON.parse(policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Write",
          Effect: "Allow",
          Action: "s3:PutObject",
          Resource: "arn:aws:s3:::logs/*",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": ["1", "2"] } },
        },
        { Effect: "Deny", NotAction: ["s3:Get*", "s3:List*"], Resource: "*", Principal: "*" },
      ],
    });
    expect(resource(r, "data.aws_iam_policy_document.p").attributes.minified_json).toBe(JSON.stringify(JSON.parse(policy)));
  });

  test("source and override documents merge by Sid", async () => {
    const r = await run({
      "root/main.tf": `
data "aws_iam_policy_document" "base" {
  statement {
    sid = "A"
    actions = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    sid = "B"
    actions = ["s3:ListBucket"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [jsonencode({ Statement = [{ Sid = "B", Effect = "Deny", Action = "s3:*", Resource = "*" }, { Sid = "C", Effect = "Allow", Action = "sns:Publish", Resource = "*" }] })]
  statement {
    sid = "A"
    actions = ["s3:PutObject"]
    resources = ["*"]
  }
  statement {
    actions = ["kms:Decrypt"]
    resources = ["*"]
  }
}`,
    });
    const doc = JSON.parse(resource(r, "data.aws_iam_policy_document.merged").attributes.json as string) as { Statement: { Sid?: string; Action: string }[] };
    expect(doc.Statement.map((s) => [s.Sid, s.Action])).toEqual([
      ["A", "s3:PutObject"],
      ["B", "s3:*"],
      [undefined, "kms:Decrypt"],
      ["C", "sns:Publish"],
    ]);
  });

  test("an unknown part keeps the document's structure", async () => {
    const r = await run({
      "root/main.tf": `
variable "principal" { type = string }
variable "extra" { type = list(string) }
data "aws_iam_policy_document" "p" {
  statement {
    actions = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type = "AWS"
      identifiers = [var.principal]
    }
  }
  dynamic "statement" {
    for_each = var.extra
    content {
      actions = [statement.value]
      resources = ["*"]
    }
  }
}`,
    });
    const json = resource(r, "data.aws_iam_policy_document.p").attributes.json;
    expect(json).toBeInstanceOf(PartialJson);
    expect((json as PartialJson).document).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Principal: { AWS: new UnknownValue("unset-variable", "var.principal") } },
        new UnknownValue("unset-variable", "var.extra"),
      ],
    });
  });
});

describe("results", () => {
  test("syntax errors are diagnostics and the rest of the module is evaluated", async () => {
    const r = await run({
      "root/a.tf": 'resource "aws_sns_topic" "ok" { name = "ok" }',
      "root/b.tf": 'resource "aws_sns_topic" "bad" {\n  name = = "x"\n}',
    });
    expect(r.resources.map((x) => x.address)).toEqual(["aws_sns_topic.ok"]);
    expect(r.diagnostics[0]).toMatchObject({ file: "root/b.tf", severity: "error" });
    expect(r.diagnostics[0]!.range.startLine).toBe(2);
    expect(r.files.get("root/a.tf")!.body.blocks).toHaveLength(1);
  });

  test("unknown instances of a counted resource expose the element when indexed", async () => {
    const r = await run({ "root/main.tf": 'variable "n" { type = number }\nresource "aws_sns_topic" "t" {\n  count = var.n\n  name = "x"\n}\noutput "all" { value = aws_sns_topic.t }' });
    const all = output(r, "all");
    expect(all).toBeInstanceOf(UnknownInstances);
    expect((all as UnknownInstances).element).toMatchObject({ name: "x" });
  });
});

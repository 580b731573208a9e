/** Terraform files of many syntax forms, numbered, for tests that compare two ways of parsing them. */
export function hclFiles(count: number): { path: string; text: string }[] {
  return Array.from({ length: count }, (_, i) => ({ path: `stack-${i}/main.tf`, text: hclText(i) }));
}

function hclText(i: number): string {
  return `# stack ${i}: é ✓
variable "env" {
  type    = string
  default = "prod-${i}"
}

variable "tags" {
  type    = map(string)
  default = { Team = "audit" }
}

variable "on" {
  default = true
}

variable "rules" {
  default = { expire = 365 }
}

variable "enabled" {
  default = true
}

variable "off" {
  default = false
}

locals {
  statements = ["a", "b"]
  prefix = "\${var.env}-audit" // a line comment
  tags   = { for k, v in var.tags : k => upper(v) if v != null }
  names  = [for n in range(${i % 5}) : format("n-%02d", n)]
  flag   = var.on ? (1 + 2) * 3 : -1
  /* a block
     comment */
  doc = <<-EOT
    %{ for s in local.statements ~}
    \${s}
    %{ endfor }
  EOT
}

resource "aws_s3_bucket" "logs" {
  bucket        = "\${local.prefix}-logs-${i}"
  force_destroy = false
  tags          = merge(local.tags, { Name = "logs" })

  dynamic "lifecycle_rule" {
    for_each = var.rules
    content {
      id      = lifecycle_rule.key
      enabled = true
    }
  }
}

resource "aws_cloudtrail" "main" {
  count                         = var.enabled ? 1 : 0
  name                          = "trail-${i}"
  s3_bucket_name                = aws_s3_bucket.logs.id
  is_multi_region_trail         = true
  enable_log_file_validation    = !var.off
  event_selector {
    read_write_type = "All"
    data_resource {
      type   = "AWS::S3::Object"
      values = ["\${aws_s3_bucket.logs.arn}/", (aws_s3_bucket.logs[*].arn)[0]]
    }
  }
}

output "arn" {
  value = try(aws_cloudtrail.main[0].arn, null)
}
`;
}

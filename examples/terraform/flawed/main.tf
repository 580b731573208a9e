# A deliberately flawed audit trail in Terraform: the values arrive through a variable, a local
# and the provider defaults, as they do in real code.

variable "multi_region" {
  type    = bool
  default = false
}

locals {
  name = "example-flawed"
}

resource "aws_s3_bucket" "logs" {
  bucket = "${local.name}-audit-logs"
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    id     = "expire-logs"
    status = "Enabled"
    filter {}
    expiration {
      days = 30
    }
  }
}

resource "aws_cloudtrail" "main" {
  name                  = local.name
  s3_bucket_name        = aws_s3_bucket.logs.id
  is_multi_region_trail = var.multi_region
}

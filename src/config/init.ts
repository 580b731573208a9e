/** The file `trailguard init` writes: every key at its default, with a word on each. */
export const INIT_TEMPLATE = `# trailguard configuration: https://github.com/trailguard/trailguard#configuration
# Every key below is at its default value.

# Level per rule (ID or name): error, warning, note or off. Example: { TG012: off }
rules: {}

# Minimum days logs must be kept (lifecycle expiry and Object Lock retention, TG007 and TG009).
minRetentionDays: 365

# IaC scans: report TG001 when the scanned files define no multi-region, logging trail.
requireTrail: false

# IaC scans: this is an AWS Organizations management account; report TG017 without an organization trail.
organization: false

# TG019 event classes that must have a metric filter and alarm: "cis", a list of classes, or [] for none.
monitoring: [cloudtrail-changes]

# Buckets that need S3 data events (TG006). "tags" replaces the default tags when set; "names" adds globs.
sensitiveBuckets:
  tags:
    DataClassification: [sensitive, confidential, restricted, pii, phi, pci]
    data-classification: [sensitive, confidential, restricted, pii, phi, pci]
    Classification: [sensitive, confidential, restricted, pii, phi, pci]
  names: []

# Globs, relative to this file's folder, that are not scanned.
ignorePaths: []

# Results to suppress: rule (ID or name), resource (glob over address, logical ID or ARN), reason, expires.
suppressions: []
`;

/**
 * The PCI DSS v4.0.1 control matrix: for each infrastructure-relevant requirement, the
 * preventive policies (CrossGuard, at preview), the detective AWS Config rules (after deploy)
 * and the tests that prove both. Preventive policies and tests are listed here; detective
 * rules come from the rule catalog's requirement mapping (platform-rules/config-rules), so
 * there is one place that says which rule proves what. matrix.test.ts validates every name.
 */
import { selectRules, type ManagedRule } from "../../platform-rules/config-rules";
import { REQUIREMENT_TITLES } from "../../platform-rules/pci/requirements";

export interface ControlRow {
  readonly requirement: string;
  /** Policy names from policies/catalog.ts. */
  readonly preventive: readonly string[];
  /** Repository-relative test files that exercise the controls. */
  readonly tests: readonly string[];
  /** Who covers what automation cannot, when that matters. */
  readonly note?: string;
}

export interface OutsideInfrastructure {
  readonly requirements: string;
  readonly scope: string;
  readonly owner: string;
}

const T = {
  alarms: "policies/resilience/alarms.test.ts",
  rules: "platform-rules/config-rules/catalog.test.ts",
  stack: "stacks/compliance.test.ts",
  trail: "components/compliance/audit-trail.test.ts",
  recorder: "components/compliance/config-recorder.test.ts",
  report: "tools/compliance-report/cli.test.ts",
  cmk: "policies/encryption/aws-cmk.test.ts",
  s3: "policies/encryption/s3.test.ts",
  tls: "policies/encryption/tls.test.ts",
  rds: "policies/encryption/rds.test.ts",
  azure: "policies/encryption/azure.test.ts",
  region: "policies/region-lock/region-lock.test.ts",
  resilience: "policies/resilience/resilience.test.ts",
  tags: "policies/tagging/tagging.test.ts",
  keys: "components/kms/keys.test.ts",
  keyPolicy: "components/kms/policy.test.ts",
  bucket: "components/buckets/bucket.test.ts",
  bucketPolicy: "components/buckets/policy.test.ts",
  network: "components/network/network.test.ts",
  aurora: "components/database/aurora.test.ts",
  lambda: "components/services/lambda-function.test.ts",
  tables: "components/tables/tables.test.ts",
  config: "stacks/config/compliance.test.ts",
  deployAws: "policies/deployability/aws-orderings.test.ts",
  deployServices: "policies/deployability/aws-services.test.ts",
  deployNames: "policies/deployability/account-and-names.test.ts",
  deployAzure: "policies/deployability/azure.test.ts",
  deployMore: "policies/deployability/aws-more.test.ts",
  bNetwork: "policies/baseline/network.test.ts",
  bIam: "policies/baseline/iam.test.ts",
  bLogging: "policies/baseline/logging.test.ts",
  bAccess: "policies/baseline/access.test.ts",
  bCredentials: "policies/baseline/credentials.test.ts",
  bPlatform: "policies/baseline/platform.test.ts",
  corpus: "policies/corpus.test.ts",
} as const;

const row = (requirement: string, preventive: string[], tests: string[], note?: string): ControlRow => ({
  requirement,
  preventive,
  tests,
  note,
});

export const CONTROL_MATRIX: readonly ControlRow[] = [
  row(
    "1.2.4",
    ["aws-allowed-regions", "aws-replication-destinations", "azure-allowed-locations"],
    [T.region],
    "Data-flow diagrams: docs/architecture (platform team).",
  ),
  row("1.2.5", ["vpc-flow-logs-enabled"], [T.network, T.rules, T.bLogging]),
  row("1.2.7", [], [T.rules], "Security group review each half year: platform team."),
  row(
    "1.3.1",
    [
      "rds-no-public-access",
      "s3-bucket-public-access-block",
      "azure-public-access-disabled",
      "security-group-ingress-restricted",
      "default-security-group-closed",
      "nacl-ingress-restricted",
      "nsg-ingress-restricted",
      "resource-policy-not-public",
    ],
    [T.rds, T.s3, T.azure, T.network, T.bNetwork, T.bIam],
  ),
  row("1.3.2", [], [T.network], "Egress only via NAT and VPC endpoints (components/network)."),
  row(
    "1.4.1",
    [
      "rds-no-public-access",
      "azure-public-access-disabled",
      "security-group-ingress-restricted",
      "nsg-ingress-restricted",
      "waf-on-internet-facing-apis",
    ],
    [T.rds, T.azure, T.network, T.bNetwork, T.bAccess],
  ),
  row(
    "1.4.2",
    ["security-group-ingress-restricted", "nacl-ingress-restricted", "nsg-ingress-restricted"],
    [T.network, T.bNetwork],
  ),
  row(
    "1.4.4",
    ["rds-no-public-access", "s3-bucket-public-access-block", "azure-public-access-disabled"],
    [T.rds, T.s3, T.aurora],
  ),
  row(
    "2.2.1",
    ["default-security-group-closed", "allowed-provider-packages"],
    [T.rules, T.bNetwork, T.bPlatform],
    "Configuration standards are this repository's components and policies.",
  ),
  row("2.2.2", [], [T.aurora]),
  row("2.2.4", ["app-service-hardening"], [T.rules, T.bPlatform]),
  row("2.2.5", [], [T.rules]),
  row("2.2.7", ["rds-force-ssl", "app-service-hardening"], [T.rds, T.bPlatform]),
  row(
    "3.2.1",
    ["database-backup-protection"],
    [T.bucket, T.bPlatform],
    "Retention periods per bucket profile (components/buckets/profiles.ts).",
  ),
  row(
    "3.5.1",
    [
      "s3-bucket-encryption-cmk",
      "rds-storage-encryption-cmk",
      "dynamodb-table-cmk",
      "sns-topic-cmk",
      "sqs-queue-cmk",
      "log-group-cmk",
      "lambda-environment-cmk",
      "backup-vault-cmk",
      "ebs-volume-cmk",
      "kinesis-cmk",
      "rds-performance-insights-cmk",
      "azure-storage-encryption-cmk",
      "azure-postgres-encryption-cmk",
    ],
    [T.cmk, T.s3, T.azure, T.stack],
  ),
  row(
    "3.6.1",
    [
      "kms-key-rotation",
      "secret-cmk",
      "azure-key-vault-protection",
      "key-vault-expiry",
      "no-secrets-in-environment",
      "kms-deletion-window",
    ],
    [T.cmk, T.keys, T.keyPolicy, T.bCredentials, T.deployMore],
  ),
  row(
    "3.7.1",
    ["s3-bucket-encryption-cmk", "secret-cmk"],
    [T.cmk, T.keys],
    "Keys are generated by AWS KMS (FIPS 140-3 validated HSMs).",
  ),
  row("3.7.2", ["azure-key-vault-protection"], [T.azure]),
  row("3.7.4", ["kms-key-rotation", "key-vault-expiry", "secrets-manager-rotation"], [T.cmk, T.keys, T.bCredentials]),
  row("3.7.5", ["azure-key-vault-protection"], [T.azure, T.keys]),
  row(
    "4.2.1",
    [
      "api-gateway-tls",
      "load-balancer-tls",
      "s3-bucket-secure-transport",
      "rds-force-ssl",
      "azure-secure-transport",
      "api-gateway-endpoint-access-mode",
      "app-service-hardening",
      "api-gateway-default-endpoint",
      "health-check-probe-tls",
    ],
    [T.tls, T.s3, T.rds, T.bucketPolicy, T.deployServices, T.bPlatform],
  ),
  row("4.2.1.1", [], [T.rules], "Certificate inventory: ACM in the account (platform team)."),
  row(
    "6.3.1",
    [],
    ["tools/workflows.test.ts"],
    "Every pull request: npm audit signatures, a CycloneDX SBOM (npm sbom) uploaded and scanned with osv-scanner (docs/dependency-scanning.md). " +
      "No container images are built (Lambda zips), so there is no image scanning; ranking and the quarterly review: security team.",
  ),
  row(
    "6.3.3",
    ["supported-runtimes", "pinned-engine-version-auto-upgrade"],
    [T.lambda, T.bPlatform],
    "Runtimes pinned to supported versions (nodejs22.x).",
  ),
  row("6.4.1", [], [T.rules]),
  row(
    "6.4.2",
    ["waf-on-internet-facing-apis", "waf-logging"],
    [T.rules, T.bAccess, T.bLogging],
    "AWS WAF on the API stage (components/services).",
  ),
  row(
    "6.5.1",
    [
      "account-singletons",
      "physical-name-limits",
      "flex-consumption-site-config",
      "bastion-nsg-required-rules",
      "arm-deployment-incremental",
      "bucket-notification-after-permission",
      "api-gateway-integration-response-order",
      "sqs-visibility-covers-lambda-timeout",
      "rds-backup-maintenance-windows",
      "rds-proxy-connection-pool",
      "stack-scoped-names",
      "archive-tier-redundancy",
      "azure-cmk-after-role-assignment",
      "azure-role-propagation-wait",
      "eventbridge-rate-expression",
      "key-vault-secret-value",
    ],
    ["tools/workflows.test.ts", T.deployNames, T.deployAzure, T.deployMore],
    "Every change is a reviewed PR with a policy-checked preview.",
  ),
  row("6.5.2", [], ["tools/workflows.test.ts"]),
  row(
    "7.2.1",
    [
      "s3-bucket-public-access-block",
      "lambda-after-role-policies",
      "resource-policy-action-scope",
      "iam-no-admin-access",
      "iam-no-passrole-wildcard",
      "iam-trust-policy-restricted",
      "iam-no-inline-policies",
      "resource-policy-not-public",
      "api-authorization-required",
    ],
    [T.lambda, T.s3, T.deployAws, "policies/deployability/aws-resource-policies.test.ts", T.bIam, T.bAccess],
  ),
  row(
    "7.2.2",
    ["iam-no-admin-access", "iam-no-passrole-wildcard", "iam-trust-policy-restricted", "resource-policy-not-public"],
    [T.lambda, T.trail, T.bIam],
  ),
  row("7.2.5", ["iam-no-admin-access"], [T.lambda, T.bIam]),
  row(
    "8.2.1",
    ["iam-no-users", "api-authorization-required"],
    [T.rules, T.bIam, T.bAccess],
    "Workforce identities via IAM Identity Center: identity team.",
  ),
  row("8.2.2", ["iam-no-users", "iam-trust-policy-restricted"], [T.rules, T.bIam]),
  row("8.2.6", [], [T.rules]),
  row(
    "8.3.1",
    ["iam-no-users", "api-authorization-required", "app-service-hardening"],
    [T.rules, T.bIam, T.bAccess, T.bPlatform],
  ),
  row("8.3.2", ["secret-cmk", "no-secrets-in-environment"], [T.cmk, T.bCredentials]),
  row("8.3.6", [], [T.rules]),
  row("8.3.7", [], [T.rules]),
  row("8.3.9", ["secrets-manager-rotation", "key-vault-expiry"], [T.rules, T.bCredentials]),
  row("8.4.1", [], [T.rules], "MFA for workforce access is enforced by IAM Identity Center: identity team."),
  row("8.4.2", [], [T.rules]),
  row("8.4.3", [], [T.rules]),
  row("8.6.1", [], [T.rules]),
  row(
    "8.6.2",
    ["no-secrets-in-environment"],
    [T.rules, T.bCredentials],
    "Database credentials are RDS-managed secrets, never in code or environment.",
  ),
  row("8.6.3", ["iam-no-users", "secrets-manager-rotation"], [T.rules, T.bIam, T.bCredentials]),
  row("9.4.2", ["allowed-tag-values"], [T.tags], "Data classification tag on every resource."),
  row(
    "10.2.1",
    [
      "config-rules-after-recorder",
      "log-delivery-after-bucket-policy",
      "api-gateway-logging-after-account",
      "storage-diagnostic-categories",
      "waf-log-destination-name",
      "cloudtrail-configured",
      "vpc-flow-logs-enabled",
      "s3-access-logging",
      "rds-log-exports",
      "api-gateway-logging",
      "waf-logging",
      "azure-diagnostic-settings",
      "sns-tracing-xray-policy",
      "sns-delivery-log-groups",
    ],
    [T.stack, T.trail, T.bucket, T.lambda, T.deployAws, T.deployAzure, T.deployServices, T.bLogging, T.corpus],
  ),
  row("10.2.2", ["cloudtrail-configured"], [T.stack, T.trail, T.bLogging]),
  row("10.3.2", ["log-group-cmk", "cloudtrail-configured"], [T.trail, T.stack, T.bucketPolicy, T.bLogging]),
  row("10.3.3", ["rds-log-exports", "azure-diagnostic-settings"], [T.trail, T.recorder, T.bLogging]),
  row("10.3.4", ["cloudtrail-configured"], [T.stack, T.bLogging]),
  row(
    "10.4.1.1",
    [],
    [T.report],
    "Daily compliance report (services/compliance-report) and GuardDuty findings: security operations.",
  ),
  row(
    "10.5.1",
    [
      "log-retention-allowed-values",
      "log-retention",
      "dynamodb-pitr",
      "log-group-archived",
      "log-subscription-filter-limit",
      "app-insights-retention",
    ],
    [
      T.trail,
      T.config,
      T.bucket,
      "policies/deployability/azure-and-logs.test.ts",
      "policies/deployability/log-archive.test.ts",
      "stacks/log-archive.test.ts",
      T.bLogging,
      T.bPlatform,
    ],
  ),
  row("10.7.1", [], [T.rules]),
  row(
    "10.7.2",
    ["alarm-actions-routed", "alarm-topics-subscribed", "cloudwatch-alarm-period"],
    [T.rules, T.report, T.alarms, "policies/deployability/aws-timing.test.ts"],
    "Every alarm pages or tickets a person (platform:alerts).",
  ),
  row("11.3.1", [], [T.rules], "Quarterly internal and ASV scans: security team."),
  row("11.5.1", [], [T.rules], "GuardDuty enabled account-wide by the security account."),
  row(
    "11.5.2",
    ["config-rules-after-recorder"],
    [T.stack, T.recorder, T.config, T.deployAws],
    "AWS Config records every change continuously in prod.",
  ),
  row(
    "12.5.1",
    ["required-tags", "allowed-tag-values", "stack-cost-within-budget", "allowed-provider-packages"],
    [T.tags, T.recorder, T.bPlatform],
  ),
  row(
    "12.5.2",
    ["aws-allowed-regions", "aws-replication-destinations", "azure-allowed-locations", "required-tags"],
    [T.region, T.tags],
  ),
  row(
    "12.10.1",
    ["dr-recovery-objectives", "database-backup-protection", "dynamodb-pitr"],
    [T.resilience, T.rules, T.tables, T.aurora, T.bPlatform],
    "Incident response plan and DR runbooks: docs/runbooks (platform and security teams).",
  ),
];

export const OUTSIDE_INFRASTRUCTURE: readonly OutsideInfrastructure[] = [
  {
    requirements: "5 (all)",
    scope:
      "Anti-malware on end-user and administrator workstations; the platform runs no servers of its own (Lambda, managed services).",
    owner: "IT / endpoint security",
  },
  {
    requirements: "9.1 – 9.4.1, 9.4.3 – 9.5",
    scope:
      "Physical security of data centres and media (AWS and Azure under their PCI DSS AOCs); point-of-interaction devices do not exist here.",
    owner: "AWS and Microsoft (shared responsibility); vendor management",
  },
  {
    requirements: "11.4",
    scope: "Penetration testing, internal and external, at least yearly and after significant change.",
    owner: "Security team with a qualified tester",
  },
  {
    requirements: "11.6.1",
    scope: "Payment-page tamper detection; the platform serves no payment pages.",
    owner: "Not applicable (documented in the scope statement)",
  },
  {
    requirements: "12.1 – 12.4, 12.6 – 12.9",
    scope:
      "Security policy, risk assessment, awareness training (12.6), personnel screening, third-party service providers.",
    owner: "CISO office / compliance team",
  },
  {
    requirements: "10.6",
    scope: "Time synchronisation is provided by AWS and Azure managed services (Amazon Time Sync).",
    owner: "AWS and Microsoft (inherited)",
  },
];

/** The Config rules deployed with the default selection that give evidence for a requirement. */
export function detectiveRules(
  requirement: string,
  deployed: readonly ManagedRule[] = selectRules().deployed,
): string[] {
  return deployed.filter((r) => r.requirements.includes(requirement)).map((r) => r.identifier);
}

export function titleOf(requirement: string): string {
  return REQUIREMENT_TITLES[requirement] ?? requirement;
}

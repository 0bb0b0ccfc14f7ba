/**
 * Detective controls (issue #6): AWS Config recording and the PCI DSS managed rules in the
 * primary region, the account's CloudTrail, and the daily compliance report. The preventive
 * side is the policy packs in policies/; docs/compliance/controls.md maps both to PCI DSS.
 */
import * as pulumi from "@pulumi/pulumi";
import { selectRules } from "../../platform-rules/config-rules";
import { AuditTrail } from "../../components/compliance/audit-trail";
import { ConfigRecorder } from "../../components/compliance/config-recorder";
import { PciConfigRules } from "../../components/compliance/pci-config-rules";
import { ComplianceReportSchedule } from "../../components/compliance/report-schedule";
import { lambdaCode } from "../../components/services/lambda-code";
import { SecurityAlarms } from "../../components/operations";
import type { AlertRoutes } from "./alerts";
import type { CoreOutputs, StackContext } from "./contracts";
import { backupTags } from "./core";

export interface ComposedCompliance {
  readonly exports: Record<string, unknown>;
}

/** Rule names start with this; `npm run compliance:report -- --rules-prefix <it>` reports the stack's rules. */
export function rulesPrefix(stack: string): string {
  return `pci-${stack}-`;
}

/** The rule selection for a stack's config: applicable PCI rules, adjusted by platform:compliance. */
export function stackRuleSelection(config: StackContext["config"]) {
  // The stage-cache rule only means something when the cache is on.
  const cacheRule = config.services.apiCache === "encrypted" ? ["API_GW_CACHE_ENABLED_AND_ENCRYPTED"] : [];
  return selectRules({ add: [...config.compliance.addRules, ...cacheRule], exclude: config.compliance.excludeRules });
}

export function composeCompliance(ctx: StackContext, core: CoreOutputs, alerts: AlertRoutes): ComposedCompliance {
  const cfg = ctx.config.compliance;
  const protection = ctx.retain ? "retain" : "disposable";
  const opts = { provider: ctx.aws };

  // The recorder and the trail are account singletons: created only when this stack owns the
  // account baseline; with `provided` the landing zone's recorder evaluates the rules below.
  const managed = ctx.config.account.baseline === "managed";
  const recorder = managed
    ? new ConfigRecorder(
        "config",
        {
          deliveryBucket: core.buckets.audit.bucket,
          deliveryBucketPolicy: core.buckets.audit.policy,
          deliveryKeyArn: core.keys.storage.arn,
          accountId: core.accountId,
          recordingFrequency: cfg.recordingFrequency,
          // The stack deploys to its primary region only, so it records the global (IAM) types.
          globalResources: "include",
          protection,
        },
        opts,
      )
    : undefined;

  const selection = stackRuleSelection(ctx.config);
  const rules = new PciConfigRules(
    "pci",
    {
      rules: selection.deployed,
      namePrefix: rulesPrefix(ctx.config.stack),
      parameterOverrides: deployedOnly(selection.deployed, {
        INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY: { AuthorizedVpcIds: core.network.vpcId },
        // AWS Backup covers the data buckets (tagged BackupPlan); see s3BackupScope.
        S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN: s3BackupScope(ctx),
        // The NAT gateways need the public subnets' default route to the IGW; no other table may have one.
        NO_UNRESTRICTED_ROUTE_TO_IGW: {
          routeTableIds: pulumi.all([...core.network.publicRouteTableIds]).apply((ids) => ids.join(",")),
        },
      }),
    },
    // Rules evaluate only once the recorder records.
    { ...opts, dependsOn: recorder ? [recorder.status] : [] },
  );

  const trail = managed
    ? new AuditTrail(
        "cloudtrail",
        {
          bucketName: core.buckets.audit.bucket,
          bucketPolicy: core.buckets.audit.policy,
          kmsKeyArn: core.keys.storage.arn,
          logsKmsKeyArn: core.keys.logs.arn,
          logRetentionDays: cfg.trailLogRetentionDays,
          dataEventBucketArns: [core.buckets.ingestion.arn, core.buckets.analytics.arn, core.buckets.archive.arn],
          // Who reads the server access logs: the compensating control of the access-log bucket's
          // Config exceptions (platform-rules/config-rules/exceptions.ts).
          readDataEventBucketArns: [core.buckets.accessLogs.arn],
          accountId: core.accountId,
          protection,
        },
        opts,
      )
    : undefined;

  // CIS section 4 security-event alarms over the trail's log group, on the page route. With a
  // provided baseline the landing zone's trail and its alarms are the landing zone's.
  const security = trail
    ? new SecurityAlarms(
        "security-alarms",
        { trailLogGroupName: trail.logGroupName, topicArn: alerts.page },
        { providers: { aws: ctx.aws } },
      )
    : undefined;

  const report = new ComplianceReportSchedule(
    "compliance-report",
    {
      code: lambdaCode("compliance-report"),
      schedule: cfg.reportSchedule,
      auditBucket: core.buckets.audit,
      storageKeyArn: core.keys.storage.arn,
      environmentKeyArn: core.keys.lambda.arn,
      logsKeyArn: core.keys.logs.arn,
      rulesPrefix: rulesPrefix(ctx.config.stack),
      vpc: {
        subnetIds: core.network.appSubnetIds,
        securityGroupIds: core.network.appSecurityGroupId.apply((id) => [id]),
      },
      allowedRegions: ctx.config.allowedAwsRegions,
      region: ctx.config.awsRegion,
      accountId: core.accountId,
      logRetentionDays: ctx.config.services.logRetentionDays,
      reservedConcurrency: ctx.config.services.reservedConcurrency.complianceReport || undefined,
      protection,
    },
    // Reports need the rules to exist; the first run after deploy otherwise finds none.
    { ...opts, dependsOn: [rules] },
  );

  return {
    exports: {
      complianceReportFunction: report.functionName,
      accountBaseline: ctx.config.account.baseline,
      ...(recorder ? { configRecorderName: recorder.recorderName } : {}),
      pciConfigRuleCount: rules.ruleCount,
      pciConfigRulesPrefix: rulesPrefix(ctx.config.stack),
      ...(trail ? { cloudTrailArn: trail.trailArn, cloudTrailLogGroup: trail.logGroupName } : {}),
      ...(security ? { securityAlarmNames: pulumi.all(security.alarmNames) } : {}),
      complianceExcludedRules: pulumi.output(selection.excluded.map((e) => e.rule.identifier)),
    },
  };
}

/** The overrides of the rules that are deployed (PciConfigRules refuses overrides of others). */
function deployedOnly(
  deployed: readonly { readonly identifier: string }[],
  overrides: Record<string, Record<string, pulumi.Input<string>>>,
): Record<string, Record<string, pulumi.Input<string>>> | undefined {
  const kept = Object.entries(overrides).filter(([id]) => deployed.some((r) => r.identifier === id));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/**
 * S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN judges every bucket unless `resourceTags` scopes it.
 * AWS Backup covers the data buckets (tagged BackupPlan); the audit, ledger-digest and
 * log-archive buckets are write-once (Object Lock, or lifecycle-retained audit logs) and the
 * access-log bucket is request metadata, so they are outside the backup scope by design
 * (docs/deploy-readiness.md, "AWS: operations"; tools/config-rules/evaluate.test.ts).
 */
function s3BackupScope(ctx: StackContext): Record<string, string> {
  return { resourceTags: JSON.stringify(backupTags(`${ctx.config.project}-${ctx.config.stack}`)) };
}

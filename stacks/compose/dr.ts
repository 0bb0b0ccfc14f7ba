/**
 * Azure warm standby, cross-cloud VPN, failover DNS and the RTO/RPO alarms (issue #7). Creates
 * nothing unless `platform:dr.enabled`. See docs/components/dr.md.
 */
import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StandbyAlerts } from "../../components/azure/alerts";
import { DEFAULT_CERTIFICATE_NAME, StandbyFrontDoor } from "../../components/azure/front-door";
import { CrossCloudDns } from "../../components/dr/cross-cloud-dns";
import { GatePublisher } from "../../components/dr/gate-publisher";
import { AzureStandby } from "../../components/azure/standby";
import type { TierProfile } from "../../components/azure/storage";
import { CrossCloudVpn } from "../../components/dr/vpn";
import { FailoverDns } from "../../components/dr/failover-dns";
import { Keys } from "../../components/kms";
import { AlertRouting } from "../../components/operations";
import { ReplicationLagAlarm } from "../../components/dr/replication-alarm";
import { ReplicationMonitor } from "../../components/dr/replication-monitor";
import { lambdaCode } from "../../components/services/lambda-code";
import { LOG_ANALYTICS_RETENTION_DAYS } from "../../platform-rules/log-retention";
import { DR_MONITOR_DB_USER } from "../../platform-rules/database";
import type { PlatformConfig } from "../config";
import { databaseUserArn } from "./services-iam";
import type { CoreOutputs, ServicesOutputs, StackContext } from "./contracts";

/**
 * Health path of the trade API, the same on both clouds: the standby's host.json removes Azure
 * Functions' "/api" route prefix (services/trade-api/azure/host.json), so every path a client
 * calls on `api.<zone>` reaches the same handler after failover.
 */
export const API_HEALTH_PATH = "/health";

/**
 * Where Route 53 probes the primary: the API's AWS-only origin name and its path, never the
 * failover name itself (that would probe Azure after a failover and fail back on its own).
 */
export function primaryProbe(apiUrl: string, fallbackHost: string): { fqdn: string; path: string } {
  const match = /^https:\/\/([^/]+)(\/[^?#]*)?$/.exec(apiUrl);
  if (!match) return { fqdn: fallbackHost, path: API_HEALTH_PATH };
  const base = (match[2] ?? "").replace(/\/+$/, "");
  return { fqdn: match[1], path: `${base}${API_HEALTH_PATH}` };
}

/**
 * Blob tiering of the containers mirroring the S3 data buckets (same intent as their storage
 * classes: raw ingestion cools fast, analytics stays warm longer, archive goes cold at once,
 * audit keeps `platform:buckets.auditLogRetentionDays`).
 */
export function containerProfiles(
  config: PlatformConfig,
): Record<"ingestion" | "analytics" | "archive" | "audit", TierProfile> {
  return {
    ingestion: { coolAfterDays: 30, coldAfterDays: 90 },
    analytics: { coolAfterDays: 90, coldAfterDays: 365 },
    archive: { coolAfterDays: 0, coldAfterDays: 30 },
    audit: { coolAfterDays: 90, coldAfterDays: 365, deleteAfterDays: config.buckets.auditLogRetentionDays },
  };
}

/** `fx<env><4 hex>`: a short, stable prefix for Azure names that must be globally unique. */
export function azureNamePrefix(config: PlatformConfig): string {
  const hash = createHash("sha256").update(`${config.project}/${config.stack}`).digest("hex").slice(0, 4);
  return `fx${config.environment.replace(/[^a-z0-9]/g, "").slice(0, 8)}${hash}`;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function composeDr(
  ctx: StackContext,
  core: CoreOutputs,
  services: ServicesOutputs,
): { exports: Record<string, unknown> } {
  const cfg = ctx.config.dr;
  if (!cfg.enabled) return { exports: {} };
  if (!ctx.azure || !ctx.awsGate)
    throw new pulumi.RunError(
      "platform:dr.enabled is true but stacks/main.ts created no Azure or gate-region AWS provider",
    );
  const { config } = ctx;
  const tags = { ...config.tags };

  // The AWS subnets that open PostgreSQL connections to the standby: the DR monitor (app tier)
  // and Aurora for failback (data tier). Their CIDRs come from AWS, never from guesses.
  const subnetCidrs = (ids: pulumi.Output<string[]>) =>
    Array.from(
      { length: config.network.availabilityZones },
      (_, i) => aws.ec2.getSubnetOutput({ id: ids.apply((all) => all[i]) }, { provider: ctx.aws }).cidrBlock,
    );
  const awsPostgresClientCidrs = pulumi.all([
    ...subnetCidrs(core.network.appSubnetIds),
    ...subnetCidrs(core.network.dataSubnetIds),
  ]);

  const [oncallActionGroupId, resolveOncallActionGroupId] = pulumi.deferredOutput<string>();
  const standby = new AzureStandby(
    "dr-standby",
    {
      namePrefix: azureNamePrefix(config),
      location: cfg.location,
      tags,
      vnetCidr: cfg.vnetCidr,
      awsVpcCidr: core.network.cidr,
      awsPostgresClientCidrs,
      keyProtection: cfg.keyProtection,
      postgres: {
        majorVersion: config.aurora.engineVersion.split(".")[0],
        skuName: cfg.postgres.skuName,
        tier: cfg.postgres.tier,
        storageSizeGb: cfg.postgres.storageSizeGb,
        highAvailability: cfg.postgres.highAvailability,
        backupRetentionDays: clamp(config.aurora.backupRetentionDays, 7, 35),
        geoBackupLocation: cfg.postgres.geoRedundantBackup === "Enabled" ? cfg.postgres.geoBackupLocation : undefined,
        databaseName: core.database.databaseName,
      },
      storageSku: cfg.storageSku,
      containers: containerProfiles(config),
      functions: cfg.functions,
      allowedPairs: config.services.allowedPairs,
      logRetentionDays: clamp(
        config.services.logRetentionDays,
        LOG_ANALYTICS_RETENTION_DAYS.minimum,
        LOG_ANALYTICS_RETENTION_DAYS.maximum,
      ),
      protection: config.protection,
      // stacks/config refuses an enabled DR without the group.
      operators: { groupObjectId: cfg.operators.groupObjectId ?? "", jumpHostSize: cfg.operators.jumpHostSize },
      secretsExpireOn: cfg.secretsExpireOn,
      // The on-call action group is created with the alerts below, after the standby whose ids
      // they need; the vault's expiry subscription (which its secrets wait for) takes it deferred.
      expiryActionGroupId: oncallActionGroupId,
      rbacPropagationSeconds: cfg.rbacPropagationSeconds,
    },
    { providers: [ctx.azure] },
  );

  let vpn: CrossCloudVpn | undefined;
  if (cfg.vpn === "enabled") {
    vpn = new CrossCloudVpn(
      "dr-vpn",
      {
        // The app and data subnets learn the VNet's routes from the VPN gateway (Aurora publishes,
        // the DR monitor probes the standby).
        aws: {
          vpcId: core.network.vpcId,
          vpcCidr: core.network.cidr,
          databaseSecurityGroupId: core.network.dataSecurityGroupId,
          routeTableIds: core.network.privateRouteTableIds,
        },
        azure: {
          resourceGroupName: standby.resourceGroupName,
          location: cfg.location,
          tags,
          gatewaySubnetId: standby.gatewaySubnetId,
          vnetCidr: cfg.vnetCidr,
          gatewaySku: cfg.vpnGatewaySku,
          workspaceId: standby.workspaceId,
        },
      },
      { providers: [ctx.aws, ctx.azure] },
    );
    // Each side resolves the other's private names (DR monitor and Aurora -> the standby server;
    // the jump host -> Aurora) through the VPN.
    new CrossCloudDns(
      "dr-dns-resolver",
      {
        aws: {
          vpcId: core.network.vpcId,
          region: config.awsRegion,
          subnetIds: Array.from({ length: config.network.availabilityZones }, (_, i) =>
            core.network.appSubnetIds.apply((ids) => ids[i]),
          ),
        },
        azure: {
          resourceGroupName: standby.resourceGroupName,
          location: cfg.location,
          tags,
          vnetId: standby.vnetId,
          inboundSubnet: standby.dnsSubnets.inbound,
          outboundSubnet: standby.dnsSubnets.outbound,
        },
      },
      { providers: [ctx.aws, ctx.azure] },
    );
  }

  // The gate's alarms notify topics in their own region (an alarm can only publish there), with
  // their own messaging key and the page/ticket e-mail routes of platform:alerts. HTTPS and chat
  // routes stay with the primary's topics: their secrets and Chatbot configurations live there.
  const gateProviders = { providers: { aws: ctx.awsGate } };
  const gateKeys = new Keys(
    "dr-gate-keys",
    {
      aliasPrefix: `${config.project}-${config.stack}-dr-gate`,
      domains: ["messaging"],
      deletionWindowDays: config.kms.deletionWindowDays,
      protection: config.protection,
    },
    gateProviders,
  );
  const gateAlerts = new AlertRouting(
    "dr-gate-alerts",
    {
      accountId: core.accountId,
      topicKeyArn: gateKeys.keys.messaging!.arn,
      stack: `${config.stack}-dr-gate`,
      routes: { page: { emails: config.alerts.page.emails }, ticket: { emails: config.alerts.ticket.emails } },
      // E-mail only, which SNS cannot log (AlertRouting refuses `off` once a route is HTTPS), and
      // outside the recorded region whose Config rules judge topics: docs/deploy-readiness.md.
      deliveryStatusLogging: "off",
    },
    gateProviders,
  );

  // The AWS-only origin name (services' second custom domain), never the failover name itself.
  if (!services.apiOriginUrl)
    throw new pulumi.RunError("platform:dr.enabled is true but the services part exported no apiOriginUrl");
  const probe = pulumi
    .all([services.apiOriginUrl, services.apiHealthCheckFqdn])
    .apply(([url, host]) => primaryProbe(url, host));
  const fqdn = `${cfg.dns.recordName}.${cfg.dns.zoneName}`;
  // The standby's front door: WAF (OWASP-based managed rules, bot rules, rate limit) before the
  // Function App. The failover name and its certificate join it in the second phase.
  const frontDoor = new StandbyFrontDoor(
    "dr-front-door",
    {
      resourceGroupName: standby.resourceGroupName,
      tags,
      subscriptionId: standby.subscriptionId,
      wafPolicyName: `${azureNamePrefix(config)}drwaf`,
      originHostName: standby.apiHostName,
      originAppName: standby.functionAppName,
      healthPath: API_HEALTH_PATH,
      rateLimitPerMinute: cfg.frontDoor.rateLimitPerMinute,
      rbacPropagationSeconds: cfg.rbacPropagationSeconds,
      customDomain:
        cfg.certificate === "imported"
          ? { hostName: fqdn, vaultId: standby.vaultId, certificateName: DEFAULT_CERTIFICATE_NAME }
          : undefined,
      workspaceId: standby.workspaceId,
    },
    { providers: [ctx.azure] },
  );

  const dns = new FailoverDns(
    "dr-dns",
    {
      zoneName: cfg.dns.zoneName,
      zoneId: services.hostedZoneId,
      recordName: cfg.dns.recordName,
      ttlSeconds: cfg.dns.ttlSeconds,
      healthCheckIntervalSeconds: cfg.dns.healthCheckIntervalSeconds,
      failureThreshold: cfg.dns.failureThreshold,
      primary: { target: services.apiHealthCheckFqdn, probeFqdn: probe.fqdn, probePath: probe.path },
      secondary: { target: frontDoor.endpointHostName, probePath: API_HEALTH_PATH },
      objectives: cfg,
      alarmRegion: config.awsRegion,
      alarmTopicArn: services.alarmTopicArn,
      gate: {
        provider: ctx.awsGate,
        region: cfg.gateRegion,
        primaryRegion: config.awsRegion,
        alarmTopicArn: gateAlerts.topicArns.page,
      },
    },
    { providers: [ctx.aws] },
  );
  if (frontDoor.domainValidationToken) {
    // Front Door proves the custom domain with this TXT record before it serves the certificate.
    new aws.route53.Record(
      "dr-front-door-validation",
      {
        zoneId: dns.zoneId,
        name: `_dnsauth.${fqdn}`,
        type: "TXT",
        ttl: 300,
        records: [frontDoor.domainValidationToken],
      },
      { provider: ctx.aws },
    );
  }

  // Azure Monitor: detection of the AWS primary from Azure, the standby's health, PostgreSQL and
  // function errors, paging the same on-call addresses as the AWS page route.
  const alerts = new StandbyAlerts(
    "dr-alerts",
    {
      resourceGroupName: standby.resourceGroupName,
      location: cfg.location,
      tags,
      emails: config.alerts.page.emails ?? [],
      appInsightsId: standby.appInsightsId,
      workspaceId: standby.workspaceId,
      postgresServerId: standby.postgresServerId,
      primaryHealthUrl: pulumi.interpolate`https://${probe.fqdn}${probe.path}`,
      standbyHealthUrl: pulumi.interpolate`https://${frontDoor.endpointHostName}${API_HEALTH_PATH}`,
    },
    { providers: [ctx.azure] },
  );
  resolveOncallActionGroupId(alerts.actionGroupId);

  // The promote and failback steps publish the gate from the jump host with its managed identity.
  const publisher = new GatePublisher(
    "dr-gate-publisher",
    {
      tenantId: standby.tenantId,
      principalId: standby.jumpIdentityPrincipalId,
      audience: cfg.gatePublisherAudience,
      region: cfg.gateRegion,
    },
    { providers: [ctx.aws] },
  );

  const lag = new ReplicationLagAlarm(
    "dr-replication-lag",
    {
      thresholdSeconds: cfg.replicationLagAlarmSeconds,
      rpoMinutes: cfg.rpoMinutes,
      periodSeconds: cfg.gate.alarmPeriodSeconds,
      alarmTopicArn: services.alarmTopicArn,
    },
    { providers: [ctx.aws] },
  );

  // Publishes the two metrics the alarms above read (lag for the RPO alarm, promoted for the DNS gate).
  const monitor = new ReplicationMonitor(
    "dr-monitor",
    {
      code: lambdaCode("dr-monitor"),
      scheduleSeconds: cfg.gate.monitorScheduleSeconds,
      rotationCode: lambdaCode("secret-rotation"),
      alarmTopicArn: services.alarmTopicArn,
      primary: {
        host: core.database.endpoint,
        port: core.database.port,
        database: core.database.databaseName,
        dbUserArn: databaseUserArn(core, config.awsRegion, DR_MONITOR_DB_USER),
      },
      standby: { host: standby.postgresFqdn, database: core.database.databaseName },
      standbyCidr: cfg.vnetCidr,
      vpc: {
        vpcId: core.network.vpcId,
        subnetIds: core.network.appSubnetIds,
        appSecurityGroupId: core.network.appSecurityGroupId,
      },
      secretsExtensionLayerArn: config.services.secretsExtensionLayerArn,
      secretsKeyArn: core.keys.secrets.arn,
      environmentKeyArn: core.keys.lambda.arn,
      logsKeyArn: core.keys.logs.arn,
      region: config.awsRegion,
      allowedRegions: config.allowedAwsRegions,
      logRetentionDays: config.services.logRetentionDays,
      protection: config.protection,
    },
    { providers: [ctx.aws] },
  );

  return {
    exports: {
      drMonitorFunction: monitor.functionName,
      drMonitorStandbySecretArn: monitor.standbySecretArn,
      drApiFqdn: dns.fqdn,
      drZoneNameServers: dns.nameServers,
      drStandbyApiHost: standby.apiHostName,
      drStandbyResourceGroup: standby.resourceGroupName,
      drStandbyAppName: standby.functionAppName,
      drStandbyVaultName: standby.vaultName,
      drStandbyPostgresFqdn: standby.postgresFqdn,
      drStandbyAdminPasswordSecretUri: standby.adminPasswordSecretUri,
      drStandbyAppDbPasswordSecretUri: standby.appDbPasswordSecretUri,
      drStandbyReplicationPasswordSecretUri: standby.replicationPasswordSecretUri,
      drStandbyEgressIp: standby.egressIp,
      drBastionName: standby.bastionName,
      drJumpHostId: standby.jumpHostId,
      drSecretsExpireOn: cfg.secretsExpireOn ?? "",
      drPromotedAlarmName: dns.promotedAlarmName,
      // Where the gate's alarms live (the promote and failback steps publish there).
      drGateRegion: dns.gateRegion,
      drGatePublisherRoleArn: publisher.roleArn,
      drFrontDoorHost: frontDoor.endpointHostName,
      drFrontDoorId: frontDoor.frontDoorId,
      drGateAlertTopicArn: gateAlerts.topicArns.page,
      drStandbyUnhealthyAlarmName: dns.standbyUnhealthyAlarmName,
      drReplicationLagAlarmName: lag.alarmName,
      drRecoveryObjectives: {
        rtoMinutes: cfg.rtoMinutes,
        rpoMinutes: cfg.rpoMinutes,
        pagingSeconds: cfg.pagingSeconds,
        decisionMinutes: cfg.decisionMinutes,
        promotionMinutes: cfg.promotionMinutes,
        replicationLagAlarmSeconds: cfg.replicationLagAlarmSeconds,
        heartbeatIntervalSeconds: cfg.heartbeatIntervalSeconds,
        gate: cfg.gate,
      },
      ...(vpn
        ? {
            drVpnConnectionId: vpn.vpnConnectionId,
            drVpnSharedKey: vpn.sharedKey,
            drAzureGatewayIp: vpn.azureGatewayPublicIp,
          }
        : {}),
    },
  };
}

/** `platform:dr`: the Azure warm standby, the cross-cloud link and failover DNS. */
import { z } from "zod";
import { assessRecoveryObjectives, DEFAULT_GATE, gateTimingProblems } from "../../platform-rules/recovery-objectives";
import { awsRegion, azureLocation, cidrBlock, nonNegativeInt, positiveInt } from "./common";
import { STANDBY_AZURE_LOCATION } from "../../platform-rules/regions";
import { DEFAULT_RBAC_PROPAGATION_SECONDS, MAX_RBAC_PROPAGATION_SECONDS } from "../../components/azure/roles";

const dnsDefaults = {
  zoneName: "fx.example.com",
  recordName: "api",
  ttlSeconds: 60,
  healthCheckIntervalSeconds: 10 as const,
  failureThreshold: 3,
};
const postgresDefaults = {
  skuName: "Standard_D2ds_v5",
  tier: "GeneralPurpose" as const,
  storageSizeGb: 128,
  highAvailability: "Disabled" as const,
  geoRedundantBackup: "Enabled" as const,
  geoBackupLocation: "centralus" as const,
};
const functionsDefaults = { alwaysReadyInstances: 0, maximumInstanceCount: 100 };

export const dr = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe("Build the Azure standby, VPN and failover DNS. Default off (dev); on in prod."),
    location: azureLocation
      .default(STANDBY_AZURE_LOCATION)
      .describe("Azure location of the standby. Default eastus2; must be in platform:regions.allowedAzureLocations."),
    vnetCidr: cidrBlock(16, 21)
      .default("10.1.0.0/16")
      .describe(
        "Azure VNet address space, /16 to /21 (eight subnets: apps, postgres, endpoints, gateway, Bastion, management, two DNS resolver); must not overlap the AWS VPC. Default 10.1.0.0/16.",
      ),
    gateRegion: awsRegion
      .default("us-east-2")
      .describe(
        'AWS region of the failover gate (the latched "standby promoted" alarms Route 53 reads): must differ from aws:region, and the region-lock pack\'s recoveryRegions must list it. Default us-east-2.',
      ),
    rtoMinutes: positiveInt(1440).default(15).describe("Recovery time objective in minutes. Default 15."),
    rpoMinutes: positiveInt(1440).default(5).describe("Recovery point objective in minutes. Default 5."),
    pagingSeconds: positiveInt(3600)
      .default(60)
      .describe(
        "Seconds from Route 53 marking PRIMARY unhealthy to the on-call acknowledging the page (alarm period, delivery, ack). Default 60.",
      ),
    decisionMinutes: positiveInt(1440)
      .default(3)
      .describe(
        "Minutes the Incident Commander has to decide to fail over after the page (docs/runbooks/failover.md section 1). Default 3.",
      ),
    promotionMinutes: positiveInt(1440)
      .default(5)
      .describe(
        "Minutes the runbook's pre-checks and promotion (fence, `dr promote`, verify) take after the decision. Default 5.",
      ),
    replicationLagAlarmSeconds: positiveInt(86400)
      .default(120)
      .describe(
        "Replication-lag alarm threshold in seconds; threshold + heartbeat + sampling + alarm period must stay within the RPO. Default 120.",
      ),
    heartbeatIntervalSeconds: positiveInt(59)
      .default(10)
      .describe("Interval of the dr-heartbeat pg_cron job (services/dr/migrations/cron): 1 to 59 seconds. Default 10."),
    gate: z
      .strictObject({
        monitorScheduleSeconds: positiveInt(3600)
          .default(60)
          .describe(
            "How often the DR monitor runs (its EventBridge rate, deployed from this key) and publishes the lag and the promoted verdict: a whole number of minutes, in seconds (EventBridge rates are whole minutes, at least one). Default 60.",
          ),
        alarmPeriodSeconds: positiveInt(86400)
          .default(60)
          .describe(
            "Period of the DR alarms (replication lag, the latched gate, the Route 53 primary/standby health alarms), deployed from this key: a multiple of 60 (the metrics are standard resolution; Route 53 reads only standard-resolution alarms), at least gate.monitorScheduleSeconds (the lag alarm treats missing data as breaching). Default 60.",
          ),
        datapointsToOpen: positiveInt(10)
          .default(1)
          .describe("Healthy periods the gate alarm needs before it opens: 1 to 10. Default 1."),
        alarmEvaluationSeconds: nonNegativeInt(600)
          .default(60)
          .describe("Seconds from the end of an alarm period to CloudWatch changing the alarm state. Default 60."),
        route53AlarmReadSeconds: nonNegativeInt(600)
          .default(60)
          .describe("Seconds from the alarm state change to Route 53 answering SECONDARY. Default 60."),
      })
      .default(DEFAULT_GATE)
      .describe(
        "Latency of the failover gate, counted in the RTO (and the sampling interval and alarm period in the RPO).",
      ),
    dns: z
      .strictObject({
        zoneName: z
          .string()
          .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, "expected a DNS zone name like fx.example.com")
          .default("fx.example.com")
          .describe("Public hosted zone name, e.g. fx.example.com. Created by the DR part."),
        recordName: z
          .string()
          .regex(/^[a-z0-9-]+$/, "expected one DNS label like api")
          .default("api")
          .describe(
            "Record name in the zone for the API (one label; never the apex: the records are CNAMEs). Default api.",
          ),
        ttlSeconds: positiveInt(86400)
          .default(60)
          .describe("TTL of the failover records, 1 to 86400 seconds. Default 60."),
        healthCheckIntervalSeconds: z
          .union([z.literal(10), z.literal(30)], { error: () => "expected 10 or 30 (the intervals Route 53 supports)" })
          .default(10)
          .describe("Route 53 health checks accept 10 or 30 seconds. Default 10."),
        failureThreshold: positiveInt(10)
          .default(3)
          .describe("Consecutive failures before unhealthy: 1 to 10. Default 3."),
      })
      .default(dnsDefaults)
      .describe("Failover DNS."),
    certificate: z
      .enum(["pending", "imported"], {
        error: () =>
          "expected pending or imported (set imported after importing the certificate into the standby vault)",
      })
      .default("pending")
      .describe(
        "The failover name's TLS certificate, a second phase of a new environment: `pending` (default) until operators have imported it into the standby Key Vault (the vault is created by the same first `pulumi up`, so nothing can be bound then and CI's code deploy must still run); `imported` then binds it to the failover name (docs/components/dr.md, \"TLS for the failover name\").",
      ),
    secretsExpireOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a calendar day YYYY-MM-DD")
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "expected a real calendar day")
      .optional()
      .describe(
        'The day (YYYY-MM-DD, UTC) every standby Key Vault secret expires (Key Vault `exp`, PCI DSS 3.6.1/8.3.9). Azure Monitor alerts the on-call action group 30 days before; rotate the secrets and move this date on (docs/components/dr.md, "Secret expiry and rotation"). Unset: secrets never expire.',
      ),
    rbacPropagationSeconds: positiveInt(MAX_RBAC_PROPAGATION_SECONDS)
      .default(DEFAULT_RBAC_PROPAGATION_SECONDS)
      .describe(
        "Seconds the standby waits after each Azure role assignment before creating what uses it (PostgreSQL and storage unwrapping their keys, the Function App, Front Door reading the certificate): RBAC propagates eventually, Microsoft says in up to about ten minutes. 1 to 1800. Default 120.",
      ),
    gatePublisherAudience: z
      .string()
      .regex(/^(api:\/\/|https:\/\/)\S+$/, "expected an Application ID URI like api://fx-dr-gate")
      .default("api://fx-dr-gate")
      .describe(
        "Application ID URI of the Entra app the jump host's managed identity requests its token for, to assume the gate publisher role in AWS (IAM trusts that audience only).",
      ),
    frontDoor: z
      .strictObject({
        rateLimitPerMinute: z
          .number()
          .int("must be a whole number")
          .min(10, "must be at least 10")
          .max(1_000_000, "must be at most 1000000")
          .default(1000)
          .describe("Requests per client IP per minute before the WAF blocks: 10 to 1000000."),
      })
      .default({ rateLimitPerMinute: 1000 })
      .describe("The standby's front door (Azure Front Door Premium + WAF)."),
    operators: z
      .strictObject({
        groupObjectId: z
          .string()
          .regex(
            /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
            "expected the on-call Entra group's object id (a lowercase GUID)",
          )
          .optional()
          .describe(
            "Object id of the on-call Entra group: Entra SSH to the jump host, vault reads, PIM-eligible vault writes. Required when DR is enabled.",
          ),
        jumpHostSize: z
          .string()
          .regex(/^Standard_[A-Za-z0-9_]+$/, "expected an Azure VM size like Standard_D2s_v5")
          .default("Standard_D2s_v5")
          .describe("Jump host VM size. Default Standard_D2s_v5."),
      })
      .default({ jumpHostSize: "Standard_D2s_v5" })
      .describe("Who operates the standby during a failover (Azure Bastion + jump host + vault roles)."),
    vpn: z
      .enum(["enabled", "disabled"], { error: () => "expected enabled or disabled" })
      .default("disabled")
      .describe("Site-to-site VPN between the VPC and the VNet. Default disabled; enabled in prod."),
    vpnGatewaySku: z
      .enum(["VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ"], {
        error: () => "expected one of VpnGw1AZ to VpnGw5AZ (zone-redundant SKUs)",
      })
      .default("VpnGw2AZ")
      .describe("Azure VPN gateway SKU (zone-redundant AZ SKUs only). Default VpnGw2AZ."),
    keyProtection: z
      .enum(["hsm", "software"], { error: () => "expected hsm or software" })
      .default("hsm")
      .describe(
        "Where the standby's keys live: hsm (premium vault, RSA-HSM) or software (standard vault, RSA). Default hsm.",
      ),
    storageSku: z
      .enum(["Standard_GZRS", "Standard_RAGZRS"], {
        error: () => "expected Standard_GZRS or Standard_RAGZRS (geo-zone-redundant)",
      })
      .default("Standard_RAGZRS")
      .describe("Storage redundancy of the standby's blob account. Default Standard_RAGZRS."),
    functions: z
      .strictObject({
        alwaysReadyInstances: nonNegativeInt(20)
          .default(0)
          .describe(
            "Always-ready (pre-warmed) HTTP instances while standing by: 0 to 20. Default 0 (scale from zero).",
          ),
        maximumInstanceCount: z
          .number()
          .int("must be a whole number")
          .min(40, "must be at least 40 (the Flex Consumption minimum)")
          .max(1000, "must be at most 1000")
          .default(100)
          .describe("Scale-out ceiling after failover: 40 to 1000. Default 100."),
      })
      .default(functionsDefaults)
      .describe("The standby Function App (Flex Consumption)."),
    postgres: z
      .strictObject({
        skuName: z
          .string()
          .regex(/^Standard_[A-Za-z0-9_]+$/, "expected an Azure SKU like Standard_D2ds_v5")
          .default("Standard_D2ds_v5")
          .describe("Compute SKU, e.g. Standard_D2ds_v5 (GeneralPurpose) or Standard_B2s (Burstable)."),
        tier: z
          .enum(["Burstable", "GeneralPurpose", "MemoryOptimized"], {
            error: () => "expected Burstable, GeneralPurpose or MemoryOptimized",
          })
          .default("GeneralPurpose")
          .describe("Standby PostgreSQL pricing tier (Burstable cannot be zone-redundant)."),
        storageSizeGb: z
          .number()
          .int("must be a whole number")
          .min(32, "must be at least 32")
          .max(32768, "must be at most 32768")
          .default(128)
          .describe("Storage in GiB: 32 to 32768. Default 128."),
        highAvailability: z
          .enum(["ZoneRedundant", "Disabled"], { error: () => "expected ZoneRedundant or Disabled" })
          .default("Disabled")
          .describe("ZoneRedundant in prod. Default Disabled."),
        geoRedundantBackup: z
          .enum(["Enabled", "Disabled"], { error: () => "expected Enabled or Disabled" })
          .default("Enabled")
          .describe(
            "Geo-redundant backups (creation time only). With a customer-managed key Azure needs a second key and identity in the geo-paired region (geoBackupLocation). Default Enabled.",
          ),
        geoBackupLocation: azureLocation
          .default("centralus")
          .describe(
            "The standby location's geo pair, where the geo-backup key lives. Default centralus (eastus2's pair).",
          ),
      })
      .default(postgresDefaults)
      .describe("PostgreSQL flexible server size, HA and backups."),
  })
  .superRefine((d, ctx) => {
    for (const p of gateTimingProblems(d.gate))
      ctx.addIssue({ code: "custom", path: ["gate", p.field], message: p.message });
    const { problems } = assessRecoveryObjectives({ ...d, ...d.dns });
    for (const p of problems) {
      // index.ts already reports a threshold at or above the RPO; report only the tighter rule here.
      if (p.field === "replicationLagAlarmSeconds" && d.replicationLagAlarmSeconds >= d.rpoMinutes * 60) continue;
      ctx.addIssue({ code: "custom", path: [p.field], message: p.message });
    }
    if (d.enabled && d.operators.groupObjectId === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["operators", "groupObjectId"],
        message:
          "is required when DR is enabled: the on-call Entra group's object id (az ad group show -g <name> --query id)",
      });
    }
    if (d.postgres.tier === "Burstable" && d.postgres.highAvailability === "ZoneRedundant") {
      ctx.addIssue({
        code: "custom",
        path: ["postgres", "highAvailability"],
        message: "ZoneRedundant needs tier GeneralPurpose or MemoryOptimized (Burstable has no HA)",
      });
    }
    if (d.postgres.geoRedundantBackup === "Enabled" && d.postgres.geoBackupLocation === d.location) {
      ctx.addIssue({
        code: "custom",
        path: ["postgres", "geoBackupLocation"],
        message: `must be the geo-paired region of ${d.location} (eastus2 pairs with centralus), not ${d.location} itself`,
      });
    }
  })
  .default({
    enabled: false,
    location: STANDBY_AZURE_LOCATION,
    vnetCidr: "10.1.0.0/16",
    gateRegion: "us-east-2",
    rtoMinutes: 15,
    rpoMinutes: 5,
    pagingSeconds: 60,
    decisionMinutes: 3,
    promotionMinutes: 5,
    replicationLagAlarmSeconds: 120,
    heartbeatIntervalSeconds: 10,
    gate: DEFAULT_GATE,
    dns: dnsDefaults,
    certificate: "pending",
    operators: { jumpHostSize: "Standard_D2s_v5" },
    gatePublisherAudience: "api://fx-dr-gate",
    rbacPropagationSeconds: DEFAULT_RBAC_PROPAGATION_SECONDS,
    frontDoor: { rateLimitPerMinute: 1000 },
    vpn: "disabled",
    vpnGatewaySku: "VpnGw2AZ",
    keyProtection: "hsm",
    storageSku: "Standard_RAGZRS",
    functions: functionsDefaults,
    postgres: postgresDefaults,
  });

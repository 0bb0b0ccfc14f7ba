/** `platform:dr`: the Azure warm standby, the cross-cloud link and failover DNS. */
import { z } from "zod";
import { azureLocation, cidrBlock, positiveInt } from "./common";

export const dr = z
  .strictObject({
    /** Build the Azure standby, VPN and failover DNS. Default off (dev); on in prod. */
    enabled: z.boolean().default(false),
    /** Azure location of the standby. */
    location: azureLocation.default("eastus2"),
    /** Azure VNet address space; must not overlap the AWS VPC. */
    vnetCidr: cidrBlock(16, 24).default("10.1.0.0/16"),
    /** Recovery time objective in minutes. */
    rtoMinutes: positiveInt(1440).default(15),
    /** Recovery point objective in minutes. */
    rpoMinutes: positiveInt(1440).default(5),
    /** Minutes the runbook needs to promote the standby database after DNS has failed over. */
    promotionMinutes: positiveInt(1440).default(5),
    /** Replication-lag alarm threshold in seconds; must stay below the RPO. */
    replicationLagAlarmSeconds: positiveInt(86400).default(120),
    /** Failover DNS. */
    dns: z
      .strictObject({
        /** Public hosted zone name, e.g. fx.example.com. */
        zoneName: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, "expected a DNS zone name like fx.example.com").default("fx.example.com"),
        /** Record name in the zone for the API. */
        recordName: z.string().regex(/^[a-z0-9-]+$/, "expected one DNS label like api").default("api"),
        ttlSeconds: positiveInt(86400).default(60),
        /** Route 53 health checks accept 10 or 30 seconds. */
        healthCheckIntervalSeconds: z.union([z.literal(10), z.literal(30)], { error: () => "expected 10 or 30 (the intervals Route 53 supports)" }).default(10),
        /** Consecutive failures before unhealthy: 1 to 10. */
        failureThreshold: positiveInt(10).default(3),
      })
      .default({ zoneName: "fx.example.com", recordName: "api", ttlSeconds: 60, healthCheckIntervalSeconds: 10, failureThreshold: 3 }),
    /** Site-to-site VPN between the VPC and the VNet. */
    vpn: z.enum(["enabled", "disabled"], { error: () => "expected enabled or disabled" }).default("disabled"),
    /** PostgreSQL flexible server size and HA. */
    postgres: z
      .strictObject({
        skuName: z.string().regex(/^Standard_[A-Za-z0-9_]+$/, "expected an Azure SKU like Standard_D2ds_v5").default("Standard_D2ds_v5"),
        tier: z.enum(["Burstable", "GeneralPurpose", "MemoryOptimized"], { error: () => "expected Burstable, GeneralPurpose or MemoryOptimized" }).default("GeneralPurpose"),
        storageSizeGb: z.number().int("must be a whole number").min(32, "must be at least 32").max(32768, "must be at most 32768").default(128),
        highAvailability: z.enum(["ZoneRedundant", "Disabled"], { error: () => "expected ZoneRedundant or Disabled" }).default("Disabled"),
      })
      .default({ skuName: "Standard_D2ds_v5", tier: "GeneralPurpose", storageSizeGb: 128, highAvailability: "Disabled" }),
  })
  .default({
    enabled: false, location: "eastus2", vnetCidr: "10.1.0.0/16", rtoMinutes: 15, rpoMinutes: 5, promotionMinutes: 5,
    replicationLagAlarmSeconds: 120,
    dns: { zoneName: "fx.example.com", recordName: "api", ttlSeconds: 60, healthCheckIntervalSeconds: 10, failureThreshold: 3 },
    vpn: "disabled",
    postgres: { skuName: "Standard_D2ds_v5", tier: "GeneralPurpose", storageSizeGb: 128, highAvailability: "Disabled" },
  });

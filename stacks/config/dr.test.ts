import assert from "node:assert/strict";
import { ConfigError, parseStackConfig, type DrConfig } from "./index";
import { readStackConfig } from "../offline/stack-file";

/** prod's config with `platform:dr` changed by `patch`. */
function prodWith(
  patch: (dr: Record<string, any>) => void,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const raw = readStackConfig("prod");
  const dr = structuredClone(raw["platform:dr"]) as Record<string, any>;
  patch(dr);
  return { ...raw, "platform:dr": dr, ...extra };
}

function problemsOf(raw: Record<string, unknown>): readonly string[] {
  try {
    parseStackConfig("platform", "prod", raw);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("platform:dr config", () => {
  it("should accept the prod stack's objectives when they fit the RTO", async () => {
    assert.deepEqual(problemsOf(readStackConfig("prod")), []);
  });

  it("should require the on-call group when DR is enabled", async () => {
    assert.ok(
      problemsOf(prodWith((d) => delete d.operators)).some((p) =>
        p.startsWith("platform:dr.operators.groupObjectId: is required when DR is enabled"),
      ),
    );
  });

  it("should name gateRegion when the failover gate would share the primary's region", async () => {
    assert.ok(
      problemsOf(prodWith((d) => (d.gateRegion = "us-east-1"))).includes(
        "platform:dr.gateRegion: must differ from aws:region (us-east-1): the failover gate has to work while the primary region is down",
      ),
    );
  });

  it("should name rtoMinutes when the TTL leaves too little time to promote", async () => {
    const problems = problemsOf(prodWith((d) => (d.dns.ttlSeconds = 600)));
    assert.ok(
      problems.some((p) =>
        p.startsWith("platform:dr.rtoMinutes: the worst-case failover takes 1410 s, over the RTO of 900 s"),
      ),
      problems.join("\n"),
    );
  });

  it("should refuse TTL 240 s, interval 30 s, threshold 3 with a message naming the platform:dr keys", async () => {
    const problems = problemsOf(
      prodWith((d) => Object.assign(d.dns, { ttlSeconds: 240, healthCheckIntervalSeconds: 30, failureThreshold: 3 })),
    );
    const rto =
      problems.find((p) => p.startsWith("platform:dr.rtoMinutes: the worst-case failover takes 1110 s")) ?? "";
    for (const key of [
      "platform:dr.dns.ttlSeconds",
      "dns.healthCheckIntervalSeconds",
      "dns.failureThreshold",
      "platform:dr.pagingSeconds",
      "platform:dr.decisionMinutes",
      "platform:dr.gate.monitorScheduleSeconds",
    ]) {
      assert.ok(rto.includes(key), `${key} missing from: ${problems.join("\n")}`);
    }
  });

  it("should count a slower gate from platform:dr.gate in the RTO", async () => {
    const problems = problemsOf(prodWith((d) => (d.gate = { route53AlarmReadSeconds: 91 })));
    assert.ok(
      problems.some((p) => p.startsWith("platform:dr.rtoMinutes: the worst-case failover takes 901 s")),
      problems.join("\n"),
    );
  });

  it("should refuse a monitor schedule that is not a whole number of minutes", async () => {
    const problems = problemsOf(prodWith((d) => (d.gate = { monitorScheduleSeconds: 30 })));
    assert.ok(
      problems.some((p) => p.startsWith("platform:dr.gate.monitorScheduleSeconds: must be a whole number of minutes")),
      problems.join("\n"),
    );
  });

  it("should refuse a 30 s alarm period, which the standard-resolution DR metrics cannot feed", async () => {
    const problems = problemsOf(prodWith((d) => (d.gate = { alarmPeriodSeconds: 30 })));
    assert.ok(
      problems.some((p) => p.startsWith("platform:dr.gate.alarmPeriodSeconds: 30 s needs a high-resolution metric")),
      problems.join("\n"),
    );
  });

  it("should refuse an alarm period shorter than the monitor schedule", async () => {
    const problems = problemsOf(
      prodWith((d) => {
        d.gate = { monitorScheduleSeconds: 120, alarmPeriodSeconds: 60 };
        d.decisionMinutes = 1;
        d.replicationLagAlarmSeconds = 50;
      }),
    );
    assert.ok(
      problems.some((p) =>
        p.startsWith(
          "platform:dr.gate.alarmPeriodSeconds: must be at least platform:dr.gate.monitorScheduleSeconds (120)",
        ),
      ),
      problems.join("\n"),
    );
  });

  it("should refuse a gate alarm window longer than CloudWatch's seven days", async () => {
    const problems = problemsOf(
      prodWith((d) => {
        d.gate = { alarmPeriodSeconds: 86400, datapointsToOpen: 10 };
        d.rtoMinutes = 1440;
        d.rpoMinutes = 1440;
      }),
    );
    assert.ok(
      problems.some((p) => p.startsWith("platform:dr.gate.alarmPeriodSeconds: period 86400 s × 10 evaluation periods")),
      problems.join("\n"),
    );
  });

  it("should accept a two-minute schedule and period when the budget still fits", async () => {
    const problems = problemsOf(
      prodWith((d) => {
        d.gate = { monitorScheduleSeconds: 120, alarmPeriodSeconds: 120 };
        d.decisionMinutes = 1;
        d.replicationLagAlarmSeconds = 50;
      }),
    );
    assert.deepEqual(problems, []);
  });

  it("should name rtoMinutes when promotion alone exceeds the RTO", async () => {
    const problems = problemsOf(prodWith((d) => (d.promotionMinutes = 15)));
    assert.ok(
      problems.some(
        (p) =>
          p.startsWith("platform:dr.rtoMinutes:") &&
          p.includes("promotion 900 s (platform:dr.promotionMinutes 15 min)"),
      ),
      problems.join("\n"),
    );
  });

  it("should reject a lag threshold whose alarm fires after the RPO when it is just below it", async () => {
    const problems = problemsOf(prodWith((d) => (d.replicationLagAlarmSeconds = 290)));
    assert.ok(
      problems.some((p) =>
        p.startsWith(
          "platform:dr.replicationLagAlarmSeconds: the replication-lag alarm fires at the latest 420 s behind",
        ),
      ),
      problems.join("\n"),
    );
  });

  it("should report a lag threshold at the RPO once when it reaches it", async () => {
    const problems = problemsOf(prodWith((d) => (d.replicationLagAlarmSeconds = 300)));
    assert.equal(problems.filter((p) => p.startsWith("platform:dr.replicationLagAlarmSeconds")).length, 1);
  });

  it("should reject zone-redundant HA when the tier is Burstable", async () => {
    const problems = problemsOf(prodWith((d) => (d.postgres.tier = "Burstable")));
    assert.ok(
      problems.includes(
        "platform:dr.postgres.highAvailability: ZoneRedundant needs tier GeneralPurpose or MemoryOptimized (Burstable has no HA)",
      ),
      problems.join("\n"),
    );
  });

  it("should reject a geo-backup location equal to the standby's when geo backup is on", async () => {
    const problems = problemsOf(
      prodWith((d) => ((d.postgres.geoRedundantBackup = "Enabled"), (d.postgres.geoBackupLocation = "eastus2"))),
    );
    assert.ok(
      problems.some((p) =>
        p.startsWith("platform:dr.postgres.geoBackupLocation: must be the geo-paired region of eastus2"),
      ),
      problems.join("\n"),
    );
  });

  it("should require the geo-backup location to be allowed when geo backup is on", async () => {
    const problems = problemsOf(
      prodWith((d) => (d.postgres.geoRedundantBackup = "Enabled"), {
        "platform:regions": { allowedAwsRegions: ["us-east-1"], allowedAzureLocations: ["eastus2"] },
      }),
    );
    assert.ok(
      problems.some((p) =>
        p.startsWith(
          "platform:dr.postgres.geoBackupLocation: centralus is not in platform:regions.allowedAzureLocations",
        ),
      ),
      problems.join("\n"),
    );
  });

  it("should accept geo backup when the paired location is allowed", async () => {
    const raw = prodWith((d) => (d.postgres.geoRedundantBackup = "Enabled"), {
      "platform:regions": { allowedAwsRegions: ["us-east-1"], allowedAzureLocations: ["eastus2", "centralus"] },
    });
    assert.deepEqual(problemsOf(raw), []);
  });

  it("should name the allowed SKUs when the VPN gateway SKU is not zone-redundant", async () => {
    const problems = problemsOf(prodWith((d) => (d.vpnGatewaySku = "VpnGw2")));
    assert.ok(
      problems.includes("platform:dr.vpnGatewaySku: expected one of VpnGw1AZ to VpnGw5AZ (zone-redundant SKUs)"),
      problems.join("\n"),
    );
  });

  it("should reject keyProtection values other than hsm or software", async () => {
    const problems = problemsOf(prodWith((d) => (d.keyProtection = "none")));
    assert.ok(problems.includes("platform:dr.keyProtection: expected hsm or software"), problems.join("\n"));
  });

  it("should reject a storage SKU that is not geo-zone-redundant", async () => {
    const problems = problemsOf(prodWith((d) => (d.storageSku = "Standard_LRS")));
    assert.ok(
      problems.includes("platform:dr.storageSku: expected Standard_GZRS or Standard_RAGZRS (geo-zone-redundant)"),
      problems.join("\n"),
    );
  });

  it("should reject a Flex Consumption ceiling below 40 instances", async () => {
    const problems = problemsOf(prodWith((d) => (d.functions.maximumInstanceCount = 10)));
    assert.ok(
      problems.includes(
        "platform:dr.functions.maximumInstanceCount: must be at least 40 (the Flex Consumption minimum)",
      ),
      problems.join("\n"),
    );
  });

  it("should default keyProtection to hsm when the key is absent", async () => {
    const raw = prodWith((d) => delete d.keyProtection);
    const dr: DrConfig = parseStackConfig("platform", "prod", raw).dr;
    assert.equal(dr.keyProtection, "hsm");
  });
});

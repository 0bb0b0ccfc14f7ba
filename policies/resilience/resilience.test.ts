import assert from "node:assert/strict";
import { DEFAULT_GATE, objectiveTags, type RecoveryObjectivesInput } from "../../platform-rules/recovery-objectives";
import type { PlanResource } from "../../platform-rules/plan-format";
import { UNKNOWN_STRING } from "../runner/proxy";
import { findingsOf, mandatoryOf, resource, urnOf } from "../testing/fixtures";

const POLICY = "dr-recovery-objectives";
const CHECK = "aws:route53/healthCheck:HealthCheck";
const RECORD = "aws:route53/record:Record";
const FQDN = "api.fx.example.com";

/** The prod objectives: RTO 15 min, RPO 5 min, paging 60 s, decision 3 min, promotion 5 min, gate 240 s, lag alarm at 120 s. */
const PROD: RecoveryObjectivesInput = {
  rtoMinutes: 15,
  rpoMinutes: 5,
  pagingSeconds: 60,
  decisionMinutes: 3,
  promotionMinutes: 5,
  replicationLagAlarmSeconds: 120,
  heartbeatIntervalSeconds: 10,
  gate: DEFAULT_GATE,
  healthCheckIntervalSeconds: 10,
  failureThreshold: 3,
  ttlSeconds: 60,
};

interface Dr {
  readonly objectives?: Partial<RecoveryObjectivesInput>;
  readonly check?: Record<string, unknown>;
  readonly primaryTtl?: unknown;
  readonly secondaryTtl?: unknown;
  readonly routed?: boolean;
}

/** FailoverDns's shape: a tagged primary probe, a PRIMARY record routed by it and its SECONDARY partner. */
function drStack(dr: Dr = {}): PlanResource[] {
  const check = resource(CHECK, "dr-dns-primary-check", {
    type: "HTTPS",
    fqdn: "abc.execute-api.us-east-1.amazonaws.com",
    requestInterval: 10,
    failureThreshold: 3,
    tags: { Name: `${FQDN} primary (AWS)`, ...objectiveTags({ ...PROD, ...dr.objectives }) },
    ...dr.check,
  });
  const gate = resource(CHECK, "dr-dns-secondary-gate", {
    type: "CALCULATED",
    childHealthThreshold: 2,
    tags: { Name: "gate" },
  });
  const record = (role: "primary" | "secondary", ttl: unknown, via: string | undefined) =>
    resource(
      RECORD,
      `dr-dns-${role}`,
      {
        zoneId: "Z1",
        name: FQDN,
        type: "CNAME",
        ttl,
        records: [`${role}.example.net`],
        setIdentifier: role,
        failoverRoutingPolicies: [{ type: role.toUpperCase() }],
        healthCheckId: `${role}-check-id`,
      },
      { propertyDependencies: via ? { healthCheckId: [via] } : {} },
    );
  return [
    check,
    gate,
    record("primary", dr.primaryTtl ?? 60, dr.routed === false ? undefined : check.urn),
    record("secondary", dr.secondaryTtl ?? 60, gate.urn),
    resource(RECORD, "api-domain-validation", {
      zoneId: "Z1",
      name: `_x.${FQDN}`,
      type: "CNAME",
      ttl: 86400,
      records: ["_y.acm-validations.aws."],
    }),
  ];
}

describe("dr-recovery-objectives", () => {
  it("should pass the prod failover (30 + 60 + 180 + 300 + 240 + 60 = 870 s within 900 s)", async () => {
    assert.deepEqual(await findingsOf(POLICY, drStack()), []);
  });

  it("should refuse TTL 240 s, interval 30 s, threshold 3 naming the platform:dr keys", async () => {
    const [f] = await mandatoryOf(
      POLICY,
      drStack({ check: { requestInterval: 30, failureThreshold: 3 }, primaryTtl: 240, secondaryTtl: 240 }),
    );
    assert.match(
      f.message,
      /takes 1110 s, over the RTO of 900 s .*platform:dr\.pagingSeconds 60 s.*platform:dr\.decisionMinutes 3 min.*platform:dr\.gate\.monitorScheduleSeconds 60 s/,
    );
  });

  it("should report a gate alarm whose period is longer than the tagged platform:dr.gate.alarmPeriodSeconds", async () => {
    const alarm = resource("aws:cloudwatch/metricAlarm:MetricAlarm", "dr-dns-standby-promoted", {
      namespace: "Platform/DR",
      metricName: "StandbyPromoted",
      period: 300,
      evaluationPeriods: 1,
    });
    const [f] = await mandatoryOf(POLICY, [...drStack(), alarm]);
    assert.match(
      f.message,
      /dr-dns-standby-promoted \(StandbyPromoted\) has a 300 s period, but the recovery budget counts platform:dr\.gate\.alarmPeriodSeconds 60 s/,
    );
  });

  it("should report a gate alarm that needs more healthy periods to open than platform:dr.gate.datapointsToOpen", async () => {
    const alarm = resource("aws:cloudwatch/metricAlarm:MetricAlarm", "dr-dns-standby-promoted", {
      namespace: "Platform/DR",
      metricName: "StandbyPromoted",
      period: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 1,
    });
    const [f] = await mandatoryOf(POLICY, [...drStack(), alarm]);
    assert.match(f.message, /needs 3 healthy periods to open the gate \(1 of 3\).*set that key to 3\./);
  });

  it("should accept a latched gate alarm that opens on one healthy period (3 of 3 to close)", async () => {
    const alarm = resource("aws:cloudwatch/metricAlarm:MetricAlarm", "dr-dns-standby-promoted", {
      namespace: "Platform/DR",
      metricName: "StandbyPromoted",
      period: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
    });
    assert.deepEqual(await mandatoryOf(POLICY, [...drStack(), alarm]), []);
  });

  it("should report a DR monitor scheduled less often than platform:dr.gate.monitorScheduleSeconds", async () => {
    const rule = resource("aws:cloudwatch/eventRule:EventRule", "dr-monitor-schedule", {
      description: "Runs the DR monitor every minute",
      scheduleExpression: "rate(5 minutes)",
    });
    const [f] = await mandatoryOf(POLICY, [...drStack(), rule]);
    assert.match(
      f.message,
      /dr-monitor-schedule runs the DR monitor every 300 s, but the recovery budget counts platform:dr\.gate\.monitorScheduleSeconds 60 s/,
    );
  });

  describe("when the objectives count a two-minute gate (platform:dr.gate at 120 s)", () => {
    const slower = {
      decisionMinutes: 1,
      replicationLagAlarmSeconds: 50,
      gate: { ...DEFAULT_GATE, monitorScheduleSeconds: 120, alarmPeriodSeconds: 120 },
    };

    it("should report a lag alarm still on a 60 s period", async () => {
      const alarm = resource("aws:cloudwatch/metricAlarm:MetricAlarm", "dr-replication-lag-alarm", {
        namespace: "Platform/DR",
        metricName: "ReplicationLagSeconds",
        period: 60,
        evaluationPeriods: 1,
      });
      const [f] = await mandatoryOf(POLICY, [...drStack({ objectives: slower }), alarm]);
      assert.match(
        f.message,
        /dr-replication-lag-alarm \(ReplicationLagSeconds\) has a 60 s period, but the recovery budget counts platform:dr\.gate\.alarmPeriodSeconds 120 s/,
      );
    });

    it("should report a DR monitor still scheduled every minute", async () => {
      const rule = resource("aws:cloudwatch/eventRule:EventRule", "dr-monitor-schedule", {
        description: "Runs the DR monitor every minute",
        scheduleExpression: "rate(1 minute)",
      });
      const [f] = await mandatoryOf(POLICY, [...drStack({ objectives: slower }), rule]);
      assert.match(
        f.message,
        /dr-monitor-schedule runs the DR monitor every 60 s, but the recovery budget counts platform:dr\.gate\.monitorScheduleSeconds 120 s/,
      );
    });

    it("should accept the schedule and periods deployed from those keys", async () => {
      const alarm = resource("aws:cloudwatch/metricAlarm:MetricAlarm", "dr-replication-lag-alarm", {
        namespace: "Platform/DR",
        metricName: "ReplicationLagSeconds",
        period: 120,
        evaluationPeriods: 1,
      });
      const rule = resource("aws:cloudwatch/eventRule:EventRule", "dr-monitor-schedule", {
        description: "Runs the DR monitor every 2 minutes",
        scheduleExpression: "rate(2 minutes)",
      });
      assert.deepEqual(await mandatoryOf(POLICY, [...drStack({ objectives: slower }), alarm, rule]), []);
    });
  });

  it("should report the primary health check's page alarm on a period other than platform:dr.gate.alarmPeriodSeconds", async () => {
    const stack = drStack();
    const alarm = resource(
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "dr-dns-primary-unhealthy",
      { namespace: "AWS/Route53", metricName: "HealthCheckStatus", period: 300, evaluationPeriods: 1 },
      { propertyDependencies: { dimensions: [stack[0].urn] } },
    );
    const [f] = await mandatoryOf(POLICY, [...stack, alarm]);
    assert.match(f.message, /dr-dns-primary-unhealthy \(HealthCheckStatus\) has a 300 s period/);
  });

  it("should count the gate's latency from the tags, not a constant", async () => {
    const [f] = await mandatoryOf(
      POLICY,
      drStack({ objectives: { gate: { ...DEFAULT_GATE, route53AlarmReadSeconds: 91 } } }),
    );
    assert.match(f.message, /gate 271 s/);
  });

  it("should report a failover record TTL that leaves too little of the RTO for promotion, with the numbers", async () => {
    const [f] = await mandatoryOf(POLICY, drStack({ primaryTtl: 600 }));
    assert.match(
      f.message,
      /\ndr-dns-primary-check: platform:dr\.rtoMinutes: the worst-case failover takes 1410 s, over the RTO of 900 s \(platform:dr\.rtoMinutes 15\) by 510 s: .*dns 600 s \(platform:dr\.dns\.ttlSeconds 600 s\); .*raise platform:dr\.rtoMinutes to at least 24 \(health check dr-dns-primary-check, slowest TTL on dr-dns-primary\)\.$/,
    );
  });

  it("should check the TTL of a PRIMARY routed through a CALCULATED check that has the tagged probe as a child", async () => {
    const resources = drStack({ routed: false, primaryTtl: 600 });
    const probe = resources[0];
    const primaryGate = resource(
      CHECK,
      "dr-dns-primary-gate",
      { type: "CALCULATED", childHealthThreshold: 2 },
      { propertyDependencies: { childHealthchecks: [probe.urn] } },
    );
    const gated = resources.map((r) =>
      r.name === "dr-dns-primary" ? { ...r, propertyDependencies: { healthCheckId: [primaryGate.urn] } } : r,
    );
    const [f] = await mandatoryOf(POLICY, [...gated, primaryGate]);
    assert.match(f.message, /dns 600 s .*slowest TTL on dr-dns-primary\)/);
  });

  it("should count the TTL of the SECONDARY partner record, which resolvers cache as well", async () => {
    const findings = await mandatoryOf(POLICY, drStack({ secondaryTtl: 900 }));
    assert.deepEqual(
      findings.map((f) => f.urn),
      [urnOf(CHECK, "dr-dns-primary-check")],
    );
  });

  it("should report detection (interval × failure threshold) that no longer fits the RTO", async () => {
    const [f] = await mandatoryOf(
      POLICY,
      drStack({ check: { requestInterval: 30, failureThreshold: 10 }, objectives: { rtoMinutes: 12 } }),
    );
    assert.match(
      f.message,
      /detection 300 s \(platform:dr\.dns\.healthCheckIntervalSeconds 30 s × dns\.failureThreshold 10\)/,
    );
  });

  it("should pass the same detection once the RTO is raised to cover it", async () => {
    assert.deepEqual(
      await mandatoryOf(
        POLICY,
        drStack({ check: { requestInterval: 30, failureThreshold: 10 }, objectives: { rtoMinutes: 19 } }),
      ),
      [],
    );
  });

  it("should use Route 53's defaults (30 s × 3) when the health check leaves interval and threshold unset", async () => {
    const [f] = await mandatoryOf(
      POLICY,
      drStack({ check: { requestInterval: undefined, failureThreshold: undefined }, objectives: { rtoMinutes: 9 } }),
    );
    assert.match(
      f.message,
      /detection 90 s \(platform:dr\.dns\.healthCheckIntervalSeconds 30 s × dns\.failureThreshold 3\)/,
    );
  });

  it("should report a replication-lag alarm threshold at or above the RPO", async () => {
    const [f] = await mandatoryOf(POLICY, drStack({ objectives: { replicationLagAlarmSeconds: 300 } }));
    assert.match(
      f.message,
      /fires at the latest 430 s behind, after the RPO of 300 s .*set platform:dr\.replicationLagAlarmSeconds to at most 170, /,
    );
  });

  it("should report a lag threshold below the RPO whose alarm period still ends after it", async () => {
    const findings = await mandatoryOf(POLICY, drStack({ objectives: { replicationLagAlarmSeconds: 171 } }));
    assert.equal(findings.length, 1);
  });

  it("should pass a lag threshold that alarms within the RPO", async () => {
    assert.deepEqual(await mandatoryOf(POLICY, drStack({ objectives: { replicationLagAlarmSeconds: 170 } })), []);
  });

  it("should not apply when no health check carries the objective tags (dev, DR disabled)", async () => {
    const plain = drStack().map((r) =>
      r.type === CHECK ? { ...r, inputs: { ...r.inputs, tags: { Name: r.name } } } : r,
    );
    assert.deepEqual(await findingsOf(POLICY, plain), []);
  });

  it("should not apply to a stack without Route 53 at all", async () => {
    assert.deepEqual(await findingsOf(POLICY, [resource("aws:sqs/queue:Queue", "q", {})]), []);
  });

  it("should report objective tags that are incomplete or not whole numbers", async () => {
    const [f] = await mandatoryOf(POLICY, drStack({ check: { tags: { DrRtoMinutes: "fifteen" } } }));
    assert.match(
      f.message,
      /carries DR objective tags but DrRtoMinutes, DrRpoMinutes, .* are missing or not whole numbers/,
    );
  });

  it("should report a tagged health check that routes no failover record", async () => {
    const [f] = await mandatoryOf(POLICY, drStack({ routed: false }));
    assert.match(f.message, /routes no failover record with a ttl/);
  });

  it("should skip with an advisory finding while a TTL is unknown during preview", async () => {
    const findings = await findingsOf(POLICY, drStack({ primaryTtl: UNKNOWN_STRING }));
    assert.deepEqual(
      findings.map((f) => f.enforcementLevel),
      ["advisory"],
    );
  });
});

import assert from "node:assert/strict";
import { objectiveTags, type RecoveryObjectivesInput } from "../../components/dr/objectives";
import type { PlanResource } from "../../stacks/offline/plan-types";
import { UNKNOWN_STRING } from "../runner/proxy";
import { findingsOf, mandatoryOf, resource, urnOf } from "../testing/fixtures";

const POLICY = "dr-recovery-objectives";
const CHECK = "aws:route53/healthCheck:HealthCheck";
const RECORD = "aws:route53/record:Record";
const FQDN = "api.fx.example.com";

/** The prod objectives: RTO 15 min, RPO 5 min, promotion 5 min, lag alarm at 120 s. */
const PROD: RecoveryObjectivesInput = {
  rtoMinutes: 15, rpoMinutes: 5, promotionMinutes: 5, replicationLagAlarmSeconds: 120,
  healthCheckIntervalSeconds: 10, failureThreshold: 3, ttlSeconds: 60,
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
    type: "HTTPS", fqdn: "abc.execute-api.us-east-1.amazonaws.com", requestInterval: 10, failureThreshold: 3,
    tags: { Name: `${FQDN} primary (AWS)`, ...objectiveTags({ ...PROD, ...dr.objectives }) },
    ...dr.check,
  });
  const gate = resource(CHECK, "dr-dns-secondary-gate", { type: "CALCULATED", childHealthThreshold: 2, tags: { Name: "gate" } });
  const record = (role: "primary" | "secondary", ttl: unknown, via: string | undefined) =>
    resource(RECORD, `dr-dns-${role}`, {
      zoneId: "Z1", name: FQDN, type: "CNAME", ttl, records: [`${role}.example.net`], setIdentifier: role,
      failoverRoutingPolicies: [{ type: role.toUpperCase() }], healthCheckId: `${role}-check-id`,
    }, { propertyDependencies: via ? { healthCheckId: [via] } : {} });
  return [
    check,
    gate,
    record("primary", dr.primaryTtl ?? 60, dr.routed === false ? undefined : check.urn),
    record("secondary", dr.secondaryTtl ?? 60, gate.urn),
    resource(RECORD, "api-domain-validation", { zoneId: "Z1", name: `_x.${FQDN}`, type: "CNAME", ttl: 86400, records: ["_y.acm-validations.aws."] }),
  ];
}

describe("dr-recovery-objectives", () => {
  it("should pass the prod failover DNS (30 s detection + 120 s gate + 60 s TTL leave 690 s for a 300 s promotion)", async () => {
    assert.deepEqual(await findingsOf(POLICY, drStack()), []);
  });

  it("should report a failover record TTL that leaves too little of the RTO for promotion, with the numbers", async () => {
    const [f] = await mandatoryOf(POLICY, drStack({ primaryTtl: 600 }));
    assert.match(f.message, /detection 10 s × 3 = 30 s, the promotion gate 120 s and the DNS TTL 600 s \(dr-dns-primary\) leave 150 s of the 900 s RTO for promotion, which takes 300 s .*lower the records' ttl.* by 150 s in total, or raise platform:dr\.rtoMinutes to at least 18\./);
  });

  it("should count the TTL of the SECONDARY partner record, which resolvers cache as well", async () => {
    const findings = await mandatoryOf(POLICY, drStack({ secondaryTtl: 900 }));
    assert.deepEqual(findings.map((f) => f.urn), [urnOf(CHECK, "dr-dns-primary-check")]);
  });

  it("should report detection (interval × failure threshold) that no longer fits the RTO", async () => {
    const [f] = await mandatoryOf(POLICY, drStack({ check: { requestInterval: 30, failureThreshold: 10 }, objectives: { rtoMinutes: 12 } }));
    assert.match(f.message, /detection 30 s × 10 = 300 s/);
  });

  it("should pass the same detection once the RTO is raised to cover it", async () => {
    assert.deepEqual(await mandatoryOf(POLICY, drStack({ check: { requestInterval: 30, failureThreshold: 10 }, objectives: { rtoMinutes: 13 } })), []);
  });

  it("should use Route 53's defaults (30 s × 3) when the health check leaves interval and threshold unset", async () => {
    const [f] = await mandatoryOf(POLICY, drStack({ check: { requestInterval: undefined, failureThreshold: undefined }, objectives: { rtoMinutes: 9 } }));
    assert.match(f.message, /detection 30 s × 3 = 90 s/);
  });

  it("should report a replication-lag alarm threshold at or above the RPO", async () => {
    const [f] = await mandatoryOf(POLICY, drStack({ objectives: { replicationLagAlarmSeconds: 300 } }));
    assert.match(f.message, /threshold 300 s \+ 60 s period = 360 s\) can fire after the 300 s RPO: set platform:dr\.replicationLagAlarmSeconds to at most 240/);
  });

  it("should report a lag threshold below the RPO whose alarm period still ends after it", async () => {
    const findings = await mandatoryOf(POLICY, drStack({ objectives: { replicationLagAlarmSeconds: 241 } }));
    assert.equal(findings.length, 1);
  });

  it("should pass a lag threshold that alarms within the RPO", async () => {
    assert.deepEqual(await mandatoryOf(POLICY, drStack({ objectives: { replicationLagAlarmSeconds: 240 } })), []);
  });

  it("should not apply when no health check carries the objective tags (dev, DR disabled)", async () => {
    const plain = drStack().map((r) => (r.type === CHECK ? { ...r, inputs: { ...r.inputs, tags: { Name: r.name } } } : r));
    assert.deepEqual(await findingsOf(POLICY, plain), []);
  });

  it("should not apply to a stack without Route 53 at all", async () => {
    assert.deepEqual(await findingsOf(POLICY, [resource("aws:sqs/queue:Queue", "q", {})]), []);
  });

  it("should report objective tags that are incomplete or not whole numbers", async () => {
    const [f] = await mandatoryOf(POLICY, drStack({ check: { tags: { DrRtoMinutes: "fifteen" } } }));
    assert.match(f.message, /carries DR objective tags but not all of DrRtoMinutes, DrRpoMinutes/);
  });

  it("should report a tagged health check that routes no failover record", async () => {
    const [f] = await mandatoryOf(POLICY, drStack({ routed: false }));
    assert.match(f.message, /routes no failover record with a ttl/);
  });

  it("should skip with an advisory finding while a TTL is unknown during preview", async () => {
    const findings = await findingsOf(POLICY, drStack({ primaryTtl: UNKNOWN_STRING }));
    assert.deepEqual(findings.map((f) => f.enforcementLevel), ["advisory"]);
  });
});

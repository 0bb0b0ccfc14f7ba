import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../testing/harness";
import { crossCloudVpnArgsProblems, CrossCloudVpn, type CrossCloudVpnArgs } from "./vpn";
import { FailoverDns, failoverDnsArgsProblems, type FailoverDnsArgs } from "./failover-dns";
import { ReplicationLagAlarm, replicationLagAlarmArgsProblems } from "./replication-alarm";
import { DEFAULT_GATE, type RecoveryObjectives } from "../../platform-rules/recovery-objectives";

const OBJECTIVES: RecoveryObjectives = {
  rtoMinutes: 15,
  rpoMinutes: 5,
  pagingSeconds: 60,
  decisionMinutes: 3,
  promotionMinutes: 5,
  replicationLagAlarmSeconds: 120,
  heartbeatIntervalSeconds: 10,
  gate: DEFAULT_GATE,
};

const tags = {
  Environment: "prod",
  CostCenter: "c",
  Owner: "o",
  Compliance: "PCI-DSS",
  DataClassification: "restricted",
};
const vpnArgs = (
  azure: Partial<CrossCloudVpnArgs["azure"]> = {},
  aws: Partial<CrossCloudVpnArgs["aws"]> = {},
): CrossCloudVpnArgs => ({
  aws: { vpcId: "vpc-1", vpcCidr: "10.0.0.0/16", ...aws },
  azure: {
    resourceGroupName: "rg",
    location: "eastus2",
    tags,
    gatewaySubnetId: "/subnets/GatewaySubnet",
    vnetCidr: "10.1.0.0/16",
    workspaceId: "ws",
    ...azure,
  },
});
const dnsArgs = (overrides: Partial<FailoverDnsArgs> = {}): FailoverDnsArgs => ({
  zoneName: "fx.example.com",
  recordName: "api",
  ttlSeconds: 60,
  healthCheckIntervalSeconds: 10,
  failureThreshold: 3,
  primary: {
    target: "d-abc.execute-api.us-east-1.amazonaws.com",
    probeFqdn: "abc.execute-api.us-east-1.amazonaws.com",
    probePath: "/prod/health",
  },
  secondary: { target: "app.azurewebsites.net", probePath: "/health" },
  objectives: OBJECTIVES,
  alarmRegion: "us-east-1",
  // The provider is only read when the component runs, inside runProgram.
  gate: {
    get provider() {
      return new aws.Provider("gate", { region: "us-east-2" });
    },
    region: "us-east-2",
    primaryRegion: "us-east-1",
  },
  ...overrides,
});

describe("crossCloudVpnArgsProblems", () => {
  it("should name aws.vpcCidr when it is malformed", async () => {
    assert.deepEqual(crossCloudVpnArgsProblems(vpnArgs({}, { vpcCidr: "10.0.0.0" })), [
      'aws.vpcCidr: expected a CIDR like 10.0.0.0/16; got "10.0.0.0"',
    ]);
  });

  it("should name azure.vnetCidr when it is malformed", async () => {
    assert.deepEqual(crossCloudVpnArgsProblems(vpnArgs({ vnetCidr: "x" })), [
      'azure.vnetCidr: expected a CIDR like 10.1.0.0/16; got "x"',
    ]);
  });

  it("should refuse identical address spaces", async () => {
    assert.deepEqual(crossCloudVpnArgsProblems(vpnArgs({ vnetCidr: "10.0.0.0/16" })), [
      "azure.vnetCidr: must differ from aws.vpcCidr (routes need disjoint address spaces)",
    ]);
  });

  it("should refuse a gateway SKU that is not zone-redundant", async () => {
    assert.deepEqual(crossCloudVpnArgsProblems(vpnArgs({ gatewaySku: "Basic" as never })), [
      "azure.gatewaySku: expected one of VpnGw1AZ, VpnGw2AZ, VpnGw3AZ, VpnGw4AZ, VpnGw5AZ (zone-redundant)",
    ]);
  });
});

describe("CrossCloudVpn", () => {
  it("should point the customer gateway at the Azure gateway's public IP", async () => {
    const plan = await runProgram(() => new CrossCloudVpn("vpn", vpnArgs()));
    assert.equal(plan.one("aws:ec2/customerGateway:CustomerGateway").inputs.ipAddress, "198.51.100.20");
  });

  it("should add one local network gateway per AWS tunnel", async () => {
    const plan = await runProgram(() => new CrossCloudVpn("vpn", vpnArgs()));
    assert.deepEqual(
      plan.ofType("azure-native:network:LocalNetworkGateway").map((g) => g.inputs.gatewayIpAddress),
      ["203.0.113.10", "203.0.113.11"],
    );
  });

  it("should propagate the VPN routes into the given route tables", async () => {
    const plan = await runProgram(() => new CrossCloudVpn("vpn", vpnArgs({}, { routeTableIds: ["rtb-1", "rtb-2"] })));
    assert.equal(plan.ofType("aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation").length, 2);
  });

  it("should open PostgreSQL from the VNet on the database security group when given", async () => {
    const plan = await runProgram(() => new CrossCloudVpn("vpn", vpnArgs({}, { databaseSecurityGroupId: "sg-1" })));
    const rule = plan.one("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").inputs;
    assert.deepEqual([rule.cidrIpv4, rule.fromPort, rule.toPort], ["10.1.0.0/16", 5432, 5432]);
  });

  it("should mark the shared key secret", async () => {
    let key: pulumi.Output<string> | undefined;
    await runProgram(() => (key = new CrossCloudVpn("vpn", vpnArgs()).sharedKey));
    assert.equal(await pulumi.isSecret(key!), true);
  });
});

describe("failoverDnsArgsProblems", () => {
  const cases: [string, Partial<FailoverDnsArgs>, string][] = [
    [
      "the zone name has no dot",
      { zoneName: "localhost" },
      'zoneName: expected a zone like fx.example.com; got "localhost"',
    ],
    [
      "the record name has two labels",
      { recordName: "api.v1" },
      'recordName: expected one DNS label like api (CNAMEs cannot sit at the apex); got "api.v1"',
    ],
    [
      "the interval is 20",
      { healthCheckIntervalSeconds: 20 },
      "healthCheckIntervalSeconds: expected 10 or 30 (the intervals Route 53 supports); got 20",
    ],
    ["the threshold is 11", { failureThreshold: 11 }, "failureThreshold: expected 1 to 10; got 11"],
    ["the TTL is 0", { ttlSeconds: 0 }, "ttlSeconds: expected 1 to 86400; got 0"],
    [
      "the primary probe path is relative",
      { primary: { target: "t", probeFqdn: "f", probePath: "health" } },
      "primary.probePath: must start with /",
    ],
    [
      "the secondary probe path is relative",
      { secondary: { target: "t", probePath: "health" } },
      "secondary.probePath: must start with /",
    ],
    [
      "the gate shares the primary's region",
      { gate: { provider: undefined as never, region: "us-east-1", primaryRegion: "us-east-1" } },
      "gate.region: must differ from the primary region us-east-1: the failover gate has to work while that region is down",
    ],
    [
      "the gate period is 45 s",
      { objectives: { ...OBJECTIVES, gate: { ...OBJECTIVES.gate, alarmPeriodSeconds: 45 } } },
      "objectives.gate.alarmPeriodSeconds: CloudWatch alarm periods are 10, 20, 30 or a multiple of 60 seconds; got 45 (the DR metrics and the Route 53 health-check metrics are standard resolution)",
    ],
    [
      "the gate period is 30 s, which Route 53 cannot read",
      { objectives: { ...OBJECTIVES, gate: { ...OBJECTIVES.gate, alarmPeriodSeconds: 30 } } },
      "objectives.gate.alarmPeriodSeconds: 30 s needs a high-resolution metric (StorageResolution 1), and standard-resolution metrics (and every alarm a Route 53 health check reads) take a multiple of 60 (the DR metrics and the Route 53 health-check metrics are standard resolution)",
    ],
    [
      "the alarms are not in us-east-1",
      { alarmRegion: "eu-west-1" },
      'alarmRegion: must be us-east-1: Route 53 publishes health-check metrics only there, so alarms elsewhere never see them; got "eu-west-1"',
    ],
  ];
  for (const [when, overrides, message] of cases) {
    it(`should say "${message.split(":")[0]}" when ${when}`, async () => {
      assert.ok(
        failoverDnsArgsProblems(dnsArgs(overrides)).includes(message),
        failoverDnsArgsProblems(dnsArgs(overrides)).join("\n"),
      );
    });
  }

  it("should name objectives.rtoMinutes when detection and TTL leave no time to promote", async () => {
    const problems = failoverDnsArgsProblems(dnsArgs({ ttlSeconds: 3600 }));
    assert.ok(
      problems.some((p) => p.startsWith("objectives.rtoMinutes: the worst-case failover takes")),
      problems.join("\n"),
    );
  });
});

describe("FailoverDns", () => {
  it("should stop the program with the RTO message when the objectives cannot be met", async () => {
    await assert.rejects(
      runProgram(
        () =>
          new FailoverDns("dns", dnsArgs({ failureThreshold: 10, healthCheckIntervalSeconds: 30, ttlSeconds: 600 })),
      ),
      /objectives\.rtoMinutes/,
    );
  });

  it("should use the given zone instead of creating one when zoneId is set", async () => {
    const plan = await runProgram(() => new FailoverDns("dns", dnsArgs({ zoneId: "Z123" })));
    assert.deepEqual([plan.has("aws:route53/zone:Zone"), plan.named("dns-primary").inputs.zoneId], [false, "Z123"]);
  });

  it("should probe the primary directly rather than through the failover name", async () => {
    const plan = await runProgram(() => new FailoverDns("dns", dnsArgs()));
    assert.equal(plan.named("dns-primary-check").inputs.fqdn, "abc.execute-api.us-east-1.amazonaws.com");
  });

  it("should keep the gate closed until the promote step publishes", async () => {
    const plan = await runProgram(() => new FailoverDns("dns", dnsArgs()));
    const check = plan.named("dns-promoted-check");
    assert.deepEqual(
      [check.inputs.insufficientDataHealthStatus, check.propertyDependencies.cloudwatchAlarmName],
      ["Unhealthy", [plan.named("dns-standby-not-promoted").urn]],
    );
  });

  it("should latch the gate: a missed sample keeps the alarm's state", async () => {
    const plan = await runProgram(() => new FailoverDns("dns", dnsArgs()));
    assert.deepEqual(
      [
        plan.named("dns-standby-not-promoted").inputs.treatMissingData,
        plan.named("dns-standby-promoted").inputs.treatMissingData,
      ],
      ["ignore", "ignore"],
    );
  });

  it("should give the gate alarms the period and datapoints the RTO model counts", async () => {
    const plan = await runProgram(
      () =>
        new FailoverDns(
          "dns",
          dnsArgs({
            objectives: {
              ...OBJECTIVES,
              rtoMinutes: 20,
              rpoMinutes: 6,
              gate: { ...OBJECTIVES.gate, alarmPeriodSeconds: 120, datapointsToOpen: 2 },
            },
          }),
        ),
    );
    const alarm = plan.named("dns-standby-not-promoted");
    assert.deepEqual([alarm.inputs.period, alarm.inputs.evaluationPeriods], [120, 2]);
  });

  it("should give the Route 53 health alarms the DR alarm period the model counts", async () => {
    const gate = { ...OBJECTIVES.gate, monitorScheduleSeconds: 120, alarmPeriodSeconds: 120 };
    const plan = await runProgram(
      () =>
        new FailoverDns(
          "dns",
          dnsArgs({ objectives: { ...OBJECTIVES, decisionMinutes: 1, replicationLagAlarmSeconds: 50, gate } }),
        ),
    );
    assert.deepEqual(
      ["dns-primary-unhealthy", "dns-standby-unhealthy"].map((n) => plan.named(n).inputs.period),
      [120, 120],
    );
  });

  it("should put both gate alarms in the gate region, not the primary's", async () => {
    const plan = await runProgram(() => new FailoverDns("dns", dnsArgs()));
    const regions = ["dns-standby-not-promoted", "dns-standby-promoted"].map(
      (n) => plan.providerOf(plan.named(n))?.inputs.region,
    );
    assert.deepEqual(
      [regions, plan.named("dns-promoted-check").inputs.cloudwatchAlarmRegion],
      [["us-east-2", "us-east-2"], "us-east-2"],
    );
  });

  it("should gate SECONDARY on the promotion check alone, so a failing standby probe cannot send clients back to PRIMARY", async () => {
    const plan = await runProgram(() => new FailoverDns("dns", dnsArgs()));
    assert.deepEqual(plan.named("dns-secondary").propertyDependencies.healthCheckId, [
      plan.named("dns-promoted-check").urn,
    ]);
  });

  it("should take PRIMARY out of service while the gate is open", async () => {
    const plan = await runProgram(() => new FailoverDns("dns", dnsArgs()));
    const gate = plan.named("dns-primary-gate");
    assert.deepEqual(
      [
        plan.named("dns-primary").propertyDependencies.healthCheckId,
        gate.inputs.type,
        gate.inputs.childHealthThreshold,
        [...(gate.propertyDependencies.childHealthchecks ?? [])].sort(),
      ],
      [
        [gate.urn],
        "CALCULATED",
        2,
        [plan.named("dns-primary-check").urn, plan.named("dns-not-promoted-check").urn].sort(),
      ],
    );
  });

  it("should read a never-published gate as not promoted on the PRIMARY side", async () => {
    const plan = await runProgram(() => new FailoverDns("dns", dnsArgs()));
    assert.equal(plan.named("dns-not-promoted-check").inputs.insufficientDataHealthStatus, "Healthy");
  });

  it("should alarm on the standby probe's health check, not the promotion gate", async () => {
    const plan = await runProgram(() => new FailoverDns("dns", dnsArgs()));
    assert.deepEqual(plan.named("dns-standby-unhealthy").propertyDependencies.dimensions, [
      plan.named("dns-secondary-probe").urn,
    ]);
  });

  it("should add the asuid TXT record when a verification id is given", async () => {
    const plan = await runProgram(
      () =>
        new FailoverDns(
          "dns",
          dnsArgs({ secondary: { target: "app.azurewebsites.net", probePath: "/health", verificationId: "ABC" } }),
        ),
    );
    assert.equal(plan.named("dns-azure-verification").inputs.name, "asuid.api.fx.example.com");
  });
});

describe("replicationLagAlarmArgsProblems", () => {
  it("should refuse a threshold whose alarm fires after the RPO", async () => {
    assert.deepEqual(replicationLagAlarmArgsProblems({ thresholdSeconds: 250, rpoMinutes: 5 }), [
      "thresholdSeconds: fires after the RPO (300 s) with a 60 s period; use at most 240",
    ]);
  });

  it("should count the configured period when it checks the threshold against the RPO", async () => {
    assert.deepEqual(replicationLagAlarmArgsProblems({ thresholdSeconds: 200, rpoMinutes: 5, periodSeconds: 120 }), [
      "thresholdSeconds: fires after the RPO (300 s) with a 120 s period; use at most 180",
    ]);
  });

  it("should name periodSeconds when it is sub-minute on the standard-resolution lag metric", async () => {
    assert.match(
      replicationLagAlarmArgsProblems({ thresholdSeconds: 120, rpoMinutes: 5, periodSeconds: 30 }).join("\n"),
      /^periodSeconds: 30 s needs a high-resolution metric/,
    );
  });

  it("should refuse a non-positive threshold", async () => {
    assert.deepEqual(replicationLagAlarmArgsProblems({ thresholdSeconds: 0, rpoMinutes: 5 }), [
      "thresholdSeconds: must be a positive whole number; got 0",
    ]);
  });
});

describe("ReplicationLagAlarm", () => {
  it("should notify the topic when one is given", async () => {
    const plan = await runProgram(
      () =>
        new ReplicationLagAlarm("lag", {
          thresholdSeconds: 120,
          rpoMinutes: 5,
          alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
        }),
    );
    assert.deepEqual(plan.named("lag-alarm").inputs.alarmActions, ["arn:aws:sns:us-east-1:123456789012:alarms"]);
  });

  it("should deploy the period it is given", async () => {
    const plan = await runProgram(
      () => new ReplicationLagAlarm("lag", { thresholdSeconds: 50, rpoMinutes: 5, periodSeconds: 120 }),
    );
    assert.equal(plan.named("lag-alarm").inputs.period, 120);
  });
});

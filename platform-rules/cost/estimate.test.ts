import assert from "node:assert/strict";
import { parsePriceCatalog, type PriceCatalog } from "./catalog";
import { estimateCost } from "./estimate";
import type { CostInput } from "./pricers";
import { loadUsage, type Usage } from "./usage";

const PROVIDER = "urn:pulumi:t::p::pulumi:providers:aws::aws";
const provider: CostInput = {
  urn: PROVIDER,
  type: "pulumi:providers:aws",
  name: "aws",
  inputs: { region: "us-east-1" },
};
const res = (type: string, name: string, inputs: Record<string, unknown> = {}): CostInput & { custom: boolean } => ({
  urn: `urn:pulumi:t::p::${type}::${name}`,
  type,
  name,
  inputs,
  provider: `${PROVIDER}::id`,
  custom: !type.startsWith("awsx:"),
});

const price = (usd: number, unit: string, freePerMonth?: number) => ({
  usd,
  unit,
  read: "2026-12-01",
  source: "test",
  ...(freePerMonth ? { freePerMonth } : {}),
});

/** A small catalog with round prices, so every expected figure can be worked out by hand. */
const catalog: PriceCatalog = parsePriceCatalog({
  currency: "USD",
  pricesAsOf: "2026-12-01",
  hoursPerMonth: 730,
  prices: {
    "us-east-1/nat-gateway-hour": price(0.045, "hour"),
    "us-east-1/public-ipv4-hour": price(0.005, "IP-hour"),
    "us-east-1/nat-gateway-gb": price(0.045, "GB"),
    "us-east-1/aurora-serverless-v2-acu-hour": price(0.12, "ACU-hour"),
    "us-east-1/kms-key-month": price(1, "key-month"),
    "us-east-1/kms-requests-10k": price(0.03, "10,000 requests", 2),
    "us-east-1/lambda-requests-million": price(0.2, "1M requests"),
    "us-east-1/lambda-arm-gb-second": price(0.0000133334, "GB-second"),
  },
  types: {
    "pulumi:providers:aws": { class: "free", reason: "provider" },
    "awsx:ec2:Vpc": { class: "priced" },
    "aws:rds/cluster:Cluster": { class: "free", reason: "priced elsewhere in this test" },
    "aws:rds/clusterInstance:ClusterInstance": { class: "priced" },
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": { class: "free", reason: "configuration" },
    "aws:kms/key:Key": { class: "priced" },
    "aws:lambda/function:Function": { class: "priced" },
    "aws:iam/role:Role": { class: "free", reason: "IAM is free" },
  },
});

function usage(overrides: (u: Usage) => void = () => undefined): Usage {
  const u = structuredClone(loadUsage("dev"));
  u.natGateway.processedGbPerMonth = 0;
  u.kms.requestsPerMonth = 0;
  u.aurora.averageAcuAboveMinimum = 0;
  u.applyFreeTier = false;
  overrides(u);
  return u;
}

const run = (resources: CostInput[], u = usage()) =>
  estimateCost([provider, ...resources], { stack: "t", usage: u, catalog });
const component = (e: ReturnType<typeof run>, name: string, part: RegExp) =>
  e.resources.find((r) => r.name === name)!.components.find((c) => part.test(c.name))!;

const vpc = (strategy: string, azs = 3) =>
  res("awsx:ec2:Vpc", "vpc", { natGateways: { strategy }, numberOfAvailabilityZones: azs });
const cluster = (minCapacity: number, group = "params-1234567") =>
  res("aws:rds/cluster:Cluster", "cluster", {
    clusterIdentifier: "db",
    serverlessv2ScalingConfiguration: { minCapacity, maxCapacity: 4 },
    dbClusterParameterGroupName: group,
  });
const writer = res("aws:rds/clusterInstance:ClusterInstance", "writer", {
  clusterIdentifier: "db",
  instanceClass: "db.serverless",
  promotionTier: 0,
});
const params = (logical: boolean) =>
  res("aws:rds/clusterParameterGroup:ClusterParameterGroup", "params", {
    parameters: logical ? [{ name: "rds.logical_replication", value: "1" }] : [],
  });

describe("estimateCost", () => {
  it("should price three NAT gateways at 3 × 730 h × $0.045 when the VPC has one per AZ", async () => {
    assert.equal(component(run([vpc("OnePerAz")]), "vpc", /NAT gateway hours/).monthly, 98.55);
  });

  it("should price an Elastic IP per NAT gateway at 730 h × $0.005 when the VPC has a single NAT", async () => {
    assert.equal(component(run([vpc("Single")]), "vpc", /public IPv4/).monthly, 3.65);
  });

  it("should count NAT hours as fixed cost when nothing flows", async () => {
    assert.equal(run([vpc("Single")]).monthly.fixed, 36.5);
  });

  it("should price no NAT when the strategy is None", async () => {
    assert.equal(run([vpc("None")]).monthly.total, 0);
  });

  it("should price NAT data processed from the usage assumptions", async () => {
    const e = run(
      [vpc("Single")],
      usage((u) => (u.natGateway.processedGbPerMonth = 100)),
    );
    assert.equal(component(e, "vpc", /data processed/).monthly, 4.5);
  });

  it("should price a serverless writer's minimum at min ACU × 730 h × $0.12", async () => {
    assert.equal(component(run([cluster(2), params(false), writer]), "writer", /minimum/).monthly, 175.2);
  });

  it("should price a min-0 writer at nothing when it can pause", async () => {
    assert.equal(run([cluster(0), params(false), writer]).monthly.fixed, 0);
  });

  it("should price a min-0 writer at 0.5 ACU when logical replication keeps it from pausing", async () => {
    assert.equal(run([cluster(0), params(true), writer]).monthly.fixed, 43.8);
  });

  it("should price ACUs above the minimum as usage on the writer", async () => {
    const e = run(
      [cluster(0), params(false), writer],
      usage((u) => (u.aurora.averageAcuAboveMinimum = 1.5)),
    );
    assert.equal(component(e, "writer", /above the minimum/).monthly, 131.4);
  });

  it("should price each customer managed key at $1 a month", async () => {
    assert.equal(run([res("aws:kms/key:Key", "k1"), res("aws:kms/key:Key", "k2")]).monthly.fixed, 2);
  });

  it("should split KMS requests evenly among the keys", async () => {
    const e = run(
      [res("aws:kms/key:Key", "k1"), res("aws:kms/key:Key", "k2")],
      usage((u) => (u.kms.requestsPerMonth = 1_000_000)),
    );
    assert.equal(component(e, "k1", /requests/).quantity, 50);
  });

  it("should deduct an always-free allowance once across resources when applyFreeTier is on", async () => {
    const e = run(
      [res("aws:kms/key:Key", "k1"), res("aws:kms/key:Key", "k2")],
      usage((u) => ((u.kms.requestsPerMonth = 30_000), (u.applyFreeTier = true))),
    );
    // 30,000 requests = 3 units of 10,000, 1.5 per key; the 2 free units cover k1's 1.5 and 0.5 of k2's: 1 unit billed.
    assert.equal(e.monthly.usage, 0.03);
  });

  it("should price a Lambda's compute as invocations × duration × memory × the GB-second price", async () => {
    const fn = res("aws:lambda/function:Function", "trade-api-function", {
      memorySize: 1024,
      architectures: ["arm64"],
    });
    const u = usage(
      (x) => ((x.lambda.invocationsPerMonth = { default: 0, "trade-api": 10_000_000 }), (x.lambda.avgDurationMs = 100)),
    );
    // 10,000,000 × 0.1 s × 1 GB = 1,000,000 GB-s × $0.0000133334 = $13.33
    assert.equal(component(run([fn], u), "trade-api-function", /compute/).monthly, 13.33);
  });

  it("should price a Lambda's requests at $0.20 per million", async () => {
    const fn = res("aws:lambda/function:Function", "trade-api-function", {
      memorySize: 1024,
      architectures: ["arm64"],
    });
    const u = usage((x) => (x.lambda.invocationsPerMonth = { default: 0, "trade-api": 10_000_000 }));
    assert.equal(component(run([fn], u), "trade-api-function", /requests/).monthly, 2);
  });

  it("should count a Lambda as usage only", async () => {
    const fn = res("aws:lambda/function:Function", "trade-api-function", { memorySize: 1024 });
    assert.equal(run([fn]).monthly.fixed, 0);
  });

  it("should leave free types out of resources and notPriced", async () => {
    const e = run([res("aws:iam/role:Role", "role")]);
    assert.deepEqual([e.resources.length, e.notPriced.length], [0, 0]);
  });

  it("should list a type missing from the catalog under notPriced when it is planned", async () => {
    assert.match(run([res("aws:ec2/instance:Instance", "vm")]).notPriced[0]!.reason, /not in the price catalog/);
  });

  it("should list a resource under notPriced when its region has no price", async () => {
    const other: CostInput = {
      ...provider,
      urn: "urn:pulumi:t::p::pulumi:providers:aws::west",
      inputs: { region: "us-west-2" },
    };
    const key = { ...res("aws:kms/key:Key", "k"), provider: `${other.urn}::id` };
    assert.match(
      estimateCost([provider, other, key], { stack: "t", usage: usage(), catalog }).notPriced[0]!.reason,
      /us-west-2\/kms-key-month/,
    );
  });

  it("should list a provisioned Aurora instance under notPriced when its class has no price", async () => {
    const e = run([
      cluster(2),
      res("aws:rds/clusterInstance:ClusterInstance", "big", { clusterIdentifier: "db", instanceClass: "db.r6g.large" }),
    ]);
    assert.match(e.notPriced[0]!.reason, /db\.r6g\.large/);
  });

  it("should sum fixed and usage into the total", async () => {
    const e = run(
      [vpc("Single"), res("aws:kms/key:Key", "k")],
      usage((u) => (u.natGateway.processedGbPerMonth = 100)),
    );
    assert.deepEqual(e.monthly, { total: 42, fixed: 37.5, usage: 4.5 });
  });
});

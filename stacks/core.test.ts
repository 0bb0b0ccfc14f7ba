/**
 * Stack-level properties of the core part (issue #3) on the real dev and prod programs:
 * tags, keys and network, and the intended dev/prod differences (data tier: core-data.test.ts).
 */
import assert from "node:assert/strict";
import { json, runStack, type RecordedPlan } from "./offline/harness";
import type { PlanResource } from "../platform-rules/plan-format";
import type { KeyPolicyDocument } from "../components/kms";

const dev = () => runStack("dev");
const prod = () => runStack("prod");
const CORE_COMPONENTS = [
  "keys",
  "network",
  "database",
  "tables",
  "access-logs",
  "ingestion",
  "analytics",
  "archival",
  "audit",
];
const core = (plan: RecordedPlan): PlanResource[] =>
  CORE_COMPONENTS.flatMap((n) =>
    plan.descendantsOf(plan.resources.find((r) => r.name === n && r.type.startsWith("platform:"))!),
  );
const dependsOn = (r: PlanResource, input: string, on: PlanResource) =>
  (r.propertyDependencies[input] ?? []).includes(on.urn);
const REQUIRED_TAGS = ["Environment", "CostCenter", "Owner", "Compliance", "DataClassification"];

describe("core stack: tags and region", () => {
  it("should register every core AWS resource with the tagged primary provider", async () => {
    const plan = await prod();
    assert.deepEqual(
      [
        ...new Set(
          core(plan)
            .filter((r) => r.custom)
            .map((r) => plan.providerOf(r)?.name ?? r.provider?.split("::")[3]),
        ),
      ],
      ["aws-primary"],
    );
  });

  it("should carry the required tags in the provider's defaultTags", async () => {
    const tags = json<{ tags: Record<string, string> }>((await prod()).named("aws-primary").inputs.defaultTags).tags;
    assert.deepEqual(
      REQUIRED_TAGS.map((t) => [t, typeof tags[t]]),
      REQUIRED_TAGS.map((t) => [t, "string"]),
    );
  });

  it("should not repeat the required tags on any core resource", async () => {
    const repeated = core(await prod()).filter((r) =>
      REQUIRED_TAGS.some((t) => (r.inputs.tags as Record<string, string> | undefined)?.[t] !== undefined),
    );
    assert.deepEqual(
      repeated.map((r) => r.name),
      [],
    );
  });
});

describe("core stack: keys", () => {
  it("should rotate every KMS key", async () => {
    assert.ok(
      (await prod())
        .ofType("aws:kms/key:Key")
        .filter((k) => k.name.startsWith("keys-"))
        .every((k) => k.inputs.enableKeyRotation === true),
    );
  });

  it("should alias keys alias/<project>-<stack>-<domain>", async () => {
    assert.equal((await prod()).named("keys-storage-alias").inputs.name, "alias/platform-prod-storage");
  });

  it("should wait 30 days before deleting a key in prod and 7 in dev", async () => {
    assert.deepEqual(
      [
        (await prod()).named("keys-database").inputs.deletionWindowInDays,
        (await dev()).named("keys-database").inputs.deletionWindowInDays,
      ],
      [30, 7],
    );
  });

  it("should protect keys in prod and not in dev", async () => {
    assert.deepEqual(
      [(await prod()).named("keys-logs").protect, (await dev()).named("keys-logs").protect],
      [true, false],
    );
  });

  it("should grant no key-policy statement to Principal *", async () => {
    const statements = (await prod())
      .ofType("aws:kms/key:Key")
      .flatMap((k) => json<KeyPolicyDocument>(k.inputs.policy).Statement);
    assert.ok(statements.every((s) => JSON.stringify(s.Principal) !== '"*"' && s.Principal.AWS !== "*"));
  });

  it("should let CloudTrail use the storage key only for this account's trails", async () => {
    const statements = json<KeyPolicyDocument>((await prod()).named("keys-storage").inputs.policy).Statement;
    const trail = statements.find(
      (s) => s.Principal.Service === "cloudtrail.amazonaws.com" && s.Action === "kms:GenerateDataKey*",
    );
    assert.equal(
      trail?.Condition?.StringLike?.["kms:EncryptionContext:aws:cloudtrail:arn"],
      "arn:aws:cloudtrail:*:123456789012:trail/*",
    );
  });
});

describe("core stack: network", () => {
  const vpc = async (plan: Promise<RecordedPlan>) => (await plan).one("awsx:ec2:Vpc").inputs;

  it("should run a NAT per AZ in prod and a single NAT in dev", async () => {
    assert.deepEqual(
      [(await vpc(prod())).natGateways, (await vpc(dev())).natGateways],
      [{ strategy: "OnePerAz" }, { strategy: "Single" }],
    );
  });

  it("should span 3 AZs in prod and 2 in dev", async () => {
    assert.deepEqual(
      [(await vpc(prod())).numberOfAvailabilityZones, (await vpc(dev())).numberOfAvailabilityZones],
      [3, 2],
    );
  });

  it("should give the data tier no route to the internet (Isolated subnets)", async () => {
    const specs = (await vpc(prod())).subnetSpecs as { name: string; type: string }[];
    assert.equal(specs.find((s) => s.name === "data")?.type, "Isolated");
  });

  it("should create the Lambdas' interface endpoints with private DNS in prod", async () => {
    const endpoints = (await prod())
      .ofType("aws:ec2/vpcEndpoint:VpcEndpoint")
      .filter((e) => e.inputs.privateDnsEnabled === true);
    const services = endpoints.map((e) => String(e.inputs.serviceName).split(".").pop());
    assert.deepEqual(
      ["kms", "secretsmanager", "sqs", "sns", "logs", "sts"].filter((s) => !services.includes(s)),
      [],
    );
  });

  it("should create no interface endpoints in dev", async () => {
    assert.equal((await dev()).has("aws:ec2/vpcEndpoint:VpcEndpoint"), false);
  });

  it("should close the default security group", async () => {
    const sg = (await prod()).one("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup").inputs;
    assert.deepEqual([sg.ingress, sg.egress], [[], []]);
  });

  it("should open no core security group inbound to the internet", async () => {
    const ingress = core(await prod()).filter(
      (r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    );
    assert.ok(
      ingress.length > 0 && ingress.every((r) => r.inputs.cidrIpv4 === undefined && r.inputs.cidrIpv6 === undefined),
    );
  });

  it("should admit the database port to the data tier only from the app tier", async () => {
    const plan = await prod();
    const rule = plan.named("network-data-from-app");
    assert.deepEqual(
      [rule.inputs.fromPort, dependsOn(rule, "referencedSecurityGroupId", plan.named("network-app-sg"))],
      [5432, true],
    );
  });

  it("should log ALL VPC traffic to a log group encrypted with the logs key", async () => {
    const plan = await prod();
    assert.deepEqual(
      [
        plan.one("aws:ec2/flowLog:FlowLog").inputs.trafficType,
        dependsOn(plan.named("network-flow-logs"), "kmsKeyId", plan.named("keys-logs")),
      ],
      ["ALL", true],
    );
  });

  it("should protect the flow-log group in prod and not in dev", async () => {
    assert.deepEqual(
      [(await prod()).named("network-flow-logs").protect, (await dev()).named("network-flow-logs").protect],
      [true, false],
    );
  });
});

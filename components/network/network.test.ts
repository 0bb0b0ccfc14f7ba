import assert from "node:assert/strict";
import { json, runProgram, valueOf, type RecordedPlan } from "../testing/harness";
import type { PlanResource } from "../../platform-rules/plan-format";
import { ArgsError } from "../common";
import type { NetworkArgs } from "./args";
import { Network } from "./network";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/logs";
const args: NetworkArgs = { region: "us-east-1", logsKmsKeyArn: KEY, interfaceEndpoints: ["kms", "sts"] };
// One offline run per distinct args: the tests only read the recorded plan.
const runs = new Map<string, Promise<RecordedPlan>>();
const run = (a: NetworkArgs = args) => {
  const key = JSON.stringify(a);
  if (!runs.has(key))
    runs.set(
      key,
      runProgram(() => new Network("net", a)),
    );
  return runs.get(key)!;
};
const vpcOf = (plan: RecordedPlan) => plan.one("awsx:ec2:Vpc").inputs;
const rules = (plan: RecordedPlan, type: "Ingress" | "Egress") =>
  plan.ofType(`aws:vpc/securityGroup${type}Rule:SecurityGroup${type}Rule`);
const sgUrn = (_plan: RecordedPlan, rule: PlanResource, input: string) => rule.propertyDependencies[input]?.[0];

describe("Network", () => {
  it("should look up one route table per app and data subnet when built", async () => {
    let ids: string[] = [];
    await runProgram(async () => {
      const network = new Network("net-routes", { ...args, availabilityZones: 2 });
      ids = await Promise.all(network.privateRouteTableIds.map((id) => valueOf(id)));
    });
    assert.equal(new Set(ids.filter((id) => id.startsWith("rtb-"))).size, 4);
  });

  it("should look up one route table per public subnet, for the IGW route rule's allowed list", async () => {
    let ids: string[] = [];
    await runProgram(async () => {
      const network = new Network("net-public-routes", { ...args, availabilityZones: 2 });
      ids = await Promise.all(network.publicRouteTableIds.map((id) => valueOf(id)));
    });
    assert.equal(new Set(ids.filter((id) => id.startsWith("rtb-"))).size, 2);
  });

  it("should spread subnets across 3 AZs when availabilityZones is left at its default", async () => {
    assert.equal(vpcOf(await run()).numberOfAvailabilityZones, 3);
  });

  it("should use the given AZ count when availabilityZones is set", async () => {
    assert.equal(vpcOf(await run({ ...args, availabilityZones: 2 })).numberOfAvailabilityZones, 2);
  });

  it("should make the data tier Isolated so it has no route to the internet", async () => {
    const specs = vpcOf(await run()).subnetSpecs as { type: string; name: string }[];
    assert.equal(specs.find((s) => s.name === "data")?.type, "Isolated");
  });

  it("should put the app tier in Private subnets and keep a Public tier for NAT", async () => {
    const specs = vpcOf(await run()).subnetSpecs as { type: string; name: string }[];
    assert.deepEqual(
      specs.map((s) => `${s.name}:${s.type}`),
      ["app:Private", "data:Isolated", "public:Public"],
    );
  });

  it("should create a NAT per AZ when natStrategy is left at its default", async () => {
    assert.deepEqual(vpcOf(await run()).natGateways, { strategy: "OnePerAz" });
  });

  it("should create a single NAT when natStrategy is single", async () => {
    assert.deepEqual(vpcOf(await run({ ...args, natStrategy: "single" })).natGateways, { strategy: "Single" });
  });

  it("should create no NAT when natStrategy is none", async () => {
    assert.deepEqual(vpcOf(await run({ ...args, natStrategy: "none" })).natGateways, { strategy: "None" });
  });

  it("should ask awsx for S3 and DynamoDB gateway endpoints on its route tables", async () => {
    const vpc = vpcOf(await run());
    const specs = vpc.vpcEndpointSpecs as { serviceName: string; vpcEndpointType: string }[];
    assert.deepEqual(
      [vpc.vpcEndpointStrategy, ...specs.map((s) => `${s.serviceName}:${s.vpcEndpointType}`)],
      ["Auto", "com.amazonaws.us-east-1.s3:Gateway", "com.amazonaws.us-east-1.dynamodb:Gateway"],
    );
  });

  it("should create an interface endpoint with private DNS in the app subnets per listed service", async () => {
    const endpoint = (await run()).named("net-kms-endpoint").inputs;
    assert.deepEqual(
      [
        endpoint.serviceName,
        endpoint.vpcEndpointType,
        endpoint.privateDnsEnabled,
        (endpoint.subnetIds as string[]).every((s) => s.startsWith("subnet-app-")),
      ],
      ["com.amazonaws.us-east-1.kms", "Interface", true, true],
    );
  });

  it("should create no interface endpoints when none are listed", async () => {
    assert.equal((await run({ ...args, interfaceEndpoints: [] })).has("aws:ec2/vpcEndpoint:VpcEndpoint"), false);
  });

  it("should create no endpoints security group when no interface endpoint is listed (EC2_SECURITY_GROUP_ATTACHED_TO_ENI_PERIODIC)", async () => {
    assert.equal(
      (await run({ ...args, interfaceEndpoints: [] })).has("aws:ec2/securityGroup:SecurityGroup", "net-endpoints-sg"),
      false,
    );
  });

  it("should attach interface endpoints to their own security group", async () => {
    const plan = await run();
    assert.deepEqual(plan.named("net-sts-endpoint").propertyDependencies.securityGroupIds, [
      plan.named("net-endpoints-sg").urn,
    ]);
  });

  it("should close the default security group when created", async () => {
    const sg = (await run()).one("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup").inputs;
    assert.deepEqual([sg.ingress, sg.egress], [[], []]);
  });

  it("should open nothing inbound to 0.0.0.0/0", async () => {
    assert.ok(
      rules(await run(), "Ingress").every((r) => r.inputs.cidrIpv4 === undefined && r.inputs.cidrIpv6 === undefined),
    );
  });

  it("should allow the database port into the data tier only from the app tier", async () => {
    const plan = await run();
    const into = rules(plan, "Ingress").filter(
      (r) => sgUrn(plan, r, "securityGroupId") === plan.named("net-data-sg").urn,
    );
    assert.deepEqual(
      into.map((r) => [r.inputs.fromPort, r.inputs.toPort, sgUrn(plan, r, "referencedSecurityGroupId")]),
      [[5432, 5432, plan.named("net-app-sg").urn]],
    );
  });

  it("should allow HTTPS into the endpoints only from the app tier", async () => {
    const plan = await run();
    const into = rules(plan, "Ingress").filter(
      (r) => sgUrn(plan, r, "securityGroupId") === plan.named("net-endpoints-sg").urn,
    );
    assert.deepEqual(
      into.map((r) => [r.inputs.fromPort, sgUrn(plan, r, "referencedSecurityGroupId")]),
      [[443, plan.named("net-app-sg").urn]],
    );
  });

  it("should limit app tier egress to HTTPS and the database port in the data tier", async () => {
    const plan = await run();
    const out = rules(plan, "Egress").filter((r) => sgUrn(plan, r, "securityGroupId") === plan.named("net-app-sg").urn);
    assert.deepEqual(out.map((r) => `${r.inputs.fromPort}-${r.inputs.toPort}`).sort(), ["443-443", "5432-5432"]);
  });

  it("should give the data tier no egress rule", async () => {
    const plan = await run();
    assert.equal(
      rules(plan, "Egress").some((r) => sgUrn(plan, r, "securityGroupId") === plan.named("net-data-sg").urn),
      false,
    );
  });

  it("should use the given database port in the data tier rule when databasePort is set", async () => {
    assert.equal((await run({ ...args, databasePort: 6543 })).named("net-data-from-app").inputs.fromPort, 6543);
  });

  it("should log ALL traffic to CloudWatch Logs with a role", async () => {
    const plan = await run();
    const flow = plan.one("aws:ec2/flowLog:FlowLog");
    assert.deepEqual(
      [flow.inputs.trafficType, flow.inputs.logDestinationType, flow.propertyDependencies.iamRoleArn],
      ["ALL", "cloud-watch-logs", [plan.named("net-flow-logs-role").urn]],
    );
  });

  it("should encrypt the flow-log group with the logs key and keep it for the configured days", async () => {
    const group = (await run({ ...args, flowLogRetentionDays: 400 })).named("net-flow-logs").inputs;
    assert.deepEqual([group.kmsKeyId, group.retentionInDays], [KEY, 400]);
  });

  it("should let only this account's flow logs assume the delivery role", async () => {
    const policy = json<{ Statement: { Principal: unknown; Condition: Record<string, unknown> }[] }>(
      (await run()).named("net-flow-logs-role").inputs.assumeRolePolicy,
    );
    assert.deepEqual(policy.Statement[0].Condition, {
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/*" },
    });
  });

  it("should let the delivery role write only to its log group", async () => {
    const plan = await run();
    const policy = json<{ Statement: { Resource: string[] }[] }>(plan.named("net-flow-logs-write").inputs.policy);
    assert.ok(
      policy.Statement[0].Resource.every((r) =>
        r.startsWith("arn:aws:logs:us-east-1:123456789012:log-group:net-flow-logs"),
      ),
    );
  });

  it("should give the flow-log delivery role no inline policy, which IAM_NO_INLINE_POLICY_CHECK flags", async () => {
    assert.deepEqual((await run()).ofType("aws:iam/rolePolicy:RolePolicy"), []);
  });

  it("should attach the flow-log write policy to the delivery role", async () => {
    const plan = await run();
    const attachment = plan.named("net-flow-logs-write-attachment");
    assert.deepEqual(
      [attachment.propertyDependencies.role, attachment.propertyDependencies.policyArn],
      [[plan.named("net-flow-logs-role").urn], [plan.named("net-flow-logs-write").urn]],
    );
  });

  it("should protect the flow-log group when protection is left at its default", async () => {
    const group = (await run()).named("net-flow-logs");
    assert.deepEqual([group.protect, group.options.retainOnDelete], [true, true]);
  });

  it("should leave the flow-log group deletable when protection is disposable", async () => {
    assert.equal((await run({ ...args, protection: "disposable" })).named("net-flow-logs").protect, false);
  });

  it("should throw an ArgsError when args are invalid", async () => {
    assert.throws(() => new Network("net", { ...args, region: "mars" }), ArgsError);
  });

  it("should parent the VPC to the component", async () => {
    const plan = await run();
    assert.equal(plan.one("awsx:ec2:Vpc").parent, plan.named("net").urn);
  });
});

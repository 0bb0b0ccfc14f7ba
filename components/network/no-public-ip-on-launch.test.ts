import assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { VPC_TRANSFORMS } from "./network";
import { noPublicIpOnLaunch } from "./no-public-ip-on-launch";

const transformArgs = (type: string, props: Record<string, unknown>): pulumi.ResourceTransformArgs => ({
  custom: true,
  type,
  name: "net-vpc-public-1",
  props,
  opts: {},
});

describe("noPublicIpOnLaunch", () => {
  it("should turn off mapPublicIpOnLaunch when awsx creates a public subnet", async () => {
    const result = await noPublicIpOnLaunch(
      transformArgs("aws:ec2/subnet:Subnet", { cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: true }),
    );
    assert.equal(result?.props.mapPublicIpOnLaunch, false);
  });

  it("should keep the subnet's other inputs when it turns auto-assignment off", async () => {
    const result = await noPublicIpOnLaunch(
      transformArgs("aws:ec2/subnet:Subnet", { cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: true }),
    );
    assert.equal(result?.props.cidrBlock, "10.0.0.0/24");
  });

  it("should leave resources other than subnets unchanged", async () => {
    assert.equal(
      await noPublicIpOnLaunch(transformArgs("aws:ec2/natGateway:NatGateway", { subnetId: "s" })),
      undefined,
    );
  });

  it("should be among the transforms the Network passes to the awsx Vpc", async () => {
    assert.ok(VPC_TRANSFORMS.includes(noPublicIpOnLaunch));
  });
});

import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import * as time from "@pulumiverse/time";
import { json, runProgram, valueOf } from "./harness";

/** A resource from a package the engine has no fake state for. */
class Alien extends pulumi.CustomResource {
  constructor(name: string) {
    super("unknownpkg:index:Thing", name, {});
  }
}

class Box extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("platform:test:Box", name, {}, opts);
    new aws.sqs.Queue(`${name}-queue`, {}, { parent: this });
    this.registerOutputs({});
  }
}

describe("OfflineEngine", () => {
  it("should record a child's parent when a component registers it", async () => {
    const plan = await runProgram(() => new Box("box"));
    assert.equal(plan.named("box-queue").parent, plan.named("box").urn);
  });

  it("should record protect when a component is protected", async () => {
    const plan = await runProgram(() => new Box("box", { protect: true }));
    assert.equal(plan.named("box-queue").protect, true);
  });

  it("should record retainOnDelete when a resource sets it", async () => {
    const plan = await runProgram(() => new aws.sqs.Queue("q", {}, { retainOnDelete: true }));
    assert.equal(plan.named("q").options.retainOnDelete, true);
  });

  it("should record the provider reference when a resource uses an explicit provider", async () => {
    const plan = await runProgram(() => {
      const provider = new aws.Provider("p", { region: "us-east-1" });
      new aws.sqs.Queue("q", {}, { provider });
    });
    assert.equal(plan.providerOf(plan.named("q"))?.name, "p");
  });

  it("should pass provider defaultTags to policies as a JSON string", async () => {
    const plan = await runProgram(
      () => new aws.Provider("p", { region: "us-east-1", defaultTags: { tags: { Owner: "x" } } }),
    );
    assert.deepEqual(json(plan.named("p").inputs.defaultTags), { tags: { Owner: "x" } });
  });

  it("should return a realistic ARN when a queue is created", async () => {
    let arn: pulumi.Output<string> | undefined;
    await runProgram(() => {
      arn = new aws.sqs.Queue("orders", { name: "orders" }).arn;
    });
    assert.equal(await valueOf(arn!), "arn:aws:sqs:us-east-1:123456789012:orders");
  });

  it("should return subnet ids when an awsx Vpc is created", async () => {
    let isolated: pulumi.Output<string[]> | undefined;
    await runProgram(() => {
      const vpc = new awsx.ec2.Vpc("vpc", {
        numberOfAvailabilityZones: 2,
        subnetSpecs: [{ type: "Public" }, { type: "Private", name: "app" }, { type: "Isolated", name: "data" }],
      });
      isolated = vpc.isolatedSubnetIds;
    });
    assert.equal((await valueOf(isolated!)).length, 2);
  });

  it("should echo the given name when an azure-native resource is named", async () => {
    let name: pulumi.Output<string> | undefined;
    await runProgram(() => {
      name = new resources.ResourceGroup("rg", { resourceGroupName: "rg-dr", location: "eastus2" }).name;
    });
    assert.equal(await valueOf(name!), "rg-dr");
  });

  it("should answer getCallerIdentity with the placeholder account", async () => {
    let account: pulumi.Output<string> | undefined;
    await runProgram(() => {
      account = aws.getCallerIdentityOutput().accountId;
    });
    assert.equal(await valueOf(account!), "123456789012");
  });

  it("should fail loudly when a program calls an invoke the engine does not know", async () => {
    await assert.rejects(
      runProgram(() => aws.ec2.getAmi({ owners: ["amazon"], mostRecent: true })),
      /no answer for invoke aws:ec2\/getAmi:getAmi/,
    );
  });

  it("should record a time Sleep with its duration and triggers", async () => {
    const plan = await runProgram(() => new time.Sleep("wait", { createDuration: "120s", triggers: { a: "x" } }));
    assert.deepEqual(
      [plan.named("wait").inputs.createDuration, plan.named("wait").inputs.triggers],
      ["120s", { a: "x" }],
    );
  });

  it("should fail loudly on a time resource it has no state for", async () => {
    await assert.rejects(
      runProgram(() => new time.Rotating("r", { rotationDays: 30 })),
      /no fake state for time:index\/rotating:Rotating "r" \(only time:index\/sleep:Sleep/,
    );
  });

  it("should fail when a resource's registration fails", async () => {
    await assert.rejects(
      runProgram(() => new Alien("t")),
      /no fake state for package "unknownpkg"/,
    );
  });
});

import assert from "node:assert/strict";
import { awsProvider, azureProvider, findingsOf, mandatoryOf, resource } from "../testing/fixtures";

const QUEUE = "aws:sqs/queue:Queue";

describe("aws-allowed-regions", () => {
  it("should pass a resource whose provider is in us-east-1", async () => {
    assert.deepEqual(await mandatoryOf("aws-allowed-regions", [resource(QUEUE, "q", {})]), []);
  });

  it("should report a provider in a region outside the list", async () => {
    const eu = awsProvider("eu-west-1", undefined, "eu");
    const findings = await mandatoryOf("aws-allowed-regions", [eu, resource(QUEUE, "q", {}, { provider: eu })]);
    assert.deepEqual(findings.map((f) => f.urn), [eu.urn, resource(QUEUE, "q", {}).urn]);
    assert.match(findings[0].message, /The AWS provider targets eu-west-1: set its region to one of us-east-1/);
  });

  it("should report a provider without an explicit region", async () => {
    const p = { ...awsProvider(), inputs: {} };
    const [f] = await mandatoryOf("aws-allowed-regions", [p]);
    assert.match(f.message, /no explicit region/);
  });

  it("should report a resource moved by its own v7 region input", async () => {
    const [f] = await mandatoryOf("aws-allowed-regions", [resource(QUEUE, "q", { region: "us-west-2" })]);
    assert.match(f.message, /placed in us-west-2/);
  });

  it("should report a DynamoDB replica outside the allowed regions", async () => {
    const t = resource("aws:dynamodb/table:Table", "t", { replicas: [{ regionName: "eu-central-1" }] });
    const [f] = await mandatoryOf("aws-allowed-regions", [t]);
    assert.match(f.message, /Replica in eu-central-1/);
  });

  it("should exempt global services such as IAM", async () => {
    const eu = awsProvider("eu-west-1", undefined, "eu");
    const role = resource("aws:iam/role:Role", "r", {}, { provider: eu });
    assert.deepEqual((await mandatoryOf("aws-allowed-regions", [eu, role])).filter((f) => f.urn === role.urn), []);
  });

  it("should require CLOUDFRONT-scope web ACLs to be in us-east-1 even when other regions are allowed", async () => {
    const eu = awsProvider("eu-west-1", undefined, "eu");
    const acl = resource("aws:wafv2/webAcl:WebAcl", "edge", { scope: "CLOUDFRONT" }, { provider: eu });
    const findings = await mandatoryOf("aws-allowed-regions", [eu, acl], { "aws-allowed-regions": { allowedRegions: ["eu-west-1"] } });
    assert.match(findings.find((f) => f.urn === acl.urn)?.message ?? "", /must be created in us-east-1/);
  });

  it("should accept a region added to allowedRegions in the config", async () => {
    const eu = awsProvider("eu-west-1", undefined, "eu");
    const config = { "aws-allowed-regions": { allowedRegions: ["us-east-1", "eu-west-1"] } };
    assert.deepEqual(await mandatoryOf("aws-allowed-regions", [eu, resource(QUEUE, "q", {}, { provider: eu })], config), []);
  });
});

describe("azure-allowed-locations", () => {
  it("should pass a resource group in eastus2", async () => {
    assert.deepEqual(await mandatoryOf("azure-allowed-locations", [resource("azure-native:resources:ResourceGroup", "rg", { location: "eastus2" })]), []);
  });

  it("should compare display names and ARM names alike", async () => {
    assert.deepEqual(await mandatoryOf("azure-allowed-locations", [resource("azure-native:resources:ResourceGroup", "rg", { location: "East US 2" })]), []);
  });

  it("should report a resource in another location", async () => {
    const [f] = await mandatoryOf("azure-allowed-locations", [resource("azure-native:storage:StorageAccount", "s", { location: "westeurope" })]);
    assert.match(f.message, /placed in westeurope: set location to one of eastus2/);
  });

  it("should report a resource group without a location", async () => {
    const [f] = await mandatoryOf("azure-allowed-locations", [resource("azure-native:resources:ResourceGroup", "rg", {})]);
    assert.match(f.message, /no location/);
  });

  it("should report a provider whose default location is outside the list", async () => {
    const p = azureProvider("westus", "west");
    const [f] = await mandatoryOf("azure-allowed-locations", [p]);
    assert.match(f.message, /defaults to westus/);
  });

  it("should allow the global location for private DNS zones", async () => {
    assert.deepEqual(await mandatoryOf("azure-allowed-locations", [resource("azure-native:privatedns:PrivateZone", "z", { location: "global" })]), []);
  });

  it("should reject the global location for regional resources", async () => {
    const [f] = await mandatoryOf("azure-allowed-locations", [resource("azure-native:storage:StorageAccount", "s", { location: "Global" })]);
    assert.match(f.message, /only for inherently global services/);
  });

  it("should skip AWS resources", async () => {
    assert.deepEqual(await findingsOf("azure-allowed-locations", [resource(QUEUE, "q", {})]), []);
  });
});

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
    assert.deepEqual(
      findings.map((f) => f.urn),
      [eu.urn, resource(QUEUE, "q", {}).urn],
    );
    assert.match(findings[0].message, /The AWS provider targets eu-west-1: set its region to one of us-east-1/);
  });

  it("should pass the DR gate's alarm and provider in the recovery region us-east-2", async () => {
    const gate = awsProvider("us-east-2", undefined, "gate");
    assert.deepEqual(
      await mandatoryOf("aws-allowed-regions", [
        gate,
        resource("aws:cloudwatch/metricAlarm:MetricAlarm", "a", {}, { provider: gate }),
      ]),
      [],
    );
  });

  it("should report any other resource in the recovery region", async () => {
    const gate = awsProvider("us-east-2", undefined, "gate");
    const [f] = await mandatoryOf("aws-allowed-regions", [gate, resource(QUEUE, "q", {}, { provider: gate })]);
    assert.match(f.message, /placed in us-east-2, a recovery region for the DR failover gate only/);
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

  for (const [type, inputs, field] of [
    ["aws:secretsmanager/secret:Secret", { replicas: [{ region: "eu-west-1" }] }, "replicas\\[0\\]\\.region"],
    [
      "aws:rds/globalCluster:GlobalCluster",
      { sourceDbClusterIdentifier: "arn:aws:rds:eu-west-1:111122223333:cluster:db" },
      "sourceDbClusterIdentifier",
    ],
    [
      "aws:rds/cluster:Cluster",
      { replicationSourceIdentifier: "arn:aws:rds:eu-west-1:111122223333:cluster:db" },
      "replicationSourceIdentifier",
    ],
    [
      "aws:backup/plan:Plan",
      { rules: [{ copyActions: [{ destinationVaultArn: "arn:aws:backup:eu-west-1:111122223333:backup-vault:v" }] }] },
      "copyActions\\[0\\]\\.destinationVaultArn",
    ],
  ] as const) {
    it(`should report ${type.split(":").pop()} copying data to a region outside the list through ${field.replace(/\\/g, "")}`, async () => {
      const findings = await mandatoryOf("aws-allowed-regions", [resource(type, "r", inputs)]);
      assert.equal(findings.length, 1, JSON.stringify(findings));
      assert.match(findings[0].message, new RegExp(`Replica in eu-west-1 \\(.*${field}\\)`));
    });
  }

  it("should accept a Secrets Manager replica in an allowed region", async () => {
    const config = { "aws-allowed-regions": { allowedRegions: ["us-east-1", "us-west-2"] } };
    assert.deepEqual(
      await mandatoryOf(
        "aws-allowed-regions",
        [resource("aws:secretsmanager/secret:Secret", "s", { replicas: [{ region: "us-west-2" }] })],
        config,
      ),
      [],
    );
  });

  it("should exempt global services such as IAM", async () => {
    const eu = awsProvider("eu-west-1", undefined, "eu");
    const role = resource("aws:iam/role:Role", "r", {}, { provider: eu });
    assert.deepEqual(
      (await mandatoryOf("aws-allowed-regions", [eu, role])).filter((f) => f.urn === role.urn),
      [],
    );
  });

  it("should require CLOUDFRONT-scope web ACLs to be in us-east-1 even when other regions are allowed", async () => {
    const eu = awsProvider("eu-west-1", undefined, "eu");
    const acl = resource("aws:wafv2/webAcl:WebAcl", "edge", { scope: "CLOUDFRONT" }, { provider: eu });
    const findings = await mandatoryOf("aws-allowed-regions", [eu, acl], {
      "aws-allowed-regions": { allowedRegions: ["eu-west-1"] },
    });
    assert.match(findings.find((f) => f.urn === acl.urn)?.message ?? "", /must be created in us-east-1/);
  });

  it("should accept a region added to allowedRegions in the config", async () => {
    const eu = awsProvider("eu-west-1", undefined, "eu");
    const config = { "aws-allowed-regions": { allowedRegions: ["us-east-1", "eu-west-1"] } };
    assert.deepEqual(
      await mandatoryOf("aws-allowed-regions", [eu, resource(QUEUE, "q", {}, { provider: eu })], config),
      [],
    );
  });
});

describe("azure-allowed-locations", () => {
  it("should pass a resource group in eastus2", async () => {
    assert.deepEqual(
      await mandatoryOf("azure-allowed-locations", [
        resource("azure-native:resources:ResourceGroup", "rg", { location: "eastus2" }),
      ]),
      [],
    );
  });

  it("should compare display names and ARM names alike", async () => {
    assert.deepEqual(
      await mandatoryOf("azure-allowed-locations", [
        resource("azure-native:resources:ResourceGroup", "rg", { location: "East US 2" }),
      ]),
      [],
    );
  });

  it("should report a resource in another location", async () => {
    const [f] = await mandatoryOf("azure-allowed-locations", [
      resource("azure-native:storage:StorageAccount", "s", { location: "westeurope" }),
    ]);
    assert.match(f.message, /placed in westeurope: set location to one of eastus2/);
  });

  it("should report a resource group without a location", async () => {
    const [f] = await mandatoryOf("azure-allowed-locations", [
      resource("azure-native:resources:ResourceGroup", "rg", {}),
    ]);
    assert.match(f.message, /no location/);
  });

  it("should report a provider whose default location is outside the list", async () => {
    const p = azureProvider("westus", "west");
    const [f] = await mandatoryOf("azure-allowed-locations", [p]);
    assert.match(f.message, /defaults to westus/);
  });

  it("should allow the global location for private DNS zones", async () => {
    assert.deepEqual(
      await mandatoryOf("azure-allowed-locations", [
        resource("azure-native:privatedns:PrivateZone", "z", { location: "global" }),
      ]),
      [],
    );
  });

  it("should reject the global location for regional resources", async () => {
    const [f] = await mandatoryOf("azure-allowed-locations", [
      resource("azure-native:storage:StorageAccount", "s", { location: "Global" }),
    ]);
    assert.match(f.message, /only for inherently global services/);
  });

  it("should allow a geo-backup Key Vault in the pair of an allowed location", async () => {
    assert.deepEqual(
      await mandatoryOf("azure-allowed-locations", [
        resource("azure-native:keyvault:Vault", "geo", { location: "centralus" }),
      ]),
      [],
    );
  });

  it("should allow a user-assigned identity in the pair of an allowed location", async () => {
    const identity = resource("azure-native:managedidentity:UserAssignedIdentity", "geo-id", {
      location: "Central US",
    });
    assert.deepEqual(await mandatoryOf("azure-allowed-locations", [identity]), []);
  });

  it("should report any other resource type placed in the paired location", async () => {
    const [f] = await mandatoryOf("azure-allowed-locations", [
      resource("azure-native:network:PrivateEndpoint", "pe", { location: "centralus" }),
    ]);
    assert.match(
      f.message,
      /placed in centralus \(centralus is a geo-paired location, open only to azure-native:keyvault:Vault, azure-native:managedidentity:UserAssignedIdentity\): set location to one of eastus2/,
    );
  });

  it("should report a resource group in the paired location", async () => {
    const findings = await mandatoryOf("azure-allowed-locations", [
      resource("azure-native:resources:ResourceGroup", "rg", { location: "centralus" }),
    ]);
    assert.equal(findings.length, 1);
  });

  it("should report a provider defaulting to the paired location", async () => {
    const [f] = await mandatoryOf("azure-allowed-locations", [azureProvider("centralus", "central")]);
    assert.match(f.message, /defaults to centralus/);
  });

  it("should report a paired-region type in a location that is nobody's pair", async () => {
    const [f] = await mandatoryOf("azure-allowed-locations", [
      resource("azure-native:keyvault:Vault", "kv", { location: "westus" }),
    ]);
    assert.match(f.message, /placed in westus: set location/);
  });

  it("should not open a pair whose own location is not allowed", async () => {
    const config = { "azure-allowed-locations": { allowedLocations: ["westeurope"] } };
    const vault = resource("azure-native:keyvault:Vault", "geo", { location: "centralus" });
    const findings = await mandatoryOf("azure-allowed-locations", [vault], config);
    assert.ok(findings.some((f) => f.urn === vault.urn));
  });

  it("should allow no paired location when pairedLocations is empty", async () => {
    const config = { "azure-allowed-locations": { pairedLocations: {} } };
    const findings = await mandatoryOf(
      "azure-allowed-locations",
      [resource("azure-native:keyvault:Vault", "geo", { location: "centralus" })],
      config,
    );
    assert.equal(findings.length, 1);
  });

  it("should open the pair to the types listed in pairedRegionTypes only", async () => {
    const config = { "azure-allowed-locations": { pairedRegionTypes: ["azure-native:storage:*"] } };
    const vault = resource("azure-native:keyvault:Vault", "geo", { location: "centralus" });
    const account = resource("azure-native:storage:StorageAccount", "s", { location: "centralus" });
    const findings = await mandatoryOf("azure-allowed-locations", [vault, account], config);
    assert.deepEqual(
      findings.map((f) => f.urn),
      [vault.urn],
    );
  });

  it("should refuse a pairedLocations entry that is not a list of locations", async () => {
    const config = { "azure-allowed-locations": { pairedLocations: { eastus2: "centralus" } } };
    await assert.rejects(
      mandatoryOf("azure-allowed-locations", [], config),
      /pairedLocations\.eastus2: expected array, got string/,
    );
  });

  it("should skip AWS resources", async () => {
    assert.deepEqual(await findingsOf("azure-allowed-locations", [resource(QUEUE, "q", {})]), []);
  });
});

describe("aws-replication-destinations", () => {
  const BUCKET = "aws:s3/bucket:Bucket";
  const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
  const eu = awsProvider("eu-west-1", undefined, "eu");
  const replication = (destination: string) =>
    resource(REPLICATION, "repl", {
      bucket: "src",
      role: "arn:aws:iam::111122223333:role/r",
      rules: [{ status: "Enabled", destination: { bucket: destination } }],
    });

  it("should pass replication to a declared bucket in an allowed region", async () => {
    assert.deepEqual(
      await mandatoryOf("aws-replication-destinations", [
        resource(BUCKET, "dst", { bucket: "dst" }),
        replication("arn:aws:s3:::dst"),
      ]),
      [],
    );
  });

  it("should report replication to a declared bucket whose provider is in another region", async () => {
    const [f] = await mandatoryOf("aws-replication-destinations", [
      eu,
      resource(BUCKET, "dst", { bucket: "dst" }, { provider: eu }),
      replication("arn:aws:s3:::dst"),
    ]);
    assert.match(f?.message ?? "", /replicates to dst in eu-west-1/);
  });

  it("should report replication to a bucket the stack does not declare", async () => {
    const [f] = await mandatoryOf("aws-replication-destinations", [replication("arn:aws:s3:::elsewhere")]);
    assert.match(f?.message ?? "", /a bucket this stack does not declare/);
  });
});

import assert from "node:assert/strict";
import { API_KEYS_PLACEHOLDER } from "../../platform-rules/dr-standby";
import { runProgram } from "../testing/harness";
import { standbySubnets } from "./addressing";
import { standbyArgs } from "./fixture";
import { nsgRules } from "./network";
import { serverParameters } from "./postgres";
import { AzureStandby, azureStandbyArgsProblems } from "./standby";
import { lifecycleRules } from "./storage";

const problems = (overrides: Parameters<typeof standbyArgs>[0]) => azureStandbyArgsProblems(standbyArgs(overrides));
const pg = standbyArgs().postgres;

describe("azureStandbyArgsProblems", () => {
  it("should find no problem when the args are valid", async () => {
    assert.deepEqual(problems({}), []);
  });

  const cases: [string, Parameters<typeof standbyArgs>[0], string][] = [
    [
      "namePrefix has a hyphen",
      { namePrefix: "fx-prod" },
      'namePrefix: "fx-prod" must be 3 to 14 of a-z and 0-9, starting with a letter',
    ],
    [
      "vnetCidr is smaller than /24",
      { vnetCidr: "10.1.0.0/26" },
      'vnetCidr: "10.1.0.0/26" must be a network address from /16 to /21, e.g. 10.1.0.0/16 (the standby needs eight subnets)',
    ],
    [
      "vnetCidr has no room for the operator and DNS subnets",
      { vnetCidr: "10.1.0.0/22" },
      'vnetCidr: "10.1.0.0/22" must be a network address from /16 to /21, e.g. 10.1.0.0/16 (the standby needs eight subnets)',
    ],
    [
      "the RBAC propagation wait is zero",
      { rbacPropagationSeconds: 0 },
      "rbacPropagationSeconds: must be a whole number of seconds from 1 to 1800 (Azure RBAC propagates in up to about ten minutes); got 0",
    ],
    [
      "a required tag is missing",
      { tags: { Environment: "prod", CostCenter: "x", Owner: "o", Compliance: "PCI-DSS" } },
      "tags.DataClassification: is required (azure-native has no provider default tags)",
    ],
    [
      "the major version has a minor",
      { postgres: { ...pg, majorVersion: "17.4" } },
      'postgres.majorVersion: expected a major version like "17"; got "17.4"',
    ],
    [
      "HA is asked of a Burstable tier",
      { postgres: { ...pg, tier: "Burstable" } },
      "postgres.highAvailability: ZoneRedundant needs tier GeneralPurpose or MemoryOptimized",
    ],
    [
      "backup retention is below 7",
      { postgres: { ...pg, backupRetentionDays: 3 } },
      "postgres.backupRetentionDays: must be a whole number from 7 to 35; got 3",
    ],
    [
      "the geo-backup location is the server's",
      { postgres: { ...pg, geoBackupLocation: "eastus2" } },
      "postgres.geoBackupLocation: must be the geo pair of eastus2, not the same location",
    ],
    ["no container is given", { containers: {} }, "containers: list at least one container"],
    [
      "a container name has capitals",
      { containers: { Audit: undefined } },
      "containers.Audit: container names are 3 to 63 of a-z, 0-9 and single hyphens",
    ],
    [
      "the deployment container is mirrored",
      { containers: { "app-package": undefined } },
      "containers.app-package: is reserved for the Function App package",
    ],
    [
      "tiering goes backwards",
      { containers: { audit: { coolAfterDays: 90, coldAfterDays: 30 } } },
      "containers.audit: tiering must satisfy coolAfterDays < coldAfterDays < deleteAfterDays",
    ],
    [
      "always-ready is above 20",
      { functions: { alwaysReadyInstances: 21 } },
      "functions.alwaysReadyInstances: must be a whole number from 0 to 20",
    ],
    [
      "the instance ceiling is below 40",
      { functions: { maximumInstanceCount: 10 } },
      "functions.maximumInstanceCount: must be a whole number from 40 to 1000",
    ],
    ["no currency pair is given", { allowedPairs: [] }, "allowedPairs: list at least one pair, e.g. EUR/USD"],
    [
      "a pair has no slash",
      { allowedPairs: ["EUR/USD", "EURUSD"] },
      'allowedPairs: expected BASE/QUOTE ISO-4217 pairs like EUR/USD; got "EURUSD"',
    ],
    [
      "log retention is below a year",
      { logRetentionDays: 90 },
      "logRetentionDays: must be a whole number from 365 (PCI DSS 10.5.1) to 730 (the Log Analytics maximum); got 90",
    ],
    [
      "secretsExpireOn is not a calendar day",
      { secretsExpireOn: "2027-02-30" },
      'secretsExpireOn: expected a calendar day YYYY-MM-DD; got "2027-02-30"',
    ],
    ["protection is unknown", { protection: "keep" as never }, 'protection: expected retain or disposable; got "keep"'],
  ];
  for (const [when, overrides, message] of cases) {
    it(`should say "${message.split(":")[0]}" when ${when}`, async () => {
      assert.ok(problems(overrides).includes(message), problems(overrides).join("\n"));
    });
  }
});

describe("AzureStandby", () => {
  it("should stop before creating anything when an argument is invalid", async () => {
    await assert.rejects(
      runProgram(() => new AzureStandby("dr", standbyArgs({ namePrefix: "X" }))),
      /platform:azure:AzureStandby "dr" has 1 invalid argument/,
    );
  });

  it("should protect the stateful resources when protection is retain", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs()));
    const stateful = [
      "azure-native:dbforpostgresql:Server",
      "azure-native:storage:StorageAccount",
      "azure-native:keyvault:Vault",
      "azure-native:keyvault:Key",
    ];
    assert.ok(
      plan.resources
        .filter((r) => stateful.includes(r.type))
        .every((r) => r.protect && r.options.retainOnDelete === true),
    );
  });

  it("should keep a generated password for the replication login dr_repl in the standby vault", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs()));
    assert.ok(
      plan.resources.some(
        (r) => r.type === "azure-native:keyvault:Secret" && r.inputs.secretName === "dr-replication-password",
      ),
    );
  });

  it("should create the fx database on the standby server", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs()));
    assert.equal(plan.one("azure-native:dbforpostgresql:Database").inputs.databaseName, "fx");
  });

  it("should leave the stateful resources unprotected when protection is disposable", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs({ protection: "disposable" })));
    assert.equal(plan.one("azure-native:dbforpostgresql:Server").protect, false);
  });

  it("should create a geo-backup vault in the paired location when geoBackupLocation is set", async () => {
    const plan = await runProgram(
      () => new AzureStandby("dr", standbyArgs({ postgres: { ...pg, geoBackupLocation: "centralus" } })),
    );
    assert.equal(plan.named("dr-geo-keys-vault").inputs.location, "centralus");
  });

  it("should put the geo-backup vault's private endpoint in the VNet's location when the vault is in the pair", async () => {
    const plan = await runProgram(
      () => new AzureStandby("dr", standbyArgs({ postgres: { ...pg, geoBackupLocation: "centralus" } })),
    );
    assert.equal(plan.named("dr-geo-keys-vault-pe").inputs.location, "eastus2");
  });

  it("should declare the Bastion subnet's NSG a public entry point and no other NSG", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs()));
    const declared = plan.resources
      .filter(
        (r) =>
          r.type === "azure-native:network:NetworkSecurityGroup" &&
          (r.inputs.tags as Record<string, string> | undefined)?.PublicEntryPoint === "true",
      )
      .map((r) => r.name);
    assert.deepEqual(declared, ["dr-network-bastion-nsg"]);
  });

  it("should create the storage account only after its identity may unwrap the key", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs()));
    const grant = plan.named("dr-storage-key-user");
    assert.ok(plan.named("dr-storage-account").dependencies.includes(grant.urn));
  });

  it("should create the PostgreSQL server only after its identity may unwrap the key", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs()));
    const grant = plan.named("dr-postgres-key-user");
    assert.ok(plan.named("dr-postgres-server").dependencies.includes(grant.urn));
  });

  it("should keep Application Insights retention at an allowed period covering the workspace's", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs({ logRetentionDays: 400 })));
    assert.equal(plan.one("azure-native:applicationinsights:Component").inputs.retentionInDays, 550);
  });

  it("should create the api-key-hashes secret with the placeholder the API refuses, not empty", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs()));
    const secret = plan.resources.find(
      (r) => r.type === "azure-native:keyvault:Secret" && r.inputs.secretName === "api-key-hashes",
    );
    assert.equal((secret?.inputs.properties as { value?: unknown } | undefined)?.value, API_KEYS_PLACEHOLDER);
  });

  it("should expire every standby secret at midnight UTC of secretsExpireOn", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs({ secretsExpireOn: "2027-11-30" })));
    const expires = plan
      .ofType("azure-native:keyvault:Secret")
      .map((r) => (r.inputs.properties as { attributes?: { expires?: number } }).attributes?.expires);
    assert.deepEqual([...new Set(expires)], [Date.UTC(2027, 10, 30) / 1000]);
  });

  it("should alert the action group when a vault secret or key nears expiry, through Azure Monitor alerts", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs({ expiryActionGroupId: "/ag/oncall" })));
    const sub = plan.named("dr-keys-expiry-alerts");
    assert.deepEqual(
      [
        (sub.inputs.destination as { endpointType: string; actionGroups: string[] }).endpointType,
        (sub.inputs.destination as { actionGroups: string[] }).actionGroups,
        (sub.inputs.filter as { includedEventTypes: string[] }).includedEventTypes.includes(
          "Microsoft.KeyVault.SecretNearExpiry",
        ),
      ],
      ["MonitorAlert", ["/ag/oncall"], true],
    );
  });

  it("should create the secrets only after the expiry subscription, as Key Vault raises events only for later versions", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs({ expiryActionGroupId: "/ag/oncall" })));
    const sub = plan.named("dr-keys-expiry-alerts");
    assert.deepEqual(
      plan
        .ofType("azure-native:keyvault:Secret")
        .filter((r) => !r.dependencies.includes(sub.urn))
        .map((r) => r.name),
      [],
    );
  });

  it("should never update the operator-owned api-key-hashes secret after creation", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs()));
    const secret = plan.resources.find(
      (r) => r.type === "azure-native:keyvault:Secret" && r.inputs.secretName === "api-key-hashes",
    );
    assert.deepEqual(secret?.options.ignoreChanges, ["properties", "tags"]);
  });

  it("should lock the PostgreSQL server against deletion when protection is retain", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs()));
    const lock = plan.one("azure-native:authorization:ManagementLockByScope");
    assert.deepEqual(
      [lock.inputs.level, lock.dependencies.includes(plan.named("dr-postgres-server").urn)],
      ["CanNotDelete", true],
    );
  });

  it("should leave the PostgreSQL server unlocked when protection is disposable", async () => {
    const plan = await runProgram(() => new AzureStandby("dr", standbyArgs({ protection: "disposable" })));
    assert.equal(
      plan.resources.some((r) => r.type === "azure-native:authorization:ManagementLockByScope"),
      false,
    );
  });
});

describe("standbySubnets", () => {
  it("should keep the first four /24 subnets where they were when the VNet is a /16", async () => {
    const c = standbySubnets("10.1.0.0/16")!;
    assert.deepEqual(
      [c.apps, c.postgres, c.endpoints, c.gateway],
      ["10.1.0.0/24", "10.1.1.0/24", "10.1.2.0/24", "10.1.3.0/24"],
    );
  });

  it("should carve AzureBastionSubnet /26, management /26 and two /28 resolver subnets from the fifth /24", async () => {
    const c = standbySubnets("10.1.0.0/16")!;
    assert.deepEqual(
      [c.bastion, c.management, c.dnsInbound, c.dnsOutbound],
      ["10.1.4.0/26", "10.1.4.64/26", "10.1.4.128/28", "10.1.4.144/28"],
    );
  });

  it("should fit all eight subnets in a /21", async () => {
    assert.equal(standbySubnets("10.1.8.0/21")?.dnsOutbound, "10.1.12.144/28");
  });

  it("should refuse a VNet smaller than /21", async () => {
    assert.equal(standbySubnets("10.1.4.0/22"), undefined);
  });
});

describe("nsgRules", () => {
  const cidrs = standbySubnets("10.1.0.0/16")!;
  const aws = { vpcCidr: "10.0.0.0/16", postgresClientCidrs: ["10.0.0.0/20", "10.0.64.0/22"] };

  it("should allow PostgreSQL only from the AWS subnets that connect, not the whole VPC, when the subnet is postgres", async () => {
    const rules = nsgRules("postgres", cidrs, aws);
    assert.deepEqual(
      [
        rules.some((r) => r.sourceAddressPrefix === "10.0.0.0/16"),
        rules.find((r) => r.name === "AllowPostgresFromAwsClients")?.sourceAddressPrefixes,
      ],
      [false, ["10.0.0.0/20", "10.0.64.0/22"]],
    );
  });

  it("should allow nothing inbound when the subnet is apps", async () => {
    assert.deepEqual(
      nsgRules("apps", cidrs, aws).filter((r) => r.access === "Allow"),
      [],
    );
  });

  it("should allow SSH to the jump host only from AzureBastionSubnet", async () => {
    assert.deepEqual(
      nsgRules("management", cidrs, aws)
        .filter((r) => r.access === "Allow")
        .map((r) => [r.sourceAddressPrefix, r.destinationPortRange]),
      [["10.1.4.0/26", "22"]],
    );
  });

  it("should carry every flow Azure Bastion requires on its subnet", async () => {
    const names = nsgRules("bastion", cidrs, aws).map((r) => r.name);
    for (const required of [
      "AllowHttpsInbound",
      "AllowGatewayManagerInbound",
      "AllowAzureLoadBalancerInbound",
      "AllowBastionHostCommunication",
      "AllowSshRdpOutbound",
      "AllowAzureCloudOutbound",
      "AllowBastionCommunication",
      "AllowHttpOutbound",
    ]) {
      assert.ok(names.includes(required), required);
    }
  });

  it("should admit DNS (tcp and udp 53) from the AWS VPC to the resolver's inbound endpoint", async () => {
    assert.deepEqual(
      nsgRules("dnsInbound", cidrs, aws)
        .filter((r) => r.access === "Allow")
        .map((r) => `${r.protocol}/${r.destinationPortRange}`),
      ["Tcp/53", "Udp/53"],
    );
  });
});

describe("serverParameters", () => {
  it("should give twice the replication workers to max_worker_processes", async () => {
    assert.equal(new Map(serverParameters(6)).get("max_worker_processes"), "12");
  });

  it("should allow-list and preload pg_cron for the heartbeat job", async () => {
    const p = new Map(serverParameters(8));
    assert.deepEqual(
      [p.get("azure.extensions"), p.get("shared_preload_libraries")],
      ["PG_CRON", "pg_cron,pg_stat_statements"],
    );
  });

  it("should synchronize failover slots to the HA standby on PostgreSQL 17", async () => {
    const p = new Map(serverParameters(8, "17"));
    assert.deepEqual([p.get("sync_replication_slots"), p.get("hot_standby_feedback")], ["on", "on"]);
  });

  it("should leave slot synchronization out before PostgreSQL 17, which lacks it", async () => {
    assert.equal(new Map(serverParameters(8, "16")).has("sync_replication_slots"), false);
  });
});

describe("lifecycleRules", () => {
  it("should move blobs to Cold, never Archive, which the GZRS/RA-GZRS account does not have", async () => {
    const rules = lifecycleRules({ raw: { coolAfterDays: 30, coldAfterDays: 90 } });
    const actions = JSON.stringify(rules.map((r) => r.definition));
    assert.deepEqual([actions.includes("tierToArchive"), actions.includes("tierToCold")], [false, true]);
  });

  it("should expire blobs only when the profile has deleteAfterDays", async () => {
    const rules = lifecycleRules({
      audit: { coolAfterDays: 30, coldAfterDays: 90, deleteAfterDays: 400 },
      raw: { coolAfterDays: 30, coldAfterDays: 90 },
      hot: undefined,
    });
    assert.deepEqual(
      rules.map((r) => [r.name, "delete" in (r.definition as { actions: { baseBlob: object } }).actions.baseBlob]),
      [
        ["audit-tiering", true],
        ["raw-tiering", false],
      ],
    );
  });
});

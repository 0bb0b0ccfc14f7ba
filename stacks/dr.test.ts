import assert from "node:assert/strict";
import { STANDBY_DB_USER } from "../components/azure/standby";
import { DR_MONITOR_DB_USER, TRADE_API_DB_USER } from "../platform-rules/database";
import { awsState } from "../components/testing/fake-cloud";
import { json, runStack, type RecordedPlan } from "./offline/harness";
import type { PlanResource } from "../platform-rules/plan-format";
import { readStackConfig } from "./offline/stack-file";

const prod = () => runStack("prod");
const dev = () => runStack("dev");
/** prod after its second phase: operators imported the failover name's certificate. */
const prodWithCertificate = () =>
  runStack("prod", {
    configOverrides: {
      "platform:dr": { ...(readStackConfig("prod")["platform:dr"] as object), certificate: "imported" },
    },
  });
/**
 * dev with `platform:dr.enabled` switched on and the on-call group DR requires (overrides replace
 * whole sections), and the logical replication DR needs, which keeps Aurora from pausing: so no
 * scale to zero either.
 */
const devAurora = () => {
  const { autoPauseSeconds: _pause, ...aurora } = readStackConfig("dev")["platform:aurora"] as Record<string, unknown>;
  return { ...aurora, minCapacity: 0.5, logicalReplication: "enabled" };
};
const devWithDr = () =>
  runStack("dev", {
    configOverrides: {
      "platform:dr": {
        ...(readStackConfig("dev")["platform:dr"] as object),
        enabled: true,
        operators: { groupObjectId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
      },
      "platform:aurora": devAurora(),
    },
  });

/** What the offline engine answered for the Aurora cluster: the plan records inputs only. */
const auroraState = (plan: RecordedPlan) => {
  const r = plan.one("aws:rds/cluster:Cluster");
  return awsState(r.type, r.name, r.inputs as Record<string, unknown>, "us-east-1").state;
};
const azure = (plan: RecordedPlan) => plan.resources.filter((r) => r.custom && r.type.startsWith("azure-native:"));
const get = (r: PlanResource, path: string): unknown =>
  path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], r.inputs);
const one = async (type: string) => (await prod()).one(type);

describe("DR stack (platform:dr)", () => {
  describe("enablement", () => {
    it("should create no Azure or DR resource when DR is off in dev", async () => {
      const plan = await dev();
      assert.deepEqual(
        plan.resources
          .filter(
            (r) =>
              r.type.startsWith("azure-native:") ||
              r.type.startsWith("platform:dr:") ||
              r.type.startsWith("platform:azure:"),
          )
          .map((r) => r.name),
        [],
      );
    });

    it("should build the standby in dev when platform:dr.enabled is overridden", async () => {
      assert.equal((await devWithDr()).ofType("azure-native:dbforpostgresql:Server").length, 1);
    });

    it("should register every Azure resource with the azure-dr provider when DR is on", async () => {
      const plan = await prod();
      const providers = new Set(azure(plan).map((r) => plan.providerOf(r)?.name));
      assert.deepEqual([...providers], ["azure-dr"]);
    });
  });

  describe("Azure placement and tags", () => {
    it("should give every regional Azure resource an explicit allowed location", async () => {
      // Front Door, its WAF policy and action groups are global services (location global/Global).
      const located = azure(await prod()).filter(
        (r) => r.inputs.location !== undefined && String(r.inputs.location).toLowerCase() !== "global",
      );
      assert.ok(located.length > 20);
      // The geo-backup vault and identity live in the pair (tested under PostgreSQL).
      const primary = located.filter(
        (r) => !r.name.startsWith("dr-standby-geo-keys-vault") && r.name !== "dr-standby-postgres-geo-identity",
      );
      assert.deepEqual([...new Set(primary.map((r) => r.inputs.location))], ["eastus2"]);
    });

    it("should tag every taggable Azure resource with the required tags", async () => {
      const untagged = azure(await prod())
        .filter(
          (r) =>
            "tags" in r.inputs ||
            ["Vault", "StorageAccount", "Server", "WebApp", "VirtualNetwork"].some((k) => r.type.endsWith(`:${k}`)),
        )
        .filter((r) =>
          ["Environment", "CostCenter", "Owner", "Compliance", "DataClassification"].some(
            (t) => !(r.inputs.tags as Record<string, string> | undefined)?.[t],
          ),
        );
      assert.deepEqual(
        untagged.map((r) => r.name),
        [],
      );
    });
  });

  describe("network", () => {
    it("should delegate the PostgreSQL subnet to flexible servers", async () => {
      const subnets = get(await one("azure-native:network:VirtualNetwork"), "subnets") as {
        name: string;
        delegations?: { serviceName: string }[];
      }[];
      assert.equal(
        subnets.find((s) => s.name === "postgres")?.delegations?.[0].serviceName,
        "Microsoft.DBforPostgreSQL/flexibleServers",
      );
    });

    it("should delegate the apps subnet to Microsoft.App/environments for Flex Consumption integration", async () => {
      const subnets = get(await one("azure-native:network:VirtualNetwork"), "subnets") as {
        name: string;
        delegations?: { serviceName: string }[];
      }[];
      assert.equal(subnets.find((s) => s.name === "apps")?.delegations?.[0].serviceName, "Microsoft.App/environments");
    });

    it("should attach an NSG to every subnet except GatewaySubnet", async () => {
      const subnets = get(await one("azure-native:network:VirtualNetwork"), "subnets") as {
        name: string;
        networkSecurityGroup?: unknown;
      }[];
      assert.deepEqual(
        subnets.filter((s) => !s.networkSecurityGroup).map((s) => s.name),
        ["GatewaySubnet"],
      );
    });

    it("should deny inbound from the Internet in every NSG", async () => {
      const nsgs = (await prod()).ofType("azure-native:network:NetworkSecurityGroup");
      const rules = nsgs.map((n) =>
        (n.inputs.securityRules as { sourceAddressPrefix: string; access: string; direction: string }[]).some(
          (r) => r.sourceAddressPrefix === "Internet" && r.access === "Deny" && r.direction === "Inbound",
        ),
      );
      assert.deepEqual(rules, Array(7).fill(true));
    });
  });

  describe("operator access", () => {
    const GROUP = "6f1d2c3b-8a4e-4b7f-9c2d-1e3f5a7b9c0d";

    it("should run Azure Bastion Premium in AzureBastionSubnet with Entra SSH (tunneling) and session recording", async () => {
      const bastion = await one("azure-native:network:BastionHost");
      const subnet = String((bastion.inputs.ipConfigurations as { subnet: { id: string } }[])[0].subnet.id);
      assert.deepEqual(
        [
          get(bastion, "sku.name"),
          bastion.inputs.enableTunneling,
          bastion.inputs.enableSessionRecording,
          subnet.endsWith("/subnets/AzureBastionSubnet"),
        ],
        ["Premium", true, true, true],
      );
    });

    it("should give the jump host no public IP, in the management subnet", async () => {
      const nic = await one("azure-native:network:NetworkInterface");
      const ip = (nic.inputs.ipConfigurations as { publicIPAddress?: unknown; subnet: { id: string } }[])[0];
      assert.deepEqual([ip.publicIPAddress, String(ip.subnet.id).endsWith("/subnets/management")], [undefined, true]);
    });

    it("should sign operators in to the jump host with Entra ID", async () => {
      const ext = await one("azure-native:compute:VirtualMachineExtension");
      assert.deepEqual(
        [ext.inputs.publisher, ext.inputs.type],
        ["Microsoft.Azure.ActiveDirectory", "AADSSHLoginForLinux"],
      );
    });

    it("should let the on-call group read vault secrets directly", async () => {
      const grants = (await prod())
        .ofType("azure-native:authorization:RoleAssignment")
        .filter((r) => r.inputs.principalId === GROUP);
      assert.ok(
        grants.some(
          (g) =>
            String(g.inputs.roleDefinitionId).endsWith("/4633458b-17de-408a-b874-0445c86b69e6") &&
            g.inputs.principalType === "Group",
        ),
      );
    });

    it("should make the vault's write roles only PIM-eligible for the on-call group, never assigned", async () => {
      const plan = await prod();
      const officer = ["b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "a4417e6f-fecd-4de8-b567-7b0420556985"];
      const eligible = plan
        .ofType("azure-native:authorization:PimRoleEligibilitySchedule")
        .filter((r) => r.inputs.principalId === GROUP)
        .map((r) => String(r.inputs.roleDefinitionId).split("/").pop());
      const assigned = plan
        .ofType("azure-native:authorization:RoleAssignment")
        .filter((r) => officer.includes(String(r.inputs.roleDefinitionId).split("/").pop() ?? ""));
      assert.deepEqual([eligible.sort(), assigned.length], [[...officer].sort(), 0]);
    });
  });

  describe("Key Vault", () => {
    it("should use RBAC authorization", async () => {
      assert.equal(
        get((await prod()).ofType("azure-native:keyvault:Vault")[0], "properties.enableRbacAuthorization"),
        true,
      );
    });

    it("should keep purge protection on", async () => {
      assert.equal(
        get((await prod()).ofType("azure-native:keyvault:Vault")[0], "properties.enablePurgeProtection"),
        true,
      );
    });

    it("should keep deleted objects 90 days", async () => {
      assert.equal(
        get((await prod()).ofType("azure-native:keyvault:Vault")[0], "properties.softDeleteRetentionInDays"),
        90,
      );
    });

    it("should disable public network access with a default-deny ACL", async () => {
      const vault = (await prod()).ofType("azure-native:keyvault:Vault")[0];
      assert.deepEqual(
        [get(vault, "properties.publicNetworkAccess"), get(vault, "properties.networkAcls.defaultAction")],
        ["Disabled", "Deny"],
      );
    });

    it("should use HSM-backed RSA 3072 keys in prod", async () => {
      const keys = (await prod())
        .ofType("azure-native:keyvault:Key")
        .map((k) => `${get(k, "properties.kty")}/${get(k, "properties.keySize")}`);
      assert.deepEqual([...new Set(keys)], ["RSA-HSM/3072"]);
    });

    it("should use software RSA 3072 keys in dev when DR is enabled there", async () => {
      const keys = (await devWithDr())
        .ofType("azure-native:keyvault:Key")
        .map((k) => `${get(k, "properties.kty")}/${get(k, "properties.keySize")}`);
      assert.deepEqual([...new Set(keys)], ["RSA/3072"]);
    });

    it("should give every key a rotation policy", async () => {
      const keys = (await prod()).ofType("azure-native:keyvault:Key");
      assert.ok(
        keys.every((k) =>
          (get(k, "properties.rotationPolicy.lifetimeActions") as { action: { type: string } }[]).some(
            (a) => a.action.type === "rotate",
          ),
        ),
      );
    });

    it("should grant the PostgreSQL (and its geo-backup) and storage identities Key Vault Crypto Service Encryption User", async () => {
      const grants = (await prod())
        .ofType("azure-native:authorization:RoleAssignment")
        .filter((r) => String(r.inputs.roleDefinitionId).endsWith("e147488a-f6f5-4113-8e2d-b22465e65bf6"));
      assert.deepEqual(grants.map((g) => g.name).sort(), [
        "dr-standby-postgres-geo-key-user",
        "dr-standby-postgres-key-user",
        "dr-standby-storage-key-user",
      ]);
    });
  });

  describe("RBAC propagation waits", () => {
    const sleeps = async (plan?: RecordedPlan) => (plan ?? (await prod())).ofType("time:index/sleep:Sleep");
    const waitOf = async (consumer: string, plan?: RecordedPlan) => {
      const p = plan ?? (await prod());
      const deps = new Set(p.named(consumer).dependencies);
      return (await sleeps(p)).filter((w) => deps.has(w.urn));
    };

    for (const [consumer, grants] of [
      ["dr-standby-postgres-server", ["dr-standby-postgres-key-user", "dr-standby-postgres-geo-key-user"]],
      ["dr-standby-storage-account", ["dr-standby-storage-key-user"]],
      [
        "dr-standby-api-app",
        [
          "dr-standby-api-blob-owner",
          "dr-standby-api-queue-contributor",
          "dr-standby-api-secrets-user",
          "dr-standby-api-metrics-publisher",
        ],
      ],
    ] as const) {
      it(`should create ${consumer} only after a 120 s wait that follows its role assignments`, async () => {
        const plan = await prod();
        const [wait] = await waitOf(consumer, plan);
        const after = new Set(wait?.dependencies);
        assert.deepEqual(
          [wait?.inputs.createDuration, grants.filter((g) => !after.has(plan.named(g).urn))],
          ["120s", []],
        );
      });
    }

    it("should re-run the wait when a role assignment is replaced (triggers on the assignment ids)", async () => {
      const plan = await prod();
      const [wait] = await waitOf("dr-standby-storage-account", plan);
      assert.deepEqual(wait?.propertyDependencies.triggers, [plan.named("dr-standby-storage-key-user").urn]);
    });

    it("should wait platform:dr.rbacPropagationSeconds when it is set", async () => {
      const plan = await runStack("prod", {
        configOverrides: {
          "platform:dr": { ...(readStackConfig("prod")["platform:dr"] as object), rbacPropagationSeconds: 300 },
        },
      });
      assert.deepEqual([...new Set((await sleeps(plan)).map((w) => w.inputs.createDuration))], ["300s"]);
    });

    it("should wait before Front Door reads the certificate once it is imported", async () => {
      const [wait] = await waitOf("dr-front-door-certificate", await prodWithCertificate());
      assert.equal(wait?.inputs.createDuration, "120s");
    });
  });

  describe("PostgreSQL", () => {
    it("should run the same major version as Aurora", async () => {
      assert.equal((await one("azure-native:dbforpostgresql:Server")).inputs.version, "17");
    });

    it("should encrypt data with the Key Vault key through the user-assigned identity", async () => {
      const enc = (await one("azure-native:dbforpostgresql:Server")).inputs.dataEncryption as Record<string, string>;
      assert.ok(
        enc.type === "AzureKeyVault" &&
          enc.primaryKeyURI.includes("/keys/") &&
          /userAssignedIdentit/i.test(enc.primaryUserAssignedIdentityId),
        JSON.stringify(enc),
      );
    });

    it("should allow private access only, through the delegated subnet and private zone", async () => {
      const net = (await one("azure-native:dbforpostgresql:Server")).inputs.network as Record<string, string>;
      assert.ok(
        net.publicNetworkAccess === "Disabled" &&
          net.delegatedSubnetResourceId.endsWith("/subnets/postgres") &&
          net.privateDnsZoneArmResourceId.includes(".private.postgres.database.azure.com"),
        JSON.stringify(net),
      );
    });

    it("should be zone-redundant in prod", async () => {
      assert.equal(get(await one("azure-native:dbforpostgresql:Server"), "highAvailability.mode"), "ZoneRedundant");
    });

    it("should have no HA in dev when DR is enabled there", async () => {
      assert.equal(
        get((await devWithDr()).one("azure-native:dbforpostgresql:Server"), "highAvailability.mode"),
        "Disabled",
      );
    });

    it("should size prod larger than dev", async () => {
      const sku = (plan: RecordedPlan) => get(plan.one("azure-native:dbforpostgresql:Server"), "sku.name");
      assert.deepEqual([sku(await prod()), sku(await devWithDr())], ["Standard_D4ds_v5", "Standard_B2s"]);
    });

    it("should enable geo-redundant backup in prod", async () => {
      assert.equal(get(await one("azure-native:dbforpostgresql:Server"), "backup.geoRedundantBackup"), "Enabled");
    });

    it("should keep the geo-backup key vault and identity in centralus in prod", async () => {
      const plan = await prod();
      const locations = [
        plan.named("dr-standby-geo-keys-vault").inputs.location,
        plan.named("dr-standby-postgres-geo-identity").inputs.location,
      ];
      assert.deepEqual(locations, ["centralus", "centralus"]);
    });

    it("should place nothing but the geo-backup vault and identity in centralus in prod", async () => {
      const inPair = (await prod()).resources
        .filter((r) => r.inputs.location === "centralus")
        .map((r) => r.type)
        .sort();
      assert.deepEqual(inPair, ["azure-native:keyvault:Vault", "azure-native:managedidentity:UserAssignedIdentity"]);
    });

    it("should give the server the geo-backup key and identity in prod", async () => {
      const plan = await prod();
      const encryption = plan.one("azure-native:dbforpostgresql:Server").inputs.dataEncryption as Record<
        string,
        unknown
      >;
      assert.deepEqual(
        [typeof encryption.geoBackupKeyURI, typeof encryption.geoBackupUserAssignedIdentityId],
        ["string", "string"],
      );
    });

    it("should leave geo-redundant backup off in dev when DR is enabled there", async () => {
      assert.equal(
        get((await devWithDr()).one("azure-native:dbforpostgresql:Server"), "backup.geoRedundantBackup"),
        "Disabled",
      );
    });

    it("should enable Entra ID authentication", async () => {
      assert.equal(get(await one("azure-native:dbforpostgresql:Server"), "authConfig.activeDirectoryAuth"), "Enabled");
    });

    it("should store the generated administrator password as a Key Vault secret", async () => {
      const plan = await prod();
      const secret = plan.named("dr-standby-pg-admin-secret");
      const password = plan.named("dr-standby-pg-admin-password");
      assert.deepEqual(
        [secret.inputs.secretName, password.type],
        ["postgres-admin-password", "random:index/randomPassword:RandomPassword"],
      );
    });

    for (const [parameter, value] of [
      ["ssl_min_protocol_version", "TLSv1.2"],
      ["require_secure_transport", "on"],
      ["wal_level", "logical"],
    ]) {
      it(`should set ${parameter} to ${value}`, async () => {
        const config = (await prod())
          .ofType("azure-native:dbforpostgresql:Configuration")
          .find((c) => c.inputs.configurationName === parameter);
        assert.equal(config?.inputs.value, value);
      });
    }
  });

  describe("storage", () => {
    it("should encrypt with the Key Vault key and infrastructure encryption", async () => {
      const enc = (await one("azure-native:storage:StorageAccount")).inputs.encryption as Record<string, unknown>;
      assert.deepEqual([enc.keySource, enc.requireInfrastructureEncryption], ["Microsoft.Keyvault", true]);
    });

    it("should forbid shared keys, public blobs and public network access", async () => {
      const a = (await one("azure-native:storage:StorageAccount")).inputs;
      assert.deepEqual(
        [
          a.allowSharedKeyAccess,
          a.allowBlobPublicAccess,
          a.publicNetworkAccess,
          get({ inputs: a } as PlanResource, "networkRuleSet.defaultAction"),
        ],
        [false, false, "Disabled", "Deny"],
      );
    });

    it("should require TLS 1.2 and HTTPS", async () => {
      const a = (await one("azure-native:storage:StorageAccount")).inputs;
      assert.deepEqual([a.minimumTlsVersion, a.enableHttpsTrafficOnly], ["TLS1_2", true]);
    });

    it("should be geo-zone-redundant StorageV2", async () => {
      const a = (await one("azure-native:storage:StorageAccount")).inputs;
      assert.deepEqual([a.kind, get({ inputs: a } as PlanResource, "sku.name")], ["StorageV2", "Standard_RAGZRS"]);
    });

    it("should mirror the S3 data buckets as containers", async () => {
      const names = (await prod())
        .ofType("azure-native:storage:BlobContainer")
        .map((c) => c.inputs.containerName)
        .sort();
      assert.deepEqual(names, ["analytics", "app-package", "archive", "audit", "ingestion"]);
    });

    it("should reach blob storage through a private endpoint", async () => {
      const endpoints = (await prod())
        .ofType("azure-native:network:PrivateEndpoint")
        .map((e) => (e.inputs.privateLinkServiceConnections as { groupIds: string[] }[])[0].groupIds[0]);
      assert.ok(endpoints.includes("blob"), endpoints.join(","));
    });
  });

  describe("Function App", () => {
    it("should be VNet-integrated through the apps subnet", async () => {
      const app = await one("azure-native:web:WebApp");
      assert.ok(String(app.inputs.virtualNetworkSubnetId).endsWith("/subnets/apps"));
    });

    it("should accept HTTPS only", async () => {
      assert.equal((await one("azure-native:web:WebApp")).inputs.httpsOnly, true);
    });

    it("should send no siteConfig, which Flex Consumption rejects in part and the SDK fills with netFrameworkVersion", async () => {
      const app = await one("azure-native:web:WebApp");
      assert.deepEqual(
        [app.inputs.siteConfig, JSON.stringify(app.inputs).includes("netFrameworkVersion")],
        [undefined, false],
      );
    });

    it("should keep the app settings in their own resource on the Function App", async () => {
      const plan = await prod();
      assert.deepEqual(plan.one("azure-native:web:WebAppApplicationSettings").propertyDependencies.name, [
        plan.one("azure-native:web:WebApp").urn,
      ]);
    });

    it("should turn basic-auth publishing off for ftp and scm", async () => {
      const plan = await prod();
      assert.deepEqual(
        [
          plan.one("azure-native:web:WebAppFtpAllowed").inputs.allow,
          plan.one("azure-native:web:WebAppScmAllowed").inputs.allow,
        ],
        [false, false],
      );
    });

    it("should run Node 22 on Flex Consumption", async () => {
      const plan = await prod();
      assert.deepEqual(
        [
          get(plan.one("azure-native:web:WebApp"), "functionAppConfig.runtime"),
          get(plan.one("azure-native:web:AppServicePlan"), "sku.tier"),
        ],
        [{ name: "node", version: "22" }, "FlexConsumption"],
      );
    });

    it("should read the database password through a Key Vault reference", async () => {
      const settings = (await one("azure-native:web:WebAppApplicationSettings")).inputs.properties as Record<
        string,
        string
      >;
      assert.match(
        settings.DATABASE_PASSWORD ?? "",
        /^@Microsoft\.KeyVault\(SecretUri=https:\/\/.+\/secrets\/app-db-password\)$/,
      );
    });

    const setting = async (name: string) =>
      (
        (await one("azure-native:web:WebAppApplicationSettings")).inputs.properties as Record<
          string,
          string | undefined
        >
      )[name];

    it("should read the API clients' key hashes through a Key Vault reference", async () => {
      assert.match(
        (await setting("API_KEY_HASHES")) ?? "",
        /^@Microsoft\.KeyVault\(SecretUri=https:\/\/.+\/secrets\/api-key-hashes\)$/,
      );
    });

    it("should create the API key secret with the placeholder the API refuses and leave its value to operators", async () => {
      const secret = (await prod())
        .ofType("azure-native:keyvault:Secret")
        .find((r) => r.inputs.secretName === "api-key-hashes");
      assert.deepEqual(
        [get(secret as PlanResource, "properties.value"), secret?.options.ignoreChanges],
        ["unset", ["properties", "tags"]],
      );
    });

    it("should trade the same pairs as the AWS API", async () => {
      const pairs = (readStackConfig("prod")["platform:services"] as { allowedPairs: string[] }).allowedPairs;
      assert.equal(await setting("ALLOWED_PAIRS"), pairs.join(","));
    });

    it("should log in to the database as trade_api, the login dr set-app-password prepares", async () => {
      assert.deepEqual(
        [await setting("DATABASE_USER"), STANDBY_DB_USER, TRADE_API_DB_USER],
        Array(3).fill("trade_api"),
      );
    });

    it("should verify the database server's certificate and host name", async () => {
      assert.equal(await setting("DATABASE_SSLMODE"), "verify-full");
    });

    it("should keep one instance warm in prod and none in dev", async () => {
      const warm = (plan: RecordedPlan) =>
        (get(plan.one("azure-native:web:WebApp"), "functionAppConfig.scaleAndConcurrency.alwaysReady") as unknown[])
          .length;
      assert.deepEqual([warm(await prod()), warm(await devWithDr())], [1, 0]);
    });
  });

  describe("diagnostics", () => {
    it("should send diagnostics from the vault, server, blob service, app, NSGs, gateway and public IPs", async () => {
      const plan = await prod();
      const targets = plan
        .ofType("azure-native:monitor:DiagnosticSetting")
        .map((d) => String(d.inputs.resourceUri).split("/providers/")[1]?.split("/")[0] ?? "");
      for (const expected of [
        "Microsoft.keyvault",
        "Microsoft.dbforpostgresql",
        "Microsoft.web",
        "Microsoft.network",
      ]) {
        assert.ok(targets.includes(expected), `${expected} missing from ${targets.join(", ")}`);
      }
    });

    it("should send storage only the Transaction and Capacity metric categories, the only ones it accepts", async () => {
      const storage = (await prod())
        .ofType("azure-native:monitor:DiagnosticSetting")
        .filter((d) => /Microsoft\.storage/i.test(String(d.inputs.resourceUri)));
      const categories = storage.map((d) =>
        (d.inputs.metrics as { category: string }[]).map((m) => m.category).join("+"),
      );
      assert.deepEqual(categories, ["Transaction+Capacity", "Transaction+Capacity"]);
    });

    it("should retain standby logs at least 365 days", async () => {
      assert.ok(Number((await one("azure-native:operationalinsights:Workspace")).inputs.retentionInDays) >= 365);
    });
  });

  describe("VPN", () => {
    it("should propagate the VNet's routes to every app and data subnet route table when the VPN is on", async () => {
      const plan = await prod();
      const tables = plan
        .ofType("aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation")
        .map((r) => r.inputs.routeTableId);
      assert.deepEqual([tables.length, new Set(tables).size], [6, 6]);
    });

    it("should build the VPN in prod", async () => {
      assert.equal((await prod()).ofType("aws:ec2/vpnConnection:VpnConnection").length, 1);
    });

    it("should not build the VPN in dev even with DR enabled", async () => {
      assert.equal((await devWithDr()).ofType("azure-native:network:VirtualNetworkGateway").length, 0);
    });

    it("should use a zone-redundant gateway SKU on a zone-redundant Standard public IP", async () => {
      const plan = await prod();
      const ip = plan.named("dr-vpn-gateway-ip");
      assert.deepEqual(
        [get(plan.one("azure-native:network:VirtualNetworkGateway"), "sku.name"), get(ip, "sku.name"), ip.inputs.zones],
        ["VpnGw2AZ", "Standard", ["1", "2", "3"]],
      );
    });

    it("should use the same pre-shared key on both clouds", async () => {
      const plan = await prod();
      const awsKey = plan.one("aws:ec2/vpnConnection:VpnConnection").inputs.tunnel1PresharedKey;
      const azureKeys = plan
        .ofType("azure-native:network:VirtualNetworkGatewayConnection")
        .map((c) => c.inputs.sharedKey);
      assert.ok(typeof awsKey === "string" && awsKey.length >= 32 && azureKeys.every((k) => k === awsKey));
    });

    it("should route the VNet CIDR statically over the VPN", async () => {
      assert.equal(
        (await one("aws:ec2/vpnConnectionRoute:VpnConnectionRoute")).inputs.destinationCidrBlock,
        "10.1.0.0/16",
      );
    });
  });

  describe("failover DNS", () => {
    it("should pair PRIMARY and SECONDARY CNAME records on the same name", async () => {
      const records = (await prod())
        .ofType("aws:route53/record:Record")
        .filter((r) => r.inputs.failoverRoutingPolicies);
      assert.deepEqual(
        records
          .map(
            (r) =>
              `${r.inputs.name} ${r.inputs.type} ${(r.inputs.failoverRoutingPolicies as { type: string }[])[0].type}`,
          )
          .sort(),
        ["api.fx.example.com CNAME PRIMARY", "api.fx.example.com CNAME SECONDARY"],
      );
    });

    it("should probe the standby on /health, the path clients use on both clouds", async () => {
      assert.equal((await prod()).named("dr-dns-secondary-probe").inputs.resourcePath, "/health");
    });

    it("should gate SECONDARY on the latched promoted alarm in us-east-2, outside the primary region", async () => {
      const plan = await prod();
      const check = plan.named("dr-dns-promoted-check");
      const alarm = plan.named("dr-dns-standby-not-promoted");
      assert.deepEqual(
        [
          plan.named("dr-dns-secondary").propertyDependencies.healthCheckId,
          check.inputs.cloudwatchAlarmRegion,
          plan.providerOf(alarm)?.inputs.region,
          alarm.inputs.treatMissingData,
        ],
        [[check.urn], "us-east-2", "us-east-2", "ignore"],
      );
    });

    it("should notify a page topic in the gate region, encrypted with a key there, on every gate change", async () => {
      const plan = await prod();
      const alarm = plan.named("dr-dns-standby-not-promoted");
      const topic = plan.named("dr-gate-alerts-page");
      assert.deepEqual(
        [
          alarm.propertyDependencies.alarmActions,
          alarm.propertyDependencies.okActions,
          alarm.propertyDependencies.insufficientDataActions,
          plan.providerOf(topic)?.inputs.region,
          plan.providerOf(plan.named("dr-gate-keys-messaging"))?.inputs.region,
        ],
        [[topic.urn], [topic.urn], [topic.urn], "us-east-2", "us-east-2"],
      );
    });

    it("should answer PRIMARY only while it is healthy and the standby is not promoted", async () => {
      const plan = await prod();
      assert.deepEqual(plan.named("dr-dns-primary").propertyDependencies.healthCheckId, [
        plan.named("dr-dns-primary-gate").urn,
      ]);
    });

    it("should take interval and threshold of the primary check from config", async () => {
      const check = (await prod()).named("dr-dns-primary-check");
      assert.deepEqual(
        [check.inputs.type, check.inputs.requestInterval, check.inputs.failureThreshold],
        ["HTTPS", 10, 3],
      );
    });

    it("should carry the recovery objectives as tags on the primary check", async () => {
      const tags = (await prod()).named("dr-dns-primary-check").inputs.tags as Record<string, string>;
      assert.deepEqual([tags.DrRtoMinutes, tags.DrRpoMinutes], ["15", "5"]);
    });
  });

  describe("standby health alarm", () => {
    const alarm = async () => (await prod()).named("dr-dns-standby-unhealthy");

    it("should watch Route 53's HealthCheckStatus of the standby probe", async () => {
      const plan = await prod();
      const a = plan.named("dr-dns-standby-unhealthy");
      assert.deepEqual(
        [a.inputs.namespace, a.inputs.metricName, a.propertyDependencies.dimensions],
        ["AWS/Route53", "HealthCheckStatus", [plan.named("dr-dns-secondary-probe").urn]],
      );
    });

    it("should fire below 1 (unhealthy)", async () => {
      const a = await alarm();
      assert.deepEqual(
        [a.inputs.comparisonOperator, a.inputs.threshold, a.inputs.statistic],
        ["LessThanThreshold", 1, "Minimum"],
      );
    });

    it("should need 3 unhealthy minutes out of 3", async () => {
      const a = await alarm();
      assert.deepEqual([a.inputs.period, a.inputs.evaluationPeriods, a.inputs.datapointsToAlarm], [60, 3, 3]);
    });

    it("should treat missing data as breaching", async () => {
      assert.equal((await alarm()).inputs.treatMissingData, "breaching");
    });

    it("should page on alarm, on recovery and on insufficient data", async () => {
      const plan = await prod();
      const a = plan.named("dr-dns-standby-unhealthy");
      const topic = plan.named("alerts-page").urn;
      const deps = a.propertyDependencies;
      assert.deepEqual(
        [deps.alarmActions, deps.okActions, deps.insufficientDataActions, (a.inputs.alarmActions as string[]).length],
        [[topic], [topic], [topic], 1],
      );
    });

    it("should live in us-east-1, the only region with Route 53 metrics", async () => {
      const plan = await prod();
      assert.equal(plan.providerOf(plan.named("dr-dns-standby-unhealthy"))?.inputs.region, "us-east-1");
    });
  });

  describe("TLS for the failover name (second phase, on Front Door)", () => {
    it("should bind no certificate on a new environment's first run, before operators imported it", async () => {
      const plan = await prod();
      assert.deepEqual(
        [
          plan.has("azure-native:cdn:AFDCustomDomain"),
          plan.has("azure-native:cdn:Secret"),
          plan.has("azure-native:cdn:Profile"),
        ],
        [false, false, true],
      );
    });

    it("should put the failover FQDN on Front Door with TLS 1.2 or newer once imported", async () => {
      const domain = (await prodWithCertificate()).one("azure-native:cdn:AFDCustomDomain");
      assert.deepEqual(
        [
          domain.inputs.hostName,
          get(domain, "tlsSettings.minimumTlsVersion"),
          get(domain, "tlsSettings.certificateType"),
        ],
        ["api.fx.example.com", "TLS12", "CustomerCertificate"],
      );
    });

    it("should read the certificate api-tls from the standby Key Vault with Front Door's identity", async () => {
      const plan = await prodWithCertificate();
      const secret = plan.one("azure-native:cdn:Secret");
      assert.deepEqual(
        [
          String(get(secret, "parameters.secretSource.id")).endsWith("/secrets/api-tls"),
          secret.dependencies.includes(plan.named("dr-front-door-kv-secrets-user").urn),
        ],
        [true, true],
      );
    });

    it("should publish Front Door's _dnsauth validation record for the failover name", async () => {
      const record = (await prodWithCertificate()).named("dr-front-door-validation");
      assert.deepEqual([record.inputs.name, record.inputs.type], ["_dnsauth.api.fx.example.com", "TXT"]);
    });
  });

  describe("front door and WAF", () => {
    it("should point SECONDARY and the standby probe at the Front Door endpoint, not the app", async () => {
      const plan = await prod();
      const endpoint = plan.one("azure-native:cdn:AFDEndpoint").urn;
      assert.equal(plan.named("dr-dns-secondary").propertyDependencies.records?.includes(endpoint), true);
    });

    it("should run Front Door Premium with the WAF in Prevention mode", async () => {
      const plan = await prod();
      const waf = plan.one("azure-native:frontdoor:Policy");
      assert.deepEqual(
        [
          get(plan.one("azure-native:cdn:Profile"), "sku.name"),
          get(waf, "sku.name"),
          get(waf, "policySettings.mode"),
          get(waf, "policySettings.enabledState"),
        ],
        ["Premium_AzureFrontDoor", "Premium_AzureFrontDoor", "Prevention", "Enabled"],
      );
    });

    it("should block with the OWASP-based default rule set and bot rules", async () => {
      const sets = get(await one("azure-native:frontdoor:Policy"), "managedRules.managedRuleSets") as {
        ruleSetType: string;
        ruleSetVersion: string;
        ruleSetAction?: string;
      }[];
      assert.deepEqual(
        sets.map((r) => `${r.ruleSetType} ${r.ruleSetVersion} ${r.ruleSetAction ?? ""}`.trim()),
        ["Microsoft_DefaultRuleSet 2.1 Block", "Microsoft_BotManagerRuleSet 1.1"],
      );
    });

    it("should rate-limit each client IP per minute", async () => {
      const [rule] = get(await one("azure-native:frontdoor:Policy"), "customRules.rules") as {
        ruleType: string;
        rateLimitDurationInMinutes: number;
        rateLimitThreshold: number;
        groupBy: { variableName: string }[];
        action: string;
      }[];
      assert.deepEqual(
        [
          rule.ruleType,
          rule.rateLimitDurationInMinutes,
          rule.rateLimitThreshold,
          rule.groupBy[0].variableName,
          rule.action,
        ],
        ["RateLimitRule", 1, 1000, "SocketAddr", "Block"],
      );
    });

    it("should name the WAF policy with letters and digits only, as Front Door requires", async () => {
      assert.match(
        String((await one("azure-native:frontdoor:Policy")).inputs.policyName),
        /^[a-zA-Z][a-zA-Z0-9]{0,127}$/,
      );
    });

    it("should apply the WAF to the Front Door endpoint", async () => {
      const plan = await prod();
      const policy = plan.one("azure-native:cdn:SecurityPolicy");
      assert.deepEqual(
        [
          get(policy, "parameters.type"),
          policy.propertyDependencies.parameters?.includes(plan.one("azure-native:frontdoor:Policy").urn),
        ],
        ["WebApplicationFirewall", true],
      );
    });

    it("should serve HTTPS only and reach the app over HTTPS with its certificate name checked", async () => {
      const plan = await prod();
      const route = plan.one("azure-native:cdn:Route");
      const origin = plan.one("azure-native:cdn:AFDOrigin");
      assert.deepEqual(
        [route.inputs.supportedProtocols, route.inputs.forwardingProtocol, origin.inputs.enforceCertificateNameCheck],
        [["Https"], "HttpsOnly", true],
      );
    });
  });

  describe("Azure alerts", () => {
    it("should page the platform:alerts page addresses through one action group", async () => {
      const group = await one("azure-native:monitor:ActionGroup");
      const emails = (readStackConfig("prod")["platform:alerts"] as { page: { emails: string[] } }).page.emails;
      assert.deepEqual(
        (group.inputs.emailReceivers as { emailAddress: string }[]).map((r) => r.emailAddress),
        emails,
      );
    });

    it("should probe the AWS primary's /health from five Azure locations, independent of AWS", async () => {
      const test = (await prod()).named("dr-alerts-primary-test");
      assert.deepEqual(
        [(test.inputs.locations as unknown[]).length, get(test, "request.httpVerb"), test.inputs.webTestKind],
        [5, "GET", "standard"],
      );
    });

    it("should alert on the standby's health, PostgreSQL being down, replication errors and function errors", async () => {
      const plan = await prod();
      const names = [
        ...plan.ofType("azure-native:monitor:MetricAlert"),
        ...plan.ofType("azure-native:monitor:ScheduledQueryRule"),
      ]
        .map((r) => r.name)
        .sort();
      assert.deepEqual(names, [
        "dr-alerts-function-errors",
        "dr-alerts-postgres-down",
        "dr-alerts-primary-down",
        "dr-alerts-replication-errors",
        "dr-alerts-standby-down",
      ]);
    });

    it("should route every Azure alert rule to the action group", async () => {
      const plan = await prod();
      const group = plan.one("azure-native:monitor:ActionGroup").urn;
      const rules = [
        ...plan.ofType("azure-native:monitor:MetricAlert"),
        ...plan.ofType("azure-native:monitor:ScheduledQueryRule"),
      ];
      assert.deepEqual(
        rules.filter((r) => !(r.propertyDependencies.actions ?? []).includes(group)).map((r) => r.name),
        [],
      );
    });
  });

  describe("cross-cloud DNS", () => {
    it("should forward postgres.database.azure.com from the VPC to the Azure resolver's inbound endpoint", async () => {
      const plan = await prod();
      const rule = plan
        .ofType("aws:route53/resolverRule:ResolverRule")
        .find((r) => r.inputs.domainName === "postgres.database.azure.com");
      assert.deepEqual(
        [rule?.inputs.ruleType, rule?.propertyDependencies.targetIps, rule?.propertyDependencies.resolverEndpointId],
        [
          "FORWARD",
          [plan.one("azure-native:dnsresolver:InboundEndpoint").urn],
          [plan.named("dr-dns-resolver-aws-outbound").urn],
        ],
      );
    });

    it("should associate the forwarding rule with the VPC", async () => {
      assert.equal((await prod()).ofType("aws:route53/resolverRuleAssociation:ResolverRuleAssociation").length, 1);
    });

    it("should forward the AWS region's RDS names from the VNet to the Route 53 inbound endpoint", async () => {
      const plan = await prod();
      const rule = plan.one("azure-native:dnsresolver:ForwardingRule");
      assert.deepEqual(
        [rule.inputs.domainName, rule.propertyDependencies.targetDnsServers],
        ["us-east-1.rds.amazonaws.com.", [plan.named("dr-dns-resolver-aws-inbound").urn]],
      );
    });

    it("should put each Route 53 Resolver endpoint in every app subnet (one per AZ)", async () => {
      const plan = await prod();
      assert.deepEqual(
        ["dr-dns-resolver-aws-outbound", "dr-dns-resolver-aws-inbound"].map(
          (n) => (plan.named(n).inputs.ipAddresses as unknown[]).length,
        ),
        [3, 3],
      );
    });

    it("should link the Azure forwarding ruleset to the standby VNet", async () => {
      const plan = await prod();
      assert.deepEqual(
        plan.one("azure-native:dnsresolver:PrivateResolverVirtualNetworkLink").propertyDependencies.virtualNetwork,
        [plan.one("azure-native:network:VirtualNetwork").urn],
      );
    });
  });

  describe("gate publisher", () => {
    it("should let only the jump host's identity assume the publisher role, by web identity", async () => {
      const plan = await prod();
      const trust = json<{ Statement: { Action: string; Condition: { StringEquals: Record<string, string> } }[] }>(
        plan.named("dr-gate-publisher-role").inputs.assumeRolePolicy,
      );
      const [st] = trust.Statement;
      assert.deepEqual(
        [
          st.Action,
          Object.keys(st.Condition.StringEquals)
            .map((k) => k.split(":").pop())
            .sort(),
        ],
        ["sts:AssumeRoleWithWebIdentity", ["aud", "sub"]],
      );
    });

    it("should allow only PutMetricData into Platform/DR in the gate region", async () => {
      const policy = json<{ Statement: { Action: string; Condition: { StringEquals: Record<string, string> } }[] }>(
        (await prod()).named("dr-gate-publisher-put-metric").inputs.policy,
      );
      assert.deepEqual(
        [policy.Statement[0].Action, policy.Statement[0].Condition.StringEquals],
        ["cloudwatch:PutMetricData", { "cloudwatch:namespace": "Platform/DR", "aws:RequestedRegion": "us-east-2" }],
      );
    });
  });

  describe("DR metrics publisher (dr-monitor)", () => {
    const fn = async () => (await prod()).named("dr-monitor-fn-function");
    const env = async () => ((await fn()).inputs.environment as { variables: Record<string, string> }).variables;
    const statements = async () =>
      json<{
        Statement: Array<{ Sid?: string; Effect: string; Action: string | string[]; Resource: string | string[] }>;
      }>((await prod()).named("dr-monitor-fn-policy").inputs.policy).Statement;
    const list = (v: string | string[]) => [v].flat();

    it("should deploy the monitor function in prod", async () => {
      assert.equal((await fn()).inputs.runtime, "nodejs22.x");
    });

    it("should not deploy the monitor in dev when DR is off", async () => {
      assert.equal((await dev()).has("platform:dr:ReplicationMonitor"), false);
    });

    it("should run the monitor every minute", async () => {
      assert.equal((await prod()).named("dr-monitor-schedule").inputs.scheduleExpression, "rate(1 minute)");
    });

    it("should target the monitor function from the schedule with an EventBridge-only invoke permission", async () => {
      const plan = await prod();
      const permission = plan.named("dr-monitor-invoke");
      assert.deepEqual(
        [permission.inputs.principal, permission.inputs.action],
        ["events.amazonaws.com", "lambda:InvokeFunction"],
      );
    });

    it("should place the monitor in the app subnets", async () => {
      const vpc = (await fn()).inputs.vpcConfig as { subnetIds: string[]; securityGroupIds: string[] };
      assert.deepEqual([vpc.subnetIds.length > 0, vpc.securityGroupIds.length], [true, 2]);
    });

    it("should allow the monitor PostgreSQL egress to the Azure VNet only", async () => {
      const egress = (await prod()).named("dr-monitor-to-standby");
      assert.deepEqual(
        [egress.inputs.cidrIpv4, egress.inputs.fromPort, egress.inputs.toPort],
        ["10.1.0.0/16", 5432, 5432],
      );
    });

    it("should let the monitor read only its own standby secret", async () => {
      const vars = await env();
      const reads = (await statements()).filter(
        (s) => s.Effect === "Allow" && list(s.Action).some((a) => a.startsWith("secretsmanager:")),
      );
      assert.deepEqual(
        reads.flatMap((s) => list(s.Resource)),
        [vars.STANDBY_SECRET_ARN],
      );
    });

    it("should not let the monitor read the Aurora master secret", async () => {
      const plan = await prod();
      const master = auroraState(plan).masterUserSecrets as { secretArn: string }[];
      const readable = (await statements())
        .filter((s) => s.Effect === "Allow" && list(s.Action).some((a) => a.startsWith("secretsmanager:")))
        .flatMap((s) => list(s.Resource));
      assert.equal(readable.includes(master[0]?.secretArn), false);
    });

    it("should let the monitor rds-db:connect to the cluster as dr_monitor only", async () => {
      const resourceId = auroraState(await prod()).clusterResourceId as string;
      const connects = (await statements()).filter(
        (s) => s.Effect === "Allow" && list(s.Action).includes("rds-db:connect"),
      );
      assert.deepEqual(
        connects.flatMap((s) => list(s.Resource)),
        [`arn:aws:rds-db:us-east-1:123456789012:dbuser:${resourceId}/${DR_MONITOR_DB_USER}`],
      );
    });

    it("should give the monitor only secretsmanager:GetSecretValue on the secrets", async () => {
      const reads = (await statements()).filter((s) => list(s.Action).some((a) => a.startsWith("secretsmanager:")));
      assert.deepEqual(
        reads.flatMap((s) => list(s.Action)),
        ["secretsmanager:GetSecretValue"],
      );
    });

    it("should configure the monitor for IAM authentication as dr_monitor and not with a secret", async () => {
      const vars = await env();
      assert.deepEqual([vars.PRIMARY_IAM_USER, vars.PRIMARY_SECRET_ARN], [DR_MONITOR_DB_USER, undefined]);
    });

    it("should reach the standby by its server FQDN", async () => {
      assert.match((await env()).STANDBY_HOST, /-dr-pg\.postgres\.database\.azure\.com$/);
    });

    it("should encrypt the standby monitoring credentials with the secrets key, like Aurora's master secret", async () => {
      const plan = await prod();
      assert.equal(
        plan.named("dr-monitor-standby-credentials").inputs.kmsKeyId,
        plan.one("aws:rds/cluster:Cluster").inputs.masterUserSecretKmsKeyId,
      );
    });
  });

  describe("recovery objectives", () => {
    it("should alarm on replication lag at the configured threshold", async () => {
      const alarm = (await prod()).named("dr-replication-lag-alarm");
      assert.deepEqual(
        [alarm.inputs.metricName, alarm.inputs.threshold, alarm.inputs.treatMissingData],
        ["ReplicationLagSeconds", 120, "breaching"],
      );
    });

    describe("two-minute schedule and alarm period (platform:dr.gate at 120 s)", () => {
      /** prod with the monitor schedule and the DR alarm period at 120 s, the budget kept within 15/5. */
      const slower = () =>
        runStack("prod", {
          configOverrides: {
            "platform:dr": {
              ...(readStackConfig("prod")["platform:dr"] as object),
              decisionMinutes: 1,
              replicationLagAlarmSeconds: 50,
              gate: { monitorScheduleSeconds: 120, alarmPeriodSeconds: 120 },
            },
          },
        });

      it("should schedule the DR monitor every two minutes", async () => {
        assert.equal((await slower()).named("dr-monitor-schedule").inputs.scheduleExpression, "rate(2 minutes)");
      });

      it("should give every DR alarm the 120 s period", async () => {
        const plan = await slower();
        const periods = [
          "dr-replication-lag-alarm",
          "dr-dns-standby-not-promoted",
          "dr-dns-standby-promoted",
          "dr-dns-primary-unhealthy",
          "dr-dns-standby-unhealthy",
        ].map((name) => [name, plan.named(name).inputs.period]);
        assert.deepEqual(periods, [
          ["dr-replication-lag-alarm", 120],
          ["dr-dns-standby-not-promoted", 120],
          ["dr-dns-standby-promoted", 120],
          ["dr-dns-primary-unhealthy", 120],
          ["dr-dns-standby-unhealthy", 120],
        ]);
      });

      it("should tag the primary health check with the 120 s the recovery model reads", async () => {
        const tags = (await slower()).named("dr-dns-primary-check").inputs.tags as Record<string, string>;
        assert.deepEqual([tags.DrGateScheduleSeconds, tags.DrGateAlarmPeriodSeconds], ["120", "120"]);
      });

      it("should export the 120 s schedule and period in drRecoveryObjectives", async () => {
        const exported = (await slower()).outputs.drRecoveryObjectives as { gate: Record<string, number> };
        assert.deepEqual([exported.gate.monitorScheduleSeconds, exported.gate.alarmPeriodSeconds], [120, 120]);
      });
    });

    it("should stop the program naming rtoMinutes when the TTL cannot fit the RTO", async () => {
      const overrides = {
        "platform:dr": {
          enabled: true,
          dns: {
            zoneName: "fx.example.com",
            recordName: "api",
            ttlSeconds: 900,
            healthCheckIntervalSeconds: 30,
            failureThreshold: 3,
          },
        },
      };
      await assert.rejects(
        runStack("prod", { configOverrides: overrides }),
        /platform:dr\.rtoMinutes: the worst-case failover takes 1770 s, over the RTO of 900 s/,
      );
    });
  });
});

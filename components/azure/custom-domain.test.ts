import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../testing/harness";
import { standbyCustomDomainArgsProblems, StandbyCustomDomain, type StandbyCustomDomainArgs } from "./custom-domain";
import { TAGS } from "./fixture";

/** The Route 53 asuid record, as FailoverDns creates it. */
const verification = () => new aws.route53.Record("asuid", { zoneId: "Z123", name: "asuid.api.fx.example.com", type: "TXT", ttl: 300, records: ["ABC"] });

const args = (overrides: Partial<StandbyCustomDomainArgs> = {}): StandbyCustomDomainArgs => ({
  resourceGroupName: "rg", location: "eastus2", tags: TAGS, appName: "fx-dr-app", hostName: "api.fx.example.com",
  domainVerification: overrides.domainVerification ?? verification(), vaultId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/fx-dr-kv", ...overrides,
});

describe("standbyCustomDomainArgsProblems", () => {
  // The pure check never looks at the verification resource.
  const pure = (overrides: Partial<StandbyCustomDomainArgs>) => standbyCustomDomainArgsProblems({ ...args({ domainVerification: {} as pulumi.Resource }), ...overrides });

  it("should find no problem when the args are valid", async () => {
    assert.deepEqual(pure({}), []);
  });

  it("should refuse the zone apex as host name (the failover records are CNAMEs)", async () => {
    assert.deepEqual(pure({ hostName: "example.com" }), ['hostName: expected a subdomain like api.fx.example.com; got "example.com"']);
  });

  it("should refuse a certificate name Key Vault cannot hold", async () => {
    assert.deepEqual(pure({ certificateName: "api_tls" }), ['certificateName: Key Vault object names are 1 to 127 of A-Z, a-z, 0-9 and -; got "api_tls"']);
  });
});

describe("StandbyCustomDomain", () => {
  it("should stop the program naming the bad field", async () => {
    await assert.rejects(runProgram(() => new StandbyCustomDomain("domain", args({ hostName: "API" }))), /platform:azure:StandbyCustomDomain "domain" has 1 invalid argument/);
  });

  it("should bind after the verification record given", async () => {
    const plan = await runProgram(() => new StandbyCustomDomain("domain", args()));
    assert.ok(plan.named("domain-binding").dependencies.includes(plan.named("asuid").urn));
  });

  it("should read the certificate named by certificateName from the vault", async () => {
    const plan = await runProgram(() => new StandbyCustomDomain("domain", args({ certificateName: "fx-api-2026" })));
    assert.equal(plan.named("domain-certificate").inputs.keyVaultSecretName, "fx-api-2026");
  });

  it("should tag the certificate", async () => {
    const plan = await runProgram(() => new StandbyCustomDomain("domain", args()));
    assert.deepEqual(plan.named("domain-certificate").inputs.tags, TAGS);
  });
});

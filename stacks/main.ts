/**
 * The stack program: read and validate config once, create the providers, then compose the
 * platform. `stacks/index.ts` runs it under the Pulumi CLI; the offline engine runs it for
 * `npm run plan` and the tests.
 */
import * as aws from "@pulumi/aws";
import { ConfigError, readPlatformConfig, type PlatformConfig } from "./config";
import { placeholderAccountProblems } from "./config/account";
import type { StackContext } from "./compose/contracts";
import { composeCore } from "./compose/core";
import { composeServices } from "./compose/services";
import { composeCompliance } from "./compose/compliance";
import { composeDr } from "./compose/dr";
import { composeCost } from "./compose/cost";
import { guardAccountSingletons } from "./compose/account";
import { composeAlerts } from "./compose/alerts";
import { composeBackup } from "./compose/backup";
import { composeLogArchive, recordLogGroups } from "./compose/log-archive";

export interface MainOptions {
  /**
   * `real` (the Pulumi CLI, stacks/index.ts): the stack file's account ids must not be the
   * repository's placeholders. `placeholder-allowed` (default; the offline engine and tests):
   * no credentials are used, so the placeholders plan like any id.
   */
  readonly accounts?: "real" | "placeholder-allowed";
}

export async function main(options: MainOptions = {}): Promise<Record<string, unknown>> {
  const config = readPlatformConfig();
  if (options.accounts === "real") {
    const problems = placeholderAccountProblems(config.allowedAccountIds, config.stack);
    if (problems.length > 0) throw new ConfigError(config.stack, problems);
  }
  // Before any resource: every one registered from here on is checked against the account model.
  guardAccountSingletons(config.account.baseline);
  // Every log group registered from here on is subscribed to the log archive at the end.
  const logGroups = recordLogGroups();
  const ctx = await createContext(config);
  const core = composeCore(ctx);
  const alerts = composeAlerts(ctx, core);
  const services = composeServices(ctx, core, alerts.routes);
  const compliance = composeCompliance(ctx, core, alerts.routes);
  const dr = composeDr(ctx, core, services);
  const cost = composeCost(ctx, alerts.routes);
  const backup = composeBackup(ctx, core);
  const logArchive = composeLogArchive(ctx, core, logGroups);
  return {
    environment: config.environment,
    ...core.exports,
    ...services.exports,
    ...compliance.exports,
    ...dr.exports,
    ...cost.exports,
    ...alerts.exports,
    ...backup.exports,
    ...logArchive.exports,
  };
}

async function createContext(config: PlatformConfig): Promise<StackContext> {
  // Tags are applied once, by the provider; components add only resource-specific tags (Name).
  // An explicit provider reads no `aws:` stack config: the account pin is passed on here, so
  // credentials for another account fail at the provider's configure, before any change.
  const awsProvider = new aws.Provider("aws-primary", {
    region: config.awsRegion as aws.Region,
    allowedAccountIds: [...config.allowedAccountIds],
    defaultTags: { tags: { ...config.tags } },
  });
  let azureProvider: StackContext["azure"];
  let gateProvider: StackContext["awsGate"];
  if (config.dr.enabled) {
    // The DR failover gate's region: everything that opens the SECONDARY record lives outside
    // the primary region it protects against (docs/components/dr.md, "Failover gate").
    gateProvider = new aws.Provider("aws-dr-gate", {
      region: config.dr.gateRegion as aws.Region,
      defaultTags: { tags: { ...config.tags } },
    });
    // Loaded only when DR is on: the azure-native SDK is large and dev plans don't need it.
    const { Provider } = await import("@pulumi/azure-native/provider");
    azureProvider = new Provider("azure-dr", { location: config.dr.location });
  }
  return {
    config,
    aws: awsProvider,
    azure: azureProvider,
    awsGate: gateProvider,
    retain: config.protection === "retain",
  };
}

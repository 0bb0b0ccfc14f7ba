/** Core AWS platform: network, keys, database, tables and buckets (issue #3). */
import * as pulumi from "@pulumi/pulumi";
import type { CoreOutputs, KeyDomain, StackContext } from "./contracts";

export interface ComposedCore extends CoreOutputs {
  /** Stack outputs this part contributes. */
  readonly exports: Record<string, unknown>;
}

// Placeholder until the core components land: empty outputs, no resources.
export function composeCore(ctx: StackContext): ComposedCore {
  const empty = pulumi.output("");
  const list = pulumi.output<string[]>([]);
  const key = { arn: empty, keyId: empty };
  const domains: KeyDomain[] = ["database", "storage", "dynamodb", "lambda", "logs", "messaging", "secrets", "backup"];
  const table = { name: empty, arn: empty };
  const bucket = { bucket: empty, arn: empty };
  return {
    accountId: empty,
    network: { vpcId: empty, cidr: ctx.config.network.cidr, publicSubnetIds: list, appSubnetIds: list, dataSubnetIds: list, appSecurityGroupId: empty, dataSecurityGroupId: empty },
    keys: Object.fromEntries(domains.map((d) => [d, key])) as CoreOutputs["keys"],
    database: { clusterArn: empty, clusterIdentifier: empty, clusterResourceId: empty, endpoint: empty, readerEndpoint: empty, port: 5432, databaseName: "fx", masterSecretArn: empty },
    tables: { sessions: table, apiKeys: table, auditEvents: table, idempotency: table },
    buckets: { ingestion: bucket, analytics: bucket, archive: bucket, audit: bucket, accessLogs: bucket },
    exports: {},
  };
}

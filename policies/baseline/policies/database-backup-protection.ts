import { judgeEach } from "../../lib/judge";
import {
  asObject,
  asString,
  at,
  baseType,
  dependsThrough,
  isAwsResource,
  providerDefaultTags,
  readConfig,
} from "../../lib/props";
import { stackPolicy, type PolicyConfigSchema, type PolicyResource } from "../../lib/types";

const CLUSTER = "aws:rds/cluster:Cluster";
const INSTANCE = "aws:rds/instance:Instance";
const TABLE = "aws:dynamodb/table:Table";
const PG = "azure-native:dbforpostgresql:Server";
const LOCKS = [
  "azure-native:authorization:ManagementLockAtResourceLevel",
  "azure-native:authorization:ManagementLockByScope",
  "azure-native:authorization:ManagementLockAtResourceGroupLevel",
];

interface Config {
  readonly productionEnvironments: readonly string[];
  readonly minimumBackupRetentionDays: number;
}

const schema: PolicyConfigSchema = {
  properties: {
    productionEnvironments: {
      type: "array",
      items: { type: "string", minLength: 1 },
      default: ["prod"],
      description:
        "Environment tag values that mark production resources (the tag, or the AWS provider's defaultTags).",
    },
    minimumBackupRetentionDays: {
      type: "integer",
      minimum: 1,
      maximum: 35,
      default: 7,
      description: "Fewest days of automated backups a production database keeps.",
    },
  },
};

function environmentOf(r: PolicyResource): string | undefined {
  const own = asObject(r.props["tags"])?.["Environment"];
  const inherited = isAwsResource(r.type) ? providerDefaultTags(r.provider?.props)["Environment"] : undefined;
  return asString(own ?? inherited);
}

export const databaseBackupProtection = stackPolicy({
  name: "database-backup-protection",
  description:
    "Production databases keep automated backups for at least 7 days and cannot be deleted by " +
    "accident: Aurora/RDS deletion protection, DynamoDB deletion protection, a CanNotDelete " +
    "lock on Azure PostgreSQL.",
  enforcementLevel: "mandatory",
  pci: ["12.10.1", "9.4.1", "3.2.1"],
  resourceTypes: [CLUSTER, INSTANCE, TABLE, PG, ...LOCKS],
  fix:
    "Set backupRetentionPeriod (Azure: backup.backupRetentionDays) >= 7 and " +
    "deletionProtection: true (DynamoDB: deletionProtectionEnabled); give an Azure server a " +
    "CanNotDelete management lock.",
  covers: {
    checkov: ["CKV_AWS_133", "CKV_AWS_139", "CKV_AWS_293"],
    cdkNag: ["AwsSolutions-RDS10", "AwsSolutions-RDS13"],
  },
  configSchema: schema,
  validateStack: (args, report) => {
    const { productionEnvironments, minimumBackupRetentionDays: min } = readConfig<Config>(args, schema);
    const prod = args.resources.filter(
      (r) =>
        [CLUSTER, INSTANCE, TABLE, PG].includes(baseType(r.type)) &&
        productionEnvironments.includes(environmentOf(r) ?? ""),
    );
    const locks = args.resources.filter(
      (r) => LOCKS.includes(baseType(r.type)) && asString(r.props["level"]) === "CanNotDelete",
    );
    judgeEach(prod, report, (db) => {
      const type = baseType(db.type);
      if (type === CLUSTER || type === INSTANCE) {
        if (
          type === INSTANCE &&
          (asString(db.props["replicateSourceDb"]) || asString(db.props["engine"])?.startsWith("aurora"))
        )
          return;
        const days = db.props["backupRetentionPeriod"];
        if (typeof days !== "number" || days < min)
          report(
            `${db.name} keeps ${typeof days === "number" ? days : "the default 1"} day(s) of backups: set backupRetentionPeriod to at least ${min}.`,
            db.urn,
          );
        if (db.props["deletionProtection"] !== true)
          report(`${db.name} can be deleted: set deletionProtection to true.`, db.urn);
      } else if (type === TABLE) {
        if (db.props["deletionProtectionEnabled"] !== true)
          report(`${db.name} can be deleted: set deletionProtectionEnabled to true.`, db.urn);
      } else {
        if (asString(db.props["createMode"])?.toLowerCase() === "replica") return;
        const days = at(db.props, "backup.backupRetentionDays");
        if (typeof days !== "number" || days < min)
          report(
            `${db.name} keeps ${typeof days === "number" ? days : "the default 7"} day(s) of backups: set backup.backupRetentionDays to at least ${min}.`,
            db.urn,
          );
        const groups = dependsThrough(db, "resourceGroupName");
        const on = (l: PolicyResource, prop: string, urns: ReadonlySet<string>) =>
          [...dependsThrough(l, prop)].some((u) => urns.has(u));
        const self = new Set([db.urn]);
        const locked = locks.some((l) =>
          baseType(l.type) === "azure-native:authorization:ManagementLockAtResourceGroupLevel"
            ? on(l, "resourceGroupName", groups)
            : on(l, "scope", self) || on(l, "scope", groups) || on(l, "resourceName", self),
        );
        if (!locked)
          report(
            `${db.name} can be deleted with its resource group: add an authorization.ManagementLockByScope (level CanNotDelete) on it or its resource group.`,
            db.urn,
          );
      }
    });
  },
});

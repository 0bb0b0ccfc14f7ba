import { describeCases } from "../testing/cases";
import { CMK, resource, urnOf } from "../testing/fixtures";

const CLUSTER = "aws:rds/cluster:Cluster";
const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const forceSsl = (value: string) =>
  resource(GROUP, "pg", {
    name: "ledger-pg",
    family: "aurora-postgresql17",
    parameters: [{ name: "rds.force_ssl", value }],
  });
const cluster = (inputs: Record<string, unknown>, linkByDependency = true) =>
  resource(
    CLUSTER,
    "ledger",
    { engine: "aurora-postgresql", storageEncrypted: true, kmsKeyId: CMK, ...inputs },
    linkByDependency ? { propertyDependencies: { dbClusterParameterGroupName: [urnOf(GROUP, "pg")] } } : {},
  );

describeCases("rds-storage-encryption-cmk", [
  { should: "pass a cluster encrypted with a CMK", resources: [cluster({})], violation: null },
  {
    should: "report a cluster without storage encryption",
    resources: [cluster({ storageEncrypted: false })],
    violation: /storageEncrypted to true/,
  },
  {
    should: "report a cluster encrypted with the AWS-managed key",
    resources: [cluster({ kmsKeyId: undefined })],
    violation: /kmsKeyId to a CMK ARN/,
  },
  {
    should: "report an unencrypted RDS instance",
    resources: [resource("aws:rds/instance:Instance", "db", { engine: "postgres" })],
    violation: /storageEncrypted/,
  },
  {
    should: "pass an encrypted global cluster (members carry the key)",
    resources: [resource("aws:rds/globalCluster:GlobalCluster", "g", { storageEncrypted: true })],
    violation: null,
  },
]);

describeCases("rds-performance-insights-cmk", [
  {
    should: "pass Performance Insights with a CMK",
    resources: [
      resource(INSTANCE, "w", {
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: CMK,
        publiclyAccessible: false,
      }),
    ],
    violation: null,
  },
  {
    should: "pass an instance with Performance Insights off",
    resources: [resource(INSTANCE, "w", { publiclyAccessible: false })],
    violation: null,
  },
  {
    should: "report Performance Insights on the AWS-managed key",
    resources: [resource(INSTANCE, "w", { performanceInsightsEnabled: true })],
    violation: /performanceInsightsKmsKeyId/,
  },
  {
    should: "report cluster-level Performance Insights without a CMK",
    resources: [cluster({ performanceInsightsEnabled: true })],
    violation: /performanceInsightsKmsKeyId/,
  },
]);

describeCases("rds-no-public-access", [
  {
    should: "pass an instance explicitly not publicly accessible",
    resources: [resource(INSTANCE, "w", { publiclyAccessible: false })],
    violation: null,
  },
  {
    should: "report a publicly accessible instance",
    resources: [resource(INSTANCE, "w", { publiclyAccessible: true })],
    violation: /publiclyAccessible to false/,
  },
  {
    should: "report an instance that leaves publiclyAccessible to the subnet-group default",
    resources: [resource("aws:rds/instance:Instance", "db", {})],
    violation: /publiclyAccessible/,
  },
]);

describeCases("rds-force-ssl", [
  {
    should: "pass a cluster whose parameter group (linked by dependency) sets rds.force_ssl = 1",
    resources: [forceSsl("1"), cluster({ dbClusterParameterGroupName: "ledger-pg" })],
    violation: null,
  },
  {
    should: "pass a cluster linked to its parameter group by name only",
    resources: [forceSsl("1"), cluster({ dbClusterParameterGroupName: "ledger-pg" }, false)],
    violation: null,
  },
  {
    should: "report a parameter group with rds.force_ssl = 0",
    resources: [forceSsl("0"), cluster({ dbClusterParameterGroupName: "ledger-pg" })],
    violation: /add rds.force_ssl = 1 to the parameters of pg/,
  },
  {
    should: "report a cluster on a parameter group the stack does not define",
    resources: [cluster({ dbClusterParameterGroupName: "default.aurora-postgresql17" }, false)],
    violation: /does not define/,
  },
  {
    should: "report a MySQL instance without require_secure_transport",
    resources: [
      resource("aws:rds/parameterGroup:ParameterGroup", "mpg", { name: "m", parameters: [] }),
      resource("aws:rds/instance:Instance", "m", { engine: "mysql", parameterGroupName: "m" }),
    ],
    violation: /require_secure_transport = 1/,
  },
]);

import assert from "node:assert/strict";
import { runProgram, valueOf, type RecordedPlan } from "../testing/harness";
import { ArgsError } from "../common";
import type { AuroraArgs } from "./args";
import { AuroraCluster } from "./aurora";

const DB_KEY = "arn:aws:kms:us-east-1:123456789012:key/db";
const SECRETS_KEY = "arn:aws:kms:us-east-1:123456789012:key/secrets";
const LOGS_KEY = "arn:aws:kms:us-east-1:123456789012:key/logs";
const args: AuroraArgs = {
  clusterIdentifier: "platform-test",
  engineVersion: "17.4",
  minCapacity: 2,
  maxCapacity: 64,
  readerInstances: 1,
  availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
  subnetIds: ["subnet-data-a", "subnet-data-b"],
  securityGroupIds: ["sg-data"],
  kmsKeyArn: DB_KEY,
  secretsKmsKeyArn: SECRETS_KEY,
  logsKmsKeyArn: LOGS_KEY,
};
const dev: AuroraArgs = {
  ...args,
  minCapacity: 0,
  maxCapacity: 4,
  autoPauseSeconds: 900,
  readerInstances: 0,
  protection: "disposable",
};

const runs = new Map<string, Promise<RecordedPlan>>();
const run = (a: AuroraArgs = args) => {
  const key = JSON.stringify(a);
  if (!runs.has(key))
    runs.set(
      key,
      runProgram(() => new AuroraCluster("db", a)),
    );
  return runs.get(key)!;
};
const cluster = async (a?: AuroraArgs) => (await run(a)).named("db-cluster").inputs;
const params = async () =>
  (await run()).named("db-params").inputs.parameters as { name: string; value: string; applyMethod: string }[];

describe("AuroraCluster", () => {
  it("should run aurora-postgresql at the given version", async () => {
    const c = await cluster();
    assert.deepEqual([c.engine, c.engineMode, c.engineVersion], ["aurora-postgresql", "provisioned", "17.4"]);
  });

  it("should encrypt storage with the database key", async () => {
    const c = await cluster();
    assert.deepEqual([c.storageEncrypted, c.kmsKeyId], [true, DB_KEY]);
  });

  it("should enable IAM database authentication", async () => {
    assert.equal((await cluster()).iamDatabaseAuthenticationEnabled, true);
  });

  it("should let RDS manage the master password under the secrets key", async () => {
    const c = await cluster();
    assert.deepEqual(
      [c.manageMasterUserPassword, c.masterUserSecretKmsKeyId, c.masterPassword],
      [true, SECRETS_KEY, undefined],
    );
  });

  it("should scale within the given ACU range without auto-pause when minCapacity is above 0", async () => {
    assert.deepEqual((await cluster()).serverlessv2ScalingConfiguration, { minCapacity: 2, maxCapacity: 64 });
  });

  it("should scale to zero with auto-pause when minCapacity is 0", async () => {
    assert.deepEqual((await cluster(dev)).serverlessv2ScalingConfiguration, {
      minCapacity: 0,
      maxCapacity: 4,
      secondsUntilAutoPause: 900,
    });
  });

  it("should use a parameter group of the engine's family", async () => {
    assert.equal((await run()).named("db-params").inputs.family, "aurora-postgresql17");
  });

  it("should force TLS in the parameter group", async () => {
    assert.equal((await params()).find((p) => p.name === "rds.force_ssl")?.value, "1");
  });

  it("should require TLS 1.2 or newer in the parameter group", async () => {
    assert.equal((await params()).find((p) => p.name === "ssl_min_protocol_version")?.value, "TLSv1.2");
  });

  it("should enable logical replication on reboot for the DR subscriber when logicalReplication is enabled", async () => {
    const parameters = (await run({ ...args, logicalReplication: "enabled" })).named("db-params").inputs.parameters as {
      name: string;
    }[];
    assert.deepEqual(
      parameters.find((p) => p.name === "rds.logical_replication"),
      { name: "rds.logical_replication", value: "1", applyMethod: "pending-reboot" },
    );
  });

  it("should leave logical replication off by default so Serverless v2 can pause", async () => {
    assert.equal(
      (await params()).some((p) => p.name === "rds.logical_replication"),
      false,
    );
  });

  it("should ignore engineVersion drift on the cluster so automatic minor upgrades never plan a downgrade", async () => {
    assert.deepEqual((await run()).named("db-cluster").options.ignoreChanges, ["engineVersion"]);
  });

  it("should let instances run the cluster's version with automatic minor upgrades", async () => {
    const writer = (await run()).named("db-writer").inputs;
    assert.deepEqual([writer.engineVersion, writer.autoMinorVersionUpgrade], [undefined, true]);
  });

  it("should preload pg_cron for the DR heartbeat job, keeping pg_stat_statements, on reboot", async () => {
    const parameters = (await run({ ...args, logicalReplication: "enabled" })).named("db-params").inputs.parameters as {
      name: string;
    }[];
    assert.deepEqual(
      parameters.find((p) => p.name === "shared_preload_libraries"),
      { name: "shared_preload_libraries", value: "pg_stat_statements,pg_cron", applyMethod: "pending-reboot" },
    );
  });

  it("should leave pg_cron out when logicalReplication is disabled (no DR heartbeat to write)", async () => {
    const plan = await run({ ...args, logicalReplication: "disabled" });
    assert.equal(
      (plan.named("db-params").inputs.parameters as { name: string }[]).some(
        (p) => p.name === "shared_preload_libraries",
      ),
      false,
    );
  });

  it("should leave logical replication off when logicalReplication is disabled", async () => {
    const plan = await run({ ...args, logicalReplication: "disabled" });
    assert.equal(
      (plan.named("db-params").inputs.parameters as { name: string }[]).some(
        (p) => p.name === "rds.logical_replication",
      ),
      false,
    );
  });

  it("should export PostgreSQL logs to CloudWatch", async () => {
    assert.deepEqual((await cluster()).enabledCloudwatchLogsExports, ["postgresql"]);
  });

  it("should pre-create the PostgreSQL log group with the logs key before the cluster", async () => {
    const plan = await run();
    const group = plan.named("db-postgresql-logs");
    assert.deepEqual(
      [group.inputs.name, group.inputs.kmsKeyId, plan.named("db-cluster").dependencies.includes(group.urn)],
      ["/aws/rds/cluster/platform-test/postgresql", LOGS_KEY, true],
    );
  });

  it("should keep backups for the given days in the given windows", async () => {
    const c = await cluster({ ...args, backupRetentionDays: 35 });
    assert.deepEqual(
      [c.backupRetentionPeriod, c.preferredBackupWindow, c.preferredMaintenanceWindow],
      [35, "03:00-04:00", "sun:04:30-sun:05:30"],
    );
  });

  it("should copy tags to snapshots", async () => {
    assert.equal((await cluster()).copyTagsToSnapshot, true);
  });

  it("should place the subnet group on the given data subnets only", async () => {
    assert.deepEqual((await run()).named("db-subnets").inputs.subnetIds, ["subnet-data-a", "subnet-data-b"]);
  });

  it("should attach the given security groups", async () => {
    assert.deepEqual((await cluster()).vpcSecurityGroupIds, ["sg-data"]);
  });

  it("should create a writer and the given readers on db.serverless, never public", async () => {
    const instances = (await run()).ofType("aws:rds/clusterInstance:ClusterInstance");
    assert.deepEqual(
      instances.map((i) => [i.name, i.inputs.instanceClass, i.inputs.publiclyAccessible]),
      [
        ["db-writer", "db.serverless", false],
        ["db-reader-1", "db.serverless", false],
      ],
    );
  });

  it("should put the reader in another AZ than the writer", async () => {
    const plan = await run();
    assert.deepEqual(
      [plan.named("db-writer").inputs.availabilityZone, plan.named("db-reader-1").inputs.availabilityZone],
      ["us-east-1a", "us-east-1b"],
    );
  });

  it("should create only a writer when readerInstances is 0", async () => {
    assert.equal((await run(dev)).ofType("aws:rds/clusterInstance:ClusterInstance").length, 1);
  });

  it("should encrypt Performance Insights with the database key on every instance", async () => {
    const instances = (await run()).ofType("aws:rds/clusterInstance:ClusterInstance");
    assert.ok(
      instances.every(
        (i) => i.inputs.performanceInsightsEnabled === true && i.inputs.performanceInsightsKmsKeyId === DB_KEY,
      ),
    );
  });

  it("should enable deletion protection, a final snapshot and protect when protection is left at its default", async () => {
    const plan = await run();
    const c = plan.named("db-cluster");
    assert.deepEqual(
      [c.inputs.deletionProtection, c.inputs.skipFinalSnapshot, c.inputs.finalSnapshotIdentifier, c.protect],
      [true, false, "platform-test-final", true],
    );
  });

  it("should skip the final snapshot and deletion protection when protection is disposable", async () => {
    const c = (await run(dev)).named("db-cluster");
    assert.deepEqual([c.inputs.deletionProtection, c.inputs.skipFinalSnapshot, c.protect], [false, true, false]);
  });

  it("should expose the RDS-managed master secret ARN", async () => {
    let component: AuroraCluster | undefined;
    await runProgram(() => (component = new AuroraCluster("db", args)));
    assert.match(
      await valueOf(component!.masterSecretArn),
      /^arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!cluster-/,
    );
  });

  it("should create one reader when readerInstances is unset", async () => {
    const { readerInstances: _unset, ...rest } = args;
    const plan = await run(rest);
    assert.equal(plan.ofType("aws:rds/clusterInstance:ClusterInstance").length, 2);
  });

  it("should scale readers on rds:cluster:ReadReplicaCount between min and max when readerAutoScaling is set", async () => {
    const plan = await run({ ...args, readerAutoScaling: { minReaders: 1, maxReaders: 5 } });
    const t = plan.named("db-readers").inputs;
    assert.deepEqual(
      [t.serviceNamespace, t.scalableDimension, t.resourceId, t.minCapacity, t.maxCapacity],
      ["rds", "rds:cluster:ReadReplicaCount", "cluster:platform-test", 1, 5],
    );
  });

  it("should track the readers' average CPU at 70 percent when targetCpuPercent is unset", async () => {
    const plan = await run({ ...args, readerAutoScaling: { minReaders: 1, maxReaders: 5 } });
    const c = plan.named("db-readers-cpu").inputs.targetTrackingScalingPolicyConfiguration as {
      predefinedMetricSpecification: { predefinedMetricType: string };
      targetValue: number;
    };
    assert.deepEqual(
      [c.predefinedMetricSpecification.predefinedMetricType, c.targetValue],
      ["RDSReaderAverageCPUUtilization", 70],
    );
  });

  it("should register the scalable target after the writer and readers exist", async () => {
    const plan = await run({ ...args, readerAutoScaling: { minReaders: 1, maxReaders: 5 } });
    const writer = plan.named("db-writer").urn;
    assert.ok(plan.named("db-readers").dependencies?.includes(writer));
  });

  it("should not auto scale readers when readerAutoScaling is unset", async () => {
    assert.equal((await run()).has("aws:appautoscaling/target:Target"), false);
  });

  it("should throw an ArgsError when args are invalid", async () => {
    assert.throws(() => new AuroraCluster("db", { ...args, engineVersion: "15.4" }), ArgsError);
  });
});

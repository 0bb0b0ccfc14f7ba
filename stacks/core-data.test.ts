/**
 * Stack-level properties of the core data tier (issue #3): Aurora, DynamoDB and S3 on the real
 * dev and prod programs (tags, keys and network: core.test.ts).
 */
import assert from "node:assert/strict";
import type { Output } from "@pulumi/pulumi";
import { json, runStack, valueOf, type RecordedPlan } from "./offline/harness";
import type { PlanResource } from "../platform-rules/plan-format";
import type { BucketPolicyDocument } from "../components/buckets";

const dev = () => runStack("dev");
const prod = () => runStack("prod");
const CORE_COMPONENTS = [
  "keys",
  "network",
  "database",
  "tables",
  "access-logs",
  "ingestion",
  "analytics",
  "archival",
  "audit",
];
const dependsOn = (r: PlanResource, input: string, on: PlanResource) =>
  (r.propertyDependencies[input] ?? []).includes(on.urn);

describe("core stack: database", () => {
  const logical = (plan: RecordedPlan) =>
    (plan.named("database-params").inputs.parameters as { name: string }[]).some(
      (p) => p.name === "rds.logical_replication",
    );

  it("should leave logical replication off in dev, so its min-0 writer can pause", async () => {
    assert.equal(logical(await dev()), false);
  });

  it("should turn logical replication on in prod, for the DR subscription", async () => {
    assert.equal(logical(await prod()), true);
  });

  const cluster = async (plan: Promise<RecordedPlan>) => (await plan).named("database-cluster");

  it("should run Aurora PostgreSQL 16 or 17", async () => {
    const c = (await cluster(prod())).inputs;
    assert.deepEqual([c.engine, /^1[67]\./.test(String(c.engineVersion))], ["aurora-postgresql", true]);
  });

  it("should encrypt the cluster with the database key", async () => {
    const plan = await prod();
    assert.deepEqual(
      [
        plan.named("database-cluster").inputs.storageEncrypted,
        dependsOn(plan.named("database-cluster"), "kmsKeyId", plan.named("keys-database")),
      ],
      [true, true],
    );
  });

  it("should keep the master password in an RDS-managed secret under the secrets key", async () => {
    const plan = await prod();
    const c = plan.named("database-cluster");
    assert.deepEqual(
      [c.inputs.manageMasterUserPassword, dependsOn(c, "masterUserSecretKmsKeyId", plan.named("keys-secrets"))],
      [true, true],
    );
  });

  it("should enable IAM database authentication", async () => {
    assert.equal((await cluster(prod())).inputs.iamDatabaseAuthenticationEnabled, true);
  });

  it("should force TLS and enable logical replication in the cluster parameter group", async () => {
    const params = (await prod()).named("database-params").inputs.parameters as { name: string; value: string }[];
    assert.deepEqual(
      ["rds.force_ssl", "rds.logical_replication"].map((n) => params.find((p) => p.name === n)?.value),
      ["1", "1"],
    );
  });

  it("should leave logical replication off in dev so the cluster can scale to zero", async () => {
    const params = (await dev()).named("database-params").inputs.parameters as { name: string }[];
    assert.equal(
      params.some((p) => p.name === "rds.logical_replication"),
      false,
    );
  });

  it("should ignore engineVersion drift on both stacks' clusters (automatic minor upgrades)", async () => {
    assert.deepEqual(
      [(await cluster(prod())).options.ignoreChanges, (await cluster(dev())).options.ignoreChanges],
      [["engineVersion"], ["engineVersion"]],
    );
  });

  it("should put the DB subnet group on the data subnets only", async () => {
    const subnets = (await prod()).named("database-subnets").inputs.subnetIds as string[];
    assert.ok(subnets.length === 3 && subnets.every((s) => s.startsWith("subnet-data-")));
  });

  it("should never make an instance publicly accessible", async () => {
    assert.ok(
      (await prod())
        .ofType("aws:rds/clusterInstance:ClusterInstance")
        .every((i) => i.inputs.publiclyAccessible === false),
    );
  });

  it("should encrypt Performance Insights with the database key on every instance", async () => {
    const plan = await prod();
    assert.ok(
      plan
        .ofType("aws:rds/clusterInstance:ClusterInstance")
        .every((i) => dependsOn(i, "performanceInsightsKmsKeyId", plan.named("keys-database"))),
    );
  });

  it("should run a reader in prod and none in dev", async () => {
    const readers = (plan: RecordedPlan) =>
      plan.ofType("aws:rds/clusterInstance:ClusterInstance").filter((i) => i.name.includes("reader")).length;
    assert.deepEqual([readers(await prod()), readers(await dev())], [1, 0]);
  });

  it("should place the prod reader in another AZ than the writer", async () => {
    const plan = await prod();
    assert.notEqual(
      plan.named("database-reader-1").inputs.availabilityZone,
      plan.named("database-writer").inputs.availabilityZone,
    );
  });

  it("should scale 2-64 ACUs in prod and 0-4 with auto-pause in dev", async () => {
    assert.deepEqual(
      [
        (await cluster(prod())).inputs.serverlessv2ScalingConfiguration,
        (await cluster(dev())).inputs.serverlessv2ScalingConfiguration,
      ],
      [
        { minCapacity: 2, maxCapacity: 64 },
        { minCapacity: 0, maxCapacity: 4, secondsUntilAutoPause: 900 },
      ],
    );
  });

  it("should keep backups 35 days in prod and 1 in dev", async () => {
    assert.deepEqual(
      [(await cluster(prod())).inputs.backupRetentionPeriod, (await cluster(dev())).inputs.backupRetentionPeriod],
      [35, 1],
    );
  });

  it("should protect the prod cluster with deletion protection, a final snapshot and protect", async () => {
    const c = await cluster(prod());
    assert.deepEqual([c.inputs.deletionProtection, c.inputs.skipFinalSnapshot, c.protect], [true, false, true]);
  });

  it("should keep the dev cluster disposable (no deletion protection, no final snapshot, no protect)", async () => {
    const c = await cluster(dev());
    assert.deepEqual([c.inputs.deletionProtection, c.inputs.skipFinalSnapshot, c.protect], [false, true, false]);
  });

  it("should export the master secret ARN", async () => {
    assert.match(
      await valueOf((await prod()).outputs.databaseMasterSecretArn as Output<string>),
      /^arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!cluster-/,
    );
  });
});

describe("core stack: tables", () => {
  const tables = async (plan: Promise<RecordedPlan>) =>
    (await plan).ofType("aws:dynamodb/table:Table").filter((t) => t.name.startsWith("tables-"));

  it("should key the tables as the services expect", async () => {
    const keys = Object.fromEntries((await tables(prod())).map((t) => [t.name, [t.inputs.hashKey, t.inputs.rangeKey]]));
    assert.deepEqual(keys, {
      "tables-sessions": ["session_id", undefined],
      "tables-api-keys": ["key_hash", undefined],
      "tables-audit-events": ["event_id", undefined],
      "tables-idempotency": ["id", undefined],
    });
  });

  it("should encrypt every table with the dynamodb key", async () => {
    const plan = await prod();
    assert.ok((await tables(prod())).every((t) => dependsOn(t, "serverSideEncryption", plan.named("keys-dynamodb"))));
  });

  it("should bill every table on demand with point-in-time recovery", async () => {
    assert.ok(
      (await tables(prod())).every(
        (t) =>
          t.inputs.billingMode === "PAY_PER_REQUEST" && (t.inputs.pointInTimeRecovery as { enabled: boolean }).enabled,
      ),
    );
  });

  it("should stream audit events with new and old images", async () => {
    assert.equal((await prod()).named("tables-audit-events").inputs.streamViewType, "NEW_AND_OLD_IMAGES");
  });

  it("should expire sessions and idempotency records by TTL", async () => {
    const plan = await prod();
    assert.deepEqual(
      ["tables-sessions", "tables-idempotency"].map((n) => (plan.named(n).inputs.ttl as { enabled: boolean }).enabled),
      [true, true],
    );
  });

  it("should enable deletion protection and protect tables in prod only", async () => {
    const flags = async (p: Promise<RecordedPlan>) =>
      (await tables(p)).every((t) => t.inputs.deletionProtectionEnabled === true && t.protect);
    assert.deepEqual(
      [await flags(prod()), (await tables(dev())).some((t) => t.inputs.deletionProtectionEnabled || t.protect)],
      [true, false],
    );
  });
});

describe("core stack: buckets", () => {
  const buckets = async (plan: Promise<RecordedPlan>) =>
    (await plan).ofType("aws:s3/bucket:Bucket").filter((b) => CORE_COMPONENTS.includes(b.name.replace(/-bucket$/, "")));

  it("should name buckets <project>-<stack>-<profile>-<account>", async () => {
    assert.deepEqual(
      (await buckets(prod())).map((b) => b.inputs.bucket).sort(),
      ["access-logs", "analytics", "archival", "audit", "ingestion"].map((p) => `platform-prod-${p}-123456789012`),
    );
  });

  it("should block every kind of public access on every bucket", async () => {
    const blocks = (await prod()).ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
    assert.ok(
      blocks.length >= 5 &&
        blocks.every(
          (b) =>
            b.inputs.blockPublicAcls &&
            b.inputs.blockPublicPolicy &&
            b.inputs.ignorePublicAcls &&
            b.inputs.restrictPublicBuckets,
        ),
    );
  });

  it("should encrypt the data and audit buckets with the storage key and a bucket key", async () => {
    const plan = await prod();
    const configs = ["ingestion", "analytics", "archival", "audit"].map((p) => plan.named(`${p}-encryption`));
    assert.ok(
      configs.every(
        (c) =>
          dependsOn(c, "rules", plan.named("keys-storage")) &&
          (c.inputs.rules as { bucketKeyEnabled: boolean }[])[0].bucketKeyEnabled,
      ),
    );
  });

  it("should encrypt the access-log bucket with SSE-S3, the only kind S3 log delivery supports", async () => {
    const [rule] = (await prod()).named("access-logs-encryption").inputs.rules as {
      applyServerSideEncryptionByDefault: { sseAlgorithm: string };
    }[];
    assert.equal(rule.applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
  });

  it("should send every other bucket's server access logs to the access-log bucket", async () => {
    const plan = await prod();
    const logging = plan
      .ofType("aws:s3/bucketLogging:BucketLogging")
      .filter((l) => dependsOn(l, "targetBucket", plan.named("access-logs-bucket")));
    assert.deepEqual(logging.map((l) => l.name).sort(), [
      "analytics-logging",
      "archival-logging",
      "audit-logging",
      "ingestion-logging",
      "ledger-digests-logging",
      "log-archive-bucket-logging",
    ]);
  });

  it("should deny non-TLS requests in every bucket policy", async () => {
    const plan = await prod();
    const denies = ["access-logs", "ingestion", "analytics", "archival", "audit"].map(
      (p) =>
        json<BucketPolicyDocument>(plan.named(`${p}-policy`).inputs.policy).Statement.find(
          (s) => s.Sid === "DenyInsecureTransport",
        )?.Effect,
    );
    assert.deepEqual(denies, ["Deny", "Deny", "Deny", "Deny", "Deny"]);
  });

  it("should let CloudTrail and AWS Config deliver to the audit bucket", async () => {
    const sids = json<BucketPolicyDocument>((await prod()).named("audit-policy").inputs.policy).Statement.map(
      (s) => s.Sid,
    );
    assert.deepEqual(
      ["CloudTrailWrite", "ConfigWrite"].filter((s) => !sids.includes(s)),
      [],
    );
  });

  it("should keep audit logs 2557 days in prod and 400 in dev", async () => {
    const expiry = async (p: Promise<RecordedPlan>) =>
      ((await p).named("audit-lifecycle").inputs.rules as { id: string; expiration?: { days: number } }[]).find(
        (r) => r.id === "expire-after-retention",
      )?.expiration?.days;
    assert.deepEqual([await expiry(prod()), await expiry(dev())], [2557, 400]);
  });

  it("should move archive data to Glacier Deep Archive after 90 days", async () => {
    const rules = (await prod()).named("archival-lifecycle").inputs.rules as {
      transitions?: { days: number; storageClass: string }[];
    }[];
    assert.deepEqual(
      rules.flatMap((r) => r.transitions ?? []),
      [{ days: 90, storageClass: "DEEP_ARCHIVE" }],
    );
  });

  it("should protect buckets in prod and let dev destroy them with their objects", async () => {
    const prodBuckets = await buckets(prod());
    const devBuckets = await buckets(dev());
    assert.deepEqual(
      [
        prodBuckets.every((b) => b.protect && b.inputs.forceDestroy === false),
        devBuckets.every((b) => !b.protect && b.inputs.forceDestroy === true),
      ],
      [true, true],
    );
  });
});

describe("core stack: ledger digest bucket", () => {
  it("should create the digest bucket with Object Lock enabled at creation in prod", async () => {
    const plan = await runStack("prod");
    assert.equal(plan.named("ledger-digests-bucket", "aws:s3/bucket:Bucket").inputs.objectLockEnabled, true);
  });

  it("should lock every digest in COMPLIANCE mode for seven years by default in prod", async () => {
    const plan = await runStack("prod");
    const rule = plan.named(
      "ledger-digests-object-lock",
      "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    ).inputs.rule;
    assert.deepEqual(rule, { defaultRetention: { mode: "COMPLIANCE", days: 2557 } });
  });

  it("should lock dev's digests in GOVERNANCE mode for a day, so dev can be destroyed", async () => {
    const plan = await runStack("dev");
    const rule = plan.named(
      "ledger-digests-object-lock",
      "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    ).inputs.rule;
    assert.deepEqual(rule, { defaultRetention: { mode: "GOVERNANCE", days: 1 } });
  });
});

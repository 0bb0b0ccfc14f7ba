import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../testing/harness";
import { ReplicationMonitor, replicationMonitorArgsProblems, type ReplicationMonitorArgs } from "./replication-monitor";

const args = (overrides: Partial<ReplicationMonitorArgs> = {}): ReplicationMonitorArgs => ({
  code: new pulumi.asset.AssetArchive({}),
  primary: {
    host: "aurora.cluster-x.us-east-1.rds.amazonaws.com",
    port: 5432,
    database: "fx",
    dbUserArn: "arn:aws:rds-db:us-east-1:123456789012:dbuser:cluster-ABC/dr_monitor",
  },
  standby: { host: "fx-dr-pg.postgres.database.azure.com", database: "fx" },
  standbyCidr: "10.1.0.0/16",
  vpc: { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], appSecurityGroupId: "sg-app" },
  secretsExtensionLayerArn:
    "arn:aws:lambda:us-east-1:177933569100:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:12",
  secretsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/secrets",
  environmentKeyArn: "arn:aws:kms:us-east-1:123456789012:key/lambda",
  logsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs",
  region: "us-east-1",
  allowedRegions: ["us-east-1"],
  ...overrides,
});

describe("replicationMonitorArgsProblems", () => {
  it("should accept the defaults", async () => {
    assert.deepEqual(replicationMonitorArgsProblems(args()), []);
  });

  it("should name schedule when it is not every minute", async () => {
    assert.deepEqual(replicationMonitorArgsProblems(args({ schedule: "rate(5 minutes)" })), [
      'schedule: must run every minute (rate(1 minute)): the DR alarms evaluate 60 s periods with missing data breaching; got "rate(5 minutes)"',
    ]);
  });

  it("should name primary.dbUserArn when it names the cluster instead of its resource id", async () => {
    const primary = { ...args().primary, dbUserArn: "arn:aws:rds-db:us-east-1:123456789012:dbuser:fx-prod/dr_monitor" };
    assert.match(
      replicationMonitorArgsProblems(args({ primary })).join("\n"),
      /^primary\.dbUserArn: expected arn:aws:rds-db:/,
    );
  });

  it("should name standbyCidr when it is malformed", async () => {
    assert.deepEqual(replicationMonitorArgsProblems(args({ standbyCidr: "10.1.0.0" })), [
      'standbyCidr: expected an IPv4 CIDR such as 10.1.0.0/16; got "10.1.0.0"',
    ]);
  });

  it("should name subscription when it is not an identifier", async () => {
    assert.deepEqual(replicationMonitorArgsProblems(args({ subscription: "Fx-Sub" })), [
      'subscription: expected a PostgreSQL identifier such as fx_dr_sub; got "Fx-Sub"',
    ]);
  });
});

describe("ReplicationMonitor", () => {
  it("should store the standby credentials as dr_monitor JSON in a secret encrypted with the secrets key", async () => {
    const plan = await runProgram(() => new ReplicationMonitor("mon", args()));
    const secret = plan.named("mon-standby-credentials");
    const value = JSON.parse(String(plan.named("mon-standby-credentials-value").inputs.secretString)) as {
      username: string;
    };
    assert.deepEqual(
      [secret.inputs.kmsKeyId, value.username],
      ["arn:aws:kms:us-east-1:123456789012:key/secrets", "dr_monitor"],
    );
  });

  it("should protect the credentials secret when protection is retain", async () => {
    const plan = await runProgram(() => new ReplicationMonitor("mon", args()));
    assert.equal(plan.named("mon-standby-credentials").protect, true);
  });

  it("should leave the credentials secret unprotected when protection is disposable", async () => {
    const plan = await runProgram(() => new ReplicationMonitor("mon", args({ protection: "disposable" })));
    assert.equal(plan.named("mon-standby-credentials").protect, false);
  });

  it("should pass the private address to the function when standby.hostaddr is set", async () => {
    const plan = await runProgram(
      () =>
        new ReplicationMonitor(
          "mon",
          args({ standby: { host: "fx-dr-pg.postgres.database.azure.com", hostaddr: "10.1.1.4", database: "fx" } }),
        ),
    );
    const vars = (plan.named("mon-fn-function").inputs.environment as { variables: Record<string, string> }).variables;
    assert.deepEqual([vars.STANDBY_HOST, vars.STANDBY_HOSTADDR], ["fx-dr-pg.postgres.database.azure.com", "10.1.1.4"]);
  });

  it("should drop a missed run instead of retrying it later", async () => {
    const plan = await runProgram(() => new ReplicationMonitor("mon", args()));
    assert.deepEqual(plan.named("mon-target").inputs.retryPolicy, {
      maximumRetryAttempts: 0,
      maximumEventAgeInSeconds: 60,
    });
  });
});

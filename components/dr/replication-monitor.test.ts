import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../testing/harness";
import { ReplicationMonitor, replicationMonitorArgsProblems, type ReplicationMonitorArgs } from "./replication-monitor";

const args = (overrides: Partial<ReplicationMonitorArgs> = {}): ReplicationMonitorArgs => ({
  code: new pulumi.asset.AssetArchive({}),
  rotationCode: new pulumi.asset.AssetArchive({}),
  alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
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

  it("should name scheduleSeconds when it is not a whole number of minutes", async () => {
    assert.deepEqual(replicationMonitorArgsProblems(args({ scheduleSeconds: 90 })), [
      "scheduleSeconds: must be a whole number of minutes in seconds (60, 120, ...): EventBridge rates run at most once a minute, in whole minutes; got 90",
    ]);
  });

  it("should name scheduleSeconds when it is under a minute", async () => {
    assert.match(
      replicationMonitorArgsProblems(args({ scheduleSeconds: 30 })).join("\n"),
      /^scheduleSeconds: .*got 30$/,
    );
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

  it("should name rotationDays when it is over 90", async () => {
    assert.deepEqual(replicationMonitorArgsProblems(args({ rotationDays: 91 })), [
      "rotationDays: must be a whole number of days from 1 to 90 (PCI DSS 8.3.9 changes passwords at least every 90 days); got 91",
    ]);
  });

  it("should name subscription when it is not an identifier", async () => {
    assert.deepEqual(replicationMonitorArgsProblems(args({ subscription: "Fx-Sub" })), [
      'subscription: expected a PostgreSQL identifier such as fx_dr_sub; got "Fx-Sub"',
    ]);
  });
});

describe("ReplicationMonitor", () => {
  it("should schedule the monitor as the EventBridge rate of scheduleSeconds", async () => {
    const plan = await runProgram(() => new ReplicationMonitor("mon", args({ scheduleSeconds: 120 })));
    assert.equal(plan.named("mon-schedule").inputs.scheduleExpression, "rate(2 minutes)");
  });

  it("should schedule the monitor every minute by default", async () => {
    const plan = await runProgram(() => new ReplicationMonitor("mon", args()));
    assert.equal(plan.named("mon-schedule").inputs.scheduleExpression, "rate(1 minute)");
  });

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

  it("should rotate the standby credentials every 30 days when rotationDays is unset", async () => {
    const plan = await runProgram(() => new ReplicationMonitor("mon", args()));
    assert.deepEqual(plan.named("mon-standby-credentials-rotation").inputs.rotationRules, {
      automaticallyAfterDays: 30,
    });
  });

  it("should not rotate when deployed, before the standby role exists", async () => {
    const plan = await runProgram(() => new ReplicationMonitor("mon", args()));
    assert.equal(plan.named("mon-standby-credentials-rotation").inputs.rotateImmediately, false);
  });

  it("should let only Secrets Manager, for this secret, invoke the rotation function", async () => {
    const plan = await runProgram(() => new ReplicationMonitor("mon", args()));
    const permission = plan.named("mon-rotation-invoke").inputs;
    const vars = (plan.named("mon-fn-function").inputs.environment as { variables: Record<string, string> }).variables;
    assert.deepEqual(
      [permission.principal, permission.sourceArn],
      ["secretsmanager.amazonaws.com", vars.STANDBY_SECRET_ARN],
    );
  });

  it("should let the rotation function change no secret but the standby credentials", async () => {
    const plan = await runProgram(() => new ReplicationMonitor("mon", args()));
    const vars = (plan.named("mon-fn-function").inputs.environment as { variables: Record<string, string> }).variables;
    const secretArn = vars.STANDBY_SECRET_ARN;
    const policies = plan.ofType("aws:iam/policy:Policy").filter((r) => r.name.startsWith("mon-rotation"));
    const statements = policies.flatMap(
      (p) =>
        (JSON.parse(String(p.inputs.policy)) as { Statement: { Action: string[]; Resource: string[] }[] }).Statement,
    );
    const writes = statements.filter((st) => [st.Action].flat().some((a) => a.startsWith("secretsmanager:Put")));
    assert.deepEqual(
      writes.map((st) => [st.Resource].flat()),
      [[secretArn]],
    );
  });

  it("should point the rotation function at the standby server", async () => {
    const plan = await runProgram(() => new ReplicationMonitor("mon", args()));
    const vars = (plan.named("mon-rotation-function").inputs.environment as { variables: Record<string, string> })
      .variables;
    assert.deepEqual([vars.TARGET_HOST, vars.TARGET_DATABASE], ["fx-dr-pg.postgres.database.azure.com", "fx"]);
  });

  it("should alarm the topic when a rotation step fails", async () => {
    const plan = await runProgram(() => new ReplicationMonitor("mon", args()));
    const alarm = plan.named("mon-rotation-errors").inputs;
    assert.deepEqual(
      [alarm.metricName, alarm.alarmActions, alarm.okActions, alarm.insufficientDataActions],
      [
        "Errors",
        ["arn:aws:sns:us-east-1:123456789012:alarms"],
        ["arn:aws:sns:us-east-1:123456789012:alarms"],
        ["arn:aws:sns:us-east-1:123456789012:alarms"],
      ],
    );
  });
});

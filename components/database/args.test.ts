import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { auroraArgsProblems, type AuroraArgs } from "./args";

const args: AuroraArgs = {
  clusterIdentifier: "platform-dev",
  engineVersion: "17.4",
  subnetIds: ["a", "b"],
  securityGroupIds: ["sg"],
  kmsKeyArn: "k",
  secretsKmsKeyArn: "s",
  logsKmsKeyArn: "l",
};
const problems = (over: Partial<AuroraArgs>) => auroraArgsProblems({ ...args, ...over }).join("\n");

describe("auroraArgsProblems", () => {
  it("should accept the defaults", async () => {
    assert.deepEqual(auroraArgsProblems(args), []);
  });

  it("should report clusterIdentifier when it has consecutive hyphens", async () => {
    assert.match(
      problems({ clusterIdentifier: "platform--dev" }),
      /^clusterIdentifier: "platform--dev" must be 1-63 lower-case/,
    );
  });

  it("should report clusterIdentifier when it ends with a hyphen", async () => {
    assert.match(problems({ clusterIdentifier: "platform-" }), /^clusterIdentifier: /);
  });

  it("should report engineVersion when it is not major.minor", async () => {
    assert.match(problems({ engineVersion: "17" }), /^engineVersion: "17" must be major\.minor/);
  });

  it("should report engineVersion when the major is not supported", async () => {
    assert.match(problems({ engineVersion: "14.9" }), /^engineVersion: major 14 is not supported; expected 16 or 17/);
  });

  it("should report engineVersion when it is too old to scale to zero", async () => {
    assert.match(
      problems({ engineVersion: "16.2", minCapacity: 0, autoPauseSeconds: 600 }),
      /^engineVersion: scale to zero needs 16\.3 or newer; got 16\.2/,
    );
  });

  it("should report minCapacity when it is not a multiple of 0.5", async () => {
    assert.match(problems({ minCapacity: 0.75 }), /^minCapacity: must be 0 to 256 ACUs in steps of 0\.5; got 0\.75/);
  });

  it("should report maxCapacity when it is below 1", async () => {
    assert.match(problems({ minCapacity: 0.5, maxCapacity: 0.5 }), /^maxCapacity: must be 1 to 256 ACUs/);
  });

  it("should report minCapacity when it exceeds maxCapacity", async () => {
    assert.match(
      problems({ minCapacity: 8, maxCapacity: 4 }),
      /^minCapacity: must not exceed maxCapacity \(4\); got 8/,
    );
  });

  it("should report autoPauseSeconds when minCapacity is 0 without it", async () => {
    assert.match(problems({ minCapacity: 0 }), /^autoPauseSeconds: is required when minCapacity is 0/);
  });

  it("should report autoPauseSeconds when minCapacity is above 0", async () => {
    assert.match(problems({ autoPauseSeconds: 600 }), /^autoPauseSeconds: only applies when minCapacity is 0/);
  });

  it("should report autoPauseSeconds when it is out of range", async () => {
    assert.match(problems({ minCapacity: 0, autoPauseSeconds: 60 }), /^autoPauseSeconds: must be 300 to 86400; got 60/);
  });

  it("should report readerAutoScaling.minReaders when it is below readerInstances", async () => {
    assert.match(
      problems({ readerInstances: 2, readerAutoScaling: { minReaders: 1, maxReaders: 5 } }),
      /^readerAutoScaling.minReaders: must be a whole number of at least readerInstances \(2\)/,
    );
  });

  it("should report readerAutoScaling.maxReaders when it is above 15", async () => {
    assert.match(
      problems({ readerAutoScaling: { minReaders: 1, maxReaders: 16 } }),
      /^readerAutoScaling.maxReaders: must be a whole number from minReaders \(1\) to 15; got 16/,
    );
  });

  it("should report readerAutoScaling when there is no fixed reader", async () => {
    assert.match(
      problems({ readerInstances: 0, readerAutoScaling: { minReaders: 0, maxReaders: 2 } }),
      /^readerAutoScaling: needs readerInstances of at least 1/,
    );
  });

  it("should report readerAutoScaling.targetCpuPercent when it is above 90", async () => {
    assert.match(
      problems({ readerAutoScaling: { minReaders: 1, maxReaders: 2, targetCpuPercent: 95 } }),
      /^readerAutoScaling.targetCpuPercent: must be 10 to 90 percent; got 95/,
    );
  });

  it("should report readerInstances when it is above 15", async () => {
    assert.match(problems({ readerInstances: 16 }), /^readerInstances: must be 0 to 15; got 16/);
  });

  it("should report databaseName when it has upper-case letters", async () => {
    assert.match(problems({ databaseName: "FX" }), /^databaseName: "FX" must be lower-case/);
  });

  it("should report masterUsername when it is reserved", async () => {
    assert.match(problems({ masterUsername: "postgres" }), /^masterUsername: "postgres" .*not a reserved name/);
  });

  it("should report backupRetentionDays when it is above 35", async () => {
    assert.match(problems({ backupRetentionDays: 36 }), /^backupRetentionDays: must be 1 to 35; got 36/);
  });

  it("should report preferredBackupWindow when it is malformed", async () => {
    assert.match(problems({ preferredBackupWindow: "3am" }), /^preferredBackupWindow: expected hh:mm-hh:mm/);
  });

  it("should report preferredMaintenanceWindow when it is malformed", async () => {
    assert.match(
      problems({ preferredMaintenanceWindow: "sunday" }),
      /^preferredMaintenanceWindow: expected ddd:hh:mm-ddd:hh:mm/,
    );
  });

  it("should report securityGroupIds when the list is empty", async () => {
    assert.match(problems({ securityGroupIds: [] }), /^securityGroupIds: list at least one/);
  });

  it("should report subnetIds when only one subnet is given", async () => {
    assert.match(problems({ subnetIds: ["a"] }), /^subnetIds: a DB subnet group needs subnets in at least two AZs/);
  });

  it("should skip subnetIds when they are not known yet", async () => {
    assert.deepEqual(auroraArgsProblems({ ...args, subnetIds: pulumi.output(["a"]) }), []);
  });

  it("should report logRetentionDays when it keeps PostgreSQL logs under a year (PCI DSS 10.5.1)", async () => {
    assert.match(problems({ logRetentionDays: 90 }), /^logRetentionDays: must be at least 365 \(PCI DSS 10\.5\.1/);
  });

  it("should report logRetentionDays when CloudWatch Logs does not accept it", async () => {
    assert.match(
      problems({ logRetentionDays: 100 }),
      /^logRetentionDays: must be one of the periods CloudWatch Logs accepts \(365, 400,/,
    );
  });

  it("should report logicalReplication when it is enabled with minCapacity 0 (it prevents pausing)", async () => {
    assert.match(
      problems({ logicalReplication: "enabled", minCapacity: 0, autoPauseSeconds: 600 }),
      /^logicalReplication: enabled keeps Aurora Serverless v2 from pausing/,
    );
  });

  it("should report logicalReplication when it is not enabled or disabled", async () => {
    assert.match(problems({ logicalReplication: "on" as never }), /^logicalReplication: expected enabled or disabled/);
  });

  it("should report protection when it is not retain or disposable", async () => {
    assert.match(problems({ protection: "x" as never }), /^protection: expected retain or disposable/);
  });
});

import assert from "node:assert/strict";
import { json, runProgram } from "../testing/harness";
import { PlatformBackup, platformBackupArgsProblems, type PlatformBackupArgs } from "./backup";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/backup";
const args = (o: Partial<PlatformBackupArgs> = {}): PlatformBackupArgs => ({
  kmsKeyArn: KEY,
  selectionTag: "platform-prod",
  ...o,
});
const plan = (o: Partial<PlatformBackupArgs> = {}) => runProgram(() => new PlatformBackup("backup", args(o)));
type Rule = { ruleName: string; schedule: string; lifecycle: { deleteAfter: number }; copyActions?: unknown[] };

describe("PlatformBackup", () => {
  it("should encrypt the vault with the backup key", async () => {
    assert.equal((await plan()).named("backup-vault").inputs.kmsKeyArn, KEY);
  });

  it("should deny deleting recovery points by hand", async () => {
    const policy = json<{ Statement: { Effect: string; Action: string[] }[] }>(
      (await plan()).named("backup-vault-policy").inputs.policy,
    );
    assert.deepEqual(
      [policy.Statement[0]!.Effect, policy.Statement[0]!.Action.includes("backup:DeleteRecoveryPoint")],
      ["Deny", true],
    );
  });

  it("should back up daily and monthly with the given retention", async () => {
    const rules = (await plan({ dailyRetentionDays: 40, monthlyRetentionDays: 400 })).named("backup-plan").inputs
      .rules as Rule[];
    assert.deepEqual(
      rules.map((r) => `${r.ruleName}:${r.lifecycle.deleteAfter}`),
      ["daily:40", "monthly:400"],
    );
  });

  it("should select by the BackupPlan tag", async () => {
    assert.deepEqual((await plan()).named("backup-selection").inputs.selectionTags, [
      { type: "STRINGEQUALS", key: "BackupPlan", value: "platform-prod" },
    ]);
  });

  it("should lock the vault in compliance mode with a cooling-off period when vaultLock is compliance", async () => {
    const lock = (await plan({ vaultLock: "compliance" })).named("backup-vault-lock").inputs;
    assert.deepEqual([lock.changeableForDays, lock.minRetentionDays, lock.maxRetentionDays], [3, 35, 365]);
  });

  it("should lock the vault without a cooling-off period when vaultLock is governance", async () => {
    assert.equal(
      (await plan({ vaultLock: "governance" })).named("backup-vault-lock").inputs.changeableForDays,
      undefined,
    );
  });

  it("should not lock the vault by default", async () => {
    assert.ok(!(await plan()).has("aws:backup/vaultLockConfiguration:VaultLockConfiguration"));
  });

  it("should let a disposable vault be destroyed with its recovery points", async () => {
    assert.equal((await plan({ protection: "disposable" })).named("backup-vault").inputs.forceDestroy, true);
  });

  it("should create the selection after the role's policies", async () => {
    const p = await plan();
    assert.ok(p.named("backup-selection").dependencies.includes(p.named("backup-backup").urn));
  });
});

describe("platformBackupArgsProblems", () => {
  const cases: Array<[string, Partial<PlatformBackupArgs>, RegExp]> = [
    [
      "daily retention is under AWS Config's 35 days",
      { dailyRetentionDays: 7 },
      /^dailyRetentionDays: must be a whole number from 35/,
    ],
    [
      "monthly retention is shorter than daily",
      { dailyRetentionDays: 60, monthlyRetentionDays: 40 },
      /^monthlyRetentionDays: must be a whole number from dailyRetentionDays \(60\)/,
    ],
    ["the selection tag has capitals", { selectionTag: "Prod" }, /^selectionTag: expected 1 to 40 of a-z 0-9 -/],
    [
      "a compliance lock would make a disposable vault undeletable",
      { vaultLock: "compliance", protection: "disposable" },
      /^vaultLock: compliance locks cannot be removed/,
    ],
  ];
  for (const [when, o, message] of cases) {
    it(`should report ${message.source.slice(1, message.source.indexOf(":"))} when ${when}`, async () => {
      assert.ok(platformBackupArgsProblems(args(o)).some((p) => message.test(p)));
    });
  }
});

import assert from "node:assert/strict";
import { KEY_DOMAINS } from "./domains";
import { keyPolicy, type PolicyStatement } from "./policy";

const scope = { accountId: "111122223333", region: "us-east-1", partition: "aws" };
const byService = (statements: readonly PolicyStatement[], service: string) =>
  statements.filter((s) => [s.Principal.Service].flat().includes(service));

describe("keyPolicy", () => {
  it("should never grant Principal * when built for any domain", async () => {
    const all = KEY_DOMAINS.flatMap((d) => keyPolicy(d, scope).Statement);
    assert.ok(all.every((s) => s.Principal.AWS !== "*" && s.Principal.Service !== "*"));
  });

  it("should condition every service statement when built for any domain", async () => {
    const services = KEY_DOMAINS.flatMap((d) => keyPolicy(d, scope).Statement).filter((s) => s.Principal.Service);
    assert.ok(services.length > 0 && services.every((s) => s.Condition !== undefined));
  });

  it("should let CloudWatch Logs of this region use the logs key only for this account's log groups", async () => {
    const [statement] = byService(keyPolicy("logs", scope).Statement, "logs.us-east-1.amazonaws.com");
    assert.deepEqual(statement.Condition, {
      ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:log-group:*" },
    });
  });

  it("should let CloudTrail generate data keys on the storage key only for this account's trails", async () => {
    const statement = byService(keyPolicy("storage", scope).Statement, "cloudtrail.amazonaws.com").find(
      (s) => s.Action === "kms:GenerateDataKey*",
    );
    assert.deepEqual(statement?.Condition?.StringLike, {
      "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*",
    });
  });

  it("should scope CloudTrail's storage-key use by aws:SourceArn when built", async () => {
    const statement = byService(keyPolicy("storage", scope).Statement, "cloudtrail.amazonaws.com").find(
      (s) => s.Action === "kms:GenerateDataKey*",
    );
    assert.deepEqual(statement?.Condition?.ArnLike, {
      "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/*",
    });
  });

  it("should let AWS Config use the storage key only from this account", async () => {
    const [statement] = byService(keyPolicy("storage", scope).Statement, "config.amazonaws.com");
    assert.deepEqual(statement.Condition, { StringEquals: { "aws:SourceAccount": "111122223333" } });
  });

  it("should let EventBridge use the messaging key without an aws:SourceAccount condition (EventBridge sends none to KMS)", async () => {
    const statements = byService(keyPolicy("messaging", scope).Statement, "events.amazonaws.com");
    assert.deepEqual(
      statements.map((st) => st.Condition),
      [{ StringEquals: { "kms:ViaService": ["sns.us-east-1.amazonaws.com", "sqs.us-east-1.amazonaws.com"] } }],
    );
  });

  it("should let CloudWatch alarms publish to topics encrypted with the messaging key", async () => {
    assert.equal(byService(keyPolicy("messaging", scope).Statement, "cloudwatch.amazonaws.com").length, 1);
  });

  it("should let Cost Anomaly Detection use the messaging key for this account when it publishes to an encrypted topic", async () => {
    const [statement] = byService(keyPolicy("messaging", scope).Statement, "costalerts.amazonaws.com");
    assert.deepEqual(statement?.Condition, { StringEquals: { "aws:SourceAccount": scope.accountId } });
  });

  it("should grant no service principal on the database key", async () => {
    assert.deepEqual(
      keyPolicy("database", scope).Statement.map((s) => s.Sid),
      ["AccountRootAdministers"],
    );
  });

  it("should use the partition in the root ARN when built for another partition", async () => {
    assert.equal(
      keyPolicy("lambda", { ...scope, partition: "aws-us-gov" }).Statement[0].Principal.AWS,
      "arn:aws-us-gov:iam::111122223333:root",
    );
  });
});

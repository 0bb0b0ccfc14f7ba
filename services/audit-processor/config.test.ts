import assert from "node:assert/strict";
import { ConfigError } from "../processing/errors";
import { readAuditConfig } from "./config";

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    readAuditConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail("expected a ConfigError");
}

describe("readAuditConfig", () => {
  it("should read the table name and pinned topic", async () => {
    const arn = "arn:aws:sns:us-east-1:123456789012:audit-events";
    assert.deepEqual(readAuditConfig({ AUDIT_TABLE_NAME: "audit-events", AUDIT_TOPIC_ARN: arn }), {
      tableName: "audit-events",
      allowedTopicArn: arn,
    });
  });

  it("should leave the topic unpinned when AUDIT_TOPIC_ARN is absent", async () => {
    assert.equal(readAuditConfig({ AUDIT_TABLE_NAME: "audit-events" }).allowedTopicArn, undefined);
  });

  it("should name AUDIT_TABLE_NAME when it is missing", async () => {
    assert.match(problemsOf({}).join(), /^AUDIT_TABLE_NAME: is required/);
  });

  it("should name AUDIT_TABLE_NAME when it is not a table name", async () => {
    assert.match(problemsOf({ AUDIT_TABLE_NAME: "a b" }).join(), /^AUDIT_TABLE_NAME: must be a DynamoDB table name/);
  });

  it("should name AUDIT_TOPIC_ARN when it is not an SNS topic ARN", async () => {
    assert.match(
      problemsOf({ AUDIT_TABLE_NAME: "audit", AUDIT_TOPIC_ARN: "audit-events" }).join(),
      /^AUDIT_TOPIC_ARN: must be an SNS topic ARN/,
    );
  });
});

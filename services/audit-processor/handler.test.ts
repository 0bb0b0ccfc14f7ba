import assert from "node:assert/strict";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { lambdaContext, QUIET_TEST_ENV, withEnv } from "../processing/testing/lambda-env";
import { ConfigError } from "../processing/errors";
import { startDynalite, type RunningDynalite } from "../shared/testing/dynalite";
import { buildAuditLambda, handler } from "./handler";
import { auditEvent, createAuditTable, sqsRecord } from "./testing/fixtures";

describe("audit-processor handler entry point", () => {
  let dynalite: RunningDynalite;
  let client: DynamoDBClient;

  before(async () => {
    dynalite = await startDynalite();
    client = dynalite.client();
    await createAuditTable(client, "audit-entry");
  });
  after(async () => {
    client.destroy();
    await dynalite.stop();
  });

  it("should process an SQS batch end to end from its environment", async () => {
    const env = { ...QUIET_TEST_ENV, AUDIT_TABLE_NAME: "audit-entry", AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint };
    const response = await withEnv(env, () =>
      handler({ Records: [sqsRecord(JSON.stringify(auditEvent()), "ok"), sqsRecord("[]", "bad")] }, lambdaContext),
    );
    assert.deepEqual(response.batchItemFailures, [{ itemIdentifier: "bad" }]);
  });

  it("should refuse to build without AUDIT_TABLE_NAME, naming it", async () => {
    assert.throws(
      () => buildAuditLambda({}),
      (e: unknown) => e instanceof ConfigError && /AUDIT_TABLE_NAME/.test(e.message),
    );
  });
});

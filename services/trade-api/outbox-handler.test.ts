import assert from "node:assert/strict";
import { QUIET_TEST_ENV, withEnv } from "../processing/testing/lambda-env";
import { handler } from "./outbox-handler";

describe("outbox-handler", () => {
  it("should refuse to run, naming AUDIT_TOPIC_ARN, when it is not an SNS topic ARN", async () => {
    await assert.rejects(
      withEnv({ ...QUIET_TEST_ENV, AUDIT_TOPIC_ARN: "audit-events" }, () => handler({})),
      /AUDIT_TOPIC_ARN must be an SNS topic ARN \(got "audit-events"\)/,
    );
  });

  it("should refuse to run, naming the database settings, when DB_HOST is missing", async () => {
    await assert.rejects(
      withEnv(
        {
          ...QUIET_TEST_ENV,
          AUDIT_TOPIC_ARN: "arn:aws:sns:us-east-1:123456789012:audit-events",
          DB_HOST: undefined,
          DB_IAM_USER: "trade_outbox",
        },
        () => handler({}),
      ),
      /database configuration is invalid/,
    );
  });
});

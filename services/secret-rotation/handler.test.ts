import assert from "node:assert/strict";
import { parseEnv, parseEvent, RotationConfigError, type RotationEnv } from "./handler";
import { RotationError } from "./rotation";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dr-monitor-standby-credentials-AbCdEf";
const env: RotationEnv = { SECRET_ARN: ARN, TARGET_HOST: "db.example", TARGET_PORT: 5432, TARGET_DATABASE: "fx" };

describe("secret-rotation handler", () => {
  it("should name every missing variable when the environment is incomplete", async () => {
    assert.throws(
      () => parseEnv({ SECRET_ARN: ARN }),
      (err: unknown) =>
        err instanceof RotationConfigError &&
        err.problems.some((p) => p.startsWith("TARGET_HOST")) &&
        err.problems.some((p) => p.startsWith("TARGET_DATABASE")),
    );
  });

  it("should default the port to 5432 when TARGET_PORT is unset", async () => {
    assert.equal(parseEnv({ SECRET_ARN: ARN, TARGET_HOST: "h", TARGET_DATABASE: "fx" }).TARGET_PORT, 5432);
  });

  it("should refuse an event for another secret", async () => {
    assert.throws(
      () => parseEvent({ SecretId: `${ARN}x`, ClientRequestToken: "t", Step: "createSecret" }, env),
      RotationError,
    );
  });

  it("should refuse an unknown step", async () => {
    assert.throws(() => parseEvent({ SecretId: ARN, ClientRequestToken: "t", Step: "dropSecret" }, env), /Step/);
  });

  it("should accept a rotation event for its own secret", async () => {
    const event = { SecretId: ARN, ClientRequestToken: "t", Step: "finishSecret" };
    assert.deepEqual(parseEvent(event, env), event);
  });
});

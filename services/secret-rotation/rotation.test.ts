import assert from "node:assert/strict";
import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { startPostgres, type RunningPostgres } from "../testing/embedded-postgres";
import { postgresTarget } from "./postgres";
import {
  newPassword,
  ROTATION_STEPS,
  RotationError,
  rotateStep,
  type Credentials,
  type RotationDeps,
} from "./rotation";
import { fakeSecret, type FakeSecret } from "./testing";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dr-monitor-standby-credentials-AbCdEf";
const OLD = { username: "dr_monitor", password: "old-password-0123456789-abcdef" };

describe("rotateStep", () => {
  let pg: RunningPostgres;
  let secret: FakeSecret;
  let deps: RotationDeps;
  const canLogIn = (c: Credentials) => deps.target.canLogIn(c);
  const run = async (token: string, steps: readonly (typeof ROTATION_STEPS)[number][] = ROTATION_STEPS) => {
    for (const Step of steps) await rotateStep({ SecretId: ARN, ClientRequestToken: token, Step }, deps);
  };
  const pendingValue = (token: string): Credentials => JSON.parse(secret.versions.get(token)!.value!) as Credentials;

  before(async () => {
    pg = await startPostgres();
  });
  after(async () => {
    await pg.stop();
  });
  beforeEach(async () => {
    const admin = await pg.client();
    try {
      await admin.query("drop role if exists dr_monitor");
      await admin.query(`create role dr_monitor login password '${OLD.password}'`);
    } finally {
      await admin.end();
    }
    secret = fakeSecret(ARN, OLD);
    deps = {
      secrets: secret.client,
      target: postgresTarget((c) => ({
        host: "127.0.0.1",
        port: pg.port,
        database: "postgres",
        user: c.username,
        password: c.password,
      })),
    };
  });

  it("should let the new password log in when all four steps ran", async () => {
    secret.startRotation("t1");
    await run("t1");
    assert.equal(await canLogIn(pendingValue("t1")), true);
  });

  it("should refuse the old password when all four steps ran", async () => {
    secret.startRotation("t1");
    await run("t1");
    assert.equal(await canLogIn(OLD), false);
  });

  it("should move AWSCURRENT to the new version when finishSecret ran", async () => {
    secret.startRotation("t1");
    await run("t1");
    assert.equal(secret.valueAt("AWSCURRENT"), secret.versions.get("t1")?.value);
  });

  it("should keep the login name in the new version when createSecret ran", async () => {
    secret.startRotation("t1");
    await run("t1", ["createSecret"]);
    assert.equal(pendingValue("t1").username, "dr_monitor");
  });

  it("should store the verifier, not the password, when setSecret ran", async () => {
    secret.startRotation("t1");
    await run("t1", ["createSecret", "setSecret"]);
    const admin = await pg.client();
    try {
      const { rows } = await admin.query<{ p: string }>(
        "select rolpassword as p from pg_authid where rolname = 'dr_monitor'",
      );
      assert.match(rows[0]?.p ?? "", /^SCRAM-SHA-256\$4096:/);
    } finally {
      await admin.end();
    }
  });

  it("should put one pending value when createSecret is retried", async () => {
    secret.startRotation("t1");
    await run("t1", ["createSecret", "createSecret"]);
    assert.equal(secret.mock.commandCalls(PutSecretValueCommand).length, 1);
  });

  it("should finish when setSecret is retried after it took", async () => {
    secret.startRotation("t1");
    await run("t1", ["createSecret", "setSecret", "setSecret", "testSecret", "finishSecret"]);
    assert.equal(await canLogIn(pendingValue("t1")), true);
  });

  it("should fail testSecret when setSecret did not run", async () => {
    secret.startRotation("t1");
    await run("t1", ["createSecret"]);
    await assert.rejects(run("t1", ["testSecret"]), /AWSPENDING password of dr_monitor does not log in/);
  });

  it("should keep the old password working when testSecret failed", async () => {
    secret.startRotation("t1");
    await run("t1", ["createSecret"]);
    await assert.rejects(run("t1", ["testSecret"]));
    assert.equal(await canLogIn(OLD), true);
  });

  it("should pass testSecret without logging in when the pending value is the current one", async () => {
    secret.versions.set("config-test", {
      value: JSON.stringify({ ...OLD, password: OLD.password }),
      stages: ["AWSPENDING"],
    });
    const admin = await pg.client();
    await admin.query("drop role dr_monitor").finally(() => admin.end());
    const outcome = await rotateStep({ SecretId: ARN, ClientRequestToken: "config-test", Step: "testSecret" }, deps);
    assert.equal(outcome, "skipped");
  });

  it("should skip every step when the version is already AWSCURRENT", async () => {
    const outcome = await rotateStep({ SecretId: ARN, ClientRequestToken: "v-initial", Step: "setSecret" }, deps);
    assert.equal(outcome, "skipped");
  });

  it("should refuse a version that is not AWSPENDING", async () => {
    secret.versions.set("stray", { value: JSON.stringify(OLD), stages: [] });
    await assert.rejects(run("stray", ["createSecret"]), RotationError);
  });

  it("should refuse a token that is no version of the secret", async () => {
    await assert.rejects(run("nope", ["createSecret"]), /not a version of/);
  });

  it("should refuse to rotate when rotation is not enabled on the secret", async () => {
    secret.rotationEnabled = false;
    secret.startRotation("t1");
    await assert.rejects(run("t1", ["createSecret"]), /rotation is not enabled/);
  });

  it("should name the manual repair when neither password logs in", async () => {
    secret.startRotation("t1");
    await run("t1", ["createSecret"]);
    const admin = await pg.client();
    await admin.query("alter role dr_monitor password 'someone-else-changed-it-000'").finally(() => admin.end());
    await assert.rejects(run("t1", ["setSecret"]), /neither the AWSCURRENT nor the AWSPENDING password/);
  });

  it("should generate letters and digits only when asked for a password", async () => {
    assert.match(newPassword(40), /^[A-Za-z0-9]{40}$/);
  });
});

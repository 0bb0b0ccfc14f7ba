/**
 * Stack-level properties of database access (PCI DSS 7.2, 8.x): the trade API reaches Aurora
 * as `trade_api` with IAM auth tokens and holds no secret; only the migration function reads
 * the master secret, and the deploy invokes it whenever the migrations change.
 */
import assert from "node:assert/strict";
import { awsState } from "../components/testing/fake-cloud";
import { json, runStack, type RecordedPlan } from "./offline/harness";
import type { PlanResource } from "../platform-rules/plan-format";
import tradeApiMigrations from "./compose/trade-api-migrations.json";

const prod = () => runStack("prod");
const dev = () => runStack("dev");
type Statement = { Sid?: string; Effect: string; Action: string[]; Resource: string[] };
const allows = (plan: RecordedPlan, fn: string) =>
  json<{ Statement: Statement[] }>(plan.named(`${fn}-policy`, "aws:iam/policy:Policy").inputs.policy).Statement.filter(
    (s) => s.Effect === "Allow",
  );
const resourcesFor = (plan: RecordedPlan, fn: string, action: string) =>
  allows(plan, fn)
    .filter((s) => s.Action.includes(action))
    .flatMap((s) => s.Resource);
/** What the offline engine answered for a resource: the plan records inputs only. */
const state = (r: PlanResource) => awsState(r.type, r.name, r.inputs as Record<string, unknown>, "us-east-1").state;
const cluster = (plan: RecordedPlan) => state(plan.named("database-cluster", "aws:rds/cluster:Cluster"));
const keyArn = (plan: RecordedPlan, domain: string) =>
  state(plan.named(`keys-${domain}`, "aws:kms/key:Key")).arn as string;
const env = (plan: RecordedPlan, fn: string) =>
  (
    plan.named(`${fn}-function`, "aws:lambda/function:Function").inputs.environment as {
      variables: Record<string, string>;
    }
  ).variables;
const proxyResourceId = (plan: RecordedPlan) =>
  String(state(plan.named("db-proxy-proxy", "aws:rds/proxy:Proxy")).arn)
    .split(":")
    .pop();
const invocation = (plan: RecordedPlan) => plan.named("trade-api-migrations", "aws:lambda/invocation:Invocation");

describe("services stack: database access", () => {
  it("should let the trade API connect only as the trade_api database user of the cluster when there is no proxy (dev)", async () => {
    const plan = await dev();
    const resourceId = cluster(plan).clusterResourceId as string;
    assert.deepEqual(resourcesFor(plan, "trade-api", "rds-db:connect"), [
      `arn:aws:rds-db:us-east-1:123456789012:dbuser:${resourceId}/trade_api`,
    ]);
  });

  it("should let the trade API connect only as trade_api through RDS Proxy in prod", async () => {
    const plan = await prod();
    assert.deepEqual(resourcesFor(plan, "trade-api", "rds-db:connect"), [
      `arn:aws:rds-db:us-east-1:123456789012:dbuser:${proxyResourceId(plan)}/trade_api`,
    ]);
  });

  it("should let the digest writer connect only as trade_digest through RDS Proxy in prod", async () => {
    const plan = await prod();
    assert.deepEqual(resourcesFor(plan, "trade-api-digest", "rds-db:connect"), [
      `arn:aws:rds-db:us-east-1:123456789012:dbuser:${proxyResourceId(plan)}/trade_digest`,
    ]);
  });

  it("should give each trade API instance one database connection", async () => {
    assert.equal(env(await prod(), "trade-api").DB_POOL_MAX, "1");
  });

  it("should size prod's proxy pool to the writer's vCPUs at maximum capacity (2 % of 5,000 connections)", async () => {
    const group = (await prod()).named(
      "db-proxy-target-group",
      "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup",
    );
    assert.equal((group.inputs.connectionPoolConfig as { maxConnectionsPercent: number }).maxConnectionsPercent, 2);
  });

  it("should point the trade API's DB_HOST at the proxy in prod", async () => {
    const plan = await prod();
    assert.equal(env(plan, "trade-api").DB_HOST, state(plan.named("db-proxy-proxy", "aws:rds/proxy:Proxy")).endpoint);
  });

  it("should send the trade API's order reads to the proxy's read-only endpoint in prod", async () => {
    const plan = await prod();
    const reader = plan.named("db-proxy-reader", "aws:rds/proxyEndpoint:ProxyEndpoint");
    assert.equal(reader.inputs.targetRole, "READ_ONLY");
    assert.equal(env(plan, "trade-api").DB_READER_HOST, state(reader).endpoint);
  });

  it("should keep the trade API's reads on the writer when the stack has no reader instance (dev)", async () => {
    assert.equal(env(await dev(), "trade-api").DB_READER_HOST, undefined);
  });

  it("should let the proxy's role connect as the API's, the digest writer's and the outbox sweeper's users and read no secret", async () => {
    const plan = await prod();
    const policy = json<{ Statement: { Action: string; Resource: string[] }[] }>(
      plan.named("db-proxy-connect", "aws:iam/policy:Policy").inputs.policy,
    );
    const resourceId = cluster(plan).clusterResourceId as string;
    assert.deepEqual(
      policy.Statement.map((st) => [st.Action, st.Resource]),
      [
        [
          "rds-db:connect",
          [
            `arn:aws:rds-db:us-east-1:123456789012:dbuser:${resourceId}/trade_api`,
            `arn:aws:rds-db:us-east-1:123456789012:dbuser:${resourceId}/trade_digest`,
            `arn:aws:rds-db:us-east-1:123456789012:dbuser:${resourceId}/trade_outbox`,
          ],
        ],
      ],
    );
  });

  it("should not let the trade API read any secret", async () => {
    assert.deepEqual(resourcesFor(await prod(), "trade-api", "secretsmanager:GetSecretValue"), []);
  });

  it("should not let the trade API decrypt with the secrets key", async () => {
    const plan = await prod();
    assert.equal(resourcesFor(plan, "trade-api", "kms:Decrypt").includes(keyArn(plan, "secrets")), false);
  });

  it("should configure the trade API for IAM authentication as trade_api and not with the master secret", async () => {
    const variables = env(await prod(), "trade-api");
    assert.deepEqual([variables.DB_IAM_USER, variables.DB_SECRET_ARN], ["trade_api", undefined]);
  });

  it("should let the migration function read only the master secret", async () => {
    const plan = await prod();
    const master = cluster(plan).masterUserSecrets as { secretArn: string }[];
    assert.deepEqual(resourcesFor(plan, "trade-api-migrate", "secretsmanager:GetSecretValue"), [master[0]?.secretArn]);
  });

  it("should let the migration function decrypt only with the secrets key", async () => {
    const plan = await prod();
    // Besides the Lambda key for its own environment, which LambdaFunction grants every function.
    const decrypt = resourcesFor(plan, "trade-api-migrate", "kms:Decrypt").filter(
      (arn) => arn !== keyArn(plan, "lambda"),
    );
    assert.deepEqual(decrypt, [keyArn(plan, "secrets")]);
  });

  it("should give the migration function no other actions than logging, tracing, ENIs and the secret", async () => {
    const actions = allows(await prod(), "trade-api-migrate")
      .flatMap((s) => s.Action)
      .filter((a) => !/^(logs|xray|ec2):/.test(a));
    assert.deepEqual(actions.sort(), ["kms:Decrypt", "kms:Decrypt", "secretsmanager:GetSecretValue"]);
  });

  it("should invoke the migration function on deploy", async () => {
    const plan = await prod();
    assert.equal(invocation(plan).inputs.functionName, plan.named("trade-api-migrate-function").inputs.name);
  });

  it("should make the migration invocation depend on the migration function", async () => {
    const plan = await prod();
    assert.ok(invocation(plan).dependencies.includes(plan.named("trade-api-migrate-function").urn));
  });

  it("should run the migrations only after the cluster's writer instance exists", async () => {
    const plan = await prod();
    assert.ok(
      invocation(plan).dependencies.includes(
        plan.named("database-writer", "aws:rds/clusterInstance:ClusterInstance").urn,
      ),
    );
  });

  it("should pass the migrations fingerprint as the invocation input", async () => {
    assert.deepEqual(json(invocation(await prod()).inputs.input), { migrations: tradeApiMigrations.fingerprint });
  });

  it("should re-invoke the migrations when their fingerprint changes", async () => {
    assert.equal(
      (invocation(await prod()).inputs.triggers as Record<string, string>).migrations,
      tradeApiMigrations.fingerprint,
    );
  });

  it("should update the trade API only after the migrations ran", async () => {
    const plan = await prod();
    assert.ok(plan.named("trade-api-function").dependencies.includes(invocation(plan).urn));
  });

  it("should attach no layer to the migration function", async () => {
    assert.equal((await prod()).named("trade-api-migrate-function").inputs.layers, undefined);
  });

  it("should give the dev trade API the same IAM database user as prod", async () => {
    assert.equal(env(await dev(), "trade-api").DB_IAM_USER, "trade_api");
  });
});

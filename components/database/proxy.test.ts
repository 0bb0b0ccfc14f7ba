import assert from "node:assert/strict";
import { json, runProgram, type RecordedPlan } from "../testing/harness";
import { DatabaseProxy, databaseProxyArgsProblems, type DatabaseProxyArgs } from "./proxy";

const args: DatabaseProxyArgs = {
  proxyName: "platform-prod-trade",
  clusterIdentifier: "platform-prod",
  clusterResourceId: "cluster-ABC",
  subnetIds: ["subnet-a", "subnet-b"],
  securityGroupIds: ["sg-data"],
  dbUsers: ["trade_api", "trade_digest"],
  region: "us-east-1",
  accountId: "123456789012",
};
let planned: Promise<RecordedPlan> | undefined;
const plan = () => (planned ??= runProgram(() => new DatabaseProxy("p", args)));

describe("DatabaseProxy", () => {
  it("should create no read-only endpoint when readerEndpoint is not enabled", async () => {
    assert.equal((await plan()).resources.filter((r) => r.type === "aws:rds/proxyEndpoint:ProxyEndpoint").length, 0);
  });

  it("should add a READ_ONLY endpoint in the proxy's subnets when readerEndpoint is enabled", async () => {
    const withReader = await runProgram(() => new DatabaseProxy("p", { ...args, readerEndpoint: "enabled" }));
    const endpoint = withReader.named("p-reader", "aws:rds/proxyEndpoint:ProxyEndpoint").inputs;
    assert.deepEqual(
      [endpoint.targetRole, endpoint.dbProxyEndpointName, endpoint.vpcSubnetIds],
      ["READ_ONLY", "platform-prod-trade-ro", ["subnet-a", "subnet-b"]],
    );
  });

  it("should speak PostgreSQL", async () => {
    assert.equal((await plan()).named("p-proxy").inputs.engineFamily, "POSTGRESQL");
  });

  it("should require TLS from clients", async () => {
    assert.equal((await plan()).named("p-proxy").inputs.requireTls, true);
  });

  it("should use end-to-end IAM authentication, so no database secret exists", async () => {
    const proxy = (await plan()).named("p-proxy").inputs;
    assert.deepEqual([proxy.defaultAuthScheme, proxy.auths], ["IAM_AUTH", undefined]);
  });

  it("should keep SQL text out of the proxy's logs", async () => {
    assert.equal((await plan()).named("p-proxy").inputs.debugLogging, false);
  });

  it("should let its role connect only as the named users of the cluster", async () => {
    const policy = json<{ Statement: { Action: string; Resource: string[] }[] }>(
      (await plan()).named("p-connect").inputs.policy,
    );
    assert.deepEqual(
      policy.Statement.map((s) => [s.Action, s.Resource]),
      [
        [
          "rds-db:connect",
          [
            "arn:aws:rds-db:us-east-1:123456789012:dbuser:cluster-ABC/trade_api",
            "arn:aws:rds-db:us-east-1:123456789012:dbuser:cluster-ABC/trade_digest",
          ],
        ],
      ],
    );
  });

  it("should give its role no inline policy, which IAM_NO_INLINE_POLICY_CHECK flags", async () => {
    assert.deepEqual((await plan()).ofType("aws:iam/rolePolicy:RolePolicy"), []);
  });

  it("should attach the connect policy to its role", async () => {
    const p = await plan();
    const attachment = p.named("p-connect-attachment");
    assert.deepEqual(
      [attachment.propertyDependencies.role, attachment.propertyDependencies.policyArn],
      [[p.named("p-role").urn], [p.named("p-connect").urn]],
    );
  });

  it("should let only RDS of this account assume its role", async () => {
    const trust = json<{ Statement: { Principal: unknown; Condition: unknown }[] }>(
      (await plan()).named("p-role").inputs.assumeRolePolicy,
    );
    assert.deepEqual(
      trust.Statement.map((s) => [s.Principal, s.Condition]),
      [[{ Service: "rds.amazonaws.com" }, { StringEquals: { "aws:SourceAccount": "123456789012" } }]],
    );
  });

  it("should target the cluster through the default target group", async () => {
    const target = (await plan()).named("p-target").inputs;
    assert.deepEqual([target.targetGroupName, target.dbClusterIdentifier], ["default", "platform-prod"]);
  });

  it("should leave 20 % of the writer's connections outside the pool by default", async () => {
    assert.equal(
      ((await plan()).named("p-target-group").inputs.connectionPoolConfig as { maxConnectionsPercent: number })
        .maxConnectionsPercent,
      80,
    );
  });
});

describe("databaseProxyArgsProblems", () => {
  it("should name proxyName when it has two hyphens in a row", async () => {
    assert.match(
      databaseProxyArgsProblems({ ...args, proxyName: "a--b" }).join("\n"),
      /proxyName: "a--b" is not a DB proxy name/,
    );
  });

  it("should name proxyName when it is longer than 63 characters", async () => {
    assert.match(databaseProxyArgsProblems({ ...args, proxyName: `a${"b".repeat(63)}` }).join("\n"), /proxyName/);
  });

  it("should name subnetIds when there is only one subnet", async () => {
    assert.match(
      databaseProxyArgsProblems({ ...args, subnetIds: ["subnet-a"] }).join("\n"),
      /subnetIds: RDS Proxy needs at least two subnets/,
    );
  });

  it("should name dbUsers when there are none", async () => {
    assert.match(databaseProxyArgsProblems({ ...args, dbUsers: [] }).join("\n"), /dbUsers: name at least one/);
  });

  it("should name dbUsers when one is not a role name", async () => {
    assert.match(
      databaseProxyArgsProblems({ ...args, dbUsers: ["Trade-Api"] }).join("\n"),
      /dbUsers: "Trade-Api" is not a PostgreSQL role name/,
    );
  });

  it("should name maxConnectionsPercent when it is above 100", async () => {
    assert.match(
      databaseProxyArgsProblems({ ...args, maxConnectionsPercent: 101 }).join("\n"),
      /maxConnectionsPercent: must be a whole number from 1 to 100/,
    );
  });

  it("should name idleClientTimeoutSeconds when it is above 28800", async () => {
    assert.match(
      databaseProxyArgsProblems({ ...args, idleClientTimeoutSeconds: 28801 }).join("\n"),
      /idleClientTimeoutSeconds/,
    );
  });

  it("should name connectionBorrowTimeoutSeconds when it is above RDS Proxy's 300 s", async () => {
    assert.match(
      databaseProxyArgsProblems({ ...args, connectionBorrowTimeoutSeconds: 301 }).join("\n"),
      /connectionBorrowTimeoutSeconds: must be a whole number from 0 to 300; got 301/,
    );
  });

  it("should name connectionBorrowTimeoutSeconds when it is negative", async () => {
    assert.match(
      databaseProxyArgsProblems({ ...args, connectionBorrowTimeoutSeconds: -1 }).join("\n"),
      /connectionBorrowTimeoutSeconds/,
    );
  });

  it("should find nothing wrong with valid args", async () => {
    assert.deepEqual(databaseProxyArgsProblems(args), []);
  });
});

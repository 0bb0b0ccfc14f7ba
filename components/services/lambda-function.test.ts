import assert from "node:assert/strict";
import { runProgram, valueOf } from "../testing/harness";
import { LambdaFunction, lambdaFunctionArgsProblems } from "./lambda-function";
import { LAMBDA_KEY, LOGS_KEY, MESSAGING_KEY, TABLE_ARN, lambdaArgs, statementsOf } from "./testing";

const FN = "aws:lambda/function:Function";

async function plan(overrides: Parameters<typeof lambdaArgs>[0] = {}) {
  return runProgram(() => new LambdaFunction("orders", lambdaArgs(overrides)));
}

function problems(overrides: Parameters<typeof lambdaArgs>[0], name = "orders"): readonly string[] {
  return lambdaFunctionArgsProblems(name, lambdaArgs(overrides));
}

describe("LambdaFunction", () => {
  it("should run on arm64 when created with defaults", async () => {
    assert.deepEqual((await plan()).one(FN).inputs.architectures, ["arm64"]);
  });

  it("should use nodejs22.x when no runtime is given", async () => {
    assert.equal((await plan()).one(FN).inputs.runtime, "nodejs22.x");
  });

  it("should encrypt the environment with the given key", async () => {
    assert.equal((await plan()).one(FN).inputs.kmsKeyArn, LAMBDA_KEY);
  });

  it("should trace with X-Ray in Active mode", async () => {
    assert.deepEqual((await plan()).one(FN).inputs.tracingConfig, { mode: "Active" });
  });

  it("should leave concurrency unreserved when reservedConcurrency is 0", async () => {
    assert.equal((await plan({ reservedConcurrency: 0 })).one(FN).inputs.reservedConcurrentExecutions, -1);
  });

  it("should reserve concurrency when reservedConcurrency is positive", async () => {
    assert.equal((await plan({ reservedConcurrency: 25 })).one(FN).inputs.reservedConcurrentExecutions, 25);
  });

  it("should place the function in the given subnets and security groups", async () => {
    assert.deepEqual((await plan()).one(FN).inputs.vpcConfig, {
      subnetIds: ["subnet-a", "subnet-b"],
      securityGroupIds: ["sg-app"],
    });
  });

  it("should name its log group /aws/lambda/<function name>", async () => {
    const p = await plan();
    assert.equal(p.named("orders-logs").inputs.name, `/aws/lambda/${p.one(FN).inputs.name}`);
  });

  it("should encrypt its log group with the logs key", async () => {
    assert.equal((await plan()).named("orders-logs").inputs.kmsKeyId, LOGS_KEY);
  });

  it("should keep logs 400 days when no retention is given", async () => {
    assert.equal((await plan()).named("orders-logs").inputs.retentionInDays, 400);
  });

  it("should send its logs as JSON to its own log group", async () => {
    const p = await plan();
    assert.equal(
      (p.one(FN).inputs.loggingConfig as Record<string, unknown>).logGroup,
      p.named("orders-logs").inputs.name,
    );
  });

  it("should protect the log group when protection is retain", async () => {
    assert.equal((await plan({ protection: "retain" })).named("orders-logs").protect, true);
  });

  it("should give a default function name unique to the stack when none is given", async () => {
    assert.match(String((await plan()).one(FN).inputs.name), /^orders-[0-9a-f]{8}$/);
  });

  it("should allow log writes only to its own log group", async () => {
    const p = await plan();
    const logs = statementsOf(p.one("aws:iam/policy:Policy").inputs.policy).find((s) => s.Sid === "OwnLogGroupOnly");
    assert.deepEqual(logs?.Resource, [
      `arn:aws:logs:us-east-1:123456789012:log-group:${p.named("orders-logs").inputs.name}:*`,
    ]);
  });

  it("should deny every action outside the allowed regions", async () => {
    const deny = statementsOf((await plan()).one("aws:iam/policy:Policy").inputs.policy).find(
      (s) => s.Effect === "Deny",
    );
    assert.deepEqual(deny, {
      Sid: "DenyOutsideAllowedRegions",
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1"] } },
    });
  });

  it("should grant the statements it is given on exactly their resources", async () => {
    const p = await plan({ policyStatements: [{ actions: ["dynamodb:PutItem"], resources: [TABLE_ARN] }] });
    const put = statementsOf(p.one("aws:iam/policy:Policy").inputs.policy).find((s) =>
      (s.Action as string[]).includes("dynamodb:PutItem"),
    );
    assert.deepEqual(put?.Resource, [TABLE_ARN]);
  });

  it("should grant ENI management when placed in a VPC", async () => {
    const sids = statementsOf((await plan()).one("aws:iam/policy:Policy").inputs.policy).map((s) => s.Sid);
    assert.ok(sids.includes("VpcNetworkInterfaces"));
  });

  it("should grant no ENI management when placed outside the VPC", async () => {
    const p = await plan({ networkPlacement: "outside-vpc", vpc: undefined });
    assert.ok(
      !statementsOf(p.one("aws:iam/policy:Policy").inputs.policy).some((s) => s.Sid === "VpcNetworkInterfaces"),
    );
  });

  it("should send failed async events to the dead-letter queue when asyncFailure is given", async () => {
    const dlq = "arn:aws:sqs:us-east-1:123456789012:orders-dlq";
    const config = (await plan({ asyncFailure: { deadLetterQueueArn: dlq } })).one(
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    );
    assert.deepEqual(config.inputs.destinationConfig, { onFailure: { destination: dlq } });
  });

  it("should let the role use the dead-letter queue's key when one is given", async () => {
    const p = await plan({
      asyncFailure: { deadLetterQueueArn: "arn:aws:sqs:us-east-1:123456789012:dlq", queueKeyArn: MESSAGING_KEY },
    });
    const key = statementsOf(p.one("aws:iam/policy:Policy").inputs.policy).find((s) => s.Sid === "DeadLetterQueueKey");
    assert.deepEqual(key?.Resource, [MESSAGING_KEY]);
  });

  it("should limit async retries to 2 by default when asyncFailure is given", async () => {
    const p = await plan({ asyncFailure: { deadLetterQueueArn: "arn:aws:sqs:us-east-1:123456789012:dlq" } });
    assert.equal(
      p.one("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig").inputs.maximumRetryAttempts,
      2,
    );
  });

  it("should expose the function ARN when created", async () => {
    let arn: ReturnType<typeof valueOf<string>> | undefined;
    await runProgram(() => {
      arn = valueOf(new LambdaFunction("orders", lambdaArgs({ functionName: "orders-fn" })).arn);
    });
    assert.equal(await arn, "arn:aws:lambda:us-east-1:123456789012:function:orders-fn");
  });

  it("should name the children after the component", async () => {
    const p = await plan();
    assert.deepEqual(
      p
        .descendantsOf(p.named("orders"))
        .map((r) => r.name)
        .sort(),
      ["orders-function", "orders-logs", "orders-policy", "orders-policy-attachment", "orders-role"],
    );
  });

  it("should attach its permissions as a managed policy rather than an inline one", async () => {
    const p = await plan();
    assert.equal(p.ofType("aws:iam/rolePolicy:RolePolicy").length, 0);
  });

  it("should refuse to construct when args are invalid", async () => {
    await assert.rejects(plan({ memoryMb: 64 }), /platform:services:LambdaFunction "orders" has 1 invalid argument/);
  });
});

describe("lambdaFunctionArgsProblems", () => {
  const cases: Array<[string, Parameters<typeof lambdaArgs>[0], RegExp]> = [
    ["handler is malformed", { handler: "index" }, /^handler: expected <file>\.<export>/],
    ["runtime is deprecated", { runtime: "nodejs18.x" as never }, /^runtime: expected nodejs22\.x or nodejs24\.x/],
    ["memory is too small", { memoryMb: 64 }, /^memoryMb: must be a whole number from 128 to 10240; got 64/],
    ["timeout is too long", { timeoutSeconds: 901 }, /^timeoutSeconds: must be a whole number from 1 to 900/],
    [
      "reserved concurrency is negative",
      { reservedConcurrency: -1 },
      /^reservedConcurrency: must be a whole number from 0 to 10000 \(0 means unreserved\)/,
    ],
    [
      "an environment name is malformed",
      { environment: { "1BAD": "x" } },
      /^environment\.1BAD: variable names are letters/,
    ],
    [
      "an environment name is reserved",
      { environment: { AWS_REGION: "x" } },
      /^environment\.AWS_REGION: is reserved by Lambda/,
    ],
    [
      "retention is not a CloudWatch period",
      { logRetentionDays: 366 },
      /^logRetentionDays: must be one of the periods CloudWatch Logs accepts/,
    ],
    [
      "retention is under a year",
      { logRetentionDays: 90 },
      /^logRetentionDays: must be at least 365 \(PCI DSS 10\.5\.1/,
    ],
    ["log level is unknown", { logLevel: "TRACE" as never }, /^logLevel: expected DEBUG, INFO, WARN, ERROR/],
    ["placement is unknown", { networkPlacement: "public" as never }, /^networkPlacement: expected vpc or outside-vpc/],
    ["vpc placement lacks subnets", { vpc: undefined }, /^vpc: is required when networkPlacement is vpc/],
    [
      "outside-vpc placement has subnets",
      { networkPlacement: "outside-vpc" },
      /^vpc: must not be set when networkPlacement is outside-vpc/,
    ],
    [
      "a statement sid is malformed",
      { policyStatements: [{ sid: "a-b", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }] },
      /^policyStatements\[0\]\.sid: must be letters and digits only/,
    ],
    [
      "a statement has no actions",
      { policyStatements: [{ actions: [], resources: ["arn:aws:s3:::b/*"] }] },
      /^policyStatements\[0\]\.actions: list at least one action/,
    ],
    [
      "a statement grants a wildcard",
      { policyStatements: [{ actions: ["s3:*"], resources: ["arn:aws:s3:::b/*"] }] },
      /^policyStatements\[0\]\.actions\[0\]: "s3:\*" is not a scoped action/,
    ],
    [
      "a statement has no resources",
      { policyStatements: [{ actions: ["s3:GetObject"], resources: [] }] },
      /^policyStatements\[0\]\.resources: list at least one resource ARN/,
    ],
    ["no region is allowed", { allowedRegions: [] }, /^allowedRegions: list at least one region/],
    [
      "async retries are out of range",
      { asyncFailure: { deadLetterQueueArn: "arn", maximumRetryAttempts: 3 } },
      /^asyncFailure\.maximumRetryAttempts: must be a whole number from 0 to 2/,
    ],
    [
      "async event age is out of range",
      { asyncFailure: { deadLetterQueueArn: "arn", maximumEventAgeSeconds: 30 } },
      /^asyncFailure\.maximumEventAgeSeconds: must be a whole number from 60 to 21600/,
    ],
    ["the function name is malformed", { functionName: "a b" }, /^functionName: must be 1 to 64 of/],
    [
      "there are more than 5 layers",
      { layers: ["a", "b", "c", "d", "e", "f"] },
      /^layers: Lambda allows at most 5 layers; got 6/,
    ],
    ["protection is unknown", { protection: "keep" as never }, /^protection: expected retain or disposable/],
  ];
  for (const [when, overrides, message] of cases) {
    it(`should report ${message.source.slice(1, message.source.indexOf(":")).replace(/\\/g, "")} when ${when}`, async () => {
      const found = problems(overrides);
      assert.equal(found.length, 1, found.join("\n"));
      assert.match(found[0], message);
    });
  }

  it("should report functionName when the resource name is too long for the default name", async () => {
    assert.match(
      problems({}, "x".repeat(56))[0],
      /^functionName: the default <name>-<8 hex> needs a resource name of at most 55/,
    );
  });

  it("should report nothing when the args are valid", async () => {
    assert.deepEqual(problems({}), []);
  });

  it("should report every problem at once when several fields are wrong", async () => {
    assert.equal(problems({ memoryMb: 1, timeoutSeconds: 0, allowedRegions: [] }).length, 3);
  });
});

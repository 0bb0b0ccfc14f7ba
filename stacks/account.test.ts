/**
 * The account model (issue #11, Must exist 1 and 2): an account per stack, pinned in the stack
 * file and passed to the provider; the account/region singletons created once with
 * `platform:account.baseline: managed` and none with `provided`, which still deploys what
 * depends on them; and a plan-time error naming the key when a program would create one twice.
 */
import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { ConfigRecorder } from "../components/compliance/config-recorder";
import { ACCOUNT_SINGLETONS } from "../platform-rules/account-singletons";
import { guardAccountSingletons } from "./compose/account";
import { parseStackConfig, ConfigError } from "./config";
import { json, runProgram, runStack } from "./offline/harness";
import { readStackConfig } from "./offline/stack-file";
import { runStackOffline } from "./offline/plan";
import { placeholderAccountProblems } from "./config/account";

const SINGLETON_TYPES = [
  "aws:iam/serviceLinkedRole:ServiceLinkedRole",
  "aws:cfg/recorder:Recorder",
  "aws:cfg/recorderStatus:RecorderStatus",
  "aws:cfg/deliveryChannel:DeliveryChannel",
  "aws:cfg/retentionConfiguration:RetentionConfiguration",
  "aws:apigateway/account:Account",
  "aws:cloudtrail/trail:Trail",
  "aws:costexplorer/anomalyMonitor:AnomalyMonitor",
];
const provided = (stack: "dev" | "prod") =>
  runStack(stack, { configOverrides: { "platform:account": { baseline: "provided" } } });
const recorderArgs = () => ({
  deliveryBucket: "audit",
  deliveryBucketPolicy: new aws.s3.BucketPolicy("audit-policy", { bucket: "audit", policy: "{}" }),
  deliveryKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
  accountId: "123456789012",
});

async function failure(program: () => unknown): Promise<string> {
  try {
    await runProgram(program);
  } catch (err) {
    return String((err as Error).message ?? err);
  }
  return "the program ran without an error";
}

describe("account model: an account per environment", () => {
  it("should pin disjoint AWS accounts in the dev and prod stack files", async () => {
    const [dev, prod] = (["dev", "prod"] as const).map(
      (s) => parseStackConfig("platform", s, readStackConfig(s)).allowedAccountIds,
    );
    assert.deepEqual([dev.length > 0, prod.length > 0, dev.filter((id) => prod.includes(id))], [true, true, []]);
  });

  it("should give the primary AWS provider the stack's allowed account ids", async () => {
    const provider = (await runStack("prod")).named("aws-primary", "pulumi:providers:aws");
    const ids = provider.inputs.allowedAccountIds;
    assert.deepEqual(typeof ids === "string" ? json(ids) : ids, readStackConfig("prod")["aws:allowedAccountIds"]);
  });

  it("should refuse a stack file without aws:allowedAccountIds, naming the key", async () => {
    const raw = { ...readStackConfig("dev") };
    delete raw["aws:allowedAccountIds"];
    assert.throws(
      () => parseStackConfig("platform", "dev", raw),
      (err: unknown) =>
        err instanceof ConfigError && err.problems.some((p) => p.startsWith("aws:allowedAccountIds: required")),
    );
  });

  it("should refuse an account id that is not 12 digits, naming the key", async () => {
    const raw = { ...readStackConfig("dev"), "aws:allowedAccountIds": ["1234"] };
    assert.throws(
      () => parseStackConfig("platform", "dev", raw),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.some((p) => p === "aws:allowedAccountIds[0]: expected a 12-digit AWS account id"),
    );
  });
});

describe("account model: placeholder account ids", () => {
  it("should refuse the stack file's placeholder account id under a real engine, naming the key", async () => {
    await assert.rejects(
      runStackOffline("prod", { accounts: "real" }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.some((p) =>
          p.startsWith("aws:allowedAccountIds[0]: 222222222222 is the repository's placeholder"),
        ),
    );
  });

  it("should plan with a real account id under a real engine", async () => {
    const run = await runStackOffline("dev", {
      accounts: "real",
      configOverrides: { "aws:allowedAccountIds": ["123456789012"] },
    });
    assert.ok(run.resources.length > 0);
  });

  it("should name the placeholder's position and the command that replaces it", async () => {
    assert.deepEqual(placeholderAccountProblems(["123456789012", "111111111111"], "dev"), [
      "aws:allowedAccountIds[1]: 111111111111 is the repository's placeholder, not this stack's " +
        "account; set the real id (pulumi config set --path 'aws:allowedAccountIds[1]' <account " +
        "id> --stack dev, docs/accounts-and-dns.md)",
    ]);
  });
});

describe("account model: baseline managed", () => {
  for (const stack of ["dev", "prod"] as const) {
    it(`should create each account singleton exactly once when planning ${stack}`, async () => {
      const plan = await runStack(stack);
      assert.deepEqual(
        SINGLETON_TYPES.map((t) => [t, plan.ofType(t).length]),
        SINGLETON_TYPES.map((t) => [t, 1]),
      );
    });
  }
});

describe("account model: baseline provided", () => {
  for (const stack of ["dev", "prod"] as const) {
    it(`should create no account singleton when planning ${stack}`, async () => {
      const plan = await provided(stack);
      assert.deepEqual(
        plan.resources
          .filter((r) => ACCOUNT_SINGLETONS.some((s) => s.type === r.type))
          .map((r) => `${r.type} ${r.name}`),
        [],
      );
    });

    it(`should still deploy every PCI Config rule when planning ${stack}`, async () => {
      const [managed, landingZone] = await Promise.all([runStack(stack), provided(stack)]);
      assert.equal(landingZone.ofType("aws:cfg/rule:Rule").length, managed.ofType("aws:cfg/rule:Rule").length);
    });
  }

  it("should still deploy the API stage with its access and execution log groups", async () => {
    const plan = await provided("prod");
    assert.deepEqual(
      [
        plan.has("aws:apigateway/stage:Stage"),
        plan.has("aws:cloudwatch/logGroup:LogGroup", "api-access-logs"),
        plan.has("aws:cloudwatch/logGroup:LogGroup", "api-execution-logs"),
      ],
      [true, true, true],
    );
  });

  it("should leave CloudTrail and Config delivery out of the audit bucket policy", async () => {
    const statements = json<{ Statement: { Sid: string }[] }>(
      (await provided("prod")).named("audit-policy").inputs.policy,
    ).Statement.map((s) => s.Sid);
    assert.deepEqual(
      statements.filter((sid) => /^(CloudTrail|Config)/.test(sid)),
      [],
    );
  });

  it("should export the baseline instead of a recorder and trail", async () => {
    const outputs = (await provided("dev")).outputs;
    assert.deepEqual(
      [outputs.accountBaseline, "configRecorderName" in outputs, "cloudTrailArn" in outputs],
      ["provided", false, false],
    );
  });
});

describe("SingletonGuard", () => {
  it("should stop the plan naming platform:account.baseline when two components create the Config recorder", async () => {
    const message = await failure(() => {
      guardAccountSingletons("managed");
      new ConfigRecorder("config", { ...recorderArgs(), serviceLinkedRole: "existing" });
      new ConfigRecorder("config-again", { ...recorderArgs(), serviceLinkedRole: "existing" });
    });
    assert.match(
      message,
      /platform:account\.baseline: config-recorder and config-again-recorder would both create the AWS Config configuration recorder, which exists once per region/,
    );
  });

  it("should stop the plan when a service-linked role for the same service is created twice", async () => {
    const message = await failure(() => {
      guardAccountSingletons("managed");
      new aws.iam.ServiceLinkedRole("a", { awsServiceName: "config.amazonaws.com" });
      new aws.iam.ServiceLinkedRole("b", { awsServiceName: "config.amazonaws.com" });
    });
    assert.match(message, /platform:account\.baseline: a and b would both create the service-linked role/);
  });

  it("should allow service-linked roles of different services", async () => {
    const plan = await runProgram(() => {
      guardAccountSingletons("managed");
      new aws.iam.ServiceLinkedRole("a", { awsServiceName: "config.amazonaws.com" });
      new aws.iam.ServiceLinkedRole("b", { awsServiceName: "backup.amazonaws.com" });
    });
    assert.equal(plan.ofType("aws:iam/serviceLinkedRole:ServiceLinkedRole").length, 2);
  });

  it("should allow a second trail that is not multi-region", async () => {
    const plan = await runProgram(() => {
      guardAccountSingletons("managed");
      new aws.cloudtrail.Trail("account", { s3BucketName: "audit", isMultiRegionTrail: true });
      new aws.cloudtrail.Trail("data-events", { s3BucketName: "audit", isMultiRegionTrail: false });
    });
    assert.equal(plan.ofType("aws:cloudtrail/trail:Trail").length, 2);
  });

  it("should stop the plan when a singleton is created although the baseline is provided", async () => {
    const message = await failure(() => {
      guardAccountSingletons("provided");
      new aws.apigateway.Account("api-account", { cloudwatchRoleArn: "arn:aws:iam::123456789012:role/x" });
    });
    assert.match(
      message,
      /platform:account\.baseline is provided \(a landing zone owns the API Gateway account settings \(CloudWatch Logs role\)\), yet api-account/,
    );
  });
});

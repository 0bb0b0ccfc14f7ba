/**
 * Issue #16 "Done when": the deployed AWS Config rules about backups, secret rotation and alarm
 * actions, evaluated offline (tools/config-rules/evaluate.ts) against the prod and dev plans with
 * the parameters the stacks deploy, find every resource COMPLIANT.
 */
import assert from "node:assert/strict";
import { awsProvider, resource } from "../../policies/testing/fixtures";
import { runStack } from "../../stacks/offline/harness";
import { EVALUATED_RULES, evaluateDeployedRules, schedulePeriodHours, type Evaluation } from "./evaluate";

const BACKUP_RULES = [
  "AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
  "DYNAMODB_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
  "DYNAMODB_IN_BACKUP_PLAN",
  "S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
  "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
  "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
  "BACKUP_RECOVERY_POINT_ENCRYPTED",
  "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
  "DB_INSTANCE_BACKUP_ENABLED",
  "DYNAMODB_PITR_ENABLED",
];
const ROTATION_RULES = [
  "SECRETSMANAGER_ROTATION_ENABLED_CHECK",
  "SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK",
  "SECRETSMANAGER_SECRET_PERIODIC_ROTATION",
];
const ALARM_RULES = ["CLOUDWATCH_ALARM_ACTION_CHECK"];
const LOGGING_RULES = ["SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED"];

const nonCompliant = (evaluations: readonly Evaluation[], rules: readonly string[]) =>
  evaluations
    .filter((e) => rules.includes(e.rule) && e.compliance === "NON_COMPLIANT")
    .map((e) => `${e.rule} ${e.resource}: ${e.annotation}`);

describe("deployed Config rules evaluated on the plans", () => {
  for (const stack of ["prod", "dev"] as const) {
    const evaluations = async () => evaluateDeployedRules((await runStack(stack)).resources);

    it(`should deploy every evaluated rule when planning ${stack}`, async () => {
      const deployed = new Set((await evaluations()).map((e) => e.rule));
      assert.deepEqual(
        [...BACKUP_RULES, ...ROTATION_RULES, ...ALARM_RULES, ...LOGGING_RULES].filter((r) => !deployed.has(r)),
        [],
      );
    });

    it(`should find the backup rules COMPLIANT when planning ${stack}`, async () => {
      assert.deepEqual(nonCompliant(await evaluations(), BACKUP_RULES), []);
    });

    it(`should find the alarm-action rule COMPLIANT when planning ${stack}`, async () => {
      assert.deepEqual(nonCompliant(await evaluations(), ALARM_RULES), []);
    });

    it(`should find every topic's delivery status logged when planning ${stack}`, async () => {
      assert.deepEqual(nonCompliant(await evaluations(), LOGGING_RULES), []);
    });

    it(`should find the secret-rotation rules COMPLIANT when planning ${stack}`, async () => {
      assert.deepEqual(nonCompliant(await evaluations(), ROTATION_RULES), []);
    });
  }
});

describe("Config rule evaluators", () => {
  const rule = (identifier: string, parameters?: Record<string, string>) =>
    resource("aws:cfg/rule:Rule", identifier.toLowerCase(), {
      source: { owner: "AWS", sourceIdentifier: identifier },
      ...(parameters ? { inputParameters: JSON.stringify(parameters) } : {}),
    });
  const alarm = (actions: Record<string, string[]>) =>
    resource("aws:cloudwatch/metricAlarm:MetricAlarm", "a", { alarmActions: [], ...actions });

  it("should find an alarm without insufficient-data actions NON_COMPLIANT with the deployed parameters", async () => {
    const [e] = evaluateDeployedRules([
      rule("CLOUDWATCH_ALARM_ACTION_CHECK", {
        alarmActionRequired: "true",
        insufficientDataActionRequired: "true",
        okActionRequired: "false",
      }),
      alarm({ alarmActions: ["arn:aws:sns:us-east-1:123456789012:page"] }),
    ]);
    assert.deepEqual([e!.compliance, e!.annotation], ["NON_COMPLIANT", "no insufficient-data action"]);
  });

  it("should find an alarm without OK actions COMPLIANT when okActionRequired is false", async () => {
    const [e] = evaluateDeployedRules([
      rule("CLOUDWATCH_ALARM_ACTION_CHECK", { okActionRequired: "false" }),
      alarm({ alarmActions: ["t"], insufficientDataActions: ["t"] }),
    ]);
    assert.equal(e!.compliance, "COMPLIANT");
  });

  it("should find a table no backup selection matches NON_COMPLIANT", async () => {
    const [e] = evaluateDeployedRules([
      rule("DYNAMODB_RESOURCES_PROTECTED_BY_BACKUP_PLAN"),
      resource("aws:dynamodb/table:Table", "t", { tags: { BackupPlan: "other" } }),
    ]);
    assert.equal(e!.compliance, "NON_COMPLIANT");
  });

  it("should find a secret without rotation NON_COMPLIANT", async () => {
    const [e] = evaluateDeployedRules([
      rule("SECRETSMANAGER_ROTATION_ENABLED_CHECK"),
      resource("aws:secretsmanager/secret:Secret", "s", {}),
    ]);
    assert.deepEqual([e!.compliance, e!.annotation], ["NON_COMPLIANT", "no rotation configured"]);
  });

  it("should find a backup plan whose only rule keeps 7 days NON_COMPLIANT against the 35-day default", async () => {
    const [e] = evaluateDeployedRules([
      rule("BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK"),
      resource("aws:backup/plan:Plan", "p", {
        rules: [{ ruleName: "daily", schedule: "cron(0 5 ? * * *)", lifecycle: { deleteAfter: 7 } }],
      }),
    ]);
    assert.equal(e!.compliance, "NON_COMPLIANT");
  });

  it("should read a daily cron as a 24-hour period", async () => {
    assert.deepEqual(
      [
        schedulePeriodHours("cron(0 5 ? * * *)"),
        schedulePeriodHours("cron(0 5 1 * ? *)"),
        schedulePeriodHours("rate(12 hours)"),
      ],
      [24, 744, 12],
    );
  });

  it("should find a topic without a feedback role NON_COMPLIANT", async () => {
    const [e] = evaluateDeployedRules([
      rule("SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED"),
      resource("aws:sns/topic:Topic", "alerts-page", { kmsMasterKeyId: "k" }),
    ]);
    assert.deepEqual([e!.compliance, e!.annotation], ["NON_COMPLIANT", "no delivery status logging"]);
  });

  it("should find a topic with an HTTP/S failure feedback role COMPLIANT", async () => {
    const [e] = evaluateDeployedRules([
      rule("SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED"),
      resource("aws:sns/topic:Topic", "alerts-page", { httpFailureFeedbackRoleArn: "arn:aws:iam::1:role/r" }),
    ]);
    assert.equal(e!.compliance, "COMPLIANT");
  });

  it("should not judge a resource of another region's provider", async () => {
    const evaluations = evaluateDeployedRules([
      rule("SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED"),
      resource(
        "aws:sns/topic:Topic",
        "gate-page",
        {},
        { provider: awsProvider("us-east-2", undefined, "aws-dr-gate") },
      ),
    ]);
    assert.deepEqual(
      evaluations.map((e) => e.compliance),
      ["NOT_APPLICABLE"],
    );
  });

  it("should evaluate every rule it documents", async () => {
    assert.deepEqual(
      [...BACKUP_RULES, ...ROTATION_RULES, ...ALARM_RULES, ...LOGGING_RULES].filter(
        (r) => !EVALUATED_RULES.includes(r),
      ),
      [],
    );
  });
});

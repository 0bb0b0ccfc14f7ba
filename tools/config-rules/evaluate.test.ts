/**
 * Issue #16 "Done when": the deployed AWS Config rules about backups, secret rotation and alarm
 * actions, evaluated offline (tools/config-rules/evaluate.ts) against the prod and dev plans with
 * the parameters the stacks deploy, find every resource COMPLIANT.
 */
import assert from "node:assert/strict";
import { awsProvider, resource } from "../../policies/testing/fixtures";
import { runStack } from "../../stacks/offline/harness";
import { CONFIG_RULE_EXCEPTIONS } from "../../platform-rules/config-rules/exceptions";
import { EVALUATED_RULES, evaluateDeployedRules, schedulePeriodHours, unexpected, type Evaluation } from "./evaluate";

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
const NETWORK_RULES = ["EC2_SECURITY_GROUP_ATTACHED_TO_ENI_PERIODIC", "S3_BUCKET_BLACKLISTED_ACTIONS_PROHIBITED"];
const API_RULES = [
  "API_GW_EXECUTION_LOGGING_ENABLED",
  "API_GW_XRAY_ENABLED",
  "API_GW_ASSOCIATED_WITH_WAF",
  "API_GW_ENDPOINT_TYPE_CHECK",
];
const BUCKET_RULES = ["S3_BUCKET_LOGGING_ENABLED", "S3_DEFAULT_ENCRYPTION_KMS"];
/** Evaluated, but not deployed by default (DEFAULT_EXCLUSIONS says why). */
const EXCLUDED_API_RULES = ["API_GW_CACHE_ENABLED_AND_ENCRYPTED", "API_GW_SSL_ENABLED"];
const DEPLOYED = [
  ...BACKUP_RULES,
  ...ROTATION_RULES,
  ...ALARM_RULES,
  ...LOGGING_RULES,
  ...NETWORK_RULES,
  ...API_RULES,
  ...BUCKET_RULES,
];

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
        DEPLOYED.filter((r) => !deployed.has(r)),
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

    it(`should find every security group on an ENI and no bucket granting blocklisted actions when planning ${stack}`, async () => {
      assert.deepEqual(nonCompliant(await evaluations(), NETWORK_RULES), []);
    });

    it(`should find the API Gateway rules COMPLIANT when planning ${stack}`, async () => {
      assert.deepEqual(nonCompliant(await evaluations(), API_RULES), []);
    });

    it(`should find nothing NON_COMPLIANT that the exceptions register does not explain when planning ${stack}`, async () => {
      assert.deepEqual(
        unexpected(await evaluations()).map((e) => `${e.rule} ${e.resource}: ${e.annotation}`),
        [],
      );
    });

    it(`should find every register exception still NON_COMPLIANT when planning ${stack} (none is stale)`, async () => {
      const excepted = (await evaluations()).filter((e) => e.exception).map((e) => `${e.rule} ${e.resource}`);
      assert.deepEqual(excepted.sort(), CONFIG_RULE_EXCEPTIONS.map((x) => `${x.rule} ${x.logicalName}`).sort());
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

  const SG = "aws:ec2/securityGroup:SecurityGroup";
  const sg = resource(SG, "endpoints-sg", { description: "d" });
  it("should find a security group only rules reference NON_COMPLIANT", async () => {
    const [e] = evaluateDeployedRules([
      rule("EC2_SECURITY_GROUP_ATTACHED_TO_ENI_PERIODIC"),
      sg,
      resource(
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "in",
        {},
        { propertyDependencies: { securityGroupId: [sg.urn] } },
      ),
    ]);
    assert.equal(e!.compliance, "NON_COMPLIANT");
  });

  it("should find a security group an interface endpoint carries COMPLIANT", async () => {
    const [e] = evaluateDeployedRules([
      rule("EC2_SECURITY_GROUP_ATTACHED_TO_ENI_PERIODIC"),
      sg,
      resource(
        "aws:ec2/vpcEndpoint:VpcEndpoint",
        "kms",
        { vpcEndpointType: "Interface" },
        { propertyDependencies: { securityGroupIds: [sg.urn] } },
      ),
    ]);
    assert.equal(e!.compliance, "COMPLIANT");
  });

  const bucket = resource("aws:s3/bucket:Bucket", "data", {});
  const bucketPolicy = (statement: object) =>
    resource(
      "aws:s3/bucketPolicy:BucketPolicy",
      "data-policy",
      { policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }) },
      { propertyDependencies: { bucket: [bucket.urn] } },
    );
  const blocklist = { blacklistedActionPattern: "s3:DeleteBucketPolicy,s3:PutBucketAcl,s3:PutBucketPolicy" };

  it("should find a bucket allowing anyone s3:* NON_COMPLIANT even with a condition", async () => {
    const [e] = evaluateDeployedRules([
      rule("S3_BUCKET_BLACKLISTED_ACTIONS_PROHIBITED", blocklist),
      bucket,
      bucketPolicy({
        Effect: "Allow",
        Principal: "*",
        Action: "s3:*",
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
      }),
    ]);
    assert.deepEqual(
      [e!.compliance, e!.annotation],
      ["NON_COMPLIANT", "allows another account s3:DeleteBucketPolicy, s3:PutBucketAcl, s3:PutBucketPolicy"],
    );
  });

  it("should find a bucket allowing another account s3:PutBucket* NON_COMPLIANT", async () => {
    const [e] = evaluateDeployedRules([
      rule("S3_BUCKET_BLACKLISTED_ACTIONS_PROHIBITED", blocklist),
      bucket,
      resource("aws:kms/key:Key", "k", { arn: "arn:aws:kms:us-east-1:123456789012:key/k" }),
      bucketPolicy({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "s3:PutBucket*" }),
    ]);
    assert.equal(e!.compliance, "NON_COMPLIANT");
  });

  it("should find a bucket allowing a service principal s3:PutObject COMPLIANT", async () => {
    const [e] = evaluateDeployedRules([
      rule("S3_BUCKET_BLACKLISTED_ACTIONS_PROHIBITED", blocklist),
      bucket,
      bucketPolicy({ Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject" }),
    ]);
    assert.equal(e!.compliance, "COMPLIANT");
  });

  const stage = resource("aws:apigateway/stage:Stage", "api-stage", { stageName: "live", xrayTracingEnabled: true });
  const settings = (methodPath: string, loggingLevel: string, name = "s") =>
    resource(
      "aws:apigateway/methodSettings:MethodSettings",
      name,
      { methodPath, settings: { loggingLevel } },
      { propertyDependencies: { stageName: [stage.urn] } },
    );

  it("should find a stage with no method settings NON_COMPLIANT for execution logging", async () => {
    const [e] = evaluateDeployedRules([rule("API_GW_EXECUTION_LOGGING_ENABLED"), stage]);
    assert.equal(e!.compliance, "NON_COMPLIANT");
  });

  it("should find a stage whose one method turns logging OFF NON_COMPLIANT", async () => {
    const [e] = evaluateDeployedRules([
      rule("API_GW_EXECUTION_LOGGING_ENABLED"),
      stage,
      settings("*/*", "ERROR"),
      settings("health/GET", "OFF", "h"),
    ]);
    assert.deepEqual(
      [e!.compliance, e!.annotation],
      ["NON_COMPLIANT", "logging level not in ERROR,INFO: health/GET OFF"],
    );
  });

  it("should find a stage logging every method at ERROR COMPLIANT", async () => {
    const [e] = evaluateDeployedRules([rule("API_GW_EXECUTION_LOGGING_ENABLED"), stage, settings("*/*", "ERROR")]);
    assert.equal(e!.compliance, "COMPLIANT");
  });

  it("should find a stage without X-Ray NON_COMPLIANT", async () => {
    const [e] = evaluateDeployedRules([
      rule("API_GW_XRAY_ENABLED"),
      resource("aws:apigateway/stage:Stage", "s", { xrayTracingEnabled: false }),
    ]);
    assert.equal(e!.compliance, "NON_COMPLIANT");
  });

  it("should find a stage without a web ACL association NON_COMPLIANT", async () => {
    const [e] = evaluateDeployedRules([rule("API_GW_ASSOCIATED_WITH_WAF"), stage]);
    assert.deepEqual([e!.compliance, e!.annotation], ["NON_COMPLIANT", "no WAFv2 web ACL association"]);
  });

  it("should find a stage with a web ACL association COMPLIANT", async () => {
    const [e] = evaluateDeployedRules([
      rule("API_GW_ASSOCIATED_WITH_WAF"),
      stage,
      resource(
        "aws:wafv2/webAclAssociation:WebAclAssociation",
        "a",
        { webAclArn: "arn:waf" },
        { propertyDependencies: { resourceArn: [stage.urn] } },
      ),
    ]);
    assert.equal(e!.compliance, "COMPLIANT");
  });

  it("should find a REST API without an endpoint configuration (EDGE) NON_COMPLIANT against REGIONAL,PRIVATE", async () => {
    const [e] = evaluateDeployedRules([
      rule("API_GW_ENDPOINT_TYPE_CHECK", { endpointConfigurationTypes: "REGIONAL,PRIVATE" }),
      resource("aws:apigateway/restApi:RestApi", "api", {}),
    ]);
    assert.deepEqual([e!.compliance, e!.annotation], ["NON_COMPLIANT", "endpoint type EDGE not in REGIONAL,PRIVATE"]);
  });

  it("should find a stage without the cache NON_COMPLIANT for cache encryption", async () => {
    const [e] = evaluateDeployedRules([rule("API_GW_CACHE_ENABLED_AND_ENCRYPTED"), stage, settings("*/*", "ERROR")]);
    assert.equal(e!.compliance, "NON_COMPLIANT");
  });

  it("should find a stage without a backend client certificate NON_COMPLIANT for API_GW_SSL_ENABLED", async () => {
    const [e] = evaluateDeployedRules([rule("API_GW_SSL_ENABLED"), stage]);
    assert.equal(e!.compliance, "NON_COMPLIANT");
  });

  const accessLogs = resource("aws:s3/bucket:Bucket", "access-logs-bucket", {});
  const sse = (bucket: typeof accessLogs, sseAlgorithm: string) =>
    resource(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      `${bucket.name}-encryption`,
      { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm } }] },
      { propertyDependencies: { bucket: [bucket.urn] } },
    );

  it("should mark the access-log bucket's SSE-S3 NON_COMPLIANT with the register's exception", async () => {
    const [e] = evaluateDeployedRules([rule("S3_DEFAULT_ENCRYPTION_KMS"), accessLogs, sse(accessLogs, "AES256")]);
    assert.deepEqual([e!.compliance, e!.exception?.rule], ["NON_COMPLIANT", "S3_DEFAULT_ENCRYPTION_KMS"]);
  });

  it("should give another bucket with SSE-S3 no exception", async () => {
    const data = resource("aws:s3/bucket:Bucket", "ingestion-bucket", {});
    const evaluations = evaluateDeployedRules([rule("S3_DEFAULT_ENCRYPTION_KMS"), data, sse(data, "AES256")]);
    assert.deepEqual(
      unexpected(evaluations).map((e) => e.resource),
      ["ingestion-bucket"],
    );
  });

  it("should give no exception once its review date has passed", async () => {
    const [e] = evaluateDeployedRules(
      [rule("S3_BUCKET_LOGGING_ENABLED"), accessLogs],
      new Date("2027-02-01T00:00:00Z"),
    );
    assert.deepEqual([e!.compliance, e!.exception], ["NON_COMPLIANT", undefined]);
  });

  it("should find a bucket with a BucketLogging resource COMPLIANT for S3_BUCKET_LOGGING_ENABLED", async () => {
    const data = resource("aws:s3/bucket:Bucket", "ingestion-bucket", {});
    const [e] = evaluateDeployedRules([
      rule("S3_BUCKET_LOGGING_ENABLED"),
      data,
      resource(
        "aws:s3/bucketLogging:BucketLogging",
        "ingestion-logging",
        { targetBucket: "logs" },
        { propertyDependencies: { bucket: [data.urn] } },
      ),
    ]);
    assert.equal(e!.compliance, "COMPLIANT");
  });

  it("should evaluate every rule it documents", async () => {
    assert.deepEqual(
      [...DEPLOYED, ...EXCLUDED_API_RULES].filter((r) => !EVALUATED_RULES.includes(r)),
      [],
    );
  });
});

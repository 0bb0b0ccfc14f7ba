import assert from "node:assert/strict";
import type { PlanResource } from "../../platform-rules/plan-format";
import { UNKNOWN_SENTINELS } from "../runner/proxy";
import { resource } from "../testing/fixtures";
import { describeCases, findingsOf } from "./testing";

const UNKNOWN_NUMBER = Object.keys(UNKNOWN_SENTINELS).find((k) => UNKNOWN_SENTINELS[k] === "number")!;

const after = (r: PlanResource, ...deps: PlanResource[]): PlanResource => ({
  ...r,
  dependencies: [...r.dependencies, ...deps.map((d) => d.urn)],
});

const FN = resource("aws:lambda/function:Function", "processor", { name: "processor-1", timeout: 60 });
const bucket = resource("aws:s3/bucket:Bucket", "ingestion", { bucket: "ingestion-1" });
const permission = resource(
  "aws:lambda/permission:Permission",
  "s3-invoke",
  { action: "lambda:InvokeFunction", function: "processor-1", principal: "s3.amazonaws.com" },
  { propertyDependencies: { function: [FN.urn] } },
);
const notification = (...deps: PlanResource[]) =>
  after(
    resource(
      "aws:s3/bucketNotification:BucketNotification",
      "ingestion-notification",
      { bucket: "ingestion-1", lambdaFunctions: [{ events: ["s3:ObjectCreated:*"], lambdaFunctionArn: "arn:fn" }] },
      { propertyDependencies: { bucket: [bucket.urn], lambdaFunctions: [FN.urn] } },
    ),
    ...deps,
  );

describeCases("bucket-notification-after-permission", [
  {
    should:
      "report a notification put in parallel with the Lambda permission (Unable to validate the following destination configurations)",
    resources: [FN, bucket, permission, notification()],
    violations: [
      /ingestion-notification may be put before s3-invoke, which lets S3 reach processor: S3 then refuses it \("Unable to validate the following destination configurations"\)/,
    ],
  },
  {
    should: "pass a notification that depends on the permission",
    resources: [FN, bucket, permission, notification(permission)],
    violations: [],
  },
  {
    should: "report a Lambda destination without any permission for s3.amazonaws.com",
    resources: [
      FN,
      bucket,
      resource(
        "aws:lambda/permission:Permission",
        "events-invoke",
        { function: "processor-1", principal: "events.amazonaws.com" },
        { propertyDependencies: { function: [FN.urn] } },
      ),
      notification(),
    ],
    violations: [/no aws.lambda.Permission for s3.amazonaws.com exists in this stack/],
  },
  {
    should: "report an SQS destination whose queue policy is not waited for",
    resources: (() => {
      const q = resource("aws:sqs/queue:Queue", "events", {});
      const qp = resource(
        "aws:sqs/queuePolicy:QueuePolicy",
        "events-policy",
        { queueUrl: "u", policy: "{}" },
        { propertyDependencies: { queueUrl: [q.urn] } },
      );
      const n = resource(
        "aws:s3/bucketNotification:BucketNotification",
        "n",
        { bucket: "ingestion-1", queues: [{ queueArn: "arn:q", events: ["s3:ObjectCreated:*"] }] },
        { propertyDependencies: { queues: [q.urn] } },
      );
      return [q, qp, n];
    })(),
    violations: [/n may be put before events-policy/],
  },
]);

const ACCOUNT = resource("aws:apigateway/account:Account", "api-account", { cloudwatchRoleArn: "arn:role" });
const stage = (...deps: PlanResource[]) =>
  after(
    resource("aws:apigateway/stage:Stage", "api-stage", {
      stageName: "live",
      accessLogSettings: { destinationArn: "arn:lg", format: "{}" },
    }),
    ...deps,
  );
const settings = (level: string, ...deps: PlanResource[]) =>
  after(
    resource("aws:apigateway/methodSettings:MethodSettings", "api-settings", {
      methodPath: "*/*",
      settings: { loggingLevel: level },
    }),
    ...deps,
  );

describeCases("api-gateway-logging-after-account", [
  {
    should: "report a stage with access logs created in parallel with the account setting",
    resources: [ACCOUNT, stage()],
    violations: [
      /api-stage turns on logging but may be created before api-account.*"CloudWatch Logs role ARN must be set in account settings to enable logging"/,
    ],
  },
  { should: "pass a stage that depends on the account setting", resources: [ACCOUNT, stage(ACCOUNT)], violations: [] },
  {
    should: "report method settings with loggingLevel ERROR that do not wait",
    resources: [ACCOUNT, stage(ACCOUNT), settings("ERROR")],
    violations: [/api-settings turns on logging/],
  },
  { should: "pass method settings with logging OFF", resources: [ACCOUNT, settings("OFF")], violations: [] },
  {
    should: "not apply when a landing zone provides the account setting (no Account in the stack)",
    resources: [stage()],
    violations: [],
  },
]);

const queue = (visibility?: number) =>
  resource(
    "aws:sqs/queue:Queue",
    "audit-queue",
    visibility === undefined ? {} : { visibilityTimeoutSeconds: visibility },
  );
const mapping = (q: PlanResource, fn: PlanResource) =>
  resource(
    "aws:lambda/eventSourceMapping:EventSourceMapping",
    "audit-processor",
    { eventSourceArn: "arn:q", functionName: "processor-1" },
    { propertyDependencies: { eventSourceArn: [q.urn], functionName: [fn.urn] } },
  );

describeCases("sqs-visibility-covers-lambda-timeout", [
  {
    should: "report SQS's 30 s default visibility under a 60 s function timeout",
    resources: (() => {
      const q = queue();
      return [q, FN, mapping(q, FN)];
    })(),
    violations: [
      /queue audit-queue has visibility timeout 30 s, less than function processor's timeout 60 s \(Lambda: "Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds"\): set visibilityTimeoutSeconds to at least 60/,
    ],
  },
  {
    should: "pass a visibility timeout of 300 s for a 60 s function",
    resources: (() => {
      const q = queue(300);
      return [q, FN, mapping(q, FN)];
    })(),
    violations: [],
  },
  {
    should: "use Lambda's 3 s default timeout when the function sets none",
    resources: (() => {
      const q = queue();
      const f = resource("aws:lambda/function:Function", "processor", { name: "processor-1" });
      return [q, f, mapping(q, f)];
    })(),
    violations: [],
  },
  {
    should: "hold the queue to AWS's recommended six times when minimumRatio is 6",
    resources: (() => {
      const q = queue(300);
      return [q, FN, mapping(q, FN)];
    })(),
    violations: [/less than 6 × function processor's timeout 60 s .* at least 360/],
    config: { "sqs-visibility-covers-lambda-timeout": { minimumRatio: 6 } },
  },
]);

const CLUSTER = "aws:rds/cluster:Cluster";
const windows = (backup?: string, maintenance?: string) => [
  resource(CLUSTER, "db", {
    engine: "aurora-postgresql",
    ...(backup ? { preferredBackupWindow: backup } : {}),
    ...(maintenance ? { preferredMaintenanceWindow: maintenance } : {}),
  }),
];

describeCases("rds-backup-maintenance-windows", [
  {
    should: "pass the platform's 03:00-04:00 backup and sun:04:30-sun:05:30 maintenance",
    resources: windows("03:00-04:00", "sun:04:30-sun:05:30"),
    violations: [],
  },
  {
    should: "report a backup window that overlaps the weekly maintenance window",
    resources: windows("04:00-05:00", "sun:04:30-sun:05:30"),
    violations: [
      /"04:00-05:00" overlaps preferredMaintenanceWindow "sun:04:30-sun:05:30": RDS refuses it \("The backup window and maintenance window must not overlap"\)/,
    ],
  },
  {
    should: "catch an overlap across midnight into the maintenance day",
    resources: windows("23:30-00:30", "mon:00:00-mon:01:00"),
    violations: [/overlaps/],
  },
  {
    should: "catch an overlap from Saturday night into a Sunday window across the week boundary",
    resources: windows("23:00-23:45", "sun:23:30-mon:00:30"),
    violations: [/overlaps/],
  },
  {
    should: "report a backup window shorter than 30 minutes",
    resources: windows("03:00-03:20", "sun:04:30-sun:05:30"),
    violations: [/shorter than the 30 minutes RDS requires/],
  },
  {
    should: "report a malformed maintenance window",
    resources: windows("03:00-04:00", "sunday 04:30"),
    violations: [/is not ddd:hh24:mi-ddd:hh24:mi in UTC/],
  },
  {
    should: "report a maintenance window set without a backup window (RDS picks one at random)",
    resources: windows(undefined, "sun:04:30-sun:05:30"),
    violations: [/RDS then picks a random 30-minute backup window/],
  },
]);

const TARGET_GROUP = "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup";
const pool = (connectionPoolConfig?: Record<string, unknown>) => [
  resource(TARGET_GROUP, "ledger-proxy-target-group", {
    dbProxyName: "ledger-proxy",
    ...(connectionPoolConfig ? { connectionPoolConfig } : {}),
  }),
];

describeCases("rds-proxy-connection-pool", [
  {
    should:
      "report the idle share when maxIdleConnectionsPercent is above maxConnectionsPercent (AWS: 0 to MaxConnectionsPercent)",
    resources: pool({ maxConnectionsPercent: 40, maxIdleConnectionsPercent: 41 }),
    violations: [
      /connectionPoolConfig\.maxIdleConnectionsPercent 41 is outside 0-40 \(0 to maxConnectionsPercent 40\): ModifyDBProxyTargetGroup refuses/,
    ],
  },
  {
    should:
      "report the idle share when maxIdleConnectionsPercent is unset and maxConnectionsPercent is under the provider's default of 50",
    resources: pool({ maxConnectionsPercent: 20 }),
    violations: [/maxIdleConnectionsPercent unset \(the provider sends 50\) is outside 0-20/],
  },
  {
    should: "report the idle share when maxIdleConnectionsPercent is negative",
    resources: pool({ maxConnectionsPercent: 80, maxIdleConnectionsPercent: -1 }),
    violations: [/maxIdleConnectionsPercent -1 is outside 0-80/],
  },
  {
    should: "report the pool size when maxConnectionsPercent is 0 (RDS Proxy takes 1-100)",
    resources: pool({ maxConnectionsPercent: 0, maxIdleConnectionsPercent: 0 }),
    violations: [/connectionPoolConfig\.maxConnectionsPercent 0 is outside RDS Proxy's 1-100/],
  },
  {
    should: "report the pool size when maxConnectionsPercent is 101",
    resources: pool({ maxConnectionsPercent: 101 }),
    violations: [/maxConnectionsPercent 101 is outside RDS Proxy's 1-100/],
  },
  {
    should: "report the pool size when maxConnectionsPercent is not a whole number",
    resources: pool({ maxConnectionsPercent: 50.5 }),
    violations: [/maxConnectionsPercent 50\.5 is outside RDS Proxy's 1-100/],
  },
  {
    should: "report the borrow timeout when connectionBorrowTimeout is 301 (RDS Proxy takes 0-300 seconds)",
    resources: pool({ connectionBorrowTimeout: 301 }),
    violations: [/connectionPoolConfig\.connectionBorrowTimeout 301 is outside RDS Proxy's 0-300 seconds/],
  },
  {
    should: "report the borrow timeout when connectionBorrowTimeout is negative",
    resources: pool({ connectionBorrowTimeout: -1 }),
    violations: [/connectionBorrowTimeout -1 is outside RDS Proxy's 0-300 seconds/],
  },
  {
    should: "pass when the pool is prod's planned 2 % with an idle share of 2 and a 10 s borrow timeout",
    resources: pool({ maxConnectionsPercent: 2, maxIdleConnectionsPercent: 2, connectionBorrowTimeout: 10 }),
    violations: [],
  },
  {
    should: "pass when the pool is the component's default 80 % with an idle share of 50 and a 10 s borrow timeout",
    resources: pool({ maxConnectionsPercent: 80, maxIdleConnectionsPercent: 50, connectionBorrowTimeout: 10 }),
    violations: [],
  },
  {
    should: "pass when maxIdleConnectionsPercent is 0",
    resources: pool({ maxConnectionsPercent: 1, maxIdleConnectionsPercent: 0 }),
    violations: [],
  },
  {
    should: "pass when connectionBorrowTimeout is 300 seconds, the longest",
    resources: pool({ connectionBorrowTimeout: 300 }),
    violations: [],
  },
  {
    should: "pass when connectionBorrowTimeout is 0 (wait without limit)",
    resources: pool({ connectionBorrowTimeout: 0 }),
    violations: [],
  },
  {
    should: "pass when a target group has no connectionPoolConfig (nothing is sent; RDS keeps its defaults)",
    resources: pool(),
    violations: [],
  },
]);

describeCases("stack-scoped-names", [
  {
    should: "report a dashboard name without the stack name (PutDashboard overwrites the other stack's)",
    resources: [
      resource("aws:cloudwatch/dashboard:Dashboard", "services-alarms-dashboard", {
        dashboardName: "services-alarms-services",
        dashboardBody: "{}",
      }),
    ],
    violations: [
      /dashboardName "services-alarms-services" does not contain the stack name "dev": another stack in the same account silently overwrites it/,
    ],
  },
  {
    should: "pass a dashboard name that carries the stack name",
    resources: [
      resource("aws:cloudwatch/dashboard:Dashboard", "d", {
        dashboardName: "services-alarms-dev",
        dashboardBody: "{}",
      }),
    ],
    violations: [],
  },
  {
    should: "report a fixed Config rule name",
    resources: [resource("aws:cfg/rule:Rule", "r", { name: "pci-s3-versioning" })],
    violations: [
      /name "pci-s3-versioning" does not contain the stack name "dev": another stack in the same account collides with it/,
    ],
  },
  {
    should: "leave auto-named resources alone",
    resources: [resource("aws:s3/bucket:Bucket", "audit", {})],
    violations: [],
  },
  {
    should: "leave a name alone when Pulumi generated it from the logical name (a real preview fills it in)",
    resources: [resource("aws:s3/bucket:Bucket", "trade-archive", { bucket: "trade-archive-4f2a1c9" })],
    violations: [],
  },
  {
    should: "report an explicit name that merely starts with the logical name",
    resources: [resource("aws:s3/bucket:Bucket", "trade-archive", { bucket: "trade-archive-eu" })],
    violations: [/bucket "trade-archive-eu" does not contain the stack name "dev"/],
  },
  {
    should: "report a suffix that is not the 7 hex characters Pulumi generates",
    resources: [resource("aws:s3/bucket:Bucket", "trade-archive", { bucket: "trade-archive-4f2a1c" })],
    violations: [/bucket "trade-archive-4f2a1c" does not contain the stack name "dev"/],
  },
  {
    should: "skip exempted types",
    resources: [resource("aws:kms/alias:Alias", "a", { name: "alias/shared-key" })],
    violations: [],
    config: { "stack-scoped-names": { exemptTypes: ["aws:kms/alias:Alias"] } },
  },
]);

describeCases("kms-deletion-window", [
  {
    should: "report a 45-day window (ScheduleKeyDeletion takes at most 30)",
    resources: [resource("aws:kms/key:Key", "k", { deletionWindowInDays: 45 })],
    violations: [/deletionWindowInDays 45 is outside KMS's 7-30 days/],
  },
  {
    should: "report a 3-day window (ScheduleKeyDeletion takes at least 7)",
    resources: [resource("aws:kms/key:Key", "k", { deletionWindowInDays: 3 })],
    violations: [/deletionWindowInDays 3 is outside KMS's 7-30 days/],
  },
  {
    should: "pass 30 and an unset window",
    resources: [resource("aws:kms/key:Key", "k", { deletionWindowInDays: 30 }), resource("aws:kms/key:Key", "j", {})],
    violations: [],
  },
]);

const IR_KEYS = { restApi: "a", resourceId: "r", httpMethod: "GET" };
const mockIntegration = resource("aws:apigateway/integration:Integration", "api-get-health-integration", {
  ...IR_KEYS,
  type: "MOCK",
});
const methodResponse = resource("aws:apigateway/methodResponse:MethodResponse", "api-get-health-200", {
  ...IR_KEYS,
  statusCode: "200",
});
const integrationResponse = (...deps: PlanResource[]) =>
  resource(
    "aws:apigateway/integrationResponse:IntegrationResponse",
    "api-get-health-integration-200",
    { ...IR_KEYS, statusCode: "200" },
    { propertyDependencies: deps.length > 0 ? { httpMethod: deps.map((d) => d.urn) } : {} },
  );

describeCases("api-gateway-integration-response-order", [
  {
    should:
      'report an integration response created in parallel with its integration ("No integration defined for method")',
    resources: [mockIntegration, methodResponse, integrationResponse(methodResponse)],
    violations: [
      /api-get-health-integration-200 may be created before the integration api-get-health-integration: PutIntegrationResponse then fails/,
    ],
  },
  {
    should: "report an integration response that does not wait for its method response",
    resources: [mockIntegration, methodResponse, integrationResponse(mockIntegration)],
    violations: [/before the method response api-get-health-200/],
  },
  {
    should: "pass an integration response that waits for both",
    resources: [mockIntegration, methodResponse, integrationResponse(mockIntegration, methodResponse)],
    violations: [],
  },
]);

describe("rds-proxy-connection-pool (preview)", () => {
  it("should skip with an advisory finding while maxConnectionsPercent is unknown", async () => {
    const findings = await findingsOf("rds-proxy-connection-pool", [
      resource("aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup", "tg", {
        connectionPoolConfig: { maxConnectionsPercent: UNKNOWN_NUMBER, maxIdleConnectionsPercent: 90 },
      }),
    ]);
    assert.deepEqual(
      findings.map((f) => f.enforcementLevel),
      ["advisory"],
    );
  });
});

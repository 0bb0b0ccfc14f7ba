import { describeCases } from "../testing/cases";
import { CMK, resource, urnOf } from "../testing/fixtures";

const TRAIL = "aws:cloudtrail/trail:Trail";
const goodTrail = {
  s3BucketName: "audit",
  isMultiRegionTrail: true,
  includeGlobalServiceEvents: true,
  enableLogFileValidation: true,
  kmsKeyId: CMK,
  cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:trail:*",
  cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/trail",
};
describeCases("cloudtrail-configured", [
  {
    should: "pass a multi-region, validated, CMK-encrypted trail delivering to CloudWatch",
    resources: [resource(TRAIL, "t", goodTrail)],
    violation: null,
  },
  {
    should: "report a single-region trail",
    resources: [resource(TRAIL, "t", { ...goodTrail, isMultiRegionTrail: false })],
    violation: /isMultiRegionTrail/,
  },
  {
    should: "report a trail without log file validation",
    resources: [resource(TRAIL, "t", { ...goodTrail, enableLogFileValidation: undefined })],
    violation: /enableLogFileValidation/,
  },
  {
    should: "report a trail without a CMK",
    resources: [resource(TRAIL, "t", { ...goodTrail, kmsKeyId: undefined })],
    violation: /kmsKeyId to a CMK/,
  },
  {
    should: "report a trail not delivering to CloudWatch Logs",
    resources: [resource(TRAIL, "t", { ...goodTrail, cloudWatchLogsGroupArn: undefined })],
    violation: /cloudWatchLogsGroupArn/,
  },
  {
    should: "report a stopped trail",
    resources: [resource(TRAIL, "t", { ...goodTrail, enableLogging: false })],
    violation: /enableLogging/,
  },
]);

const AWSX_VPC = "awsx:ec2:Vpc";
const VPC = "aws:ec2/vpc:Vpc";
const FLOW = "aws:ec2/flowLog:FlowLog";
const flow = (vpcUrn: string, trafficType = "ALL") =>
  resource(
    FLOW,
    "flow",
    { vpcId: "vpc-1", trafficType, logDestinationType: "cloud-watch-logs" },
    { propertyDependencies: { vpcId: [vpcUrn] } },
  );
describeCases("vpc-flow-logs-enabled", [
  {
    should: "pass an awsx VPC whose flow log names it",
    resources: [resource(AWSX_VPC, "net", {}), flow(urnOf(AWSX_VPC, "net"))],
    violation: null,
  },
  {
    should: "report a VPC without a flow log",
    resources: [resource(VPC, "vpc", { cidrBlock: "10.0.0.0/16" })],
    violation: /has no flow log/,
  },
  {
    should: "report a flow log capturing rejected traffic only",
    resources: [resource(VPC, "vpc", { cidrBlock: "10.0.0.0/16" }), flow(urnOf(VPC, "vpc"), "REJECT")],
    violation: /captures REJECT only/,
  },
  {
    should: "accept a flow log on the awsx parent for its child VPC",
    resources: [
      resource(AWSX_VPC, "net", {}),
      resource(VPC, "net", { cidrBlock: "10.0.0.0/16" }, { parent: urnOf(AWSX_VPC, "net") }),
      flow(urnOf(AWSX_VPC, "net")),
    ],
    violation: null,
  },
]);

const BUCKET = "aws:s3/bucket:Bucket";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const bucket = (name: string) => resource(BUCKET, name, { bucket: name });
const logsTo = (source: string, target: string) =>
  resource(
    LOGGING,
    `${source}-logging`,
    { bucket: source, targetBucket: target },
    { propertyDependencies: { bucket: [urnOf(BUCKET, source)], targetBucket: [urnOf(BUCKET, target)] } },
  );
describeCases("s3-access-logging", [
  {
    should: "pass a data bucket logging to the log bucket, which is exempt itself",
    resources: [bucket("data"), bucket("logs"), logsTo("data", "logs")],
    violation: null,
  },
  {
    should: "report a bucket without access logging",
    resources: [bucket("data")],
    violation: /writes no server access logs/,
  },
  {
    should: "report the log bucket when the exemption is off",
    resources: [bucket("data"), bucket("logs"), logsTo("data", "logs")],
    config: { "s3-access-logging": { exemptAccessLogTargets: false } },
    violation: /Bucket logs writes no/,
  },
]);

const CLUSTER = "aws:rds/cluster:Cluster";
describeCases("rds-log-exports", [
  {
    should: "pass Aurora PostgreSQL exporting postgresql logs",
    resources: [resource(CLUSTER, "db", { engine: "aurora-postgresql", enabledCloudwatchLogsExports: ["postgresql"] })],
    violation: null,
  },
  {
    should: "report Aurora PostgreSQL without log exports",
    resources: [resource(CLUSTER, "db", { engine: "aurora-postgresql" })],
    violation: /postgresql are not exported/,
  },
  {
    should: "report MySQL without the audit log",
    resources: [
      resource("aws:rds/instance:Instance", "db", { engine: "mysql", enabledCloudwatchLogsExports: ["error"] }),
    ],
    violation: /audit are not exported/,
  },
  {
    should: "leave an Aurora member instance to its cluster",
    resources: [resource("aws:rds/instance:Instance", "db", { engine: "aurora-postgresql" })],
    violation: null,
  },
]);

const STAGE = "aws:apigateway/stage:Stage";
const SETTINGS = "aws:apigateway/methodSettings:MethodSettings";
const stage = (inputs: Record<string, unknown> = {}) =>
  resource(STAGE, "live", {
    restApi: "api-1",
    stageName: "live",
    deployment: "d",
    accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:1:log-group:access", format: "{}" },
    ...inputs,
  });
const settings = (s: Record<string, unknown>) =>
  resource(
    SETTINGS,
    "all",
    { restApi: "api-1", stageName: "live", methodPath: "*/*", settings: s },
    { propertyDependencies: { stageName: [urnOf(STAGE, "live")] } },
  );
describeCases("api-gateway-logging", [
  {
    should: "pass a stage with access logs and ERROR execution logs",
    resources: [stage(), settings({ loggingLevel: "ERROR", dataTraceEnabled: false })],
    violation: null,
  },
  {
    should: "report a stage without access logs",
    resources: [stage({ accessLogSettings: undefined }), settings({ loggingLevel: "INFO" })],
    violation: /writes no access logs/,
  },
  {
    should: "report a stage without execution logging",
    resources: [stage(), settings({ loggingLevel: "OFF" })],
    violation: /no execution logging/,
  },
  {
    should: "report data trace on",
    resources: [stage(), settings({ loggingLevel: "INFO", dataTraceEnabled: true })],
    violation: /data trace on/,
  },
  {
    should: "report an HTTP API stage without access logs",
    resources: [resource("aws:apigatewayv2/stage:Stage", "v2", { apiId: "a", name: "$default" })],
    violation: /writes no access logs/,
  },
]);

const ACL = "aws:wafv2/webAcl:WebAcl";
describeCases("waf-logging", [
  {
    should: "pass a web ACL with a logging configuration",
    resources: [
      resource(ACL, "acl", { scope: "REGIONAL" }),
      resource(
        "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
        "log",
        { resourceArn: "arn", logDestinationConfigs: ["arn:aws:logs:us-east-1:1:log-group:aws-waf-logs-x"] },
        { propertyDependencies: { resourceArn: [urnOf(ACL, "acl")] } },
      ),
    ],
    violation: null,
  },
  {
    should: "report a web ACL without logging",
    resources: [resource(ACL, "acl", { scope: "REGIONAL" })],
    violation: /has no logging configuration/,
  },
]);

const VAULT = "azure-native:keyvault:Vault";
const SETTING = "azure-native:monitor:DiagnosticSetting";
const diag = (inputs: Record<string, unknown>) =>
  resource(
    SETTING,
    "vault-diag",
    { resourceUri: "/x", workspaceId: "/w", ...inputs },
    { propertyDependencies: { resourceUri: [urnOf(VAULT, "vault")] } },
  );
describeCases("azure-diagnostic-settings", [
  {
    should: "pass a vault sending allLogs to a workspace",
    resources: [resource(VAULT, "vault", {}), diag({ logs: [{ categoryGroup: "allLogs", enabled: true }] })],
    violation: null,
  },
  {
    should: "report a vault without a diagnostic setting",
    resources: [resource(VAULT, "vault", {})],
    violation: /has no diagnostic setting/,
  },
  {
    should: "report a setting with everything disabled",
    resources: [resource(VAULT, "vault", {}), diag({ logs: [{ categoryGroup: "allLogs", enabled: false }] })],
    violation: /sends nothing/,
  },
  {
    should: "judge a pinned vault token like the base type",
    resources: [resource("azure-native:keyvault/v20230701:Vault", "vault", {})],
    violation: /has no diagnostic setting/,
  },
]);

const GROUP = "aws:cloudwatch/logGroup:LogGroup";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const lifecycle = (rules: unknown[]) =>
  resource(
    LIFECYCLE,
    "logs-lifecycle",
    { bucket: "logs", rules },
    { propertyDependencies: { bucket: [urnOf(BUCKET, "logs")] } },
  );
describeCases("log-retention", [
  {
    should: "pass a log group kept 400 days",
    resources: [resource(GROUP, "g", { retentionInDays: 400 })],
    violation: null,
  },
  {
    should: "report a log group kept 90 days",
    resources: [resource(GROUP, "g", { retentionInDays: 90 })],
    violation: /keeps logs 90 days/,
  },
  {
    should: "report a log group without an explicit retention",
    resources: [resource(GROUP, "g", {})],
    violation: /sets no retentionInDays/,
  },
  {
    should: "report a Log Analytics workspace kept 30 days",
    resources: [resource("azure-native:operationalinsights:Workspace", "w", { retentionInDays: 30 })],
    violation: /keeps logs 30 days/,
  },
  {
    should: "report a log table whose interactive retention is under 90 days",
    resources: [
      resource("azure-native:operationalinsights:Table", "t", { retentionInDays: 30, totalRetentionInDays: 400 }),
    ],
    violation: /interactive 30 days/,
  },
  {
    should: "report a log bucket expiring logs before a year",
    resources: [
      bucket("data"),
      bucket("logs"),
      logsTo("data", "logs"),
      lifecycle([{ id: "expire", status: "Enabled", expiration: { days: 180 } }]),
    ],
    violation: /expire-? ?.*deletes logs after 180 days|deletes logs after 180 days/,
  },
  {
    should: "report a log bucket archiving to Glacier before 90 days",
    resources: [
      bucket("data"),
      bucket("logs"),
      logsTo("data", "logs"),
      lifecycle([
        {
          id: "archive",
          status: "Enabled",
          transitions: [{ days: 30, storageClass: "GLACIER" }],
          expiration: { days: 400 },
        },
      ]),
    ],
    violation: /archives logs to GLACIER after 30 days/,
  },
  {
    should: "accept Glacier Instant Retrieval early, which stays immediately available",
    resources: [
      bucket("data"),
      bucket("logs"),
      logsTo("data", "logs"),
      lifecycle([
        {
          id: "ir",
          status: "Enabled",
          transitions: [{ days: 30, storageClass: "GLACIER_IR" }],
          expiration: { days: 400 },
        },
      ]),
    ],
    violation: null,
  },
]);

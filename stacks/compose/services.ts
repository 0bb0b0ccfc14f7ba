/**
 * Lambda services, API Gateway, WAF, messaging and alarms (issue #5). See
 * docs/components/services.md. Function code comes from `npm run build:lambdas`.
 *
 *   audit topic ─▶ audit queue ─▶ audit-processor ─▶ audit table          (DLQ after N receives)
 *   api.<zone> ─▶ WAF ─▶ REST API ─▶ trade-api ─▶ Aurora (IAM auth as trade_api), audit topic
 *                          └─ authorizer ─▶ trade-api-authorizer ─▶ api-keys table (hashes), audit topic (denials)
 *   deploy ─▶ trade-api-migrations (Invocation) ─▶ trade-api-migrate ─▶ Aurora (master secret)
 *   schedule ─▶ trade-api-digest ─▶ Aurora (IAM auth as trade_digest) + ledger-digests bucket (Object Lock)
 *   schedule ─▶ trade-api-outbox ─▶ Aurora (IAM auth as trade_outbox) ─▶ audit topic  (events the relay left behind)
 *   trade-api / trade-api-digest / trade-api-outbox ─▶ RDS Proxy (end-to-end IAM, TLS) ─▶ Aurora  (platform:aurora.proxy enabled)
 *   ingestion bucket incoming/ ─▶ data-processor ─▶ analytics bucket     (failures ─▶ DLQ)
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ApiDomain } from "../../components/services/api-domain";
import { AuditMessaging } from "../../components/services/audit-messaging";
import { BucketTrigger } from "../../components/services/bucket-trigger";
import { lambdaCode } from "../../components/services/lambda-code";
import { LambdaFunction, type LambdaFunctionArgs } from "../../components/services/lambda-function";
import { DeadLetterQueue } from "../../components/services/queues";
import { ServiceAlarms } from "../../components/services/service-alarms";
import { TradeApiGateway } from "../../components/services/trade-api-gateway";
import { WebAcl } from "../../components/services/web-acl";
import { DatabaseProxy } from "../../components/database/proxy";
import { proxyPool } from "../../platform-rules/aurora";
import { TRADE_API_DB_USER, TRADE_DIGEST_DB_USER, TRADE_OUTBOX_DB_USER } from "../../platform-rules/database";
import { AnomalyAlarms } from "../../components/operations";
import { AUDIT_DENIED_OR_FAILED_PATTERN } from "../../platform-rules/audit-stream";
import type { AlertRoutes } from "./alerts";
import type { CoreOutputs, ServicesOutputs, StackContext } from "./contracts";
import tradeApiMigrations from "./trade-api-migrations.json";
import {
  dataProcessorStatements,
  databaseSecretStatements,
  auditOutboxStatements,
  auditProcessorStatements,
  ledgerDigestStatements,
  tradeApiAuthorizerStatements,
  tradeApiStatements,
  type DbConnectTarget,
} from "./services-iam";

/** Function timeouts (seconds). The audit queue's visibility (300 s) is ≥ 6 × the processor's. */
export const TIMEOUTS = {
  tradeApi: 10,
  tradeApiAuthorizer: 5,
  tradeApiMigrate: 300,
  tradeApiDigest: 50,
  tradeApiOutbox: 50,
  auditProcessor: 30,
  dataProcessor: 60,
} as const;
/** Output prefixes the data processor writes (its README defaults). */
export const DATA_PREFIXES = { analytics: "market-data/", quarantine: "quarantine/" } as const;

/**
 * The public hosted zone of `platform:dr.dns.zoneName`, looked up, never created: the DNS
 * bootstrap (docs/accounts-and-dns.md) creates and delegates it once, so ACM's DNS validation
 * on the first `up` finds a zone resolvers already reach. By `platform:dns.hostedZoneId` when
 * set (the zone's name must then match), otherwise by name.
 */
export function lookupHostedZone(ctx: StackContext): {
  zoneId: pulumi.Output<string>;
  nameServers: pulumi.Output<string[]>;
} {
  const zoneName = ctx.config.dr.dns.zoneName;
  const id = ctx.config.dns.hostedZoneId;
  const found =
    id !== undefined
      ? aws.route53.getZoneOutput({ zoneId: id }, { provider: ctx.aws })
      : aws.route53.getZoneOutput({ name: zoneName, privateZone: false }, { provider: ctx.aws });
  const zoneId = found.apply((z) => {
    const name = z.name.replace(/\.$/, "").toLowerCase();
    if (name !== zoneName) {
      throw new pulumi.RunError(
        `platform:dns.hostedZoneId: ${id} is the hosted zone of ${name}, not of platform:dr.dns.zoneName (${zoneName}); fix one of them`,
      );
    }
    if (z.privateZone)
      throw new pulumi.RunError(
        `platform:dns.hostedZoneId: ${id} is a private hosted zone; ACM and clients need the public zone of ${zoneName}`,
      );
    return z.zoneId;
  });
  return { zoneId, nameServers: found.nameServers };
}

export function composeServices(
  ctx: StackContext,
  core: CoreOutputs,
  alerts: AlertRoutes,
): ServicesOutputs & { exports: Record<string, unknown> } {
  const { config } = ctx;
  const cfg = config.services;
  const region = config.awsRegion;
  const protection = config.protection;
  const opts = { providers: { aws: ctx.aws } };
  const accountId = core.accountId;

  const fn = (name: string, timeoutSeconds: number, reservedConcurrency: number, extra: Partial<LambdaFunctionArgs>) =>
    new LambdaFunction(
      name,
      {
        code: lambdaCode(name),
        timeoutSeconds,
        reservedConcurrency,
        memoryMb: cfg.memoryMb,
        environmentKeyArn: core.keys.lambda.arn,
        logsKeyArn: core.keys.logs.arn,
        logRetentionDays: cfg.logRetentionDays,
        logLevel: config.environment === "prod" ? "INFO" : "DEBUG",
        vpc: {
          subnetIds: core.network.appSubnetIds,
          securityGroupIds: core.network.appSecurityGroupId.apply((id) => [id]),
        },
        allowedRegions: config.allowedAwsRegions,
        protection,
        ...extra,
      },
      opts,
    );

  // Audit pipeline. The processor exists first so the messaging component can grant its role
  // the queue and wire the event source mapping.
  const auditProcessor = fn("audit-processor", TIMEOUTS.auditProcessor, cfg.reservedConcurrency.auditProcessor, {
    description: "Stores audit events from the audit queue in the audit table",
    environment: { AUDIT_TABLE_NAME: core.tables.auditEvents.name },
    policyStatements: auditProcessorStatements(core, region),
  });
  const audit = new AuditMessaging(
    "audit",
    {
      accountId,
      messagingKeyArn: core.keys.messaging.arn,
      processor: {
        functionName: auditProcessor.functionName,
        roleName: auditProcessor.roleName,
        timeoutSeconds: TIMEOUTS.auditProcessor,
      },
      maxReceiveCount: cfg.dlqMaxReceiveCount,
      deliveryStatusLogging: { region, logsKeyArn: core.keys.logs.arn, retentionDays: cfg.logRetentionDays },
      protection,
    },
    opts,
  );

  // Trade API and its migration step. Only the migration function holds the master secret; it
  // runs on every deploy whose migrations changed and creates the trade_api login, which the
  // API uses with IAM auth tokens (rds-db:connect on that one database user).
  const db = core.database;
  const dbEndpoint = {
    DB_HOST: db.endpoint,
    DB_PORT: String(db.port),
    DB_NAME: db.databaseName,
    NODE_EXTRA_CA_CERTS: "/var/runtime/ca-cert.pem",
  };
  const migrate = fn("trade-api-migrate", TIMEOUTS.tradeApiMigrate, 0, {
    description: "Applies the trade ledger migrations as the master user; invoked by the deploy",
    environment: { ...dbEndpoint, DB_SECRET_ARN: db.masterSecretArn },
    policyStatements: databaseSecretStatements(core, region),
  });
  // The migrations' fingerprint (generated from services/trade-api/store by `npm run docs`).
  const fingerprint = tradeApiMigrations.fingerprint;
  const migrations = new aws.lambda.Invocation(
    "trade-api-migrations",
    {
      functionName: migrate.functionName,
      // The function checks this against the migrations it was built with (a stale bundle fails
      // the deploy); a new fingerprint or a new cluster invokes it again. It waits for the
      // cluster's instances: the cluster resource alone accepts no connections.
      input: JSON.stringify({ migrations: fingerprint }),
      triggers: { migrations: fingerprint, cluster: db.clusterResourceId },
    },
    { provider: ctx.aws, dependsOn: [migrate, db.cluster] },
  );
  // Read from the invocation, so every function that reads the database is updated only after the
  // migrations ran (a component's dependsOn would not reach the function inside it).
  const appliedMigrations = migrations.input.apply((input) => (JSON.parse(input) as { migrations: string }).migrations);
  // The API and the digest writer reach Aurora through RDS Proxy when it is on: one bounded
  // pool for every Lambda instance. Their IAM tokens are then signed for the proxy's endpoint and
  // name the proxy's resource id; the migration function keeps the writer endpoint.
  const proxy =
    config.aurora.proxy === "enabled"
      ? composeProxy(ctx, core, [TRADE_API_DB_USER, TRADE_DIGEST_DB_USER, TRADE_OUTBOX_DB_USER], opts)
      : undefined;
  // One connection per instance: a Lambda instance serves one request at a time. Behind RDS Proxy a
  // second one would also pin: verification then imports its snapshot there (SET TRANSACTION SNAPSHOT).
  const appDb = { ...dbEndpoint, ...(proxy ? { DB_HOST: proxy.endpoint } : {}), DB_POOL_MAX: "1" };
  // The order lookup reads on a reader (the API falls back to the writer for an order the reader
  // has not replayed yet); with no reader instance it stays on the writer (DB_READER_HOST unset).
  const readerHost = config.aurora.readerInstances < 1 ? undefined : proxy ? proxy.readerEndpoint : db.readerEndpoint;
  const connectTarget: DbConnectTarget = proxy ? { kind: "proxy", resourceId: proxy.resourceId } : { kind: "cluster" };
  const tradeApi = fn("trade-api", TIMEOUTS.tradeApi, cfg.reservedConcurrency.tradeApi, {
    description: "FX trade API (API Gateway REST proxy)",
    environment: {
      ...appDb,
      ...(readerHost ? { DB_READER_HOST: readerHost } : {}),
      DB_IAM_USER: TRADE_API_DB_USER,
      DB_MIGRATIONS: appliedMigrations,
      AUDIT_TOPIC_ARN: audit.topicArn,
      ALLOWED_PAIRS: cfg.allowedPairs.join(","),
    },
    policyStatements: tradeApiStatements(core, audit.topicArn, region, TRADE_API_DB_USER, connectTarget),
  });
  // The REST API's Lambda authorizer: checks each client key against the hashed api-keys table
  // (API Gateway caches its answer per key). Unreserved: it runs once per key per cache TTL.
  const tradeApiAuthorizer = fn("trade-api-authorizer", TIMEOUTS.tradeApiAuthorizer, 0, {
    description: "Lambda REQUEST authorizer of the trade API: client keys against the hashed api-keys table",
    environment: { API_KEYS_TABLE: core.tables.apiKeys.name, AUDIT_TOPIC_ARN: audit.topicArn },
    policyStatements: tradeApiAuthorizerStatements(core, audit.topicArn, region),
  });

  // Ledger digests: every chain's head under a Merkle root, in the database and in the Object
  // Lock bucket, on a schedule (services/trade-api/digest-handler.ts). After the migrations, as
  // the API is: trade_digest exists from migration 006 on.
  const digest = fn("trade-api-digest", TIMEOUTS.tradeApiDigest, 0, {
    description: "Writes the ledger digest (Merkle root of every chain head) to Aurora and the Object Lock bucket",
    environment: {
      ...appDb,
      DB_IAM_USER: TRADE_DIGEST_DB_USER,
      DB_MIGRATIONS: appliedMigrations,
      DIGEST_BUCKET: core.buckets.ledgerDigests.bucket,
    },
    policyStatements: ledgerDigestStatements(core, region, TRADE_DIGEST_DB_USER, connectTarget),
  });
  // No retries: the next run is at most one interval away and repairs a missed copy.
  invokeOnSchedule(ctx, "trade-api-digest", digest, {
    description: "Ledger digest interval (platform:services.ledgerDigestSchedule)",
    scheduleExpression: cfg.ledgerDigestSchedule,
  });

  // Audit outbox sweeper (services/trade-api/outbox-handler.ts): publishes the booking audit
  // events the API's relay left behind (a crash or a failed publish after the commit). After the
  // migrations, as the API is: trade_outbox exists from migration 007 on.
  const outbox = fn("trade-api-outbox", TIMEOUTS.tradeApiOutbox, 0, {
    description: "Publishes booking audit events left in the ledger's outbox to the audit topic",
    environment: {
      ...appDb,
      DB_IAM_USER: TRADE_OUTBOX_DB_USER,
      DB_MIGRATIONS: appliedMigrations,
      AUDIT_TOPIC_ARN: audit.topicArn,
    },
    policyStatements: auditOutboxStatements(core, audit.topicArn, region, TRADE_OUTBOX_DB_USER, connectTarget),
  });
  // No retries: a failed run leaves its events in the outbox and the next run is a minute away.
  invokeOnSchedule(ctx, "trade-api-outbox", outbox, {
    description: "Audit outbox sweep interval (platform:services.auditOutboxSchedule)",
    scheduleExpression: cfg.auditOutboxSchedule,
  });

  // Data processor: S3 notifications are asynchronous, so failures go to a DLQ.
  const dataDlq = new DeadLetterQueue("data-processor-dlq", { keyArn: core.keys.messaging.arn, protection }, opts);
  const dataProcessor = fn("data-processor", TIMEOUTS.dataProcessor, cfg.reservedConcurrency.dataProcessor, {
    description: "Normalizes market-data files from the ingestion bucket into the analytics bucket",
    environment: {
      INGESTION_BUCKET: core.buckets.ingestion.bucket,
      ANALYTICS_BUCKET: core.buckets.analytics.bucket,
      ANALYTICS_PREFIX: DATA_PREFIXES.analytics,
      QUARANTINE_PREFIX: DATA_PREFIXES.quarantine,
    },
    policyStatements: dataProcessorStatements(core, region, { incoming: cfg.ingestionPrefix, ...DATA_PREFIXES }),
    asyncFailure: { deadLetterQueueArn: dataDlq.arn, queueKeyArn: core.keys.messaging.arn },
  });
  new BucketTrigger(
    "data-ingestion",
    {
      bucket: core.buckets.ingestion.bucket,
      bucketArn: core.buckets.ingestion.arn,
      accountId,
      functionArn: dataProcessor.arn,
      filterPrefix: cfg.ingestionPrefix,
    },
    opts,
  );

  // Public entry: the existing hosted zone, TLS 1.2 custom domain, REST API, WAF.
  const dns = config.dr.dns;
  const apiFqdn = `${dns.recordName}.${dns.zoneName}`;
  const zone = lookupHostedZone(ctx);
  const domain = new ApiDomain("api-domain", { domainName: apiFqdn, zoneId: zone.zoneId }, opts);
  // With DR on, Route 53 must probe AWS itself, never the failover name (after a failover that
  // would probe Azure). The execute-api endpoint is disabled, so the probe gets its own custom
  // domain on the same stage, with an alias that never fails over.
  const originFqdn = `${dns.recordName}-origin.${dns.zoneName}`;
  const origin = config.dr.enabled
    ? new ApiDomain("api-origin-domain", { domainName: originFqdn, zoneId: zone.zoneId }, opts)
    : undefined;
  const api = new TradeApiGateway(
    "api",
    {
      handler: { arn: tradeApi.arn, invokeArn: tradeApi.invokeArn },
      authorizer: { arn: tradeApiAuthorizer.arn, invokeArn: tradeApiAuthorizer.invokeArn },
      logsKeyArn: core.keys.logs.arn,
      logRetentionDays: cfg.logRetentionDays,
      throttle: cfg.apiThrottle,
      executionLogLevel: cfg.apiExecutionLogLevel,
      cache: cfg.apiCache,
      domainName: domain.domainName,
      additionalDomainNames: origin ? [origin.domainName] : [],
      // The region's API Gateway CloudWatch role is an account setting: set here only when this
      // stack owns the account baseline; a landing zone sets it otherwise.
      accountLogging: config.account.baseline === "managed" ? "create" : "existing",
      protection,
    },
    opts,
  );
  const waf = new WebAcl(
    "api-waf",
    {
      resourceArn: api.stageArn,
      rateLimitPer5Min: cfg.wafRateLimitPer5Min,
      managedRuleGroups: cfg.wafManagedRuleGroups,
      logsKeyArn: core.keys.logs.arn,
      logRetentionDays: cfg.logRetentionDays,
      protection,
    },
    opts,
  );
  if (!config.dr.enabled) {
    // With DR on, the DR part owns this name (a failover pair); without it, a plain alias.
    new aws.route53.Record(
      "api-alias",
      {
        zoneId: zone.zoneId,
        name: apiFqdn,
        type: "A",
        aliases: [{ name: domain.regionalDomainName, zoneId: domain.regionalZoneId, evaluateTargetHealth: false }],
      },
      { provider: ctx.aws },
    );
  }
  if (origin) {
    new aws.route53.Record(
      "api-origin-alias",
      {
        zoneId: zone.zoneId,
        name: originFqdn,
        type: "A",
        aliases: [{ name: origin.regionalDomainName, zoneId: origin.regionalZoneId, evaluateTargetHealth: false }],
      },
      { provider: ctx.aws },
    );
  }

  const alarms = new ServiceAlarms(
    "services-alarms",
    {
      region,
      routes: alerts,
      api: {
        apiName: api.restApi.name,
        stageName: api.stageName,
        p95LatencyMs: cfg.slo.p95LatencyMs,
        p99LatencyMs: cfg.slo.p99LatencyMs,
        fiveXxPercent: cfg.slo.fiveXxPercent,
      },
      deadLetterMaxAgeSeconds: cfg.slo.deadLetterMaxAgeSeconds,
      functions: [
        // trade-api-authorizer has no alarms of its own: its failures are AUTHORIZER_FAILURE 500s,
        // which the API's 5XX alarm pages on (and two more alarms would lift dev idle past $60).
        { label: "trade-api", functionName: tradeApi.functionName },
        { label: "trade-api-digest", functionName: digest.functionName },
        // A run that could not publish fails: the errors alarm says events wait in the outbox.
        { label: "trade-api-outbox", functionName: outbox.functionName },
        { label: "audit-processor", functionName: auditProcessor.functionName },
        { label: "data-processor", functionName: dataProcessor.functionName },
      ],
      queues: [{ label: "audit-queue", queueName: audit.queueName }],
      deadLetterQueues: [
        { label: "audit-dlq", queueName: audit.deadLetterQueueName },
        { label: "data-processor-dlq", queueName: dataDlq.queueName },
      ],
      database: {
        clusterIdentifier: core.database.clusterIdentifier,
        maxConnections: cfg.slo.databaseMaxConnections,
        ...(proxy ? { proxyName: proxy.proxyName } : {}),
      },
      tables: [
        { label: "api-keys", tableName: core.tables.apiKeys.name },
        { label: "audit-events", tableName: core.tables.auditEvents.name },
      ],
      webAclName: waf.webAclName,
      // Dashboards are named per account and region: one per stack.
      dashboardName: `${config.project}-${config.stack}-services`,
    },
    opts,
  );

  if (config.alerts.anomalyDetection === "on") {
    const apiDims = { ApiName: api.restApi.name, Stage: api.stageName };
    new AnomalyAlarms(
      "anomaly",
      {
        topicArn: alerts.ticket,
        signals: [
          {
            label: "api-latency",
            description: "Trade API p95 latency",
            namespace: "AWS/ApiGateway",
            metricName: "Latency",
            dimensions: apiDims,
            stat: "p95",
            direction: "above",
          },
          // API Gateway's Average of 4XXError and 5XXError is the error rate.
          {
            label: "api-4xx-rate",
            description: "Trade API 4XX rate",
            namespace: "AWS/ApiGateway",
            metricName: "4XXError",
            dimensions: apiDims,
            stat: "Average",
            direction: "above",
          },
          {
            label: "api-5xx-rate",
            description: "Trade API 5XX rate",
            namespace: "AWS/ApiGateway",
            metricName: "5XXError",
            dimensions: apiDims,
            stat: "Average",
            direction: "above",
          },
          {
            label: "orders-booked",
            description: "Booked orders (the trade API's OrderBooked metric)",
            namespace: "FxPlatform",
            metricName: "OrderBooked",
            dimensions: { service: "trade-api" },
            stat: "Sum",
            direction: "below",
          },
          ...[
            ["trade-api", tradeApi],
            ["audit-processor", auditProcessor],
            ["data-processor", dataProcessor],
          ].map(([label, f]) => ({
            label: `${label as string}-errors`,
            description: `${label as string} function errors`,
            namespace: "AWS/Lambda",
            metricName: "Errors",
            dimensions: { FunctionName: (f as typeof tradeApi).functionName },
            stat: "Sum",
            direction: "above" as const,
          })),
        ],
        auditStream: { logGroupName: auditProcessor.logGroupName, pattern: AUDIT_DENIED_OR_FAILED_PATTERN },
      },
      opts,
    );
  }

  return {
    apiUrl: pulumi.output(`https://${apiFqdn}/`),
    ...(origin ? { apiOriginUrl: pulumi.output(`https://${originFqdn}/`) } : {}),
    apiHealthCheckFqdn: domain.regionalDomainName,
    apiRegionalZoneId: domain.regionalZoneId,
    apiDomainName: apiFqdn,
    hostedZoneId: zone.zoneId,
    auditTopicArn: audit.topicArn,
    // DR's alarms (failover, replication lag, standby health) are on the page route.
    alarmTopicArn: alerts.page,
    exports: {
      apiUrl: `https://${apiFqdn}/`,
      apiUsagePlanId: api.usagePlanId,
      apiZoneNameServers: zone.nameServers,
      auditTopicArn: audit.topicArn,
      auditDeadLetterQueueUrl: audit.deadLetterQueue.url,
      dataProcessorDeadLetterQueueUrl: dataDlq.url,
      servicesDashboard: alarms.dashboardName,
      tradeApiMigrateFunction: migrate.functionName,
      ledgerDigestBucket: core.buckets.ledgerDigests.bucket,
      ledgerDigestFunction: digest.functionName,
      auditOutboxFunction: outbox.functionName,
      databaseProxyEndpoint: proxy?.endpoint ?? null,
    },
  };
}

/**
 * RDS Proxy in the data tier with the data tier's security group: it accepts the app tier on the
 * database port (the existing rule) and reaches the cluster through a rule from the group to
 * itself, which this adds.
 */
function composeProxy(
  ctx: StackContext,
  core: CoreOutputs,
  dbUsers: string[],
  opts: pulumi.ComponentResourceOptions,
): DatabaseProxy {
  const sg = core.network.dataSecurityGroupId;
  const port = core.database.port;
  const pool = proxyPool(ctx.config.aurora.minCapacity, ctx.config.aurora.maxCapacity);
  const proxy = new DatabaseProxy(
    "db-proxy",
    {
      proxyName: `${ctx.config.project}-${ctx.config.stack}-trade`,
      clusterIdentifier: core.database.clusterIdentifier,
      clusterResourceId: core.database.clusterResourceId,
      subnetIds: core.network.dataSubnetIds,
      securityGroupIds: sg.apply((id) => [id]),
      dbUsers,
      region: ctx.config.awsRegion,
      accountId: core.accountId,
      // Reads (GET /v1/orders/{orderId}) go to the readers when there is one to go to.
      readerEndpoint: ctx.config.aurora.readerInstances >= 1 ? "enabled" : "disabled",
      // A pool the writer's CPU can run (platform-rules/aurora.ts), not 80 % of max_connections:
      // beyond it bookings wait at the proxy for a connection instead of sharing the writer's
      // cores (docs/ledger-capacity.md). Unknown max_connections: the component's default.
      ...(pool === undefined ? {} : { maxConnectionsPercent: pool.percent }),
    },
    { ...opts, dependsOn: [core.database.cluster] },
  );
  new aws.vpc.SecurityGroupEgressRule(
    "db-proxy-to-cluster",
    {
      securityGroupId: sg,
      referencedSecurityGroupId: sg,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description: "RDS Proxy to the Aurora cluster",
    },
    { provider: ctx.aws },
  );
  new aws.vpc.SecurityGroupIngressRule(
    "db-cluster-from-proxy",
    {
      securityGroupId: sg,
      referencedSecurityGroupId: sg,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description: "Aurora from RDS Proxy",
    },
    { provider: ctx.aws },
  );
  return proxy;
}

/**
 * Runs a function on an EventBridge schedule: `<prefix>-schedule` (the rule), `-invoke` (the
 * permission, for that rule only) and `-target`, with no retries: a scheduled run that fails is
 * repaired by the next one, never replayed late.
 */
function invokeOnSchedule(
  ctx: StackContext,
  prefix: string,
  target: { readonly functionName: pulumi.Input<string>; readonly arn: pulumi.Input<string> },
  schedule: { readonly description: string; readonly scheduleExpression: string },
): void {
  const rule = new aws.cloudwatch.EventRule(`${prefix}-schedule`, schedule, { provider: ctx.aws });
  const permission = new aws.lambda.Permission(
    `${prefix}-invoke`,
    {
      function: target.functionName,
      action: "lambda:InvokeFunction",
      principal: "events.amazonaws.com",
      sourceArn: rule.arn,
    },
    { provider: ctx.aws },
  );
  new aws.cloudwatch.EventTarget(
    `${prefix}-target`,
    { rule: rule.name, arn: target.arn, retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 } },
    { provider: ctx.aws, dependsOn: [permission] },
  );
}

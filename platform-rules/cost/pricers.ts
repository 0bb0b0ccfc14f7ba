/**
 * One pricer per priced resource type: what it is billed for, from its inputs (and, for
 * components such as awsx's VPC whose children the plan never sees, from its args). Each returns
 * unpriced components (quantities); estimate.ts multiplies, applies free tiers and totals.
 */
import type { CostKind } from "./estimate-types";
import type { Usage } from "./usage";

/** The part of a plan resource an estimate reads. */
export interface CostInput {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** `<provider urn>::<provider id>`, as in the plan. */
  readonly provider?: string;
}

export interface Quantity {
  readonly name: string;
  readonly kind: CostKind;
  /** Catalog item, priced in the resource's region unless `region` says otherwise. */
  readonly item: string;
  readonly quantity: number;
  readonly region?: string;
}

export interface PricerContext {
  readonly usage: Usage;
  readonly hoursPerMonth: number;
  /** Every resource of the stack, e.g. to find a cluster's instances. */
  readonly all: readonly CostInput[];
  /** Resources of `type`, for splitting a stack-wide usage figure among them. */
  readonly countOf: (type: string) => number;
}

export type Pricer = (r: CostInput, ctx: PricerContext) => Quantity[];

/** Thrown by a pricer for a resource it cannot price (listed under `notPriced` with the reason). */
export class Unpriceable extends Error {}

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const num = (v: unknown, fallback: number): number => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** A stack-wide usage figure shared equally among the resources of one type. */
const share = (total: number, r: CostInput, ctx: PricerContext): number => total / Math.max(1, ctx.countOf(r.type));

const fixedHours = (name: string, item: string, count: number, ctx: PricerContext): Quantity => ({
  name,
  kind: "fixed",
  item,
  quantity: count * ctx.hoursPerMonth,
});

function natGateways(strategy: string | undefined, azs: number): number {
  if (strategy === "OnePerAz") return azs;
  if (strategy === "Single") return 1;
  return 0;
}

/** awsx.ec2.Vpc is a remote component: its NAT gateways and their Elastic IPs never reach the plan. */
const vpc: Pricer = (r, ctx) => {
  const nat = natGateways(str(obj(r.inputs["natGateways"])["strategy"]), num(r.inputs["numberOfAvailabilityZones"], 2));
  if (nat === 0) return [];
  return [
    fixedHours(`NAT gateway hours (${nat} gateway${nat > 1 ? "s" : ""})`, "nat-gateway-hour", nat, ctx),
    fixedHours(`public IPv4 hours (${nat} Elastic IP${nat > 1 ? "s" : ""})`, "public-ipv4-hour", nat, ctx),
    {
      name: "NAT data processed",
      kind: "usage",
      item: "nat-gateway-gb",
      quantity: ctx.usage.natGateway.processedGbPerMonth,
    },
  ];
};

const vpcEndpoint: Pricer = (r, ctx) => {
  if (r.inputs["vpcEndpointType"] !== "Interface") return [];
  const azs = Math.max(1, arr(r.inputs["subnetIds"]).length);
  const interfaces = ctx.all.filter((x) => x.type === r.type && x.inputs["vpcEndpointType"] === "Interface").length;
  return [
    fixedHours(`endpoint hours (${azs} AZ${azs > 1 ? "s" : ""})`, "interface-endpoint-az-hour", azs, ctx),
    {
      name: "endpoint data processed",
      kind: "usage",
      item: "interface-endpoint-gb",
      quantity: ctx.usage.interfaceEndpoints.processedGbPerMonth / Math.max(1, interfaces),
    },
  ];
};

const clusterOf = (instance: CostInput, ctx: PricerContext): CostInput | undefined =>
  ctx.all.find(
    (c) =>
      c.type === "aws:rds/cluster:Cluster" && c.inputs["clusterIdentifier"] === instance.inputs["clusterIdentifier"],
  );

/** Serverless v2 pauses at 0 ACUs only when nothing keeps it awake; logical replication does. */
function cannotPause(cluster: CostInput, ctx: PricerContext): string | undefined {
  const groupName = cluster.inputs["dbClusterParameterGroupName"];
  const group = ctx.all.find(
    (g) =>
      g.type === "aws:rds/clusterParameterGroup:ClusterParameterGroup" &&
      groupName !== undefined &&
      (g.inputs["name"] === groupName || String(groupName).startsWith(`${g.name}-`)),
  );
  const logical = arr(group?.inputs["parameters"]).some(
    (p) => obj(p)["name"] === "rds.logical_replication" && String(obj(p)["value"]) === "1",
  );
  return logical ? "rds.logical_replication=1 keeps it from pausing" : undefined;
}

/** The smallest ACU setting Serverless v2 runs at when it is not paused. */
const MIN_RUNNING_ACU = 0.5;

const auroraInstance: Pricer = (r, ctx) => {
  if (r.inputs["instanceClass"] !== "db.serverless")
    throw new Unpriceable(
      `instance class ${String(r.inputs["instanceClass"])} is not in the catalog (only db.serverless)`,
    );
  const cluster = clusterOf(r, ctx);
  const scaling = obj(cluster?.inputs["serverlessv2ScalingConfiguration"]);
  let minimum = num(scaling["minCapacity"], MIN_RUNNING_ACU);
  let label = `minimum ${minimum} ACU`;
  const blocker = cluster && minimum === 0 ? cannotPause(cluster, ctx) : undefined;
  if (blocker) {
    minimum = MIN_RUNNING_ACU;
    label = `${MIN_RUNNING_ACU} ACU: min 0, but ${blocker}`;
  }
  const isWriter = num(r.inputs["promotionTier"], 0) === 0;
  const out: Quantity[] = [
    {
      name: `ACU-hours (${label})`,
      kind: "fixed",
      item: "aurora-serverless-v2-acu-hour",
      quantity: minimum * ctx.hoursPerMonth,
    },
  ];
  if (isWriter) {
    out.push({
      name: "ACU-hours above the minimum",
      kind: "usage",
      item: "aurora-serverless-v2-acu-hour",
      quantity: ctx.usage.aurora.averageAcuAboveMinimum * ctx.hoursPerMonth,
    });
  }
  return out;
};

const auroraCluster: Pricer = (r, ctx) => {
  const out: Quantity[] = [
    { name: "storage", kind: "usage", item: "aurora-storage-gb-month", quantity: ctx.usage.aurora.storageGb },
    { name: "I/O requests", kind: "usage", item: "aurora-io-million", quantity: ctx.usage.aurora.ioMillionsPerMonth },
  ];
  // RDS creates the managed master-user secret itself: it is billed like any other secret.
  if (r.inputs["manageMasterUserPassword"] === true) {
    out.push({
      name: "managed master-user secret (created by RDS)",
      kind: "fixed",
      item: "secretsmanager-secret-month",
      quantity: 1,
    });
  }
  return out;
};

const rdsProxy: Pricer = (_r, ctx) => {
  // Serverless v2 targets bill per ACU of the cluster, with a floor of 8 ACUs.
  const cluster = ctx.all.find((c) => c.type === "aws:rds/cluster:Cluster");
  const scaling = obj(cluster?.inputs["serverlessv2ScalingConfiguration"]);
  const writerAcu = num(scaling["minCapacity"], 0) + ctx.usage.aurora.averageAcuAboveMinimum;
  return [
    fixedHours("proxy ACU-hours (8 ACU floor)", "rds-proxy-acu-hour", 8, ctx),
    {
      name: "proxy ACU-hours above the floor",
      kind: "usage",
      item: "rds-proxy-acu-hour",
      quantity: Math.max(0, writerAcu - 8) * ctx.hoursPerMonth,
    },
  ];
};

const dynamoTable: Pricer = (r, ctx) => {
  if (r.inputs["billingMode"] !== "PAY_PER_REQUEST")
    throw new Unpriceable("provisioned capacity is not priced: use PAY_PER_REQUEST or add a pricer");
  const u = ctx.usage.dynamodb;
  const out: Quantity[] = [
    {
      name: "write request units",
      kind: "usage",
      item: "dynamodb-write-million",
      quantity: share(u.writeMillionsPerMonth, r, ctx),
    },
    {
      name: "read request units",
      kind: "usage",
      item: "dynamodb-read-million",
      quantity: share(u.readMillionsPerMonth, r, ctx),
    },
    { name: "storage", kind: "usage", item: "dynamodb-storage-gb-month", quantity: share(u.storageGb, r, ctx) },
  ];
  if (obj(r.inputs["pointInTimeRecovery"])["enabled"] === true) {
    out.push({
      name: "point-in-time recovery",
      kind: "usage",
      item: "dynamodb-pitr-gb-month",
      quantity: share(u.storageGb, r, ctx),
    });
  }
  return out;
};

const bucket: Pricer = (r, ctx) => {
  const u = ctx.usage.s3;
  return [
    { name: "Standard storage", kind: "usage", item: "s3-standard-gb-month", quantity: share(u.storedGb, r, ctx) },
    { name: "PUT requests", kind: "usage", item: "s3-put-1k", quantity: share(u.putThousandsPerMonth, r, ctx) },
    { name: "GET requests", kind: "usage", item: "s3-get-1k", quantity: share(u.getThousandsPerMonth, r, ctx) },
  ];
};

/** Logical name of a function resource without the `-function` suffix the components add. */
const functionKey = (name: string): string => name.replace(/-function$/, "");

const lambdaFunction: Pricer = (r, ctx) => {
  const calls = ctx.usage.lambda.invocationsPerMonth;
  const invocations = calls[functionKey(r.name)] ?? calls["default"] ?? 0;
  const memoryGb = num(r.inputs["memorySize"], 128) / 1024;
  const arm = arr(r.inputs["architectures"]).includes("arm64");
  return [
    { name: "requests", kind: "usage", item: "lambda-requests-million", quantity: invocations / 1e6 },
    {
      name: `compute (${memoryGb * 1024} MB, ${ctx.usage.lambda.avgDurationMs} ms)`,
      kind: "usage",
      item: arm ? "lambda-arm-gb-second" : "lambda-x86-gb-second",
      quantity: invocations * (ctx.usage.lambda.avgDurationMs / 1000) * memoryGb,
    },
  ];
};

const restApi: Pricer = (_r, ctx) => [
  {
    name: "REST API calls",
    kind: "usage",
    item: "apigateway-rest-million",
    quantity: ctx.usage.api.requestsPerMonth / 1e6,
  },
];

const webAcl: Pricer = (r, ctx) => {
  const rules = arr(r.inputs["rules"]).length;
  return [
    { name: "web ACL", kind: "fixed", item: "waf-web-acl-month", quantity: 1 },
    { name: `rules and rule groups (${rules})`, kind: "fixed", item: "waf-rule-month", quantity: rules },
    {
      name: "requests inspected",
      kind: "usage",
      item: "waf-requests-million",
      quantity: ctx.usage.api.requestsPerMonth / 1e6,
    },
  ];
};

const logGroup: Pricer = (r, ctx) => [
  {
    name: "ingestion",
    kind: "usage",
    item: "logs-ingest-gb",
    quantity: share(ctx.usage.logs.ingestedGbPerMonth, r, ctx),
  },
  { name: "storage", kind: "usage", item: "logs-storage-gb-month", quantity: share(ctx.usage.logs.storedGb, r, ctx) },
];

/** CloudWatch bills an alarm per metric it evaluates; an anomaly band counts three, high resolution triples. */
const metricAlarm: Pricer = (r) => {
  const queries = arr(r.inputs["metricQueries"]).map(obj);
  const metrics = queries.length > 0 ? queries.filter((q) => q["metric"] !== undefined).length : 1;
  const anomaly = queries.some((q) => /ANOMALY_DETECTION_BAND/.test(String(q["expression"] ?? "")));
  const period = num(r.inputs["period"], num(obj(queries.find((q) => q["metric"])?.["metric"])["period"], 60));
  const units = metrics * (anomaly ? 3 : 1) * (period < 60 ? 3 : 1);
  return [{ name: `alarm metrics (${units})`, kind: "fixed", item: "cloudwatch-alarm-month", quantity: units }];
};

const dashboard: Pricer = () => [{ name: "dashboard", kind: "fixed", item: "cloudwatch-dashboard-month", quantity: 1 }];

const recorder: Pricer = (r, ctx) => {
  const periodic = obj(r.inputs["recordingMode"])["recordingFrequency"] === "DAILY";
  return [
    {
      name: `configuration items (${periodic ? "daily" : "continuous"} recording)`,
      kind: "usage",
      item: periodic ? "config-item-periodic" : "config-item-continuous",
      quantity: ctx.usage.config.configurationItemsPerMonth,
    },
  ];
};

const configRule: Pricer = (r, ctx) => [
  {
    name: "rule evaluations",
    kind: "usage",
    item: "config-rule-evaluation",
    quantity: share(ctx.usage.config.ruleEvaluationsPerMonth, r, ctx),
  },
];

const trail: Pricer = (_r, ctx) => [
  {
    name: "data events (management events: first copy free)",
    kind: "usage",
    item: "cloudtrail-data-events-100k",
    quantity: ctx.usage.cloudtrail.dataEventsPerMonth / 1e5,
  },
];

const kmsKey: Pricer = (r, ctx) => [
  { name: "customer managed key", kind: "fixed", item: "kms-key-month", quantity: 1 },
  {
    name: "requests",
    kind: "usage",
    item: "kms-requests-10k",
    quantity: share(ctx.usage.kms.requestsPerMonth, r, ctx) / 1e4,
  },
];

const secret: Pricer = (r, ctx) => [
  { name: "secret", kind: "fixed", item: "secretsmanager-secret-month", quantity: 1 },
  {
    name: "API calls",
    kind: "usage",
    item: "secretsmanager-api-10k",
    quantity: share(ctx.usage.secretsManager.apiCallsPerMonth, r, ctx) / 1e4,
  },
];

const topic: Pricer = (r, ctx) => [
  {
    name: "publishes",
    kind: "usage",
    item: "sns-publish-million",
    quantity: share(ctx.usage.sns.publishesPerMonth, r, ctx) / 1e6,
  },
];

const queue: Pricer = (r, ctx) => [
  {
    name: "requests",
    kind: "usage",
    item: "sqs-requests-million",
    quantity: share(ctx.usage.sqs.requestsPerMonth, r, ctx) / 1e6,
  },
];

const zone: Pricer = (r, ctx) => {
  const isPrivate = arr(r.inputs["vpcs"]).length > 0;
  const publicZones = ctx.all.filter((z) => z.type === r.type && arr(z.inputs["vpcs"]).length === 0).length;
  const out: Quantity[] = [
    { name: "hosted zone", kind: "fixed", item: "route53-zone-month", quantity: 1, region: "global" },
  ];
  if (!isPrivate) {
    out.push({
      name: "DNS queries",
      kind: "usage",
      item: "route53-queries-million",
      quantity: ctx.usage.route53.queriesMillionsPerMonth / Math.max(1, publicZones),
      region: "global",
    });
  }
  return out;
};

const AWS_HOST = /\.(amazonaws\.com|cloudfront\.net|aws)$/i;

/** Route 53 bills a health check by endpoint (AWS or not) plus each optional feature. */
const healthCheck: Pricer = (r) => {
  const type = String(r.inputs["type"] ?? "");
  if (type === "CALCULATED" || type === "CLOUDWATCH_METRIC" || type === "RECOVERY_CONTROL") {
    return [
      {
        name: `${type.toLowerCase()} health check`,
        kind: "fixed",
        item: "route53-health-check-aws-month",
        quantity: 1,
        region: "global",
      },
    ];
  }
  const onAws = AWS_HOST.test(String(r.inputs["fqdn"] ?? ""));
  const features = [
    type.startsWith("HTTPS") ? "HTTPS" : undefined,
    num(r.inputs["requestInterval"], 30) === 10 ? "fast interval" : undefined,
    r.inputs["measureLatency"] === true ? "latency" : undefined,
    type.endsWith("STR_MATCH") ? "string matching" : undefined,
  ].filter((f): f is string => f !== undefined);
  const out: Quantity[] = [
    {
      name: `health check (${onAws ? "AWS" : "non-AWS"} endpoint)`,
      kind: "fixed",
      item: onAws ? "route53-health-check-aws-month" : "route53-health-check-external-month",
      quantity: 1,
      region: "global",
    },
  ];
  if (features.length > 0) {
    out.push({
      name: `optional features (${features.join(", ")})`,
      kind: "fixed",
      item: onAws ? "route53-health-check-feature-aws-month" : "route53-health-check-feature-external-month",
      quantity: features.length,
      region: "global",
    });
  }
  return out;
};

/** Warm recovery points in the vault (every rule's retention together), by source. */
const backupVault: Pricer = (r, ctx) => {
  const b = ctx.usage.backup;
  const vaults = Math.max(1, ctx.countOf(r.type));
  return [
    { name: "Aurora recovery points", kind: "usage", item: "backup-aurora-gb-month", quantity: b.auroraGb / vaults },
    {
      name: "DynamoDB recovery points",
      kind: "usage",
      item: "backup-dynamodb-gb-month",
      quantity: b.dynamodbGb / vaults,
    },
    { name: "S3 recovery points", kind: "usage", item: "backup-s3-gb-month", quantity: b.s3Gb / vaults },
  ];
};

const vpnConnection: Pricer = (_r, ctx) => [fixedHours("VPN connection hours", "site-to-site-vpn-hour", 1, ctx)];

/** `Standard_D4ds_v5` → 4 vCores; `Standard_B2s` → 2. */
const vCoresOf = (sku: string): number => Number(/^Standard_[A-Z]+(\d+)/.exec(sku)?.[1] ?? NaN);

const postgresServer: Pricer = (r, ctx) => {
  const sku = obj(r.inputs["sku"]);
  const vCores = vCoresOf(String(sku["name"] ?? ""));
  const tier = String(sku["tier"] ?? "").toLowerCase();
  const ha = String(obj(r.inputs["highAvailability"])["mode"] ?? "Disabled");
  const copies = ha === "ZoneRedundant" || ha === "SameZone" ? 2 : 1;
  const storageGb = num(obj(r.inputs["storage"])["storageSizeGB"], 32);
  if (!Number.isFinite(vCores)) throw new Unpriceable(`cannot read the vCores of SKU ${String(sku["name"])}`);
  return [
    fixedHours(
      `compute (${sku["name"]}, ${copies > 1 ? `${ha} HA: 2 servers` : "1 server"})`,
      `postgres-flexible-vcore-hour-${tier}`,
      vCores * copies,
      ctx,
    ),
    {
      name: `provisioned storage (${storageGb} GB × ${copies})`,
      kind: "fixed",
      item: "postgres-flexible-storage-gb-month",
      quantity: storageGb * copies,
    },
  ];
};

const vnetGateway: Pricer = (r, ctx) => [
  fixedHours("gateway hours", `vpn-gateway-hour-${String(obj(r.inputs["sku"])["name"] ?? "")}`, 1, ctx),
];
const azureNat: Pricer = (_r, ctx) => [fixedHours("NAT gateway hours", "nat-gateway-hour", 1, ctx)];
const publicIp: Pricer = (_r, ctx) => [fixedHours("Standard public IP hours", "public-ip-standard-hour", 1, ctx)];
const privateEndpoint: Pricer = (_r, ctx) => [fixedHours("private endpoint hours", "private-endpoint-hour", 1, ctx)];
const frontDoorProfile: Pricer = (r) =>
  String(obj(r.inputs["sku"])["name"] ?? "") === "Premium_AzureFrontDoor"
    ? [
        {
          name: "Front Door Premium base fee",
          kind: "fixed",
          item: "front-door-premium-month",
          quantity: 1,
          region: "global",
        },
      ]
    : [];
const dnsResolverEndpoint: Pricer = (_r, ctx) => [
  fixedHours("DNS Private Resolver endpoint hours", "dns-resolver-endpoint-hour", 1, ctx),
];
const resolverEndpoint: Pricer = (r, ctx) => [
  fixedHours(
    "Resolver endpoint ENI hours",
    "route53-resolver-eni-hour",
    Math.max(arr(r.inputs["ipAddresses"]).length, 2),
    ctx,
  ),
];
const bastion: Pricer = (r, ctx) => [
  fixedHours("Bastion host hours", `bastion-hour-${String(obj(r.inputs["sku"])["name"] ?? "Basic")}`, 1, ctx),
];
// Catalog keys allow no underscore: Standard_D2s_v5 is priced as vm-hour-D2s-v5.
const virtualMachine: Pricer = (r, ctx) => [
  fixedHours(
    "VM hours (Linux)",
    `vm-hour-${String(obj(r.inputs["hardwareProfile"])["vmSize"] ?? "")
      .replace(/^Standard_/, "")
      .replace(/_/g, "-")}`,
    1,
    ctx,
  ),
];
const privateZone: Pricer = () => [
  { name: "private DNS zone", kind: "fixed", item: "azure-private-dns-zone-month", quantity: 1, region: "global" },
];

const keyVaultKey: Pricer = (r) => {
  const props = obj(r.inputs["properties"]);
  const kty = String(props["kty"] ?? "");
  if (!kty.endsWith("-HSM")) return []; // software keys bill per operation only
  const advanced = kty.startsWith("EC") || num(props["keySize"], 2048) > 2048;
  return advanced
    ? [
        {
          name: `HSM key (${kty} ${props["keySize"] ?? ""})`.trim(),
          kind: "fixed",
          item: "keyvault-hsm-key-month",
          quantity: 1,
        },
      ]
    : [];
};

const workspace: Pricer = (_r, ctx) => [
  {
    name: "ingestion",
    kind: "usage",
    item: "log-analytics-gb",
    quantity: ctx.usage.azure.logAnalytics.ingestedGbPerMonth,
  },
  {
    name: "retention beyond 31 days",
    kind: "usage",
    item: "log-analytics-retention-gb-month",
    quantity: ctx.usage.azure.logAnalytics.retainedGb,
  },
];

const storageAccount: Pricer = (r, ctx) => {
  const sku = String(obj(r.inputs["sku"])["name"] ?? "");
  const redundancy = sku.replace(/^(Standard|Premium)_/, "").toLowerCase();
  return [
    {
      name: `Hot blob storage (${sku})`,
      kind: "usage",
      item: `storage-hot-${redundancy}-gb-month`,
      quantity: ctx.usage.azure.storage.storedGb,
    },
  ];
};

/** Flex Consumption: always-ready instances bill a baseline all month; executions bill on demand. */
const functionApp: Pricer = (r, ctx) => {
  const config = obj(r.inputs["functionAppConfig"]);
  const scale = obj(config["scaleAndConcurrency"]);
  const memoryGb = num(scale["instanceMemoryMB"], 2048) / 1024;
  const alwaysReady = arr(scale["alwaysReady"]).reduce<number>((n, a) => n + num(obj(a)["instanceCount"], 0), 0);
  const u = ctx.usage.azure.functions;
  const out: Quantity[] = [];
  if (alwaysReady > 0) {
    out.push({
      name: `always-ready baseline (${alwaysReady} × ${memoryGb} GB)`,
      kind: "fixed",
      item: "functions-flex-always-ready-gb-second",
      quantity: alwaysReady * memoryGb * ctx.hoursPerMonth * 3600,
    });
  }
  out.push(
    {
      name: "on-demand executions",
      kind: "usage",
      item: "functions-flex-executions-million",
      quantity: u.executionsPerMonth / 1e6,
    },
    {
      name: "on-demand compute",
      kind: "usage",
      item: "functions-flex-on-demand-gb-second",
      quantity: u.executionsPerMonth * (u.avgDurationMs / 1000) * u.memoryGb,
    },
  );
  return out;
};

export const PRICERS: Readonly<Record<string, Pricer>> = {
  "awsx:ec2:Vpc": vpc,
  "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
  "aws:ec2/vpnConnection:VpnConnection": vpnConnection,
  "aws:backup/vault:Vault": backupVault,
  "aws:rds/clusterInstance:ClusterInstance": auroraInstance,
  "aws:rds/cluster:Cluster": auroraCluster,
  "aws:rds/proxy:Proxy": rdsProxy,
  "aws:dynamodb/table:Table": dynamoTable,
  "aws:s3/bucket:Bucket": bucket,
  "aws:s3/bucketV2:BucketV2": bucket,
  "aws:lambda/function:Function": lambdaFunction,
  "aws:apigateway/restApi:RestApi": restApi,
  "aws:wafv2/webAcl:WebAcl": webAcl,
  "aws:cloudwatch/logGroup:LogGroup": logGroup,
  "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarm,
  "aws:cloudwatch/dashboard:Dashboard": dashboard,
  "aws:cfg/recorder:Recorder": recorder,
  "aws:cfg/rule:Rule": configRule,
  "aws:cloudtrail/trail:Trail": trail,
  "aws:kms/key:Key": kmsKey,
  "aws:secretsmanager/secret:Secret": secret,
  "aws:sns/topic:Topic": topic,
  "aws:sqs/queue:Queue": queue,
  "aws:route53/zone:Zone": zone,
  "aws:route53/healthCheck:HealthCheck": healthCheck,
  "azure-native:dbforpostgresql:Server": postgresServer,
  "azure-native:network:VirtualNetworkGateway": vnetGateway,
  "azure-native:network:BastionHost": bastion,
  "azure-native:cdn:Profile": frontDoorProfile,
  "azure-native:dnsresolver:InboundEndpoint": dnsResolverEndpoint,
  "azure-native:dnsresolver:OutboundEndpoint": dnsResolverEndpoint,
  "aws:route53/resolverEndpoint:ResolverEndpoint": resolverEndpoint,
  "azure-native:compute:VirtualMachine": virtualMachine,
  "azure-native:network:NatGateway": azureNat,
  "azure-native:network:PublicIPAddress": publicIp,
  "azure-native:network:PrivateEndpoint": privateEndpoint,
  "azure-native:privatedns:PrivateZone": privateZone,
  "azure-native:keyvault:Key": keyVaultKey,
  "azure-native:operationalinsights:Workspace": workspace,
  "azure-native:storage:StorageAccount": storageAccount,
  "azure-native:web:WebApp": functionApp,
};

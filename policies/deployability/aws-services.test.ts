import type { PlanResource } from "../../platform-rules/plan-format";
import { resource } from "../testing/fixtures";
import { describeCases } from "./testing";

const CLUSTER = "aws:rds/cluster:Cluster";
const MEMBER = "aws:rds/clusterInstance:ClusterInstance";

function aurora(
  version: string,
  member: Record<string, unknown> = {},
  options: PlanResource["options"] = {},
): PlanResource[] {
  const cluster = {
    ...resource(CLUSTER, "db", {
      engine: "aurora-postgresql",
      engineVersion: version,
      clusterIdentifier: "platform-dev",
    }),
    options,
  };
  const writer = resource(
    MEMBER,
    "db-writer",
    { engine: "aurora-postgresql", clusterIdentifier: "platform-dev", instanceClass: "db.serverless", ...member },
    { propertyDependencies: { clusterIdentifier: [cluster.urn] } },
  );
  return [cluster, writer];
}

describeCases("pinned-engine-version-auto-upgrade", [
  {
    should: "report an Aurora cluster pinned to 17.4 whose instance upgrades minors automatically (the default)",
    resources: aurora("17.4"),
    violations: [
      /db pins aurora-postgresql 17\.4 while its instance\(s\) db-writer upgrade minor versions automatically.*"Cannot upgrade aurora-postgresql from 17\.x to 17\.4".*Set engineVersion "17"/,
    ],
  },
  { should: "pass a cluster that pins only the major version", resources: aurora("17"), violations: [] },
  {
    should: "pass a pinned cluster whose instances have autoMinorVersionUpgrade off",
    resources: aurora("17.4", { autoMinorVersionUpgrade: false }),
    violations: [],
  },
  {
    should: "pass a pinned cluster that ignores engineVersion changes",
    resources: aurora("17.4", { autoMinorVersionUpgrade: false }, { ignoreChanges: ["engineVersion"] })
      .slice(0, 1)
      .concat(
        aurora("17.4")
          .slice(1)
          .map((r) => ({ ...r, options: { ignoreChanges: ["engineVersion"] } })),
      ),
    violations: [],
  },
  {
    should: "report an instance that repeats the cluster's pinned version",
    resources: aurora("17.4", { engineVersion: "17.4" }),
    violations: [/db pins/, /db-writer pins aurora-postgresql 17\.4 while it upgrades/],
  },
  {
    should: "treat MySQL's major as two parts (8.0 passes, 8.0.35 is pinned)",
    resources: [
      resource("aws:rds/instance:Instance", "m", { engine: "mysql", engineVersion: "8.0" }),
      resource("aws:rds/instance:Instance", "n", { engine: "mysql", engineVersion: "8.0.35" }),
    ],
    violations: [/n pins mysql 8\.0\.35 .*Set engineVersion "8\.0"/],
  },
]);

const REST = "aws:apigateway/restApi:RestApi";
const DOMAIN = "aws:apigateway/domainName:DomainName";

describeCases("api-gateway-default-endpoint", [
  {
    should: "report a REST API that keeps its default endpoint without a security policy (TLS 1.0)",
    resources: [resource(REST, "api", { endpointConfiguration: { types: "REGIONAL" } })],
    violations: [
      /default execute-api endpoint stays enabled with securityPolicy unset \(TLS_1_0\).*disableExecuteApiEndpoint: true/,
    ],
  },
  {
    should: "report a REST API on TLS_1_0 explicitly",
    resources: [resource(REST, "api", { securityPolicy: "TLS_1_0" })],
    violations: [/securityPolicy TLS_1_0/],
  },
  {
    should: "pass a REST API with the default endpoint disabled",
    resources: [resource(REST, "api", { disableExecuteApiEndpoint: true })],
    violations: [],
  },
  {
    should: "pass a REST API whose default endpoint negotiates TLS 1.2",
    resources: [resource(REST, "api", { securityPolicy: "TLS_1_2" })],
    violations: [],
  },
]);

describeCases("api-gateway-endpoint-access-mode", [
  {
    should: "report a custom domain on an enhanced policy without endpointAccessMode",
    resources: [
      resource(DOMAIN, "d", { domainName: "api.example.com", securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09" }),
    ],
    violations: [
      /SecurityPolicy_TLS13_1_3_2025_09 is an enhanced policy, and API Gateway refuses it without an endpoint access mode \(endpointAccessMode unset\)/,
    ],
  },
  {
    should: "report an invalid endpointAccessMode",
    resources: [
      resource(DOMAIN, "d", { securityPolicy: "SecurityPolicy_TLS13_1_2_2021_06", endpointAccessMode: "LOOSE" }),
    ],
    violations: [/endpointAccessMode LOOSE/],
  },
  {
    should: "pass an enhanced policy with STRICT",
    resources: [
      resource(DOMAIN, "d", { securityPolicy: "SecurityPolicy_TLS13_1_2_2021_06", endpointAccessMode: "STRICT" }),
    ],
    violations: [],
  },
  {
    should: "pass the legacy TLS_1_2 policy without an access mode",
    resources: [resource(DOMAIN, "d", { securityPolicy: "TLS_1_2" })],
    violations: [],
  },
  {
    should: "apply to a REST API's own enhanced policy too",
    resources: [resource(REST, "api", { securityPolicy: "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09" })],
    violations: [/enhanced policy/],
  },
]);

const LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const logging = (arn: string, dest?: PlanResource) =>
  resource(
    LOGGING,
    "waf-logging",
    { resourceArn: "arn:acl", logDestinationConfigs: [arn] },
    { propertyDependencies: dest ? { logDestinationConfigs: [dest.urn] } : {} },
  );

describeCases("waf-log-destination-name", [
  {
    should: "report a log group auto-named from a logical name without the aws-waf-logs- prefix",
    resources: (() => {
      const g = resource(LOG_GROUP, "api-waf-logs", {});
      return [g, logging("arn:aws:logs:us-east-1:1:log-group:api-waf-logs-595f2fe", g)];
    })(),
    violations: [/logs to api-waf-logs, whose auto-name "api-waf-logs-…" does not start with "aws-waf-logs-"/],
  },
  {
    should: "pass a log group named with namePrefix aws-waf-logs-",
    resources: (() => {
      const g = resource(LOG_GROUP, "api-waf-logs", { namePrefix: "aws-waf-logs-api-" });
      return [g, logging("arn:aws:logs:us-east-1:1:log-group:aws-waf-logs-api-123", g)];
    })(),
    violations: [],
  },
  {
    should: "report an explicit log group name that breaks the rule",
    resources: (() => {
      const g = resource(LOG_GROUP, "g", { name: "/waf/api" });
      return [g, logging("arn:aws:logs:us-east-1:1:log-group:/waf/api", g)];
    })(),
    violations: [/name "\/waf\/api" does not start with "aws-waf-logs-"/],
  },
  {
    should: "judge a destination outside the stack by its ARN",
    resources: [logging("arn:aws:s3:::central-waf-logs")],
    violations: [/logs to "central-waf-logs", which does not start with "aws-waf-logs-"/],
  },
  {
    should: "report a log group ARN with the :* suffix",
    resources: [logging("arn:aws:logs:us-east-1:1:log-group:aws-waf-logs-api:*")],
    violations: [/passes the log group ARN with ":\*"/],
  },
  {
    should: "pass a Firehose stream named aws-waf-logs-",
    resources: [logging("arn:aws:firehose:us-east-1:1:deliverystream/aws-waf-logs-api")],
    violations: [],
  },
]);

import { describeCases } from "../testing/cases";
import { awsProvider, REQUIRED_TAGS, resource, urnOf } from "../testing/fixtures";
import { basicAuthOff, FLEX_PLAN, flexApp, LOCKED_WEB_CONFIG, webConfigDeployment } from "../testing/flex-sites";

const WEB_APP = "azure-native:web:WebApp";
const FTP = "azure-native:web:WebAppFtpAllowed";
const SCM = "azure-native:web:WebAppScmAllowed";
const site = { ftpsState: "Disabled", remoteDebuggingEnabled: false, scmMinTlsVersion: "1.2", minTlsVersion: "1.2" };
const app = (siteConfig: Record<string, unknown> = site) =>
  resource(WEB_APP, "app", { name: "app", resourceGroupName: "rg", httpsOnly: true, siteConfig });
const basicAuth = (ftp: boolean, scm: boolean) => [
  resource(
    FTP,
    "ftp",
    { name: "app", resourceGroupName: "rg", allow: ftp },
    { propertyDependencies: { name: [urnOf(WEB_APP, "app")] } },
  ),
  resource(
    SCM,
    "scm",
    { name: "app", resourceGroupName: "rg", allow: scm },
    { propertyDependencies: { name: [urnOf(WEB_APP, "app")] } },
  ),
];
describeCases("app-service-hardening", [
  {
    should: "pass an app with FTP, basic auth and remote debugging off and SCM on TLS 1.2",
    resources: [app(), ...basicAuth(false, false)],
    violation: null,
  },
  {
    should: "report FTP left at its default",
    resources: [app({ ...site, ftpsState: undefined }), ...basicAuth(false, false)],
    violation: /allows FTP deployment/,
  },
  {
    should: "report remote debugging on",
    resources: [app({ ...site, remoteDebuggingEnabled: true }), ...basicAuth(false, false)],
    violation: /remote debugging on/,
  },
  {
    should: "report SCM accepting TLS 1.0",
    resources: [app({ ...site, scmMinTlsVersion: "1.0" }), ...basicAuth(false, false)],
    violation: /SCM \(Kudu\) site accepts TLS below 1\.2/,
  },
  {
    should: "report basic-auth SCM publishing allowed",
    resources: [app(), ...basicAuth(false, true)],
    violation: /basic-auth SCM publishing/,
  },
  {
    should: "pass a Flex Consumption app without ftpsState whose deployed config/web sets SCM TLS 1.2",
    resources: [FLEX_PLAN, flexApp(), webConfigDeployment(), ...basicAuthOff()],
    violation: null,
  },
  {
    should: "report a Flex Consumption app without a deployed config/web, whose SCM TLS floor is unset",
    resources: [FLEX_PLAN, flexApp(), ...basicAuthOff()],
    violation:
      /flex's SCM \(Kudu\) site accepts TLS below 1\.2 \(scmMinTlsVersion unset\): set scmMinTlsVersion to "1\.2" in its deployed Microsoft\.Web\/sites\/config web/,
  },
  {
    should: "report remote debugging turned on in a Flex app's deployed config/web",
    resources: [
      FLEX_PLAN,
      flexApp(),
      webConfigDeployment({ ...LOCKED_WEB_CONFIG, remoteDebuggingEnabled: true }),
      ...basicAuthOff(),
    ],
    violation: /flex has remote debugging on/,
  },
  {
    should: "still report basic-auth FTP publishing on a Flex Consumption app",
    resources: [FLEX_PLAN, flexApp(), webConfigDeployment(), ...basicAuthOff("flex", true)],
    violation: /flex allows basic-auth FTP publishing/,
  },
  {
    should: "report a non-Flex app without ftpsState even when a deployed config/web sets the rest",
    resources: [
      resource(WEB_APP, "flex", { name: "flex0a1b2c3d", resourceGroupName: "rg", httpsOnly: true }),
      webConfigDeployment(),
      ...basicAuthOff(),
    ],
    violation: /flex allows FTP deployment \(ftpsState unset, i\.e\. AllAllowed\)/,
  },
]);

const LAMBDA = "aws:lambda/function:Function";
describeCases("supported-runtimes", [
  { should: "pass nodejs22.x", resources: [resource(LAMBDA, "fn", { runtime: "nodejs22.x" })], violation: null },
  {
    should: "report nodejs18.x",
    resources: [resource(LAMBDA, "fn", { runtime: "nodejs18.x" })],
    violation: /nodejs18\.x is deprecated since 2025-09-01/,
  },
  {
    should: "report python2.7",
    resources: [resource(LAMBDA, "fn", { runtime: "python2.7" })],
    violation: /python2\.7 is deprecated/,
  },
  {
    should: "report a Flex Consumption Functions app on node 18",
    resources: [resource(WEB_APP, "fa", { functionAppConfig: { runtime: { name: "node", version: "18" } } })],
    violation: /node\|18 is out of support/,
  },
  {
    should: "report a Linux Functions app on Node|16",
    resources: [resource(WEB_APP, "fa", { siteConfig: { linuxFxVersion: "Node|16" } })],
    violation: /node\|16/,
  },
  {
    should: "pass a Functions app on node 22",
    resources: [resource(WEB_APP, "fa", { functionAppConfig: { runtime: { name: "node", version: "22" } } })],
    violation: null,
  },
]);

const prodProvider = awsProvider("us-east-1", { ...REQUIRED_TAGS, Environment: "prod" }, "aws-prod");
const CLUSTER = "aws:rds/cluster:Cluster";
const TABLE = "aws:dynamodb/table:Table";
describeCases("database-backup-protection", [
  {
    should: "pass a prod cluster with 35 days of backups and deletion protection",
    resources: [
      prodProvider,
      resource(
        CLUSTER,
        "db",
        { engine: "aurora-postgresql", backupRetentionPeriod: 35, deletionProtection: true },
        { provider: prodProvider },
      ),
    ],
    violation: null,
  },
  {
    should: "report a prod cluster keeping one day of backups",
    resources: [
      prodProvider,
      resource(
        CLUSTER,
        "db",
        { engine: "aurora-postgresql", backupRetentionPeriod: 1, deletionProtection: true },
        { provider: prodProvider },
      ),
    ],
    violation: /keeps 1 day/,
  },
  {
    should: "report a prod cluster without deletion protection",
    resources: [
      prodProvider,
      resource(CLUSTER, "db", { engine: "aurora-postgresql", backupRetentionPeriod: 7 }, { provider: prodProvider }),
    ],
    violation: /set deletionProtection/,
  },
  {
    should: "leave a dev cluster alone",
    resources: [resource(CLUSTER, "db", { engine: "aurora-postgresql", backupRetentionPeriod: 1 })],
    violation: null,
  },
  {
    should: "report a prod DynamoDB table without deletion protection",
    resources: [
      prodProvider,
      resource(TABLE, "t", { pointInTimeRecovery: { enabled: true } }, { provider: prodProvider }),
    ],
    violation: /deletionProtectionEnabled/,
  },
  {
    should: "report a prod Azure PostgreSQL server without a delete lock",
    resources: [
      resource("azure-native:dbforpostgresql:Server", "pg", {
        backup: { backupRetentionDays: 35 },
        tags: { Environment: "prod" },
      }),
    ],
    violation: /CanNotDelete/,
  },
]);

describeCases("dynamodb-pitr", [
  {
    should: "pass a table with PITR on",
    resources: [resource(TABLE, "t", { pointInTimeRecovery: { enabled: true } })],
    violation: null,
  },
  {
    should: "report a table without PITR",
    resources: [resource(TABLE, "t", {})],
    violation: /Point-in-time recovery is off/,
  },
]);

describeCases("allowed-provider-packages", [
  {
    should: "pass aws, azure-native, random and our components",
    resources: [
      resource("aws:sqs/queue:Queue", "q", {}),
      resource("random:index/randomPassword:RandomPassword", "p", {}),
      resource("platform:services:LambdaFunction", "c", {}),
    ],
    violation: null,
  },
  {
    should: "pass a time Sleep (an RBAC-propagation wait, nothing in a cloud)",
    resources: [resource("time:index/sleep:Sleep", "w", { createDuration: "120s" })],
    violation: null,
  },
  {
    should: "refuse an aws-native resource",
    resources: [resource("aws-native:s3:Bucket", "b", {})],
    violation: /comes from the aws-native package/,
  },
  {
    should: "refuse a classic azure provider resource",
    resources: [resource("azure:storage/account:Account", "a", {})],
    violation: /comes from the azure package/,
  },
  {
    should: "refuse an aws-native provider",
    resources: [{ ...resource("pulumi:providers:aws-native", "p", {}), provider: undefined }],
    violation: /aws-native package/,
  },
]);

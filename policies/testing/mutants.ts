/**
 * Systematic mutants of a plan: for each resource type present, each protected property is
 * broken on one resource of that type (drop a tag or the CMK, open public access, move region,
 * weaken TLS). Every mutant must draw a new mandatory finding.
 */
import type { PlanResource } from "../../platform-rules/plan-format";
import {
  DEFAULT_AWS_GLOBAL_TYPES,
  DEFAULT_AZURE_PAIRED_LOCATIONS,
  DEFAULT_AZURE_PAIRED_REGION_TYPES,
  isGlobalType,
} from "../lib/regions";
import { isTaggable } from "../lib/tags";
import { deployabilityMutants } from "./deployability-mutants";
import { asArray, asObject, parseJsonish, typeMatches } from "../lib/props";

/** The paired location(s) only geo-backup types may use: any other type moved there must be caught. */
const PAIRED = [...new Set(Object.values(DEFAULT_AZURE_PAIRED_LOCATIONS).flat())];

type Inputs = Record<string, any>;
export interface Mutant {
  readonly label: string;
  readonly resources: PlanResource[];
  /** The policy that must answer this mutant with a new finding at its own enforcement level. */
  readonly expect: string;
}

type Breaker = (i: Inputs) => boolean;

/** type → property label → how to break it (returns false when the resource lacks the property). */
const ENCRYPTION_BREAKERS: Readonly<Record<string, Readonly<Record<string, Breaker>>>> = {
  "aws:sqs/queue:Queue": { kmsMasterKeyId: (i) => del(i, "kmsMasterKeyId") },
  "aws:sns/topic:Topic": { kmsMasterKeyId: (i) => del(i, "kmsMasterKeyId") },
  "aws:dynamodb/table:Table": { "serverSideEncryption.kmsKeyArn": (i) => del(i.serverSideEncryption, "kmsKeyArn") },
  "aws:cloudwatch/logGroup:LogGroup": { kmsKeyId: (i) => del(i, "kmsKeyId") },
  "aws:lambda/function:Function": {
    kmsKeyArn: (i) =>
      !!asObject(i.environment?.variables) && Object.keys(i.environment.variables).length > 0 && del(i, "kmsKeyArn"),
  },
  "aws:secretsmanager/secret:Secret": { kmsKeyId: (i) => del(i, "kmsKeyId") },
  "aws:kms/key:Key": {
    enableKeyRotation: (i) =>
      (i.keySpec ?? i.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT" &&
      set(i, "enableKeyRotation", false),
  },
  "aws:rds/cluster:Cluster": {
    storageEncrypted: (i) => set(i, "storageEncrypted", false),
    kmsKeyId: (i) => del(i, "kmsKeyId"),
  },
  "aws:rds/clusterInstance:ClusterInstance": { publiclyAccessible: (i) => set(i, "publiclyAccessible", true) },
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": {
    "rds.force_ssl": (i) => asArray(i.parameters).some((p: any) => p?.name === "rds.force_ssl" && set(p, "value", "0")),
  },
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
    sseAlgorithm: (i) =>
      asArray(i.rules).some(
        (r: any) =>
          !!r?.applyServerSideEncryptionByDefault &&
          set(r.applyServerSideEncryptionByDefault, "sseAlgorithm", "AES256"),
      ),
    kmsMasterKeyId: (i) =>
      asArray(i.rules).some((r: any) => del(r?.applyServerSideEncryptionByDefault, "kmsMasterKeyId")),
  },
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
    blockPublicPolicy: (i) => set(i, "blockPublicPolicy", false),
  },
  "aws:s3/bucketPolicy:BucketPolicy": {
    secureTransportDeny: (i) =>
      "policy" in i && set(i, "policy", JSON.stringify({ Version: "2012-10-17", Statement: [] })),
  },
  "aws:apigateway/domainName:DomainName": { securityPolicy: (i) => set(i, "securityPolicy", "TLS_1_0") },
  "aws:apigatewayv2/domainName:DomainName": {
    securityPolicy: (i) => !!i.domainNameConfiguration && set(i.domainNameConfiguration, "securityPolicy", "TLS_1_0"),
  },
  "aws:lb/listener:Listener": {
    sslPolicy: (i) => "sslPolicy" in i && set(i, "sslPolicy", "ELBSecurityPolicy-2016-08"),
  },
  "aws:kinesis/stream:Stream": { encryptionType: (i) => set(i, "encryptionType", "NONE") },
  "aws:backup/vault:Vault": { kmsKeyArn: (i) => del(i, "kmsKeyArn") },
  "azure-native:storage:StorageAccount": {
    publicNetworkAccess: (i) => set(i, "publicNetworkAccess", "Enabled"),
    allowBlobPublicAccess: (i) => set(i, "allowBlobPublicAccess", true),
    minimumTlsVersion: (i) => set(i, "minimumTlsVersion", "TLS1_0"),
    "encryption.keySource": (i) => !!i.encryption && set(i.encryption, "keySource", "Microsoft.Storage"),
    "encryption.requireInfrastructureEncryption": (i) =>
      !!i.encryption && set(i.encryption, "requireInfrastructureEncryption", false),
  },
  "azure-native:dbforpostgresql:Server": {
    "network.publicNetworkAccess": (i) => set((i.network ??= {}), "publicNetworkAccess", "Enabled"),
    dataEncryption: (i) => (i.createMode ?? "Default").toLowerCase() !== "replica" && del(i, "dataEncryption"),
  },
  "azure-native:dbforpostgresql:Configuration": {
    ssl_min_protocol_version: (i) => i.configurationName === "ssl_min_protocol_version" && set(i, "value", "TLSv1.0"),
  },
  "azure-native:keyvault:Vault": {
    enablePurgeProtection: (i) => !!i.properties && set(i.properties, "enablePurgeProtection", false),
  },
  "azure-native:web:WebApp": { httpsOnly: (i) => set(i, "httpsOnly", false) },
  // A failover TTL of an hour blows any RTO the DR health check is tagged with (dr-recovery-objectives).
  "aws:route53/record:Record": {
    "failover ttl": (i) => asArray(i.failoverRoutingPolicies).length > 0 && set(i, "ttl", 3600),
  },
  "aws:route53/healthCheck:HealthCheck": {
    DrReplicationLagAlarmSeconds: (i) =>
      !!asObject(i.tags)?.DrRpoMinutes &&
      set(i.tags, "DrReplicationLagAlarmSeconds", String(Number(i.tags.DrRpoMinutes) * 60)),
  },
};

/** The policy each label of ENCRYPTION_BREAKERS must trip (the pack's encryption, TLS and DR policies). */
const ENCRYPTION_EXPECT: Readonly<Record<string, string>> = {
  "aws:sqs/queue:Queue kmsMasterKeyId": "sqs-queue-cmk",
  "aws:sns/topic:Topic kmsMasterKeyId": "sns-topic-cmk",
  "aws:dynamodb/table:Table serverSideEncryption.kmsKeyArn": "dynamodb-table-cmk",
  "aws:cloudwatch/logGroup:LogGroup kmsKeyId": "log-group-cmk",
  "aws:lambda/function:Function kmsKeyArn": "lambda-environment-cmk",
  "aws:secretsmanager/secret:Secret kmsKeyId": "secret-cmk",
  "aws:kms/key:Key enableKeyRotation": "kms-key-rotation",
  "aws:rds/cluster:Cluster storageEncrypted": "rds-storage-encryption-cmk",
  "aws:rds/cluster:Cluster kmsKeyId": "rds-storage-encryption-cmk",
  "aws:rds/clusterInstance:ClusterInstance publiclyAccessible": "rds-no-public-access",
  "aws:rds/clusterParameterGroup:ClusterParameterGroup rds.force_ssl": "rds-force-ssl",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration sseAlgorithm":
    "s3-bucket-encryption-cmk",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration kmsMasterKeyId":
    "s3-bucket-encryption-cmk",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock blockPublicPolicy": "s3-bucket-public-access-block",
  "aws:s3/bucketPolicy:BucketPolicy secureTransportDeny": "s3-bucket-secure-transport",
  "aws:apigateway/domainName:DomainName securityPolicy": "api-gateway-tls",
  "aws:apigatewayv2/domainName:DomainName securityPolicy": "api-gateway-tls",
  "aws:lb/listener:Listener sslPolicy": "load-balancer-tls",
  "aws:kinesis/stream:Stream encryptionType": "kinesis-cmk",
  "aws:backup/vault:Vault kmsKeyArn": "backup-vault-cmk",
  "azure-native:storage:StorageAccount publicNetworkAccess": "azure-public-access-disabled",
  "azure-native:storage:StorageAccount allowBlobPublicAccess": "azure-public-access-disabled",
  "azure-native:storage:StorageAccount minimumTlsVersion": "azure-secure-transport",
  "azure-native:storage:StorageAccount encryption.keySource": "azure-storage-encryption-cmk",
  "azure-native:storage:StorageAccount encryption.requireInfrastructureEncryption": "azure-storage-encryption-cmk",
  "azure-native:dbforpostgresql:Server network.publicNetworkAccess": "azure-public-access-disabled",
  "azure-native:dbforpostgresql:Server dataEncryption": "azure-postgres-encryption-cmk",
  "azure-native:dbforpostgresql:Configuration ssl_min_protocol_version": "azure-secure-transport",
  "azure-native:keyvault:Vault enablePurgeProtection": "azure-key-vault-protection",
  "azure-native:web:WebApp httpsOnly": "azure-secure-transport",
  "aws:route53/record:Record failover ttl": "dr-recovery-objectives",
  "aws:route53/healthCheck:HealthCheck DrReplicationLagAlarmSeconds": "dr-recovery-objectives",
};

const doc = (...Statement: unknown[]): string => JSON.stringify({ Version: "2012-10-17", Statement });
const withStatement = (i: Inputs, key: string, statement: unknown): boolean => {
  const parsed = asObject(parseJsonish(i[key]));
  if (!parsed) return false;
  i[key] = JSON.stringify({ ...parsed, Statement: [...asArray(parsed.Statement), statement] });
  return true;
};

/** Drops every Condition of the document's statements; false when none had one. */
const withoutConditions = (i: Inputs, key: string): boolean => {
  const parsed = asObject(parseJsonish(i[key]));
  const statements = asArray(parsed?.Statement).map((s) => asObject(s) ?? {});
  if (!parsed || !statements.some((s) => "Condition" in s)) return false;
  i[key] = JSON.stringify({ ...parsed, Statement: statements.map(({ Condition: _c, ...rest }) => rest) });
  return true;
};

/** type → label → [expected policy, breaker]: the baseline pack's families. */
const BASELINE_BREAKERS: Readonly<Record<string, Readonly<Record<string, readonly [string, Breaker]>>>> = {
  // The public /health method is exempt only while API Gateway answers it itself (MOCK).
  "aws:apigateway/integration:Integration": {
    "MOCK -> AWS_PROXY": ["api-authorization-required", (i) => i.type === "MOCK" && set(i, "type", "AWS_PROXY")],
  },
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
    "source 0.0.0.0/0": [
      "security-group-ingress-restricted",
      (i) => [del(i, "referencedSecurityGroupId"), set(i, "cidrIpv4", "0.0.0.0/0")].some(Boolean),
    ],
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    "ingress ssh from ::/0": [
      "security-group-ingress-restricted",
      (i) => set(i, "ingress", [{ protocol: "tcp", fromPort: 22, toPort: 22, ipv6CidrBlocks: ["::/0"] }]),
    ],
  },
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
    "ingress self": [
      "default-security-group-closed",
      (i) => set(i, "ingress", [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }]),
    ],
  },
  "azure-native:network:NetworkSecurityGroup": {
    // On the Bastion subnet's NSG only Microsoft's TCP 443 client rule may face the internet.
    "Bastion NSG: 443 from Internet over any protocol": [
      "nsg-ingress-restricted",
      (i) =>
        asArray(i.securityRules).some((r: any) => r?.name === "AllowGatewayManagerInbound") &&
        set(i, "securityRules", [
          ...i.securityRules,
          {
            name: "AllowHttpsAnyProtocol",
            priority: 150,
            direction: "Inbound",
            access: "Allow",
            protocol: "*",
            sourcePortRange: "*",
            destinationPortRange: "443",
            sourceAddressPrefix: "Internet",
            destinationAddressPrefix: "*",
          },
        ]),
    ],
    "allow ssh from Internet": [
      "nsg-ingress-restricted",
      (i) =>
        Array.isArray(i.securityRules) &&
        set(i, "securityRules", [
          {
            name: "Ssh",
            priority: 90,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourcePortRange: "*",
            destinationPortRange: "22",
            sourceAddressPrefix: "Internet",
            destinationAddressPrefix: "*",
          },
          ...i.securityRules,
        ]),
    ],
  },
  "aws:iam/policy:Policy": {
    "Action * on *": [
      "iam-no-admin-access",
      (i) => withStatement(i, "policy", { Effect: "Allow", Action: "*", Resource: "*" }),
    ],
    "iam:PassRole on *": [
      "iam-no-passrole-wildcard",
      (i) => withStatement(i, "policy", { Effect: "Allow", Action: "iam:PassRole", Resource: "*" }),
    ],
  },
  "aws:iam/role:Role": {
    "trust any principal": [
      "iam-trust-policy-restricted",
      (i) => set(i, "assumeRolePolicy", doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })),
    ],
    "inline policy": [
      "iam-no-inline-policies",
      (i) =>
        set(i, "inlinePolicies", [
          { name: "extra", policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }) },
        ]),
    ],
    "source condition dropped": ["iam-trust-policy-restricted", (i) => withoutConditions(i, "assumeRolePolicy")],
  },
  "aws:sqs/queuePolicy:QueuePolicy": {
    "allow *": [
      "resource-policy-not-public",
      (i) => withStatement(i, "policy", { Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" }),
    ],
  },
  "aws:sns/topicPolicy:TopicPolicy": {
    "allow *": [
      "resource-policy-not-public",
      (i) =>
        withStatement(i, "policy", { Effect: "Allow", Principal: { AWS: "*" }, Action: "sns:Publish", Resource: "*" }),
    ],
  },
  "aws:lambda/permission:Permission": {
    "principal *": ["resource-policy-not-public", (i) => set(i, "principal", "*")],
  },
  "aws:cloudtrail/trail:Trail": {
    isMultiRegionTrail: ["cloudtrail-configured", (i) => set(i, "isMultiRegionTrail", false)],
    enableLogFileValidation: ["cloudtrail-configured", (i) => set(i, "enableLogFileValidation", false)],
  },
  "aws:ec2/flowLog:FlowLog": { trafficType: ["vpc-flow-logs-enabled", (i) => set(i, "trafficType", "REJECT")] },
  "aws:rds/cluster:Cluster": {
    enabledCloudwatchLogsExports: ["rds-log-exports", (i) => set(i, "enabledCloudwatchLogsExports", [])],
    deletionProtection: [
      "database-backup-protection",
      (i) => i.deletionProtection === true && set(i, "deletionProtection", false),
    ],
    performanceInsightsKmsKeyId: [
      "rds-performance-insights-cmk",
      (i) => i.performanceInsightsEnabled === true && del(i, "performanceInsightsKmsKeyId"),
    ],
  },
  "aws:apigateway/methodSettings:MethodSettings": {
    dataTraceEnabled: ["api-gateway-logging", (i) => !!i.settings && set(i.settings, "dataTraceEnabled", true)],
  },
  "aws:apigateway/stage:Stage": { accessLogSettings: ["api-gateway-logging", (i) => del(i, "accessLogSettings")] },
  "aws:cloudwatch/logGroup:LogGroup": { "retentionInDays 30": ["log-retention", (i) => set(i, "retentionInDays", 30)] },
  "azure-native:operationalinsights:Workspace": {
    "retentionInDays 30": ["log-retention", (i) => set(i, "retentionInDays", 30)],
  },
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
    "expire logs after 30 days": [
      "log-retention",
      (i) =>
        typeof i.bucket === "string" &&
        i.bucket.includes("access-logs") &&
        set(i, "rules", [{ id: "short", status: "Enabled", filter: {}, expiration: { days: 30 } }]),
    ],
  },
  "azure-native:keyvault:Key": {
    expiryTime: [
      "key-vault-expiry",
      (i) => !!i.properties?.rotationPolicy?.attributes && del(i.properties.rotationPolicy.attributes, "expiryTime"),
    ],
  },
  "aws:lambda/function:Function": {
    "literal DB_PASSWORD": [
      "no-secrets-in-environment",
      (i) => !!i.environment?.variables && set(i.environment.variables, "DB_PASSWORD", "hunter2-is-not-a-secret"),
    ],
    "runtime nodejs18.x": ["supported-runtimes", (i) => set(i, "runtime", "nodejs18.x")],
  },
  "azure-native:web:WebAppFtpAllowed": { allow: ["app-service-hardening", (i) => set(i, "allow", true)] },
  // A Flex app's web config arrives through an ARM deployment (components/azure/origin-lock.ts).
  "azure-native:resources:Deployment": {
    "config/web scmMinTlsVersion 1.0": [
      "app-service-hardening",
      (i) => webConfigs(i).some((p) => p.scmMinTlsVersion !== undefined && set(p, "scmMinTlsVersion", "1.0")),
    ],
    "config/web Front Door rule without X-Azure-FDID": [
      "waf-on-internet-facing-apis",
      (i) =>
        webConfigs(i).some((p) =>
          asArray(p.ipSecurityRestrictions).some(
            (r: any) => r?.ipAddress === "AzureFrontDoor.Backend" && del(r, "headers"),
          ),
        ),
    ],
  },
  "azure-native:web:WebApp": {
    "functions runtime node 18": [
      "supported-runtimes",
      (i) => !!i.functionAppConfig?.runtime && set(i.functionAppConfig.runtime, "version", "18"),
    ],
  },
  "aws:dynamodb/table:Table": {
    pointInTimeRecovery: ["dynamodb-pitr", (i) => set(i, "pointInTimeRecovery", { enabled: false })],
    deletionProtectionEnabled: [
      "database-backup-protection",
      (i) => i.deletionProtectionEnabled === true && set(i, "deletionProtectionEnabled", false),
    ],
  },
  "aws:budgets/budget:Budget": { "limitAmount 1": ["stack-cost-within-budget", (i) => set(i, "limitAmount", "1.00")] },
  "aws:cloudwatch/metricAlarm:MetricAlarm": { okActions: ["alarm-actions-routed", (i) => del(i, "okActions")] },
};

/** Resources whose removal must be noticed: the control they are is missing. */
/** The `Microsoft.Web/sites/config` web properties an ARM deployment's template writes. */
function webConfigs(i: Inputs): Inputs[] {
  return asArray(i.properties?.template?.resources)
    .filter((r: any) => String(r?.type).toLowerCase() === "microsoft.web/sites/config" && asObject(r?.properties))
    .map((r: any) => r.properties);
}

const DROPPED: Readonly<Record<string, string>> = {
  "aws:s3/bucketLogging:BucketLogging": "s3-access-logging",
  "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": "waf-logging",
  "aws:wafv2/webAclAssociation:WebAclAssociation": "waf-on-internet-facing-apis",
  "azure-native:monitor:DiagnosticSetting": "azure-diagnostic-settings",
  // Without the origin lock a Flex app is reachable directly, bypassing Front Door's WAF.
  "azure-native:resources:Deployment": "waf-on-internet-facing-apis",
  // Without its security policy the Front Door WAF filters nothing in front of the locked app.
  "azure-native:cdn:SecurityPolicy": "waf-on-internet-facing-apis",
  "aws:ec2/flowLog:FlowLog": "vpc-flow-logs-enabled",
};

/** Whole kinds of resources whose removal must be noticed (every one of them at once). */
const ALL_DROPPED: readonly { readonly types: readonly string[]; readonly expect: string; readonly label: string }[] = [
  {
    types: [
      "aws:sns/topicSubscription:TopicSubscription",
      "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
      "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration",
    ],
    expect: "alarm-topics-subscribed",
    label: "remove every topic subscription and chat channel",
  },
];

/** Resources a change could add that the packs must refuse: the families the plans do not use yet. */
function additions(plan: readonly PlanResource[]): { label: string; expect: string; resources: PlanResource[] }[] {
  const provider = plan.find((r) => r.type === "pulumi:providers:aws");
  const stack = plan.find((r) => r.type === "pulumi:pulumi:Stack");
  if (!provider || !stack) return [];
  const prefix = stack.urn.slice(0, stack.urn.indexOf("::pulumi:pulumi:Stack"));
  const add = (type: string, name: string, inputs: Inputs, deps: Record<string, string[]> = {}): PlanResource => ({
    urn: `${prefix}::${type}::mutant-${name}`,
    type,
    name: `mutant-${name}`,
    parent: stack.urn,
    ...(type.startsWith("aws:") ? { provider: `${provider.urn}::mutant` } : {}),
    inputs,
    protect: false,
    custom: true,
    dependencies: [...new Set(Object.values(deps).flat())],
    propertyDependencies: deps,
    options: {},
  });
  const tags = { Name: "mutant" };
  return [
    {
      label: "add a Backup vault without a CMK",
      expect: "backup-vault-cmk",
      resources: [add("aws:backup/vault:Vault", "vault", { tags })],
    },
    {
      label: "add an unencrypted EBS volume",
      expect: "ebs-volume-cmk",
      resources: [add("aws:ebs/volume:Volume", "volume", { availabilityZone: "us-east-1a", size: 8, tags })],
    },
    {
      label: "add a Kinesis stream without a CMK",
      expect: "kinesis-cmk",
      resources: [add("aws:kinesis/stream:Stream", "stream", { shardCount: 1, tags })],
    },
    {
      label: "add a plain-HTTP load balancer listener",
      expect: "load-balancer-tls",
      resources: [
        add("aws:lb/listener:Listener", "listener", {
          loadBalancerArn: "lb",
          port: 80,
          protocol: "HTTP",
          defaultActions: [{ type: "forward", targetGroupArn: "tg" }],
          tags,
        }),
      ],
    },
    {
      // ftpsState is not applicable on Flex Consumption only: any other app must still set it.
      label: "add an App Service app on a Premium plan without ftpsState",
      expect: "app-service-hardening",
      resources: [
        add("azure-native:web:WebApp", "premium-app", {
          resourceGroupName: "rg",
          kind: "functionapp,linux",
          httpsOnly: true,
          siteConfig: { remoteDebuggingEnabled: false, scmMinTlsVersion: "1.2", minTlsVersion: "1.2" },
          tags,
        }),
      ],
    },
    {
      label: "add an IAM user",
      expect: "iam-no-users",
      resources: [add("aws:iam/user:User", "user", { name: "alice", tags })],
    },
    {
      label: "add an aws-native bucket",
      expect: "allowed-provider-packages",
      resources: [add("aws-native:s3:Bucket", "native-bucket", {})],
    },
    {
      label: "add a NACL open to all",
      expect: "nacl-ingress-restricted",
      resources: [
        add("aws:ec2/networkAcl:NetworkAcl", "nacl", {
          vpcId: "vpc-1",
          tags,
          ingress: [{ action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0", ruleNo: 100 }],
        }),
      ],
    },
    {
      label: "add an API method without authorization",
      expect: "api-authorization-required",
      resources: [
        add("aws:apigateway/method:Method", "method", {
          restApi: "api",
          resourceId: "r",
          httpMethod: "DELETE",
          authorization: "NONE",
        }),
      ],
    },
    {
      label: "add a secret without rotation",
      expect: "secrets-manager-rotation",
      resources: [add("aws:secretsmanager/secret:Secret", "secret", { kmsKeyId: "alias/platform", tags })],
    },
    {
      label: "add an S3 replication to an undeclared bucket",
      expect: "aws-replication-destinations",
      resources: [
        add("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "replication", {
          bucket: "b",
          role: "arn:aws:iam::1:role/r",
          rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere" } }],
        }),
      ],
    },
  ];
}

/** False when there is nothing to change, so the next resource of the type gets the mutant. */
function set(o: Inputs | undefined, key: string, value: unknown): boolean {
  if (!o || typeof o !== "object" || o[key] === value) return false;
  o[key] = value;
  return true;
}

function del(o: Inputs | undefined, key: string): boolean {
  if (!o || typeof o !== "object" || !(key in o)) return false;
  delete o[key];
  return true;
}

function replaced(plan: readonly PlanResource[], index: number, inputs: Inputs): PlanResource[] {
  return plan.map((r, i) => (i === index ? { ...r, inputs } : r));
}

export function generateMutants(plan: readonly PlanResource[]): Mutant[] {
  const mutants: Mutant[] = [];
  const seen = new Set<string>();
  const once = (key: string): boolean => !seen.has(key) && !!seen.add(key);
  plan.forEach((r, index) => {
    const clone = (): Inputs => structuredClone(r.inputs) as Inputs;
    for (const [prop, breakIt] of Object.entries(ENCRYPTION_BREAKERS[r.type] ?? {})) {
      const inputs = clone();
      const expect = ENCRYPTION_EXPECT[`${r.type} ${prop}`];
      if (!expect) throw new Error(`mutant ${r.type} ${prop} names no expected policy (ENCRYPTION_EXPECT)`);
      if (!seen.has(`${r.type}/${prop}`) && breakIt(inputs) && once(`${r.type}/${prop}`))
        mutants.push({ label: `${r.type} ${r.name}: break ${prop}`, resources: replaced(plan, index, inputs), expect });
    }
    for (const [prop, [expect, breakIt]] of Object.entries(BASELINE_BREAKERS[r.type] ?? {})) {
      const inputs = clone();
      if (!seen.has(`${r.type}/${prop}`) && breakIt(inputs) && once(`${r.type}/${prop}`))
        mutants.push({ label: `${r.type} ${r.name}: break ${prop}`, resources: replaced(plan, index, inputs), expect });
    }
    const dropped = DROPPED[r.type];
    if (dropped && once(`${r.type}/drop`))
      mutants.push({
        label: `${r.type} ${r.name}: remove it`,
        resources: plan.filter((_, i) => i !== index),
        expect: dropped,
      });
    if (r.type === "pulumi:providers:aws") {
      mutants.push({
        label: `${r.name}: region eu-west-1`,
        resources: replaced(plan, index, { ...clone(), region: "eu-west-1" }),
        expect: "aws-allowed-regions",
      });
      const tags = asObject(asObject(parseJsonish(r.inputs.defaultTags))?.tags);
      const users = plan.some(
        (u) => u.provider?.startsWith(`${r.urn}::`) && isTaggable(u.type) && !asObject(u.inputs.tags)?.Owner,
      );
      if (tags && users) {
        const { Owner: _dropped, ...rest } = tags;
        mutants.push({
          label: `${r.name}: drop defaultTags Owner`,
          resources: replaced(plan, index, { ...clone(), defaultTags: JSON.stringify({ tags: rest }) }),
          expect: "required-tags",
        });
      }
    }
    if (
      r.type.startsWith("aws:") &&
      !isGlobalType(r.type, DEFAULT_AWS_GLOBAL_TYPES) &&
      r.type !== "aws:wafv2/webAcl:WebAcl" &&
      once(`${r.type}/region`)
    ) {
      mutants.push({
        label: `${r.type} ${r.name}: region us-west-2`,
        resources: replaced(plan, index, { ...clone(), region: "us-west-2" }),
        expect: "aws-allowed-regions",
      });
    }
    if (r.type.startsWith("azure-native:")) {
      if (
        typeof r.inputs.location === "string" &&
        r.inputs.location.toLowerCase() !== "global" &&
        once(`${r.type}/location`)
      ) {
        mutants.push({
          label: `${r.type} ${r.name}: location westeurope`,
          resources: replaced(plan, index, { ...clone(), location: "westeurope" }),
          expect: "azure-allowed-locations",
        });
      }
      const pairedOk = typeMatches(r.type, DEFAULT_AZURE_PAIRED_REGION_TYPES);
      for (const paired of PAIRED) {
        if (
          typeof r.inputs.location === "string" &&
          r.inputs.location.toLowerCase() !== "global" &&
          !pairedOk &&
          r.inputs.location !== paired &&
          once(`${r.type}/location-${paired}`)
        ) {
          mutants.push({
            label: `${r.type} ${r.name}: location ${paired}`,
            resources: replaced(plan, index, { ...clone(), location: paired }),
            expect: "azure-allowed-locations",
          });
        }
      }
      const tags = asObject(r.inputs.tags);
      if (tags && "Environment" in tags && once(`${r.type}/tag-value`)) {
        mutants.push({
          label: `${r.type} ${r.name}: tag Environment=qa`,
          resources: replaced(plan, index, { ...clone(), tags: { ...tags, Environment: "qa" } }),
          expect: "allowed-tag-values",
        });
      }
      if (tags && "Owner" in tags && once(`${r.type}/tags`)) {
        const { Owner: _dropped, ...rest } = tags;
        mutants.push({
          label: `${r.type} ${r.name}: drop tag Owner`,
          resources: replaced(plan, index, { ...clone(), tags: rest }),
          expect: "required-tags",
        });
      }
    }
  });
  mutants.push(...deployabilityMutants(plan));
  for (const a of additions(plan))
    mutants.push({ label: a.label, expect: a.expect, resources: [...plan, ...a.resources] });
  for (const d of ALL_DROPPED) {
    if (plan.some((r) => d.types.includes(r.type)))
      mutants.push({ label: d.label, expect: d.expect, resources: plan.filter((r) => !d.types.includes(r.type)) });
  }
  return mutants;
}

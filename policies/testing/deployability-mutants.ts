/**
 * Mutants for the deployability pack: each breaks, on the real plan, the real-cloud rule one
 * deployability policy guards (an ordering the service checks at create time, a value outside
 * the service's allowed set, a name over its limit, a singleton declared twice). Keyed by the
 * policy they must trip, so a policy without an entry here is visibly unmutated; the mutation
 * suite's coverage check (tools/plan/mutation.test.ts) fails for any registered policy of any
 * pack that no mutant reaches.
 */
import { singletonOf } from "../../platform-rules/account-singletons";
import type { PlanResource } from "../../platform-rules/plan-format";
import { deployabilityPack } from "../deployability/pack";
import { NAME_RULES } from "../deployability/policies/physical-name-limits";
import { DEFAULT_STACK_SCOPED_NAMES } from "../deployability/policies/stack-scoped-names";
import { storageTarget } from "../deployability/policies/storage-diagnostic-categories";
import { asArray, asObject, asString, baseType, parseJsonish } from "../lib/props";

type Mutable = { -readonly [K in keyof PlanResource]: any };
/** Changes one resource in place (a deep clone); false when it has nothing to break. */
type Edit = (r: Mutable, plan: readonly PlanResource[]) => boolean;

export interface DeployabilityMutant {
  readonly label: string;
  readonly resources: PlanResource[];
}

/** The plan with the first resource matching `pick` that `edit` could change replaced by its edited clone. */
function editFirst(
  plan: readonly PlanResource[],
  pick: (r: PlanResource) => boolean,
  edit: Edit,
  what: string,
): DeployabilityMutant | undefined {
  for (let index = 0; index < plan.length; index++) {
    if (!pick(plan[index])) continue;
    const clone = structuredClone(plan[index]) as Mutable;
    if (!edit(clone, plan)) continue;
    return {
      label: `${plan[index].type} ${plan[index].name}: ${what}`,
      resources: plan.map((r, i) => (i === index ? (clone as PlanResource) : r)),
    };
  }
  return undefined;
}

const ofType =
  (...types: string[]) =>
  (r: PlanResource): boolean =>
    types.includes(baseType(r.type));

/**
 * Drops the resource's explicit `dependsOn` (every dependency no input comes from): the
 * regression in which a component stops waiting for a grant or setting the service checks.
 */
const dropDependsOn: Edit = (r) => {
  const fromInputs = new Set(Object.values(r.propertyDependencies as Record<string, string[]>).flat());
  const kept = (r.dependencies as string[]).filter((u) => fromInputs.has(u));
  if (kept.length === r.dependencies.length) return false;
  r.dependencies = kept;
  return true;
};

const setInput =
  (key: string, value: unknown): Edit =>
  (r) => {
    if (JSON.stringify(r.inputs[key]) === JSON.stringify(value)) return false;
    r.inputs[key] = value;
    return true;
  };

/** Policy name → the mutants that must draw a new finding of it. */
export const DEPLOYABILITY_MUTANTS: Readonly<
  Record<string, (plan: readonly PlanResource[]) => (DeployabilityMutant | undefined)[]>
> = {
  "account-singletons": (plan) => {
    const single = plan.find((r) => r.custom && singletonOf(r.type, r.inputs));
    if (!single) return [];
    const again: PlanResource = {
      ...structuredClone(single),
      urn: `${single.urn}-again`,
      name: `${single.name}-again`,
    };
    return [{ label: `${single.type} ${single.name}: declare it a second time`, resources: [...plan, again] }];
  },
  "app-insights-retention": (plan) => [
    editFirst(
      plan,
      ofType("azure-native:applicationinsights:Component"),
      setInput("retentionInDays", 45),
      "retentionInDays 45",
    ),
  ],
  "archive-tier-redundancy": (plan) => {
    // A lifecycle rule to Archive on a zone-redundant account (the account's SKU moved there if it is not).
    const policy = plan.find((r) => baseType(r.type) === "azure-native:storage:ManagementPolicy");
    const accountUrn = policy?.propertyDependencies["accountName"]?.[0];
    const account = plan.find((r) => r.urn === accountUrn);
    const parsed = asObject(parseJsonish(policy?.inputs.policy));
    if (!policy || !account || !parsed) return [];
    const rule = {
      name: "mutant-archive",
      enabled: true,
      type: "Lifecycle",
      definition: {
        actions: { baseBlob: { tierToArchive: { daysAfterModificationGreaterThan: 180 } } },
        filters: { blobTypes: ["blockBlob"] },
      },
    };
    const edited = {
      ...policy,
      inputs: { ...policy.inputs, policy: { ...parsed, rules: [...asArray(parsed.rules), rule] } },
    };
    const zoned = { ...account, inputs: { ...account.inputs, sku: { name: "Standard_RAGZRS" } } };
    return [
      {
        label: `${policy.type} ${policy.name}: archive rule on an RA-GZRS account`,
        resources: plan.map((r) => (r === policy ? edited : r === account ? zoned : r)),
      },
    ];
  },
  "azure-cmk-after-role-assignment": (plan) => [
    editFirst(
      plan,
      (r) =>
        (baseType(r.type) === "azure-native:storage:StorageAccount" &&
          asString(asObject(r.inputs.encryption)?.keySource)?.toLowerCase() === "microsoft.keyvault") ||
        (baseType(r.type) === "azure-native:dbforpostgresql:Server" &&
          asObject(r.inputs.dataEncryption)?.type === "AzureKeyVault"),
      dropDependsOn,
      "drop dependsOn (the identity's key role assignment)",
    ),
  ],
  "azure-role-propagation-wait": (plan) => [
    editFirst(
      plan,
      (r) => r.dependencies.some((u: string) => u.includes("azure-native:authorization:RoleAssignment::")),
      (r) => {
        const kept = (r.dependencies as string[]).filter((u) => !u.includes("time:index/sleep:Sleep::"));
        if (kept.length === r.dependencies.length) return false;
        r.dependencies = kept;
        return true;
      },
      "drop the RBAC propagation wait from dependsOn (the role assignments stay)",
    ),
  ],
  "eventbridge-rate-expression": (plan) => [
    editFirst(
      plan,
      (r) => ofType("aws:cloudwatch/eventRule:EventRule")(r) && /^rate\(/.test(String(r.inputs.scheduleExpression)),
      (r) => {
        const m = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(String(r.inputs.scheduleExpression));
        if (!m) return false;
        // The wrong number for the unit: rate(1 minutes) / rate(5 minute).
        r.inputs.scheduleExpression = `rate(${m[1]} ${m[2]}${m[1] === "1" ? "s" : ""})`;
        return true;
      },
      "rate expression unit that disagrees with its value",
    ),
  ],
  "health-check-probe-tls": (plan) => {
    const probed = new Set(
      plan
        .filter((r) => r.type === "aws:route53/healthCheck:HealthCheck" && r.inputs["type"] === "HTTPS")
        .map((r) => asString(r.inputs["fqdn"])),
    );
    return [
      editFirst(
        plan,
        (r) => r.type === "aws:apigateway/domainName:DomainName" && probed.has(asString(r.inputs["domainName"])),
        (r, p) =>
          [
            setInput("securityPolicy", "SecurityPolicy_TLS13_1_3_2025_09")(r, p),
            setInput("endpointAccessMode", "STRICT")(r, p),
          ].some(Boolean),
        "probed domain with a TLS 1.3-only security policy",
      ),
    ];
  },
  "cloudwatch-alarm-period": (plan) => [
    editFirst(plan, ofType("aws:cloudwatch/metricAlarm:MetricAlarm"), setInput("period", 45), "period 45"),
  ],
  "api-gateway-default-endpoint": (plan) => [
    editFirst(
      plan,
      ofType("aws:apigateway/restApi:RestApi"),
      (r) =>
        [setInput("disableExecuteApiEndpoint", false)(r, plan), setInput("securityPolicy", "TLS_1_0")(r, plan)].some(
          Boolean,
        ),
      "default endpoint on, securityPolicy TLS_1_0",
    ),
  ],
  "api-gateway-endpoint-access-mode": (plan) => [
    editFirst(
      plan,
      ofType("aws:apigateway/domainName:DomainName"),
      (r) => {
        r.inputs.securityPolicy = "SecurityPolicy_TLS13_1_2_2021_06";
        delete r.inputs.endpointAccessMode;
        return true;
      },
      "enhanced security policy without endpointAccessMode",
    ),
  ],
  "api-gateway-integration-response-order": (plan) => [
    editFirst(
      plan,
      ofType("aws:apigateway/integrationResponse:IntegrationResponse"),
      (r) => {
        // Inputs copied as plain values (no dependency) and no dependsOn: created in parallel.
        if (r.dependencies.length === 0) return false;
        r.dependencies = [];
        r.propertyDependencies = {};
        return true;
      },
      "no dependency on the integration or the method response",
    ),
  ],
  "api-gateway-logging-after-account": (plan) => [
    editFirst(
      plan,
      (r) => r.type === "aws:apigateway/stage:Stage" && r.inputs.accessLogSettings !== undefined,
      dropDependsOn,
      "drop dependsOn (the API Gateway account setting)",
    ),
  ],
  "bucket-notification-after-permission": (plan) => [
    editFirst(
      plan,
      ofType("aws:s3/bucketNotification:BucketNotification"),
      dropDependsOn,
      "drop dependsOn (the destination's grant)",
    ),
  ],
  "config-rules-after-recorder": (plan) => [
    editFirst(plan, ofType("aws:cfg/rule:Rule"), dropDependsOn, "drop dependsOn (the started recorder)"),
    editFirst(
      plan,
      ofType("aws:cfg/deliveryChannel:DeliveryChannel"),
      (r) => {
        const recorders = new Set(plan.filter((x) => x.type === "aws:cfg/recorder:Recorder").map((x) => x.urn));
        const kept = (r.dependencies as string[]).filter((u) => !recorders.has(u));
        if (kept.length === r.dependencies.length) return false;
        r.dependencies = kept;
        return true;
      },
      "drop dependsOn the recorder",
    ),
  ],
  "arm-deployment-incremental": (plan) => [
    editFirst(
      plan,
      ofType("azure-native:resources:Deployment"),
      (r) => {
        const properties = r.inputs.properties as Record<string, unknown> | undefined;
        if (!properties || typeof properties !== "object" || properties.mode === "Complete") return false;
        properties.mode = "Complete";
        return true;
      },
      "mode Complete",
    ),
  ],
  "bastion-nsg-required-rules": (plan) => [
    editFirst(
      plan,
      (r) =>
        baseType(r.type) === "azure-native:network:NetworkSecurityGroup" &&
        asArray(r.inputs.securityRules).some((x: any) => x?.name === "AllowGatewayManagerInbound"),
      (r) => {
        r.inputs.securityRules = asArray(r.inputs.securityRules).filter(
          (x: any) => x?.name !== "AllowGatewayManagerInbound",
        );
        return true;
      },
      "drop Bastion's GatewayManager rule",
    ),
  ],
  "flex-consumption-site-config": (plan) => [
    editFirst(
      plan,
      (r) => baseType(r.type) === "azure-native:web:WebApp" && r.inputs.functionAppConfig !== undefined,
      (r) => {
        r.inputs.siteConfig = { ...(asObject(r.inputs.siteConfig) ?? {}), netFrameworkVersion: "v4.6" };
        return true;
      },
      "siteConfig with netFrameworkVersion on a Flex Consumption app",
    ),
  ],
  "key-vault-secret-value": (plan) => [
    editFirst(
      plan,
      ofType("azure-native:keyvault:Secret"),
      (r) => {
        const properties = r.inputs.properties as Record<string, unknown> | undefined;
        if (!properties || typeof properties !== "object" || properties.value === "") return false;
        properties.value = "";
        return true;
      },
      "empty secret value",
    ),
  ],
  "lambda-after-role-policies": (plan) => [
    editFirst(
      plan,
      ofType("aws:lambda/eventSourceMapping:EventSourceMapping"),
      dropDependsOn,
      "drop dependsOn (the execution role's policies)",
    ),
    editFirst(
      plan,
      (r) => r.type === "aws:lambda/function:Function" && r.inputs.vpcConfig !== undefined,
      dropDependsOn,
      "drop dependsOn (the ENI policy of a VPC function)",
    ),
  ],
  "log-delivery-after-bucket-policy": (plan) => [
    editFirst(
      plan,
      ofType("aws:cloudtrail/trail:Trail"),
      dropDependsOn,
      "drop dependsOn (the destination bucket's policy)",
    ),
  ],
  "kms-deletion-window": (plan) => [
    editFirst(plan, ofType("aws:kms/key:Key"), setInput("deletionWindowInDays", 45), "deletionWindowInDays 45"),
  ],
  "log-retention-allowed-values": (plan) => [
    editFirst(
      plan,
      ofType("aws:cloudwatch/logGroup:LogGroup"),
      setInput("retentionInDays", 500),
      "retentionInDays 500",
    ),
  ],
  "physical-name-limits": (plan) => [
    editFirst(
      plan,
      (r) => baseType(r.type) in NAME_RULES && typeof r.inputs[NAME_RULES[baseType(r.type)].field] === "string",
      (r) => {
        const { field, max } = NAME_RULES[baseType(r.type)];
        r.inputs[field] = `${r.inputs[field]}${"x".repeat(max)}`.slice(0, max + 1);
        return true;
      },
      "explicit name one character over the limit",
    ),
  ],
  "pinned-engine-version-auto-upgrade": (plan) => [
    editFirst(
      plan,
      (r) => r.type === "aws:rds/cluster:Cluster" && (r.options.ignoreChanges ?? []).includes("engineVersion"),
      (r) => {
        r.options.ignoreChanges = r.options.ignoreChanges.filter((p: string) => p !== "engineVersion");
        if (!/\.\d/.test(asString(r.inputs.engineVersion) ?? ""))
          r.inputs.engineVersion = `${r.inputs.engineVersion ?? "17"}.4`;
        return true;
      },
      "pinned minor version without ignoreChanges engineVersion",
    ),
  ],
  "rds-backup-maintenance-windows": (plan) => [
    editFirst(
      plan,
      ofType("aws:rds/cluster:Cluster", "aws:rds/instance:Instance"),
      (r) => {
        const m = asString(r.inputs.preferredMaintenanceWindow)?.match(/^\w{3}:(\d\d:\d\d)-\w{3}:(\d\d:\d\d)$/);
        return !!m && setInput("preferredBackupWindow", `${m[1]}-${m[2]}`)(r, plan);
      },
      "backup window inside the maintenance window",
    ),
  ],
  "rds-proxy-connection-pool": (plan) => {
    const pool = (r: Mutable): Record<string, unknown> | undefined => asObject(r.inputs.connectionPoolConfig);
    return [
      editFirst(
        plan,
        ofType("aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup"),
        (r) => {
          const p = pool(r);
          const max = p?.maxConnectionsPercent ?? 100;
          if (!p || typeof max !== "number" || max >= 100) return false;
          r.inputs.connectionPoolConfig = { ...p, maxIdleConnectionsPercent: max + 1 };
          return true;
        },
        "maxIdleConnectionsPercent one above maxConnectionsPercent",
      ),
      editFirst(
        plan,
        ofType("aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup"),
        (r) => {
          const p = pool(r);
          if (!p) return false;
          r.inputs.connectionPoolConfig = { ...p, connectionBorrowTimeout: 301 };
          return true;
        },
        "connectionBorrowTimeout 301 s",
      ),
    ];
  },
  "resource-policy-action-scope": (plan) => [
    editFirst(
      plan,
      ofType("aws:sqs/queuePolicy:QueuePolicy"),
      (r) => {
        const parsed = asObject(parseJsonish(r.inputs.policy));
        if (!parsed) return false;
        const statement = { Sid: "OtherService", Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: "*" };
        r.inputs.policy = JSON.stringify({ ...parsed, Statement: [...asArray(parsed.Statement), statement] });
        return true;
      },
      "an sns: action in a queue policy",
    ),
  ],
  "sns-delivery-log-groups": (plan) => [
    editFirst(
      plan,
      (r) => r.type === "aws:cloudwatch/logGroup:LogGroup" && /^sns\/.*\/Failure$/.test(String(r.inputs.name)),
      (r) => setInput("name", String(r.inputs.name).replace(/\/Failure$/, "/failures"))(r, plan),
      "a delivery failure log group under a name SNS does not write to",
    ),
    editFirst(
      plan,
      (r) => r.type === "aws:sns/topic:Topic" && r.inputs.httpSuccessFeedbackSampleRate !== undefined,
      setInput("httpSuccessFeedbackSampleRate", 150),
      "a success sample rate of 150 %",
    ),
  ],
  "sns-tracing-xray-policy": (plan) => {
    const xray = plan.filter((r) => r.type === "aws:xray/resourcePolicy:ResourcePolicy");
    const traced = plan.some((r) => r.type === "aws:sns/topic:Topic" && r.inputs.tracingConfig === "Active");
    if (xray.length > 0 && traced)
      return [{ label: "remove every X-Ray resource policy", resources: plan.filter((r) => !xray.includes(r)) }];
    return [
      editFirst(
        plan,
        ofType("aws:sns/topic:Topic"),
        setInput("tracingConfig", "Active"),
        "tracingConfig Active without an X-Ray resource policy",
      ),
    ];
  },
  "sqs-visibility-covers-lambda-timeout": (plan) => {
    const queues = new Set(
      plan
        .filter((r) => r.type === "aws:lambda/eventSourceMapping:EventSourceMapping")
        .flatMap((r) => r.propertyDependencies["eventSourceArn"] ?? []),
    );
    return [
      editFirst(
        plan,
        (r) => r.type === "aws:sqs/queue:Queue" && queues.has(r.urn),
        setInput("visibilityTimeoutSeconds", 0),
        "visibility timeout 0 s on a Lambda event source",
      ),
    ];
  },
  "stack-scoped-names": (plan) => [
    editFirst(
      plan,
      (r) => r.type in DEFAULT_STACK_SCOPED_NAMES && typeof r.inputs[DEFAULT_STACK_SCOPED_NAMES[r.type]] === "string",
      (r) => setInput(DEFAULT_STACK_SCOPED_NAMES[r.type], "platform-shared-name")(r, plan),
      "explicit name without the stack name",
    ),
  ],
  "storage-diagnostic-categories": (plan) => [
    editFirst(
      plan,
      (r) =>
        baseType(r.type) === "azure-native:monitor:DiagnosticSetting" &&
        storageTarget(asString(r.inputs.resourceUri)) !== undefined,
      setInput("metrics", [{ category: "AllMetrics", enabled: true }]),
      "AllMetrics on a storage diagnostic setting",
    ),
  ],
  "log-group-archived": (plan) => {
    const filter = plan.find((r) => r.type === "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter");
    if (!filter) return [];
    return [
      {
        label: `${filter.type} ${filter.name}: removed (its log group is no longer archived)`,
        resources: plan.filter((r) => r !== filter),
      },
    ];
  },
  "log-subscription-filter-limit": (plan) => {
    const filter = plan.find((r) => r.type === "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter");
    if (!filter) return [];
    const copy = (n: number): PlanResource => ({
      ...structuredClone(filter),
      urn: `${filter.urn}-${n}`,
      name: `${filter.name}-${n}`,
    });
    return [
      {
        label: `${filter.type} ${filter.name}: two more filters on the same log group (three in all)`,
        resources: [...plan, copy(2), copy(3)],
      },
    ];
  },
  "waf-log-destination-name": (plan) => {
    const destinations = new Set(
      plan
        .filter((r) => r.type === "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")
        .flatMap((r) => r.propertyDependencies["logDestinationConfigs"] ?? []),
    );
    return [
      editFirst(
        plan,
        (r) => r.type === "aws:cloudwatch/logGroup:LogGroup" && destinations.has(r.urn),
        (r) => {
          delete r.inputs.name;
          r.inputs.namePrefix = "waf-logs-";
          return true;
        },
        "WAF log group named without aws-waf-logs-",
      ),
    ];
  },
};

/** Every deployability mutant the plan yields, each naming the policy it must trip. */
export function deployabilityMutants(
  plan: readonly PlanResource[],
): { label: string; expect: string; resources: PlanResource[] }[] {
  // Mutants prepared for a policy still waiting (deployability/pack.ts WAITING) start once it is registered.
  const registered = new Set(deployabilityPack.policies.map((p) => p.name));
  return Object.entries(DEPLOYABILITY_MUTANTS)
    .filter(([policy]) => registered.has(policy))
    .flatMap(([expect, make]) =>
      make(plan)
        .filter((m): m is DeployabilityMutant => m !== undefined)
        .map((m) => ({ ...m, expect })),
    );
}

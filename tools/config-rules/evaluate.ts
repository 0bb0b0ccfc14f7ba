/**
 * Offline evaluators of the AWS Config managed rules the stacks deploy about backups, secret
 * rotation and alarm actions: each reads the rule's deployed parameters from the plan's
 * aws:cfg/rule:Rule and judges the plan's resources the way the rule's documented logic
 * judges the recorded configuration items. Pure: a plan in, evaluations out.
 *
 * What only the deployed rule can see (a recovery point that exists, a rotation that ran on
 * schedule) is judged from the configuration that produces it: the plan's backup rules and
 * vault key, the secret's rotation schedule. Sources per rule in RULE_DOCS.
 */
import { exceptionForLogical, type ConfigRuleException } from "../../platform-rules/config-rules/exceptions";
import type { PlanResource } from "../../platform-rules/plan-format";
import { SNS_FEEDBACK_PROTOCOLS } from "../../platform-rules/sns-delivery";

export type Compliance = "COMPLIANT" | "NON_COMPLIANT" | "NOT_APPLICABLE";

export interface Evaluation {
  readonly rule: string;
  /** The judged resource's logical name (or the rule's, for NOT_APPLICABLE). */
  readonly resource: string;
  readonly compliance: Compliance;
  readonly annotation: string;
  /** For a NON_COMPLIANT result: the register's documented exception that names it (expected). */
  readonly exception?: ConfigRuleException;
}

/** NON_COMPLIANT results no documented exception explains: what must be fixed. */
export function unexpected(evaluations: readonly Evaluation[]): Evaluation[] {
  return evaluations.filter((e) => e.compliance === "NON_COMPLIANT" && e.exception === undefined);
}

type Params = Readonly<Record<string, string>>;
type Evaluator = (plan: readonly PlanResource[], params: Params) => Evaluation[];

const CONFIG_RULE = "aws:cfg/rule:Rule";
const T = {
  plan: "aws:backup/plan:Plan",
  selection: "aws:backup/selection:Selection",
  vault: "aws:backup/vault:Vault",
  vaultPolicy: "aws:backup/vaultPolicy:VaultPolicy",
  cluster: "aws:rds/cluster:Cluster",
  table: "aws:dynamodb/table:Table",
  bucket: "aws:s3/bucket:Bucket",
  secret: "aws:secretsmanager/secret:Secret",
  rotation: "aws:secretsmanager/secretRotation:SecretRotation",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  topic: "aws:sns/topic:Topic",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  restApi: "aws:apigateway/restApi:RestApi",
  stage: "aws:apigateway/stage:Stage",
  methodSettings: "aws:apigateway/methodSettings:MethodSettings",
  wafAssociation: "aws:wafv2/webAclAssociation:WebAclAssociation",
  bucketLogging: "aws:s3/bucketLogging:BucketLogging",
  bucketEncryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
} as const;

/** The documentation each evaluator follows. */
export const RULE_DOCS: Readonly<Record<string, string>> = {
  AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN:
    "https://docs.aws.amazon.com/config/latest/developerguide/aurora-resources-protected-by-backup-plan.html",
  DYNAMODB_RESOURCES_PROTECTED_BY_BACKUP_PLAN:
    "https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-resources-protected-by-backup-plan.html",
  DYNAMODB_IN_BACKUP_PLAN: "https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-in-backup-plan.html",
  S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN:
    "https://docs.aws.amazon.com/config/latest/developerguide/s3-resources-protected-by-backup-plan.html",
  BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK:
    "https://docs.aws.amazon.com/config/latest/developerguide/backup-plan-min-frequency-and-min-retention-check.html",
  BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK:
    "https://docs.aws.amazon.com/config/latest/developerguide/backup-recovery-point-minimum-retention-check.html",
  BACKUP_RECOVERY_POINT_ENCRYPTED:
    "https://docs.aws.amazon.com/config/latest/developerguide/backup-recovery-point-encrypted.html",
  BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED:
    "https://docs.aws.amazon.com/config/latest/developerguide/backup-recovery-point-manual-deletion-disabled.html",
  DB_INSTANCE_BACKUP_ENABLED:
    "https://docs.aws.amazon.com/config/latest/developerguide/db-instance-backup-enabled.html",
  DYNAMODB_PITR_ENABLED: "https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-pitr-enabled.html",
  SECRETSMANAGER_ROTATION_ENABLED_CHECK:
    "https://docs.aws.amazon.com/config/latest/developerguide/secretsmanager-rotation-enabled-check.html",
  SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK:
    "https://docs.aws.amazon.com/config/latest/developerguide/secretsmanager-scheduled-rotation-success-check.html",
  SECRETSMANAGER_SECRET_PERIODIC_ROTATION:
    "https://docs.aws.amazon.com/config/latest/developerguide/secretsmanager-secret-periodic-rotation.html",
  CLOUDWATCH_ALARM_ACTION_CHECK:
    "https://docs.aws.amazon.com/config/latest/developerguide/cloudwatch-alarm-action-check.html",
  SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED:
    "https://docs.aws.amazon.com/config/latest/developerguide/sns-topic-message-delivery-notification-enabled.html",
  EC2_SECURITY_GROUP_ATTACHED_TO_ENI_PERIODIC:
    "https://docs.aws.amazon.com/config/latest/developerguide/ec2-security-group-attached-to-eni-periodic.html",
  S3_BUCKET_BLACKLISTED_ACTIONS_PROHIBITED:
    "https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-blacklisted-actions-prohibited.html",
  API_GW_EXECUTION_LOGGING_ENABLED:
    "https://docs.aws.amazon.com/config/latest/developerguide/api-gw-execution-logging-enabled.html",
  API_GW_XRAY_ENABLED: "https://docs.aws.amazon.com/config/latest/developerguide/api-gw-xray-enabled.html",
  API_GW_ASSOCIATED_WITH_WAF:
    "https://docs.aws.amazon.com/config/latest/developerguide/api-gw-associated-with-waf.html",
  API_GW_ENDPOINT_TYPE_CHECK:
    "https://docs.aws.amazon.com/config/latest/developerguide/api-gw-endpoint-type-check.html",
  API_GW_CACHE_ENABLED_AND_ENCRYPTED:
    "https://docs.aws.amazon.com/config/latest/developerguide/api-gw-cache-enabled-and-encrypted.html",
  API_GW_SSL_ENABLED: "https://docs.aws.amazon.com/config/latest/developerguide/api-gw-ssl-enabled.html",
  S3_BUCKET_LOGGING_ENABLED: "https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-logging-enabled.html",
  S3_DEFAULT_ENCRYPTION_KMS: "https://docs.aws.amazon.com/config/latest/developerguide/s3-default-encryption-kms.html",
};

const ofType = (plan: readonly PlanResource[], type: string) => plan.filter((r) => r.type === type);
/** A comma-separated rule parameter as its items (AWS Config passes lists that way). */
const listParam = (value: string | undefined): string[] =>
  (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
const inputs = (r: PlanResource) => r.inputs as Record<string, unknown>;
const tagsOf = (r: PlanResource) => (inputs(r).tags ?? {}) as Record<string, string>;
const result = (rule: string, r: PlanResource, ok: boolean, why: string): Evaluation => ({
  rule,
  resource: r.name,
  compliance: ok ? "COMPLIANT" : "NON_COMPLIANT",
  annotation: why,
});

interface BackupRule {
  readonly ruleName: string;
  readonly schedule?: string;
  readonly lifecycle?: { readonly deleteAfter?: number; readonly coldStorageAfter?: number };
  readonly copyActions?: readonly { readonly lifecycle?: { readonly deleteAfter?: number } }[];
}

/** The backup plans a resource is assigned to: a selection of the plan lists its ARN or matches its tags. */
function plansProtecting(plan: readonly PlanResource[], resource: PlanResource): PlanResource[] {
  const arn = inputs(resource).arn;
  return ofType(plan, T.selection).flatMap((selection) => {
    const s = inputs(selection);
    const byTag = ((s.selectionTags ?? []) as { type: string; key: string; value: string }[]).some(
      (t) => t.type === "STRINGEQUALS" && tagsOf(resource)[t.key] === t.value,
    );
    const byArn = ((s.resources ?? []) as string[]).some((r) => r === arn || r === "*");
    const excluded = ((s.notResources ?? []) as string[]).includes(String(arn));
    if (!(byTag || byArn) || excluded) return [];
    const planUrns = selection.propertyDependencies["planId"] ?? [];
    return ofType(plan, T.plan).filter((p) => planUrns.includes(p.urn));
  });
}

function protectedByBackupPlan(rule: string, type: string): Evaluator {
  return (plan) =>
    ofType(plan, type).map((r) => {
      const plans = plansProtecting(plan, r);
      return result(
        rule,
        r,
        plans.length > 0,
        plans.length > 0
          ? `in backup plan ${plans.map((p) => p.name).join(", ")}`
          : "no backup selection lists it or matches its tags",
      );
    });
}

/** A cron/rate schedule's period in hours (undefined when not recognised). */
export function schedulePeriodHours(schedule: string | undefined): number | undefined {
  if (!schedule) return undefined;
  const rate = schedule.match(/^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/);
  if (rate) return Number(rate[1]) * (rate[2]!.startsWith("minute") ? 1 / 60 : rate[2]!.startsWith("hour") ? 1 : 24);
  const cron = schedule.match(/^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/);
  if (!cron) return undefined;
  const [, , hours, dom, month, dow] = cron;
  if (month !== "*") return 24 * 365;
  if (dom !== "*" && dom !== "?") return 24 * 31;
  if (dow !== "*" && dow !== "?") return 24 * 7;
  if (hours === "*") return 1;
  const every = hours!.match(/^\*\/(\d+)$|^\d+\/(\d+)$/);
  if (every) return Number(every[1] ?? every[2]);
  return 24 / hours!.split(",").length;
}

/** Resources whose input `key` comes from `from` (the plan's per-input dependencies). */
const dependents = (plan: readonly PlanResource[], from: PlanResource, type: string, key: string) =>
  ofType(plan, type).filter((r) => (r.propertyDependencies[key] ?? []).includes(from.urn));

/**
 * Resource types that put an ENI in the VPC carrying the security groups of the given inputs:
 * Lambda (Hyperplane ENIs), Aurora (one per instance), RDS Proxy and its endpoints, interface VPC
 * endpoints, Route 53 Resolver endpoints, EC2 instances and ENIs themselves.
 */
const ENI_OWNERS: Readonly<Record<string, readonly string[]>> = {
  "aws:lambda/function:Function": ["vpcConfig"],
  "aws:rds/cluster:Cluster": ["vpcSecurityGroupIds"],
  "aws:rds/proxy:Proxy": ["vpcSecurityGroupIds"],
  "aws:rds/proxyEndpoint:ProxyEndpoint": ["vpcSecurityGroupIds"],
  "aws:ec2/vpcEndpoint:VpcEndpoint": ["securityGroupIds"],
  "aws:route53/resolverEndpoint:ResolverEndpoint": ["securityGroupIds"],
  "aws:ec2/instance:Instance": ["vpcSecurityGroupIds", "securityGroups"],
  "aws:ec2/networkInterface:NetworkInterface": ["securityGroups"],
};

/** The account the plan's own ARNs name most often (the stack's account). */
export function planAccount(plan: readonly PlanResource[]): string | undefined {
  const counts = new Map<string, number>();
  for (const m of JSON.stringify(plan.map((r) => r.inputs)).matchAll(/arn:aws[\w-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/g))
    counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** An IAM action pattern (with * and ?) as a case-insensitive regular expression. */
const actionRegex = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
/** Whether two action patterns can name the same action. */
const actionsOverlap = (a: string, b: string) =>
  actionRegex(a).test(b.replace(/[*?]/g, "")) || actionRegex(b).test(a.replace(/[*?]/g, ""));

interface PolicyStatementDoc {
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
}

/** Principals of a statement that belong to another account, or to anyone: the rule reads Principal only. */
function foreignPrincipals(principal: unknown, account: string | undefined): string[] {
  if (principal === "*") return ["*"];
  const aws = (principal as { AWS?: string | string[] } | undefined)?.AWS;
  return ([] as string[])
    .concat(aws ?? [])
    .filter((p) => p === "*" || (p.match(/(?:^|:)(\d{12})(?::|$)/)?.[1] ?? account) !== account);
}

const backupRules = (p: PlanResource) => (inputs(p).rules ?? []) as BackupRule[];

const EVALUATORS: Readonly<Record<string, Evaluator>> = {
  AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN: protectedByBackupPlan(
    "AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
    T.cluster,
  ),
  DYNAMODB_RESOURCES_PROTECTED_BY_BACKUP_PLAN: protectedByBackupPlan(
    "DYNAMODB_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
    T.table,
  ),
  DYNAMODB_IN_BACKUP_PLAN: protectedByBackupPlan("DYNAMODB_IN_BACKUP_PLAN", T.table),
  S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN: (plan, params) => {
    // resourceTags narrows the rule to buckets carrying those tags (JSON object of key → value).
    const scope = params.resourceTags ? (JSON.parse(params.resourceTags) as Record<string, string>) : undefined;
    const inScope = (r: PlanResource) => !scope || Object.entries(scope).every(([k, v]) => tagsOf(r)[k] === v);
    return protectedByBackupPlan("S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN", T.bucket)(
      plan.filter((r) => r.type !== T.bucket || inScope(r)),
      params,
    );
  },
  BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK: (plan, params) => {
    const value = Number(params.requiredFrequencyValue ?? 1);
    const hours = value * ((params.requiredFrequencyUnit ?? "days") === "hours" ? 1 : 24);
    const days = Number(params.requiredRetentionDays ?? 35);
    return ofType(plan, T.plan).map((p) => {
      // The plan passes when one of its rules backs up at least that often and keeps it that long.
      const ok = backupRules(p).find((r) => {
        const period = schedulePeriodHours(r.schedule);
        return period !== undefined && period <= hours && (r.lifecycle?.deleteAfter ?? Infinity) >= days;
      });
      return result(
        "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
        p,
        ok !== undefined,
        ok
          ? `rule ${ok.ruleName} runs every ≤ ${hours} h and keeps ≥ ${days} days`
          : `no rule runs every ${hours} h and keeps ${days} days`,
      );
    });
  },
  BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK: (plan, params) => {
    const days = Number(params.requiredRetentionDays ?? 35);
    return ofType(plan, T.plan).map((p) => {
      // Every recovery point a rule (or its copies) creates is kept at least that long.
      const short = backupRules(p).flatMap((r) =>
        [r.lifecycle?.deleteAfter, ...(r.copyActions ?? []).map((c) => c.lifecycle?.deleteAfter)]
          .filter((d): d is number => d !== undefined && d < days)
          .map((d) => `${r.ruleName} keeps ${d} days`),
      );
      return result(
        "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
        p,
        short.length === 0,
        short.join("; ") || `every recovery point kept ≥ ${days} days`,
      );
    });
  },
  BACKUP_RECOVERY_POINT_ENCRYPTED: (plan) => {
    // Recovery points in a vault with a KMS key are encrypted with it; Aurora's are snapshots of encrypted storage.
    const vaults = ofType(plan, T.vault).map((v) =>
      result(
        "BACKUP_RECOVERY_POINT_ENCRYPTED",
        v,
        typeof inputs(v).kmsKeyArn === "string",
        "vault encrypts recovery points with its KMS key",
      ),
    );
    const clusters = ofType(plan, T.cluster)
      .filter((c) => plansProtecting(plan, c).length > 0)
      .map((c) =>
        result(
          "BACKUP_RECOVERY_POINT_ENCRYPTED",
          c,
          inputs(c).storageEncrypted === true,
          "snapshots of encrypted cluster storage",
        ),
      );
    return [...vaults, ...clusters];
  },
  BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED: (plan) =>
    ofType(plan, T.vault).map((v) => {
      const policies = ofType(plan, T.vaultPolicy).filter((p) =>
        (p.propertyDependencies["backupVaultName"] ?? []).includes(v.urn),
      );
      const denies = policies.some((p) => {
        const doc = JSON.parse(String(inputs(p).policy)) as {
          Statement: { Effect: string; Action: string | string[] }[];
        };
        return doc.Statement.some(
          (s) => s.Effect === "Deny" && ([] as string[]).concat(s.Action).includes("backup:DeleteRecoveryPoint"),
        );
      });
      return result(
        "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
        v,
        denies,
        denies ? "vault policy denies backup:DeleteRecoveryPoint" : "no vault policy denies backup:DeleteRecoveryPoint",
      );
    }),
  DB_INSTANCE_BACKUP_ENABLED: (plan, params) => {
    const minimum = Number(params.backupRetentionMinimum ?? 1);
    // Aurora instances report their cluster's backup retention.
    return ofType(plan, T.cluster).map((c) => {
      const days = Number(inputs(c).backupRetentionPeriod ?? 1);
      return result("DB_INSTANCE_BACKUP_ENABLED", c, days >= minimum, `backup retention ${days} days`);
    });
  },
  DYNAMODB_PITR_ENABLED: (plan) =>
    ofType(plan, T.table).map((t) => {
      const on = (inputs(t).pointInTimeRecovery as { enabled?: boolean } | undefined)?.enabled === true;
      return result("DYNAMODB_PITR_ENABLED", t, on, on ? "point-in-time recovery on" : "point-in-time recovery off");
    }),
  SECRETSMANAGER_ROTATION_ENABLED_CHECK: (plan, params) =>
    ofType(plan, T.secret).map((s) => {
      const rotation = rotationOf(plan, s);
      const max = params.maximumAllowedRotationFrequency ? Number(params.maximumAllowedRotationFrequency) : undefined;
      const days = rotation ? rotationDays(rotation) : undefined;
      const ok = rotation !== undefined && (max === undefined || (days !== undefined && days <= max));
      return result(
        "SECRETSMANAGER_ROTATION_ENABLED_CHECK",
        s,
        ok,
        rotation ? `rotates every ${days ?? "?"} days` : "no rotation configured",
      );
    }),
  SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK: (plan) =>
    // Offline: a rotation schedule with a rotation function (or managed rotation) is what succeeds on schedule.
    ofType(plan, T.secret).map((s) => {
      const rotation = rotationOf(plan, s);
      const r = rotation ? inputs(rotation) : undefined;
      const ok =
        r !== undefined &&
        (r.rotationLambdaArn !== undefined ||
          r.rotateImmediately !== undefined ||
          rotationDays(rotation!) !== undefined);
      return result(
        "SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK",
        s,
        ok,
        ok ? "rotation scheduled with a rotation function" : "no rotation scheduled",
      );
    }),
  SECRETSMANAGER_SECRET_PERIODIC_ROTATION: (plan, params) => {
    const max = Number(params.maxDaysSinceRotation ?? 90);
    return ofType(plan, T.secret).map((s) => {
      const rotation = rotationOf(plan, s);
      const days = rotation ? rotationDays(rotation) : undefined;
      return result(
        "SECRETSMANAGER_SECRET_PERIODIC_ROTATION",
        s,
        days !== undefined && days <= max,
        days !== undefined ? `rotates every ${days} days (≤ ${max})` : "no rotation schedule",
      );
    });
  },
  S3_BUCKET_LOGGING_ENABLED: (plan, params) =>
    ofType(plan, T.bucket).map((b) => {
      const logging = dependents(plan, b, T.bucketLogging, "bucket").filter(
        (l) => !params.targetBucket || String(inputs(l).targetBucket) === params.targetBucket,
      );
      return result(
        "S3_BUCKET_LOGGING_ENABLED",
        b,
        logging.length > 0,
        logging.length > 0
          ? `server access logs to ${String(inputs(logging[0]!).targetBucket)}`
          : "no server access logging",
      );
    }),
  S3_DEFAULT_ENCRYPTION_KMS: (plan, params) => {
    const keys = listParam(params.kmsKeyArns);
    return ofType(plan, T.bucket).map((b) => {
      const defaults = dependents(plan, b, T.bucketEncryption, "bucket").flatMap((c) =>
        (
          (inputs(c).rules ?? []) as {
            applyServerSideEncryptionByDefault?: { sseAlgorithm?: string; kmsMasterKeyId?: string };
          }[]
        ).map((r) => r.applyServerSideEncryptionByDefault ?? {}),
      );
      const kms = defaults.filter(
        (d) =>
          (d.sseAlgorithm === "aws:kms" || d.sseAlgorithm === "aws:kms:dsse") &&
          (keys.length === 0 || keys.includes(String(d.kmsMasterKeyId))),
      );
      return result(
        "S3_DEFAULT_ENCRYPTION_KMS",
        b,
        kms.length > 0,
        kms.length > 0
          ? "default encryption SSE-KMS"
          : `default encryption ${defaults.map((d) => d.sseAlgorithm ?? "?").join(", ") || "none"}, not SSE-KMS`,
      );
    });
  },
  EC2_SECURITY_GROUP_ATTACHED_TO_ENI_PERIODIC: (plan) =>
    // Judged from what attaches the group: a resource whose ENIs carry it. Default groups are out of scope.
    ofType(plan, T.securityGroup)
      .filter((sg) => inputs(sg).name !== "default")
      .map((sg) => {
        const owners = Object.entries(ENI_OWNERS).flatMap(([type, keys]) =>
          keys.flatMap((key) => dependents(plan, sg, type, key)),
        );
        return result(
          "EC2_SECURITY_GROUP_ATTACHED_TO_ENI_PERIODIC",
          sg,
          owners.length > 0,
          owners.length > 0
            ? `on the ENIs of ${[...new Set(owners.map((o) => o.name))].join(", ")}`
            : "no ENI carries it (only rules or nothing reference it)",
        );
      }),
  S3_BUCKET_BLACKLISTED_ACTIONS_PROHIBITED: (plan, params) => {
    const blocked = listParam(params.blacklistedActionPattern);
    const account = planAccount(plan);
    return ofType(plan, T.bucket).map((b) => {
      const statements = dependents(plan, b, T.bucketPolicy, "bucket").flatMap(
        (p) => (JSON.parse(String(inputs(p).policy)) as { Statement: PolicyStatementDoc[] }).Statement,
      );
      // Conditions are ignored, as the rule does: only Principal decides who may act.
      const allowed = statements.flatMap((st) => {
        if (st.Effect !== "Allow" || foreignPrincipals(st.Principal, account).length === 0) return [];
        if (st.NotAction !== undefined)
          return blocked.filter((x) => !([] as string[]).concat(st.NotAction!).some((n) => actionsOverlap(n, x)));
        return blocked.filter((x) => ([] as string[]).concat(st.Action ?? []).some((a) => actionsOverlap(a, x)));
      });
      return result(
        "S3_BUCKET_BLACKLISTED_ACTIONS_PROHIBITED",
        b,
        allowed.length === 0,
        allowed.length === 0
          ? "no statement allows another account a blocklisted action"
          : `allows another account ${[...new Set(allowed)].join(", ")}`,
      );
    });
  },
  API_GW_EXECUTION_LOGGING_ENABLED: (plan, params) => {
    const levels = (params.loggingLevel ?? "ERROR,INFO").split(",").map((l) => l.trim().toUpperCase());
    return ofType(plan, T.stage).map((stage) => {
      // Every method's level: the stage-wide */* setting, unless a method's own setting overrides it.
      const settings = dependents(plan, stage, T.methodSettings, "stageName");
      const level = (m: PlanResource) =>
        String((inputs(m).settings as { loggingLevel?: string } | undefined)?.loggingLevel ?? "OFF").toUpperCase();
      const all = settings.find((m) => inputs(m).methodPath === "*/*");
      const bad = [
        ...(all && levels.includes(level(all)) ? [] : [`*/* ${all ? level(all) : "not set (OFF)"}`]),
        ...settings
          .filter((m) => m !== all && !levels.includes(level(m)))
          .map((m) => `${String(inputs(m).methodPath)} ${level(m)}`),
      ];
      return result(
        "API_GW_EXECUTION_LOGGING_ENABLED",
        stage,
        bad.length === 0,
        bad.length === 0
          ? `every method logs at ${level(all!)}`
          : `logging level not in ${levels.join(",")}: ${bad.join("; ")}`,
      );
    });
  },
  API_GW_XRAY_ENABLED: (plan) =>
    ofType(plan, T.stage).map((stage) =>
      result(
        "API_GW_XRAY_ENABLED",
        stage,
        inputs(stage).xrayTracingEnabled === true,
        inputs(stage).xrayTracingEnabled === true ? "X-Ray tracing on" : "X-Ray tracing off",
      ),
    ),
  API_GW_ASSOCIATED_WITH_WAF: (plan, params) => {
    const allowed = listParam(params.WebAclArns);
    return ofType(plan, T.stage).map((stage) => {
      const associations = dependents(plan, stage, T.wafAssociation, "resourceArn").filter(
        (a) => allowed.length === 0 || allowed.includes(String(inputs(a).webAclArn)),
      );
      return result(
        "API_GW_ASSOCIATED_WITH_WAF",
        stage,
        associations.length > 0,
        associations.length > 0
          ? `associated with ${associations.map((a) => String(inputs(a).webAclArn)).join(", ")}`
          : `no WAFv2 web ACL association${allowed.length > 0 ? " among WebAclArns" : ""}`,
      );
    });
  },
  API_GW_ENDPOINT_TYPE_CHECK: (plan, params) => {
    const allowed = listParam(params.endpointConfigurationTypes);
    return ofType(plan, T.restApi).map((api) => {
      // No endpointConfiguration means EDGE (API Gateway's default for REST APIs).
      const raw = (inputs(api).endpointConfiguration as { types?: string | string[] } | undefined)?.types ?? "EDGE";
      const types = ([] as string[]).concat(raw);
      const ok = types.every((t) => allowed.includes(t));
      return result(
        "API_GW_ENDPOINT_TYPE_CHECK",
        api,
        ok,
        `endpoint type ${types.join(",")}${ok ? "" : ` not in ${allowed.join(",")}`}`,
      );
    });
  },
  API_GW_CACHE_ENABLED_AND_ENCRYPTED: (plan) =>
    ofType(plan, T.stage).map((stage) => {
      const settings = dependents(plan, stage, T.methodSettings, "stageName").map(
        (m) => (inputs(m).settings ?? {}) as { cachingEnabled?: boolean; cacheDataEncrypted?: boolean },
      );
      const ok =
        inputs(stage).cacheClusterEnabled === true &&
        settings.length > 0 &&
        settings.every((m) => m.cachingEnabled === true && m.cacheDataEncrypted === true);
      return result(
        "API_GW_CACHE_ENABLED_AND_ENCRYPTED",
        stage,
        ok,
        ok ? "every method caches, encrypted" : "the stage cache is off or a method does not cache encrypted",
      );
    }),
  API_GW_SSL_ENABLED: (plan) =>
    ofType(plan, T.stage).map((stage) =>
      result(
        "API_GW_SSL_ENABLED",
        stage,
        inputs(stage).clientCertificateId !== undefined,
        inputs(stage).clientCertificateId !== undefined
          ? "backend client certificate set"
          : "no backend client certificate (clientCertificateId)",
      ),
    ),
  SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED: (plan) =>
    // The rule reads the topic's delivery status attributes: a success or failure feedback role for a protocol.
    ofType(plan, T.topic).map((t) => {
      const logged = SNS_FEEDBACK_PROTOCOLS.filter(
        (p) =>
          inputs(t)[`${p}FailureFeedbackRoleArn`] !== undefined ||
          inputs(t)[`${p}SuccessFeedbackRoleArn`] !== undefined,
      );
      return result(
        "SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED",
        t,
        logged.length > 0,
        logged.length > 0 ? `delivery status logged for ${logged.join(", ")}` : "no delivery status logging",
      );
    }),
  CLOUDWATCH_ALARM_ACTION_CHECK: (plan, params) => {
    const required = (key: string, fallback: boolean) => (params[key] ?? String(fallback)).toLowerCase() === "true";
    const allowed = ["action1", "action2", "action3", "action4", "action5"]
      .map((k) => params[k])
      .filter((a): a is string => !!a);
    const checks: [string, string, boolean][] = [
      ["alarmActions", "alarm", required("alarmActionRequired", true)],
      ["insufficientDataActions", "insufficient-data", required("insufficientDataActionRequired", true)],
      ["okActions", "OK", required("okActionRequired", false)],
    ];
    return ofType(plan, T.alarm).map((a) => {
      const missing = checks.flatMap(([field, label, needed]) => {
        const actions = (inputs(a)[field] ?? []) as string[];
        if (needed && actions.length === 0) return [`no ${label} action`];
        const foreign = allowed.length > 0 ? actions.filter((x) => !allowed.includes(x)) : [];
        return foreign.length > 0 ? [`${label} action ${foreign.join(", ")} not among action1-5`] : [];
      });
      // Actions disabled count as none (ActionsEnabled false).
      if (inputs(a).actionsEnabled === false) missing.push("actions disabled");
      return result(
        "CLOUDWATCH_ALARM_ACTION_CHECK",
        a,
        missing.length === 0,
        missing.join("; ") || "every required action present",
      );
    });
  },
};

/** The topic attributes' protocol prefixes that carry delivery status feedback roles (sns/topic.d.ts). */

function rotationOf(plan: readonly PlanResource[], secret: PlanResource): PlanResource | undefined {
  return ofType(plan, T.rotation).find((r) => (r.propertyDependencies["secretId"] ?? []).includes(secret.urn));
}

function rotationDays(rotation: PlanResource): number | undefined {
  const rules = inputs(rotation).rotationRules as
    { automaticallyAfterDays?: number; scheduleExpression?: string } | undefined;
  if (rules?.automaticallyAfterDays !== undefined) return rules.automaticallyAfterDays;
  const hours = schedulePeriodHours(rules?.scheduleExpression);
  return hours === undefined ? undefined : Math.ceil(hours / 24);
}

/** Identifiers this module evaluates. */
export const EVALUATED_RULES: readonly string[] = Object.keys(EVALUATORS);

/** The deployed rule's identifier and parameters. */
export function deployedRule(r: PlanResource): { identifier: string; params: Params } {
  const i = inputs(r);
  const identifier = String((i.source as { sourceIdentifier?: string } | undefined)?.sourceIdentifier ?? "");
  const raw = i.inputParameters;
  const params = typeof raw === "string" ? (JSON.parse(raw) as Params) : ((raw ?? {}) as Params);
  return { identifier, params };
}

/**
 * The plan as the rule's region sees it: a Config rule judges only what its own region's recorder
 * records, so resources of another provider (e.g. the DR gate's region) are left out.
 */
function inRegionOf(plan: readonly PlanResource[], rule: PlanResource): readonly PlanResource[] {
  if (rule.provider === undefined) return plan;
  return plan.filter((r) => r.provider === undefined || r.provider === rule.provider);
}

/**
 * Evaluates every deployed Config rule of the plan that this module knows, with its deployed
 * parameters; a NON_COMPLIANT result the exceptions register names (and that is not past its
 * review on `at`) carries that exception.
 */
export function evaluateDeployedRules(plan: readonly PlanResource[], at: Date = new Date()): Evaluation[] {
  return ofType(plan, CONFIG_RULE).flatMap((r) => {
    const { identifier, params } = deployedRule(r);
    const evaluate = EVALUATORS[identifier];
    if (!evaluate) return [];
    const results = evaluate(inRegionOf(plan, r), params).map((e) => {
      const exception = e.compliance === "NON_COMPLIANT" ? exceptionForLogical(e.rule, e.resource, at) : undefined;
      return exception ? { ...e, exception } : e;
    });
    return results.length > 0
      ? results
      : [
          {
            rule: identifier,
            resource: r.name,
            compliance: "NOT_APPLICABLE" as const,
            annotation: "no resource in scope",
          },
        ];
  });
}

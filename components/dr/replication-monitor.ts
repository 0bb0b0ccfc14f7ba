/**
 * The publisher of the DR metrics: services/dr-monitor on a LambdaFunction (arm64, nodejs22.x,
 * app subnets, encrypted environment and logs) run by an EventBridge rule every
 * `scheduleSeconds` (platform:dr.gate.monitorScheduleSeconds; default every minute). It
 * reads Aurora as its own login (`dr_monitor`, services/dr/migrations/fx/003) with IAM auth
 * tokens (rds-db:connect on that one database user; never the master secret, which only the
 * migration function holds), and the Azure standby over the VPN as the same read-only role,
 * whose generated password lives in a Secrets Manager secret created here: the only secret its
 * role may read. One extra security group adds PostgreSQL egress to the standby's VNet only.
 * A second function (services/secret-rotation) rotates that secret on a schedule (single-user:
 * dr_monitor changes its own password), so the rotation Config rules see it rotated; its role
 * may read and write that one secret only.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { assertValid, collectProblems, nameTag, parseCidr, type Protection } from "../common";
import { DR_MONITOR_DB_USER } from "../../platform-rules/database";
import { rateExpression, scheduleSecondsProblem } from "../../platform-rules/aws-timing";
import { DEFAULT_GATE } from "../../platform-rules/recovery-objectives";
import type { PolicyStatement } from "../services/iam";
import { LambdaFunction } from "../services/lambda-function";

/** The role the DR schema step creates on the standby for the monitor (see services/dr-monitor/README.md). */
export const STANDBY_MONITOR_USER = DR_MONITOR_DB_USER;

export interface ReplicationMonitorArgs {
  /** The bundle of services/dr-monitor (`lambdaCode("dr-monitor")`). Required. */
  readonly code: pulumi.asset.Archive;
  /**
   * Seconds between runs (`platform:dr.gate.monitorScheduleSeconds`, the RPO model's sampling
   * interval and the gate's first term), deployed as an EventBridge rate: a whole number of
   * minutes, at least one. Keep the DR alarms' period at least this long (their missing data
   * breaches). Default 60 (`rate(1 minute)`).
   */
  readonly scheduleSeconds?: number;
  /**
   * Aurora (the primary): writer endpoint, port, database, and the rds-db:connect resource of the
   * monitor's login, `arn:aws:rds-db:<region>:<account>:dbuser:<cluster resource id>/dr_monitor`
   * (the cluster needs IAM database authentication on). Required.
   */
  readonly primary: {
    readonly host: pulumi.Input<string>;
    readonly port: number;
    readonly database: string;
    readonly dbUserArn: pulumi.Input<string>;
  };
  /** The Azure standby: server FQDN (TLS name), optional private address, port and database. Required. */
  readonly standby: {
    readonly host: pulumi.Input<string>;
    readonly hostaddr?: pulumi.Input<string>;
    readonly port?: number;
    readonly database: string;
  };
  /** The standby VNet CIDR: the only destination of the extra PostgreSQL egress rule. Required. */
  readonly standbyCidr: string;
  /** Subscription on the standby. Default fx_dr_sub. */
  readonly subscription?: string;
  /** VPC, app subnets and app security group (Aurora and HTTPS to AWS APIs). Required. */
  readonly vpc: {
    readonly vpcId: pulumi.Input<string>;
    readonly subnetIds: pulumi.Input<string[]>;
    readonly appSecurityGroupId: pulumi.Input<string>;
  };
  /** The Parameters and Secrets Lambda extension layer ARN. Required. */
  readonly secretsExtensionLayerArn: pulumi.Input<string>;
  /** CMK of the standby secret (the secrets key); decrypt only through Secrets Manager. Required. */
  readonly secretsKeyArn: pulumi.Input<string>;
  readonly environmentKeyArn: pulumi.Input<string>;
  readonly logsKeyArn: pulumi.Input<string>;
  /** Region of the function (for kms:ViaService) and the regions its role may act in. Required. */
  readonly region: string;
  readonly allowedRegions: readonly string[];
  /** Log retention in days (at least 365). Default 400. */
  readonly logRetentionDays?: number;
  /** `retain` (default) keeps the log group and the secret on delete. */
  readonly protection?: Protection;
  /** The bundle of services/secret-rotation (`lambdaCode("secret-rotation")`), which rotates the standby credentials. Required. */
  readonly rotationCode: pulumi.asset.Archive;
  /** SNS topic told when a rotation fails (alarm, OK and insufficient-data actions). Required. */
  readonly alarmTopicArn: pulumi.Input<string>;
  /** Days between rotations of the standby credentials: 1 to 90 (PCI DSS 8.3.9, the Config rules' 90). Default 30. */
  readonly rotationDays?: number;
}

/** Default seconds between monitor runs (`platform:dr.gate.monitorScheduleSeconds`'s default). */
export const DEFAULT_MONITOR_SCHEDULE_SECONDS = DEFAULT_GATE.monitorScheduleSeconds;

/** Default days between rotations of the standby credentials. */
export const DEFAULT_ROTATION_DAYS = 30;

export function replicationMonitorArgsProblems(args: ReplicationMonitorArgs): readonly string[] {
  return collectProblems((p) => {
    const schedule = args.scheduleSeconds !== undefined ? scheduleSecondsProblem(args.scheduleSeconds) : undefined;
    if (schedule) p.add("scheduleSeconds", schedule);
    const userArn = args.primary.dbUserArn;
    if (
      typeof userArn === "string" &&
      !/^arn:aws[a-z-]*:rds-db:[a-z0-9-]+:\d{12}:dbuser:cluster-[A-Za-z0-9]+\/[a-z_][a-z0-9_]*$/.test(userArn)
    )
      p.add(
        "primary.dbUserArn",
        `expected arn:aws:rds-db:<region>:<account>:dbuser:<cluster resource ` +
          `id>/${DR_MONITOR_DB_USER} (the cluster's resource id, not its name); got ` +
          `${JSON.stringify(userArn)}`,
      );
    if (!parseCidr(args.standbyCidr))
      p.add("standbyCidr", `expected an IPv4 CIDR such as 10.1.0.0/16; got ${JSON.stringify(args.standbyCidr)}`);
    if (args.subscription !== undefined && !/^[a-z_][a-z0-9_]*$/.test(args.subscription))
      p.add(
        "subscription",
        `expected a PostgreSQL identifier such as fx_dr_sub; got ${JSON.stringify(args.subscription)}`,
      );
    if (
      args.rotationDays !== undefined &&
      (!Number.isInteger(args.rotationDays) || args.rotationDays < 1 || args.rotationDays > 90)
    )
      p.add(
        "rotationDays",
        `must be a whole number of days from 1 to 90 (PCI DSS 8.3.9 changes passwords at least every 90 days); got ${args.rotationDays}`,
      );
  });
}

export class ReplicationMonitor extends pulumi.ComponentResource {
  readonly functionName: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;
  readonly ruleArn: pulumi.Output<string>;
  /** Secret holding `{ username: "dr_monitor", password }` for the standby; create the role with it. */
  readonly standbySecretArn: pulumi.Output<string>;
  /** The function that rotates the standby secret. */
  readonly rotationFunctionName: pulumi.Output<string>;

  constructor(name: string, args: ReplicationMonitorArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:dr:ReplicationMonitor", name, {}, opts);
    assertValid("platform:dr:ReplicationMonitor", name, replicationMonitorArgsProblems(args));
    const child = { parent: this };
    const protection = args.protection ?? "retain";

    const password = new random.RandomPassword(
      `${name}-standby-password`,
      { length: 40, special: true, overrideSpecial: "-_.~", minLower: 2, minUpper: 2, minNumeric: 2 },
      child,
    );
    const secret = new aws.secretsmanager.Secret(
      `${name}-standby-credentials`,
      {
        description: `Read-only ${STANDBY_MONITOR_USER} credentials on the Azure DR standby, for the ${name} function`,
        kmsKeyId: args.secretsKeyArn,
        recoveryWindowInDays: protection === "retain" ? 30 : 7,
        tags: nameTag(`${name}-standby-credentials`),
      },
      { ...child, ...(protection === "retain" ? { protect: true, retainOnDelete: true } : {}) },
    );
    new aws.secretsmanager.SecretVersion(
      `${name}-standby-credentials-value`,
      {
        secretId: secret.id,
        secretString: pulumi.jsonStringify({ username: STANDBY_MONITOR_USER, password: password.result }),
      },
      // The first value only: rotation adds the versions after it, and an update must never put
      // the generated password back as AWSCURRENT (the role would no longer accept it).
      { ...child, ignoreChanges: ["secretString", "versionStages"] },
    );

    const group = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpc.vpcId,
        description: "DR monitor: PostgreSQL to the Azure standby over the VPN",
        tags: nameTag(`${name}-sg`),
      },
      child,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-to-standby`,
      {
        securityGroupId: group.id,
        cidrIpv4: args.standbyCidr,
        ipProtocol: "tcp",
        fromPort: args.standby.port ?? 5432,
        toPort: args.standby.port ?? 5432,
        description: "PostgreSQL on the Azure standby",
      },
      child,
    );

    const schedule = rateExpression(args.scheduleSeconds ?? DEFAULT_MONITOR_SCHEDULE_SECONDS);
    // "rate(1 minute)" -> "every minute", "rate(2 minutes)" -> "every 2 minutes".
    const every = `every ${schedule.slice(5, -1).replace(/^1 /, "")}`;
    const via = { StringEquals: { "kms:ViaService": `secretsmanager.${args.region}.amazonaws.com` } };
    const statements: PolicyStatement[] = [
      // IAM database authentication as dr_monitor on Aurora (PCI DSS 7.2, 8.6): no password anywhere.
      { sid: "PrimaryConnect", actions: ["rds-db:connect"], resources: [args.primary.dbUserArn] },
      { sid: "StandbySecret", actions: ["secretsmanager:GetSecretValue"], resources: [secret.arn] },
      { sid: "DatabaseSecretsKey", actions: ["kms:Decrypt"], resources: [args.secretsKeyArn], condition: via },
    ];
    const fn = new LambdaFunction(
      `${name}-fn`,
      {
        code: args.code,
        handler: "index.handler",
        description: `Publishes Platform/DR ReplicationLagSeconds and StandbyPromoted ${every} (EMF)`,
        memoryMb: 256,
        timeoutSeconds: 30,
        // One run at a time: a slow run must not pile up connections on either database.
        reservedConcurrency: 1,
        environmentKeyArn: args.environmentKeyArn,
        logsKeyArn: args.logsKeyArn,
        logRetentionDays: args.logRetentionDays,
        layers: [args.secretsExtensionLayerArn],
        environment: {
          PRIMARY_IAM_USER: DR_MONITOR_DB_USER,
          PRIMARY_HOST: args.primary.host,
          PRIMARY_PORT: String(args.primary.port),
          PRIMARY_DATABASE: args.primary.database,
          STANDBY_SECRET_ARN: secret.arn,
          STANDBY_HOST: args.standby.host,
          ...(args.standby.hostaddr !== undefined ? { STANDBY_HOSTADDR: args.standby.hostaddr } : {}),
          STANDBY_PORT: String(args.standby.port ?? 5432),
          STANDBY_DATABASE: args.standby.database,
          DR_SUBSCRIPTION: args.subscription ?? "fx_dr_sub",
          // The RDS CA bundle, which Node's own store lacks.
          NODE_EXTRA_CA_CERTS: "/var/runtime/ca-cert.pem",
          // No secrets cache: the standby secret rotates every rotationDays, and a cached old
          // password would fail every run for the cache's 5 minutes, each a missing datapoint the
          // lag alarm pages on. One GetSecretValue a minute costs about $0.22 a month.
          SECRETS_MANAGER_TTL: "0",
        },
        vpc: {
          subnetIds: args.vpc.subnetIds,
          securityGroupIds: pulumi.all([args.vpc.appSecurityGroupId, group.id]).apply(([app, own]) => [app, own]),
        },
        policyStatements: statements,
        allowedRegions: args.allowedRegions,
        protection,
      },
      child,
    );

    const rule = new aws.cloudwatch.EventRule(
      `${name}-schedule`,
      { description: `Runs the DR monitor ${every}`, scheduleExpression: schedule },
      child,
    );
    const permission = new aws.lambda.Permission(
      `${name}-invoke`,
      {
        action: "lambda:InvokeFunction",
        function: fn.functionName,
        principal: "events.amazonaws.com",
        sourceArn: rule.arn,
      },
      child,
    );
    // A missed minute is a missing datapoint; retrying it later is worthless, so events expire fast.
    new aws.cloudwatch.EventTarget(
      `${name}-target`,
      { rule: rule.name, arn: fn.arn, retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 } },
      { ...child, dependsOn: [permission] },
    );

    const rotation = this.rotation(name, args, secret, group);

    this.functionName = fn.functionName;
    this.roleName = fn.roleName;
    this.ruleArn = rule.arn;
    this.standbySecretArn = secret.arn;
    this.rotationFunctionName = rotation.functionName;
    this.registerOutputs({
      rotationFunctionName: this.rotationFunctionName,
      functionName: this.functionName,
      roleName: this.roleName,
      ruleArn: this.ruleArn,
      standbySecretArn: this.standbySecretArn,
    });
  }

  /** The rotation function, its invoke permission for Secrets Manager, and the schedule. */
  private rotation(
    name: string,
    args: ReplicationMonitorArgs,
    secret: aws.secretsmanager.Secret,
    group: aws.ec2.SecurityGroup,
  ): LambdaFunction {
    const child = { parent: this };
    const via = { StringEquals: { "kms:ViaService": `secretsmanager.${args.region}.amazonaws.com` } };
    const fn = new LambdaFunction(
      `${name}-rotation`,
      {
        code: args.rotationCode,
        handler: "index.handler",
        description: `Rotates the ${STANDBY_MONITOR_USER} password on the Azure DR standby (Secrets Manager rotation)`,
        memoryMb: 256,
        timeoutSeconds: 60,
        environmentKeyArn: args.environmentKeyArn,
        logsKeyArn: args.logsKeyArn,
        logRetentionDays: args.logRetentionDays,
        environment: {
          SECRET_ARN: secret.arn,
          TARGET_HOST: args.standby.host,
          ...(args.standby.hostaddr !== undefined ? { TARGET_HOSTADDR: args.standby.hostaddr } : {}),
          TARGET_PORT: String(args.standby.port ?? 5432),
          TARGET_DATABASE: args.standby.database,
        },
        vpc: {
          subnetIds: args.vpc.subnetIds,
          securityGroupIds: pulumi.all([args.vpc.appSecurityGroupId, group.id]).apply(([app, own]) => [app, own]),
        },
        policyStatements: [
          {
            sid: "RotateThisSecret",
            actions: [
              "secretsmanager:DescribeSecret",
              "secretsmanager:GetSecretValue",
              "secretsmanager:PutSecretValue",
              "secretsmanager:UpdateSecretVersionStage",
            ],
            resources: [secret.arn],
          },
          {
            sid: "ThisSecretsKey",
            actions: ["kms:Decrypt", "kms:GenerateDataKey"],
            resources: [args.secretsKeyArn],
            condition: via,
          },
        ],
        allowedRegions: args.allowedRegions,
        protection: args.protection ?? "retain",
      },
      child,
    );
    const permission = new aws.lambda.Permission(
      `${name}-rotation-invoke`,
      {
        action: "lambda:InvokeFunction",
        function: fn.functionName,
        principal: "secretsmanager.amazonaws.com",
        sourceArn: secret.arn,
      },
      child,
    );
    new aws.secretsmanager.SecretRotation(
      `${name}-standby-credentials-rotation`,
      {
        secretId: secret.id,
        rotationLambdaArn: fn.arn,
        rotationRules: { automaticallyAfterDays: args.rotationDays ?? DEFAULT_ROTATION_DAYS },
        // The role is created on the standby after the first deploy (README): rotating now would
        // fail. Secrets Manager then only runs testSecret on a copy of the current value.
        rotateImmediately: false,
      },
      { ...child, dependsOn: [permission] },
    );
    // A failed step is a failed invocation (Secrets Manager retries, the Config rule
    // SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK turns NON_COMPLIANT): someone must look.
    const actions = [args.alarmTopicArn];
    new aws.cloudwatch.MetricAlarm(
      `${name}-rotation-errors`,
      {
        alarmDescription: `Rotation of the ${STANDBY_MONITOR_USER} standby credentials failed. See services/secret-rotation/README.md.`,
        namespace: "AWS/Lambda",
        metricName: "Errors",
        dimensions: { FunctionName: fn.functionName },
        statistic: "Sum",
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        // The function runs once a rotation period: no data is the normal state.
        treatMissingData: "notBreaching",
        alarmActions: actions,
        okActions: actions,
        insufficientDataActions: actions,
        tags: nameTag(`${name}-rotation-errors`),
      },
      child,
    );
    return fn;
  }
}

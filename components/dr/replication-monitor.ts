/**
 * The publisher of the DR metrics: services/dr-monitor on a LambdaFunction (arm64, nodejs22.x,
 * app subnets, encrypted environment and logs) run by an EventBridge rule every minute. It
 * reads Aurora as its own login (`dr_monitor`, services/dr/migrations/fx/003) with IAM auth
 * tokens (rds-db:connect on that one database user; never the master secret, which only the
 * migration function holds), and the Azure standby over the VPN as the same read-only role,
 * whose generated password lives in a Secrets Manager secret created here: the only secret its
 * role may read. One extra security group adds PostgreSQL egress to the standby's VNet only.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { assertValid, collectProblems, nameTag, parseCidr, type Protection } from "../common";
import { DR_MONITOR_DB_USER } from "../../platform-rules/database";
import type { PolicyStatement } from "../services/iam";
import { LambdaFunction } from "../services/lambda-function";

/** The role the DR schema step creates on the standby for the monitor (see services/dr-monitor/README.md). */
export const STANDBY_MONITOR_USER = DR_MONITOR_DB_USER;

export interface ReplicationMonitorArgs {
  /** The bundle of services/dr-monitor (`lambdaCode("dr-monitor")`). Required. */
  readonly code: pulumi.asset.Archive;
  /** EventBridge schedule. Default `rate(1 minute)` (the DR alarms' period is 60 s with missing data breaching). */
  readonly schedule?: string;
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
}

export function replicationMonitorArgsProblems(args: ReplicationMonitorArgs): readonly string[] {
  return collectProblems((p) => {
    if (args.schedule !== undefined && !/^rate\(1 minute\)$|^cron\(\* \* \* \* \? \*\)$/.test(args.schedule)) {
      p.add(
        "schedule",
        `must run every minute (rate(1 minute)): the DR alarms evaluate 60 s periods with missing data breaching; got ${JSON.stringify(args.schedule)}`,
      );
    }
    const userArn = args.primary.dbUserArn;
    if (
      typeof userArn === "string" &&
      !/^arn:aws[a-z-]*:rds-db:[a-z0-9-]+:\d{12}:dbuser:cluster-[A-Za-z0-9]+\/[a-z_][a-z0-9_]*$/.test(userArn)
    )
      p.add(
        "primary.dbUserArn",
        `expected arn:aws:rds-db:<region>:<account>:dbuser:<cluster resource id>/${DR_MONITOR_DB_USER} (the cluster's resource id, not its name); got ${JSON.stringify(userArn)}`,
      );
    if (!parseCidr(args.standbyCidr))
      p.add("standbyCidr", `expected an IPv4 CIDR such as 10.1.0.0/16; got ${JSON.stringify(args.standbyCidr)}`);
    if (args.subscription !== undefined && !/^[a-z_][a-z0-9_]*$/.test(args.subscription))
      p.add(
        "subscription",
        `expected a PostgreSQL identifier such as fx_dr_sub; got ${JSON.stringify(args.subscription)}`,
      );
  });
}

export class ReplicationMonitor extends pulumi.ComponentResource {
  readonly functionName: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;
  readonly ruleArn: pulumi.Output<string>;
  /** Secret holding `{ username: "dr_monitor", password }` for the standby; create the role with it. */
  readonly standbySecretArn: pulumi.Output<string>;

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
      child,
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
        description: "Publishes Platform/DR ReplicationLagSeconds and StandbyPromoted every minute (EMF)",
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
      { description: "Runs the DR monitor every minute", scheduleExpression: args.schedule ?? "rate(1 minute)" },
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

    this.functionName = fn.functionName;
    this.roleName = fn.roleName;
    this.ruleArn = rule.arn;
    this.standbySecretArn = secret.arn;
    this.registerOutputs({
      functionName: this.functionName,
      roleName: this.roleName,
      ruleArn: this.ruleArn,
      standbySecretArn: this.standbySecretArn,
    });
  }
}

/**
 * RDS Proxy in front of the Aurora PostgreSQL cluster: hundreds of Lambda instances share a
 * bounded pool of database connections instead of opening one (or more) each.
 *
 * End-to-end IAM authentication (DefaultAuthScheme IAM_AUTH): clients connect to the proxy with
 * IAM auth tokens and the proxy connects to the database with IAM auth too, as the same user,
 * so no database password exists anywhere. The proxy's role may only `rds-db:connect` as the
 * named users of this cluster: it holds no Secrets Manager access at all, which is the least a
 * proxy can be given. TLS is required from clients; the database forces TLS itself.
 * Sources: docs/deploy-readiness.md, "AWS: DatabaseProxy".
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RDS_PROXY_POOL } from "../../platform-rules/aurora";
import { assertValid, collectProblems, known, nameTag } from "../common";

/** DBProxyName: 1–63, a letter first, letters, digits and single hyphens, no hyphen last (CreateDBProxy). */
export const PROXY_NAME = /^[a-zA-Z](?:-?[a-zA-Z0-9]+)*$/;
/** PostgreSQL role names the proxy may log in as. */
const DB_USER = /^[a-z_][a-z0-9_]{0,62}$/;

export interface DatabaseProxyArgs {
  /** Proxy name, unique per account and region: 1–63 letters, digits, single hyphens; a letter first. Required. */
  readonly proxyName: string;
  /** The Aurora cluster's identifier (the proxy's target). Required. */
  readonly clusterIdentifier: pulumi.Input<string>;
  /** The cluster's resource id (`cluster-…`), which IAM database-user ARNs name. Required. */
  readonly clusterResourceId: pulumi.Input<string>;
  /** Subnets of the proxy: at least two, in different AZs, in the cluster's VPC. Required. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security groups of the proxy (must reach the cluster on its port; clients must reach these). Required. */
  readonly securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Database users clients may connect as, e.g. ["trade_api"]. Each must exist with rds_iam granted. Required, at least one. */
  readonly dbUsers: readonly string[];
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  /** Share of the writer's max_connections the proxy may open: 1–100. Default 80 (the rest for migrations, DR, operators). */
  readonly maxConnectionsPercent?: number;
  /** Seconds a client connection may idle before the proxy closes it: 1–28800. Default 1800. */
  readonly idleClientTimeoutSeconds?: number;
  /** Seconds a client waits for a pooled connection when all are busy: 0–300 (RDS Proxy's limit). Default 10 (the API's timeout). */
  readonly connectionBorrowTimeoutSeconds?: number;
  /**
   * A read-only proxy endpoint (TargetRole READ_ONLY) that spreads reads over the cluster's
   * readers. Needs at least one reader instance, or its connections fail. Default "disabled".
   */
  readonly readerEndpoint?: "enabled" | "disabled";
}

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function databaseProxyArgsProblems(args: DatabaseProxyArgs): readonly string[] {
  return collectProblems((p) => {
    if (!(args.proxyName.length <= 63 && PROXY_NAME.test(args.proxyName))) {
      p.add(
        "proxyName",
        `${JSON.stringify(args.proxyName)} is not a DB proxy name: 1-63 letters, digits and single hyphens, starting with a letter, not ending with a hyphen`,
      );
    }
    if (args.dbUsers.length === 0) p.add("dbUsers", "name at least one database user the proxy may connect as");
    for (const u of args.dbUsers)
      if (!DB_USER.test(u)) p.add("dbUsers", `${JSON.stringify(u)} is not a PostgreSQL role name`);
    if (known(args.subnetIds) && args.subnetIds.length < 2)
      p.add("subnetIds", "RDS Proxy needs at least two subnets in different Availability Zones");
    const int = (field: string, value: number | undefined, min: number, max: number) => {
      if (value !== undefined && (!Number.isInteger(value) || value < min || value > max))
        p.add(field, `must be a whole number from ${min} to ${max}; got ${value}`);
    };
    const { maxConnectionsPercent: pool, connectionBorrowTimeout: borrow } = RDS_PROXY_POOL;
    int("maxConnectionsPercent", args.maxConnectionsPercent, pool.min, pool.max);
    int("idleClientTimeoutSeconds", args.idleClientTimeoutSeconds, 1, 28800);
    int("connectionBorrowTimeoutSeconds", args.connectionBorrowTimeoutSeconds, borrow.min, borrow.max);
  });
}

export class DatabaseProxy extends pulumi.ComponentResource {
  readonly proxyName: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  /** Host clients connect to and sign their IAM tokens for. */
  readonly endpoint: pulumi.Output<string>;
  /** Host of the read-only endpoint (readers only), when `readerEndpoint` is "enabled". */
  readonly readerEndpoint?: pulumi.Output<string>;
  /** `prx-…`: the resource id client policies name in `arn:aws:rds-db:<region>:<account>:dbuser:prx-…/<user>`. */
  readonly resourceId: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: DatabaseProxyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:database:DatabaseProxy", name, {}, opts);
    assertValid("platform:database:DatabaseProxy", name, databaseProxyArgsProblems(args));
    const child = { parent: this };

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description: `${args.proxyName}: IAM database authentication as ${args.dbUsers.join(", ")} only`,
        // Only RDS, and only on behalf of this account (confused-deputy guard).
        assumeRolePolicy: pulumi.output(args.accountId).apply((account) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { Service: "rds.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": account } },
              },
            ],
          }),
        ),
        tags: nameTag(`${name}-role`),
      },
      child,
    );
    // A customer-managed policy attached to the role, not an inline one: the deployed Config rule
    // IAM_NO_INLINE_POLICY_CHECK marks any role with an inline policy NON_COMPLIANT.
    const connect = new aws.iam.Policy(
      `${name}-connect`,
      {
        description: "RDS Proxy: IAM database authentication to the cluster as the clients' users only",
        policy: pulumi.all([args.accountId, args.clusterResourceId]).apply(([account, resourceId]) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "ConnectAsTheClientsUsers",
                Effect: "Allow",
                Action: "rds-db:connect",
                Resource: args.dbUsers.map((u) => `arn:aws:rds-db:${args.region}:${account}:dbuser:${resourceId}/${u}`),
              },
            ],
          }),
        ),
        tags: nameTag(`${name}-connect`),
      },
      child,
    );
    const attachment = new aws.iam.RolePolicyAttachment(
      `${name}-connect-attachment`,
      { role: role.name, policyArn: connect.arn },
      child,
    );

    const proxy = new aws.rds.Proxy(
      `${name}-proxy`,
      {
        name: args.proxyName,
        engineFamily: "POSTGRESQL",
        defaultAuthScheme: "IAM_AUTH",
        requireTls: true,
        // SQL text would reach the proxy's logs: never on by default.
        debugLogging: false,
        idleClientTimeout: args.idleClientTimeoutSeconds ?? 1800,
        roleArn: role.arn,
        vpcSubnetIds: args.subnetIds,
        vpcSecurityGroupIds: args.securityGroupIds,
        tags: nameTag(args.proxyName),
      },
      // The proxy connects to the cluster with the role's permission as soon as a target registers.
      { ...child, dependsOn: [attachment] },
    );
    new aws.rds.ProxyDefaultTargetGroup(
      `${name}-target-group`,
      {
        dbProxyName: proxy.name,
        connectionPoolConfig: {
          maxConnectionsPercent: args.maxConnectionsPercent ?? 80,
          maxIdleConnectionsPercent: Math.min(50, args.maxConnectionsPercent ?? 80),
          connectionBorrowTimeout: args.connectionBorrowTimeoutSeconds ?? 10,
        },
      },
      child,
    );
    new aws.rds.ProxyTarget(
      `${name}-target`,
      { dbProxyName: proxy.name, targetGroupName: "default", dbClusterIdentifier: args.clusterIdentifier },
      child,
    );

    if (args.readerEndpoint === "enabled") {
      // Same authentication as the proxy (IAM, TLS); tokens are signed for this host and name the
      // proxy's resource id, so client policies need no change. Name: 1-63 letters, digits and
      // single hyphens, a letter first (CreateDBProxyEndpoint), like the proxy's own name.
      const endpointName = `${args.proxyName.slice(0, 60)}-ro`;
      this.readerEndpoint = new aws.rds.ProxyEndpoint(
        `${name}-reader`,
        {
          dbProxyName: proxy.name,
          dbProxyEndpointName: endpointName,
          targetRole: "READ_ONLY",
          vpcSubnetIds: args.subnetIds,
          vpcSecurityGroupIds: args.securityGroupIds,
          tags: nameTag(endpointName),
        },
        child,
      ).endpoint;
    }
    this.proxyName = proxy.name;
    this.arn = proxy.arn;
    this.endpoint = proxy.endpoint;
    this.resourceId = proxy.arn.apply((arn) => arn.split(":").pop() ?? "");
    this.roleArn = role.arn;
    this.registerOutputs({
      proxyName: this.proxyName,
      arn: this.arn,
      endpoint: this.endpoint,
      resourceId: this.resourceId,
      roleArn: this.roleArn,
      readerEndpoint: this.readerEndpoint,
    });
  }
}

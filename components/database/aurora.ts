/**
 * Aurora PostgreSQL Serverless v2: CMK-encrypted storage, IAM auth, an RDS-managed master
 * secret under a CMK, a parameter group forcing TLS (and logical replication for the DR
 * subscriber), PostgreSQL logs to a pre-created CMK log group, Performance Insights under the
 * CMK, and a writer plus readers on `db.serverless` in the data subnets only.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, nameTag, statefulOptions } from "../common";
import { AURORA_DEFAULTS, READER_SCALING_DEFAULTS } from "../../platform-rules/aurora";
import { PORT, auroraArgsProblems, type AuroraArgs } from "./args";

/** Cluster parameters; `pending-reboot` for static ones RDS cannot apply live. */
export function clusterParameters(
  logicalReplication: "enabled" | "disabled",
): { name: string; value: string; applyMethod: "immediate" | "pending-reboot" }[] {
  return [
    { name: "rds.force_ssl", value: "1", applyMethod: "immediate" },
    { name: "ssl_min_protocol_version", value: "TLSv1.2", applyMethod: "immediate" },
    // PCI DSS 10.2: record every session start and end.
    { name: "log_connections", value: "1", applyMethod: "immediate" },
    { name: "log_disconnections", value: "1", applyMethod: "immediate" },
    // The DR publisher: logical replication, and pg_cron for the DR heartbeat job
    // (services/dr/migrations/cron; it replaces the engine default, pg_stat_statements, which is
    // kept). Both static, so pending-reboot; both only with DR, so an idle dev cluster can pause.
    ...(logicalReplication === "enabled"
      ? [
          { name: "rds.logical_replication", value: "1", applyMethod: "pending-reboot" as const },
          {
            name: "shared_preload_libraries",
            value: "pg_stat_statements,pg_cron",
            applyMethod: "pending-reboot" as const,
          },
        ]
      : []),
  ];
}

export class AuroraCluster extends pulumi.ComponentResource {
  readonly clusterArn: pulumi.Output<string>;
  readonly clusterIdentifier: pulumi.Output<string>;
  readonly clusterResourceId: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly readerEndpoint: pulumi.Output<string>;
  readonly port: number = PORT;
  readonly databaseName: string;
  /** Secrets Manager secret RDS manages for the master user. */
  readonly masterSecretArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: AuroraArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:database:AuroraCluster", name, {}, opts);
    assertValid("platform:database:AuroraCluster", name, auroraArgsProblems(args));
    const protection = args.protection ?? "retain";
    const retain = protection === "retain";
    const major = args.engineVersion.split(".")[0];
    const minCapacity = args.minCapacity ?? 0.5;
    const id = args.clusterIdentifier;
    const child = { parent: this };
    this.databaseName = args.databaseName ?? "app";

    const subnetGroup = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      { subnetIds: args.subnetIds, description: `${id}: data tier only`, tags: nameTag(`${name}-subnets`) },
      child,
    );
    const parameterGroup = new aws.rds.ClusterParameterGroup(
      `${name}-params`,
      {
        family: `aurora-postgresql${major}`,
        description: `${id}: TLS only, connection logging`,
        parameters: clusterParameters(args.logicalReplication ?? "disabled"),
        tags: nameTag(`${name}-params`),
      },
      child,
    );
    // RDS would create this group itself on first export, unencrypted and kept forever;
    // creating it first (hence the named cluster) gives it the logs CMK and a retention.
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-postgresql-logs`,
      {
        name: `/aws/rds/cluster/${id}/postgresql`,
        retentionInDays: args.logRetentionDays ?? 365,
        kmsKeyId: args.logsKmsKeyArn,
        tags: nameTag(`${name}-postgresql-logs`),
      },
      { ...child, ...statefulOptions(protection) },
    );

    const cluster = new aws.rds.Cluster(
      `${name}-cluster`,
      {
        clusterIdentifier: id,
        engine: "aurora-postgresql",
        engineMode: "provisioned",
        engineVersion: args.engineVersion,
        databaseName: this.databaseName,
        port: PORT,
        masterUsername: args.masterUsername ?? "platform_admin",
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: args.secretsKmsKeyArn,
        iamDatabaseAuthenticationEnabled: true,
        storageEncrypted: true,
        kmsKeyId: args.kmsKeyArn,
        serverlessv2ScalingConfiguration: {
          minCapacity,
          maxCapacity: args.maxCapacity ?? 16,
          ...(minCapacity === 0 ? { secondsUntilAutoPause: args.autoPauseSeconds } : {}),
        },
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: args.securityGroupIds,
        dbClusterParameterGroupName: parameterGroup.name,
        enabledCloudwatchLogsExports: ["postgresql"],
        backupRetentionPeriod: args.backupRetentionDays ?? 7,
        preferredBackupWindow: args.preferredBackupWindow ?? "03:00-04:00",
        preferredMaintenanceWindow: args.preferredMaintenanceWindow ?? "sun:04:30-sun:05:30",
        copyTagsToSnapshot: true,
        deletionProtection: retain,
        skipFinalSnapshot: !retain,
        finalSnapshotIdentifier: retain ? `${id}-final` : undefined,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: args.kmsKeyArn,
        tags: nameTag(id, args.tags),
      },
      // Minor versions move under RDS's automatic minor upgrades (autoMinorVersionUpgrade on the
      // instances): engineVersion is the version a new cluster starts on, and a later plan must not
      // try to "upgrade" back to it ("Cannot upgrade aurora-postgresql from 17.x to 17.4"). A major
      // upgrade is a deliberate change (docs/deploy-readiness.md, "AWS: AuroraCluster").
      { ...child, ...statefulOptions(protection), dependsOn: [logGroup], ignoreChanges: ["engineVersion"] },
    );

    const zones = args.availabilityZones ? pulumi.output(args.availabilityZones) : undefined;
    const readers = args.readerInstances ?? AURORA_DEFAULTS.readerInstances;
    const instances: aws.rds.ClusterInstance[] = [];
    for (let i = 0; i <= readers; i++) {
      const role = i === 0 ? "writer" : `reader-${i}`;
      const instance = new aws.rds.ClusterInstance(
        `${name}-${role}`,
        {
          clusterIdentifier: cluster.id,
          engine: "aurora-postgresql",
          // No engineVersion: instances run the cluster's version; pinning it here would fight
          // the automatic minor upgrades like the cluster's would.
          instanceClass: "db.serverless",
          publiclyAccessible: false,
          // Round-robin from the writer's zone, so each reader sits in another AZ when there are enough.
          availabilityZone: zones?.apply((z) => z[i % z.length]),
          // Tier 0/1 readers scale with the writer, so a failover lands on a warm instance.
          promotionTier: i === 0 ? 0 : 1,
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: args.kmsKeyArn,
          caCertIdentifier: "rds-ca-rsa2048-g1",
          autoMinorVersionUpgrade: true,
          copyTagsToSnapshot: true,
          tags: nameTag(`${id}-${role}`),
        },
        child,
      );
      instances.push(instance);
    }

    if (args.readerAutoScaling) {
      // Aurora Auto Scaling acts only on an available cluster with its writer: register after the instances.
      const scaling = args.readerAutoScaling;
      const target = new aws.appautoscaling.Target(
        `${name}-readers`,
        {
          serviceNamespace: "rds",
          scalableDimension: "rds:cluster:ReadReplicaCount",
          resourceId: pulumi.interpolate`cluster:${cluster.clusterIdentifier}`,
          minCapacity: scaling.minReaders,
          maxCapacity: scaling.maxReaders,
          tags: nameTag(`${id}-readers`),
        },
        { ...child, dependsOn: instances },
      );
      new aws.appautoscaling.Policy(
        `${name}-readers-cpu`,
        {
          policyType: "TargetTrackingScaling",
          serviceNamespace: target.serviceNamespace,
          scalableDimension: target.scalableDimension,
          resourceId: target.resourceId,
          targetTrackingScalingPolicyConfiguration: {
            predefinedMetricSpecification: { predefinedMetricType: "RDSReaderAverageCPUUtilization" },
            targetValue: scaling.targetCpuPercent ?? READER_SCALING_DEFAULTS.targetCpuPercent,
            scaleInCooldown: READER_SCALING_DEFAULTS.scaleInCooldownSeconds,
            scaleOutCooldown: READER_SCALING_DEFAULTS.scaleOutCooldownSeconds,
          },
        },
        child,
      );
    }

    this.clusterArn = cluster.arn;
    this.clusterIdentifier = cluster.clusterIdentifier;
    this.clusterResourceId = cluster.clusterResourceId;
    this.endpoint = cluster.endpoint;
    this.readerEndpoint = cluster.readerEndpoint;
    this.masterSecretArn = cluster.masterUserSecrets.apply((s) => s?.[0]?.secretArn ?? "");
    this.logGroupName = logGroup.name;
    this.registerOutputs({
      clusterArn: this.clusterArn,
      clusterIdentifier: this.clusterIdentifier,
      clusterResourceId: this.clusterResourceId,
      endpoint: this.endpoint,
      readerEndpoint: this.readerEndpoint,
      masterSecretArn: this.masterSecretArn,
      logGroupName: this.logGroupName,
    });
  }
}

/**
 * Failover DNS on Route 53. `<record>.<zone>` is a pair of CNAME failover records:
 *   PRIMARY   → the API Gateway regional domain, healthy while HTTPS GET <probe>/health answers
 *               AND the standby is not promoted;
 *   SECONDARY → the standby's front door, healthy exactly while the standby is promoted.
 *
 * The promotion gate lives outside the primary region (issue 12): two CloudWatch alarms in
 * `gateRegion` (e.g. us-east-2) on Platform/DR StandbyPromoted, which the promote step publishes
 * (1) and the failback step publishes (0) from the Azure side. Both treat missing data as
 * `ignore`, so the gate is LATCHED: it opens on one published 1, stays open through any number
 * of missed samples, and only an explicit 0 closes it. Before anything is published the alarms
 * are INSUFFICIENT_DATA: the gate reads closed, the "not promoted" check reads healthy. Route 53
 * health checkers read the alarms from their own fleet (DNS answers and health checks are the
 * Route 53 data plane, which does not run in us-east-1), so detection-to-answer needs nothing in
 * us-east-1 while it is down.
 *
 * Why PRIMARY carries "not promoted": with both records unhealthy Route 53 answers PRIMARY, so a
 * SECONDARY that also depended on the standby's HTTPS probe would hand clients back to the dead
 * primary on one bad probe. SECONDARY's health is therefore the gate alone, and once the gate is
 * open PRIMARY is unhealthy whatever its probe says: no flapping until failback closes the gate.
 * Both records are CNAMEs because an alias can only point at AWS targets and failover partners
 * must share a type; hence the name is never the zone apex. See docs/components/dr.md.
 *
 * The standby probe feeds a "standby unhealthy" alarm in normal running (Route 53 health-check
 * metrics exist only in us-east-1, so that alarm lives there; it is a day-to-day check, not part
 * of the failover path): an expired certificate, an empty API-key secret or a broken deployment
 * must page someone the day it happens, not be discovered at failover.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems, known, nameTag } from "../common";
import {
  assessRecoveryObjectives,
  gateTimingProblems,
  objectiveTags,
  STANDBY_UNHEALTHY_PERIODS,
  type RecoveryObjectives,
} from "../../platform-rules/recovery-objectives";

/** The metric the promote (1) and failback (0) steps publish in the gate region; the gate reads it. */
export const PROMOTED_METRIC = { namespace: "Platform/DR", metricName: "StandbyPromoted" } as const;
/** Route 53 publishes health-check metrics to CloudWatch in us-east-1 only. */
export const ROUTE53_METRICS_REGION = "us-east-1";

export interface FailoverDnsArgs {
  /** Public hosted zone to create, e.g. fx.example.com. Required unless zoneId is given. */
  readonly zoneName: string;
  /** Use this existing hosted zone instead of creating one. Default: create. */
  readonly zoneId?: pulumi.Input<string>;
  /** One DNS label, e.g. api (never the apex). Required. */
  readonly recordName: string;
  /** TTL of both records, 1 to 86400. */
  readonly ttlSeconds: number;
  /** 10 or 30. */
  readonly healthCheckIntervalSeconds: number;
  /** 1 to 10. */
  readonly failureThreshold: number;
  /** The AWS API: CNAME target and the host/path probed directly (never through the failover name). */
  readonly primary: {
    readonly target: pulumi.Input<string>;
    readonly probeFqdn: pulumi.Input<string>;
    readonly probePath: pulumi.Input<string>;
  };
  /** The Azure API: CNAME target (also probed) and its health path. `verificationId` adds the asuid TXT record. */
  readonly secondary: {
    readonly target: pulumi.Input<string>;
    readonly probePath: string;
    readonly verificationId?: pulumi.Input<string>;
  };
  /** The objectives this DNS must meet (checked with assessRecoveryObjectives; also tagged on the primary health check). */
  readonly objectives: RecoveryObjectives;
  /** Region of the alarms (the provider's region). Must be us-east-1, where Route 53 publishes health-check metrics. Required. */
  readonly alarmRegion: string;
  /** SNS topic notified when the health checks' alarms change. Default none. */
  readonly alarmTopicArn?: pulumi.Input<string>;
  /**
   * Where the promotion gate's alarms live: an AWS provider for a region other than the
   * primary's, and its region name. Their period and datapoints to open are
   * `objectives.gate.alarmPeriodSeconds` and `objectives.gate.datapointsToOpen`, so the RTO model
   * counts the gate that is deployed. Required.
   */
  readonly gate: {
    readonly provider: pulumi.ProviderResource;
    readonly region: string;
    /** Region of the primary API, which the gate must not share. */
    readonly primaryRegion: string;
    /** SNS topic in the gate region the gate alarms notify on every state change. Default none. */
    readonly alarmTopicArn?: pulumi.Input<string>;
  };
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ZONE = /^([a-z0-9-]+\.)+[a-z]{2,}$/;

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function failoverDnsArgsProblems(args: FailoverDnsArgs): readonly string[] {
  return collectProblems((p) => {
    if (!ZONE.test(args.zoneName))
      p.add("zoneName", `expected a zone like fx.example.com; got ${JSON.stringify(args.zoneName)}`);
    if (!LABEL.test(args.recordName))
      p.add(
        "recordName",
        `expected one DNS label like api (CNAMEs cannot sit at the apex); got ${JSON.stringify(args.recordName)}`,
      );
    if (![10, 30].includes(args.healthCheckIntervalSeconds))
      p.add(
        "healthCheckIntervalSeconds",
        `expected 10 or 30 (the intervals Route 53 supports); got ${args.healthCheckIntervalSeconds}`,
      );
    if (!(Number.isInteger(args.failureThreshold) && args.failureThreshold >= 1 && args.failureThreshold <= 10))
      p.add("failureThreshold", `expected 1 to 10; got ${args.failureThreshold}`);
    if (!(Number.isInteger(args.ttlSeconds) && args.ttlSeconds >= 1 && args.ttlSeconds <= 86400))
      p.add("ttlSeconds", `expected 1 to 86400; got ${args.ttlSeconds}`);
    if (known(args.primary.probePath) && !args.primary.probePath.startsWith("/"))
      p.add("primary.probePath", "must start with /");
    if (!args.secondary.probePath.startsWith("/")) p.add("secondary.probePath", "must start with /");
    if (args.alarmRegion !== ROUTE53_METRICS_REGION)
      p.add(
        "alarmRegion",
        `must be ${ROUTE53_METRICS_REGION}: Route 53 publishes health-check metrics only there, so ` +
          `alarms elsewhere never see them; got ${JSON.stringify(args.alarmRegion)}`,
      );
    if (args.gate.region === args.gate.primaryRegion)
      p.add(
        "gate.region",
        `must differ from the primary region ${args.gate.primaryRegion}: the failover gate has to work while that region is down`,
      );
    for (const problem of gateTimingProblems(args.objectives.gate))
      p.add(`objectives.gate.${problem.field}`, problem.message);
    const { problems } = assessRecoveryObjectives({
      ...args.objectives,
      ttlSeconds: args.ttlSeconds,
      healthCheckIntervalSeconds: args.healthCheckIntervalSeconds,
      failureThreshold: args.failureThreshold,
    });
    for (const problem of problems) p.add(`objectives.${problem.field}`, problem.message);
  });
}

export class FailoverDns extends pulumi.ComponentResource {
  readonly zoneId: pulumi.Output<string>;
  readonly nameServers: pulumi.Output<string[]>;
  /** `<record>.<zone>`. */
  readonly fqdn: string;
  readonly primaryHealthCheckId: pulumi.Output<string>;
  readonly secondaryHealthCheckId: pulumi.Output<string>;
  /** The gate alarm (in `gateRegion`): OK while the standby is promoted. */
  readonly promotedAlarmName: pulumi.Output<string>;
  readonly gateRegion: string;
  /** Alarm on the standby probe in normal running (HealthCheckStatus < 1 for 3 of 3 periods of objectives.gate.alarmPeriodSeconds). */
  readonly standbyUnhealthyAlarmName: pulumi.Output<string>;
  /** The `asuid.<fqdn>` TXT record (when `secondary.verificationId` is given): the standby's host name binding waits for it. */
  readonly verificationRecord: aws.route53.Record | undefined;

  constructor(name: string, args: FailoverDnsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:dr:FailoverDns", name, {}, opts);
    assertValid("platform:dr:FailoverDns", name, failoverDnsArgsProblems(args));
    const child = { parent: this };
    const fqdn = `${args.recordName}.${args.zoneName}`;
    let zoneId: pulumi.Output<string>;
    let nameServers: pulumi.Output<string[]>;
    if (args.zoneId !== undefined) {
      zoneId = pulumi.output(args.zoneId);
      nameServers = pulumi.output([]);
    } else {
      const zone = new aws.route53.Zone(
        `${name}-zone`,
        { name: args.zoneName, comment: "Platform API with Azure DR failover", tags: nameTag(args.zoneName) },
        child,
      );
      zoneId = zone.zoneId;
      nameServers = zone.nameServers;
    }
    const probe = {
      type: "HTTPS",
      port: 443,
      requestInterval: args.healthCheckIntervalSeconds,
      failureThreshold: args.failureThreshold,
      enableSni: true,
      measureLatency: true,
    };
    const objectives = {
      ...args.objectives,
      ttlSeconds: args.ttlSeconds,
      healthCheckIntervalSeconds: args.healthCheckIntervalSeconds,
      failureThreshold: args.failureThreshold,
    };
    const primaryCheck = new aws.route53.HealthCheck(
      `${name}-primary-check`,
      {
        ...probe,
        fqdn: args.primary.probeFqdn,
        resourcePath: args.primary.probePath,
        tags: nameTag(`${fqdn} primary (AWS)`, objectiveTags(objectives)),
      },
      child,
    );
    const secondaryProbe = new aws.route53.HealthCheck(
      `${name}-secondary-probe`,
      {
        ...probe,
        fqdn: args.secondary.target,
        resourcePath: args.secondary.probePath,
        tags: nameTag(`${fqdn} secondary probe (Azure)`),
      },
      child,
    );

    const actions = args.alarmTopicArn !== undefined ? [args.alarmTopicArn] : [];
    // The latched gate, in the gate region. "ignore" keeps each alarm's state through missing
    // data: only a published value moves it.
    const gateOptions = { parent: this, provider: args.gate.provider };
    const gateActions = args.gate.alarmTopicArn !== undefined ? [args.gate.alarmTopicArn] : [];
    const latch = (role: string, comparisonOperator: string, description: string) =>
      new aws.cloudwatch.MetricAlarm(
        `${name}-${role}`,
        {
          alarmDescription:
            `${description} Latched: missing data keeps the state; the DR promote step publishes ` +
            `${PROMOTED_METRIC.namespace} ${PROMOTED_METRIC.metricName}=1 in ${args.gate.region}, ` +
            `failback publishes 0.`,
          namespace: PROMOTED_METRIC.namespace,
          metricName: PROMOTED_METRIC.metricName,
          statistic: "Maximum",
          period: args.objectives.gate.alarmPeriodSeconds,
          evaluationPeriods: args.objectives.gate.datapointsToOpen,
          comparisonOperator,
          threshold: 1,
          treatMissingData: "ignore",
          // Every change of the gate is news (opened, closed by failback): notify the gate region's page topic.
          alarmActions: gateActions,
          okActions: gateActions,
          insufficientDataActions: gateActions,
          tags: nameTag(`${name}-${role}`),
        },
        gateOptions,
      );
    const notPromoted = latch(
      "standby-not-promoted",
      "LessThanThreshold",
      `OK only once the Azure standby is promoted: gates Route 53 SECONDARY for ${fqdn}.`,
    );
    const promotedAlarm = latch(
      "standby-promoted",
      "GreaterThanOrEqualToThreshold",
      `ALARM once the Azure standby is promoted: takes Route 53 PRIMARY for ${fqdn} out of service.`,
    );
    const promotedCheck = new aws.route53.HealthCheck(
      `${name}-promoted-check`,
      {
        type: "CLOUDWATCH_METRIC",
        cloudwatchAlarmName: notPromoted.name,
        cloudwatchAlarmRegion: args.gate.region,
        // Nothing published yet = never promoted: the gate stays closed.
        insufficientDataHealthStatus: "Unhealthy",
        tags: nameTag(`${fqdn} standby promoted (gate, ${args.gate.region})`),
      },
      child,
    );
    const notPromotedCheck = new aws.route53.HealthCheck(
      `${name}-not-promoted-check`,
      {
        type: "CLOUDWATCH_METRIC",
        cloudwatchAlarmName: promotedAlarm.name,
        cloudwatchAlarmRegion: args.gate.region,
        insufficientDataHealthStatus: "Healthy",
        tags: nameTag(`${fqdn} standby not promoted (${args.gate.region})`),
      },
      child,
    );
    const primaryGate = new aws.route53.HealthCheck(
      `${name}-primary-gate`,
      {
        type: "CALCULATED",
        childHealthchecks: [primaryCheck.id, notPromotedCheck.id],
        childHealthThreshold: 2,
        tags: nameTag(`${fqdn} primary = probe AND not promoted`),
      },
      child,
    );
    new aws.cloudwatch.MetricAlarm(
      `${name}-primary-unhealthy`,
      {
        alarmDescription: `Route 53 sees the primary API (${fqdn}) unhealthy: start the failover runbook (docs/runbooks/failover.md).`,
        namespace: "AWS/Route53",
        metricName: "HealthCheckStatus",
        dimensions: { HealthCheckId: primaryCheck.id },
        statistic: "Minimum",
        period: args.objectives.gate.alarmPeriodSeconds,
        evaluationPeriods: 1,
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        treatMissingData: "breaching",
        alarmActions: actions,
        okActions: actions,
        insufficientDataActions: actions,
        tags: nameTag(`${name}-primary-unhealthy`),
      },
      child,
    );

    // Normal running: the standby must stay deployable-to. The probe fails on a bad certificate,
    // a missing package (host 404) or unset settings (the adapter answers 503).
    const standbyUnhealthy = new aws.cloudwatch.MetricAlarm(
      `${name}-standby-unhealthy`,
      {
        alarmDescription:
          `Route 53 sees the Azure standby (${args.secondary.probePath} on the Function App) ` +
          `unhealthy for ${(STANDBY_UNHEALTHY_PERIODS * args.objectives.gate.alarmPeriodSeconds) / 60} minutes: failover to it would fail. Check its ` +
          `certificate, API-key secret and deployment (docs/runbooks/failover.md, pre-checks).`,
        namespace: "AWS/Route53",
        metricName: "HealthCheckStatus",
        dimensions: { HealthCheckId: secondaryProbe.id },
        statistic: "Minimum",
        period: args.objectives.gate.alarmPeriodSeconds,
        evaluationPeriods: STANDBY_UNHEALTHY_PERIODS,
        datapointsToAlarm: STANDBY_UNHEALTHY_PERIODS,
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        treatMissingData: "breaching",
        alarmActions: actions,
        okActions: actions,
        insufficientDataActions: actions,
        tags: nameTag(`${name}-standby-unhealthy`),
      },
      child,
    );

    const record = (role: "primary" | "secondary", target: pulumi.Input<string>, healthCheckId: pulumi.Input<string>) =>
      new aws.route53.Record(
        `${name}-${role}`,
        {
          zoneId,
          name: fqdn,
          type: "CNAME",
          ttl: args.ttlSeconds,
          records: [target],
          setIdentifier: role === "primary" ? "primary-aws" : "secondary-azure",
          failoverRoutingPolicies: [{ type: role.toUpperCase() }],
          healthCheckId,
        },
        child,
      );
    record("primary", args.primary.target, primaryGate.id);
    record("secondary", args.secondary.target, promotedCheck.id);
    if (args.secondary.verificationId !== undefined) {
      // Lets the Function App bind the custom host name while the CNAME still points at AWS.
      this.verificationRecord = new aws.route53.Record(
        `${name}-azure-verification`,
        { zoneId, name: `asuid.${fqdn}`, type: "TXT", ttl: 300, records: [args.secondary.verificationId] },
        child,
      );
    }

    this.zoneId = zoneId;
    this.nameServers = nameServers;
    this.fqdn = fqdn;
    this.primaryHealthCheckId = primaryCheck.id;
    this.secondaryHealthCheckId = promotedCheck.id;
    this.promotedAlarmName = notPromoted.name;
    this.gateRegion = args.gate.region;
    this.standbyUnhealthyAlarmName = standbyUnhealthy.name;
    this.registerOutputs({
      zoneId,
      nameServers,
      fqdn,
      primaryHealthCheckId: this.primaryHealthCheckId,
      secondaryHealthCheckId: this.secondaryHealthCheckId,
      promotedAlarmName: this.promotedAlarmName,
      gateRegion: this.gateRegion,
      standbyUnhealthyAlarmName: this.standbyUnhealthyAlarmName,
    });
  }
}
